//! Sign-in, sign-out, registration and who is signed in.

use crate::domain::User;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<User>, AppError> {
    Ok(super::ssr::caller().await?.1)
}

/// Signs in with email and password and sets the session cookie. `next` is a local path to go to.
#[server(endpoint = "sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<User, AppError> {
    use crate::server::auth;
    use axum::http::{header, HeaderValue};
    let state = super::ssr::state()?;
    let parts = super::ssr::parts()?;
    let addr = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    let user = auth::check_credentials(&state, &email, &password, addr).await?;
    let token = auth::start_session(&state.db, &user, state.clock.now()).await?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(cookie) = HeaderValue::from_str(&auth::session_cookie(&token, &state.settings)) {
        response.append_header(header::SET_COOKIE, cookie);
    }
    leptos_axum::redirect(&safe_next(next.as_deref(), &user));
    tracing::info!(user.id = user.id, "signed in");
    Ok(user)
}

/// Where to go after signing in: a local path only (never another site), else the role's home.
pub fn safe_next(next: Option<&str>, user: &User) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => crate::ui::home_for(user.role).to_string(),
    }
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::auth;
    use axum::http::{header, HeaderValue};
    let state = super::ssr::state()?;
    let parts = super::ssr::parts()?;
    if let Some(token) = auth::session_token(&parts.headers) {
        state.db.delete_session(&auth::token_hash(&token)).await?;
    }
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(cookie) = HeaderValue::from_str(&auth::clear_session_cookie(&state.settings)) {
        response.append_header(header::SET_COOKIE, cookie);
    }
    leptos_axum::redirect("/");
    Ok(())
}

/// Self-registration for requesters, when the admin allows it.
#[server(endpoint = "register")]
pub async fn register(email: String, name: String, password: String) -> Result<User, AppError> {
    use crate::domain::{Email, Role};
    use crate::server::auth;
    use axum::http::{header, HeaderValue};
    let state = super::ssr::state()?;
    if !state.settings.allow_registration {
        return Err(AppError::Forbidden);
    }
    if let Ok(e) = Email::parse(&email) {
        let domains = &state.settings.registration_domains;
        let domain = e.as_str().rsplit('@').next().unwrap_or_default();
        if !domains.is_empty() && !domains.iter().any(|d| d.eq_ignore_ascii_case(domain)) {
            return Err(AppError::field(
                "email",
                format!("Use your work email ({})", domains.join(", ")),
            ));
        }
    }
    let now = state.clock.now();
    let user = auth::create_account(
        &state.db,
        &email,
        &name,
        Role::Requester,
        Some(&password),
        now,
    )
    .await?;
    let token = auth::start_session(&state.db, &user, now).await?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(cookie) = HeaderValue::from_str(&auth::session_cookie(&token, &state.settings)) {
        response.append_header(header::SET_COOKIE, cookie);
    }
    leptos_axum::redirect("/requests");
    Ok(user)
}
