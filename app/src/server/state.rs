//! Shared state of the running server, handed to routes and server functions (no globals).

use super::db::Db;
use crate::domain::PriorityMatrix;
use axum::extract::FromRef;
use chrono::{DateTime, Utc};
use leptos::config::LeptosOptions;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// What every route and server function shares. Cloned for each request by every extractor and
/// middleware that takes it, so a clone is one reference count, whatever the state holds.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

pub struct Shared {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub feed: FeedHead,
    pub clock: Clock,
    /// The SMTP transport; without one, email stays in the outbox marked held.
    pub mailer: Option<super::mail::Mailer>,
    /// Server-side request durations per route.
    pub timings: super::timings::Timings,
    /// When each background worker last went round, for `/readyz`.
    pub workers: Heartbeats,
}

impl From<Shared> for AppState {
    fn from(shared: Shared) -> Self {
        AppState(Arc::new(shared))
    }
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

/// leptos_axum reads the site's options from the state (to render pages and serve files).
impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    pub fn mail_configured(&self) -> bool {
        self.mailer.is_some()
    }
}

#[derive(Clone, Debug)]
pub struct Settings {
    /// Sessions unused for this long end.
    pub session_idle: Duration,
    /// Sessions end this long after sign-in, however busy.
    pub session_lifetime: Duration,
    /// Tracking links stop working this long after their ticket is closed or cancelled.
    pub tracking_link_days: i64,
    /// Set the cookie's `Secure` flag (when served over TLS).
    pub secure_cookies: bool,
    /// Whether requesters may create their own accounts.
    pub allow_registration: bool,
    /// When non-empty, self-registration is limited to these email domains.
    pub registration_domains: Vec<String>,
    /// Impact × urgency → priority.
    pub priority_matrix: PriorityMatrix,
    /// The address people reach Switchboard at, for links in email.
    pub public_url: String,
    /// Reverse proxies whose `X-Forwarded-For` names the client (empty: the header is ignored).
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// The language for people who have chosen none and whose browser asks for none we speak.
    pub default_language: crate::i18n::Lang,
    /// The desk's zone: for people who have chosen none, and for reports' days.
    pub time_zone: chrono_tz::Tz,
    /// The largest file a person may attach, in bytes.
    pub attachment_max_bytes: u64,
    /// The most all of one ticket's files may hold together, in bytes.
    pub attachment_ticket_max_bytes: u64,
    /// How mail to the help desk is taken.
    pub mail_intake: super::inbound::MailIntake,
    /// What webhooks may reach beyond public `https://` addresses.
    pub outbound: super::webhooks::Outbound,
    /// The company directories people sign in with, and who may still use a password of ours.
    pub directories: super::directory::Directories,
}

/// A megabyte, as the attachment limits count them.
pub const MB: u64 = 1024 * 1024;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            session_idle: Duration::from_secs(8 * 3600),
            session_lifetime: Duration::from_secs(7 * 86400),
            tracking_link_days: 30,
            secure_cookies: false,
            allow_registration: true,
            registration_domains: Vec::new(),
            priority_matrix: PriorityMatrix::default(),
            public_url: "http://127.0.0.1:3000".into(),
            trusted_proxies: Vec::new(),
            default_language: crate::i18n::Lang::En,
            time_zone: chrono_tz::Tz::UTC,
            attachment_max_bytes: 10 * MB,
            attachment_ticket_max_bytes: 100 * MB,
            mail_intake: Default::default(),
            outbound: Default::default(),
            directories: Default::default(),
        }
    }
}

/// The id of the newest ticket event committed by this process (or, on PostgreSQL, by any
/// process: see `Db::follow_feed`). A poll whose cursor equals it has nothing to fetch, so it is
/// answered without touching the database; a long poll waits here until the head moves.
#[derive(Clone, Debug, Default)]
pub struct FeedHead(Arc<Feed>);

#[derive(Debug, Default)]
struct Feed {
    head: AtomicI64,
    moved: tokio::sync::Notify,
    closed: std::sync::atomic::AtomicBool,
}

/// The longest a poll waits on the server for a change: below the idle timeouts of proxies
/// (nginx's 60 s) and browsers, so a quiet desk costs each client a request every 25 s.
pub const LONGEST_WAIT: Duration = Duration::from_secs(25);

impl FeedHead {
    pub fn new(head: i64) -> Self {
        let feed = FeedHead::default();
        feed.0.head.store(head, Ordering::Release);
        feed
    }

    pub fn get(&self) -> i64 {
        self.0.head.load(Ordering::Acquire)
    }

    /// Moves the head on (never back) and wakes every long poll when it moved.
    pub fn advance(&self, to: i64) {
        if self.0.head.fetch_max(to, Ordering::AcqRel) < to {
            self.0.moved.notify_waiters();
        }
    }

    /// Waits until the head is past `cursor`, `limit` (at most `LONGEST_WAIT`) has gone by, or
    /// the server is shutting down; answers the head. Costs nothing but a timer while waiting, and
    /// the time waited is left out of the request's timing.
    pub async fn wait_past(&self, cursor: i64, limit: Duration) -> i64 {
        let started = tokio::time::Instant::now();
        let deadline = started + limit.min(LONGEST_WAIT);
        loop {
            // Registered before the head is read, so an advance in between still wakes it.
            let moved = self.0.moved.notified();
            tokio::pin!(moved);
            moved.as_mut().enable();
            let head = self.get();
            if head > cursor || self.0.closed.load(Ordering::Acquire) {
                super::timings::waited(started.elapsed());
                return head;
            }
            if tokio::time::timeout_at(deadline, moved).await.is_err() {
                super::timings::waited(started.elapsed());
                return self.get();
            }
        }
    }

