//! What the service answers and the server functions and pages exchange: plain data shared by
//! the server and the browser, below every layer that uses it (ui → api → server → domain), so
//! none of them imports upwards.

use crate::domain::{
    ActionKind, Availability, Category, Event, Impact, Note, NoteVisibility, PersonRef, Priority,
    Role, Ticket, Urgency,
};
use serde::{Deserialize, Serialize};

/// Everything the ticket page shows, already filtered for the caller.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TicketDetail {
    pub ticket: Ticket,
    pub notes: Vec<Note>,
    pub events: Vec<Event>,
    pub watchers: Vec<PersonRef>,
    /// What the caller may do now: the lifecycle's answer intersected with their role.
    pub actions: Vec<ActionKind>,
    pub viewer_role: Role,
    /// Staff see internal notes and may write them.
    pub staff_view: bool,
    /// The requester may reply (public note) on this ticket.
    pub can_reply: bool,
    /// The caller may add watchers (coordinators, the requester, the assignee).
    pub can_add_watchers: bool,
    /// The requester's rating, once given.
    pub rating: Option<crate::domain::ticket::Rating>,
    /// The requester may rate the help (the ticket is resolved or closed).
    pub can_rate: bool,
    /// The caller may create and revoke tracking links (coordinators, the assignee).
    pub can_manage_links: bool,
    pub tracking_links: Vec<crate::domain::ticket::TrackingLink>,
    /// Rendered for someone following a private tracking link (no account).
    pub tracking_view: bool,
    /// The number that was asked for, when it was a duplicate merged into this ticket.
    #[serde(default)]
    pub merged_from: Option<crate::domain::TicketNumber>,
    /// Links, work orders and planning (staff only; empty for everyone else).
    #[serde(default)]
    pub extras: TicketExtras,
    /// The ticket's files as the caller may see them.
    #[serde(default)]
    pub attachments: Vec<crate::domain::attachment::Attachment>,
    /// The caller may attach files, each up to `attachment_max_mb`.
    #[serde(default)]
    pub can_attach: bool,
    #[serde(default)]
    pub attachment_max_mb: u64,
    /// The most one ticket's files may hold together, in MB.
    #[serde(default)]
    pub attachment_ticket_max_mb: u64,
    /// The ticket's category as the desk has it (its name and its questions' labels), when it
    /// still exists.
    #[serde(default)]
    pub category: Option<crate::domain::Category>,
}

/// What a ticket page shows staff beyond the ticket: links to other tickets, the facility work
/// it waits on, and the choices of the forms that change those.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketExtras {
    pub links: crate::domain::coordination::TicketLinks,
    pub work_orders: Vec<crate::domain::coordination::WorkOrder>,
    pub can_link: bool,
    /// The caller may merge this ticket into another as its duplicate.
    pub can_merge: bool,
    pub can_request_facility: bool,
    pub facility_managers: Vec<PersonRef>,
    /// Open work orders another ticket could wait on too: (id, words).
    pub open_work_orders: Vec<(i64, String)>,
    /// The caller may put the ticket into a project and give it a due date (coordinators).
    pub can_plan: bool,
    pub projects: Vec<(i64, String)>,
    /// When mail to the requester last came back undelivered: staff reach them another way.
    #[serde(default)]
    pub requester_bounced_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The notice requesters read while the ticket is announced as a known issue.
    #[serde(default)]
    pub known_notice: Option<String>,
    /// The caller may announce the ticket as a known issue (coordinators, while it is open).
    #[serde(default)]
    pub can_announce: bool,
}

/// A known issue as its banner shows it: the notice, since when, how many people it affects,
/// and the reader's own ticket about it (theirs, or the one they filed with "This affects me
/// too"). Staff also get the announced ticket's number.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KnownIssue {
    pub id: i64,
    pub notice: String,
    pub since: chrono::DateTime<chrono::Utc>,
    pub affected: i64,
    pub mine: Option<crate::domain::TicketNumber>,
    pub ticket: Option<crate::domain::TicketNumber>,
}

/// A project in the list, with how far it has come.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectSummary {
    pub project: crate::domain::coordination::Project,
    pub progress: crate::domain::coordination::Progress,
    /// The earliest due date of an open task.
    pub next_due: Option<chrono::NaiveDate>,
}

/// Open tickets of a project by who has them (`None`: nobody yet).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Workload {
    pub person: Option<PersonRef>,
    pub tickets: Vec<crate::domain::coordination::LinkedTicket>,
}

