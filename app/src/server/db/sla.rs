//! Service-level policies, clocks and escalation timers.

use super::*;

impl Db {
    // ---- service levels ---------------------------------------------------------------------

    /// Every SLA policy in order, read at most every few seconds (like categories).
    pub async fn policies(&self) -> Result<std::sync::Arc<Vec<Policy>>, AppError> {
        if let Some(list) = self.caches.policies.get(&()) {
            return Ok(list);
        }
        self.policies_in(&mut *self.pool.acquire().await?).await
    }

    /// The policies, read on `conn` when they are not cached: a write holding the writers' turn
    /// must not wait for a second connection, which the writers queued behind it may all hold.
    pub async fn policies_in(
        &self,
        conn: &mut AnyConnection,
    ) -> Result<std::sync::Arc<Vec<Policy>>, AppError> {
        if let Some(list) = self.caches.policies.get(&()) {
            return Ok(list);
        }
        let rows = sqlx::query(
            "SELECT id, name, categories, teams, time_zone, hours, holidays, targets_json, at_risk_percent, rules \
             FROM sla_policies ORDER BY position, id",
        )
        .fetch_all(&mut *conn)
        .await?;
        let list = std::sync::Arc::new(
            rows.iter()
                .map(policy_from_row)
                .collect::<Result<Vec<_>, _>>()?,
        );
        self.caches.policies.insert((), list.clone());
        Ok(list)
    }

    pub fn forget_policies(&self) {
        self.caches.policies.invalidate(&());
    }

    /// Creates (without `id`) or replaces a policy; false when `id` names no policy.
    pub async fn save_policy(
        conn: &mut AnyConnection,
        id: Option<i64>,
        p: &Policy,
    ) -> Result<Option<i64>, AppError> {
        let targets = serde_json::to_string(&p.targets).map_err(|_| AppError::Internal)?;
        let rules: Vec<String> = p.rules.iter().map(|r| r.to_string()).collect();
        let query = match id {
            Some(_) => {
                "UPDATE sla_policies SET name = $1, categories = $2, time_zone = $3, hours = $4, holidays = $5, \
                 targets_json = $6, at_risk_percent = $7, rules = $8, teams = $9 WHERE id = $10 RETURNING id"
            }
            None => {
                "INSERT INTO sla_policies (name, categories, time_zone, hours, holidays, targets_json, at_risk_percent, rules, teams, position) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT COALESCE(MAX(position), 0) + 1 FROM sla_policies)) RETURNING id"
            }
        };
        let q = sqlx::query_scalar(query)
            .bind(&p.name)
            .bind(p.categories.join(","))
            .bind(p.calendar.time_zone())
            .bind(p.calendar.hours_text())
            .bind(p.calendar.holidays_text())
            .bind(targets)
            .bind(i64::from(p.at_risk_percent))
            .bind(rules.join("\n"))
            .bind(p.teams.join(","));
        let q = match id {
            Some(id) => q.bind(id),
            None => q,
        };
        match q.fetch_optional(&mut *conn).await {
            Ok(id) => Ok(id),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(AppError::field("name", "err-policy-name-taken"))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// What a ticket's clocks are computed from: its category, priority, creation time, status
    /// changes in order, and its first response by IT (a public note, or work started).
    pub async fn sla_history(
        conn: &mut AnyConnection,
        ticket_id: i64,
    ) -> Result<Option<SlaHistory>, AppError> {
        let Some(head) = sqlx::query(
            "SELECT c.slug, tm.name AS team, t.priority, t.created_at, t.due_on IS NOT NULL AS planned FROM tickets t \
             JOIN categories c ON c.id = t.category_id LEFT JOIN teams tm ON tm.id = c.team_id WHERE t.id = $1",
        )
        .bind(ticket_id)
        .fetch_optional(&mut *conn)
        .await?
        else {
            return Ok(None);
        };
        let changes = sqlx::query(
            "SELECT at, to_value FROM ticket_events WHERE ticket_id = $1 AND kind = 'status' ORDER BY id",
        )
        .bind(ticket_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| -> Result<(DateTime<Utc>, Status), AppError> {
            Ok((from_ms(r.try_get("at")?), decode(r.try_get("to_value")?)?))
        })
        .collect::<Result<Vec<_>, _>>()?;
        let staff: Vec<String> = Role::ALL
            .iter()
            .filter(|r| r.is_staff())
            .map(|r| format!("'{r}'"))
            .collect();
        let responded: Option<i64> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT MIN(e.at) FROM ticket_events e JOIN users u ON u.id = e.actor_id \
             WHERE e.ticket_id = $1 AND u.role IN ({}) AND {}",
            staff.join(", "),
            EventKind::responds_sql("e")
        )))
        .bind(ticket_id)
        .fetch_one(&mut *conn)
        .await?;
        Ok(Some(SlaHistory {
            category: head.try_get("slug")?,
            team: head.try_get("team")?,
            priority: decode(head.try_get("priority")?)?,
            created_at: from_ms(head.try_get("created_at")?),
            planned: flag(&head, "planned")?,
            changes,
            responded_at: responded.map(from_ms),
        }))
    }

    /// Stores a ticket's evaluated clocks and re-arms the rules that have not fired yet.
    pub async fn write_sla(
        conn: &mut AnyConnection,
        ticket_id: i64,
        sla: Option<&Sla>,
        next_due: Option<DateTime<Utc>>,
        timers: &[(String, DateTime<Utc>)],
    ) -> Result<(), AppError> {
        let json = sla
            .map(serde_json::to_string)
            .transpose()
            .map_err(|_| AppError::Internal)?;
        sqlx::query("UPDATE tickets SET sla_json = $1, sla_due_at = $2 WHERE id = $3")
            .bind(json)
            .bind(next_due.map(to_ms))
            .bind(ticket_id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM sla_timers WHERE ticket_id = $1 AND fired_at IS NULL")
            .bind(ticket_id)
            .execute(&mut *conn)
            .await?;
        for (rule, at) in timers {
            sqlx::query(
                "INSERT INTO sla_timers (ticket_id, rule, fire_at) VALUES ($1, $2, $3) \
                 ON CONFLICT (ticket_id, rule) DO NOTHING",
            )
            .bind(ticket_id)
            .bind(rule)
            .bind(to_ms(*at))
            .execute(&mut *conn)
            .await?;
        }
        Ok(())
    }

    /// Rules due to fire, oldest first.
    pub async fn due_timers(
        &self,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<(i64, String)>, AppError> {
        let rows = sqlx::query(
            "SELECT ticket_id, rule FROM sla_timers WHERE fired_at IS NULL AND fire_at <= $1 \
             ORDER BY fire_at LIMIT $2",
        )
        .bind(to_ms(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("ticket_id")?, r.try_get("rule")?)))
            .collect()
    }

    /// Marks a rule fired for a ticket; false when it had fired already (another process or an
    /// earlier run got there first) or is no longer armed.
    pub async fn claim_timer(
        conn: &mut AnyConnection,
        ticket_id: i64,
        rule: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE sla_timers SET fired_at = $1 WHERE ticket_id = $2 AND rule = $3 AND fired_at IS NULL \
             AND fire_at <= $1",
        )
        .bind(to_ms(now))
        .bind(ticket_id)
        .bind(rule)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Rules already fired for a ticket, with when.
    pub async fn fired_rules(
        &self,
        ticket_id: i64,
    ) -> Result<Vec<(String, DateTime<Utc>)>, AppError> {
        let rows = sqlx::query(
            "SELECT rule, fired_at FROM sla_timers WHERE ticket_id = $1 AND fired_at IS NOT NULL ORDER BY fired_at",
        )
        .bind(ticket_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("rule")?, from_ms(r.try_get("fired_at")?))))
            .collect()
    }

    /// Tickets whose clocks need computing: never computed, or (after a policy change) all open.
    pub async fn tickets_for_sla(&self, all_open: bool) -> Result<Vec<i64>, AppError> {
        let rows = sqlx::query_scalar(
            "SELECT id FROM tickets WHERE sla_json IS NULL \
             OR ($1 AND status IN ('new', 'assigned', 'in_progress', 'waiting')) ORDER BY id",
        )
        .bind(all_open)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows)
    }
}

