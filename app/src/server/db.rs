//! The persistence module: every SQL statement of Switchboard lives here, so that a second backend
//! (PostgreSQL) is a contained change. Timestamps are stored as Unix milliseconds.

use crate::domain::coordination::ProjectTag;
use crate::domain::sla::{Rule, Target};
use crate::domain::{
    Availability, Calendar, Category, CategoryField, Channel, Digest, Event, EventKind, Impact,
    Note, NoteVisibility, Notification, PersonRef, Policy, Preferences, Priority, Relation, Role,
    Sla, Status, Ticket, TicketNumber, Urgency, User, Visibility, WaitingOn,
};
use crate::error::AppError;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sql::Sql;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyConnection, AnyPool, Row};
use std::str::FromStr;
use std::time::Duration;

/// A write transaction. Writers of this process queue on an async lock before taking SQLite's
/// write lock, so they wait in order instead of in SQLite's busy-handler sleeps (which cost tens of
/// milliseconds under contention); another process writing the same file still meets the busy timeout.
pub struct Tx {
    tx: sqlx::Transaction<'static, Any>,
    _turn: tokio::sync::OwnedMutexGuard<()>,
}

impl Tx {
    pub async fn commit(self) -> Result<(), AppError> {
        Ok(self.tx.commit().await?)
    }
}

impl std::ops::Deref for Tx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for Tx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

macro_rules! ticket_select {
    () => {
        "SELECT t.id, t.title, t.description, c.slug AS category, t.category_id, t.requester_id, t.assignee_id, \
         t.impact, t.urgency, t.priority, t.priority_reason, t.status, t.waiting_on, t.location, t.asset_tag, \
         t.contact, t.fields_json, t.escalated, t.reopened, t.resolution, t.created_at, t.updated_at, t.version, t.sla_json, \
         t.project_id, p.name AS project_name, t.due_on, t.merged_into, \
         r.email AS r_email, r.name AS r_name, a.email AS a_email, a.name AS a_name \
         FROM tickets t JOIN categories c ON c.id = t.category_id JOIN users r ON r.id = t.requester_id \
         LEFT JOIN users a ON a.id = t.assignee_id LEFT JOIN projects p ON p.id = t.project_id"
    };
}

macro_rules! event_select {
    () => {
        "SELECT e.id, e.ticket_id, e.at, e.kind, e.from_value, e.to_value, e.detail, e.internal, \
         u.email AS actor_email, u.name AS actor_name FROM ticket_events e LEFT JOIN users u ON u.id = e.actor_id"
    };
}

pub use accounts::{Credentials, LinkPurpose};
mod accounts;
pub mod backup;
mod coordination;
mod sql;
mod transfer;
pub use coordination::WorkOrderFilter;
pub use transfer::{Counts, TABLES};

/// A connection of the persistence module's backend, as the service layer passes it around.
pub type Conn = AnyConnection;

/// Which database the persistence module talks to; the few statements whose SQL differs (search,
/// write locking, checkpoints) choose by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Option<Backend> {
        if url.starts_with("sqlite:") {
            Some(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Backend::Postgres)
        } else {
            None
        }
    }
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{}://{user}:***{}", &url[..scheme], &url[at..])
        }
        _ => url.to_string(),
    }
}

/// A flag column or expression: an integer 0/1 on SQLite, a boolean on PostgreSQL.
fn flag(r: &AnyRow, column: &str) -> Result<bool, AppError> {
    match r.try_get::<bool, _>(column) {
        Ok(b) => Ok(b),
        Err(_) => Ok(r.try_get::<i64, _>(column)? != 0),
    }
}

/// The one connection pool of the process.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    url: std::sync::Arc<str>,
    writers: std::sync::Arc<tokio::sync::Mutex<()>>,
    categories: CategoryCache,
    policies: PolicyCache,
    sessions: SessionCache,
}

/// How SQLite commits: `Normal` (WAL with `synchronous=NORMAL`) survives a crash of the process or
/// the operating system but may lose the last commits on power loss; `Full` syncs every commit to
/// disk before answering, at the cost of slower writes. PostgreSQL has its own settings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Durability {
    #[default]
    Normal,
    Full,
}

impl FromStr for Durability {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "normal" => Ok(Durability::Normal),
            "full" => Ok(Durability::Full),
            other => Err(format!(
                "unknown SQLite synchronous mode {other:?}: use normal or full"
            )),
        }
    }
}

/// Why the database could not be opened or migrated; start-up prints it and stops.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot open database {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("cannot create the folder for {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}

pub fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms).single().unwrap_or_default()
}

fn decode<T: FromStr>(value: &str) -> Result<T, AppError>
where
    T::Err: std::fmt::Display,
{
    value.parse().map_err(|e: T::Err| {
        tracing::error!(error = %e, "undecodable value in the database");
        AppError::Internal
    })
}

impl Db {
    /// Opens the database named by `url` and runs the embedded migrations of its backend:
    /// `sqlite://path` (created when missing; WAL mode, a busy timeout, foreign keys on) or
    /// `postgres://…`.
    pub async fn open(url: &str) -> Result<Db, OpenError> {
        Self::open_with(url, Durability::default()).await
    }

