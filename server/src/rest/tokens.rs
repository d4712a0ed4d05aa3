//! API tokens and accounts: creating, listing and revoking tokens, switching and deactivating users.

use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Credentials {
    email: String,
    password: String,
    /// What the token is for, shown in the owner's token list.
    name: Option<String>,
    /// Days until it expires: 90 by default, at most 366.
    expires_in_days: Option<i64>,
}

pub(super) fn token_json(t: &app::domain::ApiToken) -> Value {
    let time = |d: DateTime<Utc>| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    json!({
        "id": t.id,
        "name": t.name,
        "created_at": time(t.created_at),
        "expires_at": time(t.expires_at),
        "last_used_at": t.last_used_at.map(time),
    })
}

pub(super) async fn create_token(
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
pub(super) async fn list_tokens(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> ApiResult<Response> {
    let items = accounts::tokens(&state, &user, None).await?;
    Ok(Json(json!({"items": items.iter().map(token_json).collect::<Vec<_>>()})).into_response())
}

/// Anyone's tokens, for admins.
pub(super) async fn user_tokens(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let id = project_id(&id)?;
    let items = accounts::tokens(&state, &user, Some(id)).await?;
    Ok(Json(json!({"items": items.iter().map(token_json).collect::<Vec<_>>()})).into_response())
}

pub(super) async fn revoke_token_by_id(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    accounts::revoke_token(&state, &user, project_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub(super) async fn switch_user(
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
pub(super) async fn deactivate_user(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    switch_user(&state, &user, &id, false).await
}

pub(super) async fn reactivate_user(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    switch_user(&state, &user, &id, true).await
}

pub(super) async fn revoke_token(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<StatusCode> {
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
