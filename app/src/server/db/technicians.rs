//! Technicians: roster, skills, teams, routing and the audit log.

use super::*;

impl Db {
    // ---- technicians ------------------------------------------------------------------------

    /// Every technician-capable person with skills and current open load, in two queries.
    pub async fn technicians(&self) -> Result<Vec<Technician>, AppError> {
        let rows = sqlx::query(
            "SELECT u.id, u.email, u.name, u.role, u.language, u.time_zone, u.tier, u.capacity, u.availability, u.off_until, u.phone, \
             (SELECT COUNT(*) FROM tickets t WHERE t.assignee_id = u.id AND t.status IN ('assigned', 'in_progress', 'waiting')) AS open_load \
             FROM users u WHERE u.role IN ('technician', 'coordinator', 'admin') AND u.deactivated_at IS NULL ORDER BY u.name",
        )
        .fetch_all(&self.pool)
        .await?;
        let skills = sqlx::query(
            "SELECT s.user_id, c.slug, s.level FROM skills s JOIN categories c ON c.id = s.category_id ORDER BY c.position",
        )
        .fetch_all(&self.pool)
        .await?;
        let teams = sqlx::query(
            "SELECT m.user_id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id ORDER BY t.name",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            let mut person_skills = Vec::new();
            for s in &skills {
                if s.try_get::<i64, _>("user_id")? == id {
                    person_skills.push((s.try_get("slug")?, s.try_get("level")?));
                }
            }
            let mut person_teams = Vec::new();
            for t in &teams {
                if t.try_get::<i64, _>("user_id")? == id {
                    person_teams.push(t.try_get("name")?);
                }
            }
            out.push(Technician {
                user: user_from_row(r)?,
                tier: r.try_get("tier")?,
                capacity: r.try_get("capacity")?,
                availability: decode(r.try_get("availability")?)?,
                off_until: r.try_get::<Option<i64>, _>("off_until")?.map(from_ms),
                phone: r.try_get("phone")?,
                open_load: r.try_get("open_load")?,
                skills: person_skills,
                teams: person_teams,
            });
        }
        Ok(out)
    }

