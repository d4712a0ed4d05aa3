//! Service-level clocks. Targets count business time in a working calendar (weekly hours in a
//! time zone, minus holidays) and stand still while a ticket waits on someone else. Everything is
//! computed from the ticket's history, so a priority or policy change recomputes due times without
//! losing time already used or paused.

use super::{closed_enum, Priority};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

mod calendar;
mod rules;
mod timeline;

pub use calendar::Calendar;
pub use rules::{ClockKind, Rule, RuleAction};
pub use timeline::{Phase, Timeline};

closed_enum! {
    /// How a ticket stands against its targets.
    SlaState {
        OnTrack => "on_track",
        AtRisk => "at_risk",
        Breached => "breached",
    }
}

/// Targets for one priority.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Target {
    pub response_minutes: i64,
    pub resolution_minutes: i64,
    /// Counted around the clock instead of in the policy's calendar (a P1 usually is).
    pub around_the_clock: bool,
}

/// Targets per priority, the calendar they count in, which tickets they cover and what happens
/// as they run out.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub id: i64,
    pub name: String,
    /// Category slugs this policy covers.
    pub categories: Vec<String>,
    /// Teams whose routed tickets this policy covers. A policy with neither is the default.
    pub teams: Vec<String>,
    pub calendar: Calendar,
    /// P1 to P4.
    pub targets: [Target; 4],
    /// Share of a target used after which a ticket is at risk.
    pub at_risk_percent: u32,
    pub rules: Vec<Rule>,
}

impl Policy {
    pub fn target(&self, p: Priority) -> Target {
        self.targets[priority_index(p)]
    }

    pub fn calendar_for(&self, p: Priority) -> Calendar {
        if self.target(p).around_the_clock {
            Calendar::around_the_clock()
        } else {
            self.calendar.clone()
        }
    }

    /// The first policy naming the category, else the first naming the team the category is
    /// routed to, else the first default policy.
    pub fn choose<'a>(
        policies: &'a [Policy],
        category: &str,
        team: Option<&str>,
    ) -> Option<&'a Policy> {
        policies
            .iter()
            .find(|p| p.categories.iter().any(|c| c == category))
            .or_else(|| {
                team.and_then(|team| policies.iter().find(|p| p.teams.iter().any(|t| t == team)))
            })
            .or_else(|| {
                policies
                    .iter()
                    .find(|p| p.categories.is_empty() && p.teams.is_empty())
            })
    }
}

fn priority_index(p: Priority) -> usize {
    match p {
        Priority::P1 => 0,
        Priority::P2 => 1,
        Priority::P3 => 2,
        Priority::P4 => 3,
    }
}

/// A ticket's clocks as of an evaluation: what is stored with the ticket and shown everywhere.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sla {
    pub policy: String,
    pub response_due: Option<DateTime<Utc>>,
    pub response_warn: Option<DateTime<Utc>>,
    pub responded_at: Option<DateTime<Utc>>,
    /// The resolution deadline while the clock runs.
    pub resolution_due: Option<DateTime<Utc>>,
    pub resolution_warn: Option<DateTime<Utc>>,
    pub phase: Phase,
    /// Business time left for resolution, in milliseconds (negative once overdue), as of the
    /// last evaluation or read.
    pub resolution_left_ms: i64,
    /// The resolution state while the clock stands still (it cannot change then).
    pub held: SlaState,
}

