//! The live board: how long a ticket filed through the API takes to reach boards that wait on the
//! server for changes (long polls), and how many requests a quiet board makes.

use super::{Conn, Target};
use app::types::BoardChanges;
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BOARDS: usize = 50;
const CHANGES: usize = 40;
const QUIET: Duration = Duration::from_secs(30);

/// Runs the scenario and answers its lines for the report.
pub async fn live(t: &Target) -> Vec<String> {
    let requests = Arc::new(AtomicUsize::new(0));
    // (board, ticket id) → when the board received the ticket.
    let arrivals: Arc<Mutex<HashMap<(usize, i64), Instant>>> = Arc::default();
    let start = t.state.feed.get();
    let mut boards = Vec::new();
    for board in 0..BOARDS {
        let (addr, cookie) = (t.addr.clone(), t.cookie.clone());
        let (requests, arrivals) = (requests.clone(), arrivals.clone());
        boards.push(tokio::spawn(async move {
            let mut conn = Conn::open(&addr).await;
            let mut cursor = start;
            loop {
                let body = format!("cursor={cursor}&wait_ms=25000");
                let (status, body, _) = conn
                    .request(
                        "POST",
                        "/api/poll_board",
                        &[
                            ("cookie", &cookie),
                            ("content-type", "application/x-www-form-urlencoded"),
                            ("accept", "application/json"),
                        ],
                        body.as_bytes(),
                    )
                    .await;
                let now = Instant::now();
                requests.fetch_add(1, Ordering::Relaxed);
                assert_eq!(status, 200, "{}", String::from_utf8_lossy(&body));
                let changes: BoardChanges = serde_json::from_slice(&body).expect("changes");
                let mut seen = arrivals.lock().unwrap();
                for c in changes.cards {
                    seen.entry((board, c.ticket.number.0)).or_insert(now);
                }
                cursor = changes.cursor;
            }
        }));
    }
    // Let every board start waiting.
    tokio::time::sleep(Duration::from_millis(500)).await;

    let mut writer = Conn::open(&t.addr).await;
    let mut sent = Vec::new();
    for i in 0..CHANGES {
        tokio::time::sleep(Duration::from_millis(150 + (i as u64 * 37) % 100)).await;
        let body = format!(
            r#"{{"title":"Live board check {i}","description":"Filed while {BOARDS} boards wait","category":"other","impact":"low","urgency":"medium"}}"#
        );
        let at = Instant::now();
        let (status, answer, _) = writer
            .request(
                "POST",
                "/api/v1/tickets",
                &[
                    ("authorization", &t.bearer),
                    ("content-type", "application/json"),
                ],
                body.as_bytes(),
            )
            .await;
        assert_eq!(status, 201, "{}", String::from_utf8_lossy(&answer));
        let filed: serde_json::Value = serde_json::from_slice(&answer).expect("ticket");
        let number = filed["number"].as_str().expect("number");
        let id: i64 = number.trim_start_matches("SB-").parse().expect("id");
        sent.push((id, at));
    }
    tokio::time::sleep(Duration::from_secs(1)).await;

    let mut latencies = Vec::new();
    let mut missing = 0;
    {
        let seen = arrivals.lock().unwrap();
        for board in 0..BOARDS {
            for (id, at) in &sent {
                match seen.get(&(board, *id)) {
                    Some(arrived) => latencies.push(arrived.saturating_duration_since(*at)),
                    None => missing += 1,
                }
            }
        }
    }
    latencies.sort();
    let pct = |p: f64| {
        let i = ((latencies.len() as f64 - 1.0) * p).round() as usize;
        latencies
            .get(i)
            .map_or(f64::NAN, |d| d.as_secs_f64() * 1000.0)
    };

    // A quiet desk: what the waiting boards cost.
    let before = requests.load(Ordering::Relaxed);
    tokio::time::sleep(QUIET).await;
    let quiet = requests.load(Ordering::Relaxed) - before;
    for b in boards {
        b.abort();
    }
    let per_minute = quiet as f64 / BOARDS as f64 * 60.0 / QUIET.as_secs_f64();
    vec![
        format!(
            "change to board: {CHANGES} tickets filed one at a time through the API while \
             {BOARDS} boards wait on the server; from sending the filing to each board's answer: \
             p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms; {} of {} arrivals missing",
            pct(0.50),
            pct(0.95),
            pct(1.0),
            missing,
            BOARDS * CHANGES
        ),
        format!(
            "a quiet board: {per_minute:.1} requests a minute each ({quiet} from {BOARDS} boards \
             in {} s; polling every 1.5 s made 40)",
            QUIET.as_secs()
        ),
    ]
}
