//! Reports: how the help desk did over a period, computed from ticket histories.
//!
//! The server loads the histories of the tickets in scope with a fixed number of queries; this
//! module turns them into tables of figures. The page draws its charts from those tables, shows
//! the tables beside them, and exports each as CSV with the same text in every cell, so a chart,
//! its table and its download can never disagree.
//!
//! Times to respond and resolve count business time in the calendar of the ticket's service-level
//! policy and leave out time spent waiting, exactly as the ticket's own clocks do.

use super::sla::{Phase, Timeline};
use super::{closed_enum, Calendar, Channel, Policy, Priority, Status, TicketNumber, WaitingOn};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
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

/// A parsed period (whole UTC days, both ends included) and filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportScope {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// A team name: tickets of the categories routed to it, and its members.
    pub team: Option<String>,
    /// A category slug.
    pub category: Option<String>,
    /// A technician's user id: tickets assigned to them.
    pub technician: Option<i64>,
    pub priority: Option<Priority>,
}

impl ReportScope {
    /// The last 30 days up to `today`, unfiltered.
    pub fn default_for(today: NaiveDate) -> ReportScope {
        ReportScope {
            from: today - Duration::days(29),
            to: today,
            team: None,
            category: None,
            technician: None,
            priority: None,
        }
    }

    /// Reads a query; empty dates default to the last 30 days. Errors name the field.
    pub fn parse(q: &ReportQuery, today: NaiveDate) -> Result<ReportScope, Vec<(String, String)>> {
        let mut errors = Vec::new();
        let date = |field: &str, text: &str, default: NaiveDate, errors: &mut Vec<_>| {
            let text = text.trim();
            if text.is_empty() {
                return default;
            }
            NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| {
                errors.push((
                    field.to_string(),
                    format!("'{text}' is not a date like 2026-11-30"),
                ));
                default
            })
        };
        let base = ReportScope::default_for(today);
        let to = date("to", &q.to, base.to, &mut errors);
        let from = date("from", &q.from, to - Duration::days(29), &mut errors);
        if errors.is_empty() {
            if from > to {
                errors.push(("from".into(), "The period starts after it ends".into()));
            } else if (to - from).num_days() >= MAX_DAYS {
                errors.push((
                    "from".into(),
                    format!(
                        "A report covers at most {} days; choose a shorter period",
                        MAX_DAYS
                    ),
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
                        "Choose a technician from the list".into(),
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
                    errors.push((
                        "priority".into(),
                        "Priority is one of P1, P2, P3, P4".into(),
                    ));
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

    /// The first instant of the period.
    pub fn start(&self) -> DateTime<Utc> {
        midnight(self.from)
    }

    /// The first instant after the period.
    pub fn end(&self) -> DateTime<Utc> {
        midnight(self.to + Duration::days(1))
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
            out.push((day, midnight(day), midnight(next)));
            day = next;
        }
        out
    }
}

fn midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
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

/// One cell of a report table. The text a cell shows is the text its CSV holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Count(i64),
    /// A figure already rounded to `decimals` places.
    Number {
        value: f64,
        decimals: u8,
    },
    Text(String),
    /// No figure (nothing to measure).
    Empty,
}

impl Cell {
    fn number(value: f64, decimals: u8) -> Cell {
        let scale = 10f64.powi(i32::from(decimals));
        Cell::Number {
            value: (value * scale).round() / scale,
            decimals,
        }
    }

    fn hours(d: Option<Duration>) -> Cell {
        d.map_or(Cell::Empty, |d| {
            Cell::number(d.num_seconds() as f64 / 3600.0, 2)
        })
    }

    fn percent(part: usize, whole: usize) -> Cell {
        if whole == 0 {
            Cell::Empty
        } else {
            Cell::number(part as f64 * 100.0 / whole as f64, 1)
        }
    }

    /// The figure, for charts.
    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Count(n) => Some(*n as f64),
            Cell::Number { value, .. } => Some(*value),
            Cell::Text(_) | Cell::Empty => None,
        }
    }

    pub fn text(&self) -> String {
        match self {
            Cell::Count(n) => n.to_string(),
            Cell::Number { value, decimals } => format!("{value:.*}", usize::from(*decimals)),
            Cell::Text(t) => t.clone(),
            Cell::Empty => "—".into(),
        }
    }
}

/// How a table is drawn.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Chart {
    /// A line per listed column, rows along the time axis.
    Lines(Vec<usize>),
    /// A bar per row for one column.
    Bars(usize),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    pub label: String,
    pub cells: Vec<Cell>,
}

/// A titled table of figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Stable name, used for the CSV download (`/reports/{key}.csv`).
    pub key: String,
    pub title: String,
    /// What is counted, in a sentence.
    pub note: String,
    /// Heading of the label column.
    pub label: String,
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
    pub chart: Option<Chart>,
}

impl Table {
    /// The cell in the row labelled `row` under the column headed `column`.
    pub fn cell(&self, row: &str, column: &str) -> Option<&Cell> {
        let c = self.columns.iter().position(|h| h == column)?;
        self.rows.iter().find(|r| r.label == row)?.cells.get(c)
    }

    /// The table as CSV (RFC 4180, CRLF line ends). Text that a spreadsheet would run as a
    /// formula is prefixed with an apostrophe.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        let mut line = |fields: Vec<String>| {
            let fields: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        };
        line(
            std::iter::once(self.label.clone())
                .chain(self.columns.iter().cloned())
                .collect(),
        );
        for row in &self.rows {
            line(
                std::iter::once(row.label.clone())
                    .chain(row.cells.iter().map(Cell::text))
                    .collect(),
            );
        }
        out
    }
}

