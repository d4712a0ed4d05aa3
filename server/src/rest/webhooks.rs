//! Webhooks: admins register where other tools hear about tickets, and see what went out.

use super::*;
use app::server::db::{DeliveryRow, WebhookRow};
use app::server::webhooks::{self, WebhookDraft};

/// A webhook: where other tools hear about tickets.
#[derive(Serialize, ToSchema)]
pub(super) struct WebhookView {
    id: i64,
    url: String,
    /// The events it hears, e.g. `ticket.filed`.
    events: Vec<String>,
    /// `json`, `slack` or `teams`.
    format: String,
    #[schema(format = DateTime)]
    created_at: String,
    /// The signing secret: only in the answer that created the webhook.
    #[serde(skip_serializing_if = "Option::is_none")]
    secret: Option<String>,
}

/// A webhook as the API shows it; its secret only when just created.
fn webhook_json(w: &WebhookRow, with_secret: bool) -> WebhookView {
    WebhookView {
        id: w.id,
        url: w.url.clone(),
        events: w.events.clone(),
        format: w.format.clone(),
        created_at: api_time(w.created_at),
        secret: with_secret.then(|| w.secret.clone()),
    }
}

/// Webhooks.
#[derive(Serialize, ToSchema)]
pub(super) struct WebhookList {
    items: Vec<WebhookView>,
}

/// One event sent (or being sent) to a webhook.
#[derive(Serialize, ToSchema)]
pub(super) struct DeliveryView {
    id: i64,
    event: String,
    /// `pending`, `sent`, `failed` or `held`.
    status: String,
    attempts: i64,
    /// While pending: when it is tried next.
    #[schema(format = DateTime)]
    next_attempt_at: Option<String>,
    /// The receiver's HTTP status, when it answered.
    response_status: Option<i64>,
    /// The start of the receiver's answer.
    response: Option<String>,
    /// With no answer: what kept it from arriving, in the caller's language.
    error: Option<String>,
    #[schema(format = DateTime)]
    created_at: String,
    #[schema(format = DateTime)]
    sent_at: Option<String>,
    /// What was sent.
    #[schema(value_type = Object)]
    body: Value,
}

fn delivery_json(d: &DeliveryRow, locale: &app::i18n::Locale) -> DeliveryView {
    DeliveryView {
        id: d.id,
        event: d.event.clone(),
        status: d.status.clone(),
        attempts: d.attempts,
        next_attempt_at: (d.status == "pending").then(|| api_time(d.next_attempt_at)),
        response_status: d.response_status,
        // With no answer, what kept it from arriving; else the start of the receiver's answer.
        response: d.response_status.and(d.response.clone()),
        error: match (d.response_status, &d.response) {
            (None, Some(key)) => Some(locale.t(key)),
            _ => None,
        },
        created_at: api_time(d.created_at),
        sent_at: d.sent_at.map(api_time),
        body: serde_json::from_str::<Value>(&d.body).unwrap_or(Value::Null),
    }
}

/// A webhook's deliveries.
#[derive(Serialize, ToSchema)]
pub(super) struct DeliveryList {
    items: Vec<DeliveryView>,
}

/// Where to send which events, how, and signed with what.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct WebhookBody {
    /// `https://` (plain `http://` and internal addresses only where an admin allowed them).
    url: String,
    /// Event names: `ticket.filed`, `ticket.assigned`, `ticket.status_changed`, …
    events: Vec<String>,
    /// `json` (default), `slack` or `teams`.
    format: Option<String>,
    /// The signing secret; one is generated when left out.
    secret: Option<String>,
}

impl From<WebhookBody> for WebhookDraft {
    fn from(b: WebhookBody) -> Self {
        WebhookDraft {
            url: b.url,
            events: b.events,
            format: b.format,
            secret: b.secret,
        }
    }
}

fn webhook_id(s: &str) -> Result<i64, ApiError> {
    s.parse().map_err(|_| ApiError(AppError::NotFound))
}

