//! Projects, planned tasks, facility work orders and links between tickets.

use super::*;
use app::domain::coordination::{Progress, WorkOrderStatus};
use chrono::NaiveDate;

/// A ticket waiting on a work order.
#[derive(Serialize, ToSchema)]
pub(super) struct LinkedView {
    number: String,
    title: String,
    status: Status,
}

pub(super) fn linked_json(t: &LinkedTicket) -> LinkedView {
    LinkedView {
        number: t.number.to_string(),
        title: t.title.clone(),
        status: t.status,
    }
}

/// A project.
#[derive(Serialize, ToSchema)]
pub(super) struct ProjectView {
    id: i64,
    name: String,
    description: String,
    manager: Person,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    /// People following the project besides its manager.
    watchers: Vec<Person>,
}

pub(super) fn project_json(p: &Project) -> ProjectView {
    ProjectView {
        id: p.id,
        name: p.name.clone(),
        description: p.description.clone(),
        manager: person(&p.manager),
        starts_on: p.starts_on,
        ends_on: p.ends_on,
        watchers: p.watchers.iter().map(person).collect(),
    }
}

/// A project in the list, with how far it has come.
#[derive(Serialize, ToSchema)]
pub(super) struct ProjectListItem {
    #[serde(flatten)]
    project: ProjectView,
    progress: Progress,
    /// The earliest due date of an open task.
    next_due: Option<NaiveDate>,
}

/// Projects.
#[derive(Serialize, ToSchema)]
pub(super) struct ProjectList {
    items: Vec<ProjectListItem>,
}

/// A project with its tickets, as the caller may see them.
#[derive(Serialize, ToSchema)]
pub(super) struct ProjectDetail {
    #[serde(flatten)]
    project: ProjectView,
    progress: Progress,
    /// Open ones first.
    tickets: Vec<TicketView>,
}

/// Building work IT needs from a facility manager, which tickets wait on.
#[derive(Serialize, ToSchema)]
pub(super) struct WorkOrderView {
    id: i64,
    /// `WO-12`.
    reference: String,
    what: String,
    location: String,
    manager: Person,
    expected_on: Option<NaiveDate>,
    status: WorkOrderStatus,
    /// What the facility manager reported when finishing it.
    outcome: Option<String>,
    requested_by: Option<Person>,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    completed_at: Option<String>,
    ticket_count: usize,
    /// The tickets waiting on it (staff only; the facility manager sees how many).
    tickets: Vec<LinkedView>,
}

pub(super) fn work_order_json(w: &WorkOrder) -> WorkOrderView {
    WorkOrderView {
        id: w.id,
        reference: w.reference(),
        what: w.what.clone(),
        location: w.location.clone(),
        manager: person(&w.manager),
        expected_on: w.expected_on,
        status: w.status,
        outcome: w.outcome.clone(),
        requested_by: w.requested_by.as_ref().map(person),
        created_at: api_time(w.created_at),
        completed_at: w.completed_at.map(api_time),
        ticket_count: w.ticket_count,
        tickets: w.tickets.iter().map(linked_json).collect(),
    }
}

/// Work orders.
#[derive(Serialize, ToSchema)]
pub(super) struct WorkOrderList {
    items: Vec<WorkOrderView>,
}

pub(super) fn project_id(s: &str) -> Result<i64, ApiError> {
    s.parse().map_err(|_| ApiError(AppError::NotFound))
}

/// Projects the caller may follow, with how far each has come.
#[utoipa::path(
    get,
    path = "/projects",
    tag = "coordination",
    responses((status = 200, description = "Projects", body = ProjectList))
)]
pub(super) async fn projects(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> ApiResult<Response> {
    let list = coordination::projects(&state, &user).await?;
    let items = list
        .iter()
        .map(|s| ProjectListItem {
            project: project_json(&s.project),
            progress: s.progress,
            next_due: s.next_due,
        })
        .collect();
    Ok(Json(ProjectList { items }).into_response())
}

/// Starts a project (coordinators).
#[utoipa::path(
    post,
    path = "/projects",
    tag = "coordination",
    request_body = ProjectDraft,
    responses((status = 201, description = "The project", body = ProjectView))
)]
pub(super) async fn create_project(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(draft): ApiJson<ProjectDraft>,
) -> ApiResult<Response> {
    let p = coordination::create_project(&state, &user, draft).await?;
    Ok((StatusCode::CREATED, Json(project_json(&p))).into_response())
}

/// A project and its tickets.
#[utoipa::path(
    get,
    path = "/projects/{id}",
    tag = "coordination",
    params(("id" = i64, Path, description = "The project's id")),
    responses((status = 200, description = "The project", body = ProjectDetail))
)]
pub(super) async fn project(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    let page = coordination::project_page(&state, &user, project_id(&id)?).await?;
    let now = state.clock.now();
    Ok(Json(ProjectDetail {
        project: project_json(&page.project),
        progress: page.progress,
        tickets: page.tickets.iter().map(|t| ticket_view(t, now)).collect(),
    })
    .into_response())
}

