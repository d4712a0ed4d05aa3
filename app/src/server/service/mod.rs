//! The ticket service: every rule and permission check of ticket work, in one place. Server
//! functions and the REST API are thin adapters over these functions.

use super::db::Conn;
use super::db::{
    self, AssigneeFilter, Db, ListCursor, NewTicketRow, TicketQuery, TicketRow, TicketState,
};
use super::notify;
use super::state::AppState;
use super::write::TicketWrite;
use crate::domain::assignment::{self, Candidate};
use crate::domain::{
    Action, ActionKind, Channel, Email, Impact, Lifecycle, Note, NoteBody, NoteVisibility,
    PersonRef, PriorityWhy, Reader, Relation, ResolutionNotes, Role, Status, Ticket, TicketEvent,
    TicketNumber, TicketTitle, Urgency, User, Visibility, WaitingOn,
};
use crate::error::{AppError, FieldError};
use crate::i18n::Msg;
use crate::types::{
    BoardCard, BoardChanges, BoardSnapshot, ColumnPage, NewTicket, NoteInput, Suggestion,
    TechnicianLoad, TicketChange, TicketDetail,
};

/// Whether `actor` may see the ticket at all: everything for coordinators and admins, else one
/// of the relations their `Visibility` names must hold (the lists ask the same in SQL). Callers
/// answer `NotFound` when not, so a guessed number reveals nothing.
pub(crate) async fn can_see(
    conn: &mut Conn,
    actor: &User,
    row: &TicketRow,
) -> Result<bool, AppError> {
    let visibility = Visibility::of(actor);
    if visibility == Visibility::Everything {
        return Ok(true);
    }
    for relation in visibility.relations() {
        if holds(conn, *relation, actor.id, row).await? {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Whether `user` is related to the ticket by `relation`.
async fn holds(
    conn: &mut Conn,
    relation: Relation,
    user: i64,
    row: &TicketRow,
) -> Result<bool, AppError> {
    Ok(match relation {
        Relation::Requester => row.requester_id == user,
        Relation::Assignee => row.assignee_id == Some(user),
        Relation::Queue => {
            row.assignee_id.is_none()
                && row.ticket.status == Status::New
                && Db::in_technicians_queue(conn, user, row.category_id).await?
        }
        Relation::Watcher => Db::is_watcher(conn, row.id, user).await?,
        Relation::ProjectFollower => match row.project_id {
            Some(project) => Db::follows_project(conn, project, user).await?,
            None => false,
        },
    })
}

/// Who `actor` is to a ticket they may see, which decides what of it they receive.
pub(crate) fn reader(actor: &User, row: &TicketRow) -> Reader {
    Reader::of(actor, row.requester_id)
}

/// A ticket as `actor` may receive it, with its clocks as of now: the one door every read path
/// (single view, lists, board, search, project pages) goes through.
pub(crate) async fn present(
    state: &AppState,
    actor: &User,
    rows: Vec<TicketRow>,
) -> Result<Vec<Ticket>, AppError> {
    let readers: Vec<Reader> = rows.iter().map(|r| reader(actor, r)).collect();
    let mut tickets: Vec<Ticket> = rows.into_iter().map(|r| r.ticket).collect();
    super::sla::present(state, &mut tickets).await?;
    Ok(tickets
        .into_iter()
        .zip(readers)
        .map(|(t, r)| t.seen_by(r))
        .collect())
}

pub(crate) async fn load_visible(
    conn: &mut Conn,
    actor: &User,
    number: TicketNumber,
) -> Result<TicketRow, AppError> {
    match Db::ticket(conn, number.id()).await? {
        Some(row) if can_see(conn, actor, &row).await? => Ok(row),
        _ => Err(AppError::NotFound),
    }
}

/// The actions a role may take on a ticket, before asking the lifecycle.
fn role_allows(actor: &User, row: &TicketRow, kind: ActionKind) -> bool {
    use ActionKind::*;
    match actor.role {
        Role::Coordinator | Role::Admin => true,
        Role::Technician => {
            let mine = row.assignee_id == Some(actor.id);
            match kind {
                // Taking an unassigned ticket from the queue.
                Assign => row.assignee_id.is_none() || mine,
                Start | WaitRequester | WaitThirdParty | WaitFacility | Resume | Resolve
                | Escalate => mine,
                Reopen | Close | Cancel => false,
            }
        }
        // The requester accepts the solution or says it is not fixed.
        Role::Requester | Role::Facility => {
            row.requester_id == actor.id && matches!(kind, Close | Reopen)
        }
    }
}

/// What the caller may do now: the lifecycle's answer intersected with their role.
pub fn allowed_actions(actor: &User, row: &TicketRow) -> Vec<ActionKind> {
    row.ticket
        .lifecycle()
        .allowed()
        .into_iter()
        .filter(|&k| role_allows(actor, row, k))
        .collect()
}

/// Optional text of at most `max` characters; `too_long` is the catalogue key of the message
/// that says so.
fn optional_text(
    value: Option<&str>,
    field: &str,
    too_long: &str,
    max: usize,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    let v = value.map(str::trim).filter(|v| !v.is_empty())?;
    if v.chars().count() > max {
        errors.push(FieldError::new(field, too_long));
        return None;
    }
    Some(v.to_string())
}

/// The longest reason a person may give for a priority change, a reopening or an escalation.
pub const REASON_MAX: usize = 1000;

/// A reason as typed: trimmed, `None` when empty, refused at the field when too long.
fn bounded_reason(value: Option<&str>) -> Result<Option<String>, AppError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) if v.chars().count() > REASON_MAX => Err(AppError::field_msg(
            "reason",
            Msg::new("err-reason-too-long").number("max", REASON_MAX as i64),
        )),
        other => Ok(other.map(str::to_string)),
    }
}

fn parse_into<T: std::str::FromStr>(
    value: &str,
    field: &str,
    message: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    match value.trim().parse() {
        Ok(v) => Some(v),
        Err(_) => {
            errors.push(FieldError {
                args: Vec::new(),
                field: field.into(),
                message: message.into(),
            });
            None
        }
    }
}

mod attachments;
mod board;
mod bulk;
mod changes;
mod filing;
mod notes;
mod reading;
mod recurring;

pub use attachments::*;
pub use board::*;
pub use bulk::*;
pub use changes::*;
pub use filing::*;
pub use notes::*;
pub use reading::*;
pub use recurring::*;
