//! Webhooks: admins register where other tools hear about tickets, and see what went out.

use super::*;
use app::server::db::{DeliveryRow, WebhookRow};
use app::server::webhooks::{self, WebhookDraft};

fn time(d: DateTime<Utc>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// A webhook as the API shows it; its secret only when just created.
fn webhook_json(w: &WebhookRow, with_secret: bool) -> Value {
    let mut v = json!({
        "id": w.id,
        "url": w.url,
        "events": w.events,
        "format": w.format,
        "created_at": time(w.created_at),
    });
    if with_secret {
        v["secret"] = json!(w.secret);
    }
    v
}

fn delivery_json(d: &DeliveryRow, locale: &app::i18n::Locale) -> Value {
    json!({
        "id": d.id,
        "event": d.event,
        "status": d.status,
        "attempts": d.attempts,
        "next_attempt_at": (d.status == "pending").then(|| time(d.next_attempt_at)),
        "response_status": d.response_status,
        // With no answer, what kept it from arriving; else the start of the receiver's answer.
        "response": d.response_status.and(d.response.clone()),
        "error": match (d.response_status, &d.response) {
            (None, Some(key)) => Some(locale.t(key)),
            _ => None,
        },
        "created_at": time(d.created_at),
        "sent_at": d.sent_at.map(time),
        "body": serde_json::from_str::<Value>(&d.body).unwrap_or(Value::Null),
    })
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WebhookBody {
    url: String,
    events: Vec<String>,
    format: Option<String>,
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

pub(super) async fn list_webhooks(
    State(state): State<AppState>,
    Caller(user): Caller,
) -> ApiResult<Response> {
    let items: Vec<Value> = webhooks::list(&state, &user)
        .await?
        .iter()
        .map(|w| webhook_json(w, false))
        .collect();
    Ok(Json(json!({ "items": items })).into_response())
}

/// Registers a webhook (admins only); the answer holds its secret, shown this once.
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

pub(super) async fn get_webhook(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let w = webhooks::get(&state, &user, webhook_id(&id)?).await?;
    Ok(Json(webhook_json(&w, false)).into_response())
}

pub(super) async fn put_webhook(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<WebhookBody>,
) -> ApiResult<Response> {
    let w = webhooks::update(&state, &user, webhook_id(&id)?, b.into()).await?;
    Ok(Json(webhook_json(&w, false)).into_response())
}

pub(super) async fn delete_webhook(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    webhooks::delete(&state, &user, webhook_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The webhook's latest deliveries, the newest first, with what each receiver answered.
pub(super) async fn webhook_deliveries(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let list = webhooks::deliveries(&state, &user, webhook_id(&id)?).await?;
    let locale = app::server::locale::for_person(&state.settings, Some(&user), None);
    let items: Vec<Value> = list.iter().map(|d| delivery_json(d, &locale)).collect();
    Ok(Json(json!({ "items": items })).into_response())
}

/// Sends a delivery again (also one that went out or was given up on).
pub(super) async fn resend_delivery(
    State(state): State<AppState>,
    Caller(user): Caller,
    Path((id, delivery)): Path<(String, String)>,
) -> ApiResult<Response> {
    webhooks::resend(&state, &user, webhook_id(&id)?, webhook_id(&delivery)?).await?;
    Ok(StatusCode::ACCEPTED.into_response())
}
