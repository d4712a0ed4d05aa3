//! REST API v1 for integrations: JSON over the same ticket service and permission rules as the
//! pages. Errors are `{"error": {"code", "message", "fields"?}}`.

use app::domain::coordination::{
    LinkChoice, LinkedTicket, Project, ProjectDraft, WorkOrder, WorkOrderDraft,
};
use app::domain::report::{Report, ReportQuery};
use app::domain::{
    ActionKind, NoteVisibility, Priority, Status, Ticket, TicketNumber, User, WaitingOn,
};
use app::error::AppError;
use app::server::coordination;
use app::server::service::{self, ListParams};
use app::server::{accounts, auth, AppState};
use app::types::{BulkChange, BulkTarget, NewTicket, NoteInput, TaskDraft, TicketChange};
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{
    ConnectInfo, DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, Request, State,
};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{json, Value};
use std::net::SocketAddr;

/// Request bodies above this size are refused with 413.
pub const BODY_LIMIT: usize = 64 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/token", post(create_token).delete(revoke_token))
        .route("/auth/tokens", get(list_tokens))
        .route(
            "/auth/tokens/{id}",
            axum::routing::delete(revoke_token_by_id),
        )
        .route("/users/{id}/tokens", get(user_tokens))
        .route("/users/{id}/deactivate", post(deactivate_user))
        .route("/users/{id}/reactivate", post(reactivate_user))
        .route("/me", get(me).patch(patch_me))
        .route("/categories", get(categories))
        .route("/categories/{slug}", axum::routing::put(save_category))
        .route("/notifications", get(notifications))
        .route("/notifications/read", post(read_notifications))
        .route("/reports", get(report))
        .route("/reports/{file}", get(report_csv))
        .route("/sla/policies", get(sla_policies).post(create_policy))
        .route("/sla/policies/{id}", axum::routing::put(replace_policy))
        .route("/tickets", post(create_ticket).get(list_tickets))
        .route("/tickets/bulk", post(bulk_change))
        .route("/tickets/{number}", get(get_ticket).patch(patch_ticket))
        .route("/tickets/{number}/notes", post(add_note).get(notes))
        .route("/tickets/{number}/escalate", post(escalate))
        .route("/tickets/{number}/events", get(events))
        .route("/tickets/{number}/watchers", post(add_watcher))
        .route("/tickets/{number}/links", post(link_ticket))
        .route(
            "/tickets/{number}/links/{other}",
            axum::routing::delete(unlink_ticket),
        )
        .route("/tickets/{number}/work-orders", post(request_facility_work))
        .route(
            "/tickets/{number}/attachments",
            post(attachments::upload)
                .get(attachments::list)
                // The upload reads its parts within the attachment limits itself.
                .layer(DefaultBodyLimit::disable()),
        )
        .route(
            "/attachments/{id}",
            get(attachments::download).delete(attachments::remove),
        )
        .route(
            "/attachments/{id}/remove",
            post(attachments::remove_from_page),
        )
        .route(
            "/track/{token}/attachments/{id}",
            get(attachments::download_through_link),
        )
        .route("/articles", get(list_articles).post(create_article))
        .route("/articles/{id}", get(get_article).put(put_article))
        .route("/webhooks", get(list_webhooks).post(create_webhook))
        .route(
            "/webhooks/{id}",
            get(get_webhook).put(put_webhook).delete(delete_webhook),
        )
        .route("/webhooks/{id}/deliveries", get(webhook_deliveries))
        .route(
            "/webhooks/{id}/deliveries/{delivery}/resend",
            post(resend_delivery),
        )
        .route("/projects", get(projects).post(create_project))
        .route("/projects/{id}", get(project))
        .route("/projects/{id}/tasks", post(plan_task))
        .route("/work-orders", get(work_orders))
        .route("/work-orders/{id}", post(update_work_order))
        .fallback(|| async { ApiError(AppError::NotFound) })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

pub fn error_response(e: &AppError) -> Response {
    let (status, body) = error_body(e);
    let mut response = (status, Json(json!({ "error": body }))).into_response();
    if let AppError::RateLimited(secs) = e {
        if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
            response.headers_mut().insert(header::RETRY_AFTER, v);
        }
    }
    response
}

/// An error's status and the API's description of it (`code`, `message`, and `fields` with a
/// message each for a validation error).
fn error_body(e: &AppError) -> (StatusCode, Value) {
    let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    // Messages are English here, like the field messages below; a `BadRequest` may carry a
    // catalogue key.
    let english = app::i18n::Locale::default();
    let message = match e {
        AppError::BadRequest(m) => english.text(m),
        other => other.to_string(),
    };
    let mut body = json!({"code": e.code(), "message": message});
    if let AppError::Validation(fields) = e {
        body["fields"] = fields
            .iter()
            .map(|f| {
                let message = f.text(&english);
                (f.field.clone(), Value::String(message))
            })
            .collect::<serde_json::Map<_, _>>()
            .into();
    }
    (status, body)
}

/// An `AppError` answered as API JSON.
pub struct ApiError(pub AppError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        error_response(&self.0)
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// JSON body whose rejections answer in the API's error format.
pub struct ApiJson<T>(pub T);

impl<T, S> FromRequest<S> for ApiJson<T>
where
    T: serde::de::DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(rejection) => Err(ApiError(match rejection {
                r if r.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
                JsonRejection::MissingJsonContentType(_) => AppError::BadRequest(
                    "Send the body as JSON (Content-Type: application/json)".into(),
                ),
                JsonRejection::JsonSyntaxError(e) => AppError::BadRequest(format!(
                    "Malformed JSON: {}",
                    e.body_text().rsplit(": ").next().unwrap_or_default()
                )),
                JsonRejection::JsonDataError(e) => AppError::BadRequest(format!(
                    "Invalid body: {}",
                    e.body_text().rsplit(": ").next().unwrap_or_default()
                )),
                other => AppError::BadRequest(other.body_text()),
            })),
        }
    }
}

/// The authenticated caller; 401 without a valid token or session.
pub struct Caller(pub User);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match auth::authenticate(state, &parts.headers).await? {
            Some(user) => Ok(Caller(user)),
            None => Err(ApiError(AppError::Unauthenticated)),
        }
    }
}

fn number(s: &str) -> Result<TicketNumber, ApiError> {
    TicketNumber::parse(s).ok_or(ApiError(AppError::NotFound))
}

pub use app::server::ticket_json::{person, ticket_json};

fn with_etag(status: StatusCode, t: &Ticket, now: DateTime<Utc>) -> Response {
    let mut r = (status, Json(ticket_json(t, now))).into_response();
    if let Ok(v) = HeaderValue::from_str(&format!("\"{}\"", t.version)) {
        r.headers_mut().insert(header::ETAG, v);
    }
    r
}

/// The client's address, when the server was started with connection info (behind a trusted
/// proxy, the one it names).
pub struct ClientAddr(pub Option<std::net::IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        Ok(ClientAddr(auth::client_addr(
            &state.settings.trusted_proxies,
            peer,
            &parts.headers,
        )))
    }
}

mod articles;
pub mod attachments;
pub use articles::open_offered;
mod projects;
mod settings;
mod tickets;
mod tokens;
mod webhooks;

use articles::*;
use projects::*;
use settings::*;
use tickets::*;
use tokens::*;
use webhooks::*;
