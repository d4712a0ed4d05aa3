//! The persistence module: every SQL statement of Switchboard lives here, so that a second backend
//! (PostgreSQL) is a contained change. Timestamps are stored as Unix milliseconds.

use crate::domain::coordination::ProjectTag;
use crate::domain::sla::{Rule, Target};
use crate::domain::{
    Availability, Calendar, Category, CategoryField, Channel, Digest, Event, EventKind, Impact,
    Note, NoteVisibility, Notification, PersonRef, Policy, Preferences, Priority, Relation, Role,
    Sla, Status, Ticket, TicketEvent, TicketNumber, Urgency, User, Visibility, WaitingOn,
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
pub use articles::{ArticleFigures, ArticleFilter, ArticleRow, SolvedRow};
pub use attachments::{AttachmentRow, NewAttachment};
pub use inbound::InboundRow;
pub use known::KnownRow;
pub use recurring::{NewRecurringRow, RecurringRow};
pub use replies::ReplyRow;
pub use webhooks::{DeliveryRow, DueDelivery, WebhookRow};
mod accounts;
mod articles;
mod attachments;
pub mod backup;
mod categories;
mod directory;
mod facility;
mod import;
mod inbound;
mod known;
mod links;
mod notifications;
mod people;
mod portal;
mod projects;
mod recurring;
mod replies;
mod reports;
mod sla;
mod sql;
mod technicians;
mod tickets;
mod transfer;
mod webhooks;
pub use facility::WorkOrderFilter;
pub use import::*;
pub use notifications::*;
pub use sla::*;
pub use technicians::*;
pub use tickets::*;
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
    caches: std::sync::Arc<Caches>,
}

/// What `Db` keeps in memory between statements, shared by every clone of it.
#[derive(Debug)]
struct Caches {
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
        if is_busy(&e) {
            tracing::warn!(error = %e, "the database was busy; the request may be sent again");
            return AppError::Busy;
        }
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}

