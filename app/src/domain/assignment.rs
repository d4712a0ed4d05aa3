//! Ranking technicians for a ticket: skill in its category, a tier that fits its priority, room
//! under their capacity, and availability. Every score comes with the reasons a coordinator reads.

use super::Priority;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub id: i64,
    pub name: String,
    /// 1 front line, 2 specialist, 3 expert.
    pub tier: i64,
    /// Skill level 1–3 in the ticket's category, 0 without the skill.
    pub skill: i64,
    pub open_load: i64,
    pub capacity: i64,
    pub available: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked {
    pub id: i64,
    pub score: i64,
    pub reasons: Vec<Msg>,
}

/// The tier a priority is best served by: P1 goes to experts, P4 to the front line.
pub fn preferred_tier(priority: Priority) -> i64 {
    match priority {
        Priority::P1 => 3,
        Priority::P2 => 2,
        Priority::P3 | Priority::P4 => 1,
    }
}

/// Candidates best first; unavailable people are left out. `min_tier` filters for escalation.
pub fn rank(
    candidates: &[Candidate],
    category: &str,
    priority: Priority,
    min_tier: i64,
) -> Vec<Ranked> {
    let want = preferred_tier(priority);
    let mut ranked: Vec<(Ranked, String)> = candidates
        .iter()
        .filter(|c| c.available && c.tier >= min_tier)
        .map(|c| {
            let mut reasons = Vec::new();
            let mut score = 0;
            if c.skill > 0 {
                score += 30 * c.skill;
                reasons.push(
                    Msg::new("reason-skill")
                        .text("category", category)
                        .number("level", c.skill),
                );
            } else {
                score -= 40;
                reasons.push(Msg::new("reason-no-skill").text("category", category));
            }
            let tier_gap = (c.tier - want).abs();
            score -= 10 * tier_gap;
            let tier = if tier_gap == 0 {
                Msg::new("reason-tier-fits")
            } else {
                Msg::new("reason-tier-other").number("want", want)
            };
            reasons.push(
                tier.number("tier", c.tier)
                    .text("priority", priority.to_string()),
            );
            let room = c.capacity - c.open_load;
            if room > 0 {
                score += 5 * room.min(5);
            } else {
                score -= 25 + 5 * (-room);
            }
            reasons.push(
                Msg::new("reason-load")
                    .number("open", c.open_load)
                    .number("capacity", c.capacity),
            );
            (
                Ranked {
                    id: c.id,
                    score,
                    reasons,
                },
                c.name.clone(),
            )
        })
        .collect();
    ranked.sort_by(|(a, an), (b, bn)| b.score.cmp(&a.score).then_with(|| an.cmp(bn)));
    ranked.into_iter().map(|(r, _)| r).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, tier: i64, skill: i64, load: i64, available: bool) -> Candidate {
        Candidate {
            id,
            name: format!("T{id}"),
            tier,
            skill,
            open_load: load,
            capacity: 6,
            available,
        }
    }

    #[test]
    fn skill_beats_no_skill_and_reasons_explain() {
        let r = rank(
            &[c(1, 1, 0, 0, true), c(2, 1, 2, 3, true)],
            "network",
            Priority::P3,
            1,
        );
        assert_eq!(r[0].id, 2);
        let english: Vec<String> = r[0]
            .reasons
            .iter()
            .map(|m| m.render(&crate::i18n::Locale::default()))
            .collect();
        assert_eq!(
            english,
            vec![
                "network skill level 2",
                "tier 1 fits P3",
                "3 of 6 open tickets"
            ]
        );
    }

    #[test]
    fn unavailable_people_and_lower_tiers_are_left_out() {
        let r = rank(
            &[
                c(1, 3, 3, 0, false),
                c(2, 1, 3, 0, true),
                c(3, 2, 1, 0, true),
            ],
            "hardware",
            Priority::P1,
            2,
        );
        assert_eq!(r.iter().map(|r| r.id).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn overloaded_people_sink() {
        let r = rank(
            &[c(1, 1, 2, 9, true), c(2, 1, 2, 1, true)],
            "software",
            Priority::P4,
            1,
        );
        assert_eq!(r[0].id, 2);
    }
}
