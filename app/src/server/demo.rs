//! Demo data for a first start: a coordinator, an admin, technicians of every tier with different
//! skills, requesters, and tickets in every state, all made through the ticket service so their
//! history is real.

use super::auth::create_account;
use super::db::Db;
use super::history::{Cast, Generator};
use super::service;
use super::state::AppState;
use crate::domain::coordination::{ProjectDraft, WorkOrderDraft};
use crate::domain::{ActionKind, NoteVisibility, Policy, Role, TicketNumber, User};
use crate::error::AppError;
use crate::types::{NewTicket, NoteInput, TaskDraft, TicketChange};
use std::time::Duration;

pub const DEMO_PASSWORD: &str = "switchboard-demo";

/// (email, name, role) of every demo account; all share [`DEMO_PASSWORD`].
pub const DEMO_ACCOUNTS: &[(&str, &str, Role)] = &[
    (
        "coordinator@example.org",
        "Carla Coordinator",
        Role::Coordinator,
    ),
    ("admin@example.org", "Adam Admin", Role::Admin),
    ("tina@example.org", "Tina Front", Role::Technician),
    ("tom@example.org", "Tom Desk", Role::Technician),
    ("nina@example.org", "Nina Network", Role::Technician),
    ("sam@example.org", "Sam Specialist", Role::Technician),
    ("erin@example.org", "Erin Expert", Role::Technician),
    ("rita@example.org", "Rita Requester", Role::Requester),
    ("paul@example.org", "Paul Projects", Role::Requester),
    ("fiona@example.org", "Fiona Facilities", Role::Requester),
    ("felix@example.org", "Felix Buildings", Role::Facility),
];

/// A demo technician's profile: tier, capacity, phone and skills by category.
struct DemoTech {
    email: &'static str,
    tier: i64,
    capacity: i64,
    phone: &'static str,
    skills: &'static [(&'static str, i64)],
}

const TECHNICIANS: &[DemoTech] = &[
    DemoTech {
        email: "tina@example.org",
        tier: 1,
        capacity: 8,
        phone: "+44 20 7946 0101",
        skills: &[
            ("hardware", 2),
            ("software", 2),
            ("account", 3),
            ("other", 1),
        ],
    },
    DemoTech {
        email: "tom@example.org",
        tier: 1,
        capacity: 8,
        phone: "+44 20 7946 0102",
        skills: &[
            ("hardware", 3),
            ("software", 1),
            ("facilities", 1),
            ("other", 2),
        ],
    },
    DemoTech {
        email: "nina@example.org",
        tier: 2,
        capacity: 6,
        phone: "+44 20 7946 0103",
        skills: &[("network", 3), ("hardware", 1), ("facilities", 2)],
    },
    DemoTech {
        email: "sam@example.org",
        tier: 2,
        capacity: 6,
        phone: "+44 20 7946 0104",
        skills: &[("software", 3), ("account", 2)],
    },
    DemoTech {
        email: "erin@example.org",
        tier: 3,
        capacity: 4,
        phone: "+44 20 7946 0105",
        skills: &[("network", 3), ("software", 3), ("hardware", 3)],
    },
];

/// Loads the demo into an empty database; refuses when people already exist.
pub async fn load(state: &AppState) -> Result<(), AppError> {
    if state.db.count_users().await? > 0 {
        return Err(AppError::BadRequest(
            "the database is not empty; demo data goes only into a new one".into(),
        ));
    }
    let now = state.clock.now();
    let mut users = Vec::new();
    for (email, name, role) in DEMO_ACCOUNTS {
        users.push(create_account(&state.db, email, name, *role, Some(DEMO_PASSWORD), now).await?);
    }
    for t in TECHNICIANS {
        let user = by_email(&users, t.email);
        state
            .db
            .set_technician_profile(user.id, t.tier, t.capacity, Some(t.phone))
            .await?;
        for (category, level) in t.skills {
            state.db.set_skill(user.id, category, *level).await?;
        }
    }
    let id_of = |email: &str| by_email(&users, email).id;
    let mut tx = state.db.begin_write().await?;
    let desktop = [
        id_of("tina@example.org"),
        id_of("tom@example.org"),
        id_of("sam@example.org"),
    ];
    Db::save_team(&mut tx, "Desktop support", &desktop, false, now).await?;
    let network = Db::save_team(
        &mut tx,
        "Network",
        &[id_of("nina@example.org"), id_of("erin@example.org")],
        false,
        now,
    )
    .await?;
    Db::route_category(&mut tx, "network", Some(network)).await?;
    tx.commit().await?;
    // Tickets are filed over the last six working hours of the default service level, so the
    // board shows clocks in every state whatever the time of day or week the demo starts.
    let offset = state.clock.offset_ms();
    state
        .clock
        .rewind(wall_time_for_working_hours(state, 6).await?);
    let filed = tickets(state, &users).await;
    state.clock.set_offset_ms(offset);
    filed?;
    history(state, &users).await
}

