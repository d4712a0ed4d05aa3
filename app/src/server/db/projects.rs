//! Persistence of projects: their plans, followers and the tickets filed for them (part of the
//! one persistence module: every statement here is SQL of `Db`).

use super::sql::Sql;
use super::{decode, ticket_from_row, to_ms, Db, TicketRow};
use crate::domain::coordination::{Project, ValidProject};
use crate::domain::{PersonRef, Status};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

pub(super) fn date(value: Option<String>) -> Option<NaiveDate> {
    value.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
}

pub(super) fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
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

impl Db {
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
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(AppError::field("name", "err-project-name-taken"))
            }
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
}
