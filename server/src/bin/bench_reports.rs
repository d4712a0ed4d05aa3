//! `switchboard-bench-reports`: the reports over a year of history. It writes 100,000 tickets with
//! about 1,000,000 events (a year of a help desk: assignments, work, waiting, escalations,
//! reopenings, notes with time logged, ratings) into a fresh database (SQLite, or BENCH_DATABASE_URL), then times each
//! report as the server computes it (the facts' queries and the measures), and prints a table.
//! Then it writes 2,000 help articles and times the answers the desk offers: beside a request
//! being typed (a requester's own past fixes and the articles) and beside a ticket (every past
//! fix and the articles).
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
    suggestions(&state, &coordinator).await;
    // BENCH_KEEP=1 keeps the SQLite database to study its queries (`sqlite3 …/bench.db`).
    if std::env::var_os("BENCH_KEEP").is_some() {
        println!("\nkept {}", dir.display());
    } else {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

const ARTICLES: usize = 2_000;

/// Percentiles of the answers offered while a request is typed and beside a ticket.
async fn suggestions(state: &app::server::AppState, coordinator: &app::domain::User) {
    use app::domain::knowledge::{ArticleDraft, ArticleState};
    use app::domain::visibility::Visibility;
    use app::domain::TicketNumber;
    use app::server::db::Db;
    use app::server::knowledge;
    let topics = [
        "printer",
        "laptop charger",
        "monitor",
        "keyboard",
        "Outlook",
        "Excel",
        "Teams sound",
        "PDF",
        "Wi-Fi",
        "network socket",
        "VPN",
        "account lock",
        "shared drive",
        "phone mail",
        "headset",
        "desk socket",
        "Drucker",
        "stampante",
    ];
    let now = state.clock.now();
    let started = Instant::now();
    let mut tx = state.db.begin_write().await.expect("write");
    for i in 0..ARTICLES {
        let topic = topics[i % topics.len()];
        let draft = ArticleDraft {
            title: format!("When the {topic} fails ({i})"),
            body: format!(
                "## Try first\n\n1. Restart it.\n2. Check the cable and the {topic} settings.\n\
                 3. Update the driver.\n\nStill failing? File a request with the asset tag. ({i})"
            ),
            audience: if i % 5 == 0 { "staff" } else { "everyone" }.into(),
            ..ArticleDraft::default()
        };
        let valid = draft.parse().expect("article");
        Db::insert_article(
            &mut tx,
            &valid,
            None,
            ArticleState::Published,
            coordinator.id,
            None,
            now,
        )
        .await
        .expect("article");
    }
    tx.commit().await.expect("commit");
    println!(
        "\nwrote {ARTICLES} articles in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    // Otherwise PostgreSQL's autovacuum goes over the million new rows while the searches are
    // timed (a desk in use has had it long since).
    let started = Instant::now();
    state.db.analyze().await.expect("vacuum and analyze");
    println!(
        "settled the database (PostgreSQL: VACUUM ANALYZE) in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let person = state
        .db
        .user_by_email("person7@example.org")
        .await
        .expect("person")
        .expect("person7");
    let typed = [
        "Printer offline again",
        "laptop does not charge",
        "Outlook asks for my password",
        "VPN timeout from home",
        "Wi-Fi keeps dropping",
        "Der Drucker druckt nicht",
        "La stampante non stampa",
        "second monitor black after docking",
        "Excel crashes on the budget file",
        "no sound in Teams",
    ];
    const RUNS: usize = 300;
    let percentiles = |mut times: Vec<f64>| {
        times.sort_by(f64::total_cmp);
        let at = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
        (at(0.5), at(0.99), times[times.len() - 1])
    };
    // Where a suggestion's time goes: each query on its own.
    println!("\n| part (typed request) | runs | p50 ms | p99 ms |");
    println!("|---|---|---|---|");
    for (label, part) in [
        ("past fixes of the requester", 0),
        ("past fixes, any", 1),
        ("articles", 2),
    ] {
        let mut times = Vec::new();
        for i in 0..RUNS / 3 {
            let words = app::domain::knowledge::keywords(typed[i % typed.len()], 12);
            let t = Instant::now();
            match part {
                0 => drop(
                    state
                        .db
                        .solved_like(&words, None, Some(person.id), &Visibility::of(&person), 4)
                        .await
                        .expect("fixes"),
                ),
                1 => drop(
                    state
                        .db
                        .solved_like(&words, None, None, &Visibility::Everything, 4)
                        .await
                        .expect("fixes"),
                ),
                _ => {
                    let filter = app::server::db::ArticleFilter {
                        words,
                        staff: false,
                        drafts: false,
                        limit: 4,
                    };
                    drop(state.db.articles(&filter).await.expect("articles"))
                }
            }
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        let (p50, p99, _) = percentiles(times);
        println!("| {label} | {} | {p50:.1} | {p99:.1} |", RUNS / 3);
    }
    // The same beside a ticket: reading it, its past fixes and the articles for staff, by its
    // first eight words.
    println!("\n| part (beside a ticket) | runs | p50 ms | p99 ms |");
    println!("|---|---|---|---|");
    let mut parts: [Vec<f64>; 3] = Default::default();
    for i in 0..RUNS / 3 {
        let id = 1 + (i as i64 * 331) % 100_000;
        let t = Instant::now();
        let mut conn = state.db.conn().await.expect("conn");
        let row = Db::ticket(&mut conn, id)
            .await
            .expect("ticket")
            .expect("exists");
        drop(conn);
        parts[0].push(t.elapsed().as_secs_f64() * 1000.0);
        let words = app::domain::knowledge::keywords(
            &format!("{} {}", row.ticket.title, row.ticket.description),
            8,
        );
        let t = Instant::now();
        let fixes = state
            .db
            .solved_like(&words, Some(id), None, &Visibility::Everything, 3)
            .await
            .expect("fixes");
        parts[1].push(t.elapsed().as_secs_f64() * 1000.0);
        drop(fixes);
        let filter = app::server::db::ArticleFilter {
            words,
            staff: true,
            drafts: false,
            limit: 3,
        };
        let t = Instant::now();
        drop(state.db.articles(&filter).await.expect("articles"));
        parts[2].push(t.elapsed().as_secs_f64() * 1000.0);
    }
    for (label, times) in ["the ticket", "past fixes like it", "articles for staff"]
        .into_iter()
        .zip(parts)
    {
        let (p50, p99, _) = percentiles(times);
        println!("| {label} | {} | {p50:.1} | {p99:.1} |", RUNS / 3);
    }
    println!("\n| answers offered | runs | found (avg) | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|---|");
    let (mut times, mut found) = (Vec::new(), 0);
    for i in 0..RUNS {
        let t = Instant::now();
        let a = knowledge::answers_for_request(state, &person, typed[i % typed.len()], "")
            .await
            .expect("answers");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        found += a.fixes.len() + a.articles.len();
    }
    let (p50, p99, max) = percentiles(times);
    println!(
        "| while a request is typed (requester) | {RUNS} | {:.1} | {p50:.1} | {p99:.1} | {max:.1} |",
        found as f64 / RUNS as f64
    );
    let (mut times, mut found) = (Vec::new(), 0);
    for i in 0..RUNS {
        let number = TicketNumber::from_id(1 + (i as i64 * 331) % 100_000);
        let t = Instant::now();
        let a = knowledge::answers_for_ticket(state, coordinator, number)
            .await
            .expect("answers");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        found += a.fixes.len() + a.articles.len();
    }
    let (p50, p99, max) = percentiles(times);
    println!(
        "| beside a ticket (staff) | {RUNS} | {:.1} | {p50:.1} | {p99:.1} | {max:.1} |",
        found as f64 / RUNS as f64
    );
}
