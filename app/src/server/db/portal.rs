//! Ratings and tracking links.

use super::*;

impl Db {
    // ---- ratings and tracking links ---------------------------------------------------------

    /// Records (or replaces) the requester's rating of a ticket.
    pub async fn rate(
        conn: &mut AnyConnection,
        ticket_id: i64,
        score: i64,
        comment: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO ratings (ticket_id, score, comment, rated_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (ticket_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, rated_at = excluded.rated_at",
        )
        .bind(ticket_id)
        .bind(score)
        .bind(comment)
        .bind(to_ms(now))
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    pub async fn rating(&self, ticket_id: i64) -> Result<Option<Rating>, AppError> {
        let row = sqlx::query("SELECT score, comment, rated_at FROM ratings WHERE ticket_id = $1")
            .bind(ticket_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(Rating {
                score: r.try_get("score")?,
                comment: r.try_get("comment")?,
                at: from_ms(r.try_get("rated_at")?),
            })
        })
        .transpose()
    }

    pub async fn insert_tracking_link(
        conn: &mut AnyConnection,
        ticket_id: i64,
        token_hash: &str,
        created_by: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO tracking_links (token_hash, ticket_id, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(token_hash)
        .bind(ticket_id)
        .bind(created_by)
        .bind(to_ms(now))
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    /// The ticket a live tracking link opens: not revoked, and its ticket not closed or
    /// cancelled before `finished_cutoff`.
    pub async fn tracked_ticket(
        &self,
        token_hash: &str,
        finished_cutoff: DateTime<Utc>,
    ) -> Result<Option<i64>, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT l.ticket_id FROM tracking_links l JOIN tickets t ON t.id = l.ticket_id \
             WHERE l.token_hash = $1 AND l.revoked_at IS NULL \
             AND NOT (t.status IN ('closed', 'cancelled') AND t.updated_at < $2)",
        )
        .bind(token_hash)
        .bind(to_ms(finished_cutoff))
        .fetch_optional(&self.pool)
        .await?)
    }

    pub async fn tracking_links(&self, ticket_id: i64) -> Result<Vec<TrackingLink>, AppError> {
        let rows = sqlx::query(
            "SELECT l.id, l.created_at, u.name AS created_by FROM tracking_links l \
             LEFT JOIN users u ON u.id = l.created_by WHERE l.ticket_id = $1 AND l.revoked_at IS NULL ORDER BY l.id",
        )
        .bind(ticket_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TrackingLink {
                    id: r.try_get("id")?,
                    created_at: from_ms(r.try_get("created_at")?),
                    created_by: r.try_get("created_by")?,
                })
            })
            .collect()
    }

    /// Revokes a link of the ticket; false when there was no such live link.
    pub async fn revoke_tracking_link(
        &self,
        ticket_id: i64,
        link_id: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE tracking_links SET revoked_at = $1 WHERE id = $2 AND ticket_id = $3 AND revoked_at IS NULL",
        )
        .bind(to_ms(now))
        .bind(link_id)
        .bind(ticket_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Keeps what someone typed into a refused form (replacing an older draft of that form).
    pub async fn save_draft(
        &self,
        user_id: i64,
        form: &str,
        values: &std::collections::BTreeMap<String, String>,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let json = serde_json::to_string(values).map_err(|_| AppError::Internal)?;
        sqlx::query(
            "INSERT INTO form_drafts (user_id, form, values_json, saved_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, form) DO UPDATE SET values_json = excluded.values_json, saved_at = excluded.saved_at",
        )
        .bind(user_id)
        .bind(form)
        .bind(json)
        .bind(to_ms(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A draft saved after `since` (a page may be rendered more than once, so reading keeps it;
    /// a successful submission removes it).
    pub async fn draft(
        &self,
        user_id: i64,
        form: &str,
        since: DateTime<Utc>,
    ) -> Result<Option<std::collections::BTreeMap<String, String>>, AppError> {
        let json: Option<String> = sqlx::query_scalar(
            "SELECT values_json FROM form_drafts WHERE user_id = $1 AND form = $2 AND saved_at >= $3",
        )
        .bind(user_id)
        .bind(form)
        .bind(to_ms(since))
        .fetch_optional(&self.pool)
        .await?;
        Ok(json.and_then(|j| serde_json::from_str(&j).ok()))
    }

    pub async fn delete_draft(&self, user_id: i64, form: &str) -> Result<(), AppError> {
        sqlx::query("DELETE FROM form_drafts WHERE user_id = $1 AND form = $2")
            .bind(user_id)
            .bind(form)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A technician's skill level (0 without the skill) in a category.
    pub async fn skill_level(
        conn: &mut AnyConnection,
        user_id: i64,
        category_id: i64,
    ) -> Result<i64, AppError> {
        let level: Option<i64> =
            sqlx::query_scalar("SELECT level FROM skills WHERE user_id = $1 AND category_id = $2")
                .bind(user_id)
                .bind(category_id)
                .fetch_optional(&mut *conn)
                .await?;
        Ok(level.unwrap_or(0))
    }
}
