//! One change applied to many tickets at once: each ticket goes through the same permission and
//! lifecycle checks as a single change, in a transaction of its own; those refused are reported
//! with why, the others done, each with its own history event and notifications.

use super::*;
use crate::domain::coordination::LinkChoice;
use crate::types::{BulkChange, BulkTarget};

/// How many tickets one bulk change may name.
pub const BULK_MAX: usize = 500;

/// What became of one ticket of a bulk change: the ticket as it is now, or why it was refused
/// (`Conflict` when it changed since the caller saw it, `NotFound` when they may not see it).
pub struct BulkOutcome {
    pub number: TicketNumber,
    pub result: Result<Ticket, AppError>,
}

/// Applies `change` to every ticket of `targets`, in the order given (a number named twice
/// counts once). Refuses the whole request only when it cannot apply to any ticket: no
/// tickets, too many, or a text every ticket would refuse (an empty note, resolution notes
/// that are too short).
#[tracing::instrument(skip_all, fields(user.id = actor.id, tickets = targets.len()))]
pub async fn bulk_change(
    state: &AppState,
    actor: &User,
    targets: &[BulkTarget],
    change: &BulkChange,
) -> Result<Vec<BulkOutcome>, AppError> {
    if targets.is_empty() {
        return Err(AppError::field("tickets", "err-bulk-none"));
    }
    if targets.len() > BULK_MAX {
        return Err(AppError::field_msg(
            "tickets",
            Msg::new("err-bulk-too-many").number("max", BULK_MAX as i64),
        ));
    }
    check_once(change)?;
    let mut seen = std::collections::HashSet::new();
    let mut outcomes = Vec::with_capacity(targets.len());
    for target in targets {
        // A number that is not one reveals as little as a ticket the caller may not see.
        let Some(number) = TicketNumber::parse(&target.number) else {
            return Err(AppError::field_msg(
                "tickets",
                Msg::new("err-bulk-number").text("number", cut(&target.number)),
            ));
        };
        if !seen.insert(number) {
            continue;
        }
        let result = apply(state, actor, number, target.version, change).await;
        if let Err(e) = &result {
            tracing::info!(ticket.number = %number, error = %e, "bulk change refused for a ticket");
        }
        outcomes.push(BulkOutcome { number, result });
    }
    Ok(outcomes)
}

/// The checks that do not depend on the ticket, made once for all.
fn check_once(change: &BulkChange) -> Result<(), AppError> {
    match change {
        BulkChange::Change {
            status: Some(Status::Resolved),
            change,
            ..
        } => {
            ResolutionNotes::parse(change.text.as_deref().unwrap_or_default())
                .map_err(|m| AppError::field("resolution", m))?;
        }
        BulkChange::Change { .. } => {}
        BulkChange::Note { body, .. } => {
            NoteBody::parse(body).map_err(|m| AppError::field("body", m))?;
        }
        BulkChange::Watch { email } => {
            Email::parse(email).map_err(|m| AppError::field("email", m))?;
        }
        BulkChange::Children { parent } => {
            TicketNumber::parse(parent)
                .ok_or_else(|| AppError::field("parent", "err-ticket-number"))?;
        }
    }
    Ok(())
}

/// The first characters of something that is not a ticket number, to name it in a message.
fn cut(s: &str) -> String {
    s.chars().take(20).collect()
}

/// One ticket's part of a bulk change.
async fn apply(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    version: i64,
    change: &BulkChange,
) -> Result<Ticket, AppError> {
    let current = ticket(state, actor, number).await?;
    if current.version != version {
        return Err(AppError::Conflict);
    }
    match change {
        BulkChange::Change {
            status,
            waiting_on,
            change,
        } => {
            let mut change = change.clone();
            if let Some(to) = *status {
                change.action = ActionKind::to_reach(current.status, to, *waiting_on)
                    .map_err(|m| AppError::field_msg("status", m))?;
            }
            change_ticket(state, actor, number, Some(version), change).await
        }
        BulkChange::Note { body, visibility } => {
            let input = NoteInput {
                body: body.clone(),
                visibility: *visibility,
                minutes: None,
                idempotency_key: None,
                reused: Vec::new(),
            };
            add_note(state, actor, number, input).await?;
            ticket(state, actor, number).await
        }
        BulkChange::Watch { email } => {
            add_watcher(state, actor, number, email).await?;
            ticket(state, actor, number).await
        }
        BulkChange::Children { parent } => {
            crate::server::coordination::link(state, actor, number, LinkChoice::Parent, parent)
                .await?;
            ticket(state, actor, number).await
        }
    }
}
