//! Reports for coordinators.

use crate::domain::report::{Report, ReportQuery};
use crate::error::AppError;
use crate::types::ReportOptions;
use leptos::prelude::*;

#[server(endpoint = "report_options")]
pub async fn get_report_options() -> Result<ReportOptions, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::reports::options(&state, &user).await
}

#[server(input = leptos::server_fn::codec::Json, endpoint = "report")]
pub async fn get_report(query: ReportQuery) -> Result<Report, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::reports::report(&state, &user, &query).await
}