    /// Writes a technician's tier, capacity, availability and skills together.
    pub async fn update_profile(
        conn: &mut AnyConnection,
        user_id: i64,
        p: &Profile,
    ) -> Result<(), AppError> {
        sqlx::query("UPDATE users SET tier = $1, capacity = $2, availability = $3, off_until = $4 WHERE id = $5")
            .bind(p.tier)
            .bind(p.capacity)
            .bind(p.availability.as_str())
            .bind(p.off_until.map(to_ms))
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM skills WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        for (slug, level) in &p.skills {
            sqlx::query("INSERT INTO skills (user_id, category_id, level) SELECT $1, id, $2 FROM categories WHERE slug = $3")
                .bind(user_id)
                .bind(level)
                .bind(slug)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    pub async fn insert_audit(
        conn: &mut AnyConnection,
        actor_id: i64,
        now: DateTime<Utc>,
        subject: &str,
        action: &str,
        detail: &str,
    ) -> Result<(), AppError> {
        sqlx::query("INSERT INTO audit_log (actor_id, at, subject, action, detail) VALUES ($1, $2, $3, $4, $5)")
            .bind(actor_id)
            .bind(to_ms(now))
            .bind(subject)
            .bind(action)
            .bind(detail)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// The newest audit entries, newest first.
    pub async fn audit(&self, limit: i64) -> Result<Vec<AuditEntry>, AppError> {
        let rows = sqlx::query(
            "SELECT a.at, a.subject, a.action, a.detail, u.name AS actor FROM audit_log a \
             LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    at: from_ms(r.try_get("at")?),
                    actor: r.try_get("actor")?,
                    subject: r.try_get("subject")?,
                    action: r.try_get("action")?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect()
    }

    pub async fn users(&self) -> Result<Vec<User>, AppError> {
        let rows = sqlx::query(
            "SELECT id, email, name, role, language, time_zone FROM users ORDER BY role, name",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(user_from_row).collect()
    }

    pub async fn set_role(
        conn: &mut AnyConnection,
        user_id: i64,
        role: Role,
    ) -> Result<(), AppError> {
        sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
            .bind(role.as_str())
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub async fn teams(&self) -> Result<Vec<(i64, String)>, AppError> {
        let rows = sqlx::query("SELECT id, name FROM teams ORDER BY name")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("id")?, r.try_get("name")?)))
            .collect()
    }

    /// Creates the team if needed and makes `members` its whole membership; returns its id.
    pub async fn save_team(
        conn: &mut AnyConnection,
        name: &str,
        members: &[i64],
        auto_assign: bool,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        sqlx::query(
            "INSERT INTO teams (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(to_ms(now))
        .execute(&mut *conn)
        .await?;
        let id: i64 = sqlx::query_scalar("SELECT id FROM teams WHERE name = $1")
            .bind(name)
            .fetch_one(&mut *conn)
            .await?;
        sqlx::query("UPDATE teams SET auto_assign = $1 WHERE id = $2")
            .bind(auto_assign)
            .bind(id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM team_members WHERE team_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        for m in members {
            sqlx::query("INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)")
                .bind(id)
                .bind(m)
                .execute(&mut *conn)
                .await?;
        }
        Ok(id)
    }

    /// Names of teams that assign new requests automatically.
    pub async fn auto_assign_teams(&self) -> Result<Vec<String>, AppError> {
        Ok(
            sqlx::query_scalar("SELECT name FROM teams WHERE auto_assign ORDER BY name")
                .fetch_all(&self.pool)
                .await?,
        )
    }

    /// The team a category is routed to when that team assigns automatically.
    pub async fn auto_assign_team_of(&self, category_id: i64) -> Result<Option<String>, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT t.name FROM categories c JOIN teams t ON t.id = c.team_id \
             WHERE c.id = $1 AND t.auto_assign",
        )
        .bind(category_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Gives a new ticket to a technician (automatic assignment), in the filing transaction.
    pub async fn assign_new(
        conn: &mut AnyConnection,
        ticket_id: i64,
        user_id: i64,
    ) -> Result<(), AppError> {
        sqlx::query(
            "UPDATE tickets SET status = 'assigned', assignee_id = $1, version = version + 1 \
             WHERE id = $2 AND status = 'new'",
        )
        .bind(user_id)
        .bind(ticket_id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    pub async fn route_category(
        conn: &mut AnyConnection,
        slug: &str,
        team_id: Option<i64>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query("UPDATE categories SET team_id = $1 WHERE slug = $2")
            .bind(team_id)
            .bind(slug)
            .execute(&mut *conn)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Category slug → team name, for categories routed to a team.
    pub async fn category_routes(&self) -> Result<Vec<(String, String)>, AppError> {
        let rows = sqlx::query("SELECT c.slug, t.name FROM categories c JOIN teams t ON t.id = c.team_id ORDER BY c.position")
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("slug")?, r.try_get("name")?)))
            .collect()
    }

    /// Whether a technician may see an unassigned ticket of this category: its category is routed
    /// to one of their teams, or to no team at all.
    pub async fn in_technicians_queue(
        conn: &mut AnyConnection,
        user_id: i64,
        category_id: i64,
    ) -> Result<bool, AppError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM categories c WHERE c.id = $1 AND (c.team_id IS NULL OR EXISTS \
             (SELECT 1 FROM team_members m WHERE m.team_id = c.team_id AND m.user_id = $2))",
        )
        .bind(category_id)
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
        Ok(n > 0)
    }

    /// How many tickets are in each of the given states.
    pub async fn count_by_status(
        &self,
        statuses: &[Status],
    ) -> Result<Vec<(Status, i64)>, AppError> {
        let rows = sqlx::query("SELECT status, COUNT(*) AS n FROM tickets GROUP BY status")
            .fetch_all(&self.pool)
            .await?;
        let mut out = Vec::new();
        for r in &rows {
            let status: Status = decode(r.try_get("status")?)?;
            if statuses.contains(&status) {
                out.push((status, r.try_get("n")?));
            }
        }
        Ok(out)
    }

    pub async fn count_tickets(&self) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM tickets")
            .fetch_one(&self.pool)
            .await?)
    }
}

#[derive(Clone, Debug)]
pub struct Technician {
    pub user: User,
    pub tier: i64,
    pub capacity: i64,
    pub availability: Availability,
    pub off_until: Option<DateTime<Utc>>,
    pub phone: Option<String>,
    pub open_load: i64,
    pub skills: Vec<(String, i64)>,
    pub teams: Vec<String>,
}

impl Technician {
    /// On duty, or off with the return date passed.
    pub fn available(&self, now: DateTime<Utc>) -> bool {
        match self.availability {
            Availability::OnDuty => true,
            Availability::Off => self.off_until.is_some_and(|until| until <= now),
            Availability::Away => false,
        }
    }
}

/// What the roster edits about a technician.
#[derive(Clone, Debug)]
pub struct Profile {
    pub tier: i64,
    pub capacity: i64,
    pub availability: Availability,
    pub off_until: Option<DateTime<Utc>>,
    pub skills: Vec<(String, i64)>,
}

#[derive(Clone, Debug, serde::Serialize, serde::Deserialize, PartialEq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    pub subject: String,
    pub action: String,
    pub detail: Option<String>,
}
