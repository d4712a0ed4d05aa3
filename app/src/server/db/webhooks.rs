//! Webhooks and their deliveries: an outbox written in the transaction of the change that caused
//! each event (part of the one persistence module).

use super::{from_ms, to_ms, AnyConnection, Db};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;

/// A registered webhook. The secret signs each delivery; the API shows it only once.
#[derive(Clone, Debug, PartialEq)]
pub struct WebhookRow {
    pub id: i64,
    pub url: String,
    pub secret: String,
    /// The event names it wants.
    pub events: Vec<String>,
    pub format: String,
    pub created_at: DateTime<Utc>,
}

/// One event for one webhook, as the admin sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct DeliveryRow {
    pub id: i64,
    pub webhook_id: i64,
    pub event: String,
    pub body: String,
    /// `pending`, `sent` or `failed` (given up on).
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: DateTime<Utc>,
    /// The receiver's last answer: its status code (none: no answer) and the start of its body or
    /// why it could not be reached.
    pub response_status: Option<i64>,
    pub response: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// A delivery due now, with where it goes.
#[derive(Clone, Debug, PartialEq)]
pub struct DueDelivery {
    pub id: i64,
    pub url: String,
    pub secret: String,
    pub event: String,
    pub body: String,
    pub attempts: i64,
}

const WEBHOOK_COLUMNS: &str = "id, url, secret, events, format, created_at";

fn webhook_from_row(r: &AnyRow) -> Result<WebhookRow, AppError> {
    let events: String = r.try_get("events")?;
    Ok(WebhookRow {
        id: r.try_get("id")?,
        url: r.try_get("url")?,
        secret: r.try_get("secret")?,
        events: events.split_whitespace().map(str::to_string).collect(),
        format: r.try_get("format")?,
        created_at: from_ms(r.try_get("created_at")?),
    })
}

const DELIVERY_COLUMNS: &str = "id, webhook_id, event, body, status, attempts, next_attempt_at, \
     response_status, response, created_at, sent_at";

fn delivery_from_row(r: &AnyRow) -> Result<DeliveryRow, AppError> {
    Ok(DeliveryRow {
        id: r.try_get("id")?,
        webhook_id: r.try_get("webhook_id")?,
        event: r.try_get("event")?,
        body: r.try_get("body")?,
        status: r.try_get("status")?,
        attempts: r.try_get("attempts")?,
        next_attempt_at: from_ms(r.try_get("next_attempt_at")?),
        response_status: r.try_get("response_status")?,
        response: r.try_get("response")?,
        created_at: from_ms(r.try_get("created_at")?),
        sent_at: r.try_get::<Option<i64>, _>("sent_at")?.map(from_ms),
    })
}

impl Db {
    /// Every webhook, the oldest first.
    pub async fn webhooks(&self) -> Result<Vec<WebhookRow>, AppError> {
        let mut conn = self.pool.acquire().await?;
        Self::webhooks_in(&mut conn).await
    }

