//! Recurring work: coordinators schedule tickets that file themselves, and the scheduler files
//! each run once (`file_due_recurring`).

use super::filing::{check, file_ticket, Filing, Run};
use super::*;
use crate::domain::recurring::Schedule;
use crate::server::db::{NewRecurringRow, RecurringRow};
use crate::types::{NewRecurring, Recurring, ScheduleForm};
use chrono::{DateTime, Utc};

/// How many coming runs a recurring ticket shows.
const PREVIEW: usize = 5;

fn coordinator(actor: &User) -> Result<(), AppError> {
    if actor.role.coordinates() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A schedule as the form wrote it and its next runs after `after` in the desk's zone; every
/// wrong part is refused at its field.
fn runs(
    state: &AppState,
    form: &ScheduleForm,
    after: DateTime<Utc>,
) -> Result<(Schedule, Vec<DateTime<Utc>>), AppError> {
    let schedule = Schedule::parse(
        &form.repeat,
        &form.every,
        &form.nth,
        &form.weekday,
        &form.first,
        &form.at,
    )
    .map_err(|errors| {
        AppError::Validation(
            errors
                .into_iter()
                .map(|e| FieldError::new(e.field(), e.message_key()))
                .collect(),
        )
    })?;
    let next = schedule.upcoming(&state.settings.time_zone, after, PREVIEW);
    if next.is_empty() {
        return Err(AppError::field("first", "err-recurring-never"));
    }
    Ok((schedule, next))
}

/// The next five runs of a schedule being written (the form's preview).
pub async fn schedule_preview(
    state: &AppState,
    actor: &User,
    form: &ScheduleForm,
) -> Result<Vec<DateTime<Utc>>, AppError> {
    coordinator(actor)?;
    Ok(runs(state, form, state.clock.now())?.1)
}

async fn present(state: &AppState, row: RecurringRow) -> Result<Recurring, AppError> {
    let assignee = match row.assignee_id {
        Some(id) => state.db.user_by_id(id).await?.map(|u| PersonRef {
            email: u.email,
            name: u.name,
        }),
        None => None,
    };
    let next = match row.next_run_at {
        // The stored next run, then the ones after it.
        Some(at) => {
            let mut next = vec![at];
            next.extend(
                row.schedule
                    .upcoming(&state.settings.time_zone, at, PREVIEW - 1),
            );
            next
        }
        None => Vec::new(),
    };
    Ok(Recurring {
        id: row.id,
        title: row.title,
        description: row.description,
        category: row.category,
        impact: row.impact.parse().unwrap_or(Impact::Medium),
        urgency: row.urgency.parse().unwrap_or(Urgency::Medium),
        assignee,
        schedule: row.schedule,
        next,
        last: row.last_ticket_id.map(TicketNumber::from_id),
    })
}

/// Every recurring ticket, the next to file first.
pub async fn recurring_tickets(state: &AppState, actor: &User) -> Result<Vec<Recurring>, AppError> {
    coordinator(actor)?;
    let mut out = Vec::new();
    for row in state.db.recurring_tickets().await? {
        out.push(present(state, row).await?);
    }
    Ok(out)
}

/// Schedules a ticket. Its fields pass the same checks as a request filed now (all wrong fields
/// reported at once), its assignee must be staff, and its schedule must fall again.
#[tracing::instrument(skip_all, fields(user.id = actor.id))]
pub async fn create_recurring(
    state: &AppState,
    actor: &User,
    input: NewRecurring,
) -> Result<Recurring, AppError> {
    coordinator(actor)?;
    let now = state.clock.now();
    let request = NewTicket {
        title: input.title.clone(),
        description: input.description.clone(),
        category: input.category.clone(),
        impact: input.impact.clone(),
        urgency: input.urgency.clone(),
        ..NewTicket::default()
    };
    // A category whose questions (an asset tag, a location) a template cannot answer is refused
    // at the category, not at a field the form does not have.
    const ASKED: [&str; 5] = ["title", "description", "category", "impact", "urgency"];
    let mut errors = match check(state, actor, &request, now).await {
        Ok(_) => Vec::new(),
        Err(AppError::Validation(errors)) => errors
            .into_iter()
            .map(|e| {
                if ASKED.contains(&e.field.as_str()) {
                    e
                } else {
                    FieldError::new("category", "err-recurring-category-details")
                }
            })
            .collect(),
        Err(e) => return Err(e),
    };
    errors.dedup();
    let assignee = match input
        .assignee
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        None => None,
        Some(email) => match state.db.user_by_email(email).await? {
            Some(u) if u.role.is_staff() => Some(u),
            _ => {
                errors.push(FieldError::new("assignee", "err-recurring-assignee"));
                None
            }
        },
    };
    let schedule = match runs(state, &input.schedule, now) {
        Ok((schedule, next)) => Some((schedule, next[0])),
        Err(AppError::Validation(e)) => {
            errors.extend(e);
            None
        }
        Err(e) => return Err(e),
    };
    let Some((schedule, next)) = schedule.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let (category_id, _) = state
        .db
        .category(&input.category)
        .await?
        .ok_or_else(|| AppError::field("category", "err-choose-category"))?;
    let mut conn = state.db.conn().await?;
    let id = Db::insert_recurring(
        &mut conn,
        &NewRecurringRow {
            title: input.title.trim(),
            description: input.description.trim(),
            category_id,
            impact: &input.impact,
            urgency: &input.urgency,
            assignee_id: assignee.map(|u| u.id),
            schedule: &schedule,
            next_run_at: Some(next),
        },
        actor.id,
        now,
    )
    .await?;
    drop(conn);
    tracing::info!(recurring.id = id, "recurring ticket scheduled");
    let row = state
        .db
        .recurring_tickets()
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or(AppError::Internal)?;
    present(state, row).await
}

