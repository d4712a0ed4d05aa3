//! Filing, reading and changing tickets from the pages.

// `file_request` takes one argument per form field so the form posts plainly without JavaScript;
// `allow` rather than `expect` because the lint fires only in the server build of the macro.
#![allow(clippy::too_many_arguments)]

use crate::domain::{Category, Note, Ticket};
use crate::error::AppError;
use crate::types::{TicketChange, TicketDetail};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
pub(super) fn number(s: &str) -> Result<crate::domain::TicketNumber, AppError> {
    crate::domain::TicketNumber::parse(s).ok_or(AppError::NotFound)
}

#[server(endpoint = "categories", output = crate::api::JsonAnswer)]
pub async fn categories() -> Result<Vec<Category>, AppError> {
    let (state, _) = super::ssr::signed_in().await?;
    state.db.categories().await
}

/// Files a request from the portal form (which also works without JavaScript) or the board.
#[server(endpoint = "file_request", output = crate::api::JsonAnswer)]
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
    use crate::server::service;
    use crate::types::NewTicket;
    let (state, user) = super::ssr::signed_in().await?;
    // What was typed, to show again if a browser without JavaScript is sent back to the form.
    let mut typed: BTreeMap<String, String> = [
        ("title", Some(&title)),
        ("description", Some(&description)),
        ("category", Some(&category)),
        ("impact", Some(&impact)),
        ("urgency", Some(&urgency)),
        ("location", location.as_ref()),
        ("contact", contact.as_ref()),
        ("requester_email", requester_email.as_ref()),
        ("requester_name", requester_name.as_ref()),
        ("channel", channel.as_ref()),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.map(|v| (k.to_string(), v.clone())))
    .collect();
    for (k, v) in fields.iter().flatten() {
        typed.insert(format!("fields[{k}]"), v.clone());
    }
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
    let parts = super::ssr::parts()?;
    let without_js = parts
        .headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    // Files a browser without JavaScript posted with the form: refused before anything is filed
    // when they break a limit.
    let files = parts
        .extensions
        .get::<service::PostedFiles>()
        .and_then(|p| p.take())
        .transpose()
        .and_then(|f| {
            let files = f.unwrap_or_default();
            if !files.is_empty() {
                service::check_uploads(&state, &files)?;
            }
            Ok(files)
        });
    let refused_files = files.is_err();
    let filed = match files {
        Ok(files) => service::create_ticket(&state, &user, input)
            .await
            .map(|t| (t, files)),
        Err(e) => Err(e),
    };
    let (ticket, files) = match filed {
        Ok(filed) => filed,
        Err(e) if refused_files || matches!(e, AppError::Validation(_)) => {
            // Sent back to a fresh form without JavaScript: keep what was typed.
            if without_js {
                state
                    .db
                    .save_draft(user.id, "file_request", &typed, state.clock.now())
                    .await?;
            }
            return Err(e);
        }
        Err(e) => return Err(e),
    };
    state.db.delete_draft(user.id, "file_request").await?;
    let mut to = format!("/tickets/{}?filed=1", ticket.number);
    if !files.is_empty() {
        let attached = service::attach(
            &state,
            &user,
            ticket.number,
            files,
            service::AttachInput {
                note: None,
                visibility: crate::domain::NoteVisibility::Public,
            },
        )
        .await;
        // The ticket is filed either way; a refusal shows at the ticket page's form.
        if let Err(e) = attached {
            to = format!("{to}&attach_error={}#attach", service::refusal_code(&e));
        }
    }
    leptos_axum::redirect(&to);
    Ok(ticket)
}

/// What the caller typed into a request form that was refused moments ago (browsers without
/// JavaScript come back to a fresh page).
#[server(endpoint = "request_draft", output = crate::api::JsonAnswer)]
pub async fn request_draft() -> Result<BTreeMap<String, String>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let since = state.clock.now() - chrono::Duration::minutes(10);
    Ok(state
        .db
        .draft(user.id, "file_request", since)
        .await?
        .unwrap_or_default())
}

/// The caller's own requests, open first, most recently updated first.
#[server(endpoint = "my_requests", output = crate::api::JsonAnswer)]
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

#[server(endpoint = "get_ticket_detail", output = crate::api::JsonAnswer)]
pub async fn get_ticket_detail(number: String) -> Result<TicketDetail, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::ticket_detail(&state, &user, super::tickets::number(&number)?).await
}

#[server(input = leptos::server_fn::codec::Json, endpoint = "change_ticket", output = crate::api::JsonAnswer)]
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

