//! Sign-in, sign-out, registration and who is signed in.

use crate::domain::User;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "current_user", output = crate::api::JsonAnswer)]
pub async fn current_user() -> Result<Option<User>, AppError> {
    Ok(super::ssr::caller().await?.1)
}

/// How the sign-in page asks for who someone is (public: the page is shown before signing in).
#[server(endpoint = "sign_in_options", output = crate::api::JsonAnswer)]
pub async fn sign_in_options() -> Result<crate::domain::directory::SignInOptions, AppError> {
    let state = super::ssr::state()?;
    Ok(crate::domain::directory::SignInOptions {
        logins: state.settings.directories.takes_logins(),
        provider: state
            .settings
            .directories
            .oidc
            .as_ref()
            .map(|o| o.settings.label.clone()),
    })
}

/// Signs in with email and password and sets the session cookie. `next` is a local path to go to.
#[server(endpoint = "sign_in", output = crate::api::JsonAnswer)]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
    time_zone: Option<String>,
) -> Result<User, AppError> {
    use crate::server::auth;
    use axum::http::{header, HeaderValue};
    let state = super::ssr::state()?;
    let addr = client_addr();
    let user = auth::check_credentials(&state, &email, &password, addr).await?;
    let token = auth::start_session(&state.db, &user, state.clock.now()).await?;
    let user =
        crate::server::locale::adopt_browser_zone(&state, user, time_zone.as_deref()).await?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(cookie) = HeaderValue::from_str(&auth::session_cookie(&token, &state.settings)) {
        response.append_header(header::SET_COOKIE, cookie);
    }
    leptos_axum::redirect(&safe_next(next.as_deref(), user.role.home()));
    tracing::info!(user.id = user.id, "signed in");
    Ok(user)
}

/// Where to go after signing in: a path on this site as a browser reads it (never another
/// site), else the role's home.
pub fn safe_next(next: Option<&str>, home: &str) -> String {
    next.and_then(crate::domain::same_site_path)
        .unwrap_or_else(|| home.to_string())
}

#[server(endpoint = "sign_out", output = crate::api::JsonAnswer)]
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

/// The language the client's browser asks for.
#[cfg(feature = "ssr")]
fn asked_language() -> Option<crate::i18n::Lang> {
    crate::server::locale::asked_language(&super::ssr::parts().ok()?.headers)
}

/// The client's address, for throttling (behind a trusted proxy, the one it names).
#[cfg(feature = "ssr")]
fn client_addr() -> Option<std::net::IpAddr> {
    let (state, parts) = (super::ssr::state().ok()?, super::ssr::parts().ok()?);
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    crate::server::auth::client_addr(&state.settings.trusted_proxies, peer, &parts.headers)
}

/// Self-registration for requesters, when the admin allows it: the account waits for its owner
/// to open the link mailed to the address. Answers the address the link went to.
#[server(endpoint = "register", output = crate::api::JsonAnswer)]
pub async fn register(email: String, name: String, password: String) -> Result<String, AppError> {
    let state = super::ssr::state()?;
    crate::server::accounts::register(
        &state,
        &email,
        &name,
        &password,
        client_addr(),
        asked_language(),
    )
    .await?;
    Ok(email.trim().to_lowercase())
}

/// Proves an address with the link mailed to it, then sends the person to sign in.
#[server(endpoint = "verify_email", output = crate::api::JsonAnswer)]
pub async fn verify_email(token: String) -> Result<(), AppError> {
    let state = super::ssr::state()?;
    crate::server::accounts::verify_email(&state, &token).await?;
    leptos_axum::redirect("/login?verified=1");
    Ok(())
}

/// Mails a reset link if the address has an account; the answer never says whether it does.
#[server(endpoint = "request_reset", output = crate::api::JsonAnswer)]
pub async fn request_reset(email: String) -> Result<(), AppError> {
    let state = super::ssr::state()?;
    crate::server::accounts::request_reset(&state, &email, client_addr(), asked_language()).await
}

/// Whether a reset link still works (the reset page asks before showing its form).
#[server(endpoint = "reset_link_live", output = crate::api::JsonAnswer)]
pub async fn reset_link_live(token: String) -> Result<bool, AppError> {
    let state = super::ssr::state()?;
    crate::server::accounts::reset_link_live(&state, &token).await
}

/// Sets a new password with a reset link; every earlier session and token ends.
#[server(endpoint = "reset_password", output = crate::api::JsonAnswer)]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let state = super::ssr::state()?;
    crate::server::accounts::reset_password(&state, &token, &password).await?;
    leptos_axum::redirect("/login?reset=1");
    Ok(())
}

/// The caller's API tokens.
#[server(endpoint = "my_tokens", output = crate::api::JsonAnswer)]
pub async fn my_tokens() -> Result<Vec<crate::domain::ApiToken>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::accounts::tokens(&state, &user, None).await
}

/// Creates an API token for the caller; answers the token, shown once.
#[server(endpoint = "create_api_token", output = crate::api::JsonAnswer)]
pub async fn create_api_token(name: String, days: String) -> Result<String, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let days = match days.trim() {
        "" => None,
        d => Some(
            d.parse::<i64>()
                .map_err(|_| AppError::field("days", "err-days-number"))?,
        ),
    };
    let (token, _) = crate::server::accounts::create_token(&state, &user, Some(&name), days)
        .await
        .map_err(|e| match e {
            AppError::Validation(mut v) => {
                for f in &mut v {
                    if f.field == "expires_in_days" {
                        f.field = "days".into();
                    }
                }
                AppError::Validation(v)
            }
            other => other,
        })?;
    Ok(token)
}

#[server(endpoint = "revoke_api_token", output = crate::api::JsonAnswer)]
pub async fn revoke_api_token(id: i64) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::accounts::revoke_token(&state, &user, id).await
}

/// Sets the caller's language and time zone. Without JavaScript the form's post comes back to the
/// account page, which then reads in the new language.
#[server(endpoint = "save_language_and_zone", output = crate::api::JsonAnswer)]
pub async fn save_language_and_zone(language: String, time_zone: String) -> Result<User, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let user = crate::server::locale::set_preferences(&state, &user, &language, &time_zone).await?;
    leptos_axum::redirect("/account?saved=preferences");
    Ok(user)
}