/// How far back from now the last `hours` working hours of the default policy's calendar begin.
async fn wall_time_for_working_hours(state: &AppState, hours: i64) -> Result<Duration, AppError> {
    let want = chrono::Duration::hours(hours);
    let policies = state.db.policies().await?;
    let Some(policy) = Policy::choose(&policies, "other", None) else {
        return Ok(want.to_std().unwrap_or_default());
    };
    let now = state.clock.now();
    let mut back = want;
    // Three weeks covers any weekly calendar with a holiday or two.
    while policy.calendar.measure(now - back, now) < want && back < chrono::Duration::days(21) {
        back += chrono::Duration::minutes(15);
    }
    Ok(back.to_std().unwrap_or_default())
}

/// Colleagues who asked for help in the past months; they have no password, so nobody signs in
/// as them.
const PAST_REQUESTERS: &[(&str, &str)] = &[
    ("morgan@example.org", "Morgan Finance"),
    ("lee@example.org", "Lee Sales"),
    ("sasha@example.org", "Sasha Legal"),
    ("omar@example.org", "Omar Warehouse"),
    ("ines@example.org", "Ines Marketing"),
    ("kim@example.org", "Kim Reception"),
];

/// Three months of finished tickets (closed or cancelled, so today's board and queues are as the
/// demo files them), so that reports have a past to show.
async fn history(state: &AppState, users: &[User]) -> Result<(), AppError> {
    const COUNT: usize = 360;
    let now = state.clock.now();
    let mut requesters = Vec::new();
    for (email, name) in PAST_REQUESTERS {
        requesters.push(
            create_account(&state.db, email, name, Role::Requester, None, now)
                .await?
                .id,
        );
    }
    let cast = Cast {
        coordinator: by_email(users, "coordinator@example.org").id,
        technicians: TECHNICIANS
            .iter()
            .map(|t| by_email(users, t.email).id)
            .collect(),
        requesters,
    };
    // Every step of a generated ticket is over within about a week, so a ticket filed eight or
    // more days ago is finished.
    let period = (
        now - chrono::Duration::days(90),
        now - chrono::Duration::days(8),
    );
    let mut generator = Generator::new(2026, cast, COUNT, period, now);
    let batch: Vec<_> = (0..COUNT).map(|i| generator.ticket(i)).collect();
    state.db.import_tickets(&batch).await?;
    Ok(())
}

