//! Outgrowing one machine: an installation moves from SQLite to the run's backend with nothing
//! lost, and (on PostgreSQL) two server processes behind nginx behave as one.

use crate::helpers::{config, fresh_database, Session, TestApp};
use crate::wire::{parse, IssuedToken, TicketJson};
use app::server::db::Db;
use app::server::demo::DEMO_PASSWORD;
use app::types::{BoardChanges, BoardSnapshot};
use reqwest::Client;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use std::time::Duration;

async fn token(client: &Client, base: &str, email: &str, password: &str) -> String {
    let r = client
        .post(format!("{base}/api/v1/auth/token"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    parse::<IssuedToken>(r).await.token
}

/// Drops the service-level clocks, which each server brings up to its own `now`.
fn without_clocks(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.remove("sla");
            map.values_mut().for_each(without_clocks);
        }
        Value::Array(items) => items.iter_mut().for_each(without_clocks),
        _ => {}
    }
}

async fn get(client: &Client, base: &str, token: &str, path: &str) -> Value {
    let r = client
        .get(format!("{base}/api/v1{path}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{path}: {}", r.text().await.unwrap());
    let mut v = r.json().await.unwrap();
    without_clocks(&mut v);
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_export_moves_a_sqlite_installation_into_a_new_database_with_nothing_lost() {
    // The source is always SQLite (the embedded default); the target is the run's backend.
    let dir = std::env::temp_dir().join(format!("switchboard-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source_url = format!("sqlite://{}", dir.join("source.db").display());
    let source = TestApp::start(config(source_url, true), Duration::ZERO).await;
    // Something of every kind: a merged duplicate, a rating, a work order are in the demo; a
    // screenshot and an internal log are added (bytes travel as base64).
    let client = Client::new();
    let ta = token(
        &client,
        &source.base,
        "coordinator@example.org",
        DEMO_PASSWORD,
    )
    .await;
    let api = crate::helpers::Api {
        base: source.base.clone(),
        client: client.clone(),
        token: ta.clone(),
    };
    for (name, bytes, visibility) in [
        ("screen.png", crate::attachments::PNG, "public"),
        (
            "switch.log",
            b"port 12 down\n\x00\xff binary tail".as_slice(),
            "internal",
        ),
    ] {
        let r = crate::attachments::upload(
            &api,
            "SB-1006",
            &[
                ("file", Some(name), bytes),
                ("visibility", None, visibility.as_bytes()),
            ],
        )
        .await;
        assert_eq!(r.status(), 201);
    }
    let mut exported = Vec::new();
    let counts = source.state.db.export(&mut exported).await.unwrap();
    let rows: u64 = counts.iter().map(|(_, n)| n).sum();
    assert!(
        rows > 5000,
        "the demo exports thousands of rows: {counts:?}"
    );

    let target_url = fresh_database(&dir).await;
    let target = Db::open(&target_url).await.unwrap();
    let imported = target.import(&exported[..]).await.unwrap();
    assert_eq!(imported, counts, "every row of every table arrives");
    assert_eq!(target.table_counts().await.unwrap(), counts);
    // Importing twice is refused: the target is no longer new.
    assert!(target.import(&exported[..]).await.is_err());
    drop(target);

    let copy = TestApp::start(config(target_url, false), Duration::ZERO).await;
    let (a, b) = (source.base.as_str(), copy.base.as_str());
    // Passwords (argon2 hashes) come along: the same accounts sign in.
    let tb = token(&client, b, "coordinator@example.org", DEMO_PASSWORD).await;
    for path in [
        "/tickets/SB-1006",
        "/tickets/SB-1006/events",
        "/tickets?status=open&limit=200",
        "/tickets?q=printer&limit=200",
        "/projects/1",
        "/work-orders",
        "/categories",
        "/sla/policies",
        "/tickets/SB-1006/attachments",
    ] {
        let (x, y) = (
            get(&client, a, &ta, path).await,
            get(&client, b, &tb, path).await,
        );
        assert_eq!(x, y, "{path} reads the same on both");
    }
    // The files' bytes arrive as they left.
    let files = get(&client, a, &ta, "/tickets/SB-1006/attachments").await;
    for item in files["items"].as_array().unwrap() {
        let url = item["url"].as_str().unwrap();
        let fetch = |base: &str, token: &str| {
            client
                .get(format!("{base}{url}"))
                .bearer_auth(token.to_string())
                .send()
        };
        let x = fetch(a, &ta).await.unwrap().bytes().await.unwrap();
        let y = fetch(b, &tb).await.unwrap().bytes().await.unwrap();
        assert!(!x.is_empty());
        assert_eq!(x, y, "{url}");
    }
    // Numbers continue after the imported tickets.
    let r = client
        .post(format!("{b}/api/v1/tickets"))
        .bearer_auth(&tb)
        .json(&json!({"title": "After the move", "description": "Works", "category": "other", "impact": "low", "urgency": "low"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let highest = source.state.db.count_tickets().await.unwrap();
    assert_eq!(
        parse::<TicketJson>(r).await.number,
        format!("SB-{}", 1000 + highest + 1)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Two `switchboard serve` processes on one database.
struct Processes {
    children: Vec<std::process::Child>,
    nginx: Option<std::process::Child>,
    dir: std::path::PathBuf,
}

impl Drop for Processes {
    fn drop(&mut self) {
        // nginx's master stops its workers on TERM (killing it outright would leave them behind).
        for c in self.nginx.iter_mut().chain(self.children.iter_mut()) {
            let _ = std::process::Command::new("kill")
                .args(["-TERM", &c.id().to_string()])
                .status();
            // A process that has not stopped in ten seconds is killed: a drop never waits for good.
            for _ in 0..100 {
                if !matches!(c.try_wait(), Ok(None)) {
                    break;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = c.kill();
            let _ = c.wait();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn wait_healthy(base: &str) {
    let client = Client::builder()
        .timeout(Duration::from_secs(2))
        .build()
        .unwrap();
    for _ in 0..200 {
        if let Ok(r) = client.get(format!("{base}/healthz")).send().await {
            if r.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{base} did not start");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_behind_nginx_act_as_one() {
    let _watchdog = crate::helpers::Watchdog::start();
    if std::env::var("SWITCHBOARD_TEST_POSTGRES").is_err() {
        eprintln!("two processes share a database on PostgreSQL only: skipped on SQLite");
        return;
    }
    let dir = std::env::temp_dir().join(format!("switchboard-nginx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let url = fresh_database(&dir).await;
    let mut running = Processes {
        children: Vec::new(),
        nginx: None,
        dir: dir.clone(),
    };
    let mut bases = Vec::new();
    // A (with the demo desk) runs the escalation rules every second; B only answers requests, so
    // B's change feed moves only when another process's commit is announced to it.
    for (demo, sla_every) in [(true, "1"), (false, "3600")] {
        let port = free_port();
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_switchboard"))
            .arg("serve")
            .env("SWITCHBOARD_ADDR", format!("127.0.0.1:{port}"))
            .env("SWITCHBOARD_DATABASE_URL", &url)
            .env("SWITCHBOARD_DEMO", demo.to_string())
            .env("SWITCHBOARD_SLA_INTERVAL_SECS", sla_every)
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("the switchboard binary starts");
        running.children.push(child);
        let base = format!("http://127.0.0.1:{port}");
        wait_healthy(&base).await;
        bases.push(base);
    }
    let port = free_port();
    let conf = format!(
        "daemon off; worker_processes 1; pid {d}/nginx.pid; error_log {d}/error.log;\n\
         events {{ worker_connections 256; }}\n\
         http {{ access_log off; client_body_temp_path {d}/body; proxy_temp_path {d}/proxy;\n\
           fastcgi_temp_path {d}/fastcgi; uwsgi_temp_path {d}/uwsgi; scgi_temp_path {d}/scgi;\n\
           upstream switchboard {{ server {a}; server {b}; }}\n\
           server {{ listen 127.0.0.1:{port}; location / {{ proxy_pass http://switchboard;\n\
             proxy_set_header Host $http_host; proxy_http_version 1.1; }} }} }}\n",
        d = dir.display(),
        a = bases[0].trim_start_matches("http://"),
        b = bases[1].trim_start_matches("http://"),
    );
    std::fs::write(dir.join("nginx.conf"), conf).unwrap();
    running.nginx = Some(
        std::process::Command::new("/usr/sbin/nginx")
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(dir.join("nginx.conf"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("nginx starts (make test installs Debian's nginx)"),
    );
    let front = format!("http://127.0.0.1:{port}");
    wait_healthy(&front).await;

    // A coordinator's board session works whichever process answers.
    let coordinator = Session::at(&front, "coordinator@example.org", DEMO_PASSWORD).await;
    let on_b = Session::at(&bases[1], "coordinator@example.org", DEMO_PASSWORD).await;
    let board: BoardSnapshot = serde_json::from_str(&on_b.call("get_board", &[]).await.1).unwrap();
    let mut cursor = board.cursor;

    // Requests filed through nginx (so through both processes, concurrently) get distinct numbers.
    let client = Client::builder()
        .timeout(Duration::from_secs(120))
        .build()
        .unwrap();
    let rita = token(&client, &front, "rita@example.org", DEMO_PASSWORD).await;
    let mut filing = Vec::new();
    for i in 0..20 {
        let (client, front, rita) = (client.clone(), front.clone(), rita.clone());
        filing.push(tokio::spawn(async move {
            let r = client
                .post(format!("{front}/api/v1/tickets"))
                .bearer_auth(&rita)
                .json(&json!({"title": format!("Behind the balancer {i}"), "description": "x", "category": "other", "impact": "low", "urgency": "low"}))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 201);
            parse::<TicketJson>(r).await.number
        }));
    }
    let mut numbers = HashSet::new();
    for f in filing {
        assert!(
            numbers.insert(f.await.unwrap()),
            "ticket numbers stay unique"
        );
    }

    // The board polling process B sees every one of them (made through A and B), each once.
    let mut seen: HashMap<String, i64> = HashMap::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while seen.len() < numbers.len() && std::time::Instant::now() < deadline {
        let (status, text) = on_b
            .call("poll_board", &[("cursor", &cursor.to_string())])
            .await;
        assert_eq!(status, 200, "{text}");
        let changes: BoardChanges = serde_json::from_str(&text).unwrap();
        for c in &changes.cards {
            let n = c.ticket.number.to_string();
            if numbers.contains(&n) {
                seen.insert(n, c.ticket.version);
            }
        }
        assert!(changes.cursor >= cursor, "the cursor never goes back");
        cursor = changes.cursor;
        if !changes.more {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    assert_eq!(
        seen.len(),
        numbers.len(),
        "every change reaches the other process's board"
    );

    // A change through the balancer reaches a board polling through the balancer.
    let n = numbers.iter().next().unwrap().clone();
    let r = coordinator
        .call_json(
            "change_ticket",
            json!({"number": n, "version": 1, "change": {"action": "assign", "assignee": "tina@example.org"}}),
        )
        .await;
    assert_eq!(r.0, 200, "{}", r.1);
    let mut arrived = false;
    for _ in 0..50 {
        let (_, text) = coordinator
            .call("poll_board", &[("cursor", &cursor.to_string())])
            .await;
        let changes: BoardChanges = serde_json::from_str(&text).unwrap();
        if changes.cards.iter().any(|c| {
            c.ticket.number.to_string() == n
                && c.ticket
                    .assignee
                    .as_ref()
                    .is_some_and(|a| a.name == "Tina Front")
        }) {
            arrived = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(arrived, "the assignment reaches the board through nginx");

    // A board waiting on process B is answered as soon as process A commits a ticket (through
    // LISTEN/NOTIFY), long before its 20 s wait is over. A's escalation rules may commit too and
    // answer a wait first: the board then waits again from the cursor it was given.
    let cursor = serde_json::from_str::<BoardSnapshot>(&on_b.call("get_board", &[]).await.1)
        .unwrap()
        .cursor;
    let (b_client, b_base) = (on_b.client.clone(), on_b.base.clone());
    const TITLE: &str = "Filed on A, awaited on B";
    let waiting = tokio::spawn(async move {
        let mut cursor = cursor;
        loop {
            let r = b_client
                .post(format!("{b_base}/api/poll_board"))
                .header("accept", "application/json")
                .form(&[("cursor", cursor.to_string()), ("wait_ms", "20000".into())])
                .send()
                .await
                .unwrap();
            let changes: BoardChanges = serde_json::from_str(&r.text().await.unwrap()).unwrap();
            if let Some(card) = changes.cards.iter().find(|c| c.ticket.title == TITLE) {
                return card.ticket.number.to_string();
            }
            assert!(changes.cursor >= cursor, "the cursor never goes back");
            cursor = changes.cursor;
        }
    });
    tokio::time::sleep(Duration::from_millis(400)).await;
    let started = std::time::Instant::now();
    let r = client
        .post(format!("{}/api/v1/tickets", bases[0]))
        .bearer_auth(&rita)
        .json(&json!({"title": TITLE, "description": "x", "category": "other", "impact": "low", "urgency": "low"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    let filed = parse::<TicketJson>(r).await.number;
    let seen = tokio::time::timeout(Duration::from_secs(10), waiting)
        .await
        .expect("the waiting poll is answered by the other process's commit")
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(seen, filed);
}
