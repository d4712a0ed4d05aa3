//! Integrations (admins): webhooks that tell other tools about tickets, and their deliveries.

use crate::error::AppError;
use crate::types::WebhookView;
use leptos::prelude::*;

/// Every webhook with its latest deliveries (admins).
#[server(endpoint = "webhooks", output = crate::api::JsonAnswer)]
pub async fn webhooks() -> Result<Vec<WebhookView>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::webhooks::overview(&state, &user).await
}

/// Registers a webhook; the answer carries its secret, shown this once. `events` are the
/// checked boxes (`events[]`); none checked is refused at the field.
#[server(endpoint = "add_webhook", output = crate::api::JsonAnswer)]
pub async fn add_webhook(
    url: String,
    #[server(default)] events: Vec<String>,
    format: String,
    secret: Option<String>,
) -> Result<WebhookView, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let draft = crate::server::webhooks::WebhookDraft {
        url,
        events,
        format: Some(format),
        secret: secret.filter(|s| !s.trim().is_empty()),
    };
    let row = crate::server::webhooks::create(&state, &user, draft).await?;
    Ok(crate::server::webhooks::view(row, true))
}

#[server(endpoint = "remove_webhook", output = crate::api::JsonAnswer)]
pub async fn remove_webhook(id: i64) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::webhooks::delete(&state, &user, id).await
}

/// Sends a delivery again, with its id (receivers skip one they have seen).
#[server(endpoint = "resend_delivery", output = crate::api::JsonAnswer)]
pub async fn resend_delivery(webhook: i64, delivery: i64) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::webhooks::resend(&state, &user, webhook, delivery).await
}
