//! Mail held for a coordinator: the list, and what to do with each message.

use crate::error::AppError;
use crate::types::HeldMessage;
use leptos::prelude::*;

#[server(endpoint = "held_mail", output = crate::api::JsonAnswer)]
pub async fn held_mail() -> Result<Vec<HeldMessage>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::inbound::held(&state, &user).await
}

/// `decision` is `file` (a new request from the sender), `attach` (an internal note on the
/// ticket `number`) or `drop`. Answers the ticket it went to.
#[server(endpoint = "decide_held_mail", output = crate::api::JsonAnswer)]
pub async fn decide_held_mail(
    id: i64,
    decision: String,
    number: Option<String>,
) -> Result<Option<String>, AppError> {
    use crate::server::inbound::Decision;
    let (state, user) = super::ssr::signed_in().await?;
    let decision = match decision.as_str() {
        "file" => Decision::File,
        "drop" => Decision::Drop,
        "attach" => Decision::Attach(
            number
                .as_deref()
                .and_then(crate::domain::TicketNumber::parse)
                .ok_or_else(|| AppError::field("number", "err-ticket-number"))?,
        ),
        _ => return Err(AppError::BadRequest("unknown decision".into())),
    };
    Ok(crate::server::inbound::decide(&state, &user, id, decision)
        .await?
        .map(|n| n.to_string()))
}
