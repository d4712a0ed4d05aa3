//! Categories, notifications and service-level policies.

use super::*;

pub(super) async fn categories(
    State(state): State<AppState>,
    Caller(_): Caller,
) -> ApiResult<Response> {
    Ok(Json(state.db.categories().await?).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CategoryBody {
    name: String,
    #[serde(default)]
    fields: Vec<app::domain::CategoryField>,
}

/// Creates or updates a category (admins only).
pub(super) async fn save_category(
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
pub(super) struct NotificationQuery {
    unread: Option<bool>,
    limit: Option<i64>,
}

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
pub(super) struct ReadBody {
    /// One notification; without it, all of the caller's.
    id: Option<i64>,
}

pub(super) async fn read_notifications(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(b): ApiJson<ReadBody>,
) -> ApiResult<Response> {
    let marked = app::server::notify::mark_read(&state, &user, b.id).await?;
    Ok(Json(json!({ "marked": marked })).into_response())
}

pub(super) async fn sla_policies(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> ApiResult<Response> {
    let items = app::server::sla::policies(&state, &user).await?;
    Ok(Json(json!({ "items": items })).into_response())
}

pub(super) async fn create_policy(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(mut form): ApiJson<app::types::PolicyForm>,
) -> ApiResult<Response> {
    form.id = None;
    let saved = app::server::sla::save_policy(&state, &user, form).await?;
    Ok((StatusCode::CREATED, Json(saved)).into_response())
}

pub(super) async fn replace_policy(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<i64>,
    ApiJson(mut form): ApiJson<app::types::PolicyForm>,
) -> ApiResult<Response> {
    form.id = Some(id);
    let saved = app::server::sla::save_policy(&state, &user, form).await?;
    Ok(Json(saved).into_response())
}

/// The caller as the API shows them, with the language and zone their pages use.
fn me_json(state: &AppState, user: &app::domain::User) -> Value {
    let locale = app::server::locale::for_person(&state.settings, Some(user), None);
    json!({
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "language": locale.lang,
        "time_zone": locale.tz.name(),
    })
}

pub(super) async fn me(State(state): State<AppState>, Caller(user): Caller) -> Response {
    Json(me_json(&state, &user)).into_response()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MeBody {
    language: Option<String>,
    time_zone: Option<String>,
}

/// Changes the caller's language and/or zone; a field left out keeps its value.
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