    /// Answers every long poll now and from now on: the server is stopping and should not wait
    /// for them.
    pub fn close(&self) {
        self.0.closed.store(true, Ordering::Release);
        self.0.moved.notify_waiters();
    }
}

/// Wall-clock time with an offset tests can move forward, so time rules are tested without sleeping.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    pub fn advance(&self, by: Duration) {
        self.offset_ms
            .fetch_add(by.as_millis() as i64, Ordering::Relaxed);
    }

    /// Moves the clock back (the demo files some tickets "earlier today").
    pub fn rewind(&self, by: Duration) {
        self.offset_ms
            .fetch_sub(by.as_millis() as i64, Ordering::Relaxed);
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    pub fn set_offset_ms(&self, ms: i64) {
        self.offset_ms.store(ms, Ordering::Relaxed);
    }
}

/// The background workers' pulse: each worker is expected to beat at least once per its period;
/// one that has not for three periods (and a minute's grace) is reported stalled by `/readyz`.
#[derive(Clone, Default)]
pub struct Heartbeats(Arc<std::sync::Mutex<Vec<Pulse>>>);

struct Pulse {
    name: &'static str,
    every: Duration,
    last: std::time::Instant,
}

impl Heartbeats {
    /// Starts expecting `name` to beat every `every`.
    pub fn expect(&self, name: &'static str, every: Duration) {
        let mut pulses = self.0.lock().unwrap_or_else(|e| e.into_inner());
        pulses.retain(|p| p.name != name);
        pulses.push(Pulse {
            name,
            every,
            last: std::time::Instant::now(),
        });
    }

    pub fn beat(&self, name: &'static str) {
        let mut pulses = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(p) = pulses.iter_mut().find(|p| p.name == name) {
            p.last = std::time::Instant::now();
        }
    }

    /// The workers expected, and those among them that have stalled.
    pub fn check(&self) -> (Vec<&'static str>, Vec<&'static str>) {
        let pulses = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let stalled = pulses
            .iter()
            .filter(|p| p.last.elapsed() > p.every * 3 + Duration::from_secs(60))
            .map(|p| p.name)
            .collect();
        (pulses.iter().map(|p| p.name).collect(), stalled)
    }
}

#[cfg(test)]
mod heartbeat_tests {
    use super::*;

    #[test]
    fn a_worker_that_stops_beating_is_reported_and_one_that_beats_is_not() {
        let beats = Heartbeats::default();
        beats.expect("sla", Duration::from_secs(15));
        assert_eq!(beats.check(), (vec!["sla"], vec![]));
        // Pretend the last beat was long ago (the clock may have started less than that ago).
        let Some(long_ago) = std::time::Instant::now().checked_sub(Duration::from_secs(200)) else {
            return;
        };
        beats.0.lock().unwrap()[0].last = long_ago;
        assert_eq!(beats.check().1, vec!["sla"]);
        beats.beat("sla");
        assert!(beats.check().1.is_empty());
    }
}

#[cfg(test)]
mod feed_tests {
    use super::*;
    use crate::server::timings::leaving_out_waits;

    #[tokio::test]
    async fn a_wait_ends_at_the_next_advance_and_its_time_is_counted_as_waiting() {
        let feed = FeedHead::new(7);
        let mover = feed.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(80)).await;
            mover.advance(6); // backwards: ignored, wakes nobody
            tokio::time::sleep(Duration::from_millis(40)).await;
            mover.advance(9);
        });
        let (head, waited) = leaving_out_waits(feed.wait_past(7, Duration::from_secs(20))).await;
        assert_eq!(head, 9);
        assert!(waited >= Duration::from_millis(100), "{waited:?}");
        assert!(waited < Duration::from_secs(10), "{waited:?}");
    }

    #[tokio::test]
    async fn a_wait_behind_the_head_or_without_time_answers_at_once() {
        let feed = FeedHead::new(7);
        let started = std::time::Instant::now();
        assert_eq!(feed.wait_past(3, Duration::from_secs(20)).await, 7);
        assert_eq!(feed.wait_past(7, Duration::ZERO).await, 7);
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test]
    async fn a_quiet_feed_ends_the_wait_at_its_limit_and_closing_ends_every_wait() {
        let feed = FeedHead::new(1);
        let started = std::time::Instant::now();
        assert_eq!(feed.wait_past(1, Duration::from_millis(50)).await, 1);
        assert!(started.elapsed() >= Duration::from_millis(50));
        let closer = feed.clone();
        tokio::spawn(async move {
            tokio::time::sleep(Duration::from_millis(50)).await;
            closer.close();
        });
        let started = std::time::Instant::now();
        assert_eq!(feed.wait_past(1, Duration::from_secs(20)).await, 1);
        assert!(started.elapsed() < Duration::from_secs(10));
        // Once closed, later waits do not start.
        assert_eq!(feed.wait_past(1, Duration::from_secs(20)).await, 1);
    }
}
