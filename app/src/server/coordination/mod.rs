//! Coordinating beyond single tickets: projects and their planned tasks, facility work orders
//! that tickets wait on, and links between tickets (parent/child, related, merged duplicates).
//! Every function checks who is calling, like the ticket service it builds on.

use super::db::{Db, NewTicketRow, TicketRow, WorkOrderFilter};
use super::notify::{self, Outgoing};
use super::service::{can_see, load_visible};
use super::state::AppState;
use super::write::TicketWrite;
use crate::domain::coordination::{
    parse_date, LinkChoice, LinkedTicket, Progress, Project, ProjectDraft, WorkOrder,
    WorkOrderDraft, WorkOrderStatus,
};
use crate::domain::{
    Action, Channel, FacilityStep, Impact, LinkRole, NoteBody, NotificationKind, Priority,
    ResolutionNotes, Role, Status, Ticket, TicketEvent, TicketNumber, TicketTitle, Urgency, User,
    WaitingOn,
};
use crate::error::{AppError, FieldError};
use crate::i18n::Msg;
use crate::types::{ProjectPage, ProjectSummary, TaskDraft, Workload};
use chrono::NaiveDate;

/// Field errors whose messages are catalogue keys.
pub(crate) fn field_errors(errors: Vec<(String, String)>) -> AppError {
    field_msgs(
        errors
            .into_iter()
            .map(|(field, key)| (field, Msg::new(&key)))
            .collect(),
    )
}

/// Field errors whose messages may have arguments.
fn field_msgs(errors: Vec<(String, Msg)>) -> AppError {
    AppError::Validation(
        errors
            .into_iter()
            .map(|(field, m)| FieldError {
                field,
                message: m.key,
                args: m.args,
            })
            .collect(),
    )
}

fn today(state: &AppState) -> NaiveDate {
    state.clock.now().date_naive()
}

// ---- projects -------------------------------------------------------------------------------

/// Who may ask for facility work on a ticket: coordinators and its assignee.
/// The linked tickets `actor` may open; the others are left out, so that a link or a shared work
/// order never names a ticket (number or title) to someone who may not see it.
async fn only_visible(
    conn: &mut super::db::Conn,
    actor: &User,
    tickets: Vec<LinkedTicket>,
) -> Result<Vec<LinkedTicket>, AppError> {
    if actor.role.coordinates() {
        return Ok(tickets);
    }
    let mut shown = Vec::with_capacity(tickets.len());
    for t in tickets {
        if let Some(row) = Db::ticket(conn, t.number.id()).await? {
            if can_see(conn, actor, &row).await? {
                shown.push(t);
            }
        }
    }
    Ok(shown)
}

fn may_work_on(actor: &User, row: &TicketRow) -> bool {
    actor.role.coordinates()
        || (actor.role == Role::Technician && row.assignee_id == Some(actor.id))
}

mod facility;
mod known;
mod links;
mod projects;

pub use facility::*;
pub use known::*;
pub use links::*;
pub use projects::*;