impl Sla {
    /// Computes both clocks from the ticket's history.
    pub fn evaluate(
        policy: &Policy,
        priority: Priority,
        timeline: &Timeline,
        responded_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Sla {
        let target = policy.target(priority);
        let calendar = policy.calendar_for(priority);
        let response_target = Duration::minutes(target.response_minutes);
        let resolution_target = Duration::minutes(target.resolution_minutes);
        let share = |d: Duration| d * policy.at_risk_percent.min(100) as i32 / 100;

        let response_clock = match responded_at {
            Some(at) => timeline.stopped_at(at),
            None => timeline.clone(),
        };
        let response_due = response_clock.reaches(&calendar, response_target);
        let response_warn = response_clock.reaches(&calendar, share(response_target));

        let phase = timeline.phase();
        let (resolution_due, resolution_warn, left) = match phase {
            Phase::Running => {
                let due = timeline.reaches(&calendar, resolution_target);
                let left = due
                    .map(|d| signed_between(&calendar, now, d))
                    .unwrap_or_default();
                (
                    due,
                    timeline.reaches(&calendar, share(resolution_target)),
                    left,
                )
            }
            _ => (
                None,
                None,
                resolution_target - timeline.used(&calendar, now),
            ),
        };
        let held = if left < Duration::zero() {
            SlaState::Breached
        } else if phase == Phase::Paused && left < resolution_target - share(resolution_target) {
            SlaState::AtRisk
        } else {
            SlaState::OnTrack
        };
        Sla {
            policy: policy.name.clone(),
            response_due,
            response_warn,
            responded_at,
            resolution_due,
            resolution_warn,
            phase,
            resolution_left_ms: left.num_milliseconds(),
            held,
        }
    }

    /// Where the ticket stands at `now`: the worse of its two clocks.
    pub fn state(&self, now: DateTime<Utc>) -> SlaState {
        let against = |due: Option<DateTime<Utc>>, warn: Option<DateTime<Utc>>| match due {
            Some(d) if now >= d => SlaState::Breached,
            _ if warn.is_some_and(|w| now >= w) => SlaState::AtRisk,
            _ => SlaState::OnTrack,
        };
        let response = match (self.responded_at, self.response_due) {
            (Some(at), Some(due)) if at > due => SlaState::Breached,
            (Some(_), _) => SlaState::OnTrack,
            (None, due) => against(due, self.response_warn),
        };
        let resolution = match self.phase {
            Phase::Running => against(self.resolution_due, self.resolution_warn),
            Phase::Paused | Phase::Stopped => self.held,
        };
        response.max(resolution)
    }

    /// The next deadline still running: an unanswered response, else an unresolved resolution.
    pub fn next_due(&self) -> Option<DateTime<Utc>> {
        let response = self.response_due.filter(|_| self.responded_at.is_none());
        let resolution = self.resolution_due.filter(|_| self.phase == Phase::Running);
        match (response, resolution) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    pub fn paused(&self) -> bool {
        self.phase == Phase::Paused
    }

    /// Refreshes the business time left for a read at `now`.
    pub fn at(mut self, calendar: &Calendar, now: DateTime<Utc>) -> Sla {
        if let (Phase::Running, Some(due)) = (self.phase, self.resolution_due) {
            self.resolution_left_ms = signed_between(calendar, now, due).num_milliseconds();
        }
        self
    }

    /// When each rule fires for this ticket, for the clocks still counting.
    pub fn rule_times(
        policy: &Policy,
        priority: Priority,
        timeline: &Timeline,
        responded_at: Option<DateTime<Utc>>,
    ) -> Vec<(String, DateTime<Utc>)> {
        let target = policy.target(priority);
        let calendar = policy.calendar_for(priority);
        policy
            .rules
            .iter()
            .filter_map(|rule| {
                let (clock, minutes) = match rule.clock {
                    ClockKind::Response if responded_at.is_some() => return None,
                    ClockKind::Response => (timeline, target.response_minutes),
                    ClockKind::Resolution => (timeline, target.resolution_minutes),
                };
                if clock.phase() != Phase::Running {
                    return None;
                }
                let amount = Duration::minutes(minutes) * rule.percent as i32 / 100;
                clock.reaches(&calendar, amount).map(|at| (rule.key(), at))
            })
            .collect()
    }
}

/// Working time from `now` to `due`, negative when `due` has passed.
fn signed_between(calendar: &Calendar, now: DateTime<Utc>, due: DateTime<Utc>) -> Duration {
    if due >= now {
        calendar.measure(now, due)
    } else {
        -calendar.measure(due, now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn office() -> Calendar {
        Calendar::parse(
            "Europe/Berlin",
            "mon-fri 08:00-12:00, 13:00-17:00",
            "2026-12-25 2026-12-24",
        )
        .unwrap()
    }

    #[test]
    fn hours_parse_and_print_back() {
        let c = office();
        assert_eq!(c.hours_text(), "mon-fri 08:00-12:00, 13:00-17:00");
        assert_eq!(c.holidays_text(), "2026-12-24 2026-12-25");
        let again = Calendar::parse("Europe/Berlin", &c.hours_text(), &c.holidays_text()).unwrap();
        assert_eq!(again, c);
        assert_eq!(
            Calendar::parse("UTC", "24x7", "").unwrap().hours_text(),
            "24x7"
        );
        assert!(Calendar::parse("Mars/Olympus", "24x7", "").is_err());
        assert!(Calendar::parse("UTC", "mon 17:00-08:00", "").is_err());
        assert!(Calendar::parse("UTC", "", "").is_err());
        assert!(Calendar::parse("UTC", "mon 08:00-12:00, 11:00-13:00", "").is_err());
        assert!(Calendar::parse("UTC", "mon-fri 08:00-17:00", "tomorrow").is_err());
    }

    #[test]
    fn adding_skips_nights_lunch_weekends_and_holidays() {
        let c = office();
        // Friday 16:00 Berlin (15:00 UTC in winter) + 2 h → Monday 09:00 Berlin.
        assert_eq!(
            c.add(at("2026-11-27T15:00:00Z"), Duration::hours(2)),
            at("2026-11-30T08:00:00Z")
        );
        // Across lunch: 11:00 + 2 h → 14:00.
        assert_eq!(
            c.add(at("2026-11-25T10:00:00Z"), Duration::hours(2)),
            at("2026-11-25T13:00:00Z")
        );
        // Wednesday 23 Dec 16:00 + 2 h skips the 24th and 25th and the weekend → Monday 28th 09:00.
        assert_eq!(
            c.add(at("2026-12-23T15:00:00Z"), Duration::hours(2)),
            at("2026-12-28T08:00:00Z")
        );
        // Outside hours the clock starts at the next opening.
        assert_eq!(
            c.add(at("2026-11-28T10:00:00Z"), Duration::minutes(30)),
            at("2026-11-30T07:30:00Z")
        );
    }

    #[test]
    fn daylight_saving_changes_keep_local_hours() {
        let c = office();
        // Friday 27 March 2026 16:00 CET (15:00 UTC) + 2 h → Monday 30 March 09:00 CEST (07:00 UTC).
        assert_eq!(
            c.add(at("2026-03-27T15:00:00Z"), Duration::hours(2)),
            at("2026-03-30T07:00:00Z")
        );
        let night = Calendar::parse("Europe/Berlin", "sun 01:00-04:00", "").unwrap();
        // On 29 March 2026 02:00–03:00 does not exist: the span is two real hours long.
        assert_eq!(
            night.measure(at("2026-03-28T00:00:00Z"), at("2026-03-30T00:00:00Z")),
            Duration::hours(2)
        );
        // On 25 October 2026 02:00–03:00 happens twice: four real hours.
        assert_eq!(
            night.measure(at("2026-10-24T00:00:00Z"), at("2026-10-26T00:00:00Z")),
            Duration::hours(4)
        );
    }

    fn policy(rules: &[&str]) -> Policy {
        let t = |r, s, a| Target {
            response_minutes: r,
            resolution_minutes: s,
            around_the_clock: a,
        };
        Policy {
            id: 1,
            name: "Standard".into(),
            categories: vec![],
            teams: vec![],
            calendar: office(),
            targets: [
                t(15, 240, true),
                t(60, 480, false),
                t(240, 1800, false),
                t(480, 3000, false),
            ],
            at_risk_percent: 75,
            rules: rules.iter().map(|r| Rule::parse(r).unwrap()).collect(),
        }
    }

    #[test]
    fn waiting_pauses_the_clock_and_priority_changes_keep_used_time() {
        let p = policy(&[]);
        // Filed Wednesday 09:00 Berlin; P2 has 8 business hours.
        let created = at("2026-11-25T08:00:00Z");
        let mut t = Timeline::starting(created);
        let sla = Sla::evaluate(&p, Priority::P2, &t, None, created);
        assert_eq!(sla.resolution_due, Some(at("2026-11-26T08:00:00Z")));
        // Two hours in, it waits on facility for a whole day; then resumes.
        t.push(at("2026-11-25T10:00:00Z"), Phase::Paused);
        let paused = Sla::evaluate(&p, Priority::P2, &t, None, at("2026-11-25T15:00:00Z"));
        assert!(paused.paused());
        assert_eq!(paused.resolution_due, None);
        assert_eq!(
            paused.resolution_left_ms,
            Duration::hours(6).num_milliseconds()
        );
        t.push(at("2026-11-26T10:00:00Z"), Phase::Running);
        let resumed = Sla::evaluate(&p, Priority::P2, &t, None, at("2026-11-26T10:00:00Z"));
        // Six hours left from Thursday 11:00 Berlin → Friday 09:00 Berlin.
        assert_eq!(resumed.resolution_due, Some(at("2026-11-27T08:00:00Z")));
        // Raised to P1 (4 h around the clock): the 2 h + 1 h already used count.
        let p1 = Sla::evaluate(&p, Priority::P1, &t, None, at("2026-11-26T11:00:00Z"));
        assert_eq!(p1.resolution_due, Some(at("2026-11-26T12:00:00Z")));
    }

    #[test]
    fn states_follow_the_clock() {
        let p = policy(&[]);
        let created = at("2026-11-25T08:00:00Z");
        let t = Timeline::starting(created);
        let sla = Sla::evaluate(
            &p,
            Priority::P2,
            &t,
            Some(at("2026-11-25T08:30:00Z")),
            created,
        );
        assert_eq!(sla.state(at("2026-11-25T09:00:00Z")), SlaState::OnTrack);
        // 75 % of 8 h = 6 h of business time (09–12, 13–16): Wednesday 16:00 Berlin.
        assert_eq!(sla.state(at("2026-11-25T14:59:00Z")), SlaState::OnTrack);
        assert_eq!(sla.state(at("2026-11-25T15:00:00Z")), SlaState::AtRisk);
        assert_eq!(sla.state(at("2026-11-26T08:00:00Z")), SlaState::Breached);
        // A late first response is a breach that stays.
        let late = Sla::evaluate(
            &p,
            Priority::P2,
            &t,
            Some(at("2026-11-25T10:00:00Z")),
            created,
        );
        assert_eq!(late.state(at("2026-11-25T10:00:00Z")), SlaState::Breached);
        // Resolved in time: on track for good; resolved late: breached for good.
        let mut done = t.clone();
        done.push(at("2026-11-25T12:00:00Z"), Phase::Stopped);
        let ok = Sla::evaluate(
            &p,
            Priority::P2,
            &done,
            Some(created),
            at("2026-12-20T00:00:00Z"),
        );
        assert_eq!(ok.state(at("2026-12-20T00:00:00Z")), SlaState::OnTrack);
        let mut slow = t.clone();
        slow.push(at("2026-11-27T12:00:00Z"), Phase::Stopped);
        let bad = Sla::evaluate(
            &p,
            Priority::P2,
            &slow,
            Some(created),
            at("2026-11-27T12:00:00Z"),
        );
        assert_eq!(bad.state(at("2026-11-27T12:00:00Z")), SlaState::Breached);
    }

    #[test]
    fn the_category_wins_over_the_team_and_the_team_over_the_default() {
        let named = |name: &str, categories: &[&str], teams: &[&str]| Policy {
            name: name.into(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            teams: teams.iter().map(|t| t.to_string()).collect(),
            ..policy(&[])
        };
        let all = [
            named("Default", &[], &[]),
            named("Network team", &[], &["Network"]),
            named("Printing", &["printing"], &[]),
        ];
        let pick = |c: &str, t: Option<&str>| Policy::choose(&all, c, t).map(|p| p.name.as_str());
        assert_eq!(pick("printing", Some("Network")), Some("Printing"));
        assert_eq!(pick("network", Some("Network")), Some("Network team"));
        assert_eq!(pick("network", None), Some("Default"));
        assert_eq!(
            Policy::choose(&all[1..], "other", None).map(|p| p.name.as_str()),
            None
        );
    }

    #[test]
    fn rules_parse_print_and_time() {
        let rule = Rule::parse(" 75%  resolution : Notify Assignee,raise priority ").unwrap();
        assert_eq!(
            rule.to_string(),
            "75% resolution: notify assignee, raise priority"
        );
        assert!(Rule::parse("75 resolution: reassign").is_err());
        assert!(Rule::parse("75% lunch: reassign").is_err());
        assert!(Rule::parse("75% response: dance").is_err());
        assert!(Rule::parse("75% response:").is_err());
        let p = policy(&[
            "100% response: notify coordinators",
            "50% resolution: notify assignee",
        ]);
        let created = at("2026-11-25T08:00:00Z");
        let times = Sla::rule_times(&p, Priority::P2, &Timeline::starting(created), None);
        assert_eq!(
            times,
            vec![
                (
                    "100% response: notify coordinators".to_string(),
                    at("2026-11-25T09:00:00Z")
                ),
                (
                    "50% resolution: notify assignee".to_string(),
                    at("2026-11-25T13:00:00Z")
                ),
            ]
        );
        // Answered: the response rule is done; waiting: nothing fires.
        let answered = Sla::rule_times(
            &p,
            Priority::P2,
            &Timeline::starting(created),
            Some(created),
        );
        assert_eq!(answered.len(), 1);
        let mut waiting = Timeline::starting(created);
        waiting.push(at("2026-11-25T08:10:00Z"), Phase::Paused);
        assert!(Sla::rule_times(&p, Priority::P2, &waiting, Some(created)).is_empty());
    }

    fn any_calendar() -> impl Strategy<Value = Calendar> {
        prop_oneof![
            Just(office()),
            Just(Calendar::around_the_clock()),
            Just(
                Calendar::parse(
                    "America/New_York",
                    "mon-thu 07:30-16:00; fri 07:30-12:00",
                    "2026-07-03 2026-11-26"
                )
                .unwrap()
            ),
            Just(Calendar::parse("Europe/London", "sun 00:30-03:30; wed 22:00-24:00", "").unwrap()),
        ]
    }

    /// Instants across 2026, including both DST changes.
    fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
        (0i64..366 * 24 * 60).prop_map(|m| at("2026-01-01T00:00:00Z") + Duration::minutes(m))
    }

    proptest! {
        #[test]
        fn adding_then_measuring_round_trips(c in any_calendar(), start in any_instant(), minutes in 0i64..20_000) {
            let d = Duration::minutes(minutes);
            let end = c.add(start, d);
            prop_assert!(end >= start);
            prop_assert_eq!(c.measure(start, end), d);
        }

        #[test]
        fn measuring_adds_up(c in any_calendar(), a in any_instant(), b in any_instant(), x in any_instant()) {
            let mut v = [a, b, x];
            v.sort();
            prop_assert_eq!(c.measure(v[0], v[1]) + c.measure(v[1], v[2]), c.measure(v[0], v[2]));
            prop_assert!(c.measure(v[0], v[2]) <= v[2] - v[0]);
        }

        #[test]
        fn adding_is_monotonic(c in any_calendar(), start in any_instant(), m1 in 0i64..5_000, m2 in 0i64..5_000) {
            let (lo, hi) = (m1.min(m2), m1.max(m2));
            prop_assert!(c.add(start, Duration::minutes(lo)) <= c.add(start, Duration::minutes(hi)));
        }

        #[test]
        fn pauses_never_count(c in any_calendar(), start in any_instant(), steps in proptest::collection::vec((1i64..3_000, any::<bool>()), 0..8), target in 1i64..10_000) {
            let mut t = Timeline::starting(start);
            let mut now = start;
            let mut running_time = Duration::zero();
            let mut running = true;
            for (minutes, pause) in steps {
                let next = now + Duration::minutes(minutes);
                if running { running_time += c.measure(now, next); }
                running = !pause;
                t.push(next, if pause { Phase::Paused } else { Phase::Running });
                now = next;
            }
            prop_assert_eq!(t.used(&c, now), running_time);
            // Where the clock will reach a target, it has used exactly that target.
            if let Some(due) = t.reaches(&c, Duration::minutes(target)) {
                prop_assert_eq!(t.used(&c, due), Duration::minutes(target));
            } else {
                prop_assert!(!running);
                prop_assert!(running_time < Duration::minutes(target));
            }
        }
    }
}
