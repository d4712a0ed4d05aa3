//! `switchboard-bench-reports`: the reports over a year of history. It writes 100,000 tickets with
//! about 1,000,000 events (a year of a help desk: assignments, work, waiting, escalations,
//! reopenings, notes with time logged, ratings) into a fresh database (SQLite, or BENCH_DATABASE_URL), then times each
//! report as the server computes it (the facts' queries and the measures), and prints a table.
//! Run it with `make bench`; results are kept in docs/benchmarks.md.

use app::domain::report::ReportQuery;
use app::domain::{Priority, Role};
use app::server::auth;
use app::server::history::{Cast, Generator};
use chrono::Duration;
use std::time::Instant;

const TICKETS: usize = 100_000;
const BATCH: usize = 5_000;
const TECHNICIANS: usize = 40;
const REQUESTERS: usize = 2_000;

#[tokio::main]
async fn main() {
    // RUST_LOG=app::server::reports=info shows each report's load and total times.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .init();
    let dir =
        std::env::temp_dir().join(format!("switchboard-bench-reports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("bench dir");
    // BENCH_DATABASE_URL names an empty PostgreSQL database to measure that backend instead.
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.join("bench.db").display()));
    println!("database: {}", url.split("://").next().unwrap_or_default());
    let config = switchboard::Config::local(url);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = switchboard::build(&config, listener).await.expect("app");
    let state = app.state.clone();
    let now = state.clock.now();

    let started = Instant::now();
    let account = |email: String, name: String, role: Role| {
        let db = state.db.clone();
        async move {
            auth::create_account(&db, &email, &name, role, None, now)
                .await
                .expect("account")
        }
    };
    let coordinator = account(
        "coordinator@example.org".into(),
        "Bench Coordinator".into(),
        Role::Coordinator,
    )
    .await;
    let mut technicians = Vec::new();
    for i in 0..TECHNICIANS {
        technicians.push(
            account(
                format!("tech{i}@example.org"),
                format!("Technician {i:02}"),
                Role::Technician,
            )
            .await
            .id,
        );
    }
    let mut requesters = Vec::new();
    for i in 0..REQUESTERS {
        requesters.push(
            account(
                format!("person{i}@example.org"),
                format!("Person {i}"),
                Role::Requester,
            )
            .await
            .id,
        );
    }
    let first_technician = technicians[0];
    let mut generator = Generator::new(
        0x5eed_cafe_f00d_1234,
        Cast {
            coordinator: coordinator.id,
            technicians,
            requesters,
        },
        TICKETS,
        (now - Duration::days(365), now),
        now,
    );
    let (mut events, mut tickets) = (0usize, 0usize);
    let mut batch = Vec::with_capacity(BATCH);
    for i in 0..TICKETS {
        batch.push(generator.ticket(i));
        if batch.len() == BATCH || i + 1 == TICKETS {
            events += batch.iter().map(|t| t.events.len()).sum::<usize>();
            tickets += state.db.import_tickets(&batch).await.expect("import").len();
            batch.clear();
        }
    }
    println!(
        "wrote {tickets} tickets and {events} events in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let today = now.date_naive();
    let day = |d: i64| (today - Duration::days(d)).format("%Y-%m-%d").to_string();
    let period = |days: i64| ReportQuery {
        from: day(days - 1),
        to: day(0),
        ..ReportQuery::default()
    };
    let scenarios = [
        ("last 30 days", period(30)),
        ("last 90 days", period(90)),
        ("last 12 months", period(365)),
        (
            "last 12 months, network only",
            ReportQuery {
                category: "network".into(),
                ..period(365)
            },
        ),
        (
            "last 12 months, one technician",
            ReportQuery {
                technician: first_technician.to_string(),
                ..period(365)
            },
        ),
        (
            "last 12 months, P1 only",
            ReportQuery {
                priority: Priority::P1.to_string(),
                ..period(365)
            },
        ),
    ];
    println!(
        "\nSwitchboard reports benchmark ({} cores, {:?}, {tickets} tickets, {events} events)\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        state.db.backend()
    );
    println!("| report | runs | trend points | p50 ms | max ms | JSON |");
    println!("|---|---|---|---|---|---|");
    for (name, query) in scenarios {
        let mut times = Vec::new();
        let mut read = 0;
        let mut size = 0;
        for _ in 0..5 {
            let t = Instant::now();
            let report = app::server::reports::report(&state, &coordinator, &query)
                .await
                .expect("report");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            read = report.table("volume").map_or(0, |t| t.rows.len());
            size = serde_json::to_vec(&report).map_or(0, |j| j.len());
        }
        times.sort_by(f64::total_cmp);
        println!(
            "| {name} | {} | {} | {:.0} | {:.0} | {:.1} KB |",
            times.len(),
            read,
            times[times.len() / 2],
            times[times.len() - 1],
            size as f64 / 1024.0
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