/// What a ticket's clocks are computed from.
#[derive(Clone, Debug)]
pub struct SlaHistory {
    pub category: String,
    pub team: Option<String>,
    pub priority: Priority,
    pub created_at: DateTime<Utc>,
    /// A planned task: its due date is its target, it runs no service-level clocks.
    pub planned: bool,
    pub changes: Vec<(DateTime<Utc>, Status)>,
    pub responded_at: Option<DateTime<Utc>>,
}

pub(super) fn policy_from_row(r: &AnyRow) -> Result<Policy, AppError> {
    let bad = |what: String| {
        tracing::error!(error = %what, "undecodable SLA policy");
        AppError::Internal
    };
    let words = |m: crate::i18n::Msg| m.render(&crate::i18n::Locale::default());
    let calendar = Calendar::parse(
        r.try_get("time_zone")?,
        r.try_get("hours")?,
        r.try_get("holidays")?,
    )
    .map_err(|m| bad(words(m)))?;
    let targets: [Target; 4] =
        serde_json::from_str(r.try_get("targets_json")?).map_err(|e| bad(e.to_string()))?;
    let rules = r
        .try_get::<&str, _>("rules")?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(Rule::parse)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|m| bad(words(m)))?;
    let list = |column: &str| -> Result<Vec<String>, AppError> {
        Ok(r.try_get::<&str, _>(column)?
            .split(',')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect())
    };
    let percent: i64 = r.try_get("at_risk_percent")?;
    Ok(Policy {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        categories: list("categories")?,
        teams: list("teams")?,
        calendar,
        targets,
        at_risk_percent: percent.clamp(1, 100) as u32,
        rules,
    })
}
