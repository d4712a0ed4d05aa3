//! Recurring work: coordinators schedule tickets that file themselves.

use crate::error::AppError;
use crate::types::{NewRecurring, Recurring, ScheduleForm};
use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[server(endpoint = "recurring_tickets", output = crate::api::JsonAnswer)]
pub async fn recurring_tickets() -> Result<Vec<Recurring>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::recurring_tickets(&state, &user).await
}

/// The next five runs of the schedule being written, in the desk's time zone.
#[server(endpoint = "preview_schedule", output = crate::api::JsonAnswer)]
pub async fn preview_schedule(schedule: ScheduleForm) -> Result<Vec<DateTime<Utc>>, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::schedule_preview(&state, &user, &schedule).await
}

/// Schedules a ticket; works as a plain form post too.
#[server(endpoint = "schedule_recurring", output = crate::api::JsonAnswer)]
pub async fn schedule_recurring(recurring: NewRecurring) -> Result<Recurring, AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::create_recurring(&state, &user, recurring).await
}

#[server(endpoint = "stop_recurring", output = crate::api::JsonAnswer)]
pub async fn stop_recurring(id: i64) -> Result<(), AppError> {
    let (state, user) = super::ssr::signed_in().await?;
    crate::server::service::delete_recurring(&state, &user, id).await
}
