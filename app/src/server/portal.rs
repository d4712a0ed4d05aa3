//! The requester's side beyond the ticket core: rating the help, and private tracking links for
//! people without an account (only the ticket's public side shows through one).

use super::db::Db;
use super::service::load_visible;
use super::state::AppState;
use super::write::TicketWrite;
use crate::domain::{NoteVisibility, Reader, Role, Status, TicketEvent, TicketNumber, User};
use crate::error::AppError;
use crate::types::TicketDetail;

/// The requester rates the help on a resolved or closed ticket (1–5, with an optional comment);
/// rating again replaces the rating.
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn rate(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    score: &str,
    comment: &str,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let score: i64 = score
        .trim()
        .parse()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or_else(|| AppError::field("score", "err-score"))?;
    let comment = comment.trim();
    if comment.chars().count() > 2000 {
        return Err(AppError::field("comment", "err-comment-too-long"));
    }
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    if row.requester_id != actor.id {
        return Err(AppError::Forbidden);
    }
    if !matches!(row.ticket.status, Status::Resolved | Status::Closed) {
        return Err(AppError::field("score", "err-rate-when-resolved"));
    }
    Db::rate(
        w.conn(),
        row.id,
        score,
        Some(comment).filter(|c| !c.is_empty()),
        now,
    )
    .await?;
    Db::touch_ticket(w.conn(), row.id, now).await?;
    w.record(
        row.id,
        &[TicketEvent::Rated {
            score,
            comment: Some(comment.to_string()).filter(|c| !c.is_empty()),
        }],
    )
    .await?;
    w.commit().await?;
    Ok(())
}

/// Creates a private link to the ticket's public page; answers the full address, shown once.
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn create_tracking_link(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
) -> Result<String, AppError> {
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    if !(actor.role.coordinates() || row.assignee_id == Some(actor.id)) {
        return Err(AppError::Forbidden);
    }
    // Shown once to the person who asked; only its hash is kept.
    let (token, hash) = super::auth::new_token();
    Db::insert_tracking_link(w.conn(), row.id, &hash, Some(actor.id), now).await?;
    let url = format!("{}/track/{token}", state.settings.public_url);
    Db::touch_ticket(w.conn(), row.id, now).await?;
    w.record(row.id, &[TicketEvent::TrackingLink]).await?;
    w.commit().await?;
    Ok(url)
}

/// Stores a new link for a ticket, to be sent by mail, inside a transaction; answers its id. Its
/// token is minted when the mail goes out (`mail::deliver_due`), so no usable token is stored:
/// until then the link holds the hash of a token nobody knows.
pub async fn issue_link(
    conn: &mut super::db::Conn,
    ticket_id: i64,
    created_by: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<i64, AppError> {
    let (_, unknown) = super::auth::new_token();
    Db::insert_tracking_link(conn, ticket_id, &unknown, created_by, now).await
}

pub async fn revoke_tracking_link(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    link_id: i64,
) -> Result<(), AppError> {
    let mut conn = state.db.conn().await?;
    let row = load_visible(&mut conn, actor, number).await?;
    drop(conn);
    if !(actor.role.coordinates() || row.assignee_id == Some(actor.id)) {
        return Err(AppError::Forbidden);
    }
    if !state
        .db
        .revoke_tracking_link(row.id, link_id, state.clock.now())
        .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// The ticket a live tracking link opens; anything else is "not found".
pub async fn tracked_ticket_id(state: &AppState, token: &str) -> Result<i64, AppError> {
    let token = token.trim();
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let finished_cutoff =
        state.clock.now() - chrono::Duration::days(state.settings.tracking_link_days);
    state
        .db
        .tracked_ticket(&super::auth::token_hash(token), finished_cutoff)
        .await?
        .ok_or(AppError::NotFound)
}

/// The public side of the ticket a live tracking link opens; anything else is "not found".
pub async fn tracked(state: &AppState, token: &str) -> Result<TicketDetail, AppError> {
    let token = token.trim();
    let id = tracked_ticket_id(state, token).await?;
    let mut conn = state.db.conn().await?;
    let row = Db::ticket(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    drop(conn);
    // A link can travel further than intended: public notes and events, no addresses, phone
    // numbers or rating comment through it.
    let who = Reader::TrackingLink;
    let notes = state
        .db
        .notes(id, false)
        .await?
        .into_iter()
        .filter(|n| n.visibility == NoteVisibility::Public)
        .map(|n| n.seen_by(who))
        .collect();
    let events = state
        .db
        .events(id, false)
        .await?
        .into_iter()
        .map(|e| e.seen_by(who))
        .collect();
    let mut one = [row.ticket];
    super::sla::present(state, &mut one).await?;
    let [ticket] = one;
    let ticket = ticket.seen_by(who);
    let category = state
        .db
        .category(&ticket.category)
        .await?
        .map(|(_, c)| c.names_only());
    Ok(TicketDetail {
        ticket,
        category,
        notes,
        events,
        watchers: Vec::new(),
        actions: Vec::new(),
        viewer_role: Role::Requester,
        staff_view: false,
        can_reply: false,
        can_add_watchers: false,
        rating: None,
        can_rate: false,
        can_manage_links: false,
        tracking_links: Vec::new(),
        tracking_view: true,
        merged_from: None,
        extras: Default::default(),
        // Public files, fetched through the link.
        attachments: super::service::through_link(token, state.db.attachments(id, false).await?),
        can_attach: false,
        attachment_max_mb: 0,
        attachment_ticket_max_mb: 0,
    })
}
