//! API tokens and accounts: creating, listing and revoking tokens, switching and deactivating users.

use super::*;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct Credentials {
    /// The account's address; with a company directory, the person's login there works too.
    email: String,
    password: String,
    /// What the token is for, shown in the owner's token list.
    name: Option<String>,
    /// Days until it expires: 90 by default, at most 366.
    expires_in_days: Option<i64>,
}

/// A token as its owner's list shows it (never the token itself).
#[derive(Serialize, ToSchema)]
pub(super) struct TokenView {
    id: i64,
    /// What the token is for.
    name: String,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    expires_at: String,
    #[schema(format = DateTime)]
    last_used_at: Option<String>,
}

impl From<&app::domain::ApiToken> for TokenView {
    fn from(t: &app::domain::ApiToken) -> Self {
        TokenView {
            id: t.id,
            name: t.name.clone(),
            created_at: api_time(t.created_at),
            expires_at: api_time(t.expires_at),
            last_used_at: t.last_used_at.map(api_time),
        }
    }
}

/// A token just issued: shown this once.
#[derive(Serialize, ToSchema)]
pub(super) struct NewToken {
    #[serde(flatten)]
    info: TokenView,
    /// Send it as `Authorization: Bearer …`.
    token: String,
    user: TokenOwner,
}

/// Whom a token acts for.
#[derive(Serialize, ToSchema)]
pub(super) struct TokenOwner {
    email: String,
    name: String,
    role: app::domain::Role,
}

/// A list of tokens.
#[derive(Serialize, ToSchema)]
pub(super) struct TokenList {
    items: Vec<TokenView>,
}

/// Issues a token for an email and password (no token needed to ask).
///
/// Throttled like the sign-in page: too many wrong passwords answer 429 with `Retry-After`.
#[utoipa::path(
    post,
    path = "/auth/token",
    tag = "tokens",
    security(()),
    request_body = Credentials,
    responses(
        (status = 200, description = "The token, shown once", body = NewToken),
        (status = 401, description = "Wrong email (or directory login) or password", body = ErrorBody),
        (status = 403, description = "The account is deactivated, its address not yet proven, or passwords of Switchboard are for admins only", body = ErrorBody),
        (status = 429, description = "Too many attempts", body = ErrorBody,
            headers(("Retry-After" = i64, description = "Seconds to wait"))),
        (status = 503, description = "The company directory cannot be reached", body = ErrorBody),
    )
)]
pub(super) async fn create_token(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    ApiJson(c): ApiJson<Credentials>,
) -> ApiResult<Response> {
    let user = auth::check_credentials(&state, &c.email, &c.password, addr).await?;
    let (token, info) =
        accounts::create_token(&state, &user, c.name.as_deref(), c.expires_in_days).await?;
    Ok(Json(NewToken {
        info: TokenView::from(&info),
        token,
        user: TokenOwner {
            email: user.email,
            name: user.name,
            role: user.role,
        },
    })
    .into_response())
}

/// The caller's tokens (never the tokens themselves).
#[utoipa::path(
    get,
    path = "/auth/tokens",
    tag = "tokens",
    responses((status = 200, description = "Name, created, expires, last used", body = TokenList))
)]
pub(super) async fn list_tokens(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> ApiResult<Json<TokenList>> {
    let items = accounts::tokens(&state, &user, None).await?;
    Ok(Json(TokenList {
        items: items.iter().map(TokenView::from).collect(),
    }))
}

/// Anyone's tokens, for admins.
#[utoipa::path(
    get,
    path = "/users/{id}/tokens",
    tag = "tokens",
    params(("id" = i64, Path, description = "The person's id")),
    responses((status = 200, description = "Their tokens", body = TokenList))
)]
pub(super) async fn user_tokens(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    let id = project_id(&id)?;
    let items = accounts::tokens(&state, &user, Some(id)).await?;
    Ok(Json(TokenList {
        items: items.iter().map(TokenView::from).collect(),
    })
    .into_response())
}

/// Revokes one of the caller's tokens (admins: anyone's); someone else's id is 404.
#[utoipa::path(
    delete,
    path = "/auth/tokens/{id}",
    tag = "tokens",
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 204, description = "Revoked"))
)]
pub(super) async fn revoke_token_by_id(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
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
#[utoipa::path(
    post,
    path = "/users/{id}/deactivate",
    tag = "tokens",
    params(("id" = i64, Path, description = "The person's id")),
    responses((status = 204, description = "Deactivated; the history keeps their name"))
)]
pub(super) async fn deactivate_user(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    switch_user(&state, &user, &id, false).await
}

/// Lets a deactivated account sign in again (admins only).
#[utoipa::path(
    post,
    path = "/users/{id}/reactivate",
    tag = "tokens",
    params(("id" = i64, Path, description = "The person's id")),
    responses((status = 204, description = "Reactivated"))
)]
pub(super) async fn reactivate_user(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<StatusCode> {
    switch_user(&state, &user, &id, true).await
}

/// Revokes the token this request is sent with.
#[utoipa::path(
    delete,
    path = "/auth/token",
    tag = "tokens",
    responses((status = 204, description = "Revoked"))
)]
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