/// Stops a recurring ticket; the tickets it filed stay.
pub async fn delete_recurring(state: &AppState, actor: &User, id: i64) -> Result<(), AppError> {
    coordinator(actor)?;
    if state.db.delete_recurring(id).await? {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Files every run that is due, each in the transaction that claims it: another process that
/// got there first wins and this one files nothing. A run missed while the desk was down is filed
/// once, and the schedule moves on to its first run after now. Answers how many were filed here.
pub async fn file_due_recurring(state: &AppState) -> Result<usize, AppError> {
    let now = state.clock.now();
    let mut filed = 0;
    for row in state.db.due_recurring(now).await? {
        let Some(due) = row.next_run_at else { continue };
        let next = row.schedule.next_after(&state.settings.time_zone, now);
        let Some(creator) = state.db.user_by_id(row.created_by).await? else {
            continue;
        };
        let assignee = match row.assignee_id {
            Some(id) => state.db.user_by_id(id).await?,
            None => None,
        };
        let request = NewTicket {
            title: row.title.clone(),
            description: row.description.clone(),
            category: row.category.clone(),
            impact: row.impact.clone(),
            urgency: row.urgency.clone(),
            ..NewTicket::default()
        };
        let with = Filing {
            run: Some(Run {
                recurring: row.id,
                due,
                next,
                assignee,
            }),
            ..Filing::default()
        };
        match file_ticket(state, &creator, request, with).await {
            Ok(ticket) => {
                filed += 1;
                tracing::info!(recurring.id = row.id, ticket.number = %ticket.number, "recurring ticket filed");
            }
            // Another process filed this run.
            Err(AppError::Conflict) => {}
            // The template no longer passes (its category was removed, say): this run is
            // skipped, not tried again every minute, and the next one tries again.
            Err(e) => {
                tracing::error!(recurring.id = row.id, error = %e, "a recurring ticket could not be filed");
                let mut conn = state.db.conn().await?;
                Db::claim_recurring_run(&mut conn, row.id, due, next, None).await?;
            }
        }
    }
    Ok(filed)
}