    /// `open`, with how SQLite waits for the disk on commit.
    pub async fn open_with(url: &str, durability: Durability) -> Result<Db, OpenError> {
        let connect_err = |source| OpenError::Connect {
            url: redact(url),
            source,
        };
        sqlx::any::install_default_drivers();
        let backend = Backend::of(url).ok_or_else(|| OpenError::Connect {
            url: redact(url),
            source: sqlx::Error::Configuration(
                "the database URL must start with sqlite:// or postgres://".into(),
            ),
        })?;
        let mut connect_url = url.to_string();
        if backend == Backend::Sqlite {
            let path = std::path::Path::new(backup::sqlite_path(url).unwrap_or_default());
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|source| OpenError::Folder {
                    path: path.display().to_string(),
                    source,
                })?;
            }
            if !url.contains("mode=") {
                connect_url.push_str(if url.contains('?') {
                    "&mode=rwc"
                } else {
                    "?mode=rwc"
                });
            }
        }
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            })
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // Checkpoints run in the background (`checkpoint`), not inside a writer's
                        // commit; the autocheckpoint is the ceiling should that task stall. 1 MiB
                        // of page cache per connection: the operating system caches the file too.
                        let synchronous = match durability {
                            Durability::Normal => "NORMAL",
                            Durability::Full => "FULL",
                        };
                        sqlx::query(sqlx::AssertSqlSafe(format!(
                            "PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; \
                             PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; \
                             PRAGMA wal_autocheckpoint = 16384; PRAGMA cache_size = -1024;"
                        )))
                        .execute(&mut *conn)
                        .await?;
                    }
                    Ok(())
                })
            })
            .connect(&connect_url)
            .await
            .map_err(connect_err)?;
        match backend {
            Backend::Sqlite => sqlx::migrate!("../migrations/sqlite").run(&pool).await?,
            Backend::Postgres => sqlx::migrate!("../migrations/postgres").run(&pool).await?,
        }
        Ok(Db {
            pool,
            backend,
            url: url.into(),
            writers: Default::default(),
            categories: Default::default(),
            policies: Default::default(),
            sessions: Default::default(),
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// On PostgreSQL, where several processes may serve one database, follows the events every
    /// process commits (LISTEN/NOTIFY) and tells `advance` the newest event id, so a board polling
    /// this process sees changes made through another. Runs until the task is dropped; returns at
    /// once on SQLite, where this process is the only writer.
    pub async fn follow_feed(&self, advance: impl Fn(i64)) {
        if self.backend != Backend::Postgres {
            return;
        }
        loop {
            match sqlx::postgres::PgListener::connect(&self.url).await {
                Ok(mut listener) => match listener.listen("switchboard_feed").await {
                    Ok(()) => {
                        // Whatever was committed before listening.
                        if let Ok(head) = self.feed_head().await {
                            advance(head);
                        }
                        loop {
                            match listener.try_recv().await {
                                Ok(Some(n)) => {
                                    if let Ok(id) = n.payload().parse::<i64>() {
                                        advance(id);
                                    }
                                }
                                // Reconnected: what was committed meanwhile.
                                Ok(None) => {
                                    if let Ok(head) = self.feed_head().await {
                                        advance(head);
                                    }
                                }
                                Err(e) => {
                                    tracing::warn!(error = %e, "the change feed listener stopped");
                                    break;
                                }
                            }
                        }
                    }
                    Err(e) => tracing::warn!(error = %e, "cannot listen to the change feed"),
                },
                Err(e) => tracing::warn!(error = %e, "cannot connect the change feed listener"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }

    /// Starts a write transaction. Writers of this process queue on an async lock first. On
    /// SQLite the transaction takes the write lock at once (a read that later upgrades to a write
    /// could fail); on PostgreSQL it takes a transaction-wide advisory lock, so writers of every
    /// process commit one after another and event ids (the board's change feed) commit in order.
    pub async fn begin_write(&self) -> Result<Tx, AppError> {
        // The connection is taken before the turn, so the turn is held only while writing.
        let conn = self.pool.acquire().await?;
        let turn = self.writers.clone().lock_owned().await;
        let begin = match self.backend {
            Backend::Sqlite => "BEGIN IMMEDIATE",
            Backend::Postgres => "BEGIN",
        };
        let mut tx =
            sqlx::Transaction::begin(conn, Some(sqlx::SqlSafeStr::into_sql_str(begin))).await?;
        if self.backend == Backend::Postgres {
            sqlx::query("SELECT pg_advisory_xact_lock(7262) IS NULL")
                .execute(&mut *tx)
                .await?;
        }
        Ok(Tx { tx, _turn: turn })
    }

    /// Copies SQLite's write-ahead log back into the database file without blocking writers
    /// (nothing to do on PostgreSQL).
    pub async fn checkpoint(&self) -> Result<(), AppError> {
        if self.backend == Backend::Sqlite {
            sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    pub async fn conn(&self) -> Result<sqlx::pool::PoolConnection<Any>, AppError> {
        Ok(self.pool.acquire().await?)
    }

    /// The newest migration this release brings for its backend: a database at a lower
    /// `schema_version` has not been upgraded (yet).
    pub fn expected_schema_version(&self) -> i64 {
        let migrator = match self.backend {
            Backend::Sqlite => sqlx::migrate!("../migrations/sqlite"),
            Backend::Postgres => sqlx::migrate!("../migrations/postgres"),
        };
        migrator.iter().map(|m| m.version).max().unwrap_or(0)
    }

    /// Closes every connection: later queries fail as if the database were unreachable.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub async fn schema_version(&self) -> Result<i64, AppError> {
        let v: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&self.pool)
                .await?;
        Ok(v.unwrap_or(0))
    }

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
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(AppError::field(
                "email",
                "An account with this email already exists",
            )),
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
        let row = sqlx::query("SELECT id, email, name, role FROM users WHERE email = $1")
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
    }

    pub async fn user_by_id(&self, id: i64) -> Result<Option<User>, AppError> {
        let row = sqlx::query("SELECT id, email, name, role FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user_from_row).transpose()
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
        if let Some(user) = self.sessions.get(
            token_hash,
            to_ms(idle_cutoff),
            to_ms(start_cutoff),
            to_ms(now),
        ) {
            return Ok(Some(user));
        }
        let row = sqlx::query(
            "SELECT u.id, u.email, u.name, u.role, s.last_seen_at, s.created_at FROM sessions s JOIN users u ON u.id = s.user_id \
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
        self.sessions
            .put(token_hash, user.clone(), last_seen, started);
        Ok(Some(user))
    }

    /// Forgets cached sessions of a person (after a role change), so the next request re-reads them.
    pub fn forget_sessions_of(&self, user_id: i64) {
        self.sessions.forget(|u| u.id == user_id);
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), AppError> {
        self.sessions.remove(token_hash);
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    // ---- categories -------------------------------------------------------------------------

    /// Every category, read at most every few seconds: filing a ticket needs its category, and
    /// categories change rarely (an edit here is seen at once, one in another process within
    /// `CATEGORY_CACHE`).
    async fn all_categories(&self) -> Result<std::sync::Arc<Vec<(i64, Category)>>, AppError> {
        if let Ok(cache) = self.categories.read() {
            if let Some((_, list)) = cache
                .as_ref()
                .filter(|(at, _)| at.elapsed() < CATEGORY_CACHE)
            {
                return Ok(list.clone());
            }
        }
        let rows = sqlx::query(
            "SELECT id, slug, name, fields_json FROM categories ORDER BY position, slug",
        )
        .fetch_all(&self.pool)
        .await?;
        let list = std::sync::Arc::new(
            rows.iter()
                .map(category_from_row)
                .collect::<Result<Vec<_>, _>>()?,
        );
        if let Ok(mut cache) = self.categories.write() {
            *cache = Some((std::time::Instant::now(), list.clone()));
        }
        Ok(list)
    }

    /// Drops the cached categories after an edit.
    pub fn forget_categories(&self) {
        if let Ok(mut cache) = self.categories.write() {
            *cache = None;
        }
    }

    pub async fn categories(&self) -> Result<Vec<Category>, AppError> {
        Ok(self
            .all_categories()
            .await?
            .iter()
            .map(|(_, c)| c.clone())
            .collect())
    }

    pub async fn category(&self, slug: &str) -> Result<Option<(i64, Category)>, AppError> {
        Ok(self
            .all_categories()
            .await?
            .iter()
            .find(|(_, c)| c.slug == slug)
            .cloned())
    }

    /// Creates a category (placed last) or updates its name and fields.
    pub async fn upsert_category(
        conn: &mut AnyConnection,
        slug: &str,
        name: &str,
        fields: &[CategoryField],
    ) -> Result<(), AppError> {
        let fields_json = serde_json::to_string(fields).map_err(|_| AppError::Internal)?;
        sqlx::query(
            "INSERT INTO categories (slug, name, fields_json, position) \
             VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM categories)) \
             ON CONFLICT (slug) DO UPDATE SET name = excluded.name, fields_json = excluded.fields_json",
        )
        .bind(slug)
        .bind(name)
        .bind(fields_json)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    // ---- tickets ----------------------------------------------------------------------------

    pub async fn insert_ticket(
        conn: &mut AnyConnection,
        t: &NewTicketRow,
    ) -> Result<i64, AppError> {
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO tickets (title, description, category_id, requester_id, impact, urgency, priority, status, \
             location, asset_tag, contact, fields_json, channel, created_at, updated_at, version, project_id, due_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'new', $8, $9, $10, $11, $12, $13, $13, 1, $14, $15) RETURNING id",
        )
        .bind(&t.title)
        .bind(&t.description)
        .bind(t.category_id)
        .bind(t.requester_id)
        .bind(t.impact.as_str())
        .bind(t.urgency.as_str())
        .bind(t.priority.as_str())
        .bind(&t.location)
        .bind(&t.asset_tag)
        .bind(&t.contact)
        .bind(serde_json::Value::Object(t.fields.clone()).to_string())
        .bind(t.channel.as_str())
        .bind(to_ms(t.now))
        .bind(t.project_id)
        .bind(t.due_on.map(|d| d.format("%Y-%m-%d").to_string()))
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    pub async fn ticket(conn: &mut AnyConnection, id: i64) -> Result<Option<TicketRow>, AppError> {
        let row = sqlx::query(concat!(ticket_select!(), " WHERE t.id = $1"))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        row.as_ref().map(ticket_from_row).transpose()
    }

    pub async fn is_watcher(
        conn: &mut AnyConnection,
        ticket_id: i64,
        user_id: i64,
    ) -> Result<bool, AppError> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM watchers WHERE ticket_id = $1 AND user_id = $2",
        )
        .bind(ticket_id)
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
        Ok(n > 0)
    }

    /// Writes the ticket's new state when it is still at `expected_version`; false when someone
    /// else changed it first (nothing is written then).
    pub async fn update_ticket(
        conn: &mut AnyConnection,
        id: i64,
        expected_version: i64,
        s: &TicketState,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE tickets SET status = $1, waiting_on = $2, assignee_id = $3, priority = $4, priority_reason = $5, \
             category_id = $6, escalated = $7, reopened = $8, resolution = $9, fields_json = $10, updated_at = $11, \
             version = version + 1 WHERE id = $12 AND version = $13",
        )
        .bind(s.status.as_str())
        .bind(s.waiting_on.map(WaitingOn::as_str))
        .bind(s.assignee_id)
        .bind(s.priority.as_str())
        .bind(&s.priority_reason)
        .bind(s.category_id)
        .bind(s.escalated)
        .bind(s.reopened)
        .bind(&s.resolution)
        .bind(serde_json::Value::Object(s.fields.clone()).to_string())
        .bind(to_ms(now))
        .bind(id)
        .bind(expected_version)
        .execute(&mut *conn)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn set_impact_urgency(
        conn: &mut AnyConnection,
        id: i64,
        impact: Impact,
        urgency: Urgency,
    ) -> Result<(), AppError> {
        sqlx::query("UPDATE tickets SET impact = $1, urgency = $2 WHERE id = $3")
            .bind(impact.as_str())
            .bind(urgency.as_str())
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// Bumps the version of a ticket whose notes or watchers changed, so pollers see it.
    pub async fn touch_ticket(
        conn: &mut AnyConnection,
        id: i64,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        sqlx::query("UPDATE tickets SET version = version + 1, updated_at = $1 WHERE id = $2")
            .bind(to_ms(now))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    pub async fn insert_event(
        conn: &mut AnyConnection,
        ticket_id: i64,
        actor_id: Option<i64>,
        now: DateTime<Utc>,
        e: &NewEvent,
    ) -> Result<i64, AppError> {
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO ticket_events (ticket_id, actor_id, at, kind, from_value, to_value, detail, internal) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(ticket_id)
        .bind(actor_id)
        .bind(to_ms(now))
        .bind(e.kind.as_str())
        .bind(&e.from)
        .bind(&e.to)
        .bind(&e.detail)
        .bind(e.internal)
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    pub async fn events(
        &self,
        ticket_id: i64,
        include_internal: bool,
    ) -> Result<Vec<Event>, AppError> {
        let rows = sqlx::query(concat!(
            event_select!(),
            " WHERE e.ticket_id = $1 AND (NOT e.internal OR $2) ORDER BY e.id"
        ))
        .bind(ticket_id)
        .bind(include_internal)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// The newest event id: the head of the change feed.
    pub async fn feed_head(&self) -> Result<i64, AppError> {
        let v: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM ticket_events")
            .fetch_one(&self.pool)
            .await?;
        Ok(v.unwrap_or(0))
    }

    /// Events after `cursor`, oldest first, at most `limit`.
    pub async fn events_after(&self, cursor: i64, limit: i64) -> Result<Vec<Event>, AppError> {
        let rows = sqlx::query(concat!(
            event_select!(),
            " WHERE e.id > $1 ORDER BY e.id LIMIT $2"
        ))
        .bind(cursor)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(event_from_row).collect()
    }

    /// Finds a note filed before with the same idempotency key (a retried submission).
    pub async fn note_by_key(
        conn: &mut AnyConnection,
        key: &str,
    ) -> Result<Option<(i64, i64)>, AppError> {
        let row = sqlx::query("SELECT id, ticket_id FROM notes WHERE idempotency_key = $1")
            .bind(key)
            .fetch_optional(&mut *conn)
            .await?;
        row.map(|r| Ok((r.try_get("id")?, r.try_get("ticket_id")?)))
            .transpose()
    }

    #[expect(clippy::too_many_arguments, reason = "a note has that many columns")]
    pub async fn insert_note(
        conn: &mut AnyConnection,
        ticket_id: i64,
        author_id: i64,
        body: &str,
        visibility: NoteVisibility,
        minutes: Option<i64>,
        idempotency_key: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO notes (ticket_id, author_id, body, visibility, minutes, idempotency_key, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(ticket_id)
        .bind(author_id)
        .bind(body)
        .bind(visibility.as_str())
        .bind(minutes)
        .bind(idempotency_key)
        .bind(to_ms(now))
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    pub async fn notes(
        &self,
        ticket_id: i64,
        include_internal: bool,
    ) -> Result<Vec<Note>, AppError> {
        let rows = sqlx::query(
            "SELECT n.id, n.body, n.visibility, n.minutes, n.created_at, u.email, u.name FROM notes n \
             JOIN users u ON u.id = n.author_id WHERE n.ticket_id = $1 AND (n.visibility = 'public' OR $2) ORDER BY n.id",
        )
        .bind(ticket_id)
        .bind(include_internal)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Note {
                    id: r.try_get("id")?,
                    author: PersonRef {
                        email: r.try_get("email")?,
                        name: r.try_get("name")?,
                    },
                    body: r.try_get("body")?,
                    visibility: decode(r.try_get("visibility")?)?,
                    minutes: r.try_get("minutes")?,
                    created_at: from_ms(r.try_get("created_at")?),
                })
            })
            .collect()
    }

    pub async fn add_watcher(
        conn: &mut AnyConnection,
        ticket_id: i64,
        user_id: i64,
    ) -> Result<(), AppError> {
        sqlx::query(
            "INSERT INTO watchers (ticket_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        )
        .bind(ticket_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
        Ok(())
    }

    pub async fn watchers(&self, ticket_id: i64) -> Result<Vec<PersonRef>, AppError> {
        let rows = sqlx::query(
            "SELECT u.email, u.name FROM watchers w JOIN users u ON u.id = w.user_id WHERE w.ticket_id = $1 ORDER BY u.name",
        )
        .bind(ticket_id)
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

    /// Tickets visible in `scope` that match `filter`, by priority then age, after `cursor`.
    pub async fn list_tickets(
        &self,
        visibility: &Visibility,
        filter: &TicketQuery,
    ) -> Result<Vec<TicketRow>, AppError> {
        // First the ids, from the indexes alone (sorting thousands of open tickets costs little
        // when the rows are not read), then the page's rows with their joins.
        let mut q = Sql::new("SELECT t.id FROM tickets t WHERE 1 = 1");
        push_visibility(&mut q, visibility);
        if !filter.statuses.is_empty() {
            q.push(" AND t.status IN (");
            let mut sep = q.separated(", ");
            for s in &filter.statuses {
                sep.push_bind(s.as_str());
            }
            q.push(")");
        }
        match &filter.assignee {
            Some(AssigneeFilter::Nobody) => {
                q.push(" AND t.assignee_id IS NULL");
            }
            Some(AssigneeFilter::User(id)) => {
                q.push(" AND t.assignee_id = ").push_bind(*id);
            }
            None => {}
        }
        if let Some(rid) = filter.requester {
            q.push(" AND t.requester_id = ").push_bind(rid);
        }
        if let Some(p) = filter.priority {
            q.push(" AND t.priority = ").push_bind(p.as_str());
        }
        if let Some(c) = &filter.category {
            q.push(" AND t.category_id = (SELECT id FROM categories WHERE slug = ")
                .push_bind(c.clone())
                .push(")");
        }
        if let Some(text) = filter.text.as_deref() {
            let columns = if filter.internal_notes {
                SearchIn::Everything
            } else {
                SearchIn::Public
            };
            if !self.push_search(&mut q, text, columns, Words::All) {
                return Ok(Vec::new());
            }
        }
        if let Some(c) = &filter.after {
            q.push(" AND (t.priority, t.created_at, t.id) > (")
                .push_bind(c.priority.as_str())
                .push(", ")
                .push_bind(c.created_at_ms)
                .push(", ")
                .push_bind(c.id)
                .push(")");
        }
        match filter.order {
            TicketOrder::Priority => q.push(" ORDER BY t.priority, t.created_at, t.id"),
            TicketOrder::RecentlyUpdated => q.push(" ORDER BY (t.status IN ('resolved', 'closed', 'cancelled')), t.updated_at DESC, t.id DESC"),
        };
        q.push(" LIMIT ").push_bind(filter.limit);
        let ids: Vec<i64> = q.build_query_scalar().fetch_all(&self.pool).await?;
        let mut rows = self.tickets_by_ids(&ids).await?;
        let position = |id: i64| ids.iter().position(|&x| x == id).unwrap_or(usize::MAX);
        rows.sort_by_key(|r| position(r.id));
        Ok(rows)
    }

    /// Tickets by id, for the change feed.
    pub async fn tickets_by_ids(&self, ids: &[i64]) -> Result<Vec<TicketRow>, AppError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = Sql::new(concat!(ticket_select!(), " WHERE t.id IN ("));
        let mut sep = q.separated(", ");
        for id in ids {
            sep.push_bind(*id);
        }
        q.push(")");
        let rows = q.build().fetch_all(&self.pool).await?;
        rows.iter().map(ticket_from_row).collect()
    }

    /// Open tickets whose title shares words with `title`, for "is it one of these?".
    pub async fn similar_open_titles(
        &self,
        words: &[String],
        requester: Option<i64>,
        limit: i64,
    ) -> Result<Vec<TicketRow>, AppError> {
        let mut q = Sql::new(concat!(
            ticket_select!(),
            " WHERE t.status IN ('new', 'assigned', 'in_progress', 'waiting')"
        ));
        if !self.push_search(&mut q, &words.join(" "), SearchIn::Title, Words::Any) {
            return Ok(Vec::new());
        }
        if let Some(rid) = requester {
            q.push(" AND t.requester_id = ").push_bind(rid);
        }
        q.push(" ORDER BY t.created_at DESC LIMIT ")
            .push_bind(limit);
        let rows = q.build().fetch_all(&self.pool).await?;
        rows.iter().map(ticket_from_row).collect()
    }

    // ---- technicians ------------------------------------------------------------------------

    /// Every technician-capable person with skills and current open load, in two queries.
    pub async fn technicians(&self) -> Result<Vec<Technician>, AppError> {
        let rows = sqlx::query(
            "SELECT u.id, u.email, u.name, u.role, u.tier, u.capacity, u.availability, u.off_until, u.phone, \
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
        let rows = sqlx::query("SELECT id, email, name, role FROM users ORDER BY role, name")
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

    // ---- service levels ---------------------------------------------------------------------

    /// Every SLA policy in order, read at most every few seconds (like categories).
    pub async fn policies(&self) -> Result<std::sync::Arc<Vec<Policy>>, AppError> {
        if let Ok(cache) = self.policies.read() {
            if let Some((_, list)) = cache
                .as_ref()
                .filter(|(at, _)| at.elapsed() < CATEGORY_CACHE)
            {
                return Ok(list.clone());
            }
        }
        let rows = sqlx::query(
            "SELECT id, name, categories, teams, time_zone, hours, holidays, targets_json, at_risk_percent, rules \
             FROM sla_policies ORDER BY position, id",
        )
        .fetch_all(&self.pool)
        .await?;
        let list = std::sync::Arc::new(
            rows.iter()
                .map(policy_from_row)
                .collect::<Result<Vec<_>, _>>()?,
        );
        if let Ok(mut cache) = self.policies.write() {
            *cache = Some((std::time::Instant::now(), list.clone()));
        }
        Ok(list)
    }

    pub fn forget_policies(&self) {
        if let Ok(mut cache) = self.policies.write() {
            *cache = None;
        }
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
                Err(AppError::field("name", "Another policy has that name"))
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

    // ---- notifications ----------------------------------------------------------------------

    pub async fn coordinator_ids(conn: &mut AnyConnection) -> Result<Vec<i64>, AppError> {
        Ok(
            sqlx::query_scalar("SELECT id FROM users WHERE role = 'coordinator' ORDER BY id")
                .fetch_all(&mut *conn)
                .await?,
        )
    }

    pub async fn watcher_ids(
        conn: &mut AnyConnection,
        ticket_id: i64,
    ) -> Result<Vec<i64>, AppError> {
        Ok(
            sqlx::query_scalar(
                "SELECT user_id FROM watchers WHERE ticket_id = $1 ORDER BY user_id",
            )
            .bind(ticket_id)
            .fetch_all(&mut *conn)
            .await?,
        )
    }

    pub async fn insert_notification(
        conn: &mut AnyConnection,
        n: &NewNotification<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO notifications (user_id, ticket_id, kind, subject, body, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(n.user_id)
        .bind(n.ticket_id)
        .bind(n.kind)
        .bind(&n.subject)
        .bind(&n.body)
        .bind(to_ms(now))
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    /// A person's notifications, newest first.
    pub async fn notifications(
        &self,
        user_id: i64,
        unread_only: bool,
        limit: i64,
    ) -> Result<Vec<Notification>, AppError> {
        let rows = sqlx::query(
            "SELECT id, ticket_id, kind, subject, body, created_at, read_at FROM notifications \
             WHERE user_id = $1 AND (read_at IS NULL OR NOT $2) ORDER BY id DESC LIMIT $3",
        )
        .bind(user_id)
        .bind(unread_only)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let ticket: Option<i64> = r.try_get("ticket_id")?;
                let read_at: Option<i64> = r.try_get("read_at")?;
                Ok(Notification {
                    id: r.try_get("id")?,
                    ticket: ticket.map(TicketNumber::from_id),
                    kind: r.try_get("kind")?,
                    subject: r.try_get("subject")?,
                    body: r.try_get("body")?,
                    at: from_ms(r.try_get("created_at")?),
                    read: read_at.is_some(),
                })
            })
            .collect()
    }

    pub async fn unread_count(&self, user_id: i64) -> Result<i64, AppError> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user_id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Marks one (or, without `id`, every) notification of a person read.
    pub async fn mark_read(
        &self,
        user_id: i64,
        id: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<u64, AppError> {
        let done = sqlx::query(
            "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL \
             AND ($3 IS NULL OR id = $3)",
        )
        .bind(to_ms(now))
        .bind(user_id)
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }
    // ---- email outbox and preferences ---------------------------------------------------------

    /// People to tell, with their preferences (defaults when they never set any).
    pub async fn recipients(
        conn: &mut AnyConnection,
        ids: &[i64],
    ) -> Result<Vec<Recipient>, AppError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = Sql::new(
            "SELECT u.id, u.email, u.name, u.role, p.muted, p.email AS wants_email, p.digest \
             FROM users u LEFT JOIN notification_prefs p ON p.user_id = u.id \
             WHERE u.deactivated_at IS NULL AND u.id IN (",
        );
        let mut list = q.separated(", ");
        for id in ids {
            list.push_bind(*id);
        }
        q.push(")");
        let rows = q.build().fetch_all(&mut *conn).await?;
        rows.iter()
            .map(|r| {
                Ok(Recipient {
                    id: r.try_get("id")?,
                    email: r.try_get("email")?,
                    name: r.try_get("name")?,
                    role: decode(r.try_get("role")?)?,
                    prefs: prefs_from_row(r)?,
                })
            })
            .collect()
    }

    pub async fn preferences(&self, user_id: i64) -> Result<Preferences, AppError> {
        let row = sqlx::query(
            "SELECT muted, email AS wants_email, digest FROM notification_prefs WHERE user_id = $1",
        )
        .bind(user_id)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            Some(r) => prefs_from_row(&r),
            None => Ok(Preferences::default()),
        }
    }

    pub async fn set_preferences(&self, user_id: i64, p: &Preferences) -> Result<(), AppError> {
        let muted: Vec<&str> = p.muted.iter().map(|k| k.as_str()).collect();
        sqlx::query(
            "INSERT INTO notification_prefs (user_id, muted, email, digest) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id) DO UPDATE SET muted = excluded.muted, email = excluded.email, digest = excluded.digest",
        )
        .bind(user_id)
        .bind(muted.join(","))
        .bind(p.email)
        .bind(p.digest.as_str())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn insert_outbox(
        conn: &mut AnyConnection,
        m: &OutboxRow,
        now: DateTime<Utc>,
    ) -> Result<i64, AppError> {
        let done = sqlx::query_scalar::<_, i64>(
            "INSERT INTO outbox (user_id, ticket_id, to_email, subject, text_body, html_body, digest, created_at, \
             next_attempt_at, status, last_error, link_kind, link_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(m.user_id)
        .bind(m.ticket_id)
        .bind(&m.to_email)
        .bind(&m.subject)
        .bind(&m.text_body)
        .bind(&m.html_body)
        .bind(m.digest)
        .bind(to_ms(now))
        .bind(to_ms(m.next_attempt_at))
        .bind(if m.held.is_some() { "held" } else { "pending" })
        .bind(&m.held)
        .bind(m.link.map(|(kind, _)| kind))
        .bind(m.link.map(|(_, id)| id))
        .fetch_one(&mut *conn)
        .await?;
        Ok(done)
    }

    /// Messages due for sending, oldest first.
    pub async fn due_mail(&self, now: DateTime<Utc>, limit: i64) -> Result<Vec<Mail>, AppError> {
        let rows = sqlx::query(
            "SELECT id, user_id, to_email, subject, text_body, html_body, digest, attempts, link_kind, link_id FROM outbox \
             WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
        )
        .bind(to_ms(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Mail {
                    id: r.try_get("id")?,
                    user_id: r.try_get("user_id")?,
                    to_email: r.try_get("to_email")?,
                    subject: r.try_get("subject")?,
                    text_body: r.try_get("text_body")?,
                    html_body: r.try_get("html_body")?,
                    digest: flag(r, "digest")?,
                    attempts: r.try_get("attempts")?,
                    link: match (
                        r.try_get::<Option<String>, _>("link_kind")?,
                        r.try_get::<Option<i64>, _>("link_id")?,
                    ) {
                        (Some(kind), Some(id)) => Some((kind, id)),
                        _ => None,
                    },
                })
            })
            .collect()
    }

    /// Takes a message for sending: pushes its next attempt past `lease_until` so no other worker
    /// sends it meanwhile. False when another worker has it or it went out already.
    pub async fn claim_mail(
        &self,
        id: i64,
        now: DateTime<Utc>,
        lease_until: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let done = sqlx::query(
            "UPDATE outbox SET next_attempt_at = $1 WHERE id = $2 AND status = 'pending' AND next_attempt_at <= $3",
        )
        .bind(to_ms(lease_until))
        .bind(id)
        .bind(to_ms(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn mail_sent(&self, ids: &[i64], now: DateTime<Utc>) -> Result<(), AppError> {
        for id in ids {
            sqlx::query(
                "UPDATE outbox SET status = 'sent', sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2",
            )
            .bind(to_ms(now))
            .bind(id)
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }

    /// Records a failed attempt: tried again at `retry_at`, or given up on (`None`).
    pub async fn mail_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<(), AppError> {
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $1, \
             status = CASE WHEN $2 IS NULL THEN 'failed' ELSE status END, \
             next_attempt_at = COALESCE($2, next_attempt_at) WHERE id = $3",
        )
        .bind(error)
        .bind(retry_at.map(to_ms))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// How many messages are in each state, with the latest reason for those not sent.
    pub async fn outbox_summary(&self) -> Result<Vec<(String, i64, Option<String>)>, AppError> {
        let rows = sqlx::query(
            "SELECT status, COUNT(*) AS n, MAX(last_error) AS why FROM outbox GROUP BY status ORDER BY status",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("status")?, r.try_get("n")?, r.try_get("why")?)))
            .collect()
    }

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

pub use crate::domain::ticket::{Rating, TrackingLink};

/// A person to tell, with how they want to be told.
#[derive(Clone, Debug)]
pub struct Recipient {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub prefs: Preferences,
}

impl Recipient {
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }
}

/// An email to queue.
pub struct OutboxRow {
    pub user_id: i64,
    pub ticket_id: Option<i64>,
    pub to_email: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub digest: bool,
    pub next_attempt_at: DateTime<Utc>,
    /// Why it is not to be sent (no SMTP server configured).
    pub held: Option<String>,
    /// The private link (`tracking`, `verify` or `reset`, and its id) whose address is minted into
    /// the bodies' `LINK_SLOT` when the message is sent.
    pub link: Option<(&'static str, i64)>,
}

/// A queued email the worker sends.
#[derive(Clone, Debug)]
pub struct Mail {
    pub id: i64,
    pub user_id: i64,
    pub to_email: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub digest: bool,
    pub attempts: i64,
    pub link: Option<(String, i64)>,
}

fn prefs_from_row(r: &AnyRow) -> Result<Preferences, AppError> {
    let muted: Option<String> = r.try_get("muted")?;
    let email = match r.try_get::<Option<i64>, _>("wants_email") {
        Ok(v) => v.map(|v| v != 0),
        Err(_) => r.try_get::<Option<bool>, _>("wants_email")?,
    };
    let digest: Option<String> = r.try_get("digest")?;
    Ok(Preferences {
        // Kinds no longer known are ignored rather than failing a whole delivery.
        muted: muted
            .unwrap_or_default()
            .split(',')
            .filter_map(|k| k.trim().parse().ok())
            .collect(),
        email: email.unwrap_or(true),
        digest: digest
            .as_deref()
            .map(decode)
            .transpose()?
            .unwrap_or(Digest::Off),
    })
}

/// Reports: what the measures of `domain::report` are computed from, in a fixed number of
/// queries whatever the period. Each ticket's history comes back as one compact text (see
/// `parse_history`) so that a year of events is read as one row per ticket.
impl Db {
    /// `technicians` is every member of staff, as `technicians()` lists them.
    pub async fn report_facts(
        &self,
        scope: &crate::domain::report::ReportScope,
        technicians: Vec<Technician>,
    ) -> Result<crate::domain::report::Facts, AppError> {
        use crate::domain::report::{Facts, RatingFact, StaffFact};
        let (start, end) = (to_ms(scope.start()), to_ms(scope.end()));

        // Each half of the tickets comes as one row holding a line per ticket: reading 100,000
        // rows one by one costs more than SQLite building the text, and the halves are built on
        // two connections at once.
        let half = |parity: i64| {
            let mut q = Sql::new(REPORT_LINES);
            q.push_bind(end)
                .push(" AND (t.updated_at >= ")
                .push_bind(start)
                .push(" OR t.status IN ('new', 'assigned', 'in_progress', 'waiting'))")
                .push(" AND t.id % 2 = ")
                .push_bind(parity);
            push_report_filters(&mut q, scope);
            q.push(") AS lines");
            async move {
                let text: Option<String> = q.build_query_scalar().fetch_one(&self.pool).await?;
                Ok::<_, AppError>(text.unwrap_or_default())
            }
        };
        let routes = async {
            let rows = sqlx::query(
                "SELECT c.id, c.slug, tm.name AS team FROM categories c LEFT JOIN teams tm ON tm.id = c.team_id",
            )
            .fetch_all(&self.pool)
            .await?;
            Ok::<_, AppError>(rows)
        };
        let (even, odd, routes) = tokio::try_join!(half(0), half(1), routes)?;
        let routes = routes
            .iter()
            .map(|r| {
                Ok((
                    r.try_get::<i64, _>("id")?,
                    (
                        r.try_get::<String, _>("slug")?,
                        r.try_get::<Option<String>, _>("team")?,
                    ),
                ))
            })
            .collect::<Result<std::collections::HashMap<_, _>, AppError>>()?;
        let staff_ids: std::collections::HashSet<i64> =
            technicians.iter().map(|t| t.user.id).collect();
        // The halves are parsed at the same time, one on a blocking thread.
        let parse = |text: &str,
                     routes: &std::collections::HashMap<i64, (String, Option<String>)>,
                     staff: &std::collections::HashSet<i64>| {
            text.split('\n')
                .filter(|l| !l.is_empty())
                .map(|line| parse_ticket_line(line, routes, staff))
                .collect::<Result<Vec<_>, AppError>>()
        };
        let (other_routes, other_staff) = (routes.clone(), staff_ids.clone());
        let odd = tokio::task::spawn_blocking(move || parse(&odd, &other_routes, &other_staff));
        let mut histories = parse(&even, &routes, &staff_ids)?;
        histories.extend(odd.await.map_err(|e| {
            tracing::error!(error = %e, "report parsing stopped");
            AppError::Internal
        })??);

        let mut q = Sql::new(
            "SELECT r.ticket_id, r.score, r.comment, r.rated_at FROM ratings r JOIN tickets t ON t.id = r.ticket_id \
             JOIN categories c ON c.id = t.category_id LEFT JOIN teams tm ON tm.id = c.team_id WHERE r.rated_at >= ",
        );
        q.push_bind(start).push(" AND r.rated_at < ").push_bind(end);
        push_report_filters(&mut q, scope);
        let ratings = q
            .build()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| -> Result<RatingFact, AppError> {
                Ok(RatingFact {
                    number: TicketNumber::from_id(r.try_get("ticket_id")?),
                    score: u8::try_from(r.try_get::<i64, _>("score")?).unwrap_or_default(),
                    comment: r.try_get("comment")?,
                    at: from_ms(r.try_get("rated_at")?),
                })
            })
            .collect::<Result<Vec<_>, _>>()?;

        let mut q = Sql::new(
            "SELECT n.author_id, CAST(SUM(n.minutes) AS BIGINT) AS minutes FROM notes n JOIN tickets t ON t.id = n.ticket_id \
             JOIN categories c ON c.id = t.category_id LEFT JOIN teams tm ON tm.id = c.team_id \
             WHERE n.minutes IS NOT NULL AND n.created_at >= ",
        );
        q.push_bind(start)
            .push(" AND n.created_at < ")
            .push_bind(end);
        push_report_filters(&mut q, scope);
        q.push(" GROUP BY n.author_id");
        let minutes_logged = q
            .build()
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("author_id")?, r.try_get("minutes")?)))
            .collect::<Result<Vec<_>, AppError>>()?;

        let staff = technicians
            .into_iter()
            .map(|t| StaffFact {
                id: t.user.id,
                technician: t.user.role == Role::Technician,
                name: t.user.name,
                teams: t.teams,
                capacity: t.capacity,
                open_now: t.open_load,
            })
            .collect();
        let categories = self
            .categories()
            .await?
            .into_iter()
            .map(|c| (c.slug, c.name))
            .collect();
        Ok(Facts {
            histories,
            ratings,
            minutes_logged,
            staff,
            categories,
        })
    }
}

fn push_report_filters(q: &mut Sql, scope: &crate::domain::report::ReportScope) {
    if let Some(category) = &scope.category {
        q.push(" AND c.slug = ").push_bind(category.clone());
    }
    if let Some(team) = &scope.team {
        q.push(" AND tm.name = ").push_bind(team.clone());
    }
    if let Some(technician) = scope.technician {
        q.push(" AND t.assignee_id = ").push_bind(technician);
    }
    if let Some(priority) = scope.priority {
        q.push(" AND t.priority = ").push_bind(priority.as_str());
    }
}

/// Report lines (see `parse_ticket_line`) of the tickets passing the conditions that follow.
const REPORT_LINES: &str = "SELECT string_agg(line, '
') FROM (SELECT t.id || ' ' || t.created_at || ' ' || t.category_id \
               || ' ' || replace(t.channel, ' ', '_') || ' ' || t.priority || ' ' || t.status \
               || ' ' || COALESCE(CAST(t.assignee_id AS TEXT), '-') || ' ' || COALESCE( \
             (SELECT string_agg(e.id || ' ' || e.at || ' ' || CASE e.kind \
                 WHEN 'status' THEN 'S' || e.to_value \
                   || CASE WHEN e.to_value = 'waiting' AND e.detail IN ('requester', 'third_party', 'facility') \
                      THEN ':' || e.detail ELSE '' END \
                   || '@' || COALESCE(CAST(e.actor_id AS TEXT), '') \
                 WHEN 'assigned' THEN 'A' \
                 WHEN 'escalated' THEN 'E' || COALESCE(CAST(e.actor_id AS TEXT), '') \
                 WHEN 'reopened' THEN 'R' \
                 WHEN 'note' THEN 'N' || COALESCE(CAST(e.actor_id AS TEXT), '') \
                 WHEN 'rule_priority' THEN 'L' \
               END, ';') \
              FROM ticket_events e \
              WHERE e.ticket_id = t.id AND (e.kind IN ('status', 'assigned', 'escalated', 'reopened') \
                OR (e.kind = 'note' AND NOT e.internal) OR e.kind = 'rule_priority')), '') AS line \
             FROM tickets t JOIN categories c ON c.id = t.category_id LEFT JOIN teams tm ON tm.id = c.team_id \
             WHERE t.created_at < ";

/// Reads one ticket line of `report_facts`: `id created_at category_id channel priority status
/// assignee_id|- history`.
fn parse_ticket_line(
    line: &str,
    routes: &std::collections::HashMap<i64, (String, Option<String>)>,
    staff: &std::collections::HashSet<i64>,
) -> Result<crate::domain::report::History, AppError> {
    let unreadable = || {
        tracing::error!(line, "unreadable report line");
        AppError::Internal
    };
    let mut f = line.splitn(8, ' ');
    let mut next = || f.next().ok_or_else(unreadable);
    let id: i64 = decode(next()?)?;
    let created_at = from_ms(decode(next()?)?);
    let (category, team) = routes
        .get(&decode(next()?)?)
        .cloned()
        .ok_or_else(unreadable)?;
    let channel = decode(next()?)?;
    let priority = decode(next()?)?;
    let status = decode(next()?)?;
    let assignee = match next()? {
        "-" => None,
        a => Some(decode(a)?),
    };
    let history = f.next().unwrap_or_default();
    Ok(crate::domain::report::History {
        number: TicketNumber::from_id(id),
        created_at,
        category,
        team,
        channel,
        priority,
        assignee,
        status,
        changes: parse_history(history, staff)?,
    })
}

/// Reads the history text of `report_facts`: `id at code` items separated by `;`, where the code is
/// `S<status>[:<waiting on>]@<actor id>` a status change, `A` assigned, `E<actor id>` escalated,
/// `R` reopened, `N<actor id>` a public note, `L` priority raised by a service-level rule. A
/// public note, or work started, waiting or resolving, by a member of `staff` is a response.
fn parse_history(
    text: &str,
    staff: &std::collections::HashSet<i64>,
) -> Result<Vec<(DateTime<Utc>, crate::domain::report::Change)>, AppError> {
    use crate::domain::report::Change;
    let unreadable = |item: &str| {
        tracing::error!(item, "unreadable report history item");
        AppError::Internal
    };
    let by_staff = |actor: &str| actor.parse::<i64>().is_ok_and(|id| staff.contains(&id));
    // Items come in index order in practice; sorting by event id makes it certain.
    let mut items: Vec<(i64, &str, &str)> = Vec::new();
    for item in text.split(';').filter(|i| !i.is_empty()) {
        let mut parts = item.splitn(3, ' ');
        let (Some(id), Some(at), Some(code)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(unreadable(item));
        };
        items.push((decode(id)?, at, code));
    }
    items.sort_unstable_by_key(|(id, _, _)| *id);
    let mut out = Vec::with_capacity(items.len());
    for (_, at, code) in items {
        let item = code;
        let at = from_ms(decode(at)?);
        let mut letters = code.chars();
        let kind = letters
            .next()
            .and_then(|c| EventKind::ALL.iter().find(|k| k.report_code() == Some(c)))
            .ok_or_else(|| unreadable(item))?;
        let rest = letters.as_str();
        match kind {
            EventKind::Status => {
                let (status, actor) = rest.rsplit_once('@').ok_or_else(|| unreadable(item))?;
                let (status, waiting_on) = match status.split_once(':') {
                    Some((s, w)) => (s, w.parse().ok()),
                    None => (status, None),
                };
                let to: Status = decode(status)?;
                if EventKind::Status.responds(Some(to.as_str()), false) && by_staff(actor) {
                    out.push((at, Change::Responded));
                }
                out.push((at, Change::Status { to, waiting_on }));
            }
            EventKind::Assigned => out.push((at, Change::Assigned)),
            EventKind::Escalated => out.push((
                at,
                Change::Escalated {
                    by: rest.parse().ok(),
                },
            )),
            EventKind::RulePriority => out.push((at, Change::Escalated { by: None })),
            EventKind::Reopened => out.push((at, Change::Reopened)),
            EventKind::Note if by_staff(rest) => out.push((at, Change::Responded)),
            EventKind::Note => {}
            _ => return Err(unreadable(item)),
        }
    }
    Ok(out)
}

/// A ticket with its whole history, written as given (no lifecycle rules, notifications or
/// clocks): for moving data in bulk, such as the reports benchmark's year of history.
#[derive(Clone, Debug)]
pub struct ImportTicket {
    pub title: String,
    pub description: String,
    pub category: String,
    pub requester_id: i64,
    pub assignee_id: Option<i64>,
    pub impact: Impact,
    pub urgency: Urgency,
    pub priority: Priority,
    pub status: Status,
    pub waiting_on: Option<WaitingOn>,
    pub channel: Channel,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub resolution: Option<String>,
    pub escalated: bool,
    pub reopened: bool,
    pub events: Vec<ImportEvent>,
    pub notes: Vec<ImportNote>,
    /// Score, comment and when it was given.
    pub rating: Option<(i64, Option<String>, DateTime<Utc>)>,
}

#[derive(Clone, Debug)]
pub struct ImportEvent {
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub kind: EventKind,
    pub from: Option<String>,
    pub to: Option<String>,
    pub detail: Option<String>,
    pub internal: bool,
}

#[derive(Clone, Debug)]
pub struct ImportNote {
    pub at: DateTime<Utc>,
    pub author_id: i64,
    pub body: String,
    pub visibility: NoteVisibility,
    pub minutes: Option<i64>,
}

impl Db {
    /// Writes tickets with their events, notes and ratings in one transaction; returns their ids.
    pub async fn import_tickets(&self, batch: &[ImportTicket]) -> Result<Vec<i64>, AppError> {
        const ROWS: usize = 1000;
        let categories = self.all_categories().await?;
        let mut tx = self.begin_write().await?;
        let mut ids = Vec::with_capacity(batch.len());
        for t in batch {
            let category_id = categories
                .iter()
                .find(|(_, c)| c.slug == t.category)
                .map(|(id, _)| *id)
                .ok_or_else(|| AppError::field("category", "Unknown category"))?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO tickets (title, description, category_id, requester_id, assignee_id, impact, urgency, priority, \
                 status, waiting_on, channel, created_at, updated_at, resolution, escalated, reopened) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id",
            )
            .bind(&t.title)
            .bind(&t.description)
            .bind(category_id)
            .bind(t.requester_id)
            .bind(t.assignee_id)
            .bind(t.impact.as_str())
            .bind(t.urgency.as_str())
            .bind(t.priority.as_str())
            .bind(t.status.as_str())
            .bind(t.waiting_on.map(WaitingOn::as_str))
            .bind(t.channel.as_str())
            .bind(to_ms(t.created_at))
            .bind(to_ms(t.updated_at))
            .bind(&t.resolution)
            .bind(t.escalated)
            .bind(t.reopened)
            .fetch_one(&mut *tx)
            .await?;
            if let Some((score, comment, at)) = &t.rating {
                sqlx::query("INSERT INTO ratings (ticket_id, score, comment, rated_at) VALUES ($1, $2, $3, $4)")
                    .bind(id)
                    .bind(score)
                    .bind(comment)
                    .bind(to_ms(*at))
                    .execute(&mut *tx)
                    .await?;
            }
            ids.push(id);
        }
        let events: Vec<(i64, &ImportEvent)> = ids
            .iter()
            .zip(batch)
            .flat_map(|(id, t)| t.events.iter().map(move |e| (*id, e)))
            .collect();
        for chunk in events.chunks(ROWS) {
            let mut q = Sql::new(
                "INSERT INTO ticket_events (ticket_id, actor_id, at, kind, from_value, to_value, detail, internal) ",
            );
            q.push_values(chunk, |mut b, (id, e)| {
                b.push_bind(*id)
                    .push_bind(e.actor_id)
                    .push_bind(to_ms(e.at))
                    .push_bind(e.kind.as_str())
                    .push_bind(e.from.clone())
                    .push_bind(e.to.clone())
                    .push_bind(e.detail.clone())
                    .push_bind(e.internal);
            });
            q.build().execute(&mut *tx).await?;
        }
        let notes: Vec<(i64, &ImportNote)> = ids
            .iter()
            .zip(batch)
            .flat_map(|(id, t)| t.notes.iter().map(move |n| (*id, n)))
            .collect();
        for chunk in notes.chunks(ROWS) {
            let mut q = Sql::new(
                "INSERT INTO notes (ticket_id, author_id, body, visibility, minutes, created_at) ",
            );
            q.push_values(chunk, |mut b, (id, n)| {
                b.push_bind(*id)
                    .push_bind(n.author_id)
                    .push_bind(n.body.clone())
                    .push_bind(n.visibility.as_str())
                    .push_bind(n.minutes)
                    .push_bind(to_ms(n.at));
            });
            q.build().execute(&mut *tx).await?;
        }
        tx.commit().await?;
        Ok(ids)
    }
}

/// A notification to write.
pub struct NewNotification<'a> {
    pub user_id: i64,
    pub ticket_id: Option<i64>,
    pub kind: &'a str,
    pub subject: String,
    pub body: String,
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

fn policy_from_row(r: &AnyRow) -> Result<Policy, AppError> {
    let bad = |what: String| {
        tracing::error!(error = %what, "undecodable SLA policy");
        AppError::Internal
    };
    let calendar = Calendar::parse(
        r.try_get("time_zone")?,
        r.try_get("hours")?,
        r.try_get("holidays")?,
    )
    .map_err(bad)?;
    let targets: [Target; 4] =
        serde_json::from_str(r.try_get("targets_json")?).map_err(|e| bad(e.to_string()))?;
    let rules = r
        .try_get::<&str, _>("rules")?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(Rule::parse)
        .collect::<Result<Vec<_>, _>>()
        .map_err(bad)?;
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

const CATEGORY_CACHE: Duration = Duration::from_secs(10);

/// Categories with their ids, and when they were read.
type CategoryCache = std::sync::Arc<
    std::sync::RwLock<Option<(std::time::Instant, std::sync::Arc<Vec<(i64, Category)>>)>>,
>;

/// A session's user, when it was last seen and when it began (ms), and when it was cached.
type CachedSession = (User, i64, i64, std::time::Instant);

/// Signed-in sessions seen in the last few seconds: a board polling every 1.5 s is answered
/// without reading its session row each time. Sign-out and password changes here drop entries at
/// once; in another process they take effect within `SESSION_CACHE`.
#[derive(Clone, Debug, Default)]
struct SessionCache(
    std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, CachedSession>>>,
);

const SESSION_CACHE: Duration = Duration::from_secs(15);

impl SessionCache {
    /// The user of a session cached recently, still inside its idle limit, and whose last-seen
    /// time does not need writing yet.
    fn get(
        &self,
        token_hash: &str,
        idle_cutoff_ms: i64,
        start_cutoff_ms: i64,
        now_ms: i64,
    ) -> Option<User> {
        let map = self.0.lock().ok()?;
        let (user, last_seen, started, cached_at) = map.get(token_hash)?;
        (cached_at.elapsed() < SESSION_CACHE
            && *last_seen > idle_cutoff_ms
            && *started > start_cutoff_ms
            && now_ms - *last_seen <= 60_000)
            .then(|| user.clone())
    }

    fn put(&self, token_hash: &str, user: User, last_seen_ms: i64, started_ms: i64) {
        if let Ok(mut map) = self.0.lock() {
            if map.len() > 50_000 {
                map.retain(|_, (_, _, _, at)| at.elapsed() < SESSION_CACHE);
            }
            map.insert(
                token_hash.to_string(),
                (user, last_seen_ms, started_ms, std::time::Instant::now()),
            );
        }
    }

    fn remove(&self, token_hash: &str) {
        if let Ok(mut map) = self.0.lock() {
            map.remove(token_hash);
        }
    }

    fn forget(&self, which: impl Fn(&User) -> bool) {
        if let Ok(mut map) = self.0.lock() {
            map.retain(|_, (u, _, _, _)| !which(u));
        }
    }
}

/// SLA policies, and when they were read.
type PolicyCache =
    std::sync::Arc<std::sync::RwLock<Option<(std::time::Instant, std::sync::Arc<Vec<Policy>>)>>>;

/// Which text a search looks in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SearchIn {
    Title,
    /// Title, description and public notes (what a requester may search).
    Public,
    /// Internal notes as well (staff).
    Everything,
}

/// Whether every word must match or any one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Words {
    All,
    Any,
}

impl Db {
    /// Adds ` AND t.id IN (<tickets whose text matches>)` to a query over `tickets t`, with the
    /// full-text search of the backend (SQLite FTS5, PostgreSQL `tsvector`): every word a prefix,
    /// no search syntax from the user interpreted. False when there is no word to search for.
    fn push_search(&self, q: &mut Sql, text: &str, within: SearchIn, words: Words) -> bool {
        match self.backend {
            Backend::Sqlite => {
                let Some(query) =
                    fts_query(text, if words == Words::All { " AND " } else { " OR " })
                else {
                    return false;
                };
                let columns = match within {
                    SearchIn::Title => "{title}",
                    SearchIn::Public => "{title description public_notes}",
                    SearchIn::Everything => "{title description public_notes internal_notes}",
                };
                q.push(" AND t.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ")
                    .push_bind(format!("{columns} : ({query})"))
                    .push(")");
            }
            Backend::Postgres => {
                let Some(query) = ts_query(text, if words == Words::All { " & " } else { " | " })
                else {
                    return false;
                };
                let column = match within {
                    SearchIn::Title => "title_doc",
                    SearchIn::Public => "public_doc",
                    SearchIn::Everything => "all_doc",
                };
                q.push(format!(" AND t.id IN (SELECT ticket_id FROM ticket_search WHERE {column} @@ to_tsquery('simple', "))
                    .push_bind(query)
                    .push("))");
            }
        }
        true
    }
}

/// Turns what a person typed into a PostgreSQL `tsquery`: every word becomes a lower-case prefix
/// term, so no query syntax from the user is interpreted. `None` when there is no word.
pub fn ts_query(text: &str, joiner: &str) -> Option<String> {
    search_terms(text, joiner, |w| format!("{w}:*"))
}

/// Up to twelve lower-cased words of `text` (letters and digits only), each written by `term`
/// and joined; `None` when there is no word.
fn search_terms(text: &str, joiner: &str, term: impl Fn(&str) -> String) -> Option<String> {
    let terms: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| term(&w.to_lowercase()))
        .collect();
    (!terms.is_empty()).then(|| terms.join(joiner))
}

/// Turns what a person typed into an FTS5 query: every word becomes a quoted prefix term, so no
/// FTS syntax from the user is interpreted. `None` when there is no word to search for.
pub fn fts_query(text: &str, joiner: &str) -> Option<String> {
    search_terms(text, joiner, |w| format!("\"{w}\"*"))
}

/// The tickets (`t`) `visibility` lets its person see, as SQL: the same relations
/// `service::can_see` checks for one ticket.
fn push_visibility(q: &mut Sql, visibility: &Visibility) {
    let Visibility::Related { user, by } = visibility else {
        return;
    };
    q.push(" AND (1 = 0");
    for relation in *by {
        q.push(" OR ");
        match relation {
            Relation::Requester => {
                q.push("t.requester_id = ").push_bind(*user);
            }
            Relation::Assignee => {
                q.push("t.assignee_id = ").push_bind(*user);
            }
            Relation::Watcher => {
                q.push(
                    "EXISTS (SELECT 1 FROM watchers w WHERE w.ticket_id = t.id AND w.user_id = ",
                )
                .push_bind(*user)
                .push(")");
            }
            Relation::ProjectFollower => {
                q.push("EXISTS (SELECT 1 FROM projects p WHERE p.id = t.project_id AND p.manager_id = ")
                    .push_bind(*user)
                    .push(") OR EXISTS (SELECT 1 FROM project_watchers pw WHERE pw.project_id = t.project_id AND pw.user_id = ")
                    .push_bind(*user)
                    .push(")");
            }
            Relation::Queue => {
                q.push("(t.assignee_id IS NULL AND t.status = ")
                    .push_bind(Status::New.as_str())
                    .push(" AND EXISTS (SELECT 1 FROM categories c WHERE c.id = t.category_id AND (c.team_id IS NULL OR EXISTS (SELECT 1 FROM team_members m WHERE m.team_id = c.team_id AND m.user_id = ")
                    .push_bind(*user)
                    .push("))))");
            }
        }
    }
    q.push(")");
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssigneeFilter {
    Nobody,
    User(i64),
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TicketOrder {
    #[default]
    Priority,
    RecentlyUpdated,
}

/// Keyset position in the priority ordering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListCursor {
    pub priority: Priority,
    pub created_at_ms: i64,
    pub id: i64,
}

impl ListCursor {
    pub fn encode(&self) -> String {
        format!("{}.{}.{}", self.priority, self.created_at_ms, self.id)
    }

    pub fn decode(s: &str) -> Option<ListCursor> {
        let mut parts = s.split('.');
        let c = ListCursor {
            priority: parts.next()?.parse().ok()?,
            created_at_ms: parts.next()?.parse().ok()?,
            id: parts.next()?.parse().ok()?,
        };
        parts.next().is_none().then_some(c)
    }
}

#[derive(Clone, Debug, Default)]
pub struct TicketQuery {
    pub statuses: Vec<Status>,
    pub assignee: Option<AssigneeFilter>,
    pub requester: Option<i64>,
    pub priority: Option<Priority>,
    pub category: Option<String>,
    pub text: Option<String>,
    /// Whether internal notes count for the text search (staff only).
    pub internal_notes: bool,
    pub after: Option<ListCursor>,
    pub order: TicketOrder,
    pub limit: i64,
}

pub struct NewTicketRow {
    pub title: String,
    pub description: String,
    pub category_id: i64,
    pub requester_id: i64,
    pub impact: Impact,
    pub urgency: Urgency,
    pub priority: Priority,
    pub location: Option<String>,
    pub asset_tag: Option<String>,
    pub contact: Option<String>,
    pub fields: serde_json::Map<String, serde_json::Value>,
    pub channel: Channel,
    pub now: DateTime<Utc>,
    /// Planned tasks belong to a project and have a due date.
    pub project_id: Option<i64>,
    pub due_on: Option<NaiveDate>,
}

/// The mutable state of a ticket, written whole by `update_ticket`.
#[derive(Clone, Debug, PartialEq)]
pub struct TicketState {
    pub status: Status,
    pub waiting_on: Option<WaitingOn>,
    pub assignee_id: Option<i64>,
    pub priority: Priority,
    pub priority_reason: Option<String>,
    pub category_id: i64,
    pub escalated: bool,
    pub reopened: bool,
    pub resolution: Option<String>,
    pub fields: serde_json::Map<String, serde_json::Value>,
}

/// A ticket with the ids the service layer decides permissions on.
#[derive(Clone, Debug)]
pub struct TicketRow {
    pub id: i64,
    pub requester_id: i64,
    pub assignee_id: Option<i64>,
    pub category_id: i64,
    pub priority_reason: Option<String>,
    pub ticket: Ticket,
    pub project_id: Option<i64>,
}

impl TicketRow {
    pub fn state(&self) -> TicketState {
        TicketState {
            status: self.ticket.status,
            waiting_on: self.ticket.waiting_on,
            assignee_id: self.assignee_id,
            priority: self.ticket.priority,
            priority_reason: self.priority_reason.clone(),
            category_id: self.category_id,
            escalated: self.ticket.escalated,
            reopened: self.ticket.reopened,
            resolution: self.ticket.resolution.clone(),
            fields: self.ticket.fields.clone(),
        }
    }
}

#[derive(Clone, Debug)]
pub struct NewEvent {
    pub kind: EventKind,
    pub from: Option<String>,
    pub to: Option<String>,
    pub detail: Option<String>,
    pub internal: bool,
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

fn user_from_row(r: &AnyRow) -> Result<User, AppError> {
    Ok(User {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        name: r.try_get("name")?,
        role: decode::<Role>(r.try_get("role")?)?,
    })
}

fn category_from_row(r: &AnyRow) -> Result<(i64, Category), AppError> {
    let fields: Vec<CategoryField> =
        serde_json::from_str(r.try_get("fields_json")?).map_err(|e| {
            tracing::error!(error = %e, "undecodable category fields");
            AppError::Internal
        })?;
    Ok((
        r.try_get("id").unwrap_or_default(),
        Category {
            slug: r.try_get("slug")?,
            name: r.try_get("name")?,
            fields,
        },
    ))
}

fn ticket_from_row(r: &AnyRow) -> Result<TicketRow, AppError> {
    let id: i64 = r.try_get("id")?;
    let assignee_email: Option<String> = r.try_get("a_email")?;
    let assignee_name: Option<String> = r.try_get("a_name")?;
    let fields = match serde_json::from_str(r.try_get("fields_json")?) {
        Ok(serde_json::Value::Object(map)) => map,
        _ => serde_json::Map::new(),
    };
    let waiting_on: Option<String> = r.try_get("waiting_on")?;
    let project_id: Option<i64> = r.try_get("project_id")?;
    Ok(TicketRow {
        id,
        requester_id: r.try_get("requester_id")?,
        assignee_id: r.try_get("assignee_id")?,
        category_id: r.try_get("category_id")?,
        priority_reason: r.try_get("priority_reason")?,
        ticket: Ticket {
            number: TicketNumber::from_id(id),
            title: r.try_get("title")?,
            description: r.try_get("description")?,
            category: r.try_get("category")?,
            status: decode(r.try_get("status")?)?,
            waiting_on: waiting_on.as_deref().map(decode).transpose()?,
            priority: decode(r.try_get("priority")?)?,
            impact: decode(r.try_get("impact")?)?,
            urgency: decode(r.try_get("urgency")?)?,
            requester: PersonRef {
                email: r.try_get("r_email")?,
                name: r.try_get("r_name")?,
            },
            assignee: assignee_email
                .zip(assignee_name)
                .map(|(email, name)| PersonRef { email, name }),
            location: r.try_get("location")?,
            asset_tag: r.try_get("asset_tag")?,
            contact: r.try_get("contact")?,
            fields,
            escalated: flag(r, "escalated")?,
            reopened: flag(r, "reopened")?,
            resolution: r.try_get("resolution")?,
            created_at: from_ms(r.try_get("created_at")?),
            updated_at: from_ms(r.try_get("updated_at")?),
            version: r.try_get("version")?,
            sla: r
                .try_get::<Option<&str>, _>("sla_json")?
                .and_then(|j| serde_json::from_str(j).ok()),
            project: project_id
                .zip(r.try_get::<Option<String>, _>("project_name")?)
                .map(|(id, name)| ProjectTag { id, name }),
            due_on: r
                .try_get::<Option<&str>, _>("due_on")?
                .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
            merged_into: r
                .try_get::<Option<i64>, _>("merged_into")?
                .map(TicketNumber::from_id),
        },
        project_id,
    })
}

fn event_from_row(r: &AnyRow) -> Result<Event, AppError> {
    let email: Option<String> = r.try_get("actor_email")?;
    let name: Option<String> = r.try_get("actor_name")?;
    Ok(Event {
        id: r.try_get("id")?,
        number: TicketNumber::from_id(r.try_get("ticket_id")?),
        actor: email
            .zip(name)
            .map(|(email, name)| PersonRef { email, name }),
        at: from_ms(r.try_get("at")?),
        kind: decode(r.try_get("kind")?)?,
        from: r.try_get("from_value")?,
        to: r.try_get("to_value")?,
        detail: r.try_get("detail")?,
        internal: flag(r, "internal")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_query_writes_each_kinds_report_code() {
        for k in EventKind::ALL {
            let when = format!("WHEN '{k}' THEN '");
            match k.report_code() {
                Some(code) => assert!(
                    REPORT_LINES.contains(&format!("{when}{code}")),
                    "{k} is written as {code}"
                ),
                None => assert!(!REPORT_LINES.contains(&when), "{k} is not reported"),
            }
        }
    }

    #[test]
    fn report_lines_read_back_with_responses_only_from_staff() {
        use crate::domain::report::Change;
        let routes = std::collections::HashMap::from([(
            3,
            ("network".to_string(), Some("Network".to_string())),
        )]);
        let staff = std::collections::HashSet::from([7]);
        // Out of order on purpose: items are put back in event order.
        let line = "42 1000 3 walk_in P2 resolved 7 \
                    18 5000 Sresolved@7;10 2000 A;11 2000 Sassigned@1;12 3000 Swaiting:requester@7;\
                    13 3500 N9;14 4000 Sin_progress@9;15 4500 E7;16 4600 L;17 4700 R;9 1500 N7";
        let h = parse_ticket_line(line, &routes, &staff).unwrap();
        assert_eq!(h.number, TicketNumber::from_id(42));
        assert_eq!(
            (h.category.as_str(), h.team.as_deref()),
            ("network", Some("Network"))
        );
        assert_eq!(
            (h.channel.as_str(), h.priority, h.status, h.assignee),
            ("walk_in", Priority::P2, Status::Resolved, Some(7))
        );
        let changes: Vec<(i64, Change)> = h
            .changes
            .into_iter()
            .map(|(at, c)| (to_ms(at), c))
            .collect();
        assert_eq!(
            changes,
            vec![
                // A public note by staff, then work by staff, are responses; the requester's
                // note (9) and the requester resuming the ticket are not.
                (1500, Change::Responded),
                (2000, Change::Assigned),
                (
                    2000,
                    Change::Status {
                        to: Status::Assigned,
                        waiting_on: None
                    }
                ),
                (3000, Change::Responded),
                (
                    3000,
                    Change::Status {
                        to: Status::Waiting,
                        waiting_on: Some(WaitingOn::Requester)
                    }
                ),
                (
                    4000,
                    Change::Status {
                        to: Status::InProgress,
                        waiting_on: None
                    }
                ),
                (4500, Change::Escalated { by: Some(7) }),
                (4600, Change::Escalated { by: None }),
                (4700, Change::Reopened),
                (5000, Change::Responded),
                (
                    5000,
                    Change::Status {
                        to: Status::Resolved,
                        waiting_on: None
                    }
                ),
            ]
        );
        assert!(
            parse_ticket_line("42 1000 99 portal P2 new - ", &routes, &staff).is_err(),
            "unknown category"
        );
        assert!(parse_ticket_line("42 1000 3 portal P9 new -", &routes, &staff).is_err());
        assert!(parse_ticket_line("42 1000 3 portal P2 new - 1 2 Q", &routes, &staff).is_err());
    }

    #[test]
    fn search_text_becomes_quoted_prefix_terms() {
        assert_eq!(
            fts_query("VPN fails!", " AND ").as_deref(),
            Some("\"vpn\"* AND \"fails\"*")
        );
        assert_eq!(
            fts_query("\" OR title:* NEAR(", " AND ").as_deref(),
            Some("\"or\"* AND \"title\"* AND \"near\"*")
        );
        assert_eq!(fts_query(" -- ", " AND "), None);
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = ListCursor {
            priority: Priority::P2,
            created_at_ms: 1_700_000_000_000,
            id: 42,
        };
        assert_eq!(ListCursor::decode(&c.encode()), Some(c));
        for bad in ["", "P2.1", "P9.1.2", "P2.x.2", "P2.1.2.3"] {
            assert_eq!(ListCursor::decode(bad), None, "{bad}");
        }
    }
}
