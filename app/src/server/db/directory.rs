//! Persistence of sign-in with the company directory (part of the one persistence module):
//! accounts linked to a directory entry, sync runs claimed once across processes, and what each
//! directory did to accounts.

use super::{from_ms, to_ms, user_from_row, Db};
use crate::domain::{Role, User};
use crate::error::AppError;
use crate::server::directory::{Change, SyncRun};
use chrono::{DateTime, Utc};
use sqlx::{AnyConnection, Row};

const USER_COLUMNS: &str = "id, email, name, role, language, time_zone, deactivated_at, directory";

impl Db {
    /// The account linked to a directory entry, and whether it is active.
    pub async fn directory_account(
        conn: &mut AnyConnection,
        directory: &str,
        directory_id: &str,
    ) -> Result<Option<(User, bool)>, AppError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users WHERE directory = $1 AND directory_id = $2"
        )))
        .bind(directory)
        .bind(directory_id)
        .fetch_optional(&mut *conn)
        .await?;
        row.map(|r| {
            Ok((
                user_from_row(&r)?,
                r.try_get::<Option<i64>, _>("deactivated_at")?.is_none(),
            ))
        })
        .transpose()
    }

    /// The account with an address: the person, whether active, and the directory it is linked
    /// to (if any).
    pub async fn account_by_email(
        conn: &mut AnyConnection,
        email: &str,
    ) -> Result<Option<(User, bool, Option<String>)>, AppError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {USER_COLUMNS} FROM users WHERE email = $1"
        )))
        .bind(email)
        .fetch_optional(&mut *conn)
        .await?;
        row.map(|r| {
            Ok((
                user_from_row(&r)?,
                r.try_get::<Option<i64>, _>("deactivated_at")?.is_none(),
                r.try_get("directory")?,
            ))
        })
        .transpose()
    }

    /// Links an account to a directory entry; its address counts as proven from then on.
    pub async fn link_directory(
        conn: &mut AnyConnection,
        user_id: i64,
        directory: &str,
        directory_id: &str,
    ) -> Result<(), AppError> {
        sqlx::query(
            "UPDATE users SET directory = $1, directory_id = $2, \
             email_verified_at = COALESCE(email_verified_at, created_at) WHERE id = $3",
        )
        .bind(directory)
        .bind(directory_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// An account made from a directory entry: proven, without a Switchboard password.
    pub async fn insert_directory_user(
        conn: &mut AnyConnection,
        email: &str,
        name: &str,
        role: Role,
        directory: &str,
        directory_id: &str,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar(
            "INSERT INTO users (email, name, role, created_at, email_verified_at, directory, directory_id) \
             VALUES ($1, $2, $3, $4, $4, $5, $6) RETURNING id",
        )
        .bind(email)
        .bind(name)
        .bind(role.as_str())
        .bind(to_ms(now))
        .bind(directory)
        .bind(directory_id)
        .fetch_one(&mut *conn)
        .await?)
    }

    /// Takes a linked account's name and address from the directory; the address only when no
    /// other account has it. Answers whether the address was taken too.
    pub async fn rename_from_directory(
        conn: &mut AnyConnection,
        user_id: i64,
        name: &str,
        email: &str,
    ) -> Result<bool, AppError> {
        sqlx::query("UPDATE users SET name = $1 WHERE id = $2")
            .bind(name)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        let moved = sqlx::query(
            "UPDATE users SET email = $1 WHERE id = $2 \
             AND NOT EXISTS (SELECT 1 FROM users other WHERE other.email = $1 AND other.id <> $2)",
        )
        .bind(email)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
        Ok(moved.rows_affected() > 0)
    }

    pub async fn insert_directory_change(
        conn: &mut AnyConnection,
        directory: &str,
        user_id: i64,
        action: &str,
        detail: &str,
        sync_id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO directory_changes (directory, user_id, action, detail, sync_id, at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(directory)
        .bind(user_id)
        .bind(action)
        .bind(detail)
        .bind(sync_id)
        .bind(to_ms(now))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Active accounts linked to a directory: id, directory id and role.
    pub async fn directory_accounts(
        &self,
        directory: &str,
    ) -> Result<Vec<(i64, String, Role)>, AppError> {
        let rows = sqlx::query(
            "SELECT id, directory_id, role FROM users \
             WHERE directory = $1 AND deactivated_at IS NULL ORDER BY id",
        )
        .bind(directory)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("id")?,
                    r.try_get("directory_id")?,
                    super::decode::<Role>(r.try_get("role")?)?,
                ))
            })
            .collect()
    }

    /// Starts a sync run unless `claim` was taken before (by this or another process).
    pub async fn claim_directory_sync(
        &self,
        directory: &str,
        claim: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, AppError> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO directory_syncs (directory, claim, started_at) VALUES ($1, $2, $3) \
             ON CONFLICT (claim) DO NOTHING RETURNING id",
        )
        .bind(directory)
        .bind(claim)
        .bind(to_ms(now))
        .fetch_optional(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn finish_directory_sync(
        &self,
        id: i64,
        outcome: &str,
        detail: &str,
        seen: i64,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "UPDATE directory_syncs SET outcome = $1, detail = $2, seen = $3, finished_at = $4 \
             WHERE id = $5",
        )
        .bind(outcome)
        .bind(detail)
        .bind(seen)
        .bind(to_ms(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The newest sync run of a directory.
    pub async fn last_directory_sync(&self, directory: &str) -> Result<Option<SyncRun>, AppError> {
        let row = sqlx::query(
            "SELECT started_at, finished_at, outcome, detail, seen FROM directory_syncs \
             WHERE directory = $1 ORDER BY id DESC LIMIT 1",
        )
        .bind(directory)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(SyncRun {
                started_at: from_ms(r.try_get("started_at")?),
                finished_at: r.try_get::<Option<i64>, _>("finished_at")?.map(from_ms),
                outcome: r.try_get("outcome")?,
                detail: r.try_get("detail")?,
                seen: r.try_get("seen")?,
            })
        })
        .transpose()
    }

    /// The newest things directories did to accounts, newest first.
    pub async fn directory_changes(&self, limit: i64) -> Result<Vec<Change>, AppError> {
        let rows = sqlx::query(
            "SELECT c.at, u.email, u.name, c.action, c.detail FROM directory_changes c \
             JOIN users u ON u.id = c.user_id ORDER BY c.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Change {
                    at: from_ms(r.try_get("at")?),
                    email: r.try_get("email")?,
                    name: r.try_get("name")?,
                    action: r.try_get("action")?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect()
    }
}
