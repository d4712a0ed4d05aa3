//! Demo data for a first start: a coordinator, an admin, technicians of every tier with different
//! skills, requesters, and tickets in every state, all made through the ticket service so their
//! history is real.

use super::auth::create_account;
use super::db::Db;
use super::history::{Cast, Generator};
use super::state::AppState;
use crate::domain::{Policy, Role, User};
use crate::error::AppError;
use std::time::Duration;

mod tickets;

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
    let filed = tickets::tickets(state, &users).await;
    state.clock.set_offset_ms(offset);
    filed?;
    articles(state, by_email(&users, "coordinator@example.org")).await?;
    replies(state, by_email(&users, "coordinator@example.org")).await?;
    history(state, &users).await
}

/// Help articles the demo desk has written: three for everyone, one for staff only.
const ARTICLES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "Connect to the VPN from a hotel or a train",
        "account",
        "vpn, travel, remote",
        "everyone",
        "Hotel and train networks often block the VPN's usual port.\n\n\
         1. Open the VPN client and choose **Switch profile**.\n\
         2. Pick **Office (TCP 443)**.\n\
         3. Connect again.\n\n\
         Still no connection? Open the hotel's login page in a browser first, then connect.",
    ),
    (
        "The printer says it is offline",
        "hardware",
        "printer, offline, spooler",
        "everyone",
        "1. Check that the printer shows the network symbol on its display.\n\
         2. On your computer, open **Printers & scanners**, choose the printer and **Open queue**.\n\
         3. Cancel every document in the queue and print again.\n\n\
         If the printer's display shows an error code, file a request with the code and the \
         printer's asset tag.",
    ),
    (
        "Reset your password",
        "account",
        "password, sign-in",
        "everyone",
        "Open the sign-in page and choose **Forgot your password?**. The link in the mail works \
         for one hour. Your new password must be at least 12 characters long.",
    ),
    (
        "Restart the VPN concentrator",
        "network",
        "vpn, network, on-call",
        "staff",
        "Only outside business hours, and only after telling the coordinator.\n\n\
         1. Sign in to the management console.\n\
         2. **System → Maintenance → Restart**, wait four minutes.\n\
         3. Check that the tunnel count rises again on the dashboard.",
    ),
];

async fn articles(state: &AppState, coordinator: &User) -> Result<(), AppError> {
    for (title, category, tags, audience, body) in ARTICLES {
        let draft = crate::domain::knowledge::ArticleDraft {
            title: title.to_string(),
            body: body.to_string(),
            category: category.to_string(),
            tags: tags.to_string(),
            audience: audience.to_string(),
            state: "published".into(),
            source_ticket: String::new(),
        };
        crate::server::knowledge::save_article(state, coordinator, None, None, draft).await?;
    }
    Ok(())
}

/// Canned replies the demo desk shares, each in English, German and Italian.
const REPLIES: &[(&str, &str, &str)] = &[
    (
        "thanks",
        "en",
        "Hello {first_name},\n\nthank you for your request {ticket}. {assignee} is looking at it and \
         will get back to you.\n\nBest regards,\n{my_name}",
    ),
    (
        "thanks",
        "de",
        "Hallo {first_name},\n\nvielen Dank für Ihre Anfrage {ticket}. {assignee} kümmert sich darum \
         und meldet sich bei Ihnen.\n\nViele Grüße\n{my_name}",
    ),
    (
        "thanks",
        "it",
        "Ciao {first_name},\n\ngrazie per la richiesta {ticket}. Se ne occupa {assignee}, che ti \
         ricontatterà.\n\nCordiali saluti,\n{my_name}",
    ),
    (
        "restart",
        "en",
        "Hello {first_name}, please restart your computer (Start → Restart, not Shut down) and \
         tell us here whether the problem in {ticket} is still there.",
    ),
    (
        "restart",
        "de",
        "Hallo {first_name}, bitte starten Sie Ihren Computer neu (Start → Neu starten, nicht \
         Herunterfahren) und schreiben Sie uns hier, ob das Problem in {ticket} noch besteht.",
    ),
    (
        "restart",
        "it",
        "Ciao {first_name}, riavvia il computer (Start → Riavvia, non Arresta) e scrivici qui se \
         il problema in {ticket} c'è ancora.",
    ),
];

async fn replies(state: &AppState, coordinator: &User) -> Result<(), AppError> {
    for (shortcut, language, body) in REPLIES {
        let draft = crate::domain::replies::ReplyDraft {
            shortcut: shortcut.to_string(),
            language: language.to_string(),
            body: body.to_string(),
            scope: "shared".into(),
        };
        crate::server::replies::save(state, coordinator, None, None, draft).await?;
    }
    Ok(())
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

pub(super) fn by_email<'a>(users: &'a [User], email: &str) -> &'a User {
    users
        .iter()
        .find(|u| u.email == email)
        .expect("demo account exists")
}
