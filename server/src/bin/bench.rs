//! `switchboard-bench`: a load generator for the performance targets. It starts Switchboard on a
//! fresh database (SQLite, or the PostgreSQL database BENCH_DATABASE_URL names) holding the demo
//! desk, on loopback, drives it over HTTP with keep-alive connections, and prints
//! a table (p50/p95/p99 latency and throughput). A bare axum route on the same machine, in the same
//! run, is the baseline. Run it with `make bench`; results are kept in docs/benchmarks.md.

use app::domain::Role;
use app::domain::{ActionKind, User};
use app::server::{auth, service};
use app::types::{NewTicket, TicketChange};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

#[path = "bench/files.rs"]
mod files;
#[path = "bench/live.rs"]
mod live;

const PASSWORD: &str = "bench-password-1";

/// One keep-alive HTTP/1.1 connection; just enough client for a benchmark.
struct Conn {
    addr: String,
    io: BufReader<TcpStream>,
}

impl Conn {
    /// `Bearer …` for the REST API, from `email`'s password.
    async fn bearer(&mut self, email: &str, password: &str) -> String {
        let body = serde_json::json!({ "email": email, "password": password }).to_string();
        let (_, body, _) = self
            .request(
                "POST",
                "/api/v1/auth/token",
                &[("content-type", "application/json")],
                body.as_bytes(),
            )
            .await;
        let answer: serde_json::Value = serde_json::from_slice(&body).expect("token");
        format!("Bearer {}", answer["token"].as_str().expect("token"))
    }

    async fn open(addr: &str) -> Conn {
        let stream = TcpStream::connect(addr).await.expect("connect");
        stream.set_nodelay(true).ok();
        Conn {
            addr: addr.to_string(),
            io: BufReader::new(stream),
        }
    }

    async fn request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, Vec<u8>, Vec<(String, String)>) {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Length: {}\r\n",
            self.addr,
            body.len()
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        let w = self.io.get_mut();
        w.write_all(head.as_bytes()).await.expect("write");
        w.write_all(body).await.expect("write");
        let mut line = String::new();
        self.io.read_line(&mut line).await.expect("status line");
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("status");
        let mut length = 0usize;
        let mut chunked = false;
        let mut response_headers = Vec::new();
        loop {
            line.clear();
            self.io.read_line(&mut line).await.expect("header");
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_string());
                if k == "content-length" {
                    length = v.parse().unwrap_or(0);
                }
                if k == "transfer-encoding" && v.eq_ignore_ascii_case("chunked") {
                    chunked = true;
                }
                response_headers.push((k, v));
            }
        }
        let mut out = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.io.read_line(&mut line).await.expect("chunk size");
                let size = usize::from_str_radix(line.trim(), 16).expect("chunk size");
                let mut chunk = vec![0; size + 2];
                self.io.read_exact(&mut chunk).await.expect("chunk");
                if size == 0 {
                    break;
                }
                out.extend_from_slice(&chunk[..size]);
            }
        } else {
            out.resize(length, 0);
            self.io.read_exact(&mut out).await.expect("body");
        }
        (status, out, response_headers)
    }
}

/// The benchmarked server's own request timings, read for each scenario's server-side
/// percentiles (scenarios against bare axum have none).
static SERVER_TIMINGS: std::sync::OnceLock<app::server::timings::Timings> =
    std::sync::OnceLock::new();

struct Stats {
    name: String,
    samples: Vec<Duration>,
    wall: Duration,
    bytes: usize,
    /// Server-side p50 and p99, from the server's timings.
    server: Option<(Duration, Duration)>,
}

impl Stats {
    fn pct(&self, p: f64) -> f64 {
        let mut s = self.samples.clone();
        s.sort();
        let i = ((s.len() as f64 - 1.0) * p).round() as usize;
        s.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }

    fn row(&self) -> String {
        let server = |d: Option<Duration>| {
            d.map_or("-".into(), |d| format!("{:.3}", d.as_secs_f64() * 1000.0))
        };
        format!(
            "| {} | {} | {:.2} | {:.2} | {:.2} | {} | {} | {:.0} | {} |",
            self.name,
            self.samples.len(),
            self.pct(0.50),
            self.pct(0.95),
            self.pct(0.99),
            server(self.server.map(|s| s.0)),
            server(self.server.map(|s| s.1)),
            self.samples.len() as f64 / self.wall.as_secs_f64(),
            if self.bytes > 0 {
                format!("{:.1} KB", self.bytes as f64 / 1024.0)
            } else {
                "-".into()
            }
        )
    }
}

