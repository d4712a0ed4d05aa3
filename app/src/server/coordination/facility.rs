//! Facility work orders: asking for work, the facility manager's updates, and resuming the tickets that waited.

use super::*;
use crate::i18n::Msg;

/// Makes a ticket wait on facility work: a new work order for a facility manager, or an open one
/// that already exists (`existing`). The ticket waits on facility, its clock paused, until every
/// work order it depends on is finished; the facility manager is told.
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn request_facility_work(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    draft: Option<WorkOrderDraft>,
    existing: Option<i64>,
) -> Result<WorkOrder, AppError> {
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    // The ticket first: someone who may not work on it learns nothing about managers' emails.
    let mut conn = state.db.conn().await?;
    if !may_work_on(actor, &load_visible(&mut conn, actor, number).await?) {
        return Err(AppError::Forbidden);
    }
    drop(conn);
    let now = state.clock.now();
    let new = match existing {
        Some(_) => None,
        None => Some(new_order(state, draft.as_ref()).await?),
    };
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    if !may_work_on(actor, &row) {
        return Err(AppError::Forbidden);
    }
    let mut lifecycle = row.ticket.lifecycle();
    if let Some(on) = row
        .ticket
        .waiting_on
        .filter(|on| *on != WaitingOn::Facility)
    {
        return Err(AppError::field_msg(
            "what",
            Msg::new("facility-resume-first").key("waiting", on.label_key()),
        ));
    }
    if row.ticket.waiting_on != Some(WaitingOn::Facility) {
        lifecycle = lifecycle
            .transition(&Action::Wait(WaitingOn::Facility))
            .map_err(|e| {
                AppError::field_msg("what", Msg::new("facility-cannot-wait").key("why", &e.why))
            })?;
    }
    let (id, manager_id) = match (new, existing) {
        (Some((valid, manager)), _) => (
            Db::insert_work_order(w.conn(), &valid, manager.id, actor.id, now).await?,
            manager.id,
        ),
        (None, Some(id)) => (id, open_order(&mut w, id).await?),
        (None, None) => return Err(AppError::Internal),
    };
    if !Db::attach_work_order(w.conn(), id, row.id).await? {
        return Err(AppError::field("existing", "err-work-order-attached"));
    }
    let (mut order, _) = Db::work_order(w.conn(), id)
        .await?
        .ok_or(AppError::Internal)?;
    // Other tickets waiting on the same work order are named only to those who may open them.
    order.tickets = only_visible(w.conn(), actor, std::mem::take(&mut order.tickets)).await?;
    let mut events = vec![TicketEvent::Facility {
        order: order.reference(),
        step: FacilityStep::Requested {
            what: order.what.clone(),
            location: order.location.clone(),
        },
    }];
    let mut s = row.state();
    if lifecycle.status != row.ticket.status || lifecycle.waiting_on != row.ticket.waiting_on {
        events.push(TicketEvent::Status {
            from: row.ticket.status,
            to: Status::Waiting,
            waiting_on: Some(WaitingOn::Facility),
            why: None,
        });
        s.status = lifecycle.status;
        s.waiting_on = lifecycle.waiting_on;
    }
    if !Db::update_ticket(w.conn(), row.id, row.ticket.version, &s, now).await? {
        return Err(AppError::Conflict);
    }
    w.record(row.id, &events).await?;
    w.settle(&row, &events).await?;
    if existing.is_none() {
        tell_manager(&mut w, state, actor, &order, manager_id).await?;
    }
    w.commit().await?;
    tracing::info!(work_order = id, ticket.number = %number, "ticket waits on facility work");
    Ok(order)
}

/// A new work order as drafted, and its facility manager (who must have the facility role).
async fn new_order(
    state: &AppState,
    draft: Option<&WorkOrderDraft>,
) -> Result<(crate::domain::coordination::ValidWorkOrder, User), AppError> {
    let Some(d) = draft else {
        return Err(AppError::field("what", "err-say-what-needed"));
    };
    let valid = d.parse().map_err(field_errors)?;
    match state.db.user_by_email(valid.manager.as_str()).await? {
        Some(u) if u.role == Role::Facility => Ok((valid, u)),
        _ => Err(AppError::field("manager", "err-no-facility-manager")),
    }
}

/// The manager of an existing work order a ticket joins, which must still be open.
async fn open_order(w: &mut TicketWrite<'_>, id: i64) -> Result<i64, AppError> {
    match Db::work_order(w.conn(), id).await? {
        Some((order, manager_id)) if order.status == WorkOrderStatus::Open => Ok(manager_id),
        Some(_) => Err(AppError::field("existing", "err-work-order-finished")),
        None => Err(AppError::field("existing", "err-no-work-order")),
    }
}

/// Tells the facility manager about a new work order.
async fn tell_manager(
    w: &mut TicketWrite<'_>,
    state: &AppState,
    actor: &User,
    order: &WorkOrder,
    manager_id: i64,
) -> Result<(), AppError> {
    let now = w.now();
    let text = match order.expected_on {
        Some(d) => Msg::new("facility-asked-by-text").date("by", d),
        None => Msg::new("facility-asked-text"),
    };
    notify::deliver(
        w.conn(),
        state,
        None,
        vec![Outgoing {
            user_id: manager_id,
            kind: NotificationKind::FacilityWork,
            subject: Msg::new("facility-asked-subject")
                .text("order", order.reference())
                .text("location", order.location.clone()),
            text: vec![text
                .text("asker", actor.name.clone())
                .text("what", order.what.clone())
                .text("location", order.location.clone())],
            link: None,
        }],
        now,
    )
    .await
}