/// The webhooks (admins only).
#[utoipa::path(
    get,
    path = "/webhooks",
    tag = "webhooks",
    responses((status = 200, description = "Webhooks, without their secrets", body = WebhookList))
)]
pub(super) async fn list_webhooks(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> ApiResult<Response> {
    let items = webhooks::list(&state, &user)
        .await?
        .iter()
        .map(|w| webhook_json(w, false))
        .collect();
    Ok(Json(WebhookList { items }).into_response())
}

/// Registers a webhook (admins only); the answer holds its secret, shown this once.
#[utoipa::path(
    post,
    path = "/webhooks",
    tag = "webhooks",
    request_body = WebhookBody,
    responses((status = 201, description = "The webhook with its secret", body = WebhookView,
        headers(("Location" = String, description = "Where the webhook is read"))))
)]
pub(super) async fn create_webhook(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiJson(b): ApiJson<WebhookBody>,
) -> ApiResult<Response> {
    let w = webhooks::create(&state, &user, b.into()).await?;
    let mut r = (StatusCode::CREATED, Json(webhook_json(&w, true))).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("/api/v1/webhooks/{}", w.id)) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    Ok(r)
}

/// A webhook (admins only).
#[utoipa::path(
    get,
    path = "/webhooks/{id}",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The webhook's id")),
    responses((status = 200, description = "The webhook", body = WebhookView))
)]
pub(super) async fn get_webhook(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    let w = webhooks::get(&state, &user, webhook_id(&id)?).await?;
    Ok(Json(webhook_json(&w, false)).into_response())
}

/// Replaces a webhook's address, events, format and (when given) secret (admins only).
#[utoipa::path(
    put,
    path = "/webhooks/{id}",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The webhook's id")),
    request_body = WebhookBody,
    responses((status = 200, description = "The webhook as now", body = WebhookView))
)]
pub(super) async fn put_webhook(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(b): ApiJson<WebhookBody>,
) -> ApiResult<Response> {
    let w = webhooks::update(&state, &user, webhook_id(&id)?, b.into()).await?;
    Ok(Json(webhook_json(&w, false)).into_response())
}

/// Removes a webhook and its deliveries (admins only).
#[utoipa::path(
    delete,
    path = "/webhooks/{id}",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The webhook's id")),
    responses((status = 204, description = "Removed"))
)]
pub(super) async fn delete_webhook(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    webhooks::delete(&state, &user, webhook_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The webhook's latest deliveries, the newest first, with what each receiver answered.
#[utoipa::path(
    get,
    path = "/webhooks/{id}/deliveries",
    tag = "webhooks",
    params(("id" = i64, Path, description = "The webhook's id")),
    responses((status = 200, description = "The latest deliveries", body = DeliveryList))
)]
pub(super) async fn webhook_deliveries(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Response> {
    let list = webhooks::deliveries(&state, &user, webhook_id(&id)?).await?;
    let locale = app::server::locale::for_person(&state.settings, Some(&user), None);
    let items = list.iter().map(|d| delivery_json(d, &locale)).collect();
    Ok(Json(DeliveryList { items }).into_response())
}

/// Sends a delivery again (also one that went out or was given up on).
#[utoipa::path(
    post,
    path = "/webhooks/{id}/deliveries/{delivery}/resend",
    tag = "webhooks",
    params(
        ("id" = i64, Path, description = "The webhook's id"),
        ("delivery" = i64, Path, description = "The delivery's id"),
    ),
    responses((status = 202, description = "Queued to be sent again"))
)]
pub(super) async fn resend_delivery(
    State(state): State<AppState>,
    Caller(user): Caller,
    ApiPath((id, delivery)): ApiPath<(String, String)>,
) -> ApiResult<Response> {
    webhooks::resend(&state, &user, webhook_id(&id)?, webhook_id(&delivery)?).await?;
    Ok(StatusCode::ACCEPTED.into_response())
}
