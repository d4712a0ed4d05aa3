//! Starts the real server on port 0 with a fresh SQLite file per test; nothing is mocked.

use crate::wire::{parse, IssuedToken, TicketJson};
use app::domain::Role;
use app::server::auth::create_account;
use app::server::AppState;
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};
use switchboard::Config;

pub const PASSWORD: &str = "correct horse battery";

pub struct TestApp {
    pub base: String,
    database_url: String,
    pub state: AppState,
    pub client: Client,
    dir: PathBuf,
    keep_dir: bool,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
    /// Last, so it stands down only after `drop` has dropped the test's database.
    _watchdog: Watchdog,
}

/// Ends the whole run when a test outlives its time limit, naming it. A test waiting for something that
/// never comes would otherwise hold CI until CI's own time runs out, with nothing saying which
/// test it was (libtest's "running for over 60 seconds" is far up the log by then).
pub struct Watchdog(std::sync::Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>);

impl Watchdog {
    /// No test takes a minute, even on PostgreSQL with the suite running two at a time;
    /// `TEST_LIMIT_SECS` sets another limit.
    fn limit() -> std::time::Duration {
        std::time::Duration::from_secs(
            std::env::var("TEST_LIMIT_SECS")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(300),
        )
    }

    /// Watches the test running on this thread (libtest names the thread after the test).
    pub fn start() -> Watchdog {
        let test = std::thread::current()
            .name()
            .unwrap_or("a test")
            .to_string();
        let done = std::sync::Arc::new((std::sync::Mutex::new(false), std::sync::Condvar::new()));
        let watched = done.clone();
        let limit = Self::limit();
        std::thread::spawn(move || {
            let (lock, ended) = &*watched;
            let finished = lock.lock().unwrap_or_else(|e| e.into_inner());
            let (finished, _) = ended
                .wait_timeout_while(finished, limit, |finished| !*finished)
                .unwrap_or_else(|e| e.into_inner());
            if !*finished {
                // Straight to the process's stderr: libtest captures what the test's threads print.
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "\n{test} is still running after {} s; the run stops here",
                    limit.as_secs()
                );
                std::process::exit(101);
            }
        });
        Watchdog(done)
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let (lock, ended) = &*self.0;
        *lock.lock().unwrap_or_else(|e| e.into_inner()) = true;
        ended.notify_all();
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if !self.keep_dir {
            let _ = std::fs::remove_dir_all(&self.dir);
            drop_test_database(&self.database_url);
        }
    }
}

