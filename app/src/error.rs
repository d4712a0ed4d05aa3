//! The one error type of the application. Server functions return it to the browser and the REST
//! API renders it as `{"error": {"code", "message", "fields"?}}`. Internal causes are logged once
//! where they happen and never reach the user.

use crate::i18n::Locale;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A message meant for one form field (`title`, `fields.building`, ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    /// A catalogue key (with `args`), or words that are shown as they are.
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<(String, crate::i18n::MsgArg)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 400: the request could not be read (malformed JSON, a bad query parameter).
    #[error("{0}")]
    BadRequest(String),
    /// 422: some fields are invalid; the user sees each message beside its field.
    #[error("Please correct the highlighted fields")]
    Validation(Vec<FieldError>),
    /// 401: sign in first (or the token / session is no longer valid).
    #[error("Please sign in")]
    Unauthenticated,
    /// 401 on sign-in: the same words whether the email exists or not.
    #[error("Email or password is not right")]
    BadCredentials,
    /// 403 on sign-in, told only to someone who gave the right password: an admin switched the
    /// account off.
    #[error("This account is deactivated; ask IT if you need it again")]
    Deactivated,
    /// 403 on sign-in, told only to someone who gave the right password: the address is not
    /// proven yet.
    #[error("Open the link we sent to your email first; it proves the address is yours")]
    Unverified,
    /// 403 on sign-in, told only to someone who gave the right password: Switchboard passwords
    /// are for admins; everyone else signs in with the company account.
    #[error("Sign in with your company account")]
    CompanySignInOnly,
    /// 403 on sign-in: the company directory vouched for the person, but their entry cannot make
    /// an account (no usable email address, or one another directory entry holds).
    #[error("Your company account has no usable email address; ask IT")]
    DirectoryUnusable,
    /// 409 on sign-in: the company directory vouched for the person, but the Switchboard account
    /// with their address is an admin's, which is never linked to a directory (admins keep a
    /// password of their own for when the directory is down).
    #[error("A Switchboard admin account has your address; sign in with its own password")]
    DirectoryConflict,
    /// 503 on sign-in: the company directory could not be reached to check the password.
    #[error("The company directory cannot be reached; try again in a few minutes")]
    DirectoryUnavailable,
    /// 403: the caller's role may not do this.
    #[error("You are not allowed to do that")]
    Forbidden,
    /// 404: absent, or not visible to the caller — the two answer the same.
    #[error("Not found")]
    NotFound,
    /// 409 (412 over the API with If-Match): someone else changed it first.
    #[error("Someone else changed this ticket first; reload to see their change")]
    Conflict,
    /// 422: the lifecycle does not allow the action; the message says why.
    #[error("{0}")]
    InvalidTransition(crate::domain::TransitionError),
    /// 428: the API write did not name the version it saw.
    #[error("Send If-Match with the ticket's ETag")]
    PreconditionRequired,
    /// 413: the body is over the size limit.
    #[error("The request is too large")]
    PayloadTooLarge,
    /// 429: too many attempts; try again after the given number of seconds.
    #[error("Too many attempts; try again in {0} seconds")]
    RateLimited(u64),
    /// 503: the database could not take the write in time (another write held it); nothing was
    /// saved, and the same request may be sent again.
    #[error("Switchboard is busy; nothing was saved, try again in a moment")]
    Busy,
    /// 500: something broke on our side; details are in the server log.
    #[error("Something went wrong on our side; please try again")]
    Internal,
    /// A transport failure between browser and server (never built by the server itself).
    #[error("Could not reach the server: {0}")]
    Transport(String),
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        FieldError {
            field: field.to_string(),
            message: message.into(),
            args: Vec::new(),
        }
    }

    /// The message in the reader's language.
    pub fn text(&self, locale: &Locale) -> String {
        match self.args.is_empty() {
            true => locale.text(&self.message),
            false => crate::i18n::Msg {
                key: self.message.clone(),
                args: self.args.clone(),
            }
            .render(locale),
        }
    }
}

