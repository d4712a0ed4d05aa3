//! Canned replies: who keeps them and what a ticket's note box is offered.
//!
//! Staff keep personal replies; coordinators (and admins) keep the shared ones every member of
//! staff is offered. Nobody else reads any: a requester asking answers "forbidden", a guessed id
//! of someone else's personal reply "not found".

use super::coordination::field_errors;
use super::db::{Db, ReplyRow};
use super::service::load_visible;
use super::AppState;
use crate::domain::replies::{self, CannedReply, Filling, ReplyChoice, ReplyDraft};
use crate::domain::{TicketNumber, User};
use crate::error::AppError;
use crate::i18n::Lang;

/// The most replies one person keeps, their own and (for coordinators) shared ones each.
const KEPT_MAX: i64 = 500;

fn staff(actor: &User) -> Result<(), AppError> {
    if actor.role.is_staff() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// `actor`'s own replies and the shared ones.
pub async fn list(state: &AppState, actor: &User) -> Result<Vec<CannedReply>, AppError> {
    staff(actor)?;
    Ok(rows(state, actor)
        .await?
        .into_iter()
        .map(|r| r.reply)
        .collect())
}

async fn rows(state: &AppState, actor: &User) -> Result<Vec<ReplyRow>, AppError> {
    state
        .db
        .canned_replies(actor.id, actor.role.coordinates())
        .await
}

/// Writes a new reply (`id` none) or changes one at `version`. Shared replies are written by
/// coordinators only; a reply stays personal or shared as it was made.
pub async fn save(
    state: &AppState,
    actor: &User,
    id: Option<i64>,
    version: Option<i64>,
    draft: ReplyDraft,
) -> Result<CannedReply, AppError> {
    staff(actor)?;
    let valid = draft.parse().map_err(field_errors)?;
    let coordinates = actor.role.coordinates();
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let existing = match id {
        Some(id) => Some(mine(&mut tx, actor, id).await?),
        None => None,
    };
    let owner = match &existing {
        Some(row) => row.owner,
        None if valid.shared && !coordinates => {
            return Err(AppError::field(
                "scope",
                "err-reply-only-coordinators-share",
            ))
        }
        None if valid.shared => None,
        None => Some(actor.id),
    };
    if Db::canned_reply_taken(&mut tx, owner, &valid.shortcut, valid.language, id).await? {
        return Err(AppError::field("shortcut", "err-reply-taken"));
    }
    let id = match existing {
        Some(row) => {
            let version = version.unwrap_or(row.reply.version);
            if !Db::update_canned_reply(&mut tx, row.reply.id, version, &valid, actor.id, now)
                .await?
            {
                return Err(AppError::Conflict);
            }
            row.reply.id
        }
        None => {
            if Db::canned_reply_count(&mut tx, owner).await? >= KEPT_MAX {
                return Err(AppError::field("shortcut", "err-reply-too-many"));
            }
            Db::insert_canned_reply(&mut tx, &valid, owner, actor.id, now).await?
        }
    };
    let saved = Db::canned_reply(&mut tx, id, actor.id, coordinates)
        .await?
        .ok_or(AppError::Internal)?;
    tx.commit().await?;
    Ok(saved.reply)
}

pub async fn delete(state: &AppState, actor: &User, id: i64) -> Result<(), AppError> {
    staff(actor)?;
    let mut tx = state.db.begin_write().await?;
    mine(&mut tx, actor, id).await?;
    Db::delete_canned_reply(&mut tx, id).await?;
    tx.commit().await
}

/// A reply `actor` may change: their own, or a shared one for a coordinator. Someone else's
/// personal reply is "not found", a shared one for a technician "forbidden".
async fn mine(conn: &mut sqlx::AnyConnection, actor: &User, id: i64) -> Result<ReplyRow, AppError> {
    let row = Db::canned_reply(conn, id, actor.id, actor.role.coordinates())
        .await?
        .filter(|r| r.owner.is_none() || r.owner == Some(actor.id))
        .ok_or(AppError::NotFound)?;
    if row.reply.editable {
        Ok(row)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The replies offered in a ticket's note box: one per shortcut, in the language its requester
/// reads (their choice, else the desk's), else the writer's; placeholders filled.
pub async fn for_ticket(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
) -> Result<Vec<ReplyChoice>, AppError> {
    staff(actor)?;
    let mut conn = state.db.conn().await?;
    let row = load_visible(&mut conn, actor, number).await?;
    drop(conn);
    // The names come with the ticket; only the requester's language is read besides.
    let requester_language = state
        .db
        .user_by_id(row.requester_id)
        .await?
        .and_then(|r| r.language);
    let mut languages: Vec<Lang> = Vec::new();
    for lang in [
        requester_language,
        Some(state.settings.default_language),
        actor.language,
    ]
    .into_iter()
    .flatten()
    {
        if !languages.contains(&lang) {
            languages.push(lang);
        }
    }
    let filling = Filling {
        first_name: row.ticket.requester.first_name().to_string(),
        ticket: number.to_string(),
        title: row.ticket.title.clone(),
        my_name: actor.name.clone(),
        assignee: row
            .ticket
            .assignee
            .as_ref()
            .map_or_else(|| actor.name.clone(), |a| a.name.clone()),
    };
    let kept: Vec<CannedReply> = rows(state, actor)
        .await?
        .into_iter()
        .map(|r| r.reply)
        .collect();
    Ok(replies::choose(&kept, &languages)
        .into_iter()
        .map(|r| ReplyChoice {
            text: replies::fill(&r.body, &filling),
            shortcut: r.shortcut,
            language: r.language,
            shared: r.shared,
        })
        .collect())
}
