//! Known issues: a coordinator announces an open ticket to requesters with a short public notice;
//! whoever it affects too files a child of it in one click, triaged and assigned as the announced
//! ticket is. Resolving the announced ticket resolves its children with its solution (each
//! requester told), and the banner goes with it.

use super::*;
use crate::domain::KnownNotice;
use crate::server::db::KnownRow;
use crate::server::service::{file_ticket, Filing, Under};
use crate::types::{KnownIssue, NewTicket};

fn present(row: KnownRow, staff: bool) -> KnownIssue {
    KnownIssue {
        id: row.id,
        notice: row.notice,
        since: row.since,
        affected: row.affected,
        mine: row.mine.map(TicketNumber::from_id),
        ticket: staff.then(|| TicketNumber::from_id(row.ticket_id)),
    }
}

/// The known issues announced now, for anyone signed in: the notice is public by intent, the
/// announced ticket's number is for staff only.
pub async fn known_issues(state: &AppState, actor: &User) -> Result<Vec<KnownIssue>, AppError> {
    let staff = actor.role.is_staff();
    Ok(state
        .db
        .known_issues(actor.id)
        .await?
        .into_iter()
        .map(|r| present(r, staff))
        .collect())
}

/// Takes the announcement down when its ticket leaves the open statuses (resolved, closed,
/// cancelled), in the change's transaction: a ticket reopened later is not announced again
/// unless a coordinator says so.
pub(crate) async fn end_with_ticket(
    w: &mut TicketWrite<'_>,
    ticket_id: i64,
) -> Result<(), AppError> {
    if Db::delete_known_issue(w.conn(), ticket_id).await? {
        w.record(ticket_id, &[TicketEvent::KnownIssue { notice: None }])
            .await?;
    }
    Ok(())
}

/// Announces an open ticket as a known issue with `notice`, or changes the notice (coordinators).
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn announce_known_issue(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    notice: &str,
) -> Result<(), AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    let notice = KnownNotice::parse(notice).map_err(|m| AppError::field("notice", m))?;
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    if !row.ticket.status.is_open() {
        return Err(AppError::field("notice", "err-known-issue-closed"));
    }
    if Db::known_notice(w.conn(), row.id).await?.as_deref() == Some(notice.as_str()) {
        return Ok(());
    }
    Db::set_known_issue(w.conn(), row.id, notice.as_str(), actor.id, now).await?;
    Db::touch_ticket(w.conn(), row.id, now).await?;
    let event = TicketEvent::KnownIssue {
        notice: Some(notice.into()),
    };
    w.record(row.id, std::slice::from_ref(&event)).await?;
    w.commit().await?;
    tracing::info!("known issue announced");
    Ok(())
}

/// Takes a known issue's announcement down without resolving it (coordinators).
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn withdraw_known_issue(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
) -> Result<(), AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    if !Db::delete_known_issue(w.conn(), row.id).await? {
        return Ok(());
    }
    Db::touch_ticket(w.conn(), row.id, now).await?;
    w.record(row.id, &[TicketEvent::KnownIssue { notice: None }])
        .await?;
    w.commit().await?;
    Ok(())
}

/// "This affects me too": files a ticket for `actor` as a child of the known issue `id`, with its
/// notice, category, impact and urgency and its assignee, so nobody types or triages it again.
/// Someone who already has a ticket about it gets that one back instead of a second.
#[tracing::instrument(skip_all, fields(user.id = actor.id, known.id = id))]
pub async fn affected_too(
    state: &AppState,
    actor: &User,
    id: i64,
) -> Result<TicketNumber, AppError> {
    let mut conn = state.db.conn().await?;
    // Only an announced, open ticket answers: any other id is not found, whatever it is.
    let known = Db::known_issue(&mut conn, id, actor.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(mine) = known.mine {
        return Ok(TicketNumber::from_id(mine));
    }
    let parent = Db::ticket(&mut conn, known.ticket_id)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let assignee = match parent.assignee_id {
        Some(a) => state.db.user_by_id(a).await?,
        None => None,
    };
    let t = &parent.ticket;
    // The category's answers are the first requester's, not theirs; a category that asks
    // questions (a hardware request's asset tag) cannot be answered in one click, so that ticket
    // goes where mail goes, with the same priority and technician.
    let category = match state.db.category(&t.category).await? {
        Some((_, c)) if c.check_fields(&Default::default()).is_ok() => t.category.clone(),
        _ => state.settings.mail_intake.category.clone(),
    };
    let input = NewTicket {
        title: known.notice.clone(),
        description: known.notice,
        category,
        impact: t.impact.as_str().into(),
        urgency: t.urgency.as_str().into(),
        ..NewTicket::default()
    };
    let under = Under {
        known: known.id,
        parent: parent.id,
        assignee,
    };
    match file_ticket(
        state,
        actor,
        input,
        Filing {
            under: Some(under),
            ..Filing::default()
        },
    )
    .await
    {
        Ok(ticket) => Ok(ticket.number),
        // A second click raced the first: answer with the ticket the first filed.
        Err(AppError::Conflict) => {
            let mut conn = state.db.conn().await?;
            Db::known_issue(&mut conn, id, actor.id)
                .await?
                .and_then(|k| k.mine)
                .map(TicketNumber::from_id)
                .ok_or(AppError::Conflict)
        }
        Err(e) => Err(e),
    }
}
