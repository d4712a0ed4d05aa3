//! A ticket as the REST API and webhooks show it to staff: one shape, written in one place.

use crate::domain::{PersonRef, Ticket};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};

pub fn person(p: &PersonRef) -> Value {
    json!({"email": p.email, "name": p.name})
}

/// A ticket as the API shows it; its SLA state is as of `now`.
pub fn ticket_json(t: &Ticket, now: DateTime<Utc>) -> Value {
    let time = |d: Option<DateTime<Utc>>| {
        d.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
    };
    let sla = t.sla.as_ref().map(|s| {
        json!({
            "policy": s.policy,
            "response_due": time(s.response_due.filter(|_| s.responded_at.is_none())),
            "responded_at": time(s.responded_at),
            "resolution_due": time(s.resolution_due),
            "paused": s.paused(),
            "state": s.state(now),
            "resolution_left_minutes": (s.resolution_left_ms as f64 / 60_000.0).round() as i64,
        })
    });
    json!({
        "number": t.number.to_string(),
        "title": t.title,
        "description": t.description,
        "category": t.category,
        "status": t.status,
        "waiting_on": t.waiting_on,
        "priority": t.priority,
        "impact": t.impact,
        "urgency": t.urgency,
        "requester": person(&t.requester),
        "assignee": t.assignee.as_ref().map(person),
        "location": t.location,
        "asset_tag": t.asset_tag,
        "contact": t.contact,
        "fields": t.fields,
        "escalated": t.escalated,
        "reopened": t.reopened,
        "resolution": t.resolution,
        "created_at": t.created_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "updated_at": t.updated_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "version": t.version,
        "sla": sla,
        "project": t.project.as_ref().map(|p| json!({"id": p.id, "name": p.name})),
        "due_on": t.due_on,
        "merged_into": t.merged_into.map(|n| n.to_string()),
    })
}
