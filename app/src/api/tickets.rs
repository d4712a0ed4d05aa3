//! Filing, reading and changing tickets from the pages.

// `file_request` takes one argument per form field so the form posts plainly without JavaScript;
// `allow` rather than `expect` because the lint fires only in the server build of the macro.
#![allow(clippy::too_many_arguments)]

use super::types::{TicketChange, TicketDetail};
use crate::domain::{Category, Note, Ticket};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
fn number(s: &str) -> Result<crate::domain::TicketNumber, AppError> {
    crate::domain::TicketNumber::parse(s).ok_or(AppError::NotFound)
}

#[server(endpoint = "categories")]
pub async fn categories() -> Result<Vec<Category>, AppError> {
    let (state, _) = super::ssr::signed_in().await?;
    state.db.categories().await
}

/// Files a request from the portal form (which also works without JavaScript) or the board.
#[server(endpoint = "file_request")]
pub async fn file_request(
    title: String,
    description: String,
    category: String,
    impact: String,
    urgency: String,
    location: Option<String>,
    contact: Option<String>,
    fields: Option<BTreeMap<String, String>>,
    requester_email: Option<String>,
    requester_name: Option<String>,
    channel: Option<String>,
) -> Result<Ticket, AppError> {
    use super::types::NewTicket;
    use crate::server::service;
    let (state, user) = super::ssr::signed_in().await?;
    // The form names each category's inputs `<category>__<field>`; keep the chosen category's.
    let prefix = format!("{}__", category.trim());
    let fields = fields
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(k, v)| (k.strip_prefix(&prefix).map(String::from).unwrap_or(k), v))
        .filter(|(k, _)| !k.contains("__"))
        .map(|(k, v)| (k, serde_json::Value::String(v)))
        .collect();
    let input = NewTicket {
        title,
        description,
        category,
        impact,
        urgency,
        location,
        asset_tag: None,
        contact,
        fields,
        requester_email,
        requester_name,
        channel,
    };
    let ticket = service::create_ticket(&state, &user, input).await?;
    leptos_axum::redirect(&format!("/tickets/{}?filed=1", ticket.number));
    Ok(ticket)
}

/// The caller's own requests, open first, most recently updated first.
#[server(endpoint = "my_requests")]
pub async fn my_requests() -> Result<Vec<Ticket>, AppError> {
    use crate::server::service::{self, ListParams};
    let (state, user) = super::ssr::signed_in().await?;
    let params = ListParams {
        mine: true,
        limit: Some(200),
        ..ListParams::default()
    };
    Ok(service::list_tickets(&state, &user, params).await?.0)
}

#[server(endpoint = "get_ticket_detail")]
pub async fn get_ticket_detail(number: String) -> Result<TicketDetail, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::ticket_detail(&state, &user, super::tickets::number(&number)?).await
}

#[server(input = leptos::server_fn::codec::Json, endpoint = "change_ticket")]
pub async fn change_ticket(
    number: String,
    version: i64,
    change: TicketChange,
) -> Result<Ticket, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::change_ticket(
        &state,
        &user,
        super::tickets::number(&number)?,
        Some(version),
        change,
    )
    .await
}

#[server(endpoint = "add_note")]
pub async fn add_note(
    number: String,
    body: String,
    internal: Option<String>,
    minutes: Option<String>,
    idempotency_key: Option<String>,
) -> Result<Note, AppError> {
    use super::types::NoteInput;
    use crate::domain::NoteVisibility;
    let (state, user) = super::ssr::signed_in().await?;
    let minutes =
        match minutes.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
            None => None,
            Some(m) => Some(m.parse().map_err(|_| {
                AppError::field("minutes", "Time spent is a whole number of minutes")
            })?),
        };
    let visibility = if internal.is_some_and(|v| v == "on" || v == "true") {
        NoteVisibility::Internal
    } else {
        NoteVisibility::Public
    };
    let input = NoteInput {
        body,
        visibility,
        minutes,
        idempotency_key,
    };
    crate::server::service::add_note(&state, &user, super::tickets::number(&number)?, input).await
}

#[server(endpoint = "similar_tickets")]
pub async fn similar_tickets(title: String) -> Result<Vec<Ticket>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::similar(&state, &user, &title).await
}

/// The ticket's current version: a cheap check that tells an open page whether to reload.
#[server(endpoint = "ticket_version")]
pub async fn ticket_version(number: String) -> Result<i64, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    Ok(
        crate::server::service::ticket(&state, &user, super::tickets::number(&number)?)
            .await?
            .version,
    )
}

/// Adds a watcher by email (coordinators, the requester or the assignee); answers the watchers.
#[server(endpoint = "add_watcher")]
pub async fn add_watcher(
    number: String,
    email: String,
) -> Result<Vec<crate::domain::PersonRef>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::add_watcher(&state, &user, super::tickets::number(&number)?, &email)
        .await
}
