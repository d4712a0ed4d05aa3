//! Notifications, the mail outbox and preferences.

use super::*;

impl Db {
    // ---- notifications ----------------------------------------------------------------------

    pub async fn coordinator_ids(conn: &mut AnyConnection) -> Result<Vec<i64>, AppError> {
        Ok(
            sqlx::query_scalar("SELECT id FROM users WHERE role = 'coordinator' ORDER BY id")
                .fetch_all(&mut *conn)
                .await?,
        )
    }

    pub async fn watcher_ids(
        conn: &mut AnyConnection,
        ticket_id: i64,
    ) -> Result<Vec<i64>, AppError> {
        Ok(
            sqlx::query_scalar(
                "SELECT user_id FROM watchers WHERE ticket_id = $1 ORDER BY user_id",
            )
            .bind(ticket_id)
            .fetch_all(&mut *conn)
            .await?,
        )
    }

    pub async fn insert_notification(
        conn: &mut AnyConnection,
        n: &NewNotification<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO notifications (user_id, ticket_id, kind, subject, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(n.user_id)
        .bind(n.ticket_id)
        .bind(n.kind)
        .bind(&n.subject)
        .bind(&n.body)
        .bind(to_ms(now))
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    /// A person's notifications, newest first.
    pub async fn notifications(
        &self,
        user_id: i64,
        unread_only: bool,
        limit: i64,
    ) -> Result<Vec<Notification>, AppError> {
        let rows = sqlx::query(
            "SELECT id, ticket_id, kind, subject, body, created_at, read_at FROM notifications \
             WHERE user_id = $1 AND (read_at IS NULL OR NOT $2) ORDER BY id DESC LIMIT $3",
        )
        .bind(user_id)
        .bind(unread_only)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let ticket: Option<i64> = r.try_get("ticket_id")?;
                let read_at: Option<i64> = r.try_get("read_at")?;
                Ok(Notification {
                    id: r.try_get("id")?,
                    ticket: ticket.map(TicketNumber::from_id),
                    kind: r.try_get("kind")?,
                    subject: r.try_get("subject")?,
                    body: r.try_get("body")?,
                    at: from_ms(r.try_get("created_at")?),
                    read: read_at.is_some(),
                })
            })
            .collect()
    }

    pub async fn unread_count(&self, user_id: i64) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Marks one (or, without `id`, every) notification of a person read.
    pub async fn mark_read(
        &self,
        user_id: i64,
        id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<u64, AppError> {
        let done = sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL \
             AND ($3 IS NULL OR id = $3)",
        )
        .bind(to_ms(now))
        .bind(user_id)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
    // ---- email outbox and preferences ---------------------------------------------------------

    /// People to tell, with their preferences (defaults when they never set any).
    pub async fn recipients(
        conn: &mut AnyConnection,
        ids: &[i64],
    ) -> Result<Vec<Recipient>, AppError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = Sql::new(
            "SELECT u.id, u.email, u.name, u.role, u.language, u.time_zone, p.muted, p.email AS wants_email, p.digest \
             FROM users u LEFT JOIN notification_prefs p ON p.user_id = u.id \
             WHERE u.deactivated_at IS NULL AND u.id IN (",
        );
        let mut list = q.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        q.push(")");
        let rows = q.build().fetch_all(&mut *conn).await?;
        rows.iter()
            .map(|r| {
                Ok(Recipient {
                    id: r.try_get("id")?,
                    email: r.try_get("email")?,
                    name: r.try_get("name")?,
                    role: decode(r.try_get("role")?)?,
                    prefs: prefs_from_row(r)?,
                    language: r
                        .try_get::<Option<String>, _>("language")?
                        .and_then(|l| crate::i18n::Lang::parse(&l)),
                    time_zone: r.try_get("time_zone")?,
                })
            })
            .collect()
    }

    pub async fn preferences(&self, user_id: i64) -> Result<Preferences, AppError> {
        let row = sqlx::query(
            "SELECT muted, email AS wants_email, digest FROM notification_prefs WHERE user_id = $1",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(r) => prefs_from_row(&r),
            None => Ok(Preferences::default()),
        }
    }