    /// Every webhook, read in a change's transaction (to write its deliveries there).
    pub async fn webhooks_in(conn: &mut AnyConnection) -> Result<Vec<WebhookRow>, AppError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {WEBHOOK_COLUMNS} FROM webhooks ORDER BY id"
        )))
        .fetch_all(&mut *conn)
        .await?;
        rows.iter().map(webhook_from_row).collect()
    }

    pub async fn webhook(&self, id: i64) -> Result<Option<WebhookRow>, AppError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {WEBHOOK_COLUMNS} FROM webhooks WHERE id = $1"
        )))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(webhook_from_row).transpose()
    }

    pub async fn insert_webhook(
        &self,
        url: &str,
        secret: &str,
        events: &[String],
        format: &str,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO webhooks (url, secret, events, format, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(url)
        .bind(secret)
        .bind(events.join(" "))
        .bind(format)
        .bind(by)
        .bind(to_ms(now))
        .fetch_one(&self.pool)
        .await?)
    }

    /// Changes where a webhook goes, what it hears and how; a new secret when one is given.
    pub async fn update_webhook(
        &self,
        id: i64,
        url: &str,
        events: &[String],
        format: &str,
        secret: Option<&str>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE webhooks SET url = $1, events = $2, format = $3, secret = COALESCE($4, secret) \
             WHERE id = $5",
        )
        .bind(url)
        .bind(events.join(" "))
        .bind(format)
        .bind(secret)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Removes a webhook with its deliveries.
    pub async fn delete_webhook(&self, id: i64) -> Result<bool, AppError> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM webhook_deliveries WHERE webhook_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM webhooks WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    /// Writes one event for one webhook, in the transaction of the change that caused it.
    pub async fn insert_delivery(
        conn: &mut AnyConnection,
        webhook_id: i64,
        ticket_id: i64,
        event: &str,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO webhook_deliveries (webhook_id, ticket_id, event, body, status, attempts, \
             next_attempt_at, created_at) VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5)",
        )
        .bind(webhook_id)
        .bind(ticket_id)
        .bind(event)
        .bind(body)
        .bind(to_ms(now))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Deliveries due now, each the oldest of its ticket and webhook still to go out (so a ticket's
    /// events arrive in order), the oldest first.
    pub async fn due_deliveries(
        &self,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<DueDelivery>, AppError> {
        let rows = sqlx::query(
            "SELECT d.id, w.url, w.secret, d.event, d.body, d.attempts FROM webhook_deliveries d \
             JOIN webhooks w ON w.id = d.webhook_id \
             WHERE d.status = 'pending' AND d.next_attempt_at <= $1 \
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.webhook_id = d.webhook_id \
               AND e.ticket_id = d.ticket_id AND e.status = 'pending' AND e.id < d.id) \
             ORDER BY d.id LIMIT $2",
        )
        .bind(to_ms(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DueDelivery {
                    id: r.try_get("id")?,
                    url: r.try_get("url")?,
                    secret: r.try_get("secret")?,
                    event: r.try_get("event")?,
                    body: r.try_get("body")?,
                    attempts: r.try_get("attempts")?,
                })
            })
            .collect()
    }

    /// Takes a delivery for sending: pushes its next attempt past `lease_until` so no other worker
    /// sends it meanwhile. False when another worker has it or it went out already.
    pub async fn claim_delivery(
        &self,
        id: i64,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE webhook_deliveries SET next_attempt_at = $1 \
             WHERE id = $2 AND status = 'pending' AND next_attempt_at <= $3",
        )
        .bind(to_ms(lease_until))
        .bind(id)
        .bind(to_ms(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records an attempt: sent (`retry_at` none and `sent`), to be tried again at `retry_at`, or
    /// given up on; with what the receiver answered.
    pub async fn delivery_attempted(
        &self,
        id: i64,
        sent: bool,
        retry_at: Option<DateTime<Utc>>,
        response_status: Option<i64>,
        response: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let status = match (sent, retry_at) {
            (true, _) => "sent",
            (false, Some(_)) => "pending",
            (false, None) => "failed",
        };
        sqlx::query(
            "UPDATE webhook_deliveries SET attempts = attempts + 1, status = $1, \
             next_attempt_at = COALESCE($2, next_attempt_at), response_status = $3, response = $4, \
             sent_at = CASE WHEN $1 = 'sent' THEN $5 ELSE sent_at END WHERE id = $6",
        )
        .bind(status)
        .bind(retry_at.map(to_ms))
        .bind(response_status)
        .bind(response)
        .bind(to_ms(now))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A webhook's latest deliveries, the newest first.
    pub async fn deliveries(
        &self,
        webhook_id: i64,
        limit: i64,
    ) -> Result<Vec<DeliveryRow>, AppError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE webhook_id = $1 \
             ORDER BY id DESC LIMIT $2"
        )))
        .bind(webhook_id)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(delivery_from_row).collect()
    }

    /// Sends a delivery of `webhook_id` again as soon as a worker gets to it (also one that went
    /// out or was given up on). False when there is no such delivery.
    pub async fn resend_delivery(
        &self,
        webhook_id: i64,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $1, attempts = 0 \
             WHERE id = $2 AND webhook_id = $3",
        )
        .bind(to_ms(now))
        .bind(id)
        .bind(webhook_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
