//! A ticket as the REST API and webhooks show it to staff: one shape, written in one place. The
//! types here are what the API answers, so its OpenAPI description is read from them.

use crate::domain::sla::SlaState;
use crate::domain::{Impact, PersonRef, Priority, Status, Ticket, Urgency, WaitingOn};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

/// A time as the API writes it: ISO 8601 in UTC with milliseconds (`2026-03-02T09:15:00.000Z`).
pub fn api_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Someone on a ticket. People outside IT see staff by first name, with an empty address.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Person {
    pub email: String,
    pub name: String,
}

pub fn person(p: &PersonRef) -> Person {
    Person {
        email: p.email.clone(),
        name: p.name.clone(),
    }
}

/// The service-level clocks of a ticket, as of the answer.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct SlaView {
    /// The policy that sets the targets.
    pub policy: String,
    /// When the first response is due, until someone responded.
    #[schema(format = DateTime)]
    pub response_due: Option<String>,
    #[schema(format = DateTime)]
    pub responded_at: Option<String>,
    /// The resolution deadline while the clock runs (absent while it is paused).
    #[schema(format = DateTime)]
    pub resolution_due: Option<String>,
    /// The clock stands still while the ticket waits.
    pub paused: bool,
    pub state: SlaState,
    /// Business minutes left for resolution (negative once overdue).
    pub resolution_left_minutes: i64,
}

/// The project a ticket belongs to.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ProjectRef {
    pub id: i64,
    pub name: String,
}

/// A ticket as the API shows it. Its `version` is also its `ETag`.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TicketView {
    /// `SB-1042`.
    pub number: String,
    pub title: String,
    pub description: String,
    /// The category's slug.
    pub category: String,
    pub status: Status,
    /// Whom a waiting ticket waits on.
    pub waiting_on: Option<WaitingOn>,
    pub priority: Priority,
    pub impact: Impact,
    pub urgency: Urgency,
    pub requester: Person,
    pub assignee: Option<Person>,
    pub location: Option<String>,
    pub asset_tag: Option<String>,
    /// How to reach the requester (staff and the requester only).
    pub contact: Option<String>,
    /// Answers to the category's extra questions, by field key.
    #[schema(value_type = Object)]
    pub fields: serde_json::Map<String, Value>,
    pub escalated: bool,
    pub reopened: bool,
    pub resolution: Option<String>,
    #[schema(format = DateTime)]
    pub created_at: String,
    #[schema(format = DateTime)]
    pub updated_at: String,
    /// Grows with every change; name it in `If-Match` to change the ticket.
    pub version: i64,
    /// Absent until first computed, and for planned tasks.
    pub sla: Option<SlaView>,
    pub project: Option<ProjectRef>,
    /// A planned task's due date.
    pub due_on: Option<NaiveDate>,
    /// The ticket this duplicate was merged into.
    pub merged_into: Option<String>,
}

/// A ticket as the API shows it; its SLA state is as of `now`.
pub fn ticket_view(t: &Ticket, now: DateTime<Utc>) -> TicketView {
    let sla = t.sla.as_ref().map(|s| SlaView {
        policy: s.policy.clone(),
        response_due: s
            .response_due
            .filter(|_| s.responded_at.is_none())
            .map(api_time),
        responded_at: s.responded_at.map(api_time),
        resolution_due: s.resolution_due.map(api_time),
        paused: s.paused(),
        state: s.state(now),
        resolution_left_minutes: (s.resolution_left_ms as f64 / 60_000.0).round() as i64,
    });
    TicketView {
        number: t.number.to_string(),
        title: t.title.clone(),
        description: t.description.clone(),
        category: t.category.clone(),
        status: t.status,
        waiting_on: t.waiting_on,
        priority: t.priority,
        impact: t.impact,
        urgency: t.urgency,
        requester: person(&t.requester),
        assignee: t.assignee.as_ref().map(person),
        location: t.location.clone(),
        asset_tag: t.asset_tag.clone(),
        contact: t.contact.clone(),
        fields: t.fields.clone(),
        escalated: t.escalated,
        reopened: t.reopened,
        resolution: t.resolution.clone(),
        created_at: api_time(t.created_at),
        updated_at: api_time(t.updated_at),
        version: t.version,
        sla,
        project: t.project.as_ref().map(|p| ProjectRef {
            id: p.id,
            name: p.name.clone(),
        }),
        due_on: t.due_on,
        merged_into: t.merged_into.map(|n| n.to_string()),
    }
}

/// The same, as JSON (a webhook's body).
pub fn ticket_json(t: &Ticket, now: DateTime<Utc>) -> Value {
    serde_json::to_value(ticket_view(t, now)).unwrap_or(Value::Null)
}
