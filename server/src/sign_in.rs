//! The two addresses of a sign-in with the OpenID provider: `/auth/oidc/start` sends the browser
//! to the provider, `/auth/oidc/callback` takes it back, lets the person in and sends them on
//! to their role's start page. Nothing the provider hands over (code, tokens) is left in an address, a
//! page or the log: whatever goes wrong ends on the sign-in page with a reason's code.

use app::server::directory::oidc::{Callback, Pending, PENDING_COOKIE, PENDING_SECS};
use app::server::{auth, AppState};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// Leaves for the provider, remembering the sign-in in a cookie only `/auth/oidc` receives.
pub async fn start(State(state): State<AppState>) -> Response {
    let Some(provider) = &state.settings.directories.oidc else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match provider.begin().await {
        Ok((url, pending)) => {
            let cookie = pending_cookie(&pending.to_cookie_value(), PENDING_SECS, &state);
            redirect(&url, Some(cookie))
        }
        Err(refusal) => to_sign_in(refusal.code(), &state),
    }
}

/// Comes back from the provider: a session and the role's start page on success, the sign-in page with a reason otherwise.
/// The pending sign-in is spent either way.
pub async fn callback(
    State(state): State<AppState>,
    headers: HeaderMap,
    answer: Result<Query<Callback>, QueryRejection>,
) -> Response {
    let Some(provider) = &state.settings.directories.oidc else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let pending = auth::cookie(&headers, PENDING_COOKIE)
        .as_deref()
        .and_then(Pending::from_cookie_value);
    let answer = answer.map(|Query(a)| a).unwrap_or_default();
    let user = match provider.finish(&state, pending, answer).await {
        Ok(user) => user,
        Err(refusal) => return to_sign_in(refusal.code(), &state),
    };
    let token = match auth::start_session(&state.db, &user, state.clock.now()).await {
        Ok(token) => token,
        Err(e) => {
            tracing::error!(error = %e, "session could not start after the OpenID sign-in");
            return to_sign_in("unavailable", &state);
        }
    };
    tracing::info!(user.id = user.id, "signed in with the OpenID provider");
    let mut response = redirect(user.role.home(), Some(pending_cookie("", 0, &state)));
    if let Ok(cookie) = HeaderValue::from_str(&auth::session_cookie(&token, &state.settings)) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}

/// The sign-in page with why the sign-in did not happen; the pending sign-in is forgotten.
fn to_sign_in(code: &str, state: &AppState) -> Response {
    redirect(
        &format!("/login?signin={code}"),
        Some(pending_cookie("", 0, state)),
    )
}

fn redirect(to: &str, cookie: Option<String>) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    if let Ok(location) = HeaderValue::from_str(to) {
        headers.insert(header::LOCATION, location);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(cookie) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        headers.append(header::SET_COOKIE, cookie);
    }
    response
}

/// Lax, not Strict: the browser comes back from the provider's site, and a Strict cookie would
/// stay behind.
fn pending_cookie(value: &str, max_age: u64, state: &AppState) -> String {
    format!(
        "{PENDING_COOKIE}={value}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if state.settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}