/// Everything a project page shows, filtered for the caller.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectPage {
    pub project: crate::domain::coordination::Project,
    pub progress: crate::domain::coordination::Progress,
    pub workload: Vec<Workload>,
    /// Open tasks by due date, the nearest first.
    pub upcoming: Vec<Ticket>,
    /// Every ticket of the project: open ones first.
    pub tickets: Vec<Ticket>,
    pub today: chrono::NaiveDate,
    /// Coordinators plan tasks and edit the project.
    pub can_manage: bool,
    pub can_add_watchers: bool,
    pub staff_view: bool,
    /// Categories for the task form (coordinators).
    pub categories: Vec<Category>,
}

/// A planned task as the project page's form sends it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TaskDraft {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub category: String,
    pub due_on: String,
    /// P1 to P4; P3 when empty.
    #[serde(default)]
    pub priority: String,
    /// Email of the technician to assign at once (optional).
    #[serde(default)]
    pub assignee: String,
}

/// A request as filed from the portal, the board (on someone's behalf) or the API.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NewTicket {
    pub title: String,
    pub description: String,
    pub category: String,
    pub impact: String,
    pub urgency: String,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub asset_tag: Option<String>,
    #[serde(default)]
    pub contact: Option<String>,
    /// Answers to the category's extra questions, by field key.
    #[serde(default)]
    #[cfg_attr(feature = "ssr", schema(value_type = Object))]
    pub fields: serde_json::Map<String, serde_json::Value>,
    /// Staff filing on someone's behalf (phone, walk-in).
    #[serde(default)]
    pub requester_email: Option<String>,
    #[serde(default)]
    pub requester_name: Option<String>,
    /// portal, phone, walk_in, email or api.
    #[serde(default)]
    pub channel: Option<String>,
}

/// A change to a ticket; every part is optional, the whole is applied atomically.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketChange {
    pub action: Option<ActionKind>,
    /// Email of the new assignee (implies the assign action).
    pub assignee: Option<String>,
    pub priority: Option<Priority>,
    pub reason: Option<String>,
    pub category: Option<String>,
    pub impact: Option<Impact>,
    pub urgency: Option<Urgency>,
    /// Resolution notes (required to resolve), or the reason for reopening.
    pub text: Option<String>,
    /// Minutes spent, logged with a resolution.
    #[serde(default)]
    pub minutes: Option<i64>,
    /// Resolving a parent resolves its open children with the same solution too.
    #[serde(default)]
    pub resolve_children: bool,
}

/// One change applied to many tickets at once (the board's bulk actions and
/// `POST /api/v1/tickets/bulk`). Each ticket goes through the same rules as a single change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum BulkChange {
    /// Assignment, priority, category, or a status to reach (the step to it is worked out for
    /// each ticket, as a drag to a column is); resolving takes the notes in `change.text`.
    Change {
        status: Option<crate::domain::Status>,
        waiting_on: Option<crate::domain::WaitingOn>,
        change: TicketChange,
    },
    Note {
        body: String,
        visibility: NoteVisibility,
    },
    Watch {
        email: String,
    },
    /// Every ticket becomes a child of `parent`.
    Children {
        parent: String,
    },
}

/// A ticket named for a bulk change, with the version the caller saw (a ticket changed since
/// is refused as stale, the others proceed).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BulkTarget {
    pub number: String,
    pub version: i64,
}

/// What became of one ticket of a bulk change on the board: the ticket as it is now, or why it
/// was refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BulkResult {
    pub number: crate::domain::TicketNumber,
    pub ticket: Option<Ticket>,
    pub error: Option<crate::error::AppError>,
}

/// A ticket card on the board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardCard {
    pub ticket: Ticket,
    pub actions: Vec<ActionKind>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardSnapshot {
    pub cards: Vec<BoardCard>,
    pub technicians: Vec<TechnicianLoad>,
    pub categories: Vec<Category>,
    /// Category → the team it is routed to.
    pub routes: Vec<(String, String)>,
    /// (id, name) of every project, for the project filter.
    #[serde(default)]
    pub projects: Vec<(i64, String)>,
    /// Impact × urgency → priority, for triage to show the computed priority.
    pub priority_matrix: crate::domain::PriorityMatrix,
    /// Tickets per column in all (the snapshot holds the most urgent of long columns).
    pub totals: Vec<(crate::domain::Status, i64)>,
    /// Where the next page of each long column starts.
    pub next: Vec<(crate::domain::Status, String)>,
    /// The change-feed position this snapshot reflects.
    pub cursor: i64,
    /// The known issues announced, with how many people each affects.
    #[serde(default)]
    pub known: Vec<KnownIssue>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardChanges {
    /// Cards whose tickets changed since the cursor (closed ones included, so they can leave).
    pub cards: Vec<BoardCard>,
    pub cursor: i64,
    /// More changes wait beyond `cursor`; poll again at once.
    pub more: bool,
    /// The known issues as they stand after these changes (none: nothing changed).
    #[serde(default)]
    pub known: Option<Vec<KnownIssue>>,
}

/// A ticket that files itself on a schedule, as coordinators see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recurring {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub category: String,
    pub impact: crate::domain::Impact,
    pub urgency: crate::domain::Urgency,
    pub assignee: Option<crate::domain::PersonRef>,
    pub schedule: crate::domain::recurring::Schedule,
    /// The next five times it files, in order.
    pub next: Vec<chrono::DateTime<chrono::Utc>>,
    /// The last ticket it filed.
    pub last: Option<crate::domain::TicketNumber>,
}