/// Runs `per_client` requests on each of `clients` connections and collects the latencies.
async fn load<F>(name: &str, addr: &str, clients: usize, per_client: usize, make: F) -> Stats
where
    F: Fn(usize, usize) -> (String, String, Vec<(String, String)>, Vec<u8>)
        + Send
        + Sync
        + Clone
        + 'static,
{
    // Connect every client before the clock starts: hundreds of simultaneous connects overflow
    // the accept queue, which is not what is being measured.
    let mut conns = Vec::with_capacity(clients);
    for _ in 0..clients {
        conns.push(Conn::open(addr).await);
    }
    let before = server_counts();
    let start = Instant::now();
    let mut tasks = Vec::new();
    for (c, mut conn) in conns.into_iter().enumerate() {
        let make = make.clone();
        tasks.push(tokio::spawn(async move {
            let mut samples = Vec::with_capacity(per_client);
            let mut bytes = 0;
            for i in 0..per_client {
                let (method, path, headers, body) = make(c, i);
                let h: Vec<(&str, &str)> = headers
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                let t = Instant::now();
                let (status, out, _) = conn.request(&method, &path, &h, &body).await;
                samples.push(t.elapsed());
                assert!(
                    status < 300,
                    "{method} {path} answered {status}: {}",
                    String::from_utf8_lossy(&out)
                );
                bytes = out.len();
            }
            (samples, bytes)
        }));
    }
    let mut samples = Vec::new();
    let mut bytes = 0;
    for t in tasks {
        let (s, b) = t.await.expect("client");
        samples.extend(s);
        bytes = b;
    }
    let wall = start.elapsed();
    let server = server_side(before);
    Stats {
        name: name.into(),
        samples,
        wall,
        bytes,
        server,
    }
}

fn rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmRSS:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
            })
        })
        .unwrap_or(0.0)
        / 1024.0
}

/// One request, repeated by every client of a run in a child process.
#[derive(serde::Serialize, serde::Deserialize)]
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

/// What a child process measured.
#[derive(serde::Serialize, serde::Deserialize)]
struct ChildStats {
    samples_ns: Vec<u64>,
    wall_ns: u64,
    bytes: usize,
}

/// The server's request counts so far, every route together.
fn server_counts() -> Option<app::server::timings::Buckets> {
    SERVER_TIMINGS.get().map(|t| t.snapshot())
}

/// The server's own p50 and p99 of the requests since `before` was counted.
fn server_side(before: Option<app::server::timings::Buckets>) -> Option<(Duration, Duration)> {
    let h = SERVER_TIMINGS.get()?.snapshot().since(&before?);
    h.quantile(0.5).zip(h.quantile(0.99))
}

