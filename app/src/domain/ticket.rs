//! A ticket and the values it is made of. Constructors parse, so an invalid value cannot exist.

use super::{closed_enum, EventKind, Impact, Lifecycle, Priority, Status, Urgency, WaitingOn};
use crate::i18n::Msg;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The human-facing number of a ticket, `SB-1042`. The database id is `number - OFFSET`
/// so numbers start at four digits and never reveal how little has been filed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TicketNumber(pub i64);

impl TicketNumber {
    pub const PREFIX: &'static str = "SB-";
    const OFFSET: i64 = 1000;

    pub fn from_id(id: i64) -> Self {
        TicketNumber(id + Self::OFFSET)
    }

    pub fn id(self) -> i64 {
        self.0 - Self::OFFSET
    }

    /// Accepts `SB-1042`, `sb-1042` or `1042`.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let digits = s
            .get(..3)
            .filter(|p| p.eq_ignore_ascii_case(Self::PREFIX))
            .map_or(s, |_| &s[3..]);
        let n: i64 = digits.parse().ok()?;
        (n > Self::OFFSET && n < i64::MAX / 2).then_some(TicketNumber(n))
    }
}

impl fmt::Display for TicketNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", Self::PREFIX, self.0)
    }
}

/// Trimmed text with a length range; the error is the catalogue key of a message that names the
/// field as a person would (`short` when empty or too short, `long` when too long).
fn bounded(value: &str, short: &str, long: &str, min: usize, max: usize) -> Result<String, String> {
    let v = value.trim();
    let len = v.chars().count();
    if len < min {
        Err(short.to_string())
    } else if len > max {
        Err(long.to_string())
    } else {
        Ok(v.to_string())
    }
}

macro_rules! text_value {
    ($(#[$meta:meta])* $name:ident, $short:literal, $long:literal, $min:literal, $max:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The value, or the catalogue key of what is wrong with it.
            pub fn parse(s: &str) -> Result<Self, String> {
                bounded(s, $short, $long, $min, $max).map($name)
            }
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            /// Deserializing answers the message in words (English), not its key.
            fn try_from(s: String) -> Result<Self, String> {
                Self::parse(&s).map_err(|key| crate::i18n::Locale::default().t(&key))
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.0
            }
        }
    };
}

text_value!(
    /// What the request is about in one line.
    TicketTitle, "err-title-too-short", "err-title-too-long", 3, 200
);
text_value!(
    /// What requesters read about a known issue: one line, which also titles the tickets of
    /// those it affects too.
    KnownNotice, "err-notice-too-short", "err-notice-too-long", 3, 200
);
text_value!(
    /// The body of a note or a reply.
    NoteBody, "err-note-required", "err-note-too-long", 1, 20_000
);
text_value!(
    /// How a ticket was solved; a ticket cannot be resolved without it.
    ResolutionNotes, "err-resolution-required", "err-resolution-too-long", 1, 20_000
);

impl ResolutionNotes {
    pub(crate) fn placeholder() -> Self {
        ResolutionNotes("-".into())
    }
}

closed_enum!(
    /// Public notes are seen by the requester and watchers; internal ones by staff only.
    NoteVisibility { Public => "public", Internal => "internal" }
);

closed_enum!(
    /// How a request reached the desk. `Project` marks a task planned in a project and
    /// `Schedule` one a recurring ticket filed; the others are how someone filed it.
    Channel {
        Portal => "portal",
        Phone => "phone",
        WalkIn => "walk_in",
        Email => "email",
        Api => "api",
        Project => "project",
        Schedule => "schedule",
    }
);

impl Channel {
    /// The channels a request may be filed through (a project's tasks are planned, not filed).
    pub const FILED: [Channel; 5] = [
        Channel::Portal,
        Channel::Phone,
        Channel::WalkIn,
        Channel::Email,
        Channel::Api,
    ];

    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Channel::Portal => "channel-portal",
            Channel::Phone => "channel-phone",
            Channel::WalkIn => "channel-walk-in",
            Channel::Email => "channel-email",
            Channel::Api => "channel-api",
            Channel::Project => "channel-project",
            Channel::Schedule => "channel-schedule",
        }
    }
}

/// A person as shown on a ticket.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PersonRef {
    pub email: String,
    pub name: String,
}

