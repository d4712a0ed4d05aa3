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
    pub fn label(self) -> &'static str {
        match self {
            Impact::Low => "Just me",
            Impact::Medium => "My team",
            Impact::High => "The whole site",
        }
    }
}

impl Urgency {
    pub fn label(self) -> &'static str {
        match self {
            Urgency::Low => "I can work around it",
            Urgency::Medium => "It slows me down a lot",
            Urgency::High => "I am blocked",
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

    pub fn label(self) -> &'static str {
        match self {
            Priority::P1 => "P1 critical",
            Priority::P2 => "P2 high",
            Priority::P3 => "P3 medium",
            Priority::P4 => "P4 low",
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
