//! Projects: creating and following them, their page, and planning tasks and tickets into them.

use super::*;

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
        .ok_or_else(|| AppError::field("manager", "err-no-account"))?;
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

pub(crate) async fn visible_project(
    state: &AppState,
    actor: &User,
    id: i64,
) -> Result<Project, AppError> {
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
    let mut tickets: Vec<Ticket> = crate::server::service::present(state, actor, rows).await?;
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
        .ok_or_else(|| AppError::field("email", "err-no-account"))?;
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
    let now = state.clock.now();
    let (row, assignee) = check_task(state, actor, &project, &draft, now).await?;
    let due_on = row.due_on.ok_or(AppError::Internal)?;
    let mut w = TicketWrite::begin_at(state, Some(actor), now).await?;
    let id = Db::insert_ticket(w.conn(), &row).await?;
    w.record(
        id,
        &[TicketEvent::Planned {
            project: project.name.clone(),
            due_on,
        }],
    )
    .await?;
    let before = Db::ticket(w.conn(), id).await?.ok_or(AppError::Internal)?;
    let mut events = Vec::new();
    if let Some(to) = &assignee {
        let planned = before.ticket.lifecycle();
        let assigned = planned.transition(&Action::Assign)?;
        Db::assign_new(w.conn(), id, to.id).await?;
        events.push(TicketEvent::Assigned {
            from: None,
            to: to.name.clone(),
            address: to.email.clone(),
            automatic_for: None,
        });
        events.push(TicketEvent::Status {
            from: planned.status,
            to: assigned.status,
            waiting_on: None,
            why: None,
        });
        w.record(id, &events).await?;
    }
    // The planner is the requester: nobody else is told a task exists until it is assigned.
    let updated = w.settle(&before, &events).await?;
    w.commit().await?;
    tracing::info!(ticket.number = %updated.ticket.number, project.id = project_id, "task planned");
    Ok(updated.ticket)
}

/// Checks a planned task's fields, all at once; answers the ticket to write and who takes it.
async fn check_task(
    state: &AppState,
    actor: &User,
    project: &Project,
    draft: &TaskDraft,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(NewTicketRow, Option<User>), AppError> {
    let mut errors: Vec<(String, Msg)> = Vec::new();
    let title = TicketTitle::parse(&draft.title)
        .map_err(|m| errors.push(("title".into(), Msg::new(&m))))
        .ok();
    let description = match draft.description.trim() {
        "" => Some(String::from("Planned task")),
        d => NoteBody::parse(d)
            .map(|b| b.as_str().to_string())
            .map_err(|m| errors.push(("description".into(), Msg::new(&m))))
            .ok(),
    };
    let due_on = parse_date(
        &draft.due_on,
        "err-due-date-required",
        "err-due-date-invalid",
    )
    .map_err(|m| errors.push(("due_on".into(), Msg::new(&m))))
    .ok();
    if let Some(d) = due_on.filter(|d| *d < project.starts_on) {
        errors.push((
            "due_on".into(),
            Msg::new("err-due-before-start")
                .text("due", d.to_string())
                .text("start", project.starts_on.to_string()),
        ));
    }
    let priority = match draft.priority.trim() {
        "" => Some(Priority::P3),
        p => p
            .parse::<Priority>()
            .map_err(|_| errors.push(("priority".into(), Msg::new("err-choose-priority"))))
            .ok(),
    };
    let category = state.db.category(draft.category.trim()).await?;
    if category.is_none() {
        errors.push(("category".into(), Msg::new("err-choose-category")));
    }
    let assignee = match draft.assignee.trim() {
        "" => None,
        email => match state.db.user_by_email(&email.to_lowercase()).await? {
            Some(u) if u.role.is_staff() => Some(u),
            _ => {
                errors.push(("assignee".into(), Msg::new("err-no-technician")));
                None
            }
        },
    };
    let (Some(title), Some(description), Some(due_on), Some(priority), Some((category_id, _))) =
        (title, description, due_on, priority, category)
    else {
        return Err(field_msgs(errors));
    };
    if !errors.is_empty() {
        return Err(field_msgs(errors));
    }
    let row = NewTicketRow {
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
        project_id: Some(project.id),
        due_on: Some(due_on),
    };
    Ok((row, assignee))
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
        d => Some(
            parse_date(d, "err-due-date-required", "err-due-date-invalid")
                .map_err(|m| AppError::field("due_on", m))?,
        ),
    };
    let project = match project_id {
        None => None,
        Some(id) => Some(
            state
                .db
                .project(id)
                .await?
                .ok_or_else(|| AppError::field("project", "err-no-project"))?,
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
        events.push(TicketEvent::Project {
            from: row.ticket.project.as_ref().map(|p| p.name.clone()),
            to: project.as_ref().map(|p| p.name.clone()),
        });
    }
    if row.ticket.due_on != due_on {
        events.push(TicketEvent::Due {
            from: row.ticket.due_on,
            to: due_on,
        });
    }
    w.record(row.id, &events).await?;
    let updated = w.settle(&row, &events).await?;
    w.commit().await?;
    Ok(updated.ticket)
}

// ---- facility work --------------------------------------------------------------------------
