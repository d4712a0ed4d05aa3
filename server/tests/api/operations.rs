//! Running Switchboard for real: readiness, backups under load, restores and upgrades.

use crate::helpers::{body, config, TestApp};
use crate::wire::{parse, EventJson, IssuedToken, Items, TicketJson, TicketPage};
use app::domain::Role;
use serde::Deserialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The `switchboard` binary with `args` on the database `url`: (success, stdout + stderr).
fn switchboard(url: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(args)
        .env("SWITCHBOARD_DATABASE_URL", url)
        .env("RUST_LOG", "error")
        .output()
        .expect("the switchboard binary runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

fn sqlite_file(url: &str) -> Option<PathBuf> {
    app::server::db::backup::sqlite_path(url).map(PathBuf::from)
}

/// What a ticket reads like through the API, without what depends on the time of asking.
fn lasting(t: &Value) -> Value {
    serde_json::json!({
        "number": t["number"], "title": t["title"], "description": t["description"],
        "status": t["status"], "priority": t["priority"], "version": t["version"],
        "requester": t["requester"], "assignee": t["assignee"], "created_at": t["created_at"],
    })
}

/// `GET /readyz`.
#[derive(Debug, Deserialize)]
struct Readiness {
    status: String,
    schema_version: Option<i64>,
    workers: Vec<String>,
    problems: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readyz_says_ready_with_its_workers_and_refuses_once_the_database_is_gone() {
    let app = TestApp::spawn().await;
    let r = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let ready: Readiness = parse(r).await;
    assert_eq!(ready.status, "ready");
    assert_eq!(
        ready.schema_version,
        Some(app.state.db.expected_schema_version())
    );
    assert!(ready.problems.is_empty(), "{ready:?}");
    for w in ["checkpoint", "sla"] {
        assert!(ready.workers.iter().any(|x| x == w), "{w} runs: {ready:?}");
    }

    app.state.db.close().await;
    let r = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 503);
    let not_ready: Readiness = parse(r).await;
    assert_eq!(not_ready.status, "not ready");
    assert!(not_ready
        .problems
        .iter()
        .any(|p| p == "database unreachable"));
    // /healthz asks the database too.
    let r = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 503);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_tickets_are_filed_restores_to_a_database_that_reads_the_same() {
    let app = TestApp::spawn().await;
    let url = app.database_url();
    let Some(file) = sqlite_file(&url) else {
        // PostgreSQL is backed up with pg_dump; the command says so.
        let (ok, text) = switchboard(&url, &["backup", "--to", "/tmp/never.db"]);
        assert!(!ok && text.contains("pg_dump"), "{text}");
        return;
    };
    let dir = file.parent().unwrap().to_path_buf();
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let mut before = Vec::new();
    for i in 0..5 {
        before.push(rita.file(&format!("Before the backup {i}")).await);
    }
    // Filing goes on, from another task, while the backup runs.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (rita, stop) = (rita.clone(), stop.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                rita.file(&format!("During the backup {n}")).await;
                n += 1;
            }
            n
        })
    };
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let backup = dir.join("backup.db");
    let backup_path = backup.to_str().unwrap().to_string();
    let (ok, text) = tokio::task::spawn_blocking({
        let (url, backup_path) = (url.clone(), backup_path.clone());
        move || switchboard(&url, &["backup", "--to", &backup_path])
    })
    .await
    .unwrap();
    assert!(ok, "backup: {text}");
    stop.store(true, Ordering::Relaxed);
    let during = writer.await.unwrap();
    assert!(during > 0, "tickets were filed while backing up");

    // A second backup into the same file is refused; nothing is overwritten.
    let (ok, text) = switchboard(&url, &["backup", "--to", &backup_path]);
    assert!(!ok && text.contains("exists already"), "{text}");

    let restored_url = format!("sqlite://{}", dir.join("restored/switchboard.db").display());
    let (ok, text) = switchboard(&restored_url, &["restore", "--from", &backup_path]);
    assert!(ok, "restore: {text}");
    // Restoring over an existing database is refused.
    let (ok, text) = switchboard(&restored_url, &["restore", "--from", &backup_path]);
    assert!(!ok && text.contains("exists already"), "{text}");
    // Something that is not a backup is refused with a clear message.
    let junk = dir.join("junk.db");
    std::fs::write(&junk, "not a database at all").unwrap();
    let other_url = format!("sqlite://{}", dir.join("other.db").display());
    let (ok, text) = switchboard(&other_url, &["restore", "--from", junk.to_str().unwrap()]);
    assert!(!ok && text.contains("not a"), "{text}");

    let original = rita.clone();
    let restored = TestApp::start(config(restored_url, false), std::time::Duration::ZERO).await;
    let token = restored.token("rita@example.org").await;
    let rita_there = crate::helpers::Api {
        base: restored.base.clone(),
        client: restored.client.clone(),
        token,
    };
    // Every ticket filed before the backup is there, reading the same; of those filed during it,
    // a prefix (the snapshot's moment) is there, each reading the same too.
    let mut present = 0;
    for n in 0..(5 + during) {
        let number = format!("SB-{}", 1001 + n);
        let there = rita_there.get(&format!("/tickets/{number}")).await;
        if n < 5 {
            assert_eq!(there.status(), 200, "{number} was filed before the backup");
        }
        if there.status() == 404 {
            // Later ones were not in the snapshot either: the backup is one moment.
            let later = rita_there
                .get(&format!("/tickets/SB-{}", 1001 + n + 1))
                .await;
            assert_eq!(later.status(), 404, "the backup has no gaps");
            break;
        }
        let here = body(original.get(&format!("/tickets/{number}")).await).await;
        assert_eq!(lasting(&body(there).await), lasting(&here));
        present += 1;
    }
    assert!(present >= 5, "{present} tickets restored");
    assert_eq!(before[0].title, "Before the backup 0");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_from_an_earlier_release_is_upgraded_at_start_and_reads_back() {
    let app = TestApp::spawn().await;
    let Some(file) = sqlite_file(&app.database_url()) else {
        return; // The fixture is a SQLite file; PostgreSQL runs the same migrations in order.
    };
    let dir = file.parent().unwrap().to_path_buf();
    let old = dir.join("old/switchboard.db");
    std::fs::create_dir_all(old.parent().unwrap()).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-12-demo.db"),
        &old,
    )
    .unwrap();
    let upgraded = TestApp::start(
        config(format!("sqlite://{}", old.display()), false),
        std::time::Duration::ZERO,
    )
    .await;
    let r = upgraded
        .client
        .get(upgraded.url("/readyz"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "upgraded and ready");
    assert_eq!(
        upgraded.state.db.schema_version().await.unwrap(),
        upgraded.state.db.expected_schema_version()
    );
    // The demo's people sign in with their passwords, and their tickets read back.
    let r = upgraded
        .client
        .post(upgraded.url("/api/v1/auth/token"))
        .json(&serde_json::json!({"email": "coordinator@example.org", "password": app::server::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let token = parse::<IssuedToken>(r).await.token;
    let coordinator = crate::helpers::Api {
        base: upgraded.base.clone(),
        client: upgraded.client.clone(),
        token,
    };
    let list: TicketPage = parse(coordinator.get("/tickets?limit=100").await).await;
    assert!(list.items.len() >= 20, "{} tickets", list.items.len());
    let first: TicketJson = coordinator.ticket("SB-1001").await;
    assert!(!first.title.is_empty());
    let events: Items<EventJson> = parse(coordinator.get("/tickets/SB-1001/events").await).await;
    assert!(!events.items.is_empty(), "its history: {events:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_database_connection_carries_the_desks_settings() {
    // Set when a connection opens (`Db::connect`): on SQLite the write-ahead log, the wait for a
    // busy database, foreign keys, and how surely a commit is on disk before the answer (NORMAL,
    // or FULL with SWITCHBOARD_SQLITE_SYNCHRONOUS=full); on PostgreSQL the end of a session left
    // idle inside a transaction for a minute, so a process stopped mid-write cannot hold the
    // writers' lock. Several connections at once, so that more than the pool's first is asked.
    use app::server::db::Durability;
    for durability in [Durability::Normal, Durability::Full] {
        let app = TestApp::spawn_configured(false, |c| c.sqlite_synchronous = durability).await;
        let mut conns = Vec::new();
        for _ in 0..3 {
            conns.push(app.state.db.conn().await.unwrap());
        }
        let sqlite = app.database_url().starts_with("sqlite");
        for conn in &mut conns {
            if sqlite {
                let read = |pragma: &'static str| sqlx::query_scalar::<_, String>(pragma);
                let mode = read("PRAGMA journal_mode").fetch_one(&mut **conn).await;
                assert_eq!(mode.unwrap(), "wal");
                let number = |pragma: &'static str| sqlx::query_scalar::<_, i64>(pragma);
                let wait = number("PRAGMA busy_timeout").fetch_one(&mut **conn).await;
                assert_eq!(wait.unwrap(), 5000);
                let keys = number("PRAGMA foreign_keys").fetch_one(&mut **conn).await;
                assert_eq!(keys.unwrap(), 1);
                // 1 is NORMAL, 2 is FULL.
                let synchronous = number("PRAGMA synchronous").fetch_one(&mut **conn).await;
                let expected = match durability {
                    Durability::Normal => 1,
                    Durability::Full => 2,
                };
                assert_eq!(synchronous.unwrap(), expected, "{durability:?}");
            } else {
                let idle: String = sqlx::query_scalar(
                    "SELECT current_setting('idle_in_transaction_session_timeout')",
                )
                .fetch_one(&mut **conn)
                .await
                .unwrap();
                assert_eq!(idle, "1min");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_whose_headers_never_end_is_closed_and_does_not_hold_a_stop() {
    // A client that sends half a request and then nothing (by accident, or many of them on
    // purpose) held its connection for good, and a stop waited until the client went away.
    use std::time::{Duration, Instant};
    use switchboard::startup::{HEADER_DEADLINE, STOP_GRACE};
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::spawn().await;
    let address = app.base.trim_start_matches("http://").to_owned();
    let half = |address: String| async move {
        let mut tcp = tokio::net::TcpStream::connect(address).await.unwrap();
        tcp.write_all(b"GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            .await
            .unwrap();
        tcp
    };
    let mut first = half(address.clone()).await;
    let started = Instant::now();
    let mut answer = vec![0; 1024];
    let read = tokio::time::timeout(HEADER_DEADLINE * 2, first.read(&mut answer))
        .await
        .expect("the server closes a request whose headers do not come");
    if let Ok(n) = read {
        let text = String::from_utf8_lossy(&answer[..n]);
        assert!(n == 0 || text.starts_with("HTTP/1.1 408"), "{text}");
    }
    assert!(started.elapsed() >= HEADER_DEADLINE - Duration::from_secs(1));
    // A whole request still gets its answer.
    let r = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    // Stopping while another half request is open: the server stops by itself.
    let _second = half(address).await;
    assert!(
        app.stops_within(STOP_GRACE + Duration::from_secs(5)).await,
        "a half-sent request held the stop"
    );
}

/// Takes the database's write lock from outside, as a writer stuck in another process would hold
/// it (SQLite: an immediate transaction; PostgreSQL: the writers' advisory lock), until `release`
/// is sent.
async fn hold_the_write_lock(
    url: String,
) -> (
    tokio::sync::oneshot::Sender<()>,
    tokio::task::JoinHandle<()>,
) {
    use sqlx::{Connection, Executor};
    let (release, released) = tokio::sync::oneshot::channel::<()>();
    let (held, holding) = tokio::sync::oneshot::channel::<()>();
    // SQLite's write lock, or the advisory lock every PostgreSQL writer takes first.
    let take: &[&str] = if url.starts_with("sqlite") {
        &["BEGIN IMMEDIATE"]
    } else {
        // (Read as a boolean: the Any driver has no type for `void`.)
        &["BEGIN", "SELECT pg_advisory_xact_lock(7262) IS NULL"]
    };
    let task = tokio::spawn(async move {
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&url).await.unwrap();
        for statement in take {
            conn.execute(*statement).await.unwrap();
        }
        held.send(()).unwrap();
        let _ = released.await;
        conn.execute("ROLLBACK").await.unwrap();
    });
    holding.await.expect("the lock is taken");
    (release, task)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_the_database_cannot_take_in_time_answers_busy_and_goes_through_when_sent_again() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let ticket = rita.file("Printer jams on every page").await;
    let page = crate::helpers::Session::new(&app, Some("rita@example.org")).await;
    let notes = format!("/tickets/{}/notes", ticket.number);

    let (release, holder) = hold_the_write_lock(app.database_url()).await;
    // Over the API: 503 `busy` with Retry-After, in words that give away nothing of the database.
    let r = rita
        .post(
            &notes,
            serde_json::json!({"body": "It jams again", "idempotency_key": "jam-1"}),
        )
        .await;
    assert_eq!(r.status(), 503);
    assert_eq!(
        r.headers().get("retry-after").and_then(|v| v.to_str().ok()),
        Some("1")
    );
    let error = body(r).await;
    assert_eq!(error["error"]["code"], "busy", "{error}");
    let message = error["error"]["message"].as_str().unwrap_or_default();
    assert!(message.contains("try again"), "{message}");
    for leak in ["lock", "sqlite", "postgres", "SQL", "timeout"] {
        assert!(!message.contains(leak), "{message}");
    }
    // From the page (a server function): the same answer, the form keeps what was typed.
    let (status, text) = page
        .call(
            "add_note",
            &[
                ("number", ticket.number.as_str()),
                ("body", "Still jamming"),
                ("idempotency_key", "jam-2"),
            ],
        )
        .await;
    assert_eq!(status, 503, "{text}");
    assert!(text.contains("Busy"), "{text}");

    release.send(()).unwrap();
    holder.await.unwrap();
    // Nothing was half saved: sent again, each note is there once.
    let r = rita
        .post(
            &notes,
            serde_json::json!({"body": "It jams again", "idempotency_key": "jam-1"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let (status, text) = page
        .call(
            "add_note",
            &[
                ("number", ticket.number.as_str()),
                ("body", "Still jamming"),
                ("idempotency_key", "jam-2"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{text}");
    let listed = body(rita.get(&notes).await).await;
    let bodies: Vec<&str> = listed["items"]
        .as_array()
        .map(|items| items.iter().filter_map(|n| n["body"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(bodies, ["It jams again", "Still jamming"], "{listed}");
}
