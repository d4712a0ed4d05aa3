//! ITIL priority: impact × urgency gives P1–P4, through a matrix that is configuration.

use super::closed_enum;
use serde::{Deserialize, Serialize};

closed_enum!(
    /// How widely a problem hurts the organisation.
    Impact { Low => "low", Medium => "medium", High => "high" }
);
closed_enum!(
    /// How soon the problem must be dealt with.
    Urgency { Low => "low", Medium => "medium", High => "high" }
);
closed_enum!(
    /// P1 is the most urgent; ordering follows the declaration, so `P1 < P4`.
    Priority { P1 => "P1", P2 => "P2", P3 => "P3", P4 => "P4" }
);

impl Impact {
    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Impact::Low => "impact-low",
            Impact::Medium => "impact-medium",
            Impact::High => "impact-high",
        }
    }
}

impl Urgency {
    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Urgency::Low => "urgency-low",
            Urgency::Medium => "urgency-medium",
            Urgency::High => "urgency-high",
        }
    }
}

impl Priority {
    /// One step more urgent, stopping at P1.
    pub fn raised(self) -> Priority {
        match self {
            Priority::P1 | Priority::P2 => Priority::P1,
            Priority::P3 => Priority::P2,
            Priority::P4 => Priority::P3,
        }
    }

    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Priority::P1 => "priority-p1",
            Priority::P2 => "priority-p2",
            Priority::P3 => "priority-p3",
            Priority::P4 => "priority-p4",
        }
    }
}

/// The priority for each impact (rows: low, medium, high) and urgency (columns: low, medium, high).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityMatrix(pub [[Priority; 3]; 3]);

impl Default for PriorityMatrix {
    /// The usual ITIL table squeezed to four levels.
    fn default() -> Self {
        use Priority::*;
        PriorityMatrix([[P4, P4, P3], [P4, P3, P2], [P3, P2, P1]])
    }
}

impl PriorityMatrix {
    /// Reads a matrix written row by row for impact low, medium, high, each row the priorities for
    /// urgency low, medium, high: `P4,P4,P3;P4,P3,P2;P3,P2,P1` (the default).
    pub fn parse(s: &str) -> Result<Self, String> {
        let rows: Vec<&str> = s.split(';').map(str::trim).collect();
        if rows.len() != 3 {
            return Err("the priority matrix needs 3 rows separated by ';'".into());
        }
        let mut m = [[Priority::P4; 3]; 3];
        for (i, row) in rows.iter().enumerate() {
            let cells: Vec<&str> = row.split(',').map(str::trim).collect();
            if cells.len() != 3 {
                return Err(format!(
                    "row {} of the priority matrix needs 3 priorities",
                    i + 1
                ));
            }
            for (j, cell) in cells.iter().enumerate() {
                m[i][j] = cell
                    .parse()
                    .map_err(|e: super::UnknownValue| e.to_string())?;
            }
        }
        Ok(PriorityMatrix(m))
    }

    pub fn priority(&self, impact: Impact, urgency: Urgency) -> Priority {
        self.0[impact as usize][urgency as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_matrix_is_monotonic_and_has_all_levels() {
        let m = PriorityMatrix::default();
        assert_eq!(m.priority(Impact::High, Urgency::High), Priority::P1);
        assert_eq!(m.priority(Impact::Low, Urgency::Low), Priority::P4);
        assert_eq!(m.priority(Impact::Medium, Urgency::High), Priority::P2);
        assert_eq!(m.priority(Impact::High, Urgency::Low), Priority::P3);
        for &i in Impact::ALL {
            for w in Urgency::ALL.windows(2) {
                assert!(
                    m.priority(i, w[1]) <= m.priority(i, w[0]),
                    "more urgency never lowers priority"
                );
            }
        }
    }

    #[test]
    fn matrix_parses_from_configuration() {
        assert_eq!(
            PriorityMatrix::parse("P4,P4,P3;P4,P3,P2;P3,P2,P1"),
            Ok(PriorityMatrix::default())
        );
        let strict = PriorityMatrix::parse("P4,P3,P2; P3,P2,P1; P2,P1,P1").unwrap();
        assert_eq!(strict.priority(Impact::High, Urgency::Medium), Priority::P1);
        assert!(PriorityMatrix::parse("P4,P4;P4,P3,P2;P3,P2,P1").is_err());
        assert!(PriorityMatrix::parse("P4,P4,P9;P4,P3,P2;P3,P2,P1").is_err());
    }

    #[test]
    fn raising_stops_at_p1() {
        assert_eq!(Priority::P4.raised(), Priority::P3);
        assert_eq!(Priority::P1.raised(), Priority::P1);
    }

    #[test]
    fn unknown_encodings_are_errors() {
        assert!("P5".parse::<Priority>().is_err());
        assert_eq!("high".parse::<Impact>(), Ok(Impact::High));
    }
}
