//! REST API v1 for integrations: JSON over the same ticket service and permission rules as the
//! pages. Errors are `{"error": {"code", "message", "fields"?}}`.

use app::domain::coordination::{
    LinkChoice, LinkedTicket, Project, ProjectDraft, WorkOrder, WorkOrderDraft,
};
use app::domain::report::{Report, ReportQuery};
use app::domain::{
    ActionKind, NoteVisibility, Priority, Status, Ticket, TicketNumber, User, WaitingOn,
};
use app::error::AppError;
use app::server::coordination;
use app::server::service::{self, ListParams};
use app::server::{accounts, auth, AppState};
use app::types::{NewTicket, NoteInput, TaskDraft, TicketChange};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{
    ConnectInfo, DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, Request, State,
};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{json, Value};
use std::net::SocketAddr;

/// Request bodies above this size are refused with 413.
pub const BODY_LIMIT: usize = 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/token", post(create_token).delete(revoke_token))
        .route("/auth/tokens", get(list_tokens))
        .route(
            "/auth/tokens/{id}",
            axum::routing::delete(revoke_token_by_id),
        )
        .route("/users/{id}/tokens", get(user_tokens))
        .route("/users/{id}/deactivate", post(deactivate_user))
        .route("/users/{id}/reactivate", post(reactivate_user))
        .route("/categories", get(categories))
        .route("/categories/{slug}", axum::routing::put(save_category))
        .route("/notifications", get(notifications))
        .route("/notifications/read", post(read_notifications))
        .route("/reports", get(report))
        .route("/reports/{file}", get(report_csv))
        .route("/sla/policies", get(sla_policies).post(create_policy))
        .route("/sla/policies/{id}", axum::routing::put(replace_policy))
        .route("/tickets", post(create_ticket).get(list_tickets))
        .route("/tickets/{number}", get(get_ticket).patch(patch_ticket))
        .route("/tickets/{number}/notes", post(add_note).get(notes))
        .route("/tickets/{number}/escalate", post(escalate))
        .route("/tickets/{number}/events", get(events))
        .route("/tickets/{number}/watchers", post(add_watcher))
        .route("/tickets/{number}/links", post(link_ticket))
        .route(
            "/tickets/{number}/links/{other}",
            axum::routing::delete(unlink_ticket),
        )
        .route("/tickets/{number}/work-orders", post(request_facility_work))
        .route("/projects", get(projects).post(create_project))
        .route("/projects/{id}", get(project))
        .route("/projects/{id}/tasks", post(plan_task))
        .route("/work-orders", get(work_orders))
        .route("/work-orders/{id}", post(update_work_order))
        .fallback(|| async { ApiError(AppError::NotFound) })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

pub fn error_response(e: &AppError) -> Response {
    let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut body = json!({"code": e.code(), "message": e.to_string()});
    if let AppError::Validation(fields) = e {
        body["fields"] = fields
            .iter()
            .map(|f| (f.field.clone(), Value::String(f.message.clone())))
            .collect::<serde_json::Map<_, _>>()
            .into();
    }
    let mut response = (status, Json(json!({ "error": body }))).into_response();
    if let AppError::RateLimited(secs) = e {
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    response
}

/// An `AppError` answered as API JSON.
pub struct ApiError(pub AppError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_response(&self.0)
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// JSON body whose rejections answer in the API's error format.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(ApiError(match rejection {
                r if r.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                JsonRejection::MissingJsonContentType(_) => AppError::BadRequest(
                    "Send the body as JSON (Content-Type: application/json)".into(),
                ),
                JsonRejection::JsonSyntaxError(e) => AppError::BadRequest(format!(
                    "Malformed JSON: {}",
                    e.body_text().rsplit(": ").next().unwrap_or_default()
                )),
                JsonRejection::JsonDataError(e) => AppError::BadRequest(format!(
                    "Invalid body: {}",
                    e.body_text().rsplit(": ").next().unwrap_or_default()
                )),
                other => AppError::BadRequest(other.body_text()),
            })),
        }
    }
}

/// The authenticated caller; 401 without a valid token or session.
pub struct Caller(pub User);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match auth::authenticate(state, &parts.headers).await? {
            Some(user) => Ok(Caller(user)),
            None => Err(ApiError(AppError::Unauthenticated)),
        }
    }
}

