//! Coordinating beyond single tickets: projects and their planned tasks, facility work orders
//! that tickets wait on, and links between tickets (parent/child, related, merged duplicates).
//! Every function checks who is calling, like the ticket service it builds on.

use super::db::{Db, NewEvent, NewTicketRow, TicketRow, WorkOrderFilter};
use super::notify::{self, Outgoing};
use super::service::{can_see, load_visible};
use super::state::AppState;
use super::write::TicketWrite;
use crate::domain::coordination::{
    parse_date, LinkChoice, LinkedTicket, Progress, Project, ProjectDraft, WorkOrder,
    WorkOrderDraft, WorkOrderStatus,
};
use crate::domain::{
    Action, Channel, EventKind, Impact, NoteBody, NotificationKind, Priority, ResolutionNotes,
    Role, Status, Ticket, TicketNumber, TicketTitle, Urgency, User, WaitingOn,
};
use crate::error::{AppError, FieldError};
use crate::types::{ProjectPage, ProjectSummary, TaskDraft, Workload};
use chrono::NaiveDate;

fn field_errors(errors: Vec<(String, String)>) -> AppError {
    AppError::Validation(
        errors
            .into_iter()
            .map(|(field, message)| FieldError { field, message })
            .collect(),
    )
}

fn today(state: &AppState) -> NaiveDate {
    state.clock.now().date_naive()
}

// ---- projects -------------------------------------------------------------------------------

/// Creates a project (coordinators). Its manager follows it from then on.
pub async fn create_project(
    state: &AppState,
    actor: &User,
    draft: ProjectDraft,
) -> Result<Project, AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    let valid = draft.parse().map_err(field_errors)?;
    let manager = state
        .db
        .user_by_email(valid.manager.as_str())
        .await?
        .ok_or_else(|| AppError::field("manager", "No account has that email"))?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let id = Db::insert_project(&mut tx, &valid, manager.id, actor.id, now).await?;
    tx.commit().await?;
    tracing::info!(project.id = id, "project created");
    state.db.project(id).await?.ok_or(AppError::Internal)
}

/// The projects the caller may see: every one for staff, their own for a project's followers.
pub async fn projects(state: &AppState, actor: &User) -> Result<Vec<ProjectSummary>, AppError> {
    let follower = (!actor.role.coordinates()).then_some(actor.id);
    let projects = state.db.projects(follower).await?;
    let ids: Vec<i64> = projects.iter().map(|p| p.id).collect();
    let items = state.db.project_items(&ids).await?;
    let today = today(state);
    Ok(projects
        .into_iter()
        .map(|project| {
            let mine = items.iter().filter(|(p, _, _)| *p == project.id);
            let progress = Progress::of(mine.clone().map(|(_, s, d)| (*s, *d)), today);
            let next_due = mine
                .filter(|(_, s, _)| s.is_open())
                .filter_map(|(_, _, d)| *d)
                .min();
            ProjectSummary {
                project,
                progress,
                next_due,
            }
        })
        .collect())
}

/// A project as `actor` may read it: followers outside IT see who follows, not their addresses.
fn for_follower(actor: &User, mut project: Project) -> Project {
    if !actor.role.is_staff() {
        project.manager.email.clear();
        project.watchers.iter_mut().for_each(|w| w.email.clear());
    }
    project
}

async fn visible_project(state: &AppState, actor: &User, id: i64) -> Result<Project, AppError> {
    let project = state.db.project(id).await?.ok_or(AppError::NotFound)?;
    if actor.role.coordinates() {
        return Ok(project);
    }
    let mut conn = state.db.conn().await?;
    if Db::follows_project(&mut conn, id, actor.id).await? {
        Ok(project)
    } else {
        Err(AppError::NotFound)
    }
}

