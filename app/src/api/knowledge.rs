//! The knowledge base and past fixes: articles to read, write and rate, and what the desk
//! already knows about a ticket or a request being typed.

use crate::domain::knowledge::ArticleDraft;
use crate::domain::replies::{CannedReply, ReplyChoice, ReplyDraft};
use crate::error::AppError;
use crate::types::{Article, ArticlePage, ArticleSummary, KnownAnswers};
use leptos::prelude::*;

/// The articles the caller may read matching `query`, or the newest (also without an account).
#[server(endpoint = "articles", output = crate::api::JsonAnswer)]
pub async fn articles(query: String) -> Result<Vec<ArticleSummary>, AppError> {
    let (state, user) = super::ssr::caller().await?;
    crate::server::knowledge::articles(&state, user.as_ref(), &query).await
}

#[server(endpoint = "read_article", output = crate::api::JsonAnswer)]
pub async fn read_article(id: i64) -> Result<ArticlePage, AppError> {
    let (state, user) = super::ssr::caller().await?;
    crate::server::knowledge::article_page(&state, user.as_ref(), id).await
}

/// Saves a new article (`id` none) or a new version of one last seen at `version`.
#[server(endpoint = "save_article", output = crate::api::JsonAnswer)]
pub async fn save_article(
    id: Option<i64>,
    version: Option<i64>,
    draft: ArticleDraft,
) -> Result<Article, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::knowledge::save_article(&state, &user, id, version, draft).await
}

/// "Did this help?": `helped` is `yes` or `no`.
#[server(endpoint = "answer_article", output = crate::api::JsonAnswer)]
pub async fn answer_article(id: i64, helped: String) -> Result<bool, AppError> {
    let (state, user) = super::ssr::caller().await?;
    let helped = match helped.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::BadRequest("err-kb-answer".into())),
    };
    crate::server::knowledge::answer(&state, user.as_ref(), id, helped).await?;
    Ok(helped)
}

/// A new article's draft from a resolved ticket, in the caller's language.
#[server(endpoint = "article_from_ticket", output = crate::api::JsonAnswer)]
pub async fn article_from_ticket(number: String) -> Result<ArticleDraft, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let number = crate::domain::TicketNumber::parse(&number).ok_or(AppError::NotFound)?;
    let parts = super::ssr::parts()?;
    let locale =
        crate::server::locale::for_person(&state.settings, Some(&user), Some(&parts.headers));
    crate::server::knowledge::draft_from_ticket(&state, &user, number, &locale).await
}

/// Past fixes and articles like a ticket (staff).
#[server(endpoint = "ticket_answers", output = crate::api::JsonAnswer)]
pub async fn ticket_answers(number: String) -> Result<KnownAnswers, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let number = crate::domain::TicketNumber::parse(&number).ok_or(AppError::NotFound)?;
    crate::server::knowledge::answers_for_ticket(&state, &user, number).await
}

/// Articles and the caller's own past fixes like a request being typed.
#[server(endpoint = "request_answers", output = crate::api::JsonAnswer)]
pub async fn request_answers(title: String, description: String) -> Result<KnownAnswers, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::knowledge::answers_for_request(&state, &user, &title, &description).await
}

/// The caller's own canned replies and the shared ones (staff).
#[server(endpoint = "canned_replies", output = crate::api::JsonAnswer)]
pub async fn canned_replies() -> Result<Vec<CannedReply>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::replies::list(&state, &user).await
}

/// Saves a new canned reply (`id` none) or a change to one last seen at `version`.
#[server(endpoint = "save_canned_reply", output = crate::api::JsonAnswer)]
pub async fn save_canned_reply(
    id: Option<i64>,
    version: Option<i64>,
    draft: ReplyDraft,
) -> Result<CannedReply, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::replies::save(&state, &user, id, version, draft).await
}

#[server(endpoint = "delete_canned_reply", output = crate::api::JsonAnswer)]
pub async fn delete_canned_reply(id: i64) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::replies::delete(&state, &user, id).await
}

/// The canned replies offered in a ticket's note box, filled for that ticket (staff).
#[server(endpoint = "ticket_replies", output = crate::api::JsonAnswer)]
pub async fn ticket_replies(number: String) -> Result<Vec<ReplyChoice>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::replies::for_ticket(&state, &user, super::tickets::number(&number)?).await
}
