//! Reports: how the help desk did over a period, computed from ticket histories.
//!
//! The server loads the histories of the tickets in scope with a fixed number of queries; this
//! module turns them into tables of figures. The page draws its charts from those tables, shows
//! the tables beside them, and exports each as CSV with the same text in every cell, so a chart,
//! its table and its download can never disagree.
//!
//! Times to respond and resolve count business time in the calendar of the ticket's service-level
//! policy and leave out time spent waiting, exactly as the ticket's own clocks do.
//!
//! Days (the period, the trend's points) run midnight to midnight in the desk's time zone, so a
//! ticket filed late in the evening counts on the day the desk saw it; the text of every heading,
//! note and label is in the reader's language.

use super::sla::{Phase, Timeline};
use super::{closed_enum, Calendar, Channel, Policy, Priority, Status, TicketNumber, WaitingOn};
use crate::i18n::{Locale, Msg};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The longest period one report covers.
pub const MAX_DAYS: i64 = 3 * 366;
/// How many comments the comments table lists (newest first).
pub const MAX_COMMENTS: usize = 100;

closed_enum! {
    /// The width of one point of the trend chart, chosen from the period's length.
    Bucket {
        Day => "day",
        Week => "week",
        Month => "month",
    }
}

/// The period and filters as typed on the page or in a URL (every field may be empty).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::IntoParams), into_params(parameter_in = Query))]
pub struct ReportQuery {
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub team: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub technician: String,
    #[serde(default)]
    pub priority: String,
}

/// A parsed period (whole days in the desk's zone, both ends included) and filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReportScope {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The desk's zone: each day of the period runs from midnight to midnight here.
    #[serde(with = "zone_name")]
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub zone: Tz,
    /// A team name: tickets of the categories routed to it, and its members.
    pub team: Option<String>,
    /// A category slug.
    pub category: Option<String>,
    /// A technician's user id: tickets assigned to them.
    pub technician: Option<i64>,
    pub priority: Option<Priority>,
}

impl ReportScope {
    /// The last 30 days up to `today` (a day in `zone`), unfiltered.
    pub fn default_for(today: NaiveDate, zone: Tz) -> ReportScope {
        ReportScope {
            from: today - Duration::days(29),
            to: today,
            zone,
            team: None,
            category: None,
            technician: None,
            priority: None,
        }
    }

