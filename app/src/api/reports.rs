//! Reports for coordinators.

use crate::domain::report::{Report, ReportQuery};
use crate::error::AppError;
use crate::types::ReportOptions;
use leptos::prelude::*;

#[server(endpoint = "report_options", output = crate::api::JsonAnswer)]
pub async fn get_report_options() -> Result<ReportOptions, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::reports::options(&state, &user).await
}

/// The report in the reader's language (their choice, else their browser's); its days are the
/// desk's.
#[server(input = leptos::server_fn::codec::Json, endpoint = "report", output = crate::api::JsonAnswer)]
pub async fn get_report(query: ReportQuery) -> Result<Report, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    let parts = super::ssr::parts()?;
    let locale =
        crate::server::locale::for_person(&state.settings, Some(&user), Some(&parts.headers));
    crate::server::reports::report_in(&state, &user, &query, &locale).await
}