/// A project's page: progress, who works on what, upcoming due dates and every ticket.
pub async fn project_page(
    state: &AppState,
    actor: &User,
    id: i64,
) -> Result<ProjectPage, AppError> {
    let project = visible_project(state, actor, id).await?;
    let staff = actor.role.is_staff();
    let today = today(state);
    let rows = state.db.project_tickets(id).await?;
    let mut tickets: Vec<Ticket> = super::service::present(state, actor, rows).await?;
    // A follower outside IT reads every ticket of the project as an outsider, their own too:
    // the project page is a shared view.
    if !staff {
        tickets = tickets
            .into_iter()
            .map(|t| t.seen_by(crate::domain::Reader::Outsider))
            .collect();
    }
    let progress = Progress::of(tickets.iter().map(|t| (t.status, t.due_on)), today);
    let mut workload: Vec<Workload> = Vec::new();
    for t in tickets.iter().filter(|t| t.status.is_open()) {
        let who = t.assignee.clone();
        let item = LinkedTicket {
            number: t.number,
            title: t.title.clone(),
            status: t.status,
        };
        match workload.iter_mut().find(|w| w.person == who) {
            Some(w) => w.tickets.push(item),
            None => workload.push(Workload {
                person: who,
                tickets: vec![item],
            }),
        }
    }
    // Named people first (by name), the unassigned last.
    workload.sort_by(|a, b| match (&a.person, &b.person) {
        (Some(x), Some(y)) => x.name.cmp(&y.name),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let mut upcoming: Vec<Ticket> = tickets
        .iter()
        .filter(|t| t.status.is_open() && t.due_on.is_some())
        .cloned()
        .collect();
    upcoming.sort_by_key(|t| (t.due_on, t.number));
    upcoming.truncate(10);
    let categories = if actor.role.coordinates() {
        state.db.categories().await?
    } else {
        Vec::new()
    };
    let can_add_watchers = actor.role.coordinates() || project.manager.email == actor.email;
    let project = for_follower(actor, project);
    Ok(ProjectPage {
        can_manage: actor.role.coordinates(),
        can_add_watchers,
        staff_view: staff,
        project,
        progress,
        workload,
        upcoming,
        tickets,
        today,
        categories,
    })
}

/// Adds someone who follows the project (coordinators, or its manager).
pub async fn add_project_watcher(
    state: &AppState,
    actor: &User,
    id: i64,
    email: &str,
) -> Result<Project, AppError> {
    let project = visible_project(state, actor, id).await?;
    if !(actor.role.coordinates() || project.manager.email == actor.email) {
        return Err(AppError::Forbidden);
    }
    let email = crate::domain::Email::parse(email).map_err(|m| AppError::field("email", m))?;
    let who = state
        .db
        .user_by_email(email.as_str())
        .await?
        .ok_or_else(|| AppError::field("email", "No account has that email"))?;
    let mut tx = state.db.begin_write().await?;
    Db::add_project_watcher(&mut tx, id, who.id, state.clock.now()).await?;
    tx.commit().await?;
    let project = state.db.project(id).await?.ok_or(AppError::Internal)?;
    Ok(for_follower(actor, project))
}

/// Plans a task for a project (coordinators): a ticket with a due date and no requester pain,
/// filed by the coordinator, optionally assigned at once. It follows the usual lifecycle.
#[tracing::instrument(skip_all, fields(user.id = actor.id))]
pub async fn plan_task(
    state: &AppState,
    actor: &User,
    project_id: i64,
    draft: TaskDraft,
) -> Result<Ticket, AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    let project = visible_project(state, actor, project_id).await?;
    let mut errors: Vec<(String, String)> = Vec::new();
    let title = TicketTitle::parse(&draft.title)
        .map_err(|m| errors.push(("title".into(), m)))
        .ok();
    let description = match draft.description.trim() {
        "" => Some(String::from("Planned task")),
        d => NoteBody::parse(d)
            .map(|b| b.as_str().to_string())
            .map_err(|m| errors.push(("description".into(), m)))
            .ok(),
    };
    let due_on = parse_date(&draft.due_on, "Due date")
        .map_err(|m| errors.push(("due_on".into(), m)))
        .ok();
    if let Some(d) = due_on.filter(|d| *d < project.starts_on) {
        errors.push((
            "due_on".into(),
            format!(
                "Due {d} is before the project starts ({})",
                project.starts_on
            ),
        ));
    }
    let priority = match draft.priority.trim() {
        "" => Some(Priority::P3),
        p => p
            .parse::<Priority>()
            .map_err(|_| errors.push(("priority".into(), "Choose P1 to P4".into())))
            .ok(),
    };
    let category = state.db.category(draft.category.trim()).await?;
    if category.is_none() {
        errors.push(("category".into(), "Choose a category".into()));
    }
    let assignee = match draft.assignee.trim() {
        "" => None,
        email => match state.db.user_by_email(&email.to_lowercase()).await? {
            Some(u) if u.role.is_staff() => Some(u),
            _ => {
                errors.push(("assignee".into(), "No technician has that email".into()));
                None
            }
        },
    };
    let (Some(title), Some(description), Some(due_on), Some(priority), Some((category_id, _))) =
        (title, description, due_on, priority, category)
    else {
        return Err(field_errors(errors));
    };
    if !errors.is_empty() {
        return Err(field_errors(errors));
    }
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let id = Db::insert_ticket(
        w.conn(),
        &NewTicketRow {
            title: title.as_str().to_string(),
            description,
            category_id,
            requester_id: actor.id,
            impact: Impact::Low,
            urgency: Urgency::Low,
            priority,
            location: None,
            asset_tag: None,
            contact: None,
            fields: Default::default(),
            channel: Channel::Project,
            now,
            project_id: Some(project_id),
            due_on: Some(due_on),
        },
    )
    .await?;
    w.record(
        id,
        &[NewEvent {
            kind: EventKind::Created,
            from: None,
            to: Some(project.name.clone()),
            detail: Some(format!("planned task, due {due_on}")),
            internal: false,
        }],
    )
    .await?;
    let before = Db::ticket(w.conn(), id).await?.ok_or(AppError::Internal)?;
    let mut events = Vec::new();
    if let Some(to) = &assignee {
        let planned = before.ticket.lifecycle();
        let assigned = planned.transition(&Action::Assign)?;
        Db::assign_new(w.conn(), id, to.id).await?;
        events.push(NewEvent {
            kind: EventKind::Assigned,
            from: None,
            to: Some(to.name.clone()),
            detail: Some(to.email.clone()),
            internal: false,
        });
        events.push(NewEvent {
            kind: EventKind::Status,
            from: Some(planned.status.as_str().into()),
            to: Some(assigned.status.as_str().into()),
            detail: None,
            internal: false,
        });
        w.record(id, &events).await?;
    }
    // The planner is the requester: nobody else is told a task exists until it is assigned.
    let updated = w.settle(&before, &events).await?;
    w.commit().await?;
    tracing::info!(ticket.number = %updated.ticket.number, project.id = project_id, "task planned");
    Ok(updated.ticket)
}

/// Puts a ticket into a project (or takes it out) and sets or clears its due date (coordinators).
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn plan_ticket(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    project_id: Option<i64>,
    due_on: &str,
) -> Result<Ticket, AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    let due_on = match due_on.trim() {
        "" => None,
        d => Some(parse_date(d, "Due date").map_err(|m| AppError::field("due_on", m))?),
    };
    let project = match project_id {
        None => None,
        Some(id) => Some(
            state
                .db
                .project(id)
                .await?
                .ok_or_else(|| AppError::field("project", "No such project"))?,
        ),
    };
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    if row.project_id == project_id && row.ticket.due_on == due_on {
        return Ok(row.ticket);
    }
    if !Db::set_ticket_plan(
        w.conn(),
        row.id,
        row.ticket.version,
        project_id,
        due_on,
        now,
    )
    .await?
    {
        return Err(AppError::Conflict);
    }
    let mut events = Vec::new();
    if row.project_id != project_id {
        events.push(NewEvent {
            kind: EventKind::Project,
            from: row.ticket.project.as_ref().map(|p| p.name.clone()),
            to: project.as_ref().map(|p| p.name.clone()),
            detail: None,
            internal: true,
        });
    }
    if row.ticket.due_on != due_on {
        events.push(NewEvent {
            kind: EventKind::Due,
            from: row.ticket.due_on.map(|d| d.to_string()),
            to: due_on.map(|d| d.to_string()),
            detail: None,
            internal: false,
        });
    }
    w.record(row.id, &events).await?;
    let updated = w.settle(&row, &events).await?;
    w.commit().await?;
    Ok(updated.ticket)
}