    /// Reads a query as days in `zone` (`today` is today there); empty dates default to the last
    /// 30 days. Errors name the field, with a message to put into the reader's words.
    pub fn parse(
        q: &ReportQuery,
        today: NaiveDate,
        zone: Tz,
    ) -> Result<ReportScope, Vec<(String, Msg)>> {
        let mut errors = Vec::new();
        let date = |field: &str, text: &str, default: NaiveDate, errors: &mut Vec<_>| {
            let text = text.trim();
            if text.is_empty() {
                return default;
            }
            NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| {
                errors.push((
                    field.to_string(),
                    Msg::new("report-err-not-a-date").text("text", text),
                ));
                default
            })
        };
        let base = ReportScope::default_for(today, zone);
        let to = date("to", &q.to, base.to, &mut errors);
        let from = date("from", &q.from, to - Duration::days(29), &mut errors);
        if errors.is_empty() {
            if from > to {
                errors.push(("from".into(), Msg::new("report-err-backwards")));
            } else if (to - from).num_days() >= MAX_DAYS {
                errors.push((
                    "from".into(),
                    Msg::new("report-err-too-long").number("days", MAX_DAYS),
                ));
            }
        }
        let text = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let technician = match text(&q.technician) {
            None => None,
            Some(t) => match t.parse::<i64>() {
                Ok(id) if id > 0 => Some(id),
                _ => {
                    errors.push((
                        "technician".into(),
                        Msg::new("report-err-choose-technician"),
                    ));
                    None
                }
            },
        };
        let priority = match text(&q.priority) {
            None => None,
            Some(p) => match p.to_uppercase().parse::<Priority>() {
                Ok(p) => Some(p),
                Err(_) => {
                    errors.push(("priority".into(), Msg::new("report-err-priority")));
                    None
                }
            },
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ReportScope {
            from,
            to,
            zone,
            team: text(&q.team),
            category: text(&q.category),
            technician,
            priority,
        })
    }

    /// The query that reads back as this scope.
    pub fn query(&self) -> ReportQuery {
        ReportQuery {
            from: self.from.format("%Y-%m-%d").to_string(),
            to: self.to.format("%Y-%m-%d").to_string(),
            team: self.team.clone().unwrap_or_default(),
            category: self.category.clone().unwrap_or_default(),
            technician: self.technician.map(|t| t.to_string()).unwrap_or_default(),
            priority: self.priority.map(|p| p.to_string()).unwrap_or_default(),
        }
    }

    /// The first instant of the period (midnight of its first day in the desk's zone).
    pub fn start(&self) -> DateTime<Utc> {
        midnight(self.from, self.zone)
    }

    /// The first instant after the period (midnight after its last day in the desk's zone).
    pub fn end(&self) -> DateTime<Utc> {
        midnight(self.to + Duration::days(1), self.zone)
    }

    /// Days for up to about six weeks, weeks up to about half a year, months beyond.
    pub fn bucket(&self) -> Bucket {
        match (self.to - self.from).num_days() + 1 {
            ..=45 => Bucket::Day,
            46..=200 => Bucket::Week,
            _ => Bucket::Month,
        }
    }

    /// The points of the trend chart: each bucket's first day and its first and last instants.
    pub fn buckets(&self) -> Vec<(NaiveDate, DateTime<Utc>, DateTime<Utc>)> {
        let bucket = self.bucket();
        let end = self.to + Duration::days(1);
        let mut out = Vec::new();
        let mut day = self.from;
        while day < end {
            let next = match bucket {
                Bucket::Day => day + Duration::days(1),
                Bucket::Week => day + Duration::days(7),
                Bucket::Month => first_of_next_month(day),
            }
            .min(end);
            out.push((day, midnight(day, self.zone), midnight(next, self.zone)));
            day = next;
        }
        out
    }
}

/// The instant a day begins in `zone`: its midnight, or where a clock change skips midnight,
/// the first minute the clocks show that day.
fn midnight(d: NaiveDate, zone: Tz) -> DateTime<Utc> {
    let local = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    (0..=24 * 4)
        .find_map(|quarter| {
            zone.from_local_datetime(&(local + Duration::minutes(15 * quarter)))
                .earliest()
        })
        .map_or_else(|| Utc.from_utc_datetime(&local), |t| t.with_timezone(&Utc))
}

/// A zone travels by its IANA name (`Europe/Rome`).
mod zone_name {
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(zone: &Tz, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(zone.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
        let name = String::deserialize(d)?;
        crate::i18n::parse_zone(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown time zone {name}")))
    }
}

fn first_of_next_month(d: NaiveDate) -> NaiveDate {
    let (y, m) = if d.month() == 12 {
        (d.year() + 1, 1)
    } else {
        (d.year(), d.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(d + Duration::days(31))
}

/// One step of a ticket's history that a report measures.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Status {
        to: Status,
        waiting_on: Option<WaitingOn>,
    },
    /// Handed to a technician (the first time is an assignment, later ones reassignments).
    Assigned,
    /// Escalated by a person (`by`) or raised by a service-level rule (`None`).
    Escalated {
        by: Option<i64>,
    },
    Reopened,
    /// IT's first word to the requester: a public note or work started by staff.
    Responded,
}

/// A ticket as the reports see it.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    pub number: TicketNumber,
    pub created_at: DateTime<Utc>,
    pub category: String,
    pub team: Option<String>,
    pub channel: Channel,
    pub priority: Priority,
    pub assignee: Option<i64>,
    pub status: Status,
    /// In the order they happened.
    pub changes: Vec<(DateTime<Utc>, Change)>,
}

/// A requester's rating given in the period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatingFact {
    pub number: TicketNumber,
    pub score: u8,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

/// A member of staff with their capacity and current open load.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffFact {
    pub id: i64,
    pub name: String,
    /// Whether they take tickets (technicians); coordinators appear only as escalation sources.
    pub technician: bool,
    pub teams: Vec<String>,
    pub capacity: i64,
    pub open_now: i64,
}