fn number(s: &str) -> Result<TicketNumber, ApiError> {
    TicketNumber::parse(s).ok_or(ApiError(AppError::NotFound))
}

fn person(p: &app::domain::PersonRef) -> Value {
    json!({"email": p.email, "name": p.name})
}

/// A ticket as the API shows it; its SLA state is as of `now`.
pub fn ticket_json(t: &Ticket, now: DateTime<Utc>) -> Value {
    let time = |d: Option<DateTime<Utc>>| {
        d.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
    };
    let sla = t.sla.as_ref().map(|s| {
        json!({
            "policy": s.policy,
            "response_due": time(s.response_due.filter(|_| s.responded_at.is_none())),
            "responded_at": time(s.responded_at),
            "resolution_due": time(s.resolution_due),
            "paused": s.paused(),
            "state": s.state(now),
            "resolution_left_minutes": (s.resolution_left_ms as f64 / 60_000.0).round() as i64,
        })
    });
    json!({
        "number": t.number.to_string(),
        "title": t.title,
        "description": t.description,
        "category": t.category,
        "status": t.status,
        "waiting_on": t.waiting_on,
        "priority": t.priority,
        "impact": t.impact,
        "urgency": t.urgency,
        "requester": person(&t.requester),
        "assignee": t.assignee.as_ref().map(person),
        "location": t.location,
        "asset_tag": t.asset_tag,
        "contact": t.contact,
        "fields": t.fields,
        "escalated": t.escalated,
        "reopened": t.reopened,
        "resolution": t.resolution,
        "created_at": t.created_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "updated_at": t.updated_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "version": t.version,
        "sla": sla,
        "project": t.project.as_ref().map(|p| json!({"id": p.id, "name": p.name})),
        "due_on": t.due_on,
        "merged_into": t.merged_into.map(|n| n.to_string()),
    })
}

fn with_etag(status: StatusCode, t: &Ticket, now: DateTime<Utc>) -> Response {
    let mut r = (status, Json(ticket_json(t, now))).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", t.version)) {
        r.headers_mut().insert(header::ETAG, v);
    }
    r
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Credentials {
    email: String,
    password: String,
    /// What the token is for, shown in the owner's token list.
    name: Option<String>,
    /// Days until it expires: 90 by default, at most 366.
    expires_in_days: Option<i64>,
}

fn token_json(t: &app::domain::ApiToken) -> Value {
    let time = |d: DateTime<Utc>| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    json!({
        "id": t.id,
        "name": t.name,
        "created_at": time(t.created_at),
        "expires_at": time(t.expires_at),
        "last_used_at": t.last_used_at.map(time),
    })
}

/// The client's address, when the server was started with connection info (behind a trusted
/// proxy, the one it names).
pub struct ClientAddr(pub Option<std::net::IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientAddr(auth::client_addr(
            &state.settings.trusted_proxies,
            peer,
            &parts.headers,
        )))
    }
}

async fn create_token(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    ApiJson(c): ApiJson<Credentials>,
) -> ApiResult<Response> {
    let user = auth::check_credentials(&state, &c.email, &c.password, addr).await?;
    let (token, info) =
        accounts::create_token(&state, &user, c.name.as_deref(), c.expires_in_days).await?;
    let mut body = token_json(&info);
    body["token"] = json!(token);
    body["user"] = json!({"email": user.email, "name": user.name, "role": user.role});
    Ok(Json(body).into_response())
}

/// The caller's tokens (never the tokens themselves).
async fn list_tokens(State(state): State<AppState>, Caller(user): Caller) -> ApiResult<Response> {
    let items = accounts::tokens(&state, &user, None).await?;
    Ok(Json(json!({"items": items.iter().map(token_json).collect::<Vec<_>>()})).into_response())
}

/// Anyone's tokens, for admins.
async fn user_tokens(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = project_id(&id)?;
    let items = accounts::tokens(&state, &user, Some(id)).await?;
    Ok(Json(json!({"items": items.iter().map(token_json).collect::<Vec<_>>()})).into_response())
}

