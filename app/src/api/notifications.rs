//! The notification bell, the list, and what each person wants to be told.

use crate::domain::{Notification, Preferences};
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "notifications", output = crate::api::JsonAnswer)]
pub async fn notifications(unread_only: bool) -> Result<Vec<Notification>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::notify::list(&state, &user, unread_only, 100).await
}

/// The unread count the bell shows; polled, so it reads one indexed count.
#[server(endpoint = "unread_count", output = crate::api::JsonAnswer)]
pub async fn unread_count() -> Result<i64, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    state.db.unread_count(user.id).await
}

#[server(endpoint = "mark_read", output = crate::api::JsonAnswer)]
pub async fn mark_read(id: Option<i64>) -> Result<u64, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::notify::mark_read(&state, &user, id).await
}

#[server(endpoint = "get_preferences", output = crate::api::JsonAnswer)]
pub async fn get_preferences() -> Result<Preferences, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    state.db.preferences(user.id).await
}

#[server(input = leptos::server_fn::codec::Json, endpoint = "save_preferences", output = crate::api::JsonAnswer)]
pub async fn save_preferences(prefs: Preferences) -> Result<Preferences, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::notify::save_preferences(&state, &user, prefs).await
}