impl AppError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        AppError::Validation(vec![FieldError::new(field, message)])
    }

    /// A field error whose message has arguments.
    pub fn field_msg(field: &str, message: crate::i18n::Msg) -> Self {
        AppError::Validation(vec![FieldError {
            field: field.to_string(),
            message: message.key,
            args: message.args,
        }])
    }

    pub fn status_code(&self) -> u16 {
        match self {
            AppError::BadRequest(_) => 400,
            AppError::Validation(_) | AppError::InvalidTransition(_) => 422,
            AppError::Unauthenticated | AppError::BadCredentials => 401,
            AppError::Forbidden
            | AppError::Deactivated
            | AppError::Unverified
            | AppError::CompanySignInOnly
            | AppError::DirectoryUnusable => 403,
            AppError::DirectoryUnavailable | AppError::Busy => 503,
            AppError::DirectoryConflict => 409,
            AppError::NotFound => 404,
            AppError::Conflict => 409,
            AppError::PreconditionRequired => 428,
            AppError::PayloadTooLarge => 413,
            AppError::RateLimited(_) => 429,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    /// A stable machine-readable code for API clients.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "bad_request",
            AppError::Validation(_) => "validation",
            AppError::Unauthenticated => "unauthenticated",
            AppError::BadCredentials => "bad_credentials",
            AppError::Forbidden => "forbidden",
            AppError::Deactivated => "deactivated",
            AppError::Unverified => "unverified",
            AppError::CompanySignInOnly => "company_sign_in_only",
            AppError::DirectoryUnusable => "directory_unusable",
            AppError::DirectoryUnavailable => "directory_unavailable",
            AppError::DirectoryConflict => "directory_conflict",
            AppError::NotFound => "not_found",
            AppError::Conflict => "conflict",
            AppError::InvalidTransition(_) => "invalid_transition",
            AppError::PreconditionRequired => "precondition_required",
            AppError::PayloadTooLarge => "payload_too_large",
            AppError::RateLimited(_) => "rate_limited",
            AppError::Busy => "busy",
            AppError::Internal => "internal",
            AppError::Transport(_) => "transport",
        }
    }

    /// The message for one field in the reader's language, if this is a validation error
    /// naming it.
    pub fn field_message(&self, field: &str, locale: &Locale) -> Option<String> {
        match self {
            AppError::Validation(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.text(locale)),
            _ => None,
        }
    }

    /// What the reader is told, in their language. Messages built from a person's words or a
    /// lower layer (`BadRequest`, `InvalidTransition`, `Transport`) pass through `Locale::text`.
    pub fn message(&self, locale: &Locale) -> String {
        match self {
            AppError::BadRequest(m) => locale.text(m),
            AppError::InvalidTransition(e) => e.message(locale),
            AppError::RateLimited(secs) => {
                locale.t_with("error-rate_limited", &[("seconds", (*secs).into())])
            }
            AppError::Transport(m) => {
                locale.t_with("error-transport", &[("why", m.clone().into())])
            }
            other => locale.t(other.message_key()),
        }
    }

    fn message_key(&self) -> &'static str {
        match self {
            AppError::BadRequest(_) => "error-bad_request",
            AppError::Validation(_) => "error-validation",
            AppError::Unauthenticated => "error-unauthenticated",
            AppError::BadCredentials => "error-bad_credentials",
            AppError::Forbidden => "error-forbidden",
            AppError::Deactivated => "error-deactivated",
            AppError::Unverified => "error-unverified",
            AppError::CompanySignInOnly => "error-company_sign_in_only",
            AppError::DirectoryUnusable => "error-directory_unusable",
            AppError::DirectoryUnavailable => "error-directory_unavailable",
            AppError::DirectoryConflict => "error-directory_conflict",
            AppError::NotFound => "error-not_found",
            AppError::Conflict => "error-conflict",
            AppError::InvalidTransition(_) => "error-invalid_transition",
            AppError::PreconditionRequired => "error-precondition_required",
            AppError::PayloadTooLarge => "error-payload_too_large",
            AppError::RateLimited(_) => "error-rate_limited",
            AppError::Busy => "error-busy",
            AppError::Internal => "error-internal",
            AppError::Transport(_) => "error-transport",
        }
    }
}

impl From<crate::domain::TransitionError> for AppError {
    fn from(e: crate::domain::TransitionError) -> Self {
        AppError::InvalidTransition(e)
    }
}

impl FromServerFnError for AppError {
    type Encoder = crate::api::JsonText;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(msg) | ServerFnErrorErr::Deserialization(msg) => {
                AppError::BadRequest(msg)
            }
            ServerFnErrorErr::Request(msg) | ServerFnErrorErr::Response(msg) => {
                AppError::Transport(msg)
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}
