//! When a ticket's clock ran, paused and stopped, from its history.

use super::Calendar;
use crate::domain::Status;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Whether a ticket's clock counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Someone in IT owes the next step.
    Running,
    /// Waiting on the requester, a third party or facility work.
    Paused,
    /// Resolved, closed or cancelled.
    Stopped,
}

impl Phase {
    /// How a ticket's status moves its clock.
    pub fn of(status: Status) -> Phase {
        match status {
            Status::Waiting => Phase::Paused,
            Status::Resolved | Status::Closed | Status::Cancelled => Phase::Stopped,
            Status::New | Status::Assigned | Status::InProgress => Phase::Running,
        }
    }
}

/// When a ticket's clock ran, from its history.
#[derive(Clone, Debug, PartialEq)]
pub struct Timeline {
    changes: Vec<(DateTime<Utc>, Phase)>,
}

impl Timeline {
    pub fn starting(at: DateTime<Utc>) -> Timeline {
        Timeline {
            changes: vec![(at, Phase::Running)],
        }
    }

    /// Records a phase change; out-of-order times are clamped so the timeline only moves forward.
    pub fn push(&mut self, at: DateTime<Utc>, phase: Phase) {
        let (last_at, last_phase) = *self.changes.last().expect("a timeline has a start");
        if phase != last_phase {
            self.changes.push((at.max(last_at), phase));
        }
    }

    /// The same history, stopped at `at` (the response clock stops at the first response).
    pub fn stopped_at(&self, at: DateTime<Utc>) -> Timeline {
        let mut t = Timeline {
            changes: self
                .changes
                .iter()
                .copied()
                .filter(|(when, _)| *when < at)
                .collect(),
        };
        if t.changes.is_empty() {
            t.changes.push((at, Phase::Stopped));
        } else {
            t.push(at, Phase::Stopped);
        }
        t
    }

    pub fn phase(&self) -> Phase {
        self.changes.last().map(|c| c.1).unwrap_or(Phase::Running)
    }

    fn running_spans(&self) -> impl Iterator<Item = (DateTime<Utc>, Option<DateTime<Utc>>)> + '_ {
        self.changes
            .iter()
            .enumerate()
            .filter(|(_, (_, phase))| *phase == Phase::Running)
            .map(|(i, (at, _))| (*at, self.changes.get(i + 1).map(|c| c.0)))
    }

    /// Working time the clock ran before `until`.
    pub fn used(&self, calendar: &Calendar, until: DateTime<Utc>) -> Duration {
        self.running_spans()
            .map(|(a, b)| calendar.measure(a, b.unwrap_or(until).min(until)))
            .fold(Duration::zero(), |s, d| s + d)
    }

    /// The instant the clock has run for `amount`: in the past, or ahead while it runs; `None`
    /// when it stands still before getting there.
    pub fn reaches(&self, calendar: &Calendar, amount: Duration) -> Option<DateTime<Utc>> {
        let mut left = amount.max(Duration::zero());
        for (a, b) in self.running_spans() {
            match b {
                Some(b) => {
                    let ran = calendar.measure(a, b);
                    if ran >= left {
                        return Some(calendar.add(a, left));
                    }
                    left -= ran;
                }
                None => return Some(calendar.add(a, left)),
            }
        }
        None
    }
}