async fn revoke_token_by_id(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    accounts::revoke_token(&state, &user, project_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn switch_user(
    state: &AppState,
    user: &User,
    id: &str,
    active: bool,
) -> ApiResult<StatusCode> {
    if user.role != app::domain::Role::Admin {
        return Err(ApiError(AppError::Forbidden));
    }
    let person = state
        .db
        .user_by_id(project_id(id)?)
        .await?
        .ok_or(ApiError(AppError::NotFound))?;
    accounts::set_active(state, user, &person.email, active).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Switches an account off: its sessions and tokens end at once (admins only).
async fn deactivate_user(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    switch_user(&state, &user, &id, false).await
}

async fn reactivate_user(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    switch_user(&state, &user, &id, true).await
}

async fn revoke_token(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<StatusCode> {
    let token = auth::bearer_token(&headers).ok_or(ApiError(AppError::Unauthenticated))?;
    let hash = auth::token_hash(&token);
    if state
        .db
        .token_user(&hash, state.clock.now())
        .await?
        .is_none()
    {
        return Err(ApiError(AppError::Unauthenticated));
    }
    state.db.delete_token(&hash).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn categories(State(state): State<AppState>, Caller(_): Caller) -> ApiResult<Response> {
    Ok(Json(state.db.categories().await?).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryBody {
    name: String,
    #[serde(default)]
    fields: Vec<app::domain::CategoryField>,
}

/// Creates or updates a category (admins only).
async fn save_category(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(slug): Path<String>,
    ApiJson(b): ApiJson<CategoryBody>,
) -> ApiResult<Response> {
    app::server::people::save_category(&state, &user, &slug, &b.name, b.fields).await?;
    let saved = state
        .db
        .category(&slug.trim().to_lowercase())
        .await?
        .ok_or(ApiError(AppError::Internal))?;
    Ok(Json(saved.1).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NotificationQuery {
    unread: Option<bool>,
    limit: Option<i64>,
}

async fn notifications(
    State(state): State<AppState>,
    Caller(user): Caller,
    query: Result<Query<NotificationQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(q) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    let items = app::server::notify::list(
        &state,
        &user,
        q.unread.unwrap_or(false),
        q.limit.unwrap_or(50),
    )
    .await?;
    let unread = state.db.unread_count(user.id).await?;
    let items: Vec<Value> = items
        .iter()
        .map(|n| {
            json!({
                "id": n.id,
                "ticket": n.ticket.map(|t| t.to_string()),
                "kind": n.kind,
                "subject": n.subject,
                "body": n.body,
                "at": n.at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                "read": n.read,
            })
        })
        .collect();
    Ok(Json(json!({ "items": items, "unread": unread })).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReadBody {
    /// One notification; without it, all of the caller's.
    id: Option<i64>,
}

async fn read_notifications(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(b): ApiJson<ReadBody>,
) -> ApiResult<Response> {
    let marked = app::server::notify::mark_read(&state, &user, b.id).await?;
    Ok(Json(json!({ "marked": marked })).into_response())
}

async fn sla_policies(State(state): State<AppState>, Caller(user): Caller) -> ApiResult<Response> {
    let items = app::server::sla::policies(&state, &user).await?;
    Ok(Json(json!({ "items": items })).into_response())
}

async fn create_policy(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(mut form): ApiJson<app::types::PolicyForm>,
) -> ApiResult<Response> {
    form.id = None;
    let saved = app::server::sla::save_policy(&state, &user, form).await?;
    Ok((StatusCode::CREATED, Json(saved)).into_response())
}

async fn replace_policy(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<i64>,
    ApiJson(mut form): ApiJson<app::types::PolicyForm>,
) -> ApiResult<Response> {
    form.id = Some(id);
    let saved = app::server::sla::save_policy(&state, &user, form).await?;
    Ok(Json(saved).into_response())
}

async fn create_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(mut input): ApiJson<NewTicket>,
) -> ApiResult<Response> {
    if input.channel.is_none() {
        input.channel = Some("api".into());
    }
    let t = service::create_ticket(&state, &user, input).await?;
    let mut r = with_etag(StatusCode::CREATED, &t, state.clock.now());
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/tickets/{}", t.number)) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    Ok(r)
}

async fn get_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
) -> ApiResult<Response> {
    let asked = number(&n)?;
    // A merged duplicate's number leads to the ticket it was merged into.
    let to = app::server::coordination::follow_merges(&state, &user, asked).await?;
    if to != asked {
        return Ok((
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, format!("/api/v1/tickets/{to}"))],
        )
            .into_response());
    }
    let t = service::ticket(&state, &user, asked).await?;
    Ok(with_etag(StatusCode::OK, &t, state.clock.now()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListQuery {
    status: Option<String>,
    assignee: Option<String>,
    priority: Option<String>,
    category: Option<String>,
    q: Option<String>,
    limit: Option<i64>,
    cursor: Option<String>,
}

async fn list_tickets(
    State(state): State<AppState>,
    Caller(user): Caller,
    query: Result<Query<ListQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(q) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    let params = ListParams {
        status: q.status,
        assignee: q.assignee,
        priority: q.priority,
        category: q.category,
        q: q.q,
        limit: q.limit,
        cursor: q.cursor,
        mine: false,
    };
    let (items, next) = service::list_tickets(&state, &user, params).await?;
    Ok(Json(
        json!({"items": items.iter().map(|t| ticket_json(t, state.clock.now())).collect::<Vec<_>>(), "next_cursor": next}),
    )
    .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Patch {
    status: Option<Status>,
    waiting_on: Option<WaitingOn>,
    assignee: Option<String>,
    priority: Option<Priority>,
    reason: Option<String>,
    category: Option<String>,
    resolution: Option<String>,
    /// Minutes spent, logged with a resolution.
    minutes: Option<i64>,
    /// Resolving a parent resolves its open children with the same solution.
    #[serde(default)]
    resolve_children: bool,
}

/// The version named by `If-Match: "3"` (or a weak `W/"3"`).
fn if_match(headers: &HeaderMap) -> Result<i64, ApiError> {
    let raw = headers
        .get(header::IF_MATCH)
        .ok_or(ApiError(AppError::PreconditionRequired))?;
    raw.to_str()
        .ok()
        .map(|s| s.trim().trim_start_matches("W/").trim_matches('"'))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| {
            ApiError(AppError::BadRequest(
                "If-Match must be the ticket's ETag, e.g. \"3\"".into(),
            ))
        })
}

async fn patch_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    headers: HeaderMap,
    ApiJson(p): ApiJson<Patch>,
) -> ApiResult<Response> {
    let number = number(&n)?;
    let current = service::ticket(&state, &user, number).await?;
    let version = if_match(&headers)?;
    let action = match p.status {
        Some(to) => ActionKind::to_reach(current.status, to, p.waiting_on)
            .map_err(AppError::InvalidTransition)?,
        None => None,
    };
    let change = TicketChange {
        action,
        assignee: p.assignee,
        priority: p.priority,
        reason: p.reason,
        category: p.category,
        impact: None,
        urgency: None,
        text: p.resolution,
        minutes: p.minutes,
        resolve_children: p.resolve_children,
    };
    match service::change_ticket(&state, &user, number, Some(version), change).await {
        Ok(t) => Ok(with_etag(StatusCode::OK, &t, state.clock.now())),
        Err(AppError::Conflict) => {
            let mut r = error_response(&AppError::Conflict);
            *r.status_mut() = StatusCode::PRECONDITION_FAILED;
            Ok(r)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoteBody {
    body: String,
    visibility: Option<NoteVisibility>,
    minutes: Option<i64>,
    idempotency_key: Option<String>,
}

async fn add_note(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    headers: HeaderMap,
    ApiJson(b): ApiJson<NoteBody>,
) -> ApiResult<Response> {
    let key = b.idempotency_key.or_else(|| {
        headers
            .get("idempotency-key")
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    });
    let input = NoteInput {
        body: b.body,
        visibility: b.visibility.unwrap_or(NoteVisibility::Internal),
        minutes: b.minutes,
        idempotency_key: key,
    };
    let note = service::add_note(&state, &user, number(&n)?, input).await?;
    Ok((StatusCode::CREATED, Json(note)).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NotesQuery {
    /// The id of the last note of the previous page.
    after: Option<i64>,
    limit: Option<i64>,
}

/// A ticket's conversation, oldest first: public notes for people outside IT, internal ones too
/// for staff; `next_after` continues it.
async fn notes(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    query: Result<Query<NotesQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(q) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    let (items, next) =
        service::notes(&state, &user, number(&n)?, q.after, q.limit.unwrap_or(50)).await?;
    Ok(Json(json!({"items": items, "next_after": next})).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Escalation {
    reason: String,
    assignee: Option<String>,
}

async fn escalate(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    ApiJson(e): ApiJson<Escalation>,
) -> ApiResult<Response> {
    let change = TicketChange {
        action: Some(ActionKind::Escalate),
        assignee: e.assignee,
        reason: Some(e.reason),
        ..TicketChange::default()
    };
    let t = service::change_ticket(&state, &user, number(&n)?, None, change).await?;
    Ok(with_etag(StatusCode::OK, &t, state.clock.now()))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WatcherBody {
    email: String,
}

/// Adds a watcher (coordinators, the requester or the assignee); answers the watcher list.
async fn add_watcher(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    ApiJson(b): ApiJson<WatcherBody>,
) -> ApiResult<Response> {
    let watchers = service::add_watcher(&state, &user, number(&n)?, &b.email).await?;
    let items: Vec<Value> = watchers.iter().map(person).collect();
    Ok(Json(json!({ "items": items })).into_response())
}

async fn events(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
) -> ApiResult<Response> {
    let events = service::events(&state, &user, number(&n)?).await?;
    Ok(Json(json!({"items": events})).into_response())
}

/// Every report table of a period, as JSON.
async fn report(
    State(state): State<AppState>,
    Caller(user): Caller,
    query: Result<Query<ReportQuery>, QueryRejection>,
) -> ApiResult<Json<Report>> {
    let Query(q) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    Ok(Json(app::server::reports::report(&state, &user, &q).await?))
}

/// One report table as CSV (`/api/v1/reports/volume.csv?from=…&to=…`), with the same text in
/// each cell as the table on the reports page.
async fn report_csv(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(file): Path<String>,
    query: Result<Query<ReportQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let Query(q) = query.map_err(|e| ApiError(AppError::BadRequest(e.body_text())))?;
    let key = file
        .strip_suffix(".csv")
        .ok_or(ApiError(AppError::NotFound))?;
    let report = app::server::reports::report(&state, &user, &q).await?;
    let table = report.table(key).ok_or(ApiError(AppError::NotFound))?;
    let filename = format!(
        "switchboard-{}-{}-to-{}.csv",
        table.key, report.scope.from, report.scope.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        table.csv(),
    )
        .into_response())
}

// ---- coordination: projects, facility work orders, links -----------------------------------

fn linked_json(t: &LinkedTicket) -> Value {
    json!({"number": t.number.to_string(), "title": t.title, "status": t.status})
}

fn project_json(p: &Project) -> Value {
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

fn work_order_json(w: &WorkOrder) -> Value {
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

fn project_id(s: &str) -> Result<i64, ApiError> {
    s.parse().map_err(|_| ApiError(AppError::NotFound))
}

async fn projects(State(state): State<AppState>, Caller(user): Caller) -> ApiResult<Response> {
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

async fn create_project(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(draft): ApiJson<ProjectDraft>,
) -> ApiResult<Response> {
    let p = coordination::create_project(&state, &user, draft).await?;
    Ok((StatusCode::CREATED, Json(project_json(&p))).into_response())
}

async fn project(
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

async fn plan_task(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
    ApiJson(draft): ApiJson<TaskDraft>,
) -> ApiResult<Response> {
    let t = coordination::plan_task(&state, &user, project_id(&id)?, draft).await?;
    Ok(with_etag(StatusCode::CREATED, &t, state.clock.now()))
}

async fn work_orders(State(state): State<AppState>, Caller(user): Caller) -> ApiResult<Response> {
    let list = coordination::work_orders(&state, &user).await?;
    let items: Vec<Value> = list.iter().map(work_order_json).collect();
    Ok(Json(json!({ "items": items })).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FacilityRequest {
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

async fn request_facility_work(
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
struct WorkOrderChange {
    /// `done`, `expect` or `cancel`.
    action: String,
    #[serde(default)]
    outcome: String,
    #[serde(default)]
    expected_on: String,
}

async fn update_work_order(
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
struct LinkBody {
    /// `parent`, `child`, `related` or `duplicate` (merge this ticket into `other`).
    kind: LinkChoice,
    other: String,
}

async fn link_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(n): Path<String>,
    ApiJson(b): ApiJson<LinkBody>,
) -> ApiResult<StatusCode> {
    coordination::link(&state, &user, number(&n)?, b.kind, &b.other).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn unlink_ticket(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path((n, other)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    coordination::unlink(&state, &user, number(&n)?, number(&other)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
