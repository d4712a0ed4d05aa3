//! `switchboard-bench-reports`: the reports over a year of history. It writes 100,000 tickets with
//! about 1,000,000 events (a year of a help desk: assignments, work, waiting, escalations,
//! reopenings, notes with time logged, ratings) into a fresh SQLite database, then times each
//! report as the server computes it (the facts' queries and the measures), and prints a table.
//! Run it with `make bench`; results are kept in docs/benchmarks.md.

use app::domain::report::ReportQuery;
use app::domain::{
    Impact, NoteVisibility, Priority, PriorityMatrix, Role, Status, Urgency, WaitingOn,
};
use app::server::auth;
use app::server::db::{ImportEvent, ImportNote, ImportTicket};
use chrono::{DateTime, Duration, Utc};
use std::time::Instant;

const TICKETS: usize = 100_000;
const BATCH: usize = 5_000;
const TECHNICIANS: usize = 40;
const REQUESTERS: usize = 2_000;
const CATEGORIES: [&str; 6] = [
    "hardware",
    "software",
    "network",
    "account",
    "facilities",
    "other",
];
const CHANNELS: [&str; 4] = ["portal", "portal", "phone", "email"];

/// A small deterministic generator (xorshift), so every run writes the same history.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn minutes(&mut self, max: i64) -> Duration {
        Duration::minutes(1 + self.below(max as u64) as i64)
    }
}

struct History<'a> {
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    events: Vec<ImportEvent>,
    status: Status,
    waiting_on: Option<WaitingOn>,
    rng: &'a mut Rng,
}

impl History<'_> {
    /// Moves time forward; false once it would pass `now` (the ticket is still open then).
    fn wait(&mut self, max_minutes: i64) -> bool {
        let next = self.at + self.rng.minutes(max_minutes);
        if next >= self.now {
            return false;
        }
        self.at = next;
        true
    }

    fn event(
        &mut self,
        actor: Option<i64>,
        kind: &str,
        from: Option<&str>,
        to: Option<&str>,
        detail: Option<&str>,
    ) {
        self.events.push(ImportEvent {
            at: self.at,
            actor_id: actor,
            kind: kind.into(),
            from: from.map(String::from),
            to: to.map(String::from),
            detail: detail.map(String::from),
            internal: kind == "escalated" || kind == "priority",
        });
    }

    fn status(&mut self, actor: i64, to: Status, detail: Option<&str>) {
        let from = self.status;
        self.event(
            Some(actor),
            "status",
            Some(from.as_str()),
            Some(to.as_str()),
            detail,
        );
        self.status = to;
        self.waiting_on = match to {
            Status::Waiting => detail.and_then(|d| d.parse().ok()),
            _ => None,
        };
    }
}

