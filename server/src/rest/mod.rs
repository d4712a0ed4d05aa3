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
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{
    ConnectInfo, DefaultBodyLimit, FromRequest, FromRequestParts, Path, Query, Request, State,
};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Request bodies above this size are refused with 413.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Every route of the API, each with its OpenAPI operation: a route is added here with
/// `routes!` only, so the description cannot lack one (`openapi::tests` holds that).
pub fn routes() -> OpenApiRouter<AppState> {
    let (schemas, paths, uploads) = routes!(attachments::upload, attachments::list);
    OpenApiRouter::new()
        .routes(routes!(openapi::description_json))
        .routes(routes!(create_token, revoke_token))
        .routes(routes!(list_tokens))
        .routes(routes!(revoke_token_by_id))
        .routes(routes!(user_tokens))
        .routes(routes!(deactivate_user))
        .routes(routes!(reactivate_user))
        .routes(routes!(me, patch_me))
        .routes(routes!(categories))
        .routes(routes!(save_category))
        .routes(routes!(notifications))
        .routes(routes!(read_notifications))
        .routes(routes!(report))
        .routes(routes!(report_csv))
        .routes(routes!(sla_policies, create_policy))
        .routes(routes!(replace_policy))
        .routes(routes!(create_ticket, list_tickets))
        .routes(routes!(bulk_change))
        .routes(routes!(get_ticket, patch_ticket))
        .routes(routes!(add_note, notes))
        .routes(routes!(escalate))
        .routes(routes!(events))
        .routes(routes!(add_watcher))
        .routes(routes!(link_ticket))
        .routes(routes!(unlink_ticket))
        .routes(routes!(request_facility_work))
        // The upload reads its parts within the attachment limits itself.
        .routes((schemas, paths, uploads.layer(DefaultBodyLimit::disable())))
        .routes(routes!(attachments::download, attachments::remove))
        .routes(routes!(attachments::remove_from_page))
        .routes(routes!(attachments::download_through_link))
        .routes(routes!(list_articles, create_article))
        .routes(routes!(get_article, put_article))
        .routes(routes!(list_webhooks, create_webhook))
        .routes(routes!(get_webhook, put_webhook, delete_webhook))
        .routes(routes!(webhook_deliveries))
        .routes(routes!(resend_delivery))
        .routes(routes!(projects, create_project))
        .routes(routes!(project))
        .routes(routes!(plan_task))
        .routes(routes!(work_orders))
        .routes(routes!(update_work_order))
        .fallback(|| async { ApiError(AppError::NotFound) })
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

pub fn error_response(e: &AppError) -> Response {
    let (status, error) = error_body(e);
    let mut response = (status, Json(ErrorBody { error })).into_response();
    let wait = match e {
        AppError::RateLimited(secs) => Some(*secs),
        // A write that found the database busy may be sent again at once; a second is enough
        // for the writer it waited for.
        AppError::Busy => Some(1),
        _ => None,
    };
    if let Some(v) = wait.and_then(|secs| HeaderValue::from_str(&secs.to_string()).ok()) {
        response.headers_mut().insert(header::RETRY_AFTER, v);
    }
    response
}

/// What every error answers: `{"error": {...}}`.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// An error: a stable `code`, an English `message`, and for invalid fields a message for each.
#[derive(Serialize, ToSchema)]
pub struct ErrorDetail {
    /// `bad_request`, `validation`, `unauthenticated`, `bad_credentials`, `forbidden`,
    /// `deactivated`, `unverified`, `not_found`, `conflict`, `invalid_transition`,
    /// `precondition_required`, `payload_too_large`, `rate_limited`, `busy`, `internal` or
    /// `transport`.
    pub code: String,
    pub message: String,
    /// With `validation`: a message for each field that is wrong, by field name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<BTreeMap<String, String>>,
}

/// An error's status and the API's description of it.
fn error_body(e: &AppError) -> (StatusCode, ErrorDetail) {
    let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    // Messages are English here, like the field messages below; a `BadRequest` may carry a
    // catalogue key.
    let english = app::i18n::Locale::default();
    let message = match e {
        AppError::BadRequest(m) => english.text(m),
        other => other.to_string(),
    };
    let fields = match e {
        AppError::Validation(fields) => Some(
            fields
                .iter()
                .map(|f| (f.field.clone(), f.text(&english)))
                .collect(),
        ),
        _ => None,
    };
    let detail = ErrorDetail {
        code: e.code().to_string(),
        message,
        fields,
    };
    (status, detail)
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

/// A route's path parameters, like axum's `Path`, refused the API's way: a segment that is not
/// UTF-8 (`/tickets/SB-%ff`) names nothing the desk holds, so it answers the JSON 404 a number
/// that does not exist gets, not axum's plain-text 400.
pub struct ApiPath<T>(pub T);

impl<T, S> FromRequestParts<S> for ApiPath<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(v)) => Ok(ApiPath(v)),
            // A route whose handler asks for a parameter its path lacks: the code is wrong.
            Err(PathRejection::MissingPathParams(e)) => {
                tracing::error!(error = %e.body_text(), "a route lacks its path parameters");
                Err(ApiError(AppError::Internal))
            }
            Err(_) => Err(ApiError(AppError::NotFound)),
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

pub use app::server::ticket_json::{api_time, person, ticket_view, Person, TicketView};

fn with_etag(status: StatusCode, t: &Ticket, now: DateTime<Utc>) -> Response {
    let mut r = (status, Json(ticket_view(t, now))).into_response();
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
pub mod openapi;
pub mod reference;
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