/// Runs `load` in a child process (`switchboard-bench clients …`) against `addr`.
async fn load_from_child(
    name: &str,
    addr: &str,
    clients: usize,
    per_client: usize,
    request: Request,
) -> Stats {
    let before = server_counts();
    let exe = std::env::current_exe().expect("own path");
    let output = tokio::process::Command::new(exe)
        .arg("clients")
        .arg(addr)
        .arg(clients.to_string())
        .arg(per_client.to_string())
        .arg(serde_json::to_string(&request).expect("request"))
        .output()
        .await
        .expect("child runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let child: ChildStats = serde_json::from_slice(&output.stdout).expect("child stats");
    let server = server_side(before);
    Stats {
        name: name.into(),
        samples: child
            .samples_ns
            .into_iter()
            .map(Duration::from_nanos)
            .collect(),
        wall: Duration::from_nanos(child.wall_ns),
        bytes: child.bytes,
        server,
    }
}

/// The child side of `load_from_child`: runs the clients and prints what they measured as JSON.
async fn clients(args: &[String]) {
    let (addr, clients, per_client, request) = match args {
        [addr, clients, per_client, request] => (
            addr.as_str(),
            clients.parse().expect("clients"),
            per_client.parse().expect("requests per client"),
            serde_json::from_str::<Request>(request).expect("request"),
        ),
        _ => panic!("usage: switchboard-bench clients ADDR CLIENTS PER_CLIENT REQUEST_JSON"),
    };
    let stats = load("child", addr, clients, per_client, move |_, _| {
        (
            request.method.clone(),
            request.path.clone(),
            request.headers.clone(),
            request.body.clone().into_bytes(),
        )
    })
    .await;
    let out = ChildStats {
        samples_ns: stats.samples.iter().map(|d| d.as_nanos() as u64).collect(),
        wall_ns: stats.wall.as_nanos() as u64,
        bytes: stats.bytes,
    };
    println!("{}", serde_json::to_string(&out).expect("stats"));
}

/// The server under test, the bare axum baseline beside it, and its coordinator's credentials.
struct Target {
    addr: String,
    bare_addr: String,
    state: app::server::state::AppState,
    coordinator: User,
    /// `Bearer …` for the REST API.
    bearer: String,
    /// `Bearer …` of a requester of the demo desk (rita@example.org).
    requester_bearer: String,
    /// `sb_session=…` for the server functions.
    cookie: String,
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("clients") {
        return clients(&args[2..]).await;
    }
    let dir = std::env::temp_dir().join(format!("switchboard-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("bench dir");
    // BENCH_DATABASE_URL names an empty PostgreSQL database to measure that backend instead.
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.join("bench.db").display()));
    println!("database: {}", url.split("://").next().unwrap_or_default());
    let target = start(url).await;
    // BENCH_ONLY=poll measures the board's poll alone, without seeding: quick, for profiling it.
    let mut rows = Vec::new();
    let mut notes = Vec::new();
    if std::env::var("BENCH_ONLY").as_deref() != Ok("poll") {
        rows = filing(&target).await;
        seed(&target).await;
        rows.extend(lists(&target).await);
        rows.extend(board(&target).await);
        let (file_rows, file_notes) = files::files(&target).await;
        rows.extend(file_rows);
        notes = file_notes;
    }
    let (polls, server_rss) = polls(&target).await;
    rows.extend(polls);
    notes.extend(live::live(&target).await);

    println!(
        "\nSwitchboard benchmark ({} cores, {:?}; load generator in the same process unless noted)\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        target.state.db.backend()
    );
    println!("| scenario | requests | p50 ms | p95 ms | p99 ms | server p50 ms | server p99 ms | req/s | last body |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in &rows {
        println!("{}", r.row());
    }
    for note in notes {
        println!("\n{note}");
    }
    println!(
        "\nserver process RSS after the 500-client poll run: {server_rss:.0} MB \
         (the server, the bare axum baseline and the finished in-process scenarios)"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Starts Switchboard on `url` with the demo desk in it (a coordinator told of every new ticket,
/// technicians with skills and teams, mail held), and a bare axum route on loopback; signs a
/// coordinator of its own and a demo requester in.
async fn start(url: String) -> Target {
    let config = switchboard::Config::local(url);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = switchboard::build(&config, listener).await.expect("app");
    let addr = format!("127.0.0.1:{}", app.port());
    let state = app.state.clone();
    app::server::demo::load(&state).await.expect("demo desk");
    let _ = SERVER_TIMINGS.set(state.timings.clone());
    tokio::spawn(app.run_until(std::future::pending()));

    let bare = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let bare_addr = bare.local_addr().unwrap().to_string();
    tokio::spawn(async move {
        let router = axum::Router::new().route("/hello", axum::routing::get(|| async { "hello" }));
        axum::serve(bare, router).await.ok();
    });

    let now = state.clock.now();
    let coordinator = auth::create_account(
        &state.db,
        "bench@example.org",
        "Bench Coordinator",
        Role::Coordinator,
        Some(PASSWORD),
        now,
    )
    .await
    .expect("account");
    let mut conn = Conn::open(&addr).await;
    let bearer = conn.bearer("bench@example.org", PASSWORD).await;
    let requester_bearer = conn
        .bearer("rita@example.org", app::server::demo::DEMO_PASSWORD)
        .await;
    let (_, _, headers) = conn
        .request(
            "POST",
            "/api/sign_in",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("accept", "application/json"),
            ],
            format!("email=bench%40example.org&password={PASSWORD}").as_bytes(),
        )
        .await;
    let cookie = headers
        .iter()
        .find(|(k, v)| k == "set-cookie" && v.starts_with("sb_session="))
        .map(|(_, v)| v.split(';').next().unwrap().to_string())
        .expect("cookie");

    Target {
        addr,
        bare_addr,
        state,
        coordinator,
        bearer,
        requester_bearer,
        cookie,
    }
}

/// The baseline, then filing through the REST API with 4 clients.
async fn filing(t: &Target) -> Vec<Stats> {
    let mut rows = Vec::new();
    rows.push(
        load(
            "bare axum GET /hello (baseline)",
            &t.bare_addr,
            4,
            5_000,
            |_, _| ("GET".into(), "/hello".into(), vec![], vec![]),
        )
        .await,
    );
    let auth_header = t.bearer.clone();
    rows.push(
        load("POST /api/v1/tickets, 4 clients", &t.addr, 4, 2_500, move |c, i| {
            let priority = ["low", "medium", "high"][i % 3];
            let body = format!(
                r#"{{"title":"Printer {c}-{i} jams on page {i}","description":"Load test ticket {i}","category":"other","impact":"{priority}","urgency":"medium"}}"#
            );
            ("POST".into(), "/api/v1/tickets".into(), vec![("authorization".into(), auth_header.clone()), ("content-type".into(), "application/json".into())], body.into_bytes())
        })
        .await,
    );
    // As the demo desk's requesters file: each ticket is confirmed to its requester and
    // announced to both coordinators, in the app and in the (held) mail outbox.
    let auth_header = t.requester_bearer.clone();
    rows.push(
        load("POST /api/v1/tickets by a requester, 4 clients", &t.addr, 4, 2_500, move |c, i| {
            let body = format!(
                r#"{{"title":"Laptop {c}-{i} will not wake from sleep","description":"Filed by a requester, {i}","category":"hardware","impact":"medium","urgency":"medium","fields":{{"asset_tag":"LT-{c}{i:05}"}}}}"#
            );
            ("POST".into(), "/api/v1/tickets".into(), vec![("authorization".into(), auth_header.clone()), ("content-type".into(), "application/json".into())], body.into_bytes())
        })
        .await,
    );

    rows
}

async fn seed(t: &Target) {
    let (state, coordinator) = (&t.state, &t.coordinator);
    let now = state.clock.now();
    // Fill up to 50,000 tickets through the service (no HTTP), shaped like a year of a help desk:
    // most finished (closed through the whole lifecycle, or cancelled), one in ten still open.
    let start = Instant::now();
    let technician = auth::create_account(
        &state.db,
        "tech@example.org",
        "Bench Technician",
        Role::Technician,
        Some(PASSWORD),
        now,
    )
    .await
    .expect("technician");
    let have = state.db.count_tickets().await.unwrap() as usize;
    let words = [
        "printer", "laptop", "network", "outlook", "vpn", "monitor", "badge", "phone", "scanner",
        "wifi",
    ];
    let step = |action: ActionKind, assignee: Option<&str>, text: Option<&str>| TicketChange {
        action: Some(action),
        assignee: assignee.map(String::from),
        text: text.map(String::from),
        ..TicketChange::default()
    };
    for i in have..50_000 {
        let input = NewTicket {
            title: format!("{} problem number {i}", words[i % words.len()]),
            description: format!(
                "Seeded ticket {i} about the {}",
                words[(i / 10) % words.len()]
            ),
            category: "other".into(),
            impact: ["low", "medium", "high"][i % 3].into(),
            urgency: ["low", "medium", "high"][(i / 3) % 3].into(),
            ..NewTicket::default()
        };
        let t = service::create_ticket(state, coordinator, input)
            .await
            .expect("seed");
        let n = t.number;
        let plan: Vec<(&User, TicketChange)> = match i % 20 {
            0 | 1 => vec![],
            2..=10 => vec![
                (
                    coordinator,
                    step(ActionKind::Assign, Some("tech@example.org"), None),
                ),
                (&technician, step(ActionKind::Start, None, None)),
                (&technician, step(ActionKind::Resolve, None, Some("Fixed"))),
                (coordinator, step(ActionKind::Close, None, None)),
            ],
            _ => vec![(coordinator, step(ActionKind::Cancel, None, None))],
        };
        for (who, change) in plan {
            service::change_ticket(state, who, n, None, change)
                .await
                .expect("seed change");
        }
    }
    eprintln!(
        "seeded to 50,000 tickets (most finished) in {:.1} s",
        start.elapsed().as_secs_f64()
    );
    // PostgreSQL's autovacuum would otherwise go over the new rows while the lists are timed.
    state.db.analyze().await.expect("vacuum and analyze");
}

/// Open tickets listed through the REST API over 50,000 stored, plain and searched.
async fn lists(t: &Target) -> Vec<Stats> {
    let (addr, bearer) = (&t.addr, &t.bearer);
    let mut rows = Vec::new();
    let auth_header = bearer.clone();
    rows.push(
        load(
            "GET /api/v1/tickets?status=open (50k stored, by priority)",
            addr,
            1,
            2_000,
            move |_, _| {
                (
                    "GET".into(),
                    "/api/v1/tickets?status=open&limit=50".into(),
                    vec![("authorization".into(), auth_header.clone())],
                    vec![],
                )
            },
        )
        .await,
    );
    let auth_header = bearer.clone();
    rows.push(
        load(
            "GET /api/v1/tickets?status=open&q=… (search, 50k stored)",
            addr,
            1,
            2_000,
            move |_, i| {
                let q = ["printer", "vpn jams", "monitor 12", "wifi", "laptop number"][i % 5]
                    .replace(' ', "+");
                (
                    "GET".into(),
                    format!("/api/v1/tickets?status=open&limit=50&q={q}"),
                    vec![("authorization".into(), auth_header.clone())],
                    vec![],
                )
            },
        )
        .await,
    );
    rows
}

async fn board(t: &Target) -> Vec<Stats> {
    let (state, addr, cookie) = (&t.state, &t.addr, &t.cookie);
    let now = state.clock.now();
    let mut rows = Vec::new();
    // The board at scale: 200 technicians and over 10,000 open tickets (the 10,000 filed above
    // are still new, and one in ten of the seeded ones is open).
    for i in 0..200 {
        auth::create_account(
            &state.db,
            &format!("tech{i}@example.org"),
            &format!("Tech {i}"),
            Role::Technician,
            None,
            now,
        )
        .await
        .expect("technician");
    }
    let board_cookie = cookie.clone();
    let board = |gzip: bool| {
        let board_cookie = board_cookie.clone();
        move |_: usize, _: usize| {
            let mut headers = vec![
                ("cookie".into(), board_cookie.clone()),
                (
                    "content-type".into(),
                    "application/x-www-form-urlencoded".into(),
                ),
                ("accept".into(), "application/json".into()),
            ];
            if gzip {
                headers.push(("accept-encoding".into(), "gzip".into()));
            }
            ("POST".into(), "/api/get_board".into(), headers, Vec::new())
        }
    };
    rows.push(
        load(
            "POST /api/get_board, first load (raw JSON)",
            addr,
            1,
            20,
            board(false),
        )
        .await,
    );
    rows.push(
        load(
            "POST /api/get_board, first load (gzip)",
            addr,
            1,
            50,
            board(true),
        )
        .await,
    );
    rows
}

/// The board's poll when nothing changed, from 50 clients here and 500 in another process (with
/// the bare baseline for those), and the server's memory after it.
async fn polls(t: &Target) -> (Vec<Stats>, f64) {
    let (state, addr, cookie, bare_addr) = (&t.state, &t.addr, &t.cookie, &t.bare_addr);
    let mut rows = Vec::new();
    let head = state.feed.get();
    let poll_cookie = cookie.clone();
    rows.push(
        load(
            "POST /api/poll_board, no change, 50 clients",
            addr,
            50,
            400,
            move |_, _| {
                (
                    "POST".into(),
                    "/api/poll_board".into(),
                    vec![
                        ("cookie".into(), poll_cookie.clone()),
                        (
                            "content-type".into(),
                            "application/x-www-form-urlencoded".into(),
                        ),
                        ("accept".into(), "application/json".into()),
                    ],
                    format!("cursor={head}").into_bytes(),
                )
            },
        )
        .await,
    );

    // The 500-client runs drive the server from a separate process, so the server's memory is
    // its own and the clients' bookkeeping is not in its measurements.
    rows.push(
        load_from_child(
            "POST /api/poll_board, no change, 500 clients (clients in another process)",
            addr,
            500,
            40,
            Request {
                method: "POST".into(),
                path: "/api/poll_board".into(),
                headers: vec![
                    ("cookie".into(), cookie.clone()),
                    (
                        "content-type".into(),
                        "application/x-www-form-urlencoded".into(),
                    ),
                    ("accept".into(), "application/json".into()),
                ],
                body: format!("cursor={head}"),
            },
        )
        .await,
    );
    let server_rss = rss_mb();
    rows.push(
        load_from_child(
            "bare axum GET /hello, 500 clients in another process (baseline)",
            bare_addr,
            500,
            40,
            Request {
                method: "GET".into(),
                path: "/hello".into(),
                headers: vec![],
                body: String::new(),
            },
        )
        .await,
    );

    (rows, server_rss)
}