/// Work orders the caller may see: facility managers theirs (with how many tickets wait, not
/// which), staff every one.
pub async fn work_orders(state: &AppState, actor: &User) -> Result<Vec<WorkOrder>, AppError> {
    match actor.role {
        Role::Facility => Ok(state
            .db
            .work_orders(WorkOrderFilter {
                manager: Some(actor.id),
                ..WorkOrderFilter::default()
            })
            .await?
            .into_iter()
            .map(|mut w| {
                w.tickets.clear();
                w
            })
            .collect()),
        r if r.coordinates() => state.db.work_orders(WorkOrderFilter::default()).await,
        _ => Err(AppError::Forbidden),
    }
}

/// What a facility manager (or a coordinator) does to a work order.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum WorkOrderUpdate {
    /// The work is finished; the note says what was done.
    Done(String),
    /// A new expected date (empty clears it).
    Expect(String),
    /// Not needed any more (coordinators).
    Cancel(String),
}

/// Updates a work order. Finishing it moves each ticket that waits on nothing else back to in
/// progress and tells its assignee; a new expected date is told to the assignees too.
#[tracing::instrument(skip_all, fields(user.id = actor.id, work_order.id = id))]
pub async fn update_work_order(
    state: &AppState,
    actor: &User,
    id: i64,
    update: WorkOrderUpdate,
) -> Result<WorkOrder, AppError> {
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let Some((order, manager_id)) = Db::work_order(w.conn(), id).await? else {
        return Err(AppError::NotFound);
    };
    let addressee = actor.role == Role::Facility && manager_id == actor.id;
    if !(addressee || actor.role.coordinates()) {
        return Err(AppError::NotFound);
    }
    if order.status != WorkOrderStatus::Open {
        return Err(AppError::field("outcome", "err-work-order-closed"));
    }
    let note = |text: &str| {
        let t = text.trim();
        (t.chars().count() <= 2000)
            .then(|| (!t.is_empty()).then(|| t.to_string()))
            .ok_or_else(|| AppError::field("outcome", "err-outcome-too-long"))
    };
    match &update {
        WorkOrderUpdate::Expect(day) => {
            let day = match day.trim() {
                "" => None,
                d => Some(
                    parse_date(d, "err-expected-date-required", "err-expected-date-invalid")
                        .map_err(|m| AppError::field("expected_on", m))?,
                ),
            };
            Db::set_work_order_date(w.conn(), id, day, now).await?;
            for ticket_id in Db::work_order_ticket_ids(w.conn(), id).await? {
                let Some(row) = Db::ticket(w.conn(), ticket_id).await? else {
                    continue;
                };
                let e = TicketEvent::Facility {
                    order: order.reference(),
                    step: FacilityStep::Expected(day),
                };
                Db::touch_ticket(w.conn(), ticket_id, now).await?;
                w.record(ticket_id, std::slice::from_ref(&e)).await?;
                w.settle(&row, std::slice::from_ref(&e)).await?;
            }
        }
        WorkOrderUpdate::Done(text) | WorkOrderUpdate::Cancel(text) => {
            let cancel = matches!(update, WorkOrderUpdate::Cancel(_));
            if cancel && !actor.role.coordinates() {
                return Err(AppError::Forbidden);
            }
            let outcome = note(text)?;
            let status = if cancel {
                WorkOrderStatus::Cancelled
            } else {
                WorkOrderStatus::Done
            };
            if !Db::finish_work_order(w.conn(), id, status, outcome.as_deref(), now).await? {
                return Err(AppError::Conflict);
            }
            for ticket_id in Db::work_order_ticket_ids(w.conn(), id).await? {
                resume_after_facility(&mut w, ticket_id, &order, status, outcome.as_deref())
                    .await?;
            }
        }
    }
    let (updated, _) = Db::work_order(w.conn(), id)
        .await?
        .ok_or(AppError::Internal)?;
    w.commit().await?;
    tracing::info!(work_order = id, "work order updated");
    Ok(if addressee {
        WorkOrder {
            tickets: Vec::new(),
            ..updated
        }
    } else {
        updated
    })
}

/// Records a finished work order on a ticket and resumes the ticket when it waits on nothing
/// else.
async fn resume_after_facility(
    w: &mut TicketWrite<'_>,
    ticket_id: i64,
    order: &WorkOrder,
    status: WorkOrderStatus,
    outcome: Option<&str>,
) -> Result<(), AppError> {
    let now = w.now();
    let Some(row) = Db::ticket(w.conn(), ticket_id).await? else {
        return Ok(());
    };
    let mut events = vec![TicketEvent::Facility {
        order: order.reference(),
        step: FacilityStep::Finished {
            status,
            outcome: outcome.map(str::to_string),
        },
    }];
    let mut s = row.state();
    let waits = row.ticket.status == Status::Waiting
        && row.ticket.waiting_on == Some(WaitingOn::Facility)
        && Db::open_work_orders_of(w.conn(), ticket_id).await? == 0;
    if waits {
        let resumed = row.ticket.lifecycle().transition(&Action::Resume)?;
        s.status = resumed.status;
        s.waiting_on = resumed.waiting_on;
        events.push(TicketEvent::Status {
            from: Status::Waiting,
            to: resumed.status,
            waiting_on: None,
            why: Some(crate::domain::event::FACILITY_FINISHED.into()),
        });
    }
    if !Db::update_ticket(w.conn(), row.id, row.ticket.version, &s, now).await? {
        return Err(AppError::Conflict);
    }
    w.record(row.id, &events).await?;
    w.settle(&row, &events).await?;
    Ok(())
}

// ---- links between tickets ------------------------------------------------------------------