/// Whether `e` says only that the database could not be had in time, so nothing was done and
/// the same request may be sent again: no connection free in the pool's time, SQLite's
/// `SQLITE_BUSY` or `SQLITE_LOCKED` (another connection held the lock past `busy_timeout`), or
/// PostgreSQL giving up a lock after `lock_timeout` (55P03), a deadlock (40P01) or a
/// serialisation failure (40001).
fn is_busy(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut => true,
        sqlx::Error::Database(db) => match db.try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
        {
            Some(pg) => matches!(pg.code(), "55P03" | "40P01" | "40001"),
            // SQLite's extended result code: the primary code is its low byte.
            None => db
                .code()
                .and_then(|code| code.parse::<i32>().ok())
                .is_some_and(|code| matches!(code & 0xff, 5 | 6)),
        },
        _ => false,
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

/// Pages in SQLite's write-ahead log (4 KiB each) past which a checkpoint finishes it holding the
/// writers' turn: a quarter of `wal_autocheckpoint`, so a writer never reaches that.
const RESTART_LOG_AT: i64 = 4_096;

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
                    } else {
                        // A session left idle inside a transaction for a minute (a process
                        // stopped mid-write, a lost network) is ended, and with it the writers'
                        // lock it may hold.
                        sqlx::query(
                            "SELECT set_config('idle_in_transaction_session_timeout', '60s', false)",
                        )
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
            caches: std::sync::Arc::new(Caches {
                categories: list_cache(),
                policies: list_cache(),
                sessions: session_cache(),
            }),
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
            // Another process's writer is waited for at most 10 s (`lock_timeout`, for this
            // transaction only); then the request answers "busy" rather than wait until its
            // proxy gives up.
            sqlx::query(
                "SELECT set_config('lock_timeout', '10s', true), \
                 pg_advisory_xact_lock(7262) IS NULL",
            )
            .execute(&mut *tx)
            .await?;
        }
        Ok(Tx { tx, _turn: turn })
    }

    /// Copies SQLite's write-ahead log back into the database file (nothing to do on
    /// PostgreSQL). Most of it is copied while writers go on. A log that has grown long is then
    /// finished holding the writers' turn (the pages they added meanwhile, a few milliseconds),
    /// so that the next writer starts it again from the beginning. Without that step a steady
    /// stream of writes never leaves a moment to start it again: it only lengthens, until the
    /// writer that takes it past `wal_autocheckpoint` copies it back inside its own commit while
    /// every other request waits (50–120 ms, about once a second under a full filing load).
    pub async fn checkpoint(&self) -> Result<(), AppError> {
        if self.backend != Backend::Sqlite {
            return Ok(());
        }
        // The connection is taken before the turn, as writers do.
        let mut conn = self.pool.acquire().await?;
        // (busy, pages in the log, pages copied)
        let row = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .fetch_one(&mut *conn)
            .await?;
        if row.try_get::<i64, _>(1)? < RESTART_LOG_AT {
            return Ok(());
        }
        // Once more while writers go on: what they wrote during the first copy, so that the
        // turn is held only for what they write during this one.
        sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&mut *conn)
            .await?;
        let _turn = self.writers.lock().await;
        sqlx::query("PRAGMA wal_checkpoint(RESTART)")
            .execute(&mut *conn)
            .await?;
        Ok(())
    }

    /// After a bulk import on PostgreSQL, vacuums and refreshes the planner's statistics at once,
    /// rather than leaving it to autovacuum, which would otherwise go over the new rows while the
    /// desk is in use. Nothing on SQLite: no statistics are kept there (`ANALYZE` never runs), and
    /// the queries are written for the plans SQLite chooses without them.
    pub async fn analyze(&self) -> Result<(), AppError> {
        if self.backend == Backend::Postgres {
            sqlx::query("VACUUM (ANALYZE)").execute(&self.pool).await?;
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
}

pub use crate::domain::ticket::{Rating, TrackingLink};

/// How long categories and SLA policies are kept before they are read again. They change rarely;
/// an edit in this process drops them at once, one in another process is seen within this time.
const CATEGORY_CACHE: Duration = Duration::from_secs(10);

/// Categories with their ids, under the one key `()`.
type CategoryCache = moka::sync::Cache<(), std::sync::Arc<Vec<(i64, Category)>>>;

/// SLA policies in order, under the one key `()`.
type PolicyCache = moka::sync::Cache<(), std::sync::Arc<Vec<Policy>>>;

/// A list read whole, kept for `CATEGORY_CACHE`.
fn list_cache<V: Clone + Send + Sync + 'static>() -> moka::sync::Cache<(), V> {
    moka::sync::Cache::builder()
        .max_capacity(1)
        .time_to_live(CATEGORY_CACHE)
        .build()
}

/// Signed-in sessions seen in the last few seconds: a board polling every 1.5 s is answered
/// without reading its session row each time. Sign-out and password changes here drop entries at
/// once; in another process they take effect within `SESSION_CACHE`.
type SessionCache = moka::sync::Cache<String, CachedSession>;

/// A session's user, when it was last seen and when it began (ms).
type CachedSession = (User, i64, i64);

const SESSION_CACHE: Duration = Duration::from_secs(15);

fn session_cache() -> SessionCache {
    moka::sync::Cache::builder()
        .max_capacity(50_000)
        .time_to_live(SESSION_CACHE)
        .build()
}

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

fn user_from_row(r: &AnyRow) -> Result<User, AppError> {
    Ok(User {
        id: r.try_get("id")?,
        email: r.try_get("email")?,
        name: r.try_get("name")?,
        role: decode::<Role>(r.try_get("role")?)?,
        language: r
            .try_get::<Option<String>, _>("language")?
            .and_then(|l| crate::i18n::Lang::parse(&l)),
        time_zone: r.try_get("time_zone")?,
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
