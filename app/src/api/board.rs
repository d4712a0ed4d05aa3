//! The coordinator's board and the technician's work list, kept live by polling.

use crate::error::AppError;
use crate::types::{BoardCard, BoardChanges, BoardSnapshot, ColumnPage, Suggestion};
use leptos::prelude::*;

#[server(endpoint = "get_board", output = crate::api::JsonAnswer)]
pub async fn get_board() -> Result<BoardSnapshot, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::board(&state, &user).await
}

/// Changes since `cursor`; cheap (no database work) when nothing changed. With `wait_ms` (at
/// most 25 s), a poll with nothing to answer waits on the server for the next change.
#[server(endpoint = "poll_board", output = crate::api::JsonAnswer)]
pub async fn poll_board(cursor: i64, wait_ms: Option<u32>) -> Result<BoardChanges, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::board_changes(&state, &user, cursor, super::ssr::waiting(wait_ms)).await
}

/// The change feed's head once it is past `cursor` (waiting up to `wait_ms`, at most 25 s): the
/// technician's lists are read again when it moved.
#[server(endpoint = "work_changed", output = crate::api::JsonAnswer)]
pub async fn work_changed(cursor: i64, wait_ms: Option<u32>) -> Result<i64, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::feed_after(&state, &user, cursor, super::ssr::waiting(wait_ms)).await
}

/// The next page of a long column.
#[server(endpoint = "board_page", output = crate::api::JsonAnswer)]
pub async fn board_page(
    status: crate::domain::Status,
    after: String,
) -> Result<ColumnPage, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::board_page(&state, &user, status, &after).await
}

/// One change to the selected cards, each through the rules of a single change.
#[server(input = leptos::server_fn::codec::Json, endpoint = "bulk_change", output = crate::api::JsonAnswer)]
pub async fn bulk_change(
    targets: Vec<crate::types::BulkTarget>,
    change: crate::types::BulkChange,
) -> Result<Vec<crate::types::BulkResult>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let outcomes = crate::server::service::bulk_change(&state, &user, &targets, &change).await?;
    Ok(outcomes
        .into_iter()
        .map(|o| {
            let (ticket, error) = match o.result {
                Ok(t) => (Some(t), None),
                Err(e) => (None, Some(e)),
            };
            crate::types::BulkResult {
                number: o.number,
                ticket,
                error,
            }
        })
        .collect())
}

/// Open tickets matching the board's search, loaded or not.
#[server(endpoint = "board_search", output = crate::api::JsonAnswer)]
pub async fn board_search(text: String) -> Result<Vec<BoardCard>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::board_search(&state, &user, &text).await
}

#[server(endpoint = "suggest_assignees", output = crate::api::JsonAnswer)]
pub async fn suggest_assignees(
    number: String,
    escalation: bool,
) -> Result<Vec<Suggestion>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let number = crate::domain::TicketNumber::parse(&number).ok_or(AppError::NotFound)?;
    crate::server::service::suggestions(&state, &user, number, escalation).await
}

/// A technician's tickets (by priority) and the unassigned queue.
#[server(endpoint = "my_work", output = crate::api::JsonAnswer)]
pub async fn my_work() -> Result<crate::types::MyWork, AppError> {
    use crate::server::service::{self, ListParams};
    let (state, user) = super::ssr::signed_in().await?;
    if !user.role.is_staff() {
        return Err(AppError::Forbidden);
    }
    // Read before the lists, so a change landing while they are read is waited for again.
    let cursor = state.feed.get();
    let mine = ListParams {
        status: Some("open".into()),
        assignee: Some("me".into()),
        limit: Some(200),
        ..ListParams::default()
    };
    let queue = ListParams {
        status: Some("new".into()),
        assignee: Some("none".into()),
        limit: Some(200),
        ..ListParams::default()
    };
    let mut mine = service::list_tickets(&state, &user, mine).await?.0;
    let mut queue = service::list_tickets(&state, &user, queue).await?.0;
    mine.sort_by_key(crate::domain::Ticket::work_order);
    queue.sort_by_key(crate::domain::Ticket::work_order);
    Ok(crate::types::MyWork {
        mine,
        queue,
        cursor,
    })
}