impl PersonRef {
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ticket {
    pub number: TicketNumber,
    pub title: String,
    pub description: String,
    pub category: String,
    pub status: Status,
    pub waiting_on: Option<WaitingOn>,
    pub priority: Priority,
    pub impact: Impact,
    pub urgency: Urgency,
    pub requester: PersonRef,
    pub assignee: Option<PersonRef>,
    pub location: Option<String>,
    pub asset_tag: Option<String>,
    pub contact: Option<String>,
    /// Answers to the category's extra questions, by field key.
    pub fields: serde_json::Map<String, serde_json::Value>,
    pub escalated: bool,
    pub reopened: bool,
    pub resolution: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    /// The service-level clocks; absent until first computed, and for planned tasks.
    pub sla: Option<super::Sla>,
    /// The project the ticket belongs to.
    #[serde(default)]
    pub project: Option<super::coordination::ProjectTag>,
    /// A planned task's due date: its target instead of service-level clocks.
    #[serde(default)]
    pub due_on: Option<chrono::NaiveDate>,
    /// The ticket this one was merged into as a duplicate; its number redirects there.
    #[serde(default)]
    pub merged_into: Option<TicketNumber>,
}

impl Ticket {
    pub fn lifecycle(&self) -> Lifecycle {
        Lifecycle {
            status: self.status,
            waiting_on: self.waiting_on,
            has_assignee: self.assignee.is_some(),
        }
    }

    /// A planned task still open after its due date.
    pub fn overdue(&self, today: chrono::NaiveDate) -> bool {
        self.status.is_open() && self.due_on.is_some_and(|d| d < today)
    }

    /// What needs doing first: higher priority, then the nearest running deadline, then age.
    pub fn work_order(&self) -> (super::Priority, DateTime<Utc>, DateTime<Utc>) {
        let due = self.sla.as_ref().and_then(|s| s.next_due());
        (
            self.priority,
            due.unwrap_or(DateTime::<Utc>::MAX_UTC),
            self.created_at,
        )
    }

    /// The catalogue key of the status as a requester reads it.
    pub fn status_words(&self) -> &'static str {
        match (self.status, self.waiting_on) {
            (Status::New, _) => "status-words-new",
            (Status::Assigned, _) => "status-words-assigned",
            (Status::InProgress, _) => "status-words-in-progress",
            (Status::Waiting, Some(WaitingOn::Requester)) => "status-words-waiting-on-you",
            (Status::Waiting, Some(on)) => on.label_key(),
            (Status::Waiting, None) => "status-waiting",
            (Status::Resolved, _) => "status-words-resolved",
            (Status::Closed, _) => "status-closed",
            (Status::Cancelled, _) => "status-cancelled",
        }
    }
}

/// Who is reading a ticket, which decides what of it they may receive. Every way a ticket leaves
/// the server (single view, lists, board, search, project pages, REST, notifications) passes
/// the ticket, its notes and its events through `seen_by` with one of these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reader {
    /// IT staff (technicians, coordinators, admins): everything.
    Staff,
    /// The person who asked: their own details, staff by first name without addresses.
    Requester,
    /// Someone outside IT who is not the requester (a watcher, a project's follower, a merged
    /// duplicate's requester): the public side without anyone's personal details or clocks.
    Outsider,
    /// Whoever holds a private tracking link: the requester's view without addresses or phone
    /// numbers, since a link can travel further than intended.
    TrackingLink,
}

impl Reader {
    pub fn of(viewer: &super::User, requester_id: i64) -> Reader {
        if viewer.role.is_staff() {
            Reader::Staff
        } else if viewer.id == requester_id {
            Reader::Requester
        } else {
            Reader::Outsider
        }
    }
}

/// A staff member as people outside IT see them: a first name, never an address.
fn first_name_only(p: &mut PersonRef) {
    p.email.clear();
    p.name = p.first_name().to_string();
}

impl Ticket {
    /// The ticket as `reader` may receive it.
    pub fn seen_by(mut self, reader: Reader) -> Ticket {
        if reader == Reader::Staff {
            return self;
        }
        if let Some(a) = &mut self.assignee {
            first_name_only(a);
        }
        match reader {
            Reader::Staff | Reader::Requester => {}
            Reader::TrackingLink => {
                self.requester.email.clear();
                self.contact = None;
            }
            Reader::Outsider => {
                self.requester.email.clear();
                self.contact = None;
                self.asset_tag = None;
                self.fields.clear();
                self.sla = None;
            }
        }
        self
    }
}

