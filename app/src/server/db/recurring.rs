//! Recurring work: ticket templates with a schedule, and the claim that files each occurrence once.

use super::{from_ms, to_ms, AnyConnection, Db};
use crate::domain::recurring::Schedule;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;

/// A stored recurring ticket.
#[derive(Clone, Debug, PartialEq)]
pub struct RecurringRow {
    pub id: i64,
    pub title: String,
    pub description: String,
    pub category: String,
    pub impact: String,
    pub urgency: String,
    pub assignee_id: Option<i64>,
    pub schedule: Schedule,
    pub next_run_at: Option<DateTime<Utc>>,
    pub last_ticket_id: Option<i64>,
    pub created_by: i64,
}

/// What a coordinator scheduled, checked.
pub struct NewRecurringRow<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub category_id: i64,
    pub impact: &'a str,
    pub urgency: &'a str,
    pub assignee_id: Option<i64>,
    pub schedule: &'a Schedule,
    pub next_run_at: Option<DateTime<Utc>>,
}

const RECURRING_SELECT: &str = "SELECT r.id, r.title, r.description, c.slug, r.impact, r.urgency, \
     r.assignee_id, r.schedule, r.next_run_at, r.last_ticket_id, r.created_by \
     FROM recurring_tickets r JOIN categories c ON c.id = r.category_id";

fn recurring_from_row(r: &AnyRow) -> Result<RecurringRow, AppError> {
    let schedule: String = r.try_get("schedule")?;
    let schedule = serde_json::from_str(&schedule).map_err(|e| {
        tracing::error!(error = %e, "a stored schedule cannot be read");
        AppError::Internal
    })?;
    Ok(RecurringRow {
        id: r.try_get("id")?,
        title: r.try_get("title")?,
        description: r.try_get("description")?,
        category: r.try_get("slug")?,
        impact: r.try_get("impact")?,
        urgency: r.try_get("urgency")?,
        assignee_id: r.try_get("assignee_id")?,
        schedule,
        next_run_at: r.try_get::<Option<i64>, _>("next_run_at")?.map(from_ms),
        last_ticket_id: r.try_get("last_ticket_id")?,
        created_by: r.try_get("created_by")?,
    })
}

impl Db {
    /// Every recurring ticket, the next to file first (paused ones last).
    pub async fn recurring_tickets(&self) -> Result<Vec<RecurringRow>, AppError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{RECURRING_SELECT} ORDER BY r.next_run_at IS NULL, r.next_run_at, r.id"
        )))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(recurring_from_row).collect()
    }

    /// Those due at `now`.
    pub async fn due_recurring(&self, now: DateTime<Utc>) -> Result<Vec<RecurringRow>, AppError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{RECURRING_SELECT} WHERE r.next_run_at <= $1 ORDER BY r.next_run_at, r.id"
        )))
        .bind(to_ms(now))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(recurring_from_row).collect()
    }

    pub async fn insert_recurring(
        conn: &mut AnyConnection,
        new: &NewRecurringRow<'_>,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let schedule = serde_json::to_string(new.schedule).map_err(|_| AppError::Internal)?;
        let row = sqlx::query(
            "INSERT INTO recurring_tickets (title, description, category_id, impact, urgency, \
             assignee_id, schedule, next_run_at, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(new.title)
        .bind(new.description)
        .bind(new.category_id)
        .bind(new.impact)
        .bind(new.urgency)
        .bind(new.assignee_id)
        .bind(schedule)
        .bind(new.next_run_at.map(to_ms))
        .bind(by)
        .bind(to_ms(now))
        .fetch_one(&mut *conn)
        .await?;
        Ok(row.try_get("id")?)
    }

    /// Claims the run due at `due` for the ticket `filed` (none: the run is skipped), moving the
    /// schedule on to `next`; `false` when another transaction claimed it first, so the run is
    /// not filed twice.
    pub async fn claim_recurring_run(
        conn: &mut AnyConnection,
        id: i64,
        due: DateTime<Utc>,
        next: Option<DateTime<Utc>>,
        filed: Option<i64>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE recurring_tickets SET next_run_at = $1, \
             last_ticket_id = COALESCE($2, last_ticket_id) WHERE id = $3 AND next_run_at = $4",
        )
        .bind(next.map(to_ms))
        .bind(filed)
        .bind(id)
        .bind(to_ms(due))
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Removes a recurring ticket (the tickets it filed stay); `false` when there was none.
    pub async fn delete_recurring(&self, id: i64) -> Result<bool, AppError> {
        let done = sqlx::query("DELETE FROM recurring_tickets WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