async fn tickets(state: &AppState, users: &[User]) -> Result<(), AppError> {
    let pass = |minutes: u64| state.clock.advance(Duration::from_secs(minutes * 60));
    let coordinator = by_email(users, "coordinator@example.org");
    let rita = by_email(users, "rita@example.org");
    let paul = by_email(users, "paul@example.org");
    let fiona = by_email(users, "fiona@example.org");

    let file = |requester: &User,
                title: &str,
                description: &str,
                category: &str,
                impact: &str,
                urgency: &str,
                fields: serde_json::Value,
                location: &str| {
        let input = NewTicket {
            title: title.into(),
            description: description.into(),
            category: category.into(),
            impact: impact.into(),
            urgency: urgency.into(),
            location: Some(location.into()),
            fields: fields.as_object().cloned().unwrap_or_default(),
            ..NewTicket::default()
        };
        let requester = requester.clone();
        async move {
            service::create_ticket(state, &requester, input)
                .await
                .map(|t| t.number)
        }
    };
    let act = |number: TicketNumber,
               who: &User,
               action: Option<ActionKind>,
               assignee: Option<&str>,
               text: Option<&str>| {
        let change = TicketChange {
            action,
            assignee: assignee.map(String::from),
            text: text.map(String::from),
            reason: text.map(String::from),
            ..TicketChange::default()
        };
        let who = who.clone();
        async move {
            service::change_ticket(state, &who, number, None, change)
                .await
                .map(|_| ())
        }
    };
    let note = |number: TicketNumber, who: &User, body: &str, visibility: NoteVisibility| {
        let input = NoteInput {
            body: body.into(),
            visibility,
            minutes: Some(10),
            idempotency_key: None,
        };
        let who = who.clone();
        async move {
            service::add_note(state, &who, number, input)
                .await
                .map(|_| ())
        }
    };
    let tina = by_email(users, "tina@example.org");
    let nina = by_email(users, "nina@example.org");
    let tom = by_email(users, "tom@example.org");
    let sam = by_email(users, "sam@example.org");

    // New, untriaged.
    file(
        rita,
        "Printer on floor 2 jams every page",
        "The HP printer by the kitchen jams on every print since this morning.",
        "hardware",
        "medium",
        "medium",
        serde_json::json!({"asset_tag": "PRN-0207", "device": "printer"}),
        "Building A, floor 2",
    )
    .await?;
    pass(190);
    file(
        paul,
        "Cannot connect to VPN from home",
        "The VPN client says 'authentication failed' although my password works for email.",
        "account",
        "low",
        "high",
        serde_json::json!({"system": "VPN"}),
        "Home office",
    )
    .await?;
    pass(120);
    file(
        fiona,
        "No network in meeting room B-104",
        "Both wall sockets in B-104 are dead; the projector PC has no network.",
        "network",
        "medium",
        "high",
        serde_json::json!({"building": "B", "room": "104", "outlet": "B104-2"}),
        "Building B, room 104",
    )
    .await?;

    // Assigned.
    let n = file(
        rita,
        "Outlook keeps asking for my password",
        "Since the update Outlook prompts for the password every ten minutes.",
        "software",
        "low",
        "medium",
        serde_json::json!({"application": "Outlook", "version": "16"}),
        "Building A, 3.12",
    )
    .await?;
    act(
        n,
        coordinator,
        Some(ActionKind::Assign),
        Some("tina@example.org"),
        None,
    )
    .await?;

    // In progress, with notes.
    let n = file(
        paul,
        "Laptop battery drains in an hour",
        "My laptop battery goes from full to empty in about an hour.",
        "hardware",
        "low",
        "medium",
        serde_json::json!({"asset_tag": "LAP-0412", "device": "laptop"}),
        "Building A, 1.05",
    )
    .await?;
    act(
        n,
        coordinator,
        Some(ActionKind::Assign),
        Some("tom@example.org"),
        None,
    )
    .await?;
    act(n, tom, Some(ActionKind::Start), None, None).await?;
    note(
        n,
        tom,
        "Battery health reports 41 %. Replacement battery ordered.",
        NoteVisibility::Public,
    )
    .await?;
    note(
        n,
        tom,
        "Warranty covers it until March; supplier ticket 88231.",
        NoteVisibility::Internal,
    )
    .await?;

    // Waiting on facility work.
    let n = file(
        fiona,
        "New desks in B-2 need network outlets",
        "Six new desks in open space B-2 have no network outlets.",
        "network",
        "medium",
        "medium",
        serde_json::json!({"building": "B", "room": "2.01"}),
        "Building B, open space 2",
    )
    .await?;
    act(
        n,
        coordinator,
        Some(ActionKind::Assign),
        Some("nina@example.org"),
        None,
    )
    .await?;
    act(n, nina, Some(ActionKind::Start), None, None).await?;
    let outlets = n;
    super::coordination::request_facility_work(
        state,
        nina,
        n,
        Some(WorkOrderDraft {
            what: "Six network outlets (two per desk block) wired to the B-2 patch panel".into(),
            location: "Building B, open space 2".into(),
            manager: "felix@example.org".into(),
            expected_on: (state.clock.now().date_naive() + chrono::Duration::days(3)).to_string(),
        }),
        None,
    )
    .await?;

    // Waiting on the requester.
    let n = file(
        rita,
        "Shared drive folder missing",
        "The Finance folder disappeared from the S: drive.",
        "account",
        "medium",
        "medium",
        serde_json::json!({"system": "Shared drive"}),
        "Building A, 3.12",
    )
    .await?;
    act(
        n,
        coordinator,
        Some(ActionKind::Assign),
        Some("sam@example.org"),
        None,
    )
    .await?;
    act(n, sam, Some(ActionKind::Start), None, None).await?;
    note(
        n,
        sam,
        "Which folder path did you use before? Could you send a screenshot of the error?",
        NoteVisibility::Public,
    )
    .await?;
    act(n, sam, Some(ActionKind::WaitRequester), None, None).await?;

    pass(20);
    // Escalated, high priority.
    let n = file(
        paul,
        "Whole site loses network every afternoon",
        "Around 14:00 every day the network drops for all of building A for a few minutes.",
        "network",
        "high",
        "high",
        serde_json::json!({"building": "A", "room": "all"}),
        "Building A",
    )
    .await?;
    act(
        n,
        coordinator,
        Some(ActionKind::Assign),
        Some("nina@example.org"),
        None,
    )
    .await?;
    act(n, nina, Some(ActionKind::Start), None, None).await?;
    act(
        n,
        nina,
        Some(ActionKind::Escalate),
        Some("erin@example.org"),
        Some("Core switch logs show spanning-tree flaps; needs an expert"),
    )
    .await?;

    // Resolved, waiting for the requester to confirm.
    let n = file(
        rita,
        "Monitor flickers",
        "The left monitor flickers every few seconds.",
        "hardware",
        "low",
        "low",
        serde_json::json!({"asset_tag": "MON-1180"}),
        "Building A, 3.12",
    )
    .await?;
    act(
        n,
        coordinator,
        Some(ActionKind::Assign),
        Some("tom@example.org"),
        None,
    )
    .await?;
    act(n, tom, Some(ActionKind::Start), None, None).await?;
    act(
        n,
        tom,
        Some(ActionKind::Resolve),
        None,
        Some("Replaced the DisplayPort cable; the flicker is gone."),
    )
    .await?;

    // Closed.
    let n = file(
        paul,
        "Need access to the project board",
        "Please give me access to the Jira project FIN.",
        "account",
        "low",
        "low",
        serde_json::json!({"system": "Jira"}),
        "Building A, 1.05",
    )
    .await?;
    act(
        n,
        coordinator,
        Some(ActionKind::Assign),
        Some("tina@example.org"),
        None,
    )
    .await?;
    act(n, tina, Some(ActionKind::Start), None, None).await?;
    act(
        n,
        tina,
        Some(ActionKind::Resolve),
        None,
        Some("Added you to the FIN project with developer rights."),
    )
    .await?;
    act(n, paul, Some(ActionKind::Close), None, None).await?;

    // Cancelled.
    let n = file(
        fiona,
        "Keyboard missing keys",
        "Filed by mistake, it was the wrong desk.",
        "hardware",
        "low",
        "low",
        serde_json::json!({"asset_tag": "KBD-0091"}),
        "Building B, 1.10",
    )
    .await?;
    act(n, coordinator, Some(ActionKind::Cancel), None, None).await?;

    // A phone request filed on someone's behalf.
    let input = NewTicket {
        title: "Phone: desk phone has no dial tone".into(),
        description: "Called the desk: the phone at reception shows 'no service'.".into(),
        category: "hardware".into(),
        impact: "medium".into(),
        urgency: "high".into(),
        location: Some("Reception".into()),
        fields: serde_json::json!({"asset_tag": "TEL-0001"})
            .as_object()
            .cloned()
            .unwrap_or_default(),
        requester_email: Some("fiona@example.org".into()),
        channel: Some("phone".into()),
        ..NewTicket::default()
    };
    service::create_ticket(state, coordinator, input).await?;
    project(state, users, outlets).await
}