// ---- facility work --------------------------------------------------------------------------

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
    let new = match (&draft, existing) {
        (_, Some(_)) => None,
        (Some(d), None) => {
            let valid = d.parse().map_err(field_errors)?;
            let manager = match state.db.user_by_email(valid.manager.as_str()).await? {
                Some(u) if u.role == Role::Facility => u,
                _ => {
                    return Err(AppError::field(
                        "manager",
                        "No facility manager has that email (an admin gives the facility role on People)",
                    ))
                }
            };
            Some((valid, manager))
        }
        (None, None) => return Err(AppError::field("what", "Say what is needed")),
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
        return Err(AppError::field(
            "what",
            format!("It is {}; resume it first", on.label().to_lowercase()),
        ));
    }
    if row.ticket.waiting_on != Some(WaitingOn::Facility) {
        lifecycle = lifecycle
            .transition(&Action::Wait(WaitingOn::Facility))
            .map_err(|e| AppError::field("what", format!("The ticket cannot wait: {}", e.why)))?;
    }
    let (id, manager_id) = match (new, existing) {
        (Some((valid, manager)), _) => (
            Db::insert_work_order(w.conn(), &valid, manager.id, actor.id, now).await?,
            manager.id,
        ),
        (None, Some(id)) => match Db::work_order(w.conn(), id).await? {
            Some((w, manager_id)) if w.status == WorkOrderStatus::Open => (id, manager_id),
            Some(_) => return Err(AppError::field("existing", "That work order is finished")),
            None => return Err(AppError::field("existing", "No such work order")),
        },
        (None, None) => return Err(AppError::Internal),
    };
    if !Db::attach_work_order(w.conn(), id, row.id).await? {
        return Err(AppError::field(
            "existing",
            "The ticket waits on that work order already",
        ));
    }
    let (mut order, _) = Db::work_order(w.conn(), id)
        .await?
        .ok_or(AppError::Internal)?;
    // Other tickets waiting on the same work order are named only to those who may open them.
    order.tickets = only_visible(w.conn(), actor, std::mem::take(&mut order.tickets)).await?;
    let mut events = vec![NewEvent {
        kind: EventKind::Facility,
        from: None,
        to: Some(order.reference()),
        detail: Some(format!("{} ({})", order.what, order.location)),
        internal: false,
    }];
    let mut s = row.state();
    if lifecycle.status != row.ticket.status || lifecycle.waiting_on != row.ticket.waiting_on {
        events.push(NewEvent {
            kind: EventKind::Status,
            from: Some(row.ticket.status.as_str().into()),
            to: Some(Status::Waiting.as_str().into()),
            detail: Some(WaitingOn::Facility.as_str().into()),
            internal: false,
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
        let expected = order
            .expected_on
            .map(|d| format!(" IT hopes for it by {d}."))
            .unwrap_or_default();
        notify::deliver(
            w.conn(),
            state,
            None,
            vec![Outgoing {
                user_id: manager_id,
                kind: NotificationKind::FacilityWork,
                subject: format!("{}: {}", order.reference(), order.location),
                text: format!(
                    "{} from IT asks for facility work: {} ({}).{expected} Mark it done on your work orders page when it is finished.",
                    actor.name, order.what, order.location
                ),
                link: None,
            }],
            now,
        )
        .await?;
    }
    w.commit().await?;
    tracing::info!(work_order = id, ticket.number = %number, "ticket waits on facility work");
    Ok(order)
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
        return Err(AppError::field(
            "outcome",
            "This work order is finished already",
        ));
    }
    let note = |text: &str| {
        let t = text.trim();
        (t.chars().count() <= 2000)
            .then(|| (!t.is_empty()).then(|| t.to_string()))
            .ok_or_else(|| AppError::field("outcome", "At most 2000 characters"))
    };
    match &update {
        WorkOrderUpdate::Expect(day) => {
            let day = match day.trim() {
                "" => None,
                d => Some(
                    parse_date(d, "Expected date")
                        .map_err(|m| AppError::field("expected_on", m))?,
                ),
            };
            Db::set_work_order_date(w.conn(), id, day, now).await?;
            let words = day.map_or("no date yet".to_string(), |d| d.to_string());
            for ticket_id in Db::work_order_ticket_ids(w.conn(), id).await? {
                let Some(row) = Db::ticket(w.conn(), ticket_id).await? else {
                    continue;
                };
                let e = NewEvent {
                    kind: EventKind::Facility,
                    from: None,
                    to: Some(order.reference()),
                    detail: Some(format!("expected {words}")),
                    internal: false,
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
    let mut events = vec![NewEvent {
        kind: EventKind::Facility,
        from: None,
        to: Some(order.reference()),
        detail: Some(match outcome {
            Some(o) => format!("{}: {o}", status.label().to_lowercase()),
            None => status.label().to_lowercase(),
        }),
        internal: false,
    }];
    let mut s = row.state();
    let waits = row.ticket.status == Status::Waiting
        && row.ticket.waiting_on == Some(WaitingOn::Facility)
        && Db::open_work_orders_of(w.conn(), ticket_id).await? == 0;
    if waits {
        let resumed = row.ticket.lifecycle().transition(&Action::Resume)?;
        s.status = resumed.status;
        s.waiting_on = resumed.waiting_on;
        events.push(NewEvent {
            kind: EventKind::Status,
            from: Some(Status::Waiting.as_str().into()),
            to: Some(resumed.status.as_str().into()),
            detail: Some("facility work finished".into()),
            internal: false,
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

/// Links a ticket to another (staff who can see both): parent, child or related; a duplicate
/// is merged into the other ticket.
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn link(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    kind: LinkChoice,
    other: &str,
) -> Result<(), AppError> {
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let other = TicketNumber::parse(other)
        .ok_or_else(|| AppError::field("other", "Enter a ticket number like SB-1042"))?;
    if other == number {
        return Err(AppError::field(
            "other",
            "A ticket cannot be linked to itself",
        ));
    }
    if kind == LinkChoice::Duplicate {
        return merge(state, actor, number, other).await;
    }
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    let that = load_visible(w.conn(), actor, other)
        .await
        .map_err(|_| AppError::field("other", "No ticket you can see has that number"))?;
    let (child, parent) = match kind {
        LinkChoice::Parent => (&row, &that),
        LinkChoice::Child => (&that, &row),
        _ => (&row, &that),
    };
    if kind == LinkChoice::Related {
        Db::insert_link(w.conn(), row.id, that.id, "related", actor.id, now).await?;
    } else {
        if Db::is_ancestor(w.conn(), child.id, parent.id).await? {
            return Err(AppError::field(
                "other",
                "That would make a ticket its own parent",
            ));
        }
        Db::insert_link(w.conn(), child.id, parent.id, "child_of", actor.id, now).await?;
    }
    let words = |r: &TicketRow, role: &str| NewEvent {
        kind: EventKind::Linked,
        from: None,
        to: Some(r.ticket.number.to_string()),
        detail: Some(role.to_string()),
        internal: true,
    };
    let (mine, theirs) = match kind {
        LinkChoice::Parent => (words(&that, "parent"), words(&row, "child")),
        LinkChoice::Child => (words(&that, "child"), words(&row, "parent")),
        _ => (words(&that, "related"), words(&row, "related")),
    };
    for (r, e) in [(&row, mine), (&that, theirs)] {
        Db::touch_ticket(w.conn(), r.id, now).await?;
        w.record(r.id, std::slice::from_ref(&e)).await?;
    }
    w.commit().await?;
    Ok(())
}

/// Removes the link between two tickets (staff).
#[tracing::instrument(skip_all, fields(user.id = actor.id, ticket.number = %number))]
pub async fn unlink(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
    other: TicketNumber,
) -> Result<(), AppError> {
    if !actor.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let row = load_visible(w.conn(), actor, number).await?;
    let that = load_visible(w.conn(), actor, other).await?;
    if !Db::delete_link(w.conn(), row.id, that.id).await? {
        return Err(AppError::NotFound);
    }
    for (r, o) in [(&row, &that), (&that, &row)] {
        Db::touch_ticket(w.conn(), r.id, now).await?;
        let e = NewEvent {
            kind: EventKind::Unlinked,
            from: None,
            to: Some(o.ticket.number.to_string()),
            detail: None,
            internal: true,
        };
        w.record(r.id, std::slice::from_ref(&e)).await?;
    }
    w.commit().await?;
    Ok(())
}

/// Merges a duplicate into the ticket that survives (coordinators, or the duplicate's assignee):
/// notes, watchers (the duplicate's requester among them), work orders and links move over, the
/// duplicate is cancelled as merged and its number leads to the survivor from then on. The
/// duplicate's requester and the survivor's assignee are told.
#[tracing::instrument(skip_all, fields(user.id = actor.id))]
pub async fn merge(
    state: &AppState,
    actor: &User,
    duplicate: TicketNumber,
    survivor: TicketNumber,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let dup = load_visible(w.conn(), actor, duplicate).await?;
    if !(actor.role.coordinates()
        || (actor.role == Role::Technician && dup.assignee_id == Some(actor.id)))
    {
        return Err(AppError::Forbidden);
    }
    let keep = load_visible(w.conn(), actor, survivor)
        .await
        .map_err(|_| AppError::field("other", "No ticket you can see has that number"))?;
    if !dup.ticket.status.is_open() {
        return Err(AppError::field(
            "other",
            "Only an open ticket can be merged as a duplicate",
        ));
    }
    if !(keep.ticket.status.is_open() || keep.ticket.status == Status::Resolved)
        || keep.ticket.merged_into.is_some()
    {
        return Err(AppError::field(
            "other",
            "Merge into a ticket that is still open",
        ));
    }
    let cancelled = dup.ticket.lifecycle().transition(&Action::Cancel)?;
    Db::merge_into(w.conn(), state.db.backend(), dup.id, keep.id).await?;
    let mut s = dup.state();
    s.status = cancelled.status;
    s.waiting_on = None;
    if !Db::update_ticket(w.conn(), dup.id, dup.ticket.version, &s, now).await? {
        return Err(AppError::Conflict);
    }
    let dup_events = vec![
        NewEvent {
            kind: EventKind::Merged,
            from: None,
            to: Some(keep.ticket.number.to_string()),
            detail: Some(keep.ticket.title.clone()),
            internal: false,
        },
        NewEvent {
            kind: EventKind::Status,
            from: Some(dup.ticket.status.as_str().into()),
            to: Some(Status::Cancelled.as_str().into()),
            detail: Some(format!("duplicate of {}", keep.ticket.number)),
            internal: false,
        },
    ];
    w.record(dup.id, &dup_events).await?;
    w.settle(&dup, &dup_events).await?;
    let keep_event = NewEvent {
        kind: EventKind::MergedFrom,
        from: Some(dup.ticket.number.to_string()),
        to: None,
        detail: Some(dup.ticket.title.clone()),
        internal: false,
    };
    Db::touch_ticket(w.conn(), keep.id, now).await?;
    w.record(keep.id, std::slice::from_ref(&keep_event)).await?;
    w.settle(&keep, std::slice::from_ref(&keep_event)).await?;
    w.commit().await?;
    tracing::info!(ticket.number = %duplicate, into = %survivor, "duplicate merged");
    Ok(())
}

/// Resolves a parent's open children with the parent's solution, in the parent's transaction:
/// each child's requester is told as for any resolution. A child nobody has yet is given to the
/// person resolving the parent first.
pub(crate) async fn resolve_children(
    w: &mut TicketWrite<'_>,
    actor: &User,
    parent: &TicketRow,
    notes: &ResolutionNotes,
) -> Result<(), AppError> {
    let now = w.now();
    for child_id in Db::children_ids(w.conn(), parent.id).await? {
        let Some(row) = Db::ticket(w.conn(), child_id).await? else {
            continue;
        };
        if !row.ticket.status.is_open() {
            continue;
        }
        // A technician resolves children that are theirs or nobody's (and visible to them);
        // others' children stay with their assignees.
        let allowed = actor.role.coordinates()
            || match row.assignee_id {
                Some(a) => a == actor.id,
                None => can_see(w.conn(), actor, &row).await?,
            };
        if !allowed {
            continue;
        }
        let mut lifecycle = row.ticket.lifecycle();
        let mut s = row.state();
        let mut events = Vec::new();
        if row.ticket.status == Status::New {
            lifecycle = lifecycle.transition(&Action::Assign)?;
            s.assignee_id = Some(actor.id);
            events.push(NewEvent {
                kind: EventKind::Assigned,
                from: None,
                to: Some(actor.name.clone()),
                detail: Some(actor.email.clone()),
                internal: false,
            });
        }
        lifecycle = lifecycle.transition(&Action::Resolve(notes.clone()))?;
        s.status = lifecycle.status;
        s.waiting_on = None;
        s.resolution = Some(notes.as_str().to_string());
        events.push(NewEvent {
            kind: EventKind::Status,
            from: Some(row.ticket.status.as_str().into()),
            to: Some(Status::Resolved.as_str().into()),
            detail: Some(format!("with {}: {}", parent.ticket.number, notes.as_str())),
            internal: false,
        });
        if !Db::update_ticket(w.conn(), row.id, row.ticket.version, &s, now).await? {
            return Err(AppError::Conflict);
        }
        w.record(row.id, &events).await?;
        // The requester hears about the solution first (one message per person).
        events.reverse();
        w.settle(&row, &events).await?;
    }
    Ok(())
}

/// The links, work orders and planning choices a ticket page shows staff.
pub async fn ticket_extras(
    state: &AppState,
    actor: &User,
    row: &TicketRow,
) -> Result<crate::types::TicketExtras, AppError> {
    let staff = actor.role.is_staff();
    if !staff {
        return Ok(Default::default());
    }
    let mut conn = state.db.conn().await?;
    let mut links = Db::links(&mut conn, row.id).await?;
    // One connection at a time: a request never waits for a second while holding the first.
    drop(conn);
    let mut work_orders = state
        .db
        .work_orders(WorkOrderFilter {
            ticket: Some(row.id),
            ..WorkOrderFilter::default()
        })
        .await?;
    let mut conn = state.db.conn().await?;
    if !actor.role.coordinates() {
        links.parent = only_visible(&mut conn, actor, links.parent.into_iter().collect())
            .await?
            .pop();
        links.children = only_visible(&mut conn, actor, links.children).await?;
        links.related = only_visible(&mut conn, actor, links.related).await?;
        links.merged = only_visible(&mut conn, actor, links.merged).await?;
        for w in &mut work_orders {
            w.tickets = only_visible(&mut conn, actor, std::mem::take(&mut w.tickets)).await?;
        }
    }
    drop(conn);
    let can_request_facility = may_work_on(actor, row) && row.ticket.status.is_open();
    let coordinates = actor.role.coordinates();
    Ok(crate::types::TicketExtras {
        links,
        work_orders,
        can_link: true,
        can_merge: row.ticket.status.is_open()
            && (coordinates || row.assignee_id == Some(actor.id)),
        can_request_facility,
        facility_managers: if can_request_facility {
            state.db.facility_managers().await?
        } else {
            Vec::new()
        },
        open_work_orders: if can_request_facility {
            state
                .db
                .work_orders(WorkOrderFilter {
                    open_only: true,
                    ..WorkOrderFilter::default()
                })
                .await?
                .into_iter()
                .map(|w| {
                    (
                        w.id,
                        format!("{} — {} ({})", w.reference(), w.what, w.location),
                    )
                })
                .collect()
        } else {
            Vec::new()
        },
        can_plan: coordinates,
        projects: if coordinates {
            state.db.project_choices().await?
        } else {
            Vec::new()
        },
    })
}

/// The ticket a number leads to for this caller: a merged duplicate's survivor when they may see
/// it, else the ticket itself.
pub async fn follow_merges(
    state: &AppState,
    actor: &User,
    number: TicketNumber,
) -> Result<TicketNumber, AppError> {
    let mut conn = state.db.conn().await?;
    let mut current = load_visible(&mut conn, actor, number).await?;
    // A chain of merges is short; the bound keeps a damaged database from looping.
    for _ in 0..8 {
        let Some(next) = current.ticket.merged_into else {
            break;
        };
        match load_visible(&mut conn, actor, next).await {
            Ok(row) => current = row,
            Err(_) => break,
        }
    }
    Ok(current.ticket.number)
}
