//! Persistence of facility work orders and the tickets waiting on them (part of the one
//! persistence module).

use super::links::linked;
use super::projects::{date, day_text};
use super::sql::Sql;
use super::{decode, from_ms, to_ms, Db};
use crate::domain::coordination::{LinkedTicket, ValidWorkOrder, WorkOrder, WorkOrderStatus};
use crate::domain::PersonRef;
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

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
}
