//! The REST API's answers as the tests read them. Each struct names only the fields some test looks
//! at, and each of those must be on the wire: a field that is renamed, retyped or dropped fails the
//! parse with its name, where indexing a `serde_json::Value` would read `Null` and compare on.
//! Tests that check the raw wire on purpose (a field left out, two answers alike) keep `Value`.

use chrono::{DateTime, Utc};
use reqwest::Response;
use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A response's JSON body as `T`; a body that does not fit fails with the reason and the body.
pub async fn parse<T: DeserializeOwned>(r: Response) -> T {
    let text = r.text().await.expect("a body");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e} in {text}"))
}

/// The `error` of an API error answer.
pub async fn error(r: Response) -> ErrorJson {
    parse::<ErrorAnswer>(r).await.error
}

/// A nullable field that must still be present: serde would read a missing `Option` as `None`,
/// which would let a renamed field pass every `is_none()` check.
fn present<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::deserialize(d)
}

#[derive(Debug, Deserialize)]
struct ErrorAnswer {
    error: ErrorJson,
}

#[derive(Debug, Deserialize)]
pub struct ErrorJson {
    pub code: String,
    /// Field → message; only validation errors carry it.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct PersonJson {
    pub email: String,
    pub name: String,
}

/// A ticket as filing, fetching, changing and listing answer it.
#[derive(Debug, Deserialize)]
pub struct TicketJson {
    pub number: String,
    pub title: String,
    pub description: String,
    pub status: String,
    #[serde(deserialize_with = "present")]
    pub waiting_on: Option<String>,
    pub priority: String,
    pub requester: PersonJson,
    #[serde(deserialize_with = "present")]
    pub assignee: Option<PersonJson>,
    #[serde(deserialize_with = "present")]
    pub asset_tag: Option<String>,
    pub escalated: bool,
    #[serde(deserialize_with = "present")]
    pub resolution: Option<String>,
    pub created_at: DateTime<Utc>,
    pub version: i64,
    #[serde(deserialize_with = "present")]
    pub sla: Option<SlaJson>,
}

impl TicketJson {
    /// The ticket's id in the database (its number without the `SB-` prefix, less 1000).
    pub fn id(&self) -> i64 {
        app::domain::TicketNumber::parse(&self.number)
            .expect("a ticket number")
            .id()
    }

    /// The assignee's email; a panic when nobody has the ticket.
    pub fn assignee_email(&self) -> &str {
        &self.assignee.as_ref().expect("an assignee").email
    }

    /// The SLA clock; a panic when the ticket runs none.
    pub fn sla(&self) -> &SlaJson {
        self.sla.as_ref().expect("an SLA clock")
    }
}

#[derive(Debug, Deserialize)]
pub struct SlaJson {
    pub policy: String,
    #[serde(deserialize_with = "present")]
    pub response_due: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "present")]
    pub responded_at: Option<DateTime<Utc>>,
    #[serde(deserialize_with = "present")]
    pub resolution_due: Option<DateTime<Utc>>,
    pub paused: bool,
    pub state: String,
    pub resolution_left_minutes: i64,
}

/// `GET /tickets`: a page of tickets and where the next one starts.
#[derive(Debug, Deserialize)]
pub struct TicketPage {
    pub items: Vec<TicketJson>,
    #[serde(deserialize_with = "present")]
    pub next_cursor: Option<String>,
}

/// A list answer without paging: events, watchers, policies, tokens, projects, work orders.
#[derive(Debug, Deserialize)]
pub struct Items<T> {
    pub items: Vec<T>,
}

/// One entry of a ticket's history.
#[derive(Debug, Deserialize)]
pub struct EventJson {
    pub kind: String,
    #[serde(deserialize_with = "present")]
    pub to: Option<String>,
    pub internal: bool,
}

#[derive(Debug, Deserialize)]
pub struct NoteJson {
    pub author: PersonJson,
    pub body: String,
    pub visibility: String,
}

/// `GET /tickets/{number}/notes`: a page of the conversation.
#[derive(Debug, Deserialize)]
pub struct NotePage {
    pub items: Vec<NoteJson>,
    #[serde(deserialize_with = "present")]
    pub next_after: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct NotificationJson {
    pub id: i64,
    #[serde(deserialize_with = "present")]
    pub ticket: Option<String>,
    pub kind: String,
    pub subject: String,
    pub body: String,
}

/// `GET /notifications`: the caller's notifications and how many are unread.
#[derive(Debug, Deserialize)]
pub struct Notifications {
    pub items: Vec<NotificationJson>,
    pub unread: i64,
}

/// `POST /notifications/read`: how many were marked read.
#[derive(Debug, Deserialize)]
pub struct Marked {
    pub marked: i64,
}

/// `POST /auth/token`: a new bearer token and its entry in the owner's list.
#[derive(Debug, Deserialize)]
pub struct IssuedToken {
    pub id: i64,
    pub name: String,
    pub token: String,
}

/// An entry of `GET /auth/tokens`.
#[derive(Debug, Deserialize)]
pub struct TokenJson {
    pub name: String,
    #[serde(deserialize_with = "present")]
    pub last_used_at: Option<String>,
}

/// `GET /projects/{id}`: a project's progress and its tickets.
#[derive(Debug, Deserialize)]
pub struct ProjectJson {
    pub progress: ProgressJson,
    pub tickets: Vec<TicketJson>,
}

/// An entry of `GET /projects`.
#[derive(Debug, Deserialize)]
pub struct ProjectSummaryJson {
    pub name: String,
    pub progress: ProgressJson,
}

#[derive(Debug, Deserialize)]
pub struct ProgressJson {
    pub done: u32,
    pub open: u32,
}

/// A facility work order as requesting or updating one answers it.
#[derive(Debug, Deserialize)]
pub struct WorkOrderJson {
    pub id: i64,
}

/// `GET /reports`: the headline figures and every table.
#[derive(Debug, Deserialize)]
pub struct ReportJson {
    /// (label, figure)
    pub summary: Vec<(String, String)>,
    pub tables: Vec<TableJson>,
}

#[derive(Debug, Deserialize)]
pub struct TableJson {
    pub key: String,
    /// Heading of the label column.
    pub label: String,
    pub columns: Vec<String>,
    pub rows: Vec<RowJson>,
}

#[derive(Debug, Deserialize)]
pub struct RowJson {
    pub label: String,
    pub cells: Vec<CellJson>,
}

/// A report cell, externally tagged as serde writes an enum: `{"Count": 2}`, `"Empty"`.
#[derive(Debug, Deserialize)]
pub enum CellJson {
    Count(i64),
    Number { value: f64, decimals: usize },
    Text(String),
    Empty,
}

/// A category and the fields a request in it asks for.
#[derive(Debug, Deserialize)]
pub struct CategoryJson {
    pub slug: String,
    pub fields: Vec<CategoryFieldJson>,
}

#[derive(Debug, Deserialize)]
pub struct CategoryFieldJson {
    pub key: String,
    pub required: bool,
}

#[test]
fn a_field_that_goes_missing_fails_the_parse() {
    let whole = serde_json::json!({"items": [], "next_after": null});
    assert!(serde_json::from_value::<NotePage>(whole).is_ok());
    let renamed = serde_json::json!({"items": [], "next": null});
    assert!(
        serde_json::from_value::<NotePage>(renamed).is_err(),
        "a renamed nullable field is not read as null"
    );
}
