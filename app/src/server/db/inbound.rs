//! Mail that reached the help desk: one row per Message-ID, the held ones with their bytes.

use super::{from_ms, to_ms, AnyConnection, Db};
use crate::error::AppError;
use crate::types::HeldMessage;
use chrono::{DateTime, Utc};
use sqlx::Row;

/// What became of one received message.
pub struct InboundRow<'a> {
    pub message_id: &'a str,
    pub sender: &'a str,
    pub subject: &'a str,
    pub size: i64,
    /// created, noted, ignored or held.
    pub outcome: &'a str,
    pub why: Option<&'a str>,
    pub ticket_id: Option<i64>,
    /// The message itself, kept only while it is held.
    pub raw: Option<&'a [u8]>,
}

impl Db {
    /// Records a received message; false when one with its Message-ID is recorded already.
    pub async fn record_inbound(
        conn: &mut AnyConnection,
        m: &InboundRow<'_>,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "INSERT INTO inbound_mail (message_id, sender, subject, size, outcome, why, ticket_id, raw, received_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (message_id) DO NOTHING",
        )
        .bind(m.message_id)
        .bind(m.sender)
        .bind(m.subject)
        .bind(m.size)
        .bind(m.outcome)
        .bind(m.why)
        .bind(m.ticket_id)
        .bind(m.raw)
        .bind(to_ms(now))
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// What became of a message already received: its outcome and ticket.
    pub async fn inbound_outcome(
        conn: &mut AnyConnection,
        message_id: &str,
    ) -> Result<Option<(String, Option<i64>)>, AppError> {
        let row = sqlx::query("SELECT outcome, ticket_id FROM inbound_mail WHERE message_id = $1")
            .bind(message_id)
            .fetch_optional(&mut *conn)
            .await?;
        row.map(|r| Ok((r.try_get("outcome")?, r.try_get("ticket_id")?)))
            .transpose()
    }

    /// How many messages from `sender` arrived since `since` (the sender's rate).
    pub async fn inbound_count_since(
        &self,
        sender: &str,
        since: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT COUNT(*) FROM inbound_mail WHERE sender = $1 AND received_at >= $2",
        )
        .bind(sender)
        .bind(to_ms(since))
        .fetch_one(&self.pool)
        .await?)
    }

    /// The ticket a message received or sent by the desk belongs to: a received message by its
    /// Message-ID, a sent one by its outbox row.
    pub async fn ticket_of_message(
        &self,
        message_id: &str,
        outbox_id: Option<i64>,
    ) -> Result<Option<i64>, AppError> {
        if let Some(id) = outbox_id {
            let t: Option<Option<i64>> =
                sqlx::query_scalar("SELECT ticket_id FROM outbox WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?;
            if let Some(Some(t)) = t {
                return Ok(Some(t));
            }
        }
        let t: Option<Option<i64>> =
            sqlx::query_scalar("SELECT ticket_id FROM inbound_mail WHERE message_id = $1")
                .bind(message_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(t.flatten())
    }

    /// The Message-ID of the mail a ticket was filed from, which every later mail about it
    /// answers so the requester's mail program keeps one conversation.
    pub async fn thread_root(
        conn: &mut AnyConnection,
        ticket_id: i64,
    ) -> Result<Option<String>, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT message_id FROM inbound_mail WHERE ticket_id = $1 AND outcome = 'created' ORDER BY id LIMIT 1",
        )
        .bind(ticket_id)
        .fetch_optional(&mut *conn)
        .await?)
    }

    /// Held messages, newest first.
    pub async fn held_mail(&self, limit: i64) -> Result<Vec<HeldMessage>, AppError> {
        let rows = sqlx::query(
            "SELECT id, sender, subject, why, size, raw IS NOT NULL AS kept, received_at FROM inbound_mail \
             WHERE outcome = 'held' ORDER BY received_at DESC, id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(HeldMessage {
                    id: r.try_get("id")?,
                    sender: r.try_get("sender")?,
                    subject: r.try_get("subject")?,
                    why: r.try_get::<Option<String>, _>("why")?.unwrap_or_default(),
                    size: r.try_get("size")?,
                    kept: super::flag(r, "kept")?,
                    received_at: from_ms(r.try_get("received_at")?),
                })
            })
            .collect()
    }

    /// A held message's bytes (none when it stayed in the mailbox or was decided already).
    pub async fn held_raw(&self, id: i64) -> Result<Option<Vec<u8>>, AppError> {
        let raw: Option<Option<Vec<u8>>> =
            sqlx::query_scalar("SELECT raw FROM inbound_mail WHERE id = $1 AND outcome = 'held'")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(raw.flatten())
    }

    /// Settles a held message: filed or noted on `ticket_id`, or dropped; its bytes are cleared.
    /// False when it was not held (any more).
    pub async fn decide_held(
        conn: &mut AnyConnection,
        id: i64,
        outcome: &str,
        ticket_id: Option<i64>,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE inbound_mail SET outcome = $1, ticket_id = $2, raw = NULL, decided_by = $3, decided_at = $4 \
             WHERE id = $5 AND outcome = 'held'",
        )
        .bind(outcome)
        .bind(ticket_id)
        .bind(by)
        .bind(to_ms(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// A public note's text and the names of its public files, for the mail that tells of it.
    pub async fn public_note_words(
        conn: &mut AnyConnection,
        note_id: i64,
    ) -> Result<Option<(String, Vec<String>)>, AppError> {
        let body: Option<String> =
            sqlx::query_scalar("SELECT body FROM notes WHERE id = $1 AND visibility = 'public'")
                .bind(note_id)
                .fetch_optional(&mut *conn)
                .await?;
        let Some(body) = body else { return Ok(None) };
        let files: Vec<String> = sqlx::query_scalar(
            "SELECT file_name FROM attachments WHERE note_id = $1 AND NOT internal AND removed_at IS NULL ORDER BY id",
        )
        .bind(note_id)
        .fetch_all(&mut *conn)
        .await?;
        Ok(Some((body, files)))
    }

    /// Whether an account is switched off.
    pub async fn is_deactivated(&self, user_id: i64) -> Result<bool, AppError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE id = $1 AND deactivated_at IS NOT NULL",
        )
        .bind(user_id)
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    /// Notes that mail to `email` came back undeliverable.
    pub async fn mark_bounced(&self, email: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
        let done =
            sqlx::query("UPDATE users SET mail_bounced_at = $1 WHERE LOWER(email) = LOWER($2)")
                .bind(to_ms(now))
                .bind(email)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() > 0)
    }

    /// When mail to a person last bounced.
    pub async fn bounced_at_of(&self, user: i64) -> Result<Option<DateTime<Utc>>, AppError> {
        let at: Option<Option<i64>> =
            sqlx::query_scalar("SELECT mail_bounced_at FROM users WHERE id = $1")
                .bind(user)
                .fetch_optional(&self.pool)
                .await?;
        Ok(at.flatten().map(from_ms))
    }

    /// When mail to `email` last bounced.
    pub async fn bounced_at(&self, email: &str) -> Result<Option<DateTime<Utc>>, AppError> {
        let at: Option<Option<i64>> =
            sqlx::query_scalar("SELECT mail_bounced_at FROM users WHERE LOWER(email) = LOWER($1)")
                .bind(email)
                .fetch_optional(&self.pool)
                .await?;
        Ok(at.flatten().map(from_ms))
    }
}