impl Note {
    /// The note as `reader` may receive it; callers read internal notes for staff only.
    pub fn seen_by(mut self, reader: Reader) -> Note {
        if reader != Reader::Staff {
            first_name_only(&mut self.author);
        }
        self
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Note {
    pub id: i64,
    pub author: PersonRef,
    pub body: String,
    pub visibility: NoteVisibility,
    pub minutes: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// One accepted change of a ticket: its history and the board's change feed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Event {
    pub id: i64,
    pub number: TicketNumber,
    pub actor: Option<PersonRef>,
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub from: Option<String>,
    pub to: Option<String>,
    pub detail: Option<String>,
    /// Internal events (priority reasons, internal notes) are hidden from requesters.
    pub internal: bool,
}

impl Event {
    /// The event as `reader` may receive it: staff everything; everyone else the public words,
    /// and the rating's comment only its requester.
    pub fn seen_by(self, reader: Reader) -> Event {
        match reader {
            Reader::Staff => self,
            Reader::Requester => self.for_public(),
            Reader::Outsider | Reader::TrackingLink => {
                let mut e = self.for_public();
                if e.kind == EventKind::Rated {
                    e.detail = None;
                }
                e
            }
        }
    }

    /// The event as someone outside IT may receive it: first names only, no addresses, and no
    /// detail beyond what the timeline says.
    pub fn for_public(mut self) -> Event {
        self.actor = self.actor.map(|a| PersonRef {
            email: String::new(),
            name: a.first_name().to_string(),
        });
        if self.kind == EventKind::Assigned {
            self.to = self
                .to
                .map(|to| to.split_whitespace().next().unwrap_or_default().to_string());
            self.from = None;
        }
        let keep = match self.kind {
            EventKind::Status => self.to.as_deref() == Some(Status::Waiting.as_str()),
            EventKind::Reopened | EventKind::Rated | EventKind::Facility => true,
            _ => false,
        };
        if !keep {
            self.detail = None;
        }
        self
    }

    /// The event as IT reads it in the history, in the reader's language: the timeline's words
    /// and what only IT sees (who filed it for whom, addresses, reasons, rules). Words a person
    /// wrote (reasons, resolution notes, outcomes) stay as written.
    pub fn staff_words(&self) -> Msg {
        use super::event::{EventRow, FacilityStep, PriorityWhy, TicketEvent as E};
        let row = EventRow {
            kind: self.kind,
            from: self.from.clone(),
            to: self.to.clone(),
            detail: self.detail.clone(),
            internal: self.internal,
        };
        let Some(event) = E::decode(&row) else {
            return self.public_words();
        };
        let with = |what: Msg, detail: Option<Msg>| match detail {
            Some(d) => Msg::new("history-with-detail")
                .msg("what", what)
                .msg("detail", d),
            None => what,
        };
        let written = |t: &str| Some(Msg::new("history-text").text("text", t));
        match event {
            E::Created { via, .. } => with(self.public_words(), Some(filed_via(&via))),
            E::Planned { project, due_on } => Msg::new("history-staff-planned")
                .text("project", project)
                .date("day", due_on),
            E::Assigned {
                to,
                address,
                automatic_for,
                ..
            } => with(
                Msg::new("history-assigned-to").text("name", to),
                match automatic_for {
                    Some(team) => Some(
                        Msg::new("history-detail-automatic")
                            .text("address", address)
                            .text("team", team),
                    ),
                    None => written(&address),
                },
            ),
            E::Status { why, .. } => with(self.public_words(), why.as_deref().map(status_why)),
            E::Priority { to, why, .. } => with(
                Msg::new("history-priority").text("priority", to.to_string()),
                match why {
                    PriorityWhy::Manual(r) | PriorityWhy::Escalation(r) => written(&r),
                    PriorityWhy::Triage { impact, urgency } => Some(
                        Msg::new("history-detail-triage")
                            .key("impact", impact.label_key())
                            .key("urgency", urgency.label_key()),
                    ),
                    PriorityWhy::SlaRule(rule) => Some(rule_words(&rule)),
                },
            ),
            E::Escalated { to, why } => with(
                match to {
                    Some(name) => Msg::new("history-staff-escalated-to").text("name", name),
                    None => Msg::new("history-staff-escalated"),
                },
                match why.strip_prefix(super::event::SLA_RULE) {
                    Some(rule) => Some(rule_words(rule)),
                    None => written(&why),
                },
            ),
            E::Reopened { why } => with(self.public_words(), written(&why)),
            E::Rated { comment, .. } => {
                with(self.public_words(), comment.as_deref().and_then(written))
            }
            E::Facility { step, .. } => with(
                self.public_words(),
                match step {
                    FacilityStep::Requested { what, location } => Some(
                        Msg::new("history-detail-where")
                            .text("what", what)
                            .text("location", location),
                    ),
                    FacilityStep::Finished {
                        outcome: Some(o), ..
                    } => written(&o),
                    _ => None,
                },
            ),
            E::Merged { title, .. } | E::MergedFrom { title, .. } => {
                with(self.public_words(), written(&title))
            }
            E::Watcher { name } => Msg::new("history-staff-watcher").text("name", name),
            E::Triage { to, .. } => Msg::new("history-detail-triage")
                .key("impact", to.0.label_key())
                .key("urgency", to.1.label_key()),
            E::Category { from, to } => Msg::new("history-staff-category")
                .msg("from", category_name(&from))
                .msg("to", category_name(&to)),
            E::Sla { rule, .. } => rule_words(&rule),
            E::Note { .. }
            | E::Project { .. }
            | E::Due { .. }
            | E::Linked { .. }
            | E::Unlinked { .. }
            | E::TrackingLink
            | E::Attached { .. }
            | E::AttachmentRemoved { .. }
            | E::KnownIssue { .. } => self.public_words(),
        }
    }

    /// The event as a requester reads it in their timeline, put into words in their language.
    pub fn public_words(&self) -> Msg {
        let to = || self.to.clone().unwrap_or_default();
        match self.kind {
            EventKind::Created => Msg::new("history-created"),
            EventKind::Assigned => match &self.to {
                Some(to) => Msg::new("history-assigned-to")
                    .text("name", to.split_whitespace().next().unwrap_or(to)),
                None => Msg::new("history-assigned"),
            },
            EventKind::Status => match self.to.as_deref() {
                Some("in_progress") => Msg::new("history-in-progress"),
                Some("assigned") => Msg::new("history-technician-has-it"),
                Some("waiting") => Msg::new(match self.detail.as_deref() {
                    Some("requester") => "history-waiting-on-you",
                    Some("facility") => "history-waiting-on-facility",
                    Some("third_party") => "history-waiting-on-supplier",
                    _ => "history-waiting",
                }),
                Some("resolved") => Msg::new("status-resolved"),
                Some("closed") => Msg::new("status-closed"),
                Some("cancelled") => Msg::new("status-cancelled"),
                Some("new") => Msg::new("history-reopened"),
                Some(other) => Msg::new("history-status").text("status", other),
                None => Msg::new("history-status-changed"),
            },
            EventKind::Note => match &self.actor {
                Some(a) => Msg::new("history-note-from").text("name", a.first_name()),
                None => Msg::new("history-note"),
            },
            EventKind::Escalated => Msg::new("history-escalated"),
            EventKind::Priority | EventKind::RulePriority => {
                Msg::new("history-priority").text("priority", to())
            }
            EventKind::Reopened => Msg::new("history-reopened"),
            EventKind::Rated => Msg::new("history-rated").text("score", to()),
            EventKind::Facility => {
                let order = to();
                let msg = match self.detail.as_deref() {
                    Some(d) if d.starts_with("done") => Msg::new("history-facility-done"),
                    Some(d) if d.starts_with("cancelled") => Msg::new("history-facility-cancelled"),
                    Some(d) if d.starts_with("expected") => {
                        match d.trim_start_matches("expected").trim().parse::<NaiveDate>() {
                            Ok(day) => Msg::new("history-facility-expected").date("day", day),
                            Err(_) => Msg::new("history-facility-no-date"),
                        }
                    }
                    _ => Msg::new("history-facility-requested"),
                };
                msg.text("order", order)
            }
            EventKind::Project => match &self.to {
                Some(p) => Msg::new("history-project").text("project", p.clone()),
                None => Msg::new("history-project-none"),
            },
            EventKind::Due => match self.to.as_deref().map(|d| d.parse::<NaiveDate>()) {
                Some(Ok(day)) => Msg::new("history-due").date("day", day),
                Some(Err(_)) => Msg::new("history-due").text("day", to()),
                None => Msg::new("history-due-none"),
            },
            EventKind::Linked => {
                let how = match self.detail.as_deref() {
                    Some("parent") => "history-link-parent",
                    Some("child") => "history-link-child",
                    _ => "history-link-related",
                };
                Msg::new("history-linked")
                    .text("other", to())
                    .key("how", how)
            }
            EventKind::Unlinked => Msg::new("history-unlinked").text("other", to()),
            EventKind::Merged => Msg::new("history-merged").text("other", to()),
            EventKind::MergedFrom => {
                Msg::new("history-merged-from").text("other", self.from.clone().unwrap_or_default())
            }
            EventKind::Watcher => Msg::new("history-watcher"),
            EventKind::Triage => Msg::new("history-triage"),
            EventKind::Category => Msg::new("history-category"),
            EventKind::Sla => Msg::new("history-sla"),
            EventKind::TrackingLink => Msg::new("history-tracking-link"),
            EventKind::Attached => Msg::new("history-attached").text("name", to()),
            EventKind::AttachmentRemoved => {
                Msg::new("history-attachment-removed").text("name", to())
            }
            EventKind::KnownIssue => match &self.to {
                Some(notice) => Msg::new("history-known-issue").text("notice", notice.clone()),
                None => Msg::new("history-known-issue-ended"),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_numbers_parse_with_or_without_prefix() {
        assert_eq!(TicketNumber::parse("SB-1042"), Some(TicketNumber(1042)));
        assert_eq!(TicketNumber::parse("sb-1042"), Some(TicketNumber(1042)));
        assert_eq!(TicketNumber::parse(" 1042 "), Some(TicketNumber(1042)));
        assert_eq!(TicketNumber::parse("SB-12"), None);
        assert_eq!(TicketNumber::parse("SB-x"), None);
        assert_eq!(TicketNumber::parse("ü"), None);
        assert_eq!(TicketNumber::from_id(42).to_string(), "SB-1042");
        assert_eq!(TicketNumber(1042).id(), 42);
    }

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(
            TicketTitle::parse("  Printer jam ").unwrap().as_str(),
            "Printer jam"
        );
        let en = crate::i18n::Locale::default();
        assert_eq!(
            en.t(&TicketTitle::parse(" ").unwrap_err()),
            "Title needs at least 3 characters"
        );
        assert_eq!(
            en.t(&TicketTitle::parse(&"x".repeat(201)).unwrap_err()),
            "Title can be at most 200 characters"
        );
        assert_eq!(
            en.t(&ResolutionNotes::parse("  ").unwrap_err()),
            "Resolution notes is required"
        );
        assert_eq!(
            en.t(&NoteBody::parse(&"x".repeat(20_001)).unwrap_err()),
            "Note can be at most 20000 characters"
        );
    }

    #[test]
    fn titles_deserialize_through_parse() {
        let bad: Result<TicketTitle, _> = serde_json::from_str("\"  \"");
        assert!(bad.is_err());
    }
}

/// A requester's rating of the help they got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rating {
    /// 1 (poor) to 5 (excellent).
    pub score: i64,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

/// A live private link to a ticket's public page (the token is shown only when created).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackingLink {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub created_by: Option<String>,
}

/// How a request was filed, as IT reads it: the channel, or who filed it for the requester.
fn filed_via(via: &str) -> Msg {
    let channel = |code: &str| match code.parse::<Channel>() {
        Ok(c) => Msg::new(c.label_key()),
        Err(_) => Msg::new("history-text").text("text", code),
    };
    match via
        .strip_prefix(super::event::FILED_BY)
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|rest| rest.rsplit_once(" ("))
    {
        Some((name, code)) => Msg::new("history-detail-filed-by")
            .text("name", name)
            .msg("channel", channel(code)),
        None => Msg::new("history-detail-via").msg("channel", channel(via)),
    }
}

/// What moved a ticket's status, as the service records it, in the reader's language; a
/// person's resolution notes as written.
fn status_why(why: &str) -> Msg {
    use super::event::{DUPLICATE_OF, FACILITY_FINISHED, REQUESTER_REPLIED, WITH_PARENT};
    if why == REQUESTER_REPLIED {
        return Msg::new("history-why-replied");
    }
    if why == FACILITY_FINISHED {
        return Msg::new("history-why-facility-done");
    }
    if let Some(other) = why.strip_prefix(DUPLICATE_OF) {
        return Msg::new("history-why-duplicate").text("other", other);
    }
    if let Some((other, notes)) = why
        .strip_prefix(WITH_PARENT)
        .and_then(|rest| rest.split_once(": "))
    {
        return Msg::new("history-why-with-parent")
            .text("other", other)
            .text("notes", notes);
    }
    Msg::new("history-text").text("text", why)
}

/// A service-level rule (`75% resolution: notify assignee`) in the reader's language.
fn rule_words(rule: &str) -> Msg {
    match super::sla::Rule::parse(rule) {
        Ok(r) => Msg::new("history-detail-rule")
            .msg("when", r.reached())
            .text("actions", r.actions_text()),
        Err(_) => Msg::new("history-text").text("text", rule),
    }
}

/// A category's name from its slug: a seeded one in the reader's language, another as it is.
fn category_name(slug: &str) -> Msg {
    match super::category::slug_key(slug) {
        Some(key) => Msg::new(key),
        None => Msg::new("history-text").text("text", slug),
    }
}