/// Plans a task of a project: a ticket with a due date instead of service-level clocks.
#[utoipa::path(
    post,
    path = "/projects/{id}/tasks",
    tag = "coordination",
    params(("id" = i64, Path, description = "The project's id")),
    request_body = TaskDraft,
    responses((status = 201, description = "The task", body = TicketView,
        headers(("ETag" = String, description = "Its version, quoted"))))
)]
pub(super) async fn plan_task(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(draft): ApiJson<TaskDraft>,
) -> ApiResult<Response> {
    let t = coordination::plan_task(&state, &user, project_id(&id)?, draft).await?;
    Ok(with_etag(StatusCode::CREATED, &t, state.clock.now()))
}

/// Work orders: staff see all, a facility manager those addressed to them.
#[utoipa::path(
    get,
    path = "/work-orders",
    tag = "coordination",
    responses((status = 200, description = "Work orders", body = WorkOrderList))
)]
pub(super) async fn work_orders(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> ApiResult<Response> {
    let list = coordination::work_orders(&state, &user).await?;
    Ok(Json(WorkOrderList {
        items: list.iter().map(work_order_json).collect(),
    })
    .into_response())
}

/// Facility work a ticket needs: a new work order, or an open one to wait on (`existing`).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct FacilityRequest {
    #[serde(default)]
    what: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    manager: String,
    #[serde(default)]
    expected_on: String,
    /// An open work order's id to wait on instead of a new one.
    existing: Option<i64>,
}

/// Asks a facility manager for building work; the ticket waits on it.
#[utoipa::path(
    post,
    path = "/tickets/{number}/work-orders",
    tag = "coordination",
    params(("number" = String, Path, description = "`SB-1042`")),
    request_body = FacilityRequest,
    responses((status = 201, description = "The work order", body = WorkOrderView))
)]
pub(super) async fn request_facility_work(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(n): ApiPath<String>,
    ApiJson(b): ApiJson<FacilityRequest>,
) -> ApiResult<Response> {
    let draft = b.existing.is_none().then_some(WorkOrderDraft {
        what: b.what,
        location: b.location,
        manager: b.manager,
        expected_on: b.expected_on,
    });
    let w =
        coordination::request_facility_work(&state, &user, number(&n)?, draft, b.existing).await?;
    Ok((StatusCode::CREATED, Json(work_order_json(&w))).into_response())
}

/// What happened to a work order.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct WorkOrderChange {
    /// `done`, `expect` or `cancel`.
    action: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    expected_on: String,
}

/// Reports a work order done or cancelled (with an outcome), or when it is expected.
#[utoipa::path(
    post,
    path = "/work-orders/{id}",
    tag = "coordination",
    params(("id" = i64, Path, description = "The work order's id")),
    request_body = WorkOrderChange,
    responses((status = 200, description = "The work order as now", body = WorkOrderView))
)]
pub(super) async fn update_work_order(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(b): ApiJson<WorkOrderChange>,
) -> ApiResult<Response> {
    use coordination::WorkOrderUpdate;
    let update = match b.action.as_str() {
        "done" => WorkOrderUpdate::Done(b.outcome),
        "cancel" => WorkOrderUpdate::Cancel(b.outcome),
        "expect" => WorkOrderUpdate::Expect(b.expected_on),
        _ => {
            return Err(ApiError(AppError::field(
                "action",
                "Use done, expect or cancel",
            )))
        }
    };
    let w = coordination::update_work_order(&state, &user, project_id(&id)?, update).await?;
    Ok(Json(work_order_json(&w)).into_response())
}

/// How to link a ticket to another.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct LinkBody {
    /// `parent`, `child`, `related` or `duplicate` (merge this ticket into `other`).
    kind: LinkChoice,
    other: String,
}

/// Links a ticket to another (a duplicate is merged into it).
#[utoipa::path(
    post,
    path = "/tickets/{number}/links",
    tag = "coordination",
    params(("number" = String, Path, description = "`SB-1042`")),
    request_body = LinkBody,
    responses((status = 204, description = "Linked"))
)]
pub(super) async fn link_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(n): ApiPath<String>,
    ApiJson(b): ApiJson<LinkBody>,
) -> ApiResult<StatusCode> {
    coordination::link(&state, &user, number(&n)?, b.kind, &b.other).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a link between two tickets.
#[utoipa::path(
    delete,
    path = "/tickets/{number}/links/{other}",
    tag = "coordination",
    params(
        ("number" = String, Path, description = "`SB-1042`"),
        ("other" = String, Path, description = "The linked ticket, `SB-1043`"),
    ),
    responses((status = 204, description = "Unlinked"))
)]
pub(super) async fn unlink_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath((n, other)): ApiPath<(String, String)>,
) -> ApiResult<StatusCode> {
    coordination::unlink(&state, &user, number(&n)?, number(&other)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