    pub async fn set_preferences(&self, user_id: i64, p: &Preferences) -> Result<(), AppError> {
        let muted: Vec<&str> = p.muted.iter().map(|k| k.as_str()).collect();
        sqlx::query(
            "INSERT INTO notification_prefs (user_id, muted, email, digest) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id) DO UPDATE SET muted = excluded.muted, email = excluded.email, digest = excluded.digest",
        )
        .bind(user_id)
        .bind(muted.join(","))
        .bind(p.email)
        .bind(p.digest.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn insert_outbox(
        conn: &mut AnyConnection,
        m: &OutboxRow,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO outbox (user_id, ticket_id, to_email, subject, text_body, html_body, digest, created_at, \
             next_attempt_at, status, last_error, link_kind, link_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(m.user_id)
        .bind(m.ticket_id)
        .bind(&m.to_email)
        .bind(&m.subject)
        .bind(&m.text_body)
        .bind(&m.html_body)
        .bind(m.digest)
        .bind(to_ms(now))
        .bind(to_ms(m.next_attempt_at))
        .bind(if m.held.is_some() { "held" } else { "pending" })
        .bind(&m.held)
        .bind(m.link.map(|(kind, _)| kind))
        .bind(m.link.map(|(_, id)| id))
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    /// Messages due for sending, oldest first.
    pub async fn due_mail(&self, now: DateTime<Utc>, limit: i64) -> Result<Vec<Mail>, AppError> {
        let rows = sqlx::query(
            "SELECT id, user_id, ticket_id, to_email, subject, text_body, html_body, digest, attempts, link_kind, link_id FROM outbox \
             WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
        )
        .bind(to_ms(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Mail {
                    id: r.try_get("id")?,
                    user_id: r.try_get("user_id")?,
                    ticket_id: r.try_get("ticket_id")?,
                    to_email: r.try_get("to_email")?,
                    subject: r.try_get("subject")?,
                    text_body: r.try_get("text_body")?,
                    html_body: r.try_get("html_body")?,
                    digest: flag(r, "digest")?,
                    attempts: r.try_get("attempts")?,
                    link: match (
                        r.try_get::<Option<String>, _>("link_kind")?,
                        r.try_get::<Option<i64>, _>("link_id")?,
                    ) {
                        (Some(kind), Some(id)) => Some((kind, id)),
                        _ => None,
                    },
                })
            })
            .collect()
    }

    /// Takes a message for sending: pushes its next attempt past `lease_until` so no other worker
    /// sends it meanwhile. False when another worker has it or it went out already.
    pub async fn claim_mail(
        &self,
        id: i64,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND status = 'pending' AND next_attempt_at <= $3",
        )
        .bind(to_ms(lease_until))
        .bind(id)
        .bind(to_ms(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn mail_sent(&self, ids: &[i64], now: DateTime<Utc>) -> Result<(), AppError> {
        for id in ids {
            sqlx::query(
                "UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2",
            )
            .bind(to_ms(now))
            .bind(id)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    /// Records a failed attempt: tried again at `retry_at`, or given up on (`None`).
    pub async fn mail_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $1, \
             status = CASE WHEN $2 IS NULL THEN 'failed' ELSE status END, \
             next_attempt_at = COALESCE($2, next_attempt_at) WHERE id = $3",
        )
        .bind(error)
        .bind(retry_at.map(to_ms))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// How many messages are in each state, with the latest reason for those not sent.
    pub async fn outbox_summary(&self) -> Result<Vec<(String, i64, Option<String>)>, AppError> {
        let rows = sqlx::query(
            "SELECT status, COUNT(*) AS n, MAX(last_error) AS why FROM outbox GROUP BY status ORDER BY status",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("status")?, r.try_get("n")?, r.try_get("why")?)))
            .collect()
    }
}

/// A person to tell, with how they want to be told.
#[derive(Clone, Debug)]
pub struct Recipient {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub prefs: Preferences,
    pub language: Option<crate::i18n::Lang>,
    pub time_zone: Option<String>,
}

impl Recipient {
    /// The language and zone their mail is written in: their own, else the desk's.
    pub fn locale(&self, settings: &crate::server::state::Settings) -> crate::i18n::Locale {
        crate::i18n::Locale::new(
            self.language.unwrap_or(settings.default_language),
            self.time_zone
                .as_deref()
                .and_then(crate::i18n::parse_zone)
                .unwrap_or(settings.time_zone),
        )
    }

    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }
}

/// An email to queue.
pub struct OutboxRow {
    pub user_id: i64,
    pub ticket_id: Option<i64>,
    pub to_email: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub digest: bool,
    pub next_attempt_at: DateTime<Utc>,
    /// Why it is not to be sent (no SMTP server configured).
    pub held: Option<String>,
    /// The private link (`tracking`, `verify` or `reset`, and its id) whose address is minted into
    /// the bodies' `LINK_SLOT` when the message is sent.
    pub link: Option<(&'static str, i64)>,
}

/// A queued email the worker sends.
#[derive(Clone, Debug)]
pub struct Mail {
    pub id: i64,
    pub user_id: i64,
    /// The ticket it is about, when it is: the mail threads under it and replies find it.
    pub ticket_id: Option<i64>,
    pub to_email: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub digest: bool,
    pub attempts: i64,
    pub link: Option<(String, i64)>,
}

pub(super) fn prefs_from_row(r: &AnyRow) -> Result<Preferences, AppError> {
    let muted: Option<String> = r.try_get("muted")?;
    let email = match r.try_get::<Option<i64>, _>("wants_email") {
        Ok(v) => v.map(|v| v != 0),
        Err(_) => r.try_get::<Option<bool>, _>("wants_email")?,
    };
    let digest: Option<String> = r.try_get("digest")?;
    Ok(Preferences {
        // Kinds no longer known are ignored rather than failing a whole delivery.
        muted: muted
            .unwrap_or_default()
            .split(',')
            .filter_map(|k| k.trim().parse().ok())
            .collect(),
        email: email.unwrap_or(true),
        digest: digest
            .as_deref()
            .map(decode)
            .transpose()?
            .unwrap_or(Digest::Off),
    })
}

/// A notification to write.
pub struct NewNotification<'a> {
    pub user_id: i64,
    pub ticket_id: Option<i64>,
    pub kind: &'a str,
    pub subject: String,
    pub body: String,
}