/// A requester's decision on a resolved ticket, as a plain form post (works without JavaScript):
/// `close` accepts the solution, `reopen` says it is not fixed (with what is still wrong).
#[server(endpoint = "decide", output = crate::api::JsonAnswer)]
pub async fn decide(
    number: String,
    version: i64,
    action: String,
    reason: Option<String>,
) -> Result<Ticket, AppError> {
    use crate::domain::ActionKind;
    let (state, user) = super::ssr::signed_in().await?;
    let action = match action.as_str() {
        "close" => ActionKind::Close,
        "reopen" => ActionKind::Reopen,
        _ => return Err(AppError::BadRequest("err-unknown-decision".into())),
    };
    let reason = reason
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty());
    if action == ActionKind::Reopen && reason.is_none() {
        return Err(AppError::field("reason", "err-reopen-reason"));
    }
    let change = TicketChange {
        action: Some(action),
        text: reason.clone(),
        reason,
        ..TicketChange::default()
    };
    crate::server::service::change_ticket(
        &state,
        &user,
        super::tickets::number(&number)?,
        Some(version),
        change,
    )
    .await
}

#[server(endpoint = "add_note", output = crate::api::JsonAnswer)]
pub async fn add_note(
    number: String,
    body: String,
    internal: Option<String>,
    minutes: Option<String>,
    idempotency_key: Option<String>,
    reused: Option<String>,
) -> Result<Note, AppError> {
    use crate::domain::NoteVisibility;
    use crate::types::NoteInput;
    let (state, user) = super::ssr::signed_in().await?;
    let minutes = match minutes.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        None => None,
        Some(m) => Some(
            m.parse()
                .map_err(|_| AppError::field("minutes", "err-minutes-number"))?,
        ),
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
        reused: reused
            .as_deref()
            .map(crate::domain::knowledge::Reused::parse_list)
            .unwrap_or_default(),
    };
    crate::server::service::add_note(&state, &user, super::tickets::number(&number)?, input).await
}

#[server(endpoint = "similar_tickets", output = crate::api::JsonAnswer)]
pub async fn similar_tickets(title: String) -> Result<Vec<Ticket>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::similar(&state, &user, &title).await
}

/// The ticket's current version: a cheap check that tells an open page whether to reload. With
/// `seen` and `wait_ms` (at most 25 s) it answers when the version is no longer `seen`, or then.
#[server(endpoint = "ticket_version", output = crate::api::JsonAnswer)]
pub async fn ticket_version(
    number: String,
    seen: Option<i64>,
    wait_ms: Option<u32>,
) -> Result<i64, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let wait = super::ssr::waiting(wait_ms);
    crate::server::service::ticket_version(
        &state,
        &user,
        super::tickets::number(&number)?,
        seen,
        wait,
    )
    .await
}

/// Adds a watcher by email (coordinators, the requester or the assignee); answers the watchers.
#[server(endpoint = "add_watcher", output = crate::api::JsonAnswer)]
pub async fn add_watcher(
    number: String,
    email: String,
) -> Result<Vec<crate::domain::PersonRef>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::add_watcher(&state, &user, super::tickets::number(&number)?, &email)
        .await
}

/// The requester rates the help on a resolved or closed ticket.
#[server(endpoint = "rate_ticket", output = crate::api::JsonAnswer)]
pub async fn rate_ticket(number: String, score: String, comment: String) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::portal::rate(
        &state,
        &user,
        super::tickets::number(&number)?,
        &score,
        &comment,
    )
    .await
}

/// Creates a private tracking link; answers its address (shown once).
#[server(endpoint = "create_tracking_link", output = crate::api::JsonAnswer)]
pub async fn create_tracking_link(number: String) -> Result<String, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::portal::create_tracking_link(&state, &user, super::tickets::number(&number)?)
        .await
}

#[server(endpoint = "revoke_tracking_link", output = crate::api::JsonAnswer)]
pub async fn revoke_tracking_link(number: String, link: i64) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::portal::revoke_tracking_link(
        &state,
        &user,
        super::tickets::number(&number)?,
        link,
    )
    .await
}

/// The public side of a ticket, for whoever holds its private link (no sign-in).
#[server(endpoint = "tracked_ticket", output = crate::api::JsonAnswer)]
pub async fn tracked_ticket(token: String) -> Result<TicketDetail, AppError> {
    let state = super::ssr::state()?;
    crate::server::portal::tracked(&state, &token).await
}