/// Everything a report is computed from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Facts {
    /// Tickets in scope that existed during the period (tickets done before it may be absent).
    pub histories: Vec<History>,
    pub ratings: Vec<RatingFact>,
    /// Minutes logged in the period, per author.
    pub minutes_logged: Vec<(i64, i64)>,
    pub staff: Vec<StaffFact>,
    /// Category slugs and names, in the order the help desk lists them.
    pub categories: Vec<(String, String)>,
}

/// What the tables need to know of one ticket, worked out once.
struct Measured<'a> {
    h: &'a History,
    timeline: Timeline,
    resolved_at: Option<DateTime<Utc>>,
    responded_at: Option<DateTime<Utc>>,
    assignments: usize,
    escalated: bool,
    reopened: bool,
    /// Open from, open until (None: still open), as the backlog counts it.
    open_spans: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    waits: Vec<(WaitingOn, DateTime<Utc>, Option<DateTime<Utc>>)>,
    clock: Option<&'a Clock>,
    /// Business time to the first response and to the resolution, when measured.
    response: Option<Duration>,
    resolution: Option<Duration>,
}

/// The calendar and targets a ticket is measured against.
struct Clock {
    calendar: Calendar,
    response: Duration,
    resolution: Duration,
    at_risk_percent: u32,
}

fn measure<'a>(h: &'a History, clock: Option<&'a Clock>) -> Measured<'a> {
    let mut timeline = Timeline::starting(h.created_at);
    let mut open_spans = vec![(h.created_at, None)];
    let mut waits: Vec<(WaitingOn, DateTime<Utc>, Option<DateTime<Utc>>)> = Vec::new();
    let (mut assignments, mut escalated, mut reopened) = (0, false, false);
    let mut responded_at = None;
    let mut last_resolution = None;
    let mut open = true;
    for (at, change) in &h.changes {
        match change {
            Change::Status { to, waiting_on } => {
                timeline.push(*at, Phase::of(*to));
                if let Some(w) = waits.last_mut().filter(|w| w.2.is_none()) {
                    w.2 = Some(*at);
                }
                if let (Status::Waiting, Some(on)) = (to, waiting_on) {
                    waits.push((*on, *at, None));
                }
                if *to == Status::Resolved || (*to == Status::Closed && open) {
                    last_resolution = Some(*at);
                }
                match (open, to.is_open()) {
                    (true, false) => {
                        if let Some(s) = open_spans.last_mut() {
                            s.1 = Some(*at);
                        }
                        open = false;
                    }
                    (false, true) => {
                        open_spans.push((*at, None));
                        open = true;
                    }
                    _ => {}
                }
            }
            Change::Assigned => assignments += 1,
            Change::Escalated { .. } => escalated = true,
            Change::Reopened => reopened = true,
            Change::Responded => {
                responded_at.get_or_insert(*at);
            }
        }
    }
    let resolved_at = match h.status {
        Status::Resolved | Status::Closed => last_resolution,
        _ => None,
    };
    // Resolving answers the requester too.
    let responded_at = responded_at.or(resolved_at);
    let used =
        |at: Option<DateTime<Utc>>| clock.zip(at).map(|(c, at)| timeline.used(&c.calendar, at));
    let (response, resolution) = (used(responded_at), used(resolved_at));
    Measured {
        h,
        timeline,
        resolved_at,
        responded_at,
        assignments,
        escalated,
        reopened,
        open_spans,
        waits,
        clock,
        response,
        resolution,
    }
}

impl Measured<'_> {
    fn response_time(&self) -> Option<Duration> {
        self.response
    }

    fn resolution_time(&self) -> Option<Duration> {
        self.resolution
    }

    fn open_at(&self, t: DateTime<Utc>) -> bool {
        self.open_spans
            .iter()
            .any(|(a, b)| *a <= t && b.is_none_or(|b| t < b))
    }
}

fn in_period(t: DateTime<Utc>, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
    start <= t && t < end
}

fn row(label: impl Into<String>, cells: Vec<Cell>) -> TableRow {
    TableRow {
        label: label.into(),
        cells,
    }
}

fn sorted(mut v: Vec<Duration>) -> Vec<Duration> {
    v.sort_unstable();
    v
}

mod build;
mod output;
mod tables;

pub use build::*;
pub use output::*;
use tables::*;

#[cfg(test)]
mod tests;
