//! The roster, teams, accounts and passwords.

use crate::domain::User;
use crate::error::AppError;
use crate::types::{Roster, RosterUpdate};
use leptos::prelude::*;

#[server(endpoint = "get_roster", output = crate::api::JsonAnswer)]
pub async fn get_roster() -> Result<Roster, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::people::roster(&state, &user).await
}

#[server(input = leptos::server_fn::codec::Json, endpoint = "update_technician", output = crate::api::JsonAnswer)]
pub async fn update_technician(update: RosterUpdate) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::people::update_technician(&state, &user, update).await
}

#[server(endpoint = "save_team", output = crate::api::JsonAnswer)]
pub async fn save_team(
    team: String,
    members: String,
    auto_assign: Option<String>,
) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let auto = auto_assign.is_some_and(|v| v == "on" || v == "true");
    crate::server::people::save_team(&state, &user, &team, &members, auto).await
}

#[server(endpoint = "route_category", output = crate::api::JsonAnswer)]
pub async fn route_category(route_category: String, route_team: String) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::people::route_category(&state, &user, &route_category, &route_team).await
}

/// Every account and whether it is switched off (admins only).
#[server(endpoint = "accounts", output = crate::api::JsonAnswer)]
pub async fn accounts() -> Result<Vec<crate::domain::Account>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::accounts::accounts(&state, &user).await
}

#[server(endpoint = "add_account", output = crate::api::JsonAnswer)]
pub async fn add_account(
    email: String,
    name: String,
    role: String,
    password: String,
) -> Result<User, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::people::add_account(&state, &user, &email, &name, &role, &password).await
}

#[server(endpoint = "set_role", output = crate::api::JsonAnswer)]
pub async fn set_role(email: String, role: String) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::people::set_role(&state, &user, &email, &role).await
}

#[server(endpoint = "change_password", output = crate::api::JsonAnswer)]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    use crate::server::auth;
    use axum::http::{header, HeaderValue};
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::people::change_password(&state, &user, &current, &new).await?;
    // Every session ended with the old password; this browser carries on in a new one.
    let token = auth::start_session(&state.db, &user, state.clock.now()).await?;
    let response = expect_context::<leptos_axum::ResponseOptions>();
    if let Ok(cookie) = HeaderValue::from_str(&auth::session_cookie(&token, &state.settings)) {
        response.append_header(header::SET_COOKIE, cookie);
    }
    Ok(())
}

/// Switches an account off or on again (admins only).
#[server(endpoint = "set_active", output = crate::api::JsonAnswer)]
pub async fn set_active(email: String, active: bool) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::accounts::set_active(&state, &user, &email, active).await
}

/// Creates or updates a category; fields are one per line: `key | Label | required | hint`.
#[server(endpoint = "save_category", output = crate::api::JsonAnswer)]
pub async fn save_category(slug: String, name: String, fields: String) -> Result<(), AppError> {
    use crate::server::people;
    let (state, user) = super::ssr::signed_in().await?;
    let fields =
        people::parse_fields_text(&fields).map_err(|m| AppError::field_msg("fields", m))?;
    people::save_category(&state, &user, &slug, &name, fields).await
}

/// The company directory's connection, last sync and recent changes (admins).
#[server(endpoint = "directory_status", output = crate::api::JsonAnswer)]
pub async fn directory_status() -> Result<crate::domain::directory::DirectoryStatus, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::directory::status(&state, &user).await
}

/// Runs the company directory's sync now (admins).
#[server(endpoint = "sync_directory", output = crate::api::JsonAnswer)]
pub async fn sync_directory() -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::directory::sync_now(&state, &user).await
}
