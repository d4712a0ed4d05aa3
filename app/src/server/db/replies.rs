//! Canned replies: personal ones (an owner) and shared ones (no owner), one row per shortcut and
//! language.

use super::{to_ms, AnyConnection, Db};
use crate::domain::replies::{CannedReply, ValidReply};
use crate::error::AppError;
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;

/// A stored reply and whose it is.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplyRow {
    pub reply: CannedReply,
    /// `None`: shared.
    pub owner: Option<i64>,
}

const REPLY_SELECT: &str =
    "SELECT id, owner_id, shortcut, language, body, version FROM canned_replies";

fn reply_from_row(r: &AnyRow, reader: i64, coordinates: bool) -> Result<ReplyRow, AppError> {
    let owner: Option<i64> = r.try_get("owner_id")?;
    let language: String = r.try_get("language")?;
    Ok(ReplyRow {
        reply: CannedReply {
            id: r.try_get("id")?,
            shortcut: r.try_get("shortcut")?,
            language: Lang::parse(&language).unwrap_or_default(),
            body: r.try_get("body")?,
            shared: owner.is_none(),
            editable: match owner {
                Some(o) => o == reader,
                None => coordinates,
            },
            version: r.try_get("version")?,
        },
        owner,
    })
}

impl Db {
    /// `reader`'s own replies and the shared ones, by shortcut and language.
    pub async fn canned_replies(
        &self,
        reader: i64,
        coordinates: bool,
    ) -> Result<Vec<ReplyRow>, AppError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{REPLY_SELECT} WHERE owner_id IS NULL OR owner_id = $1 \
             ORDER BY shortcut, owner_id IS NULL, language"
        )))
        .bind(reader)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| reply_from_row(r, reader, coordinates))
            .collect()
    }

    pub async fn canned_reply(
        conn: &mut AnyConnection,
        id: i64,
        reader: i64,
        coordinates: bool,
    ) -> Result<Option<ReplyRow>, AppError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{REPLY_SELECT} WHERE id = $1")))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        row.map(|r| reply_from_row(&r, reader, coordinates))
            .transpose()
    }

    /// The reply with this owner, shortcut and language other than `except`, if one exists.
    pub async fn canned_reply_taken(
        conn: &mut AnyConnection,
        owner: Option<i64>,
        shortcut: &str,
        language: Lang,
        except: Option<i64>,
    ) -> Result<bool, AppError> {
        let row = sqlx::query(
            "SELECT id FROM canned_replies WHERE COALESCE(owner_id, 0) = $1 AND shortcut = $2 \
             AND language = $3 AND id <> $4",
        )
        .bind(owner.unwrap_or(0))
        .bind(shortcut)
        .bind(language.code())
        .bind(except.unwrap_or(0))
        .fetch_optional(&mut *conn)
        .await?;
        Ok(row.is_some())
    }

    /// How many replies one owner keeps (`None`: the shared ones).
    pub async fn canned_reply_count(
        conn: &mut AnyConnection,
        owner: Option<i64>,
    ) -> Result<i64, AppError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM canned_replies WHERE COALESCE(owner_id, 0) = $1",
        )
        .bind(owner.unwrap_or(0))
        .fetch_one(&mut *conn)
        .await?;
        Ok(n)
    }

    pub async fn insert_canned_reply(
        conn: &mut AnyConnection,
        reply: &ValidReply,
        owner: Option<i64>,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let row = sqlx::query(
            "INSERT INTO canned_replies (owner_id, shortcut, language, body, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(owner)
        .bind(&reply.shortcut)
        .bind(reply.language.code())
        .bind(&reply.body)
        .bind(by)
        .bind(to_ms(now))
        .fetch_one(&mut *conn)
        .await?;
        Ok(row.try_get("id")?)
    }

    /// Changes a reply at `version`; `false` when it changed meanwhile (or is gone).
    pub async fn update_canned_reply(
        conn: &mut AnyConnection,
        id: i64,
        version: i64,
        reply: &ValidReply,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE canned_replies SET shortcut = $1, language = $2, body = $3, updated_by = $4, \
             updated_at = $5, version = version + 1 WHERE id = $6 AND version = $7",
        )
        .bind(&reply.shortcut)
        .bind(reply.language.code())
        .bind(&reply.body)
        .bind(by)
        .bind(to_ms(now))
        .bind(id)
        .bind(version)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn delete_canned_reply(conn: &mut AnyConnection, id: i64) -> Result<(), AppError> {
        sqlx::query("DELETE FROM canned_replies WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }
}
