//! Attached files: their rows, and their bytes stored once per content.

use super::{from_ms, to_ms, AnyConnection, Db};
use crate::domain::PersonRef;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use futures_util::TryStreamExt;
use sqlx::Row;

/// One stored file's row (never its bytes).
#[derive(Clone, Debug)]
pub struct AttachmentRow {
    pub id: i64,
    pub public_id: String,
    pub ticket_id: i64,
    pub note_id: Option<i64>,
    pub uploader_id: i64,
    pub uploader: PersonRef,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub internal: bool,
    pub created_at: DateTime<Utc>,
}

/// A file to store on a ticket.
pub struct NewAttachment<'a> {
    pub public_id: &'a str,
    pub ticket_id: i64,
    pub note_id: Option<i64>,
    pub uploader_id: i64,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub sha256: &'a str,
    pub bytes: &'a [u8],
    pub internal: bool,
}

const SELECT: &str = "SELECT a.id, a.public_id, a.ticket_id, a.note_id, a.uploader_id, a.file_name, \
     a.media_type, a.size, a.sha256, a.internal, a.created_at, u.email AS u_email, u.name AS u_name \
     FROM attachments a JOIN users u ON u.id = a.uploader_id";

fn read(r: &sqlx::any::AnyRow) -> Result<AttachmentRow, AppError> {
    Ok(AttachmentRow {
        id: r.try_get("id")?,
        public_id: r.try_get("public_id")?,
        ticket_id: r.try_get("ticket_id")?,
        note_id: r.try_get("note_id")?,
        uploader_id: r.try_get("uploader_id")?,
        uploader: PersonRef {
            email: r.try_get("u_email")?,
            name: r.try_get("u_name")?,
        },
        file_name: r.try_get("file_name")?,
        media_type: r.try_get("media_type")?,
        size: r.try_get("size")?,
        sha256: r.try_get("sha256")?,
        internal: super::flag(r, "internal")?,
        created_at: from_ms(r.try_get("created_at")?),
    })
}

/// The largest piece of a file stored in one row.
const CHUNK_BYTES: usize = 1 << 20;

impl Db {
    /// Stores a file on a ticket; its bytes are written only when no file with the same content
    /// is stored yet.
    pub async fn insert_attachment(
        conn: &mut AnyConnection,
        file: &NewAttachment<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let new = sqlx::query(
            "INSERT INTO attachment_blobs (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(file.sha256)
        .bind(file.bytes.len() as i64)
        .execute(&mut *conn)
        .await?
        .rows_affected()
            > 0;
        if new {
            // Piece by piece: the driver copies each bound value (twice for SQLite), so a whole
            // large file bound at once would be held several times over.
            for (seq, piece) in file.bytes.chunks(CHUNK_BYTES).enumerate() {
                sqlx::query(
                    "INSERT INTO attachment_chunks (sha256, seq, bytes) VALUES ($1, $2, $3)",
                )
                .bind(file.sha256)
                .bind(seq as i64)
                .bind(piece)
                .execute(&mut *conn)
                .await?;
            }
        }
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO attachments (public_id, ticket_id, note_id, uploader_id, file_name, media_type, \
             size, sha256, internal, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(file.public_id)
        .bind(file.ticket_id)
        .bind(file.note_id)
        .bind(file.uploader_id)
        .bind(file.file_name)
        .bind(file.media_type)
        .bind(file.bytes.len() as i64)
        .bind(file.sha256)
        .bind(file.internal)
        .bind(to_ms(now))
        .fetch_one(&mut *conn)
        .await?)
    }

    /// A ticket's files that are not removed, oldest first; internal ones only when asked.
    pub async fn attachments(
        &self,
        ticket_id: i64,
        include_internal: bool,
    ) -> Result<Vec<AttachmentRow>, AppError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE a.ticket_id = $1 AND a.removed_at IS NULL AND (NOT a.internal OR $2) ORDER BY a.id"
        )))
        .bind(ticket_id)
        .bind(include_internal)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(read).collect()
    }

    /// A file that is not removed, by the id in its URL.
    pub async fn attachment(&self, public_id: &str) -> Result<Option<AttachmentRow>, AppError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{SELECT} WHERE a.public_id = $1 AND a.removed_at IS NULL"
        )))
        .bind(public_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(read).transpose()
    }

    /// The bytes of a stored content, read piece by piece.
    pub async fn attachment_bytes(&self, sha256: &str) -> Result<Option<Vec<u8>>, AppError> {
        let mut conn = self.conn().await?;
        let Some(size) =
            sqlx::query_scalar::<_, i64>("SELECT size FROM attachment_blobs WHERE sha256 = $1")
                .bind(sha256)
                .fetch_optional(&mut *conn)
                .await?
        else {
            return Ok(None);
        };
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or_default());
        let mut pieces = sqlx::query_scalar::<_, Vec<u8>>(
            "SELECT bytes FROM attachment_chunks WHERE sha256 = $1 ORDER BY seq",
        )
        .bind(sha256)
        .fetch(&mut *conn);
        while let Some(piece) = pieces.try_next().await? {
            bytes.extend_from_slice(&piece);
        }
        Ok(Some(bytes))
    }

    /// How many bytes a ticket's files that are not removed hold together.
    pub async fn attachment_total(
        conn: &mut AnyConnection,
        ticket_id: i64,
    ) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar::<_, i64>(
            "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM attachments \
             WHERE ticket_id = $1 AND removed_at IS NULL",
        )
        .bind(ticket_id)
        .fetch_one(&mut *conn)
        .await?)
    }

    /// Marks a file removed by `by`; answers whether it was there to remove.
    pub async fn remove_attachment(
        conn: &mut AnyConnection,
        id: i64,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE attachments SET removed_at = $1, removed_by = $2 WHERE id = $3 AND removed_at IS NULL",
        )
        .bind(to_ms(now))
        .bind(by)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// How many files and distinct contents are stored (the benchmark and the dedup test).
    pub async fn attachment_counts(&self) -> Result<(i64, i64), AppError> {
        let files: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachments")
            .fetch_one(&self.pool)
            .await?;
        let blobs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachment_blobs")
            .fetch_one(&self.pool)
            .await?;
        Ok((files, blobs))
    }
}
