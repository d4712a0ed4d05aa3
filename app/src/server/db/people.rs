//! People, sessions and API tokens.

use super::*;

impl Db {
    // ---- people ----------------------------------------------------------------------------

    pub async fn insert_user(
        &self,
        email: &str,
        name: &str,
        role: Role,
        password_hash: Option<&str>,
        verified: bool,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let result = sqlx::query_scalar::<_, i64>(
            "INSERT INTO users (email, name, role, password_hash, created_at, email_verified_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(email)
        .bind(name)
        .bind(role.as_str())
        .bind(password_hash)
        .bind(to_ms(now))
        .bind(verified.then(|| to_ms(now)))
        .fetch_one(&self.pool)
        .await;
        match result {
            Ok(done) => Ok(done),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(AppError::field("email", "err-email-taken"))
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn set_technician_profile(
        &self,
        user_id: i64,
        tier: i64,
        capacity: i64,
        phone: Option<&str>,
    ) -> Result<(), AppError> {
        sqlx::query("UPDATE users SET tier = $1, capacity = $2, phone = $3 WHERE id = $4")
            .bind(tier)
            .bind(capacity)
            .bind(phone)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn set_skill(
        &self,
        user_id: i64,
        category: &str,
        level: i64,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO skills (user_id, category_id, level) SELECT $1, id, $2 FROM categories WHERE slug = $3 \
             ON CONFLICT (user_id, category_id) DO UPDATE SET level = excluded.level",
        )
        .bind(user_id)
        .bind(level)
        .bind(category)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn user_by_email(&self, email: &str) -> Result<Option<User>, AppError> {
        let row = sqlx::query(
            "SELECT id, email, name, role, language, time_zone FROM users WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn user_by_id(&self, id: i64) -> Result<Option<User>, AppError> {
        let row = sqlx::query(
            "SELECT id, email, name, role, language, time_zone FROM users WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    /// Sets a person's language and zone, and drops their cached sessions so that the next
    /// request reads them.
    pub async fn set_language_and_zone(
        &self,
        user_id: i64,
        language: Option<crate::i18n::Lang>,
        time_zone: Option<&str>,
    ) -> Result<(), AppError> {
        sqlx::query("UPDATE users SET language = $1, time_zone = $2 WHERE id = $3")
            .bind(language.map(|l| l.code()))
            .bind(time_zone)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        self.forget_sessions_of(user_id);
        Ok(())
    }

    pub async fn count_users(&self) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users")
            .fetch_one(&self.pool)
            .await?)
    }

    pub async fn set_password_hash(&self, user_id: i64, hash: &str) -> Result<(), AppError> {
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(hash)
            .bind(user_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // ---- sessions and API tokens ------------------------------------------------------------

    pub async fn insert_session(
        &self,
        token_hash: &str,
        user_id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
            .bind(token_hash)
            .bind(user_id)
            .bind(to_ms(now))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The session's user when it was seen after `idle_cutoff`, began after `start_cutoff` (the
    /// absolute lifetime) and the account is active; marks it seen now. Refreshing at most once a
    /// minute keeps reads from turning into writes on every request.
    pub async fn session_user(
        &self,
        token_hash: &str,
        idle_cutoff: DateTime<Utc>,
        start_cutoff: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, AppError> {
        // A cached session answers while it is inside its idle and absolute limits and its
        // last-seen time does not need writing yet.
        if let Some((user, last_seen, started)) = self.caches.sessions.get(token_hash) {
            if last_seen > to_ms(idle_cutoff)
                && started > to_ms(start_cutoff)
                && to_ms(now) - last_seen <= 60_000
            {
                return Ok(Some(user));
            }
        }
        let row = sqlx::query(
            "SELECT u.id, u.email, u.name, u.role, u.language, u.time_zone, s.last_seen_at, s.created_at FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.token_hash = $1 AND s.last_seen_at > $2 AND s.created_at > $3 AND u.deactivated_at IS NULL",
        )
        .bind(token_hash)
        .bind(to_ms(idle_cutoff))
        .bind(to_ms(start_cutoff))
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let mut last_seen: i64 = row.try_get("last_seen_at")?;
        let started: i64 = row.try_get("created_at")?;
        if to_ms(now) - last_seen > 60_000 {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(to_ms(now))
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
            last_seen = to_ms(now);
        }
        let user = user_from_row(&row)?;
        self.caches
            .sessions
            .insert(token_hash.to_string(), (user.clone(), last_seen, started));
        Ok(Some(user))
    }

    /// Forgets cached sessions of a person (after a role change), so the next request re-reads them.
    pub fn forget_sessions_of(&self, user_id: i64) {
        for (token_hash, _) in self
            .caches
            .sessions
            .iter()
            .filter(|(_, (u, _, _))| u.id == user_id)
        {
            self.caches.sessions.invalidate(token_hash.as_str());
        }
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), AppError> {
        self.caches.sessions.invalidate(token_hash);
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