/// A recurring ticket as a coordinator schedules it: the request's fields, whom it goes to (by
/// email; none: the category's team, as any request) and when.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NewRecurring {
    pub title: String,
    pub description: String,
    pub category: String,
    pub impact: String,
    pub urgency: String,
    #[serde(default)]
    pub assignee: Option<String>,
    pub schedule: ScheduleForm,
}

/// A schedule as the form sends it: `repeat` is days, weeks, month_weekday or year; `every` the
/// days or weeks between runs; `nth` (1 to 5, 5 the last) and `weekday` (mon to sun) pick a
/// weekday of the month; `first` is a date (2027-01-31) and `at` a time (08:00).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScheduleForm {
    pub repeat: String,
    #[serde(default)]
    pub every: String,
    #[serde(default)]
    pub nth: String,
    #[serde(default)]
    pub weekday: String,
    pub first: String,
    pub at: String,
}

/// A technician's phone screen: their open tickets and the unassigned queue, by work order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyWork {
    pub mine: Vec<crate::domain::Ticket>,
    pub queue: Vec<crate::domain::Ticket>,
    /// The change feed's head before the lists were read: wait for changes after it.
    pub cursor: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TechnicianLoad {
    pub person: PersonRef,
    pub tier: i64,
    pub open_load: i64,
    pub capacity: i64,
    pub available: bool,
    pub skills: Vec<(String, i64)>,
}

/// One ranked assignment suggestion with the reasons shown to the coordinator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub person: PersonRef,
    pub score: i64,
    pub reasons: Vec<crate::i18n::Msg>,
}

impl Suggestion {
    /// "Tina Front — network skill level 2, tier 1 fits P3, …" in the reader's language.
    pub fn words(&self, locale: &crate::i18n::Locale) -> String {
        let reasons: Vec<String> = self.reasons.iter().map(|m| m.render(locale)).collect();
        format!("{} — {}", self.person.name, reasons.join(", "))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteInput {
    pub body: String,
    pub visibility: NoteVisibility,
    pub minutes: Option<i64>,
    pub idempotency_key: Option<String>,
    /// Past fixes and articles inserted into the note (staff; kept for the reports).
    #[serde(default)]
    pub reused: Vec<crate::domain::knowledge::Reused>,
}

/// The technician roster with teams, routing and recent audit entries.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Roster {
    pub people: Vec<RosterEntry>,
    pub teams: Vec<String>,
    /// Teams that assign new requests automatically.
    pub auto_assign: Vec<String>,
    /// (category slug, team name) for categories routed to a team.
    pub routes: Vec<(String, String)>,
    pub categories: Vec<String>,
    /// Recent changes to people and settings, newest first, as sentences.
    /// When, and what changed (who, what, to whom).
    pub audit: Vec<(chrono::DateTime<chrono::Utc>, crate::i18n::Msg)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RosterEntry {
    pub email: String,
    pub name: String,
    pub tier: i64,
    pub capacity: i64,
    pub availability: Availability,
    /// YYYY-MM-DD, when off
    pub off_until: Option<String>,
    pub available: bool,
    pub open_load: i64,
    pub skills: Vec<(String, i64)>,
    pub teams: Vec<String>,
}

/// A roster edit as the form sends it; skills are written `hardware:2, network:3`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RosterUpdate {
    pub email: String,
    pub tier: i64,
    pub capacity: i64,
    pub availability: String,
    pub off_until: Option<String>,
    pub skills: String,
}

/// An SLA policy as an admin edits it: text fields as typed, targets in minutes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PolicyForm {
    pub id: Option<i64>,
    pub name: String,
    /// Category slugs, comma-separated.
    pub categories: String,
    /// Team names, comma-separated; a policy with neither categories nor teams is the default.
    #[serde(default)]
    pub teams: String,
    pub time_zone: String,
    /// Weekly hours such as `mon-fri 08:00-18:00` or `24x7`.
    pub hours: String,
    /// `YYYY-MM-DD` dates separated by spaces, commas or lines.
    pub holidays: String,
    /// P1 to P4.
    pub targets: Vec<crate::domain::sla::Target>,
    pub at_risk_percent: u32,
    /// One rule per line, e.g. `75% resolution: notify assignee`.
    pub rules: String,
}

