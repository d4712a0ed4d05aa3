//! Server functions, grouped by area; each is a thin adapter over the ticket service.

pub mod account;
pub mod board;
pub mod coordination;
pub mod integrations;
pub mod knowledge;
pub mod mail;
pub mod notifications;
pub mod people;
pub mod recurring;
pub mod reports;
pub mod sla;
pub mod tickets;

use leptos::server_fn::codec::{JsonEncoding, Post};
use leptos::server_fn::{Bytes, ContentType, Decodes, Encodes, Format, FormatType};
use serde::{de::DeserializeOwned, Serialize};

/// How every server function answers: JSON in the body of the POST's answer, as leptos' `Json`,
/// but read from text in the browser.
///
/// A page's resources read the answers the server wrote into the page from text
/// (`serde_json::from_str`); leptos' own `Json` reads a server function's answer from bytes
/// (`from_slice`). Both readers are generic, so every answer's type was read by two copies of its
/// code in the browser. Reading both from text keeps one.
pub type JsonAnswer = Post<JsonText>;

/// JSON read from text (see [`JsonAnswer`]).
pub struct JsonText;

impl ContentType for JsonText {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl FormatType for JsonText {
    const FORMAT_TYPE: Format = Format::Text;
}

/// Written as leptos' `Json` writes it.
impl<T: Serialize> Encodes<T> for JsonText {
    type Error = serde_json::Error;

    fn encode(value: &T) -> Result<Bytes, Self::Error> {
        <JsonEncoding as Encodes<T>>::encode(value)
    }
}

impl<T: DeserializeOwned> Decodes<T> for JsonText {
    type Error = serde_json::Error;

    fn decode(bytes: Bytes) -> Result<T, Self::Error> {
        let text = std::str::from_utf8(&bytes).map_err(serde::de::Error::custom)?;
        serde_json::from_str(text)
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use crate::domain::User;
    use crate::error::AppError;
    use crate::server::auth;
    use crate::server::AppState;
    use axum::http::request::Parts;
    use leptos::prelude::*;

    pub fn state() -> Result<AppState, AppError> {
        use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from the server function context");
            AppError::Internal
        })
    }

    pub fn parts() -> Result<Parts, AppError> {
        use_context::<Parts>().ok_or(AppError::Internal)
    }

    /// The caller, if signed in.
    pub async fn caller() -> Result<(AppState, Option<User>), AppError> {
        let state = state()?;
        let parts = parts()?;
        let user = auth::authenticate(&state, &parts.headers).await?;
        Ok((state, user))
    }

    /// How long a long poll asked to wait (the feed caps it at 25 s); none without `wait_ms`.
    pub fn waiting(wait_ms: Option<u32>) -> std::time::Duration {
        std::time::Duration::from_millis(wait_ms.unwrap_or(0).into())
    }

    /// The caller, who must be signed in.
    pub async fn signed_in() -> Result<(AppState, User), AppError> {
        match caller().await? {
            (state, Some(user)) => Ok((state, user)),
            (_, None) => Err(AppError::Unauthenticated),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn answers_are_read_back_from_text_and_bad_bytes_are_an_error() {
        let answer = vec![("Zürich".to_string(), 3_i64)];
        let bytes = <JsonText as Encodes<_>>::encode(&answer).unwrap();
        let read: Vec<(String, i64)> = JsonText::decode(bytes).unwrap();
        assert_eq!(read, answer);
        let not_text = Bytes::from_static(b"[\"\xff\"]");
        assert!(<JsonText as Decodes<Vec<String>>>::decode(not_text).is_err());
        assert!(<JsonText as Decodes<Vec<String>>>::decode(Bytes::from_static(b"[")).is_err());
    }

    /// A server function declared without `output = crate::api::JsonAnswer` would bring back a
    /// second copy of its answer's reading code in the browser (see [`JsonAnswer`]).
    #[test]
    fn every_server_function_answers_with_json_read_from_text() {
        let mut files = Vec::new();
        crate::i18n::tests::files_under(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            "rs",
            &mut files,
        );
        let mut found = 0;
        let mut other = Vec::new();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for line in text.lines().map(str::trim) {
                // The function's attribute, alone on its line (not an argument's `#[server(default)]`).
                if line.starts_with("#[server(") && line.ends_with(")]") {
                    found += 1;
                    if !line.contains("output = crate::api::JsonAnswer") {
                        other.push(format!("{}: {line}", file.display()));
                    }
                }
            }
        }
        assert!(found > 50, "the server functions were found ({found})");
        assert!(other.is_empty(), "answer another way: {other:#?}");
    }
}
