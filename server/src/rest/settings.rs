//! Categories, notifications, service-level policies and the caller's own settings.

use super::*;
use app::types::PolicyForm;

/// The categories, with the extra fields each requires when filing.
#[utoipa::path(
    get,
    path = "/categories",
    tag = "settings",
    responses((status = 200, description = "Every category", body = Vec<app::domain::Category>))
)]
pub(super) async fn categories(
    State(state): State<AppState>,
    Caller(_): Caller,
) -> ApiResult<Response> {
    Ok(Json(state.db.categories().await?).into_response())
}

/// A category's name and the extra fields filing in it asks for.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CategoryBody {
    name: String,
    #[serde(default)]
    fields: Vec<app::domain::CategoryField>,
}

/// Creates or updates a category (admins only).
#[utoipa::path(
    put,
    path = "/categories/{slug}",
    tag = "settings",
    params(("slug" = String, Path, description = "The category's slug, e.g. `network`")),
    request_body = CategoryBody,
    responses((status = 200, description = "The category as saved", body = app::domain::Category))
)]
pub(super) async fn save_category(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(slug): ApiPath<String>,
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

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(super) struct NotificationQuery {
    /// Only those not yet read.
    unread: Option<bool>,
    /// At most this many (1–200, default 50).
    limit: Option<i64>,
}

/// Something the caller was told in the app.
#[derive(Serialize, ToSchema)]
pub(super) struct NotificationView {
    id: i64,
    /// The ticket it is about, `SB-1042`.
    ticket: Option<String>,
    /// A stable kind such as `assigned`, `sla_warning`, `public_note`.
    kind: String,
    subject: String,
    body: String,
    #[schema(format = DateTime)]
    at: String,
    read: bool,
}

/// The caller's notifications, the newest first, and how many are unread.
#[derive(Serialize, ToSchema)]
pub(super) struct NotificationList {
    items: Vec<NotificationView>,
    unread: i64,
}

/// The caller's notifications, the newest first.
#[utoipa::path(
    get,
    path = "/notifications",
    tag = "settings",
    params(NotificationQuery),
    responses((status = 200, description = "Notifications and the unread count", body = NotificationList))
)]
pub(super) async fn notifications(
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
    let items = items
        .iter()
        .map(|n| NotificationView {
            id: n.id,
            ticket: n.ticket.map(|t| t.to_string()),
            kind: n.kind.clone(),
            subject: n.subject.clone(),
            body: n.body.clone(),
            at: api_time(n.at),
            read: n.read,
        })
        .collect();
    Ok(Json(NotificationList { items, unread }).into_response())
}

/// Which notifications to mark read.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct ReadBody {
    /// One notification; without it, all of the caller's.
    id: Option<i64>,
}

/// How many notifications were marked read.
#[derive(Serialize, ToSchema)]
pub(super) struct Marked {
    marked: u64,
}

/// Marks one notification, or all of the caller's, as read.
#[utoipa::path(
    post,
    path = "/notifications/read",
    tag = "settings",
    request_body = ReadBody,
    responses((status = 200, description = "How many were marked", body = Marked))
)]
pub(super) async fn read_notifications(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(b): ApiJson<ReadBody>,
) -> ApiResult<Response> {
    let marked = app::server::notify::mark_read(&state, &user, b.id).await?;
    Ok(Json(Marked { marked }).into_response())
}

/// The service-level policies.
#[derive(Serialize, ToSchema)]
pub(super) struct PolicyList {
    items: Vec<PolicyForm>,
}

/// The service-level policies (coordinators and admins).
#[utoipa::path(
    get,
    path = "/sla/policies",
    tag = "settings",
    responses((status = 200, description = "Every policy as an admin edits it", body = PolicyList))
)]
pub(super) async fn sla_policies(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> ApiResult<Response> {
    let items = app::server::sla::policies(&state, &user).await?;
    Ok(Json(PolicyList { items }).into_response())
}

/// Adds a service-level policy (admins only).
#[utoipa::path(
    post,
    path = "/sla/policies",
    tag = "settings",
    request_body = PolicyForm,
    responses((status = 201, description = "The policy as saved", body = PolicyForm))
)]
pub(super) async fn create_policy(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(mut form): ApiJson<PolicyForm>,
) -> ApiResult<Response> {
    form.id = None;
    let saved = app::server::sla::save_policy(&state, &user, form).await?;
    Ok((StatusCode::CREATED, Json(saved)).into_response())
}

/// Replaces a service-level policy (admins only); open tickets' clocks follow.
#[utoipa::path(
    put,
    path = "/sla/policies/{id}",
    tag = "settings",
    params(("id" = i64, Path, description = "The policy's id")),
    request_body = PolicyForm,
    responses((status = 200, description = "The policy as saved", body = PolicyForm))
)]
pub(super) async fn replace_policy(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(mut form): ApiJson<PolicyForm>,
) -> ApiResult<Response> {
    form.id = Some(project_id(&id)?);
    let saved = app::server::sla::save_policy(&state, &user, form).await?;
    Ok(Json(saved).into_response())
}

/// The caller, with the language and zone their pages and mail use.
#[derive(Serialize, ToSchema)]
pub(super) struct Me {
    id: i64,
    email: String,
    name: String,
    role: app::domain::Role,
    /// `en`, `de` or `it`.
    language: String,
    /// An IANA zone such as `Europe/Rome`.
    time_zone: String,
}

/// The caller as the API shows them: their own choices, else the desk's.
fn me_json(state: &AppState, user: &app::domain::User) -> Me {
    let locale = app::server::locale::for_person(&state.settings, Some(user), None);
    Me {
        id: user.id,
        email: user.email.clone(),
        name: user.name.clone(),
        role: user.role,
        language: locale.lang.code().to_string(),
        time_zone: locale.tz.name().to_string(),
    }
}

/// Who the caller is, and the language and time zone their pages and mail use.
#[utoipa::path(
    get,
    path = "/me",
    tag = "me",
    responses((status = 200, description = "The caller", body = Me))
)]
pub(super) async fn me(State(state): State<AppState>, Caller(user): Caller) -> Response {
    Json(me_json(&state, &user)).into_response()
}

/// The caller's language and zone; a field left out keeps its value.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct MeBody {
    /// `en`, `de` or `it`.
    language: Option<String>,
    /// An IANA zone such as `Europe/Berlin`.
    time_zone: Option<String>,
}

/// Changes the caller's language and/or zone; a field left out keeps its value.
#[utoipa::path(
    patch,
    path = "/me",
    tag = "me",
    request_body = MeBody,
    responses((status = 200, description = "The caller as now", body = Me))
)]
pub(super) async fn patch_me(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(b): ApiJson<MeBody>,
) -> ApiResult<Response> {
    let current = app::server::locale::for_person(&state.settings, Some(&user), None);
    let language = b
        .language
        .unwrap_or_else(|| current.lang.code().to_string());
    let time_zone = b.time_zone.unwrap_or_else(|| current.tz.name().to_string());
    let user = app::server::locale::set_preferences(&state, &user, &language, &time_zone).await?;
    Ok(Json(me_json(&state, &user)).into_response())
}