fn ticket(i: usize, rng: &mut Rng, now: DateTime<Utc>, people: &People) -> ImportTicket {
    let year = Duration::days(365);
    let created =
        now - year + year * i as i32 / TICKETS as i32 + Duration::seconds(rng.below(600) as i64);
    let category = CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize];
    let impact = Impact::ALL[rng.below(3) as usize];
    let urgency = Urgency::ALL[rng.below(3) as usize];
    let mut priority = PriorityMatrix::default().priority(impact, urgency);
    let requester = people.requesters[rng.below(REQUESTERS as u64) as usize];
    let mut tech = people.technicians[rng.below(TECHNICIANS as u64) as usize];
    let channel = CHANNELS[rng.below(CHANNELS.len() as u64) as usize];
    let mut h = History {
        at: created,
        now,
        events: Vec::with_capacity(12),
        status: Status::New,
        waiting_on: None,
        rng,
    };
    h.event(Some(requester), "created", None, Some("new"), Some(channel));
    let (mut notes, mut rating) = (Vec::new(), None);
    let (mut escalated, mut reopened, mut resolution) = (false, false, None);
    let mut assignee = None;
    // Each step happens only if its time has come; recent tickets are still on their way.
    'life: {
        if !h.wait(240) {
            break 'life;
        }
        assignee = Some(tech);
        h.event(
            Some(people.coordinator),
            "assigned",
            None,
            Some("Technician"),
            None,
        );
        h.status(people.coordinator, Status::Assigned, None);
        if !h.wait(180) {
            break 'life;
        }
        h.status(tech, Status::InProgress, None);
        h.event(Some(tech), "note", None, Some("public"), Some("0"));
        notes.push(ImportNote {
            at: h.at,
            author_id: tech,
            body: "Looking into it now".into(),
            visibility: NoteVisibility::Public,
            minutes: None,
        });
        if h.rng.chance(30) {
            let on = ["requester", "third_party", "facility"][h.rng.below(3) as usize];
            if !h.wait(120) {
                break 'life;
            }
            h.status(tech, Status::Waiting, Some(on));
            if !h.wait(2 * 24 * 60) {
                break 'life;
            }
            h.status(tech, Status::InProgress, None);
        }
        if h.rng.chance(10) {
            if !h.wait(240) {
                break 'life;
            }
            escalated = true;
            let raised = priority.raised();
            h.event(
                Some(tech),
                "priority",
                Some(priority.as_str()),
                Some(raised.as_str()),
                Some("Needs a specialist"),
            );
            priority = raised;
            tech = people.technicians[h.rng.below(TECHNICIANS as u64) as usize];
            assignee = Some(tech);
            h.event(
                Some(tech),
                "assigned",
                Some("Technician"),
                Some("Specialist"),
                None,
            );
            h.event(
                Some(tech),
                "escalated",
                None,
                Some("Specialist"),
                Some("Needs a specialist"),
            );
        }
        if !h.wait(8 * 60) {
            break 'life;
        }
        let minutes = 5 + h.rng.below(120) as i64;
        h.event(Some(tech), "note", None, Some("internal"), Some("0"));
        notes.push(ImportNote {
            at: h.at,
            author_id: tech,
            body: format!("Time spent: {minutes} minutes"),
            visibility: NoteVisibility::Internal,
            minutes: Some(minutes),
        });
        resolution = Some("Fixed and checked with the requester".to_string());
        h.status(tech, Status::Resolved, resolution.as_deref());
        if h.rng.chance(5) {
            if !h.wait(24 * 60) {
                break 'life;
            }
            reopened = true;
            h.event(
                Some(requester),
                "reopened",
                None,
                None,
                Some("Still broken"),
            );
            h.status(requester, Status::InProgress, None);
            if !h.wait(4 * 60) {
                break 'life;
            }
            h.status(tech, Status::Resolved, resolution.as_deref());
        }
        if !h.wait(3 * 24 * 60) {
            break 'life;
        }
        h.status(requester, Status::Closed, None);
        if h.rng.chance(30) {
            let score = 1 + h.rng.below(5) as i64;
            let comment = h
                .rng
                .chance(40)
                .then(|| format!("Rated {score}: thanks for the help"));
            rating = Some((score, comment, h.at));
        }
    }
    ImportTicket {
        title: format!("{category} problem number {i}"),
        description: format!("Generated ticket {i} for the reports benchmark"),
        category: category.into(),
        requester_id: requester,
        assignee_id: assignee,
        impact,
        urgency,
        priority,
        status: h.status,
        waiting_on: h.waiting_on,
        channel: channel.into(),
        created_at: created,
        updated_at: h.at,
        resolution,
        escalated,
        reopened,
        events: h.events,
        notes,
        rating,
    }
}

struct People {
    coordinator: i64,
    technicians: Vec<i64>,
    requesters: Vec<i64>,
}

#[tokio::main]
async fn main() {
    let dir =
        std::env::temp_dir().join(format!("switchboard-bench-reports-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("bench dir");
    let config = switchboard::Config::local(format!("sqlite://{}", dir.join("bench.db").display()));
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
    let people = People {
        coordinator: coordinator.id,
        technicians,
        requesters,
    };
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let (mut events, mut tickets) = (0usize, 0usize);
    let mut batch = Vec::with_capacity(BATCH);
    for i in 0..TICKETS {
        batch.push(ticket(i, &mut rng, now, &people));
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
                technician: people.technicians[0].to_string(),
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
        "\nSwitchboard reports benchmark ({} cores, SQLite, {tickets} tickets, {events} events)\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
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
