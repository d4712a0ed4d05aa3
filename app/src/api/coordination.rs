//! Projects, facility work orders and links between tickets. Each takes plain form fields, so
//! its form also posts without JavaScript.

use crate::domain::coordination::{Project, WorkOrder};
use crate::error::AppError;
use crate::types::{ProjectPage, ProjectSummary};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn ticket_number(s: &str) -> Result<crate::domain::TicketNumber, AppError> {
    crate::domain::TicketNumber::parse(s).ok_or(AppError::NotFound)
}

#[cfg(feature = "ssr")]
pub(crate) fn project_id(s: &str) -> Result<i64, AppError> {
    s.trim().parse().map_err(|_| AppError::NotFound)
}

#[server(endpoint = "projects", output = crate::api::JsonAnswer)]
pub async fn list_projects() -> Result<Vec<ProjectSummary>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::coordination::projects(&state, &user).await
}

#[server(endpoint = "project", output = crate::api::JsonAnswer)]
pub async fn get_project(id: String) -> Result<ProjectPage, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::coordination::project_page(&state, &user, project_id(&id)?).await
}

#[server(endpoint = "create_project", output = crate::api::JsonAnswer)]
pub async fn create_project(
    name: String,
    description: String,
    manager: String,
    starts_on: String,
    ends_on: String,
) -> Result<Project, AppError> {
    use crate::domain::coordination::ProjectDraft;
    let (state, user) = super::ssr::signed_in().await?;
    let draft = ProjectDraft {
        name,
        description,
        manager,
        starts_on,
        ends_on,
    };
    crate::server::coordination::create_project(&state, &user, draft).await
}

#[server(endpoint = "add_project_watcher", output = crate::api::JsonAnswer)]
pub async fn add_project_watcher(id: String, email: String) -> Result<Project, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::coordination::add_project_watcher(&state, &user, project_id(&id)?, &email).await
}

#[server(endpoint = "plan_task", output = crate::api::JsonAnswer)]
pub async fn plan_task(
    project: String,
    title: String,
    description: String,
    category: String,
    due_on: String,
    priority: String,
    assignee: String,
) -> Result<crate::domain::Ticket, AppError> {
    use crate::types::TaskDraft;
    let (state, user) = super::ssr::signed_in().await?;
    let draft = TaskDraft {
        title,
        description,
        category,
        due_on,
        priority,
        assignee,
    };
    crate::server::coordination::plan_task(&state, &user, project_id(&project)?, draft).await
}

/// Puts a ticket into a project (`project` empty: none) with an optional due date.
#[server(endpoint = "plan_ticket", output = crate::api::JsonAnswer)]
pub async fn plan_ticket(
    number: String,
    project: String,
    due_on: String,
) -> Result<crate::domain::Ticket, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let project = match project.trim() {
        "" => None,
        p => Some(
            p.parse()
                .map_err(|_| AppError::field("project", "err-no-project"))?,
        ),
    };
    crate::server::coordination::plan_ticket(
        &state,
        &user,
        ticket_number(&number)?,
        project,
        &due_on,
    )
    .await
}

/// Makes a ticket wait on facility work: a new work order, or `existing` (its id).
#[server(endpoint = "request_facility_work", output = crate::api::JsonAnswer)]
pub async fn request_facility_work(
    number: String,
    what: Option<String>,
    location: Option<String>,
    manager: Option<String>,
    expected_on: Option<String>,
    existing: Option<String>,
) -> Result<WorkOrder, AppError> {
    use crate::domain::coordination::WorkOrderDraft;
    let (state, user) = super::ssr::signed_in().await?;
    let existing = match existing.as_deref().map(str::trim).unwrap_or_default() {
        "" => None,
        e => Some(
            e.trim_start_matches("WO-")
                .parse()
                .map_err(|_| AppError::field("existing", "err-no-work-order"))?,
        ),
    };
    let draft = existing.is_none().then(|| WorkOrderDraft {
        what: what.unwrap_or_default(),
        location: location.unwrap_or_default(),
        manager: manager.unwrap_or_default(),
        expected_on: expected_on.unwrap_or_default(),
    });
    crate::server::coordination::request_facility_work(
        &state,
        &user,
        ticket_number(&number)?,
        draft,
        existing,
    )
    .await
}

#[server(endpoint = "work_orders", output = crate::api::JsonAnswer)]
pub async fn list_work_orders() -> Result<Vec<WorkOrder>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::coordination::work_orders(&state, &user).await
}

/// `done` (with what was done), `expect` (a new expected date) or `cancel`.
#[server(endpoint = "update_work_order", output = crate::api::JsonAnswer)]
pub async fn update_work_order(
    id: String,
    action: String,
    outcome: Option<String>,
    expected_on: Option<String>,
) -> Result<WorkOrder, AppError> {
    use crate::server::coordination::WorkOrderUpdate;
    let (state, user) = super::ssr::signed_in().await?;
    let id: i64 = id.trim().parse().map_err(|_| AppError::NotFound)?;
    let update = match action.as_str() {
        "done" => WorkOrderUpdate::Done(outcome.unwrap_or_default()),
        "cancel" => WorkOrderUpdate::Cancel(outcome.unwrap_or_default()),
        "expect" => WorkOrderUpdate::Expect(expected_on.unwrap_or_default()),
        _ => return Err(AppError::BadRequest("err-unknown-work-order-action".into())),
    };
    crate::server::coordination::update_work_order(&state, &user, id, update).await
}

/// Links a ticket to `other`: `parent`, `child`, `related`, or `duplicate` (merge into it).
#[server(endpoint = "link_ticket", output = crate::api::JsonAnswer)]
pub async fn link_ticket(number: String, kind: String, other: String) -> Result<(), AppError> {
    use crate::domain::coordination::LinkChoice;
    let (state, user) = super::ssr::signed_in().await?;
    let kind: LinkChoice = kind
        .parse()
        .map_err(|_| AppError::field("kind", "err-choose-link-kind"))?;
    crate::server::coordination::link(&state, &user, ticket_number(&number)?, kind, &other).await
}

#[server(endpoint = "unlink_ticket", output = crate::api::JsonAnswer)]
pub async fn unlink_ticket(number: String, other: String) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::coordination::unlink(
        &state,
        &user,
        ticket_number(&number)?,
        ticket_number(&other)?,
    )
    .await
}

/// The known issues announced now, for the banners.
#[server(endpoint = "known_issues", output = crate::api::JsonAnswer)]
pub async fn known_issues() -> Result<Vec<crate::types::KnownIssue>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::coordination::known_issues(&state, &user).await
}

/// Announces a ticket as a known issue, or changes its notice (coordinators).
#[server(endpoint = "announce_known_issue", output = crate::api::JsonAnswer)]
pub async fn announce_known_issue(number: String, notice: String) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::coordination::announce_known_issue(
        &state,
        &user,
        ticket_number(&number)?,
        &notice,
    )
    .await
}

/// Takes a known issue's announcement down (coordinators).
#[server(endpoint = "withdraw_known_issue", output = crate::api::JsonAnswer)]
pub async fn withdraw_known_issue(number: String) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::coordination::withdraw_known_issue(&state, &user, ticket_number(&number)?).await
}

/// "This affects me too": the caller's ticket about the known issue, filed now or before.
#[server(endpoint = "affected_too", output = crate::api::JsonAnswer)]
pub async fn affected_too(id: i64) -> Result<crate::domain::TicketNumber, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::coordination::affected_too(&state, &user, id).await
}
