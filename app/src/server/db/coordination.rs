//! Persistence of projects, facility work orders and links between tickets (part of the one
//! persistence module: every statement here is SQL of `Db`).

use super::sql::Sql;
use super::{decode, flag, from_ms, ticket_from_row, to_ms, Backend, Db, TicketRow};
use crate::domain::coordination::{
    LinkedTicket, Project, TicketLinks, ValidProject, ValidWorkOrder, WorkOrder, WorkOrderStatus,
};
use crate::domain::{PersonRef, Status, TicketNumber};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

fn date(value: Option<String>) -> Option<NaiveDate> {
    value.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn linked(r: &AnyRow) -> Result<LinkedTicket, AppError> {
    Ok(LinkedTicket {
        number: TicketNumber::from_id(r.try_get("tid")?),
        title: r.try_get("title")?,
        status: decode(r.try_get("status")?)?,
    })
}

fn project_from_row(r: &AnyRow) -> Result<Project, AppError> {
    let day = |col: &str| -> Result<NaiveDate, AppError> {
        date(r.try_get(col)?).ok_or_else(|| {
            tracing::error!(column = col, "undecodable project date");
            AppError::Internal
        })
    };
    Ok(Project {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        description: r.try_get("description")?,
        manager: PersonRef {
            email: r.try_get("m_email")?,
            name: r.try_get("m_name")?,
        },
        starts_on: day("starts_on")?,
        ends_on: day("ends_on")?,
        watchers: Vec::new(),
    })
}

macro_rules! project_select {
    () => {
        "SELECT p.id, p.name, p.description, p.starts_on, p.ends_on, \
     m.email AS m_email, m.name AS m_name FROM projects p JOIN users m ON m.id = p.manager_id"
    };
}

macro_rules! work_order_select {
    () => {
        "SELECT w.id, w.manager_id, w.what, w.location, w.expected_on, w.status, w.outcome, \
     w.created_at, w.completed_at, m.email AS m_email, m.name AS m_name, \
     c.email AS c_email, c.name AS c_name, \
     (SELECT COUNT(*) FROM work_order_tickets x WHERE x.work_order_id = w.id) AS ticket_count \
     FROM work_orders w JOIN users m ON m.id = w.manager_id LEFT JOIN users c ON c.id = w.created_by"
    };
}

fn work_order_from_row(r: &AnyRow) -> Result<WorkOrder, AppError> {
    let by_email: Option<String> = r.try_get("c_email")?;
    let by_name: Option<String> = r.try_get("c_name")?;
    Ok(WorkOrder {
        id: r.try_get("id")?,
        what: r.try_get("what")?,
        location: r.try_get("location")?,
        manager: PersonRef {
            email: r.try_get("m_email")?,
            name: r.try_get("m_name")?,
        },
        expected_on: date(r.try_get("expected_on")?),
        status: decode(r.try_get("status")?)?,
        outcome: r.try_get("outcome")?,
        requested_by: by_email
            .zip(by_name)
            .map(|(email, name)| PersonRef { email, name }),
        created_at: from_ms(r.try_get("created_at")?),
        completed_at: r.try_get::<Option<i64>, _>("completed_at")?.map(from_ms),
        tickets: Vec::new(),
        ticket_count: r.try_get::<i64, _>("ticket_count")? as usize,
    })
}

/// Which work orders to list.
#[derive(Clone, Copy, Debug, Default)]
pub struct WorkOrderFilter {
    /// Addressed to this facility manager.
    pub manager: Option<i64>,
    /// Blocking this ticket.
    pub ticket: Option<i64>,
    pub open_only: bool,
}

impl Db {
    // ---- projects ---------------------------------------------------------------------------

    pub async fn insert_project(
        conn: &mut AnyConnection,
        p: &ValidProject,
        manager_id: i64,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let result = sqlx::query_scalar::<_, i64>(
            "INSERT INTO projects (name, description, manager_id, starts_on, ends_on, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
        )
        .bind(&p.name)
        .bind(&p.description)
        .bind(manager_id)
        .bind(day_text(p.starts_on))
        .bind(day_text(p.ends_on))
        .bind(actor_id)
        .bind(to_ms(now))
        .fetch_one(&mut *conn)
        .await;
        match result {
            Ok(done) => Ok(done),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(AppError::field(
                "name",
                "A project with this name exists already",
            )),
            Err(e) => Err(e.into()),
        }
    }

    /// A project with its watchers.
    pub async fn project(&self, id: i64) -> Result<Option<Project>, AppError> {
        let Some(row) = sqlx::query(concat!(project_select!(), " WHERE p.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
        else {
            return Ok(None);
        };
        let mut project = project_from_row(&row)?;
        project.watchers = sqlx::query(
            "SELECT u.email, u.name FROM project_watchers w JOIN users u ON u.id = w.user_id \
             WHERE w.project_id = $1 ORDER BY u.name",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(PersonRef {
                email: r.try_get("email")?,
                name: r.try_get("name")?,
            })
        })
        .collect::<Result<_, AppError>>()?;
        Ok(Some(project))
    }

    /// Every project (`None`), or those `follower` manages or watches, newest first.
    pub async fn projects(&self, follower: Option<i64>) -> Result<Vec<Project>, AppError> {
        let mut q = Sql::new(project_select!());
        if let Some(uid) = follower {
            q.push(" WHERE p.manager_id = ").push_bind(uid);
            q.push(" OR EXISTS (SELECT 1 FROM project_watchers w WHERE w.project_id = p.id AND w.user_id = ")
                .push_bind(uid)
                .push(")");
        }
        q.push(" ORDER BY p.ends_on DESC, p.id DESC");
        let rows = q.build().fetch_all(&self.pool).await?;
        rows.iter().map(project_from_row).collect()
    }

    /// Status and due date of every ticket of the given projects, for their progress.
    pub async fn project_items(
        &self,
        project_ids: &[i64],
    ) -> Result<Vec<(i64, Status, Option<NaiveDate>)>, AppError> {
        if project_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q =
            Sql::new("SELECT project_id, status, due_on FROM tickets WHERE project_id IN (");
        let mut list = q.separated(", ");
        for id in project_ids {
            list.push_bind(*id);
        }
        q.push(")");
        let rows = q.build().fetch_all(&self.pool).await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("project_id")?,
                    decode(r.try_get("status")?)?,
                    date(r.try_get("due_on")?),
                ))
            })
            .collect()
    }

    /// A project's tickets: open ones by due date (undated last) then priority, then the rest.
    pub async fn project_tickets(&self, project_id: i64) -> Result<Vec<TicketRow>, AppError> {
        let rows = sqlx::query(concat!(
            ticket_select!(),
            " WHERE t.project_id = $1 ORDER BY (t.status IN ('resolved', 'closed', 'cancelled')), \
             t.due_on IS NULL, t.due_on, t.priority, t.id"
        ))
        .bind(project_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(ticket_from_row).collect()
    }

    /// Whether `user_id` manages or watches the project.
    pub async fn follows_project(
        conn: &mut AnyConnection,
        project_id: i64,
        user_id: i64,
    ) -> Result<bool, AppError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT (SELECT COUNT(*) FROM projects WHERE id = $1 AND manager_id = $2) \
             + (SELECT COUNT(*) FROM project_watchers WHERE project_id = $1 AND user_id = $2)",
        )
        .bind(project_id)
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
        Ok(n > 0)
    }

    pub async fn add_project_watcher(
        conn: &mut AnyConnection,
        project_id: i64,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO project_watchers (project_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
            .bind(project_id)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("UPDATE projects SET updated_at = $1 WHERE id = $2")
            .bind(to_ms(now))
            .bind(project_id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Moves a ticket into a project (or out of any with `None`) and sets its due date, when it is
    /// still at `expected_version`.
    pub async fn set_ticket_plan(
        conn: &mut AnyConnection,
        ticket_id: i64,
        expected_version: i64,
        project_id: Option<i64>,
        due_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE tickets SET project_id = $1, due_on = $2, updated_at = $3, version = version + 1 \
             WHERE id = $4 AND version = $5",
        )
        .bind(project_id)
        .bind(due_on.map(day_text))
        .bind(to_ms(now))
        .bind(ticket_id)
        .bind(expected_version)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// (id, name) of every project, for choosing one.
    pub async fn project_choices(&self) -> Result<Vec<(i64, String)>, AppError> {
        let rows = sqlx::query("SELECT id, name FROM projects ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
            .collect()
    }

    // ---- facility work orders ---------------------------------------------------------------

    pub async fn insert_work_order(
        conn: &mut AnyConnection,
        w: &ValidWorkOrder,
        manager_id: i64,
        actor_id: i64,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO work_orders (what, location, manager_id, expected_on, status, created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, 'open', $5, $6, $6) RETURNING id",
        )
        .bind(&w.what)
        .bind(&w.location)
        .bind(manager_id)
        .bind(w.expected_on.map(day_text))
        .bind(actor_id)
        .bind(to_ms(now))
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    /// Makes a ticket wait on a work order; false when it already did.
    pub async fn attach_work_order(
        conn: &mut AnyConnection,
        work_order_id: i64,
        ticket_id: i64,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "INSERT INTO work_order_tickets (work_order_id, ticket_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(work_order_id)
        .bind(ticket_id)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn work_order(
        conn: &mut AnyConnection,
        id: i64,
    ) -> Result<Option<(WorkOrder, i64)>, AppError> {
        let row = sqlx::query(concat!(work_order_select!(), " WHERE w.id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let manager_id: i64 = row.try_get("manager_id")?;
        let mut w = work_order_from_row(&row)?;
        w.tickets = Self::work_order_tickets(conn, &[id])
            .await?
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        Ok(Some((w, manager_id)))
    }

    /// Work orders matching `filter`, open ones first (by expected date), with their tickets.
    pub async fn work_orders(&self, filter: WorkOrderFilter) -> Result<Vec<WorkOrder>, AppError> {
        let mut conn = self.pool.acquire().await?;
        let mut q = Sql::new(work_order_select!());
        q.push(" WHERE 1 = 1");
        if let Some(m) = filter.manager {
            q.push(" AND w.manager_id = ").push_bind(m);
        }
        if let Some(t) = filter.ticket {
            q.push(" AND w.id IN (SELECT work_order_id FROM work_order_tickets WHERE ticket_id = ")
                .push_bind(t)
                .push(")");
        }
        if filter.open_only {
            q.push(" AND w.status = 'open'");
        }
        q.push(" ORDER BY w.status <> 'open', w.expected_on IS NULL, w.expected_on, w.id DESC LIMIT 500");
        let rows = q.build().fetch_all(&mut *conn).await?;
        let mut orders: Vec<WorkOrder> = rows
            .iter()
            .map(work_order_from_row)
            .collect::<Result<_, _>>()?;
        let ids: Vec<i64> = orders.iter().map(|w| w.id).collect();
        for (wid, t) in Self::work_order_tickets(&mut conn, &ids).await? {
            if let Some(w) = orders.iter_mut().find(|w| w.id == wid) {
                w.tickets.push(t);
            }
        }
        Ok(orders)
    }

    async fn work_order_tickets(
        conn: &mut AnyConnection,
        ids: &[i64],
    ) -> Result<Vec<(i64, LinkedTicket)>, AppError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = Sql::new(
            "SELECT x.work_order_id, t.id AS tid, t.title, t.status FROM work_order_tickets x \
             JOIN tickets t ON t.id = x.ticket_id WHERE x.work_order_id IN (",
        );
        let mut list = q.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        q.push(") ORDER BY t.id");
        let rows = q.build().fetch_all(&mut *conn).await?;
        rows.iter()
            .map(|r| Ok((r.try_get("work_order_id")?, linked(r)?)))
            .collect()
    }

    /// Ids of the tickets waiting on a work order.
    pub async fn work_order_ticket_ids(
        conn: &mut AnyConnection,
        work_order_id: i64,
    ) -> Result<Vec<i64>, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT ticket_id FROM work_order_tickets WHERE work_order_id = $1 ORDER BY ticket_id",
        )
        .bind(work_order_id)
        .fetch_all(&mut *conn)
        .await?)
    }

    /// How many open work orders a ticket still waits on.
    pub async fn open_work_orders_of(
        conn: &mut AnyConnection,
        ticket_id: i64,
    ) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM work_order_tickets x JOIN work_orders w ON w.id = x.work_order_id \
             WHERE x.ticket_id = $1 AND w.status = 'open'",
        )
        .bind(ticket_id)
        .fetch_one(&mut *conn)
        .await?)
    }

    /// Closes an open work order as done or cancelled; false when it was not open any more.
    pub async fn finish_work_order(
        conn: &mut AnyConnection,
        id: i64,
        status: WorkOrderStatus,
        outcome: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE work_orders SET status = $1, outcome = $2, completed_at = $3, updated_at = $3 \
             WHERE id = $4 AND status = 'open'",
        )
        .bind(status.as_str())
        .bind(outcome)
        .bind(to_ms(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_work_order_date(
        conn: &mut AnyConnection,
        id: i64,
        expected_on: Option<NaiveDate>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query("UPDATE work_orders SET expected_on = $1, updated_at = $2 WHERE id = $3")
            .bind(expected_on.map(day_text))
            .bind(to_ms(now))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Accounts with the facility role, by name.
    pub async fn facility_managers(&self) -> Result<Vec<PersonRef>, AppError> {
        let rows =
            sqlx::query("SELECT email, name FROM users WHERE role = 'facility' ORDER BY name")
                .fetch_all(&self.pool)
                .await?;
        rows.iter()
            .map(|r| {
                Ok(PersonRef {
                    email: r.try_get("email")?,
                    name: r.try_get("name")?,
                })
            })
            .collect()
    }

    // ---- links between tickets --------------------------------------------------------------

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
            return Err(AppError::field("other", "These tickets are linked already"));
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
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(AppError::field(
                "other",
                "That ticket has a parent already; unlink it first",
            )),
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
