//! Persistence of links between tickets: parent and child, related, duplicate, merges (part of
//! the one persistence module).

use super::{decode, flag, to_ms, Backend, Db};
use crate::domain::coordination::{LinkedTicket, TicketLinks};
use crate::domain::TicketNumber;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

pub(super) fn linked(r: &AnyRow) -> Result<LinkedTicket, AppError> {
    Ok(LinkedTicket {
        number: TicketNumber::from_id(r.try_get("tid")?),
        title: r.try_get("title")?,
        status: decode(r.try_get("status")?)?,
    })
}

impl Db {
    pub async fn links(conn: &mut AnyConnection, ticket_id: i64) -> Result<TicketLinks, AppError> {
        let rows = sqlx::query(
            "SELECT l.kind, l.ticket_id = $1 AS mine, t.id AS tid, t.title, t.status FROM ticket_links l \
             JOIN tickets t ON t.id = CASE WHEN l.ticket_id = $1 THEN l.other_id ELSE l.ticket_id END \
             WHERE l.ticket_id = $1 OR l.other_id = $1 ORDER BY t.id",
        )
        .bind(ticket_id)
        .fetch_all(&mut *conn)
        .await?;
        let mut links = TicketLinks::default();
        for r in &rows {
            let other = linked(r)?;
            let mine = flag(r, "mine")?;
            match (r.try_get::<&str, _>("kind")?, mine) {
                ("child_of", true) => links.parent = Some(other),
                ("child_of", false) => links.children.push(other),
                _ => links.related.push(other),
            }
        }
        links.merged = sqlx::query(
            "SELECT id AS tid, title, status FROM tickets WHERE merged_into = $1 ORDER BY id",
        )
        .bind(ticket_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(linked)
        .collect::<Result<_, _>>()?;
        Ok(links)
    }

    /// Links two tickets (`child_of`: `ticket_id` becomes a child of `other_id`; `related`).
    pub async fn insert_link(
        conn: &mut AnyConnection,
        ticket_id: i64,
        other_id: i64,
        kind: &str,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let (a, b) = if kind == "related" {
            (ticket_id.min(other_id), ticket_id.max(other_id))
        } else {
            (ticket_id, other_id)
        };
        let exists: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM ticket_links WHERE (ticket_id = $1 AND other_id = $2) OR (ticket_id = $2 AND other_id = $1)",
        )
        .bind(a)
        .bind(b)
        .fetch_one(&mut *conn)
        .await?;
        if exists > 0 {
            return Err(AppError::field("other", "err-already-linked"));
        }
        let result = sqlx::query(
            "INSERT INTO ticket_links (ticket_id, other_id, kind, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(a)
        .bind(b)
        .bind(kind)
        .bind(actor_id)
        .bind(to_ms(now))
        .execute(&mut *conn)
        .await;
        match result {
            Ok(_) => Ok(()),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(AppError::field("other", "err-has-parent"))
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn delete_link(conn: &mut AnyConnection, a: i64, b: i64) -> Result<bool, AppError> {
        let done = sqlx::query(
            "DELETE FROM ticket_links WHERE (ticket_id = $1 AND other_id = $2) OR (ticket_id = $2 AND other_id = $1)",
        )
        .bind(a)
        .bind(b)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Whether `ancestor` is `ticket_id` or one of its parents, up the chain.
    pub async fn is_ancestor(
        conn: &mut AnyConnection,
        ancestor: i64,
        ticket_id: i64,
    ) -> Result<bool, AppError> {
        let n: i64 = sqlx::query_scalar(
            "WITH RECURSIVE up(id) AS (SELECT $2 UNION SELECT l.other_id FROM ticket_links l JOIN up ON l.ticket_id = up.id \
             WHERE l.kind = 'child_of') SELECT COUNT(*) FROM up WHERE id = $1",
        )
        .bind(ancestor)
        .bind(ticket_id)
        .fetch_one(&mut *conn)
        .await?;
        Ok(n > 0)
    }

    pub async fn children_ids(
        conn: &mut AnyConnection,
        parent_id: i64,
    ) -> Result<Vec<i64>, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT ticket_id FROM ticket_links WHERE other_id = $1 AND kind = 'child_of' ORDER BY ticket_id",
        )
        .bind(parent_id)
        .fetch_all(&mut *conn)
        .await?)
    }

    /// Moves a duplicate's notes, watchers (its requester among them), work orders and links to
    /// the surviving ticket and marks the duplicate as merged into it. The search index of the
    /// survivor takes the moved notes.
    pub async fn merge_into(
        conn: &mut AnyConnection,
        backend: Backend,
        duplicate: i64,
        survivor: i64,
    ) -> Result<(), AppError> {
        let search = match backend {
            Backend::Sqlite => {
                "UPDATE ticket_search SET \
                   public_notes = public_notes || ' ' || (SELECT public_notes FROM ticket_search WHERE rowid = $1), \
                   internal_notes = internal_notes || ' ' || (SELECT internal_notes FROM ticket_search WHERE rowid = $1) \
                 WHERE rowid = $2"
            }
            Backend::Postgres => {
                "UPDATE ticket_search SET \
                   public_notes = public_notes || ' ' || (SELECT public_notes FROM ticket_search WHERE ticket_id = $1), \
                   internal_notes = internal_notes || ' ' || (SELECT internal_notes FROM ticket_search WHERE ticket_id = $1) \
                 WHERE ticket_id = $2"
            }
        };
        let statements: [&str; 11] = [
            search,
            "UPDATE notes SET ticket_id = $2 WHERE ticket_id = $1",
            "INSERT INTO watchers (ticket_id, user_id) SELECT $2, user_id FROM watchers WHERE ticket_id = $1 \
             ON CONFLICT DO NOTHING",
            "INSERT INTO watchers (ticket_id, user_id) SELECT $2, requester_id FROM tickets WHERE id = $1 \
             AND requester_id <> (SELECT requester_id FROM tickets WHERE id = $2) ON CONFLICT DO NOTHING",
            "INSERT INTO work_order_tickets (work_order_id, ticket_id) SELECT work_order_id, $2 FROM work_order_tickets \
             WHERE ticket_id = $1 ON CONFLICT DO NOTHING",
            // Children of the duplicate become children of the survivor; its related links follow
            // it (unless the survivor has that link already).
            "UPDATE ticket_links SET other_id = $2 WHERE other_id = $1 AND ticket_id <> $2 \
             AND NOT EXISTS (SELECT 1 FROM ticket_links x WHERE (x.ticket_id = ticket_links.ticket_id AND x.other_id = $2) \
               OR (x.ticket_id = $2 AND x.other_id = ticket_links.ticket_id))",
            "UPDATE ticket_links SET ticket_id = $2 WHERE ticket_id = $1 AND other_id <> $2 AND kind = 'related' \
             AND NOT EXISTS (SELECT 1 FROM ticket_links x WHERE (x.ticket_id = $2 AND x.other_id = ticket_links.other_id) \
               OR (x.ticket_id = ticket_links.other_id AND x.other_id = $2))",
            "DELETE FROM ticket_links WHERE ticket_id = $1 OR other_id = $1",
            "DELETE FROM work_order_tickets WHERE ticket_id = $1",
            "UPDATE tickets SET merged_into = $2 WHERE id = $1",
            "UPDATE tickets SET merged_into = $2 WHERE merged_into = $1",
        ];
        for sql in statements {
            sqlx::query(sql)
                .bind(duplicate)
                .bind(survivor)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }
}
