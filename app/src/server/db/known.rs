//! Known issues: tickets announced to requesters with a public notice, and who they affect (part
//! of the one persistence module).

use super::{from_ms, to_ms, AnyConnection, Db};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::Row;

/// An announced ticket that is still open, as a reader sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct KnownRow {
    /// The announcement's own id, which requesters name it by.
    pub id: i64,
    pub ticket_id: i64,
    pub notice: String,
    pub since: DateTime<Utc>,
    /// People with a ticket about it: the announced ticket's requester, its children's (not
    /// cancelled ones), and those whose requests were merged into one of these.
    pub affected: i64,
    /// The reader's own ticket about it, when there is one: the announced one, a child, or
    /// their request merged into one of these (whose number leads to where it was merged).
    pub mine: Option<i64>,
}

/// The open children of the announced ticket `k.ticket_id`: with it, the tickets about the issue.
macro_rules! known_children {
    () => {
        "SELECT c.id FROM ticket_links l JOIN tickets c ON c.id = l.ticket_id \
         WHERE l.other_id = k.ticket_id AND l.kind = 'child_of' AND c.status <> 'cancelled'"
    };
}

/// Open announced tickets, with the number of people affected and the reader's own ticket
/// (`$1`: the reader's id).
const KNOWN_SELECT: &str = concat!(
    "SELECT k.id, k.ticket_id, k.notice, k.created_at, \
     (SELECT COUNT(DISTINCT a.requester_id) FROM tickets a WHERE a.id = k.ticket_id OR a.id IN (",
    known_children!(),
    ") OR a.merged_into = k.ticket_id OR a.merged_into IN (",
    known_children!(),
    ")) AS affected, \
     CASE WHEN t.requester_id = $1 THEN t.id ELSE COALESCE( \
       (SELECT MIN(o.id) FROM tickets o WHERE o.requester_id = $1 AND o.id IN (",
    known_children!(),
    ")), (SELECT MIN(m.id) FROM tickets m WHERE m.requester_id = $1 \
       AND (m.merged_into = k.ticket_id OR m.merged_into IN (",
    known_children!(),
    ")))) END AS mine \
     FROM known_issues k JOIN tickets t ON t.id = k.ticket_id \
     WHERE t.status IN ('new', 'assigned', 'in_progress', 'waiting')"
);

fn known_from_row(r: &AnyRow) -> Result<KnownRow, AppError> {
    Ok(KnownRow {
        id: r.try_get("id")?,
        ticket_id: r.try_get("ticket_id")?,
        notice: r.try_get("notice")?,
        since: from_ms(r.try_get("created_at")?),
        affected: r.try_get("affected")?,
        mine: r.try_get("mine")?,
    })
}

impl Db {
    /// The known issues whose tickets are open, the newest first, for the reader `viewer_id`.
    pub async fn known_issues(&self, viewer_id: i64) -> Result<Vec<KnownRow>, AppError> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{KNOWN_SELECT} ORDER BY k.created_at DESC, k.ticket_id DESC"
        )))
        .bind(viewer_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(known_from_row).collect()
    }

    /// The known issue `id` while its ticket is open, for the reader `viewer_id`.
    pub async fn known_issue(
        conn: &mut AnyConnection,
        id: i64,
        viewer_id: i64,
    ) -> Result<Option<KnownRow>, AppError> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!("{KNOWN_SELECT} AND k.id = $2")))
            .bind(viewer_id)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        row.as_ref().map(known_from_row).transpose()
    }

    /// The notice a ticket is announced with, open or not.
    pub async fn known_notice(
        conn: &mut AnyConnection,
        ticket_id: i64,
    ) -> Result<Option<String>, AppError> {
        Ok(
            sqlx::query_scalar("SELECT notice FROM known_issues WHERE ticket_id = $1")
                .bind(ticket_id)
                .fetch_optional(&mut *conn)
                .await?,
        )
    }

    /// Announces a ticket as a known issue, or changes its notice.
    pub async fn set_known_issue(
        conn: &mut AnyConnection,
        ticket_id: i64,
        notice: &str,
        by: i64,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO known_issues (ticket_id, notice, created_by, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (ticket_id) DO UPDATE SET notice = excluded.notice",
        )
        .bind(ticket_id)
        .bind(notice)
        .bind(by)
        .bind(to_ms(now))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    /// Takes a ticket's announcement down; `false` when it had none.
    pub async fn delete_known_issue(
        conn: &mut AnyConnection,
        ticket_id: i64,
    ) -> Result<bool, AppError> {
        let done = sqlx::query("DELETE FROM known_issues WHERE ticket_id = $1")
            .bind(ticket_id)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