/// Drops a PostgreSQL test database made by `fresh_database` (nothing for SQLite, whose file goes
/// with the test's folder). `WITH (FORCE)` ends the connections the stopping server still holds.
fn drop_test_database(url: &str) {
    let Ok(admin) = std::env::var("SWITCHBOARD_TEST_POSTGRES") else {
        return;
    };
    let Some(name) = url
        .rsplit_once('/')
        .map(|(_, n)| n.to_string())
        .filter(|n| n.starts_with("sb_test_") && url.starts_with("postgres"))
    else {
        return;
    };
    // Drop runs inside the test's runtime, which cannot be blocked on: a thread of its own.
    let dropped = std::thread::spawn(move || {
        use sqlx::{Connection, Executor};
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        runtime.block_on(async {
            let drop = async {
                let mut conn = sqlx::postgres::PgConnection::connect(&admin).await.ok()?;
                conn.execute(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .await
                .ok()
            };
            tokio::time::timeout(std::time::Duration::from_secs(30), drop)
                .await
                .ok()
                .flatten()
        })
    })
    .join();
    if !matches!(dropped, Ok(Some(_))) {
        eprintln!("could not drop the test database {url}");
    }
}

pub fn fresh_dir() -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "switchboard-test-{}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A fresh, empty database for one test: a SQLite file in `dir`, or, when
/// `SWITCHBOARD_TEST_POSTGRES` names a PostgreSQL server (see `.ci/with-postgres`), a new database
/// there.
pub async fn fresh_database(dir: &std::path::Path) -> String {
    match std::env::var("SWITCHBOARD_TEST_POSTGRES") {
        Ok(admin) if !admin.is_empty() => {
            use sqlx::{Connection, Executor};
            static N: AtomicU32 = AtomicU32::new(0);
            let name = format!(
                "sb_test_{}_{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            );
            let mut conn = sqlx::postgres::PgConnection::connect(&admin)
                .await
                .expect("the test PostgreSQL server answers");
            conn.execute(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .await
                .expect("create a test database");
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}", dir.join("test.db").display()),
    }
}

/// How far ahead of real time a clock must run to stand at `at`, a moment still to come.
pub fn ahead_to(at: chrono::DateTime<chrono::Utc>) -> std::time::Duration {
    (at - chrono::Utc::now())
        .to_std()
        .expect("a moment in the future")
}

pub fn config(database_url: String, demo: bool) -> Config {
    Config {
        demo,
        ..Config::local(database_url)
    }
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        Self::spawn_with(false).await
    }

    pub async fn spawn_with(demo: bool) -> TestApp {
        Self::spawn_configured(demo, |_| {}).await
    }

    pub async fn spawn_configured(demo: bool, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = fresh_dir();
        let mut config = config(fresh_database(&dir).await, demo);
        adjust(&mut config);
        let mut app = Self::start(config, std::time::Duration::ZERO).await;
        app.dir = dir;
        app
    }

    /// A server on a fresh database whose clock stands at `at`, a moment still to come.
    pub async fn spawn_at(at: chrono::DateTime<chrono::Utc>) -> TestApp {
        let dir = fresh_dir();
        let ahead = (at - chrono::Utc::now())
            .to_std()
            .expect("a moment in the future");
        let mut app = Self::start(config(fresh_database(&dir).await, false), ahead).await;
        app.dir = dir;
        app
    }

    /// A server on a fresh database, configured by `adjust`, whose clock stands at `at`.
    pub async fn spawn_configured_at(
        at: chrono::DateTime<chrono::Utc>,
        adjust: impl FnOnce(&mut Config),
    ) -> TestApp {
        let dir = fresh_dir();
        let mut config = config(fresh_database(&dir).await, false);
        adjust(&mut config);
        let mut app = Self::start(config, ahead_to(at)).await;
        app.dir = dir;
        app
    }

    /// A second server on this one's database, as another process of the same desk, its clock
    /// at `at`; the database stays when it stops.
    pub async fn sibling_at(
        &self,
        at: chrono::DateTime<chrono::Utc>,
        adjust: impl FnOnce(&mut Config),
    ) -> TestApp {
        let mut config = config(self.database_url.clone(), false);
        adjust(&mut config);
        let mut app = Self::start(config, ahead_to(at)).await;
        app.keep_dir = true;
        app
    }

    /// Starts a server on `config`'s database with its clock `ahead` of real time (set before
    /// any background work runs, as if the server had been down that long).
    pub async fn start(config: Config, ahead: std::time::Duration) -> TestApp {
        let watchdog = Watchdog::start();
        // The server runs on the test's runtime. Leptos' streamed pages can stall for good on a
        // runtime of one worker (leptos-rs/leptos#4647), which `#[tokio::test]` alone gives: CI
        // saw a page stop after its <head> twice. The server itself always runs two or more.
        assert_eq!(
            tokio::runtime::Handle::current().runtime_flavor(),
            tokio::runtime::RuntimeFlavor::MultiThread,
            "run integration tests as #[tokio::test(flavor = \"multi_thread\", worker_threads = 2)]"
        );
        // TEST_LOG=warn (or any filter) shows the server's log of a failing test.
        if let Ok(filter) = std::env::var("TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
        let dir = config
            .database_url
            .strip_prefix("sqlite://")
            .map(|p| PathBuf::from(p).parent().unwrap().to_path_buf())
            .unwrap_or_default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let app = switchboard::build(&config, listener)
            .await
            .expect("app builds");
        app.state.clock.advance(ahead);
        let base = format!("http://127.0.0.1:{}", app.port());
        let state = app.state.clone();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until(async move {
            let _ = rx.await;
        }));
        TestApp {
            base,
            state,
            // A request that never gets an answer fails its test instead of stalling the suite.
            client: Client::builder()
                .timeout(std::time::Duration::from_secs(120))
                .build()
                .unwrap(),
            database_url: config.database_url.clone(),
            dir,
            keep_dir: false,
            shutdown: Some(tx),
            server: Some(server),
            _watchdog: watchdog,
        }
    }

    /// Stops the server and waits until it has, keeping its database for a restart.
    pub async fn stop(mut self) -> Config {
        self.keep_dir = true;
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(mut server) = self.server.take() {
            // Requests still running after ten seconds are cut off, with the workers, so nothing
            // of this server runs on beside the one started next.
            if tokio::time::timeout(std::time::Duration::from_secs(10), &mut server)
                .await
                .is_err()
            {
                server.abort();
            }
        }
        config(self.database_url.clone(), false)
    }

    /// Asks the server to stop and says whether it has stopped by itself within `limit` (it is
    /// cut off otherwise).
    pub async fn stops_within(mut self, limit: std::time::Duration) -> bool {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let Some(mut server) = self.server.take() else {
            return true;
        };
        let stopped = tokio::time::timeout(limit, &mut server).await.is_ok();
        server.abort();
        stopped
    }

    pub async fn user(&self, email: &str, role: Role) {
        let name = email.split('@').next().unwrap().to_string();
        create_account(
            &self.state.db,
            email,
            &name,
            role,
            Some(PASSWORD),
            self.state.clock.now(),
        )
        .await
        .unwrap();
    }

    /// A signed-in API client (bearer token) for a new account.
    pub async fn api_user(&self, email: &str, role: Role) -> Api {
        self.user(email, role).await;
        let token = self.token(email).await;
        Api {
            base: self.base.clone(),
            client: self.client.clone(),
            token,
        }
    }

    /// The same person's API client, against this server (another process, or a restart).
    pub fn api_as(&self, api: &Api) -> Api {
        Api {
            base: self.base.clone(),
            client: self.client.clone(),
            token: api.token.clone(),
        }
    }

    pub async fn token(&self, email: &str) -> String {
        let r = self
            .client
            .post(format!("{}/api/v1/auth/token", self.base))
            .json(&json!({"email": email, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        parse::<IssuedToken>(r).await.token
    }

    /// The database this server runs on, for a second process on the same one.
    pub fn database_url(&self) -> String {
        self.database_url.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub client: Client,
    pub token: String,
}

impl Api {
    pub async fn get(&self, path: &str) -> Response {
        self.client
            .get(format!("{}/api/v1{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    /// A GET outside the API prefix (such as `/metrics`), with the token.
    pub async fn get_path(&self, path: &str) -> Response {
        self.client
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, body: Value) -> Response {
        self.client
            .post(format!("{}/api/v1{path}", self.base))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn patch(&self, path: &str, version: Option<i64>, body: Value) -> Response {
        let mut req = self
            .client
            .patch(format!("{}/api/v1{path}", self.base))
            .bearer_auth(&self.token)
            .json(&body);
        if let Some(v) = version {
            req = req.header("If-Match", format!("\"{v}\""));
        }
        req.send().await.unwrap()
    }

    /// A ticket the caller may see.
    pub async fn ticket(&self, number: &str) -> TicketJson {
        let r = self.get(&format!("/tickets/{number}")).await;
        assert_eq!(r.status(), StatusCode::OK, "GET {number}");
        parse(r).await
    }

    /// Files a valid hardware ticket and returns it.
    pub async fn file(&self, title: &str) -> TicketJson {
        let r = self
            .post(
                "/tickets",
                json!({"title": title, "description": "It broke", "category": "hardware", "impact": "medium", "urgency": "high", "fields": {"asset_tag": "LAP-1"}}),
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::CREATED,
            "filing failed: {}",
            r.text().await.unwrap_or_default()
        );
        parse(r).await
    }
}

/// Replaces the standard policy with one counting around the clock, with (first response,
/// resolution) minutes for P1 to P4 and the given escalation rules.
pub async fn set_policy(admin: &Api, targets: [(i64, i64); 4], rules: &str) -> Value {
    let targets: Vec<Value> = targets
        .iter()
        .map(|(r, s)| json!({"response_minutes": r, "resolution_minutes": s, "around_the_clock": true}))
        .collect();
    let r = admin
        .client
        .put(format!("{}/api/v1/sla/policies/1", admin.base))
        .bearer_auth(&admin.token)
        .json(&json!({
            "name": "Standard",
            "categories": "",
            "time_zone": "UTC",
            "hours": "24x7",
            "holidays": "",
            "targets": targets,
            "at_risk_percent": 75,
            "rules": rules,
        }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    body(r).await
}

/// A browser: keeps cookies and follows no redirect by itself; a request that never gets an
/// answer fails its test instead of stalling the suite.
pub fn browser() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .unwrap()
}

/// Signs in on the page's server function: the status, the session's browser and the answer.
pub async fn page_sign_in(app: &TestApp, login: &str, password: &str) -> (u16, Client, String) {
    let client = browser();
    let r = client
        .post(app.url("/api/sign_in"))
        .header("accept", "application/json")
        .form(&[("email", login), ("password", password)])
        .send()
        .await
        .unwrap();
    let status = r.status().as_u16();
    (status, client, r.text().await.unwrap())
}

/// Who a session is, from the REST API's `/me` (which takes the session cookie too).
pub async fn me(app: &TestApp, client: &Client) -> Option<Value> {
    let r = client.get(app.url("/api/v1/me")).send().await.unwrap();
    match r.status().as_u16() {
        200 => Some(r.json().await.unwrap()),
        _ => None,
    }
}

pub async fn body(r: Response) -> Value {
    r.json().await.expect("JSON body")
}

/// A browser-like client: a cookie session, calling server functions as the pages do.
pub struct Session {
    pub client: Client,
    pub base: String,
}

impl Session {
    pub async fn new(app: &TestApp, email: Option<&str>) -> Session {
        let client = match email {
            Some(email) => {
                let (status, client, _) = page_sign_in(app, email, PASSWORD).await;
                assert!((200..400).contains(&status), "sign in as {email}: {status}");
                client
            }
            None => browser(),
        };
        Session {
            client,
            base: app.base.clone(),
        }
    }

    /// A session signed in at any server address (such as a load balancer in front of several).
    pub async fn at(base: &str, email: &str, password: &str) -> Session {
        let client = browser();
        let r = client
            .post(format!("{base}/api/sign_in"))
            .header("accept", "application/json")
            .form(&[("email", email), ("password", password)])
            .send()
            .await
            .unwrap();
        assert!(
            r.status().is_success(),
            "sign in as {email}: {}",
            r.status()
        );
        Session {
            client,
            base: base.to_string(),
        }
    }

    /// A page's address read as a browser loads it: its status and its text.
    pub async fn load(&self, path: &str) -> (StatusCode, String) {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        (r.status(), r.text().await.unwrap())
    }

    /// A page as the server renders it for this session. A page that stops streaming fails with
    /// what had arrived, so the part (the `<Suspense>`) it stalled in can be told.
    pub async fn page(&self, path: &str) -> String {
        let mut r = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let mut body = Vec::new();
        loop {
            match r.chunk().await {
                Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                Ok(None) => break,
                Err(e) => {
                    let text = String::from_utf8_lossy(&body);
                    let tail: String = text
                        .chars()
                        .skip(text.chars().count().saturating_sub(800))
                        .collect();
                    panic!("GET {path}: {e} after {} bytes, ending …{tail}", body.len());
                }
            }
        }
        String::from_utf8(body).unwrap()
    }

    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> (u16, String) {
        let r = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    pub async fn call_json(&self, endpoint: &str, body: Value) -> (u16, String) {
        let r = self
            .client
            .post(format!("{}/api/{endpoint}", self.base))
            .header("accept", "application/json")
            .json(&body)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }
}
