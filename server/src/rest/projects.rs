//! Projects, planned tasks, facility work orders and links between tickets.

use super::*;

pub(super) fn linked_json(t: &LinkedTicket) -> Value {
    json!({"number": t.number.to_string(), "title": t.title, "status": t.status})
}

pub(super) fn project_json(p: &Project) -> Value {
    json!({
        "id": p.id,
        "name": p.name,
        "description": p.description,
        "manager": person(&p.manager),
        "starts_on": p.starts_on,
        "ends_on": p.ends_on,
        "watchers": p.watchers.iter().map(person).collect::<Vec<_>>(),
    })
}

pub(super) fn work_order_json(w: &WorkOrder) -> Value {
    json!({
        "id": w.id,
        "reference": w.reference(),
        "what": w.what,
        "location": w.location,
        "manager": person(&w.manager),
        "expected_on": w.expected_on,
        "status": w.status,
        "outcome": w.outcome,
        "requested_by": w.requested_by.as_ref().map(person),
        "created_at": w.created_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "completed_at": w.completed_at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)),
        "ticket_count": w.ticket_count,
        "tickets": w.tickets.iter().map(linked_json).collect::<Vec<_>>(),
    })
}

pub(super) fn project_id(s: &str) -> Result<i64, ApiError> {
    s.parse().map_err(|_| ApiError(AppError::NotFound))
}

pub(super) async fn projects(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> ApiResult<Response> {
    let list = coordination::projects(&state, &user).await?;
    let items: Vec<Value> = list
        .iter()
        .map(|s| {
            let mut v = project_json(&s.project);
            v["progress"] = json!(s.progress);
            v["next_due"] = json!(s.next_due);
            v
        })
        .collect();
    Ok(Json(json!({ "items": items })).into_response())
}

pub(super) async fn create_project(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(draft): ApiJson<ProjectDraft>,
) -> ApiResult<Response> {
    let p = coordination::create_project(&state, &user, draft).await?;
    Ok((StatusCode::CREATED, Json(project_json(&p))).into_response())
}

pub(super) async fn project(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let page = coordination::project_page(&state, &user, project_id(&id)?).await?;
    let now = state.clock.now();
    let mut v = project_json(&page.project);
    v["progress"] = json!(page.progress);
    v["tickets"] = page.tickets.iter().map(|t| ticket_json(t, now)).collect();
    Ok(Json(v).into_response())
}

pub(super) async fn plan_task(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
    ApiJson(draft): ApiJson<TaskDraft>,
) -> ApiResult<Response> {
    let t = coordination::plan_task(&state, &user, project_id(&id)?, draft).await?;
    Ok(with_etag(StatusCode::CREATED, &t, state.clock.now()))
}

pub(super) async fn work_orders(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> ApiResult<Response> {
    let list = coordination::work_orders(&state, &user).await?;
    let items: Vec<Value> = list.iter().map(work_order_json).collect();
    Ok(Json(json!({ "items": items })).into_response())
}

#[derive(Deserialize)]
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

pub(super) async fn request_facility_work(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WorkOrderChange {
    /// `done`, `expect` or `cancel`.
    action: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    expected_on: String,
}

pub(super) async fn update_work_order(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LinkBody {
    /// `parent`, `child`, `related` or `duplicate` (merge this ticket into `other`).
    kind: LinkChoice,
    other: String,
}

pub(super) async fn link_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    ApiJson(b): ApiJson<LinkBody>,
) -> ApiResult<StatusCode> {
    coordination::link(&state, &user, number(&n)?, b.kind, &b.other).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) async fn unlink_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path((n, other)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    coordination::unlink(&state, &user, number(&n)?, number(&other)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
