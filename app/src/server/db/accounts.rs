//! Persistence of what keeps accounts safe (part of the one persistence module): credentials,
//! sessions with an absolute lifetime, named expiring API tokens, deactivation, sign-in
//! throttling shared by every process, and one-time links for verification and resets.

use super::{from_ms, to_ms, user_from_row, Db};
use crate::domain::{ApiToken, User};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, Row};

/// What sign-in needs to know of an account.
pub struct Credentials {
    pub user: User,
    pub password_hash: Option<String>,
    pub verified: bool,
    pub active: bool,
    /// The directory the account is linked to: its password is the directory's, not ours.
    pub directory: Option<String>,
}

/// Why a one-time account link was sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkPurpose {
    /// Proves a self-registered person owns the address.
    Verify,
    /// Lets a person set a new password.
    Reset,
}

impl LinkPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Verify => "verify",
            LinkPurpose::Reset => "reset",
        }
    }
}

impl Db {
    /// The account and its password hash, for sign-in.
    pub async fn credentials(&self, email: &str) -> Result<Option<Credentials>, AppError> {
        let row = sqlx::query(
            "SELECT id, email, name, role, language, time_zone, password_hash, email_verified_at, deactivated_at, \
             directory FROM users WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(Credentials {
                user: user_from_row(&r)?,
                password_hash: r.try_get("password_hash")?,
                verified: r.try_get::<Option<i64>, _>("email_verified_at")?.is_some(),
                active: r.try_get::<Option<i64>, _>("deactivated_at")?.is_none(),
                directory: r.try_get("directory")?,
            })
        })
        .transpose()
    }

    /// Whether the person can sign in: a password (ours or their directory's), a proven address,
    /// not deactivated. Someone who
    /// cannot is told of their tickets the way people without an account are (a private link).
    pub async fn can_sign_in(conn: &mut AnyConnection, user_id: i64) -> Result<bool, AppError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM users WHERE id = $1 AND (password_hash IS NOT NULL OR directory IS NOT NULL) \
             AND email_verified_at IS NOT NULL AND deactivated_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
        Ok(n > 0)
    }

    pub async fn mark_verified(&self, user_id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
        sqlx::query(
            "UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email_verified_at IS NULL",
        )
        .bind(to_ms(now))
        .bind(user_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Switches an account off or on. Off ends its sessions and tokens at once (in this process;
    /// others within their session cache's few seconds) and takes a technician out of rotation.
    pub async fn set_deactivated(
        conn: &mut AnyConnection,
        user_id: i64,
        at: Option<DateTime<Utc>>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query("UPDATE users SET deactivated_at = $1 WHERE id = $2")
            .bind(at.map(to_ms))
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        if at.is_some() {
            sqlx::query("UPDATE users SET availability = $1 WHERE id = $2")
                .bind(crate::domain::Availability::Off.as_str())
                .bind(user_id)
                .execute(&mut *conn)
                .await?;
            // Mail queued before is not sent either.
            sqlx::query(
                "UPDATE outbox SET status = 'held', last_error = 'account deactivated' \
                 WHERE user_id = $1 AND status = 'pending'",
            )
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
            Self::end_access(conn, user_id).await?;
        }
        Ok(done.rows_affected() > 0)
    }

    /// Ends every session and API token of a person.
    pub async fn end_access(conn: &mut AnyConnection, user_id: i64) -> Result<(), AppError> {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Ids of deactivated accounts among all accounts.
    pub async fn deactivated_ids(&self) -> Result<Vec<i64>, AppError> {
        Ok(
            sqlx::query_scalar("SELECT id FROM users WHERE deactivated_at IS NOT NULL")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    // ---- API tokens --------------------------------------------------------------------------

    pub async fn insert_token(
        &self,
        token_hash: &str,
        user_id: i64,
        name: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO api_tokens (token_hash, user_id, name, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(name)
        .bind(to_ms(now))
        .bind(to_ms(expires_at))
        .fetch_one(&self.pool)
        .await?)
    }

    /// The owner of a live token (not expired, account active); notes its use at most once a
    /// minute so that reads stay reads.
    pub async fn token_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, AppError> {
        let row = sqlx::query(
            "SELECT u.id, u.email, u.name, u.role, u.language, u.time_zone, t.last_used_at FROM api_tokens t \
             JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.expires_at > $2 AND u.deactivated_at IS NULL",
        )
        .bind(token_hash)
        .bind(to_ms(now))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let last: Option<i64> = row.try_get("last_used_at")?;
        if last.is_none_or(|l| to_ms(now) - l > 60_000) {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE token_hash = $2")
                .bind(to_ms(now))
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
        }
        Ok(Some(user_from_row(&row)?))
    }

    /// A person's tokens, newest first (expired ones too, until they are revoked).
    pub async fn tokens_of(&self, user_id: i64) -> Result<Vec<ApiToken>, AppError> {
        let rows = sqlx::query(
            "SELECT id, name, created_at, expires_at, last_used_at FROM api_tokens \
             WHERE user_id = $1 ORDER BY id DESC",
        )
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiToken {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    created_at: from_ms(r.try_get("created_at")?),
                    expires_at: from_ms(r.try_get("expires_at")?),
                    last_used_at: r.try_get::<Option<i64>, _>("last_used_at")?.map(from_ms),
                })
            })
            .collect()
    }

    /// The owner of a token, by its id.
    pub async fn token_owner(&self, id: i64) -> Result<Option<i64>, AppError> {
        Ok(
            sqlx::query_scalar("SELECT user_id FROM api_tokens WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    pub async fn delete_token_by_id(&self, id: i64) -> Result<bool, AppError> {
        let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn delete_token(&self, token_hash: &str) -> Result<(), AppError> {
        sqlx::query("DELETE FROM api_tokens WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // ---- sign-in throttling --------------------------------------------------------------------

    /// Failures counted for `key` since `since`, and when the last one was.
    pub async fn sign_in_failures(
        &self,
        key: &str,
        since: DateTime<Utc>,
    ) -> Result<Option<(i64, DateTime<Utc>)>, AppError> {
        let row = sqlx::query(
            "SELECT failures, last_failed_at FROM sign_in_failures WHERE key = $1 AND last_failed_at > $2",
        )
        .bind(key)
        .bind(to_ms(since))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok((
                r.try_get("failures")?,
                from_ms(r.try_get("last_failed_at")?),
            ))
        })
        .transpose()
    }

    /// Counts one more failure for `key`; a count older than `since` starts again from one.
    pub async fn sign_in_failed(
        &self,
        key: &str,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO sign_in_failures (key, failures, last_failed_at) VALUES ($1, 1, $2) \
             ON CONFLICT (key) DO UPDATE SET \
             failures = CASE WHEN sign_in_failures.last_failed_at > $3 THEN sign_in_failures.failures + 1 ELSE 1 END, \
             last_failed_at = $2",
        )
        .bind(key)
        .bind(to_ms(now))
        .bind(to_ms(since))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn sign_in_succeeded(&self, key: &str) -> Result<(), AppError> {
        sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Forgets failures older than `before`, so the table holds only the current window.
    pub async fn prune_sign_in_failures(&self, before: DateTime<Utc>) -> Result<(), AppError> {
        sqlx::query("DELETE FROM sign_in_failures WHERE last_failed_at < $1")
            .bind(to_ms(before))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // ---- one-time account links ------------------------------------------------------------------

    /// Stores a link for `user_id` whose token is minted when its mail is sent; answers its id.
    pub async fn insert_account_link(
        conn: &mut AnyConnection,
        user_id: i64,
        purpose: LinkPurpose,
        placeholder_hash: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO account_links (token_hash, user_id, purpose, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(placeholder_hash)
        .bind(user_id)
        .bind(purpose.as_str())
        .bind(to_ms(now))
        .bind(to_ms(expires_at))
        .fetch_one(&mut *conn)
        .await?)
    }

    /// How many links of a purpose were made for a person since `since` (for throttling).
    pub async fn recent_account_links(
        &self,
        user_id: i64,
        purpose: LinkPurpose,
        since: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM account_links WHERE user_id = $1 AND purpose = $2 AND created_at > $3",
        )
        .bind(user_id)
        .bind(purpose.as_str())
        .bind(to_ms(since))
        .fetch_one(&self.pool)
        .await?)
    }

    /// Uses a live link once: answers its person, or `None` when it is unknown, used or expired.
    pub async fn use_account_link(
        conn: &mut AnyConnection,
        token_hash: &str,
        purpose: LinkPurpose,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, AppError> {
        Ok(sqlx::query_scalar(
            "UPDATE account_links SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 \
             AND used_at IS NULL AND expires_at > $1 RETURNING user_id",
        )
        .bind(to_ms(now))
        .bind(token_hash)
        .bind(purpose.as_str())
        .fetch_optional(&mut *conn)
        .await?)
    }

    /// Whether a live link of this purpose has this hash (a reset page checks before asking).
    pub async fn account_link_live(
        &self,
        token_hash: &str,
        purpose: LinkPurpose,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM account_links WHERE token_hash = $1 AND purpose = $2 \
             AND used_at IS NULL AND expires_at > $3",
        )
        .bind(token_hash)
        .bind(purpose.as_str())
        .bind(to_ms(now))
        .fetch_one(&self.pool)
        .await?;
        Ok(n > 0)
    }

    /// Gives a private link a fresh token when its mail is sent: the token travels only in the
    /// mail, the database keeps its hash. Answers false when the link is gone (revoked or used).
    pub async fn mint_link(&self, kind: &str, id: i64, token_hash: &str) -> Result<bool, AppError> {
        let sql = match kind {
            "tracking" => {
                "UPDATE tracking_links SET token_hash = $1 WHERE id = $2 AND revoked_at IS NULL"
            }
            _ => "UPDATE account_links SET token_hash = $1 WHERE id = $2 AND used_at IS NULL",
        };
        let done = sqlx::query(sql)
            .bind(token_hash)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Sets a new password and ends every session and token issued before it.
    pub async fn replace_password(
        conn: &mut AnyConnection,
        user_id: i64,
        hash: &str,
    ) -> Result<(), AppError> {
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        Self::end_access(conn, user_id).await
    }
}