/// A project with planned tasks in every state (one overdue), and the outlets request in it.
async fn project(state: &AppState, users: &[User], outlets: TicketNumber) -> Result<(), AppError> {
    use super::coordination;
    let coordinator = by_email(users, "coordinator@example.org");
    let today = state.clock.now().date_naive();
    let day = |offset: i64| (today + chrono::Duration::days(offset)).to_string();
    let project = coordination::create_project(
        state,
        coordinator,
        ProjectDraft {
            name: "Move finance to building B".into(),
            description: "Finance (14 people) moves from A-1 to B-3: desks, printers and a network segment of its own.".into(),
            manager: "paul@example.org".into(),
            starts_on: day(-14),
            ends_on: day(21),
        },
    )
    .await?;
    let tasks: [(&str, &str, i64, &str, &[ActionKind]); 6] = [
        (
            "Set up 12 desks for finance in B-3",
            "hardware",
            7,
            "tom@example.org",
            &[ActionKind::Start],
        ),
        (
            "Move the three finance printers",
            "hardware",
            3,
            "tina@example.org",
            &[],
        ),
        (
            "Network segment for finance in B-3",
            "network",
            10,
            "nina@example.org",
            &[],
        ),
        (
            "Inventory of finance laptops",
            "hardware",
            -2,
            "sam@example.org",
            &[ActionKind::Start],
        ),
        (
            "Order docking stations",
            "other",
            -5,
            "tina@example.org",
            &[ActionKind::Start, ActionKind::Resolve],
        ),
        ("Check VPN access from building B", "account", 14, "", &[]),
    ];
    for (title, category, due, assignee, steps) in tasks {
        let t = coordination::plan_task(
            state,
            coordinator,
            project.id,
            TaskDraft {
                title: title.into(),
                description: String::new(),
                category: category.into(),
                due_on: day(due),
                priority: "P3".into(),
                assignee: assignee.into(),
            },
        )
        .await?;
        let Some(tech) = users.iter().find(|u| u.email == assignee) else {
            continue;
        };
        for step in steps {
            let change = TicketChange {
                action: Some(*step),
                text: Some("Ordered 14 docking stations; delivered to B-3.".into()),
                ..TicketChange::default()
            };
            service::change_ticket(state, tech, t.number, None, change).await?;
        }
    }
    coordination::plan_ticket(state, coordinator, outlets, Some(project.id), "").await?;
    Ok(())
}

fn by_email<'a>(users: &'a [User], email: &str) -> &'a User {
    users
        .iter()
        .find(|u| u.email == email)
        .expect("demo account exists")
}