fn csv_field(text: &str) -> String {
    let guarded =
        if text.starts_with(['=', '+', '-', '@', '\t', '\r']) && text.parse::<f64>().is_err() {
            format!("'{text}")
        } else {
            text.to_string()
        };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// The headline figures and every table of a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub scope: ReportScope,
    pub bucket: Bucket,
    pub summary: Vec<(String, String)>,
    pub tables: Vec<Table>,
}

impl Report {
    pub fn table(&self, key: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.key == key)
    }
}

/// Linear-interpolated percentile (`p` in 0..=1) of sorted values; the median is `p = 0.5`.
pub fn percentile(sorted: &[Duration], p: f64) -> Option<Duration> {
    let (first, last) = (sorted.first()?, sorted.last()?);
    if sorted.len() == 1 {
        return Some(*first);
    }
    let rank = p.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let (lo, hi) = (rank.floor() as usize, rank.ceil() as usize);
    let (a, b) = (sorted[lo], sorted.get(hi).copied().unwrap_or(*last));
    let ms = a.num_milliseconds() as f64
        + (b.num_milliseconds() - a.num_milliseconds()) as f64 * (rank - lo as f64);
    Some(Duration::milliseconds(ms.round() as i64))
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

/// Computes every measure of the report for `scope` from `facts`, as of `now`.
pub fn build(
    scope: &ReportScope,
    facts: &Facts,
    policies: &[Policy],
    now: DateTime<Utc>,
) -> Report {
    let (start, end) = (scope.start(), scope.end());
    let until = end.min(now);

    // One calendar per policy and priority, shared by every ticket it covers.
    let mut clocks: HashMap<(String, Option<String>, Priority), Option<Clock>> = HashMap::new();
    for h in &facts.histories {
        clocks
            .entry((h.category.clone(), h.team.clone(), h.priority))
            .or_insert_with(|| {
                Policy::choose(policies, &h.category, h.team.as_deref()).map(|p| {
                    let target = p.target(h.priority);
                    Clock {
                        calendar: p.calendar_for(h.priority),
                        response: Duration::minutes(target.response_minutes),
                        resolution: Duration::minutes(target.resolution_minutes),
                        at_risk_percent: p.at_risk_percent,
                    }
                })
            });
    }
    let tickets: Vec<Measured> = facts
        .histories
        .iter()
        .map(|h| {
            let clock = clocks
                .get(&(h.category.clone(), h.team.clone(), h.priority))
                .and_then(Option::as_ref);
            measure(h, clock)
        })
        .collect();
    let opened: Vec<&Measured> = tickets
        .iter()
        .filter(|t| in_period(t.h.created_at, start, end))
        .collect();
    let resolved: Vec<&Measured> = tickets
        .iter()
        .filter(|t| t.resolved_at.is_some_and(|r| in_period(r, start, end)))
        .collect();

    let volume = volume_table(scope, &tickets, now);
    let backlog_end = tickets
        .iter()
        .filter(|t| t.open_at(until - Duration::milliseconds(1)))
        .count();
    let speed = speed_table(&tickets, &resolved, start, end);
    let sla = sla_table(&tickets, &resolved, now);
    let ratings: Vec<&RatingFact> = facts
        .ratings
        .iter()
        .filter(|r| in_period(r.at, start, end))
        .collect();
    let average_rating = (!ratings.is_empty())
        .then(|| ratings.iter().map(|r| f64::from(r.score)).sum::<f64>() / ratings.len() as f64);

    let summary = vec![
        ("Opened".to_string(), opened.len().to_string()),
        ("Resolved".to_string(), resolved.len().to_string()),
        ("Open at the end".to_string(), backlog_end.to_string()),
        (
            "Median time to resolve".to_string(),
            match speed.cell("All", "Median to resolve") {
                Some(c @ Cell::Number { .. }) => format!("{} business h", c.text()),
                _ => "—".into(),
            },
        ),
        (
            "Within service level".to_string(),
            match sla.cell("All", "Within target %") {
                Some(c @ Cell::Number { .. }) => format!("{} %", c.text()),
                _ => "—".into(),
            },
        ),
        (
            "Average rating".to_string(),
            average_rating.map_or("—".into(), |a| {
                format!(
                    "{} of 5 ({} ratings)",
                    Cell::number(a, 2).text(),
                    ratings.len()
                )
            }),
        ),
    ];

    let tables = vec![
        volume,
        categories_table(facts, &opened, &resolved),
        channels_table(&opened),
        speed,
        sla,
        flow_table(&resolved),
        escalations_table(facts, &tickets, start, end),
        waiting_table(&tickets, start, until),
        people_table(scope, facts, &resolved, &tickets, start, end),
        ratings_table(&ratings),
        comments_table(&ratings),
    ];
    Report {
        scope: scope.clone(),
        bucket: scope.bucket(),
        summary,
        tables,
    }
}

fn volume_table(scope: &ReportScope, tickets: &[Measured], now: DateTime<Utc>) -> Table {
    let buckets = scope.buckets();
    let mut opened = vec![0i64; buckets.len()];
    let mut resolved = vec![0i64; buckets.len()];
    let index = |t: DateTime<Utc>| {
        buckets
            .partition_point(|(_, s, _)| *s <= t)
            .checked_sub(1)
            .filter(|&i| t < buckets[i].2)
    };
    // The backlog at each bucket's end: +1 where a ticket opens, -1 where it stops being open.
    let mut steps: Vec<(DateTime<Utc>, i64)> = Vec::new();
    for t in tickets {
        if let Some(i) = index(t.h.created_at) {
            opened[i] += 1;
        }
        if let Some(i) = t.resolved_at.and_then(index) {
            resolved[i] += 1;
        }
        for (a, b) in &t.open_spans {
            steps.push((*a, 1));
            if let Some(b) = b {
                steps.push((*b, -1));
            }
        }
    }
    steps.sort_unstable();
    let (mut level, mut next) = (0i64, 0usize);
    let mut rows = Vec::with_capacity(buckets.len());
    for (i, (day, _, bucket_end)) in buckets.iter().enumerate() {
        let at = (*bucket_end).min(now);
        while next < steps.len() && steps[next].0 < at {
            level += steps[next].1;
            next += 1;
        }
        let backlog = if *bucket_end > now && buckets[i].1 > now {
            Cell::Empty
        } else {
            Cell::Count(level)
        };
        rows.push(row(
            day.format("%Y-%m-%d").to_string(),
            vec![Cell::Count(opened[i]), Cell::Count(resolved[i]), backlog],
        ));
    }
    Table {
        key: "volume".into(),
        title: "Tickets over time".into(),
        note: format!(
            "Tickets opened and resolved per {}, and how many were open at its end.",
            scope.bucket()
        ),
        label: match scope.bucket() {
            Bucket::Day => "Day",
            Bucket::Week => "Week from",
            Bucket::Month => "Month from",
        }
        .into(),
        columns: vec!["Opened".into(), "Resolved".into(), "Open at end".into()],
        rows,
        chart: Some(Chart::Lines(vec![0, 1, 2])),
    }
}

fn categories_table(facts: &Facts, opened: &[&Measured], resolved: &[&Measured]) -> Table {
    let mut names: Vec<(String, String)> = facts.categories.clone();
    for t in opened.iter().chain(resolved) {
        if !names.iter().any(|(slug, _)| *slug == t.h.category) {
            names.push((t.h.category.clone(), t.h.category.clone()));
        }
    }
    let rows = names
        .iter()
        .filter_map(|(slug, name)| {
            let o = opened.iter().filter(|t| t.h.category == *slug).count();
            let r: Vec<&&Measured> = resolved.iter().filter(|t| t.h.category == *slug).collect();
            if o == 0 && r.is_empty() {
                return None;
            }
            let escalated = r.iter().filter(|t| t.escalated).count();
            let times = sorted(r.iter().filter_map(|t| t.resolution_time()).collect());
            Some(row(
                name.clone(),
                vec![
                    Cell::Count(o as i64),
                    Cell::Count(r.len() as i64),
                    Cell::Count(escalated as i64),
                    Cell::hours(percentile(&times, 0.5)),
                ],
            ))
        })
        .collect();
    Table {
        key: "categories".into(),
        title: "By category".into(),
        note: "Tickets opened and resolved in the period per category; escalated and median time to resolve (business hours) of those resolved.".into(),
        label: "Category".into(),
        columns: vec![
            "Opened".into(),
            "Resolved".into(),
            "Escalated".into(),
            "Median to resolve".into(),
        ],
        rows,
        chart: Some(Chart::Bars(0)),
    }
}

fn channels_table(opened: &[&Measured]) -> Table {
    let mut counts: Vec<(Channel, i64)> = Vec::new();
    for t in opened {
        match counts.iter_mut().find(|(c, _)| *c == t.h.channel) {
            Some((_, n)) => *n += 1,
            None => counts.push((t.h.channel, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.as_str().cmp(b.0.as_str())));
    Table {
        key: "channels".into(),
        title: "By channel".into(),
        note: "How the tickets opened in the period reached the help desk.".into(),
        label: "Channel".into(),
        columns: vec!["Opened".into()],
        rows: counts
            .into_iter()
            .map(|(c, n)| row(c.label().to_string(), vec![Cell::Count(n)]))
            .collect(),
        chart: Some(Chart::Bars(0)),
    }
}

fn priorities_and_all() -> impl Iterator<Item = (String, Option<Priority>)> {
    std::iter::once(("All".to_string(), None))
        .chain(Priority::ALL.iter().map(|p| (p.to_string(), Some(*p))))
}

fn speed_table(
    tickets: &[Measured],
    resolved: &[&Measured],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Table {
    let rows = priorities_and_all()
        .map(|(label, p)| {
            let matches = |t: &&Measured| p.is_none_or(|p| t.h.priority == p);
            let responses = sorted(
                tickets
                    .iter()
                    .filter(|t| {
                        matches(t) && t.responded_at.is_some_and(|r| in_period(r, start, end))
                    })
                    .filter_map(Measured::response_time)
                    .collect(),
            );
            let resolutions = sorted(
                resolved
                    .iter()
                    .copied()
                    .filter(|t| matches(t))
                    .filter_map(Measured::resolution_time)
                    .collect(),
            );
            row(
                label,
                vec![
                    Cell::Count(responses.len() as i64),
                    Cell::hours(percentile(&responses, 0.5)),
                    Cell::hours(percentile(&responses, 0.9)),
                    Cell::Count(resolutions.len() as i64),
                    Cell::hours(percentile(&resolutions, 0.5)),
                    Cell::hours(percentile(&resolutions, 0.9)),
                ],
            )
        })
        .collect();
    Table {
        key: "speed".into(),
        title: "Time to respond and resolve".into(),
        note: "Business hours in each ticket's service-level calendar, without time spent waiting: first responses and resolutions that happened in the period.".into(),
        label: "Priority".into(),
        columns: vec![
            "Responses".into(),
            "Median to respond".into(),
            "90th percentile to respond".into(),
            "Resolutions".into(),
            "Median to resolve".into(),
            "90th percentile to resolve".into(),
        ],
        rows,
        chart: Some(Chart::Bars(4)),
    }
}

fn sla_table(tickets: &[Measured], resolved: &[&Measured], now: DateTime<Utc>) -> Table {
    let rows = priorities_and_all()
        .map(|(label, p)| {
            let matches = |t: &Measured| p.is_none_or(|p| t.h.priority == p);
            let (mut measured, mut met, mut response_breaches, mut resolution_breaches, mut near) =
                (0, 0, 0, 0, 0);
            for t in resolved.iter().copied().filter(|t| matches(t)) {
                let (Some(c), Some(resolution)) = (t.clock, t.resolution_time()) else {
                    continue;
                };
                let response = t.response_time().unwrap_or(resolution);
                measured += 1;
                let response_ok = response <= c.response;
                let resolution_ok = resolution <= c.resolution;
                response_breaches += usize::from(!response_ok);
                resolution_breaches += usize::from(!resolution_ok);
                if response_ok && resolution_ok {
                    met += 1;
                    let share = |used: Duration, target: Duration| {
                        used.num_seconds() * 100
                            >= target.num_seconds() * i64::from(c.at_risk_percent)
                    };
                    if share(response, c.response) || share(resolution, c.resolution) {
                        near += 1;
                    }
                }
            }
            let overdue = tickets
                .iter()
                .filter(|t| matches(t) && t.h.status.is_open())
                .filter(|t| {
                    t.clock
                        .is_some_and(|c| t.timeline.used(&c.calendar, now) > c.resolution)
                })
                .count();
            row(
                label,
                vec![
                    Cell::Count(measured as i64),
                    Cell::Count(met as i64),
                    Cell::percent(met, measured),
                    Cell::Count(response_breaches as i64),
                    Cell::Count(resolution_breaches as i64),
                    Cell::Count(near as i64),
                    Cell::Count(overdue as i64),
                ],
            )
        })
        .collect();
    Table {
        key: "sla".into(),
        title: "Service levels by priority".into(),
        note: "Tickets resolved in the period against their policy's targets. A near miss met both targets but used more than the policy's at-risk share of one. Open and overdue counts tickets open now past their resolution target.".into(),
        label: "Priority".into(),
        columns: vec![
            "Resolved".into(),
            "Within target".into(),
            "Within target %".into(),
            "Response breaches".into(),
            "Resolution breaches".into(),
            "Near misses".into(),
            "Open and overdue".into(),
        ],
        rows,
        chart: Some(Chart::Bars(2)),
    }
}

fn flow_table(resolved: &[&Measured]) -> Table {
    let n = resolved.len();
    let count = |f: &dyn Fn(&Measured) -> bool| resolved.iter().filter(|t| f(t)).count();
    let escalated = count(&|t| t.escalated);
    let reopened = count(&|t| t.reopened);
    let first_time = count(&|t| !t.escalated && !t.reopened && t.assignments <= 1);
    let reassignments: usize = resolved
        .iter()
        .map(|t| t.assignments.saturating_sub(1))
        .sum();
    let per_ticket = if n == 0 {
        Cell::Empty
    } else {
        Cell::number(reassignments as f64 / n as f64, 2)
    };
    Table {
        key: "flow".into(),
        title: "Flow".into(),
        note: "Of the tickets resolved in the period: how many were escalated, handed on, reopened, or fixed by the first technician without either.".into(),
        label: "Measure".into(),
        columns: vec!["Value".into()],
        rows: vec![
            row("Resolved tickets", vec![Cell::Count(n as i64)]),
            row("Escalation rate %", vec![Cell::percent(escalated, n)]),
            row("Reassignments per ticket", vec![per_ticket]),
            row("Reopen rate %", vec![Cell::percent(reopened, n)]),
            row("First-time fix rate %", vec![Cell::percent(first_time, n)]),
        ],
        chart: None,
    }
}

fn escalations_table(
    facts: &Facts,
    tickets: &[Measured],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Table {
    let mut counts: Vec<(String, i64)> = Vec::new();
    for t in tickets {
        for (at, change) in &t.h.changes {
            let Change::Escalated { by } = change else {
                continue;
            };
            if !in_period(*at, start, end) {
                continue;
            }
            let source = match by {
                None => "Service-level rule".to_string(),
                Some(id) => facts
                    .staff
                    .iter()
                    .find(|s| s.id == *id)
                    .map_or_else(|| "Former staff".to_string(), |s| s.name.clone()),
            };
            let category = facts
                .categories
                .iter()
                .find(|(slug, _)| *slug == t.h.category)
                .map_or(t.h.category.as_str(), |(_, name)| name.as_str());
            let label = format!("{source} · {category}");
            match counts.iter_mut().find(|(l, _)| *l == label) {
                Some((_, n)) => *n += 1,
                None => counts.push((label, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Table {
        key: "escalations".into(),
        title: "Where escalations come from".into(),
        note: "Escalations made in the period, by who escalated and the ticket's category.".into(),
        label: "Escalated by · category".into(),
        columns: vec!["Escalations".into()],
        rows: counts
            .into_iter()
            .map(|(l, n)| row(l, vec![Cell::Count(n)]))
            .collect(),
        chart: Some(Chart::Bars(0)),
    }
}

fn waiting_table(tickets: &[Measured], start: DateTime<Utc>, until: DateTime<Utc>) -> Table {
    let rows = WaitingOn::ALL
        .iter()
        .map(|on| {
            let (mut ticket_count, mut total) = (0i64, Duration::zero());
            for t in tickets {
                let waited = t
                    .waits
                    .iter()
                    .filter(|w| w.0 == *on)
                    .map(|(_, a, b)| {
                        let (a, b) = ((*a).max(start), b.unwrap_or(until).min(until));
                        (b - a).max(Duration::zero())
                    })
                    .fold(Duration::zero(), |s, d| s + d);
                if waited > Duration::zero() {
                    ticket_count += 1;
                    total += waited;
                }
            }
            let average = (ticket_count > 0).then(|| total / ticket_count as i32);
            row(
                match on {
                    WaitingOn::Requester => "Requester",
                    WaitingOn::ThirdParty => "Third party",
                    WaitingOn::Facility => "Facility work",
                },
                vec![
                    Cell::Count(ticket_count),
                    Cell::hours(Some(total)),
                    Cell::hours(average),
                ],
            )
        })
        .collect();
    Table {
        key: "waiting".into(),
        title: "Time spent waiting".into(),
        note: "Elapsed hours in the period that tickets spent waiting, by whom they waited on (service-level clocks stand still meanwhile).".into(),
        label: "Waiting on".into(),
        columns: vec!["Tickets".into(), "Hours".into(), "Average hours per ticket".into()],
        rows,
        chart: Some(Chart::Bars(1)),
    }
}

fn people_table(
    scope: &ReportScope,
    facts: &Facts,
    resolved: &[&Measured],
    tickets: &[Measured],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Table {
    // Counted once for everybody rather than once per technician.
    let mut raised: HashMap<i64, i64> = HashMap::new();
    let mut done: HashMap<i64, i64> = HashMap::new();
    for t in tickets {
        for (at, c) in &t.h.changes {
            if let (Change::Escalated { by: Some(by) }, true) = (c, in_period(*at, start, end)) {
                *raised.entry(*by).or_default() += 1;
            }
        }
    }
    for t in resolved {
        if let Some(a) = t.h.assignee {
            *done.entry(a).or_default() += 1;
        }
    }
    let rows = facts
        .staff
        .iter()
        .filter(|s| s.technician)
        .filter(|s| scope.technician.is_none_or(|id| id == s.id))
        .filter(|s| {
            scope
                .team
                .as_ref()
                .is_none_or(|team| s.teams.contains(team))
        })
        .map(|s| {
            let resolved_by = done.get(&s.id).copied().unwrap_or_default();
            let minutes = facts
                .minutes_logged
                .iter()
                .filter(|(id, _)| *id == s.id)
                .map(|(_, m)| *m)
                .sum::<i64>();
            let escalations = raised.get(&s.id).copied().unwrap_or_default();
            row(
                s.name.clone(),
                vec![
                    Cell::Count(s.open_now),
                    Cell::Count(s.capacity),
                    if s.capacity > 0 {
                        Cell::number(s.open_now as f64 * 100.0 / s.capacity as f64, 1)
                    } else {
                        Cell::Empty
                    },
                    Cell::Count(resolved_by),
                    Cell::number(minutes as f64 / 60.0, 2),
                    Cell::Count(escalations),
                ],
            )
        })
        .collect();
    Table {
        key: "people".into(),
        title: "Technicians".into(),
        note: "Open tickets now against each technician's capacity; tickets resolved, hours logged and escalations raised in the period.".into(),
        label: "Technician".into(),
        columns: vec![
            "Open now".into(),
            "Capacity".into(),
            "Load %".into(),
            "Resolved".into(),
            "Hours logged".into(),
            "Escalations raised".into(),
        ],
        rows,
        chart: Some(Chart::Bars(2)),
    }
}

fn ratings_table(ratings: &[&RatingFact]) -> Table {
    Table {
        key: "ratings".into(),
        title: "Ratings".into(),
        note: "Requesters' ratings of the help they got, given in the period (5 is best).".into(),
        label: "Score".into(),
        columns: vec!["Ratings".into()],
        rows: (1..=5u8)
            .rev()
            .map(|score| {
                let n = ratings.iter().filter(|r| r.score == score).count();
                row(score.to_string(), vec![Cell::Count(n as i64)])
            })
            .collect(),
        chart: Some(Chart::Bars(0)),
    }
}

fn comments_table(ratings: &[&RatingFact]) -> Table {
    let mut with_comments: Vec<&&RatingFact> = ratings
        .iter()
        .filter(|r| r.comment.as_deref().is_some_and(|c| !c.trim().is_empty()))
        .collect();
    with_comments.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.number.cmp(&a.number)));
    Table {
        key: "comments".into(),
        title: "What requesters said".into(),
        note: format!(
            "The newest comments given with a rating in the period (at most {MAX_COMMENTS})."
        ),
        label: "Ticket".into(),
        columns: vec!["Score".into(), "Comment".into()],
        rows: with_comments
            .into_iter()
            .take(MAX_COMMENTS)
            .map(|r| {
                row(
                    r.number.to_string(),
                    vec![
                        Cell::Count(i64::from(r.score)),
                        Cell::Text(r.comment.clone().unwrap_or_default().trim().to_string()),
                    ],
                )
            })
            .collect(),
        chart: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sla::Target;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn hours(h: f64) -> Duration {
        Duration::milliseconds((h * 3_600_000.0) as i64)
    }

    /// Office hours 09:00–17:00 UTC on weekdays; P1 counts around the clock.
    fn policy() -> Policy {
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
            calendar: Calendar::parse("UTC", "mon-fri 09:00-17:00", "").unwrap(),
            targets: [
                t(60, 240, true),
                t(120, 480, false),
                t(240, 960, false),
                t(480, 1920, false),
            ],
            at_risk_percent: 75,
            rules: vec![],
        }
    }

    fn status(to: Status) -> Change {
        Change::Status {
            to,
            waiting_on: None,
        }
    }

    fn waiting(on: WaitingOn) -> Change {
        Change::Status {
            to: Status::Waiting,
            waiting_on: Some(on),
        }
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "a test fixture, one argument per column"
    )]
    fn ticket(
        n: i64,
        created: &str,
        category: &str,
        channel: &str,
        priority: Priority,
        assignee: Option<i64>,
        now: Status,
        changes: &[(&str, Change)],
    ) -> History {
        History {
            number: TicketNumber(n),
            created_at: at(created),
            category: category.into(),
            team: None,
            channel: channel.parse().unwrap(),
            priority,
            assignee,
            status: now,
            changes: changes.iter().map(|(t, c)| (at(t), c.clone())).collect(),
        }
    }

    /// A week (Mon 2 – Sun 8 November 2026) with five tickets whose answers are worked out by hand.
    fn week() -> Facts {
        use Status::*;
        let a = ticket(
            1001,
            "2026-11-02T10:00:00Z",
            "hardware",
            "portal",
            Priority::P2,
            Some(7),
            Closed,
            &[
                ("2026-11-02T10:30:00Z", Change::Assigned),
                ("2026-11-02T10:30:00Z", status(Assigned)),
                ("2026-11-02T11:00:00Z", Change::Responded),
                ("2026-11-02T11:00:00Z", status(InProgress)),
                // Waits 22 elapsed hours on the requester; the clock stands still.
                ("2026-11-02T12:00:00Z", waiting(WaitingOn::Requester)),
                ("2026-11-03T10:00:00Z", status(InProgress)),
                ("2026-11-03T13:00:00Z", status(Resolved)),
                ("2026-11-03T15:00:00Z", status(Closed)),
            ],
        );
        let b = ticket(
            1002,
            "2026-11-05T16:00:00Z",
            "network",
            "phone",
            Priority::P2,
            Some(8),
            Resolved,
            &[
                ("2026-11-05T16:10:00Z", Change::Assigned),
                ("2026-11-05T16:10:00Z", status(Assigned)),
                ("2026-11-05T16:30:00Z", Change::Escalated { by: Some(7) }),
                ("2026-11-05T16:30:00Z", Change::Assigned),
                ("2026-11-06T10:00:00Z", Change::Responded),
                ("2026-11-06T10:00:00Z", status(InProgress)),
                ("2026-11-06T15:00:00Z", status(Resolved)),
                ("2026-11-06T16:00:00Z", Change::Reopened),
                ("2026-11-06T16:00:00Z", status(InProgress)),
                ("2026-11-06T16:30:00Z", status(Resolved)),
            ],
        );
        let c = ticket(
            1003,
            "2026-11-07T10:00:00Z",
            "account",
            "walk_in",
            Priority::P1,
            None,
            New,
            &[],
        );
        let d = ticket(
            1004,
            "2026-10-20T09:00:00Z",
            "hardware",
            "portal",
            Priority::P3,
            Some(8),
            InProgress,
            &[
                ("2026-11-01T00:00:00Z", waiting(WaitingOn::Facility)),
                ("2026-11-04T12:00:00Z", status(InProgress)),
            ],
        );
        let e = ticket(
            1005,
            "2026-11-03T09:00:00Z",
            "other",
            "portal",
            Priority::P4,
            None,
            Cancelled,
            &[("2026-11-03T09:30:00Z", status(Cancelled))],
        );
        Facts {
            histories: vec![a, b, c, d, e],
            ratings: vec![
                RatingFact {
                    number: TicketNumber(1001),
                    score: 5,
                    comment: Some("Quick fix, thanks".into()),
                    at: at("2026-11-04T08:00:00Z"),
                },
                RatingFact {
                    number: TicketNumber(1002),
                    score: 2,
                    comment: Some("=HYPERLINK(\"http://x\")".into()),
                    at: at("2026-11-07T08:00:00Z"),
                },
                // Outside the period: not counted.
                RatingFact {
                    number: TicketNumber(999),
                    score: 1,
                    comment: None,
                    at: at("2026-10-30T08:00:00Z"),
                },
            ],
            minutes_logged: vec![(7, 90)],
            staff: vec![
                StaffFact {
                    id: 7,
                    name: "Tina".into(),
                    technician: true,
                    teams: vec![],
                    capacity: 5,
                    open_now: 2,
                },
                StaffFact {
                    id: 8,
                    name: "Nina".into(),
                    technician: true,
                    teams: vec!["Network".into()],
                    capacity: 0,
                    open_now: 1,
                },
            ],
            categories: vec![
                ("hardware".into(), "Hardware".into()),
                ("network".into(), "Network".into()),
                ("account".into(), "Account or access".into()),
                ("other".into(), "Other".into()),
            ],
        }
    }

    fn report() -> Report {
        let scope = ReportScope {
            from: day("2026-11-02"),
            to: day("2026-11-08"),
            team: None,
            category: None,
            technician: None,
            priority: None,
        };
        build(&scope, &week(), &[policy()], at("2026-11-20T12:00:00Z"))
    }

    fn text(r: &Report, table: &str, row: &str, column: &str) -> String {
        r.table(table)
            .unwrap_or_else(|| panic!("no table {table}"))
            .cell(row, column)
            .unwrap_or_else(|| panic!("no cell {table}/{row}/{column}"))
            .text()
    }

    fn column(r: &Report, table: &str, column: &str) -> Vec<String> {
        let t = r.table(table).unwrap();
        t.rows
            .iter()
            .map(|row| t.cell(&row.label, column).unwrap().text())
            .collect()
    }

    #[test]
    fn volume_counts_opened_resolved_and_the_backlog_each_day() {
        let r = report();
        assert_eq!(r.bucket, Bucket::Day);
        let days: Vec<&str> = r
            .table("volume")
            .unwrap()
            .rows
            .iter()
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(days.first(), Some(&"2026-11-02"));
        assert_eq!(days.len(), 7);
        assert_eq!(
            column(&r, "volume", "Opened"),
            ["1", "1", "0", "1", "0", "1", "0"]
        );
        assert_eq!(
            column(&r, "volume", "Resolved"),
            ["0", "1", "0", "0", "1", "0", "0"]
        );
        // The ticket filed in October is open all week; the cancelled one never counts at a day's end.
        assert_eq!(
            column(&r, "volume", "Open at end"),
            ["2", "1", "1", "2", "1", "2", "2"]
        );
        let summary: HashMap<_, _> = r.summary.iter().cloned().collect();
        assert_eq!(summary["Opened"], "4");
        assert_eq!(summary["Resolved"], "2");
        assert_eq!(summary["Open at the end"], "2");
        assert_eq!(summary["Average rating"], "3.50 of 5 (2 ratings)");
    }

    #[test]
    fn speed_counts_business_hours_without_waiting() {
        let r = report();
        // Responses: 1 h (Mon 10–11) and 2 h (Thu 16–17 + Fri 09–10).
        assert_eq!(text(&r, "speed", "All", "Responses"), "2");
        assert_eq!(text(&r, "speed", "All", "Median to respond"), "1.50");
        assert_eq!(
            text(&r, "speed", "All", "90th percentile to respond"),
            "1.90"
        );
        // Resolutions: 5 h (2 h Monday, then 3 h Tuesday after waiting) and 7.5 h (1 + 6 + 0.5
        // after the reopening).
        assert_eq!(text(&r, "speed", "All", "Median to resolve"), "6.25");
        assert_eq!(
            text(&r, "speed", "All", "90th percentile to resolve"),
            "7.25"
        );
        assert_eq!(text(&r, "speed", "P2", "Resolutions"), "2");
        assert_eq!(text(&r, "speed", "P1", "Median to resolve"), "—");
        assert_eq!(
            text(&r, "categories", "Hardware", "Median to resolve"),
            "5.00"
        );
        assert_eq!(text(&r, "categories", "Network", "Escalated"), "1");
    }

    #[test]
    fn service_levels_count_targets_met_near_misses_and_overdue_tickets() {
        let r = report();
        assert_eq!(text(&r, "sla", "All", "Resolved"), "2");
        assert_eq!(text(&r, "sla", "All", "Within target %"), "100.0");
        // 7.5 of 8 hours (and a response at exactly its 2 hours) is past the 75 % at-risk share.
        assert_eq!(text(&r, "sla", "All", "Near misses"), "1");
        assert_eq!(text(&r, "sla", "All", "Response breaches"), "0");
        // The walk-in P1 (4 h around the clock) and the October P3 are open past their targets.
        assert_eq!(text(&r, "sla", "All", "Open and overdue"), "2");
        assert_eq!(text(&r, "sla", "P1", "Open and overdue"), "1");
        assert_eq!(text(&r, "sla", "P1", "Within target %"), "—");
    }

    #[test]
    fn a_resolution_over_target_is_a_breach() {
        let mut facts = week();
        // Ticket A waits no more: 11 business hours to resolve a P2 (8 h target).
        facts.histories[0].changes.retain(|(_, c)| {
            !matches!(
                c,
                Change::Status {
                    to: Status::Waiting,
                    ..
                }
            )
        });
        let scope = ReportScope::default_for(day("2026-11-08"));
        let r = build(&scope, &facts, &[policy()], at("2026-11-20T12:00:00Z"));
        assert_eq!(text(&r, "speed", "P2", "Median to resolve"), "9.25");
        assert_eq!(text(&r, "sla", "P2", "Resolution breaches"), "1");
        assert_eq!(text(&r, "sla", "P2", "Within target %"), "50.0");
    }

    #[test]
    fn flow_escalations_waiting_people_and_ratings() {
        let r = report();
        assert_eq!(text(&r, "flow", "Escalation rate %", "Value"), "50.0");
        assert_eq!(
            text(&r, "flow", "Reassignments per ticket", "Value"),
            "0.50"
        );
        assert_eq!(text(&r, "flow", "Reopen rate %", "Value"), "50.0");
        assert_eq!(text(&r, "flow", "First-time fix rate %", "Value"), "50.0");
        assert_eq!(
            text(&r, "escalations", "Tina · Network", "Escalations"),
            "1"
        );
        assert_eq!(text(&r, "waiting", "Requester", "Hours"), "22.00");
        // Waiting from 1 November counts from the period's start on the 2nd: 60 hours.
        assert_eq!(text(&r, "waiting", "Facility work", "Hours"), "60.00");
        assert_eq!(text(&r, "waiting", "Third party", "Tickets"), "0");
        assert_eq!(
            text(&r, "waiting", "Third party", "Average hours per ticket"),
            "—"
        );
        assert_eq!(text(&r, "people", "Tina", "Load %"), "40.0");
        assert_eq!(text(&r, "people", "Tina", "Resolved"), "1");
        assert_eq!(text(&r, "people", "Tina", "Hours logged"), "1.50");
        assert_eq!(text(&r, "people", "Tina", "Escalations raised"), "1");
        assert_eq!(text(&r, "people", "Nina", "Load %"), "—");
        assert_eq!(column(&r, "ratings", "Ratings"), ["1", "0", "0", "1", "0"]);
        let comments = r.table("comments").unwrap();
        assert_eq!(comments.rows[0].label, "SB-1002");
        assert_eq!(comments.rows.len(), 2);
    }

    #[test]
    fn filters_narrow_the_technician_table() {
        let mut scope = ReportScope::default_for(day("2026-11-08"));
        scope.team = Some("Network".into());
        let r = build(&scope, &week(), &[policy()], at("2026-11-20T12:00:00Z"));
        let people: Vec<&str> = r
            .table("people")
            .unwrap()
            .rows
            .iter()
            .map(|r| r.label.as_str())
            .collect();
        assert_eq!(people, ["Nina"]);
    }

    #[test]
    fn without_a_policy_times_are_not_measured() {
        let scope = ReportScope::default_for(day("2026-11-08"));
        let r = build(&scope, &week(), &[], at("2026-11-20T12:00:00Z"));
        assert_eq!(text(&r, "speed", "All", "Median to resolve"), "—");
        assert_eq!(text(&r, "sla", "All", "Resolved"), "0");
        assert_eq!(text(&r, "volume", "2026-11-03", "Resolved"), "1");
    }

    #[test]
    fn csv_has_the_same_text_as_the_table_and_defuses_formulas() {
        let r = report();
        let csv = r.table("comments").unwrap().csv();
        assert_eq!(
            csv,
            "Ticket,Score,Comment\r\nSB-1002,2,\"'=HYPERLINK(\"\"http://x\"\")\"\r\nSB-1001,5,\"Quick fix, thanks\"\r\n"
        );
        let speed = r.table("speed").unwrap().csv();
        assert!(
            speed.contains("\r\nAll,2,1.50,1.90,2,6.25,7.25\r\n"),
            "{speed}"
        );
        assert!(speed.contains("\r\nP1,0,—,—,0,—,—\r\n"), "{speed}");
        // Negative numbers are figures, not formulas.
        assert_eq!(csv_field("-3"), "-3");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
    }

    #[test]
    fn percentiles_interpolate() {
        let v: Vec<Duration> = (1..=10).map(|h| hours(f64::from(h))).collect();
        assert_eq!(percentile(&v, 0.5), Some(hours(5.5)));
        assert_eq!(percentile(&v, 0.9), Some(hours(9.1)));
        assert_eq!(percentile(&v[..1], 0.9), Some(hours(1.0)));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[test]
    fn scope_reads_dates_and_filters_and_names_bad_fields() {
        let today = day("2026-11-30");
        let s = ReportScope::parse(&ReportQuery::default(), today).unwrap();
        assert_eq!((s.from, s.to), (day("2026-11-01"), today));
        assert_eq!(s.bucket(), Bucket::Day);
        let q = ReportQuery {
            from: "2026-01-01".into(),
            to: "2026-11-30".into(),
            priority: "p2".into(),
            technician: "7".into(),
            ..ReportQuery::default()
        };
        let s = ReportScope::parse(&q, today).unwrap();
        assert_eq!(s.priority, Some(Priority::P2));
        assert_eq!(s.bucket(), Bucket::Month);
        let months = s.buckets();
        assert_eq!(months.len(), 11);
        assert_eq!(months[1].0, day("2026-02-01"));
        assert_eq!(months[10].2, at("2026-12-01T00:00:00Z"));
        assert_eq!(ReportScope::parse(&s.query(), today).unwrap(), s);

        let bad = ReportQuery {
            from: "yesterday".into(),
            priority: "urgent".into(),
            technician: "tina".into(),
            ..ReportQuery::default()
        };
        let fields: Vec<String> = ReportScope::parse(&bad, today)
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["from", "technician", "priority"]);
        let backwards = ReportQuery {
            from: "2026-12-01".into(),
            to: "2026-11-01".into(),
            ..ReportQuery::default()
        };
        assert_eq!(
            ReportScope::parse(&backwards, today).unwrap_err()[0].0,
            "from"
        );
        let long = ReportQuery {
            from: "2020-01-01".into(),
            ..ReportQuery::default()
        };
        assert!(ReportScope::parse(&long, today).unwrap_err()[0]
            .1
            .contains("at most"));
    }

    #[test]
    fn weeks_split_a_quarter() {
        let s = ReportScope {
            from: day("2026-09-01"),
            to: day("2026-11-30"),
            ..ReportScope::default_for(day("2026-11-30"))
        };
        assert_eq!(s.bucket(), Bucket::Week);
        let weeks = s.buckets();
        assert_eq!(weeks.len(), 13);
        assert_eq!(weeks[12].2, at("2026-12-01T00:00:00Z"));
    }
}