impl PolicyForm {
    pub fn from_policy(p: &crate::domain::Policy) -> PolicyForm {
        PolicyForm {
            id: Some(p.id),
            name: p.name.clone(),
            categories: p.categories.join(", "),
            teams: p.teams.join(", "),
            time_zone: p.calendar.time_zone().to_string(),
            hours: p.calendar.hours_text(),
            holidays: p.calendar.holidays_text(),
            targets: p.targets.to_vec(),
            at_risk_percent: p.at_risk_percent,
            rules: p
                .rules
                .iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

/// The choices of the report filters: team names, categories (slug, name) and technicians
/// (id, name).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportOptions {
    /// Today in the desk's zone, where the periods offered as links end (the browser has no
    /// time zone database to work it out: see `i18n::zone`).
    pub today: chrono::NaiveDate,
    pub teams: Vec<String>,
    pub categories: Vec<(String, String)>,
    pub technicians: Vec<(i64, String)>,
}

/// A page of one board column, most urgent first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnPage {
    pub status: crate::domain::Status,
    pub cards: Vec<BoardCard>,
    /// Where the next page starts, while the column has more.
    pub next: Option<String>,
}

/// A message to the help desk held for a coordinator (too large, too many from one sender, a
/// domain the desk does not take mail from, unreadable), as the held-mail page lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HeldMessage {
    pub id: i64,
    pub sender: String,
    pub subject: String,
    /// The stored reason's code (`rate`, `too-large`, …); `domain::inbound::Why::key_of` names it.
    pub why: String,
    pub size: i64,
    /// False when the message stayed in the mailbox (too large to fetch): it can only be dropped
    /// here.
    pub kept: bool,
    pub received_at: chrono::DateTime<chrono::Utc>,
}

/// A knowledge-base article as its reader may see it: the owner's address only for staff, the
/// ticket it was made from only for staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: i64,
    pub title: String,
    /// Markdown, as written.
    pub body: String,
    /// The body as HTML, cleaned on the server (no script, no event handlers, safe links).
    pub html: String,
    /// The category's slug, and its name as an admin wrote it.
    pub category: Option<String>,
    pub category_name: Option<String>,
    pub tags: Vec<String>,
    pub audience: crate::domain::knowledge::Audience,
    pub state: crate::domain::knowledge::ArticleState,
    pub owner: PersonRef,
    pub source_ticket: Option<crate::domain::TicketNumber>,
    pub reviewed_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    pub version: i64,
    pub views: i64,
    pub helped: i64,
    pub not_helped: i64,
}

/// An article in a list or a suggestion.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub title: String,
    pub excerpt: String,
    pub audience: crate::domain::knowledge::Audience,
    pub state: crate::domain::knowledge::ArticleState,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// One saved version of an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRevision {
    pub version: i64,
    pub title: String,
    pub state: crate::domain::knowledge::ArticleState,
    pub edited_by: String,
    pub edited_at: chrono::DateTime<chrono::Utc>,
}

/// An article's page: the article, its history (staff) and what the reader may do with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticlePage {
    pub article: Article,
    pub revisions: Vec<ArticleRevision>,
    pub can_edit: bool,
    /// The reader already said whether it helped (signed-in readers answer once).
    pub answered: Option<bool>,
}

/// A resolved ticket like the one in hand: what fixed it, who and when. `open` says whether
/// the reader may open the ticket itself (technicians read the fix of every ticket, but open
/// only those they are related to).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PastFix {
    pub number: crate::domain::TicketNumber,
    pub title: String,
    pub resolution: String,
    pub fixed_by: Option<String>,
    pub fixed_at: chrono::DateTime<chrono::Utc>,
    pub open: bool,
}

/// What the desk already knows about a ticket or a request being typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct KnownAnswers {
    pub fixes: Vec<PastFix>,
    pub articles: Vec<ArticleSummary>,
}

/// A webhook as its admin page shows it. The secret is there only in the answer that created it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WebhookView {
    pub id: i64,
    pub url: String,
    pub events: Vec<String>,
    pub format: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub secret: Option<String>,
    /// Its latest deliveries, newest first (none in the answer that created it).
    pub deliveries: Vec<DeliveryView>,
}

/// One delivery of a webhook: its event and ticket, whether it went out, and the receiver's last
/// answer (its status code and the start of its body, or a catalogue key saying why it could not
/// be reached).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeliveryView {
    pub id: i64,
    pub event: String,
    pub status: String,
    pub attempts: i64,
    pub response_status: Option<i64>,
    pub response: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
}
