//! The demo's current tickets, one or more in every state of the lifecycle, and its project.

use super::super::coordination;
use super::super::service;
use super::by_email;
use crate::domain::coordination::{ProjectDraft, WorkOrderDraft};
use crate::domain::{ActionKind, NoteVisibility, TicketNumber, User};
use crate::error::AppError;
use crate::server::state::AppState;
use crate::types::{NewTicket, NoteInput, TaskDraft, TicketChange};
use serde_json::{json, Value};
use std::time::Duration;

/// Files and works tickets as the demo's people, through the ticket service.
struct Script<'a> {
    state: &'a AppState,
    users: &'a [User],
}

impl Script<'_> {
    fn who(&self, email: &str) -> &User {
        by_email(self.users, email)
    }

    /// Lets `minutes` of demo time pass.
    fn pass(&self, minutes: u64) {
        self.state.clock.advance(Duration::from_secs(minutes * 60));
    }

    /// `what` is (category, impact, urgency).
    async fn file(
        &self,
        requester: &str,
        title: &str,
        description: &str,
        what: (&str, &str, &str),
        fields: Value,
        location: &str,
    ) -> Result<TicketNumber, AppError> {
        let (category, impact, urgency) = what;
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
        let requester = self.who(requester);
        Ok(service::create_ticket(self.state, requester, input)
            .await?
            .number)
    }

    async fn act(
        &self,
        number: TicketNumber,
        who: &str,
        action: ActionKind,
        assignee: Option<&str>,
        text: Option<&str>,
    ) -> Result<(), AppError> {
        let change = TicketChange {
            action: Some(action),
            assignee: assignee.map(String::from),
            text: text.map(String::from),
            reason: text.map(String::from),
            ..TicketChange::default()
        };
        service::change_ticket(self.state, self.who(who), number, None, change).await?;
        Ok(())
    }

    /// The coordinator assigns the ticket to `to`, who starts on it.
    async fn assign_and_start(&self, number: TicketNumber, to: &str) -> Result<(), AppError> {
        self.act(number, COORDINATOR, ActionKind::Assign, Some(to), None)
            .await?;
        self.act(number, to, ActionKind::Start, None, None).await
    }

    async fn note(
        &self,
        number: TicketNumber,
        who: &str,
        body: &str,
        visibility: NoteVisibility,
    ) -> Result<(), AppError> {
        let input = NoteInput {
            body: body.into(),
            visibility,
            minutes: Some(10),
            idempotency_key: None,
            reused: Vec::new(),
        };
        service::add_note(self.state, self.who(who), number, input).await?;
        Ok(())
    }
}

const COORDINATOR: &str = "coordinator@example.org";

pub(super) async fn tickets(state: &AppState, users: &[User]) -> Result<(), AppError> {
    let s = Script { state, users };
    untriaged(&s).await?;
    let outlets = in_work(&s).await?;
    s.pass(20);
    escalated_and_done(&s).await?;
    project(&s, outlets).await
}

/// New tickets nobody has triaged yet, and one assigned but not started.
async fn untriaged(s: &Script<'_>) -> Result<(), AppError> {
    s.file(
        "rita@example.org",
        "Printer on floor 2 jams every page",
        "The HP printer by the kitchen jams on every print since this morning.",
        ("hardware", "medium", "medium"),
        json!({"asset_tag": "PRN-0207", "device": "printer"}),
        "Building A, floor 2",
    )
    .await?;
    s.pass(190);
    s.file(
        "paul@example.org",
        "Cannot connect to VPN from home",
        "The VPN client says 'authentication failed' although my password works for email.",
        ("account", "low", "high"),
        json!({"system": "VPN"}),
        "Home office",
    )
    .await?;
    s.pass(120);
    s.file(
        "fiona@example.org",
        "No network in meeting room B-104",
        "Both wall sockets in B-104 are dead; the projector PC has no network.",
        ("network", "medium", "high"),
        json!({"building": "B", "room": "104", "outlet": "B104-2"}),
        "Building B, room 104",
    )
    .await?;
    let n = s
        .file(
            "rita@example.org",
            "Outlook keeps asking for my password",
            "Since the update Outlook prompts for the password every ten minutes.",
            ("software", "low", "medium"),
            json!({"application": "Outlook", "version": "16"}),
            "Building A, 3.12",
        )
        .await?;
    s.act(
        n,
        COORDINATOR,
        ActionKind::Assign,
        Some("tina@example.org"),
        None,
    )
    .await
}

/// Tickets being worked: with notes, waiting on facility work (returned: the project takes it)
/// and waiting on the requester.
async fn in_work(s: &Script<'_>) -> Result<TicketNumber, AppError> {
    let n = s
        .file(
            "paul@example.org",
            "Laptop battery drains in an hour",
            "My laptop battery goes from full to empty in about an hour.",
            ("hardware", "low", "medium"),
            json!({"asset_tag": "LAP-0412", "device": "laptop"}),
            "Building A, 1.05",
        )
        .await?;
    s.assign_and_start(n, "tom@example.org").await?;
    let says = "Battery health reports 41 %. Replacement battery ordered.";
    s.note(n, "tom@example.org", says, NoteVisibility::Public)
        .await?;
    let says = "Warranty covers it until March; supplier ticket 88231.";
    s.note(n, "tom@example.org", says, NoteVisibility::Internal)
        .await?;

    let outlets = s
        .file(
            "fiona@example.org",
            "New desks in B-2 need network outlets",
            "Six new desks in open space B-2 have no network outlets.",
            ("network", "medium", "medium"),
            json!({"building": "B", "room": "2.01"}),
            "Building B, open space 2",
        )
        .await?;
    s.assign_and_start(outlets, "nina@example.org").await?;
    let expected = s.state.clock.now().date_naive() + chrono::Duration::days(3);
    let order = WorkOrderDraft {
        what: "Six network outlets (two per desk block) wired to the B-2 patch panel".into(),
        location: "Building B, open space 2".into(),
        manager: "felix@example.org".into(),
        expected_on: expected.to_string(),
    };
    let nina = s.who("nina@example.org");
    coordination::request_facility_work(s.state, nina, outlets, Some(order), None).await?;

    let n = s
        .file(
            "rita@example.org",
            "Shared drive folder missing",
            "The Finance folder disappeared from the S: drive.",
            ("account", "medium", "medium"),
            json!({"system": "Shared drive"}),
            "Building A, 3.12",
        )
        .await?;
    s.assign_and_start(n, "sam@example.org").await?;
    let asks = "Which folder path did you use before? Could you send a screenshot of the error?";
    s.note(n, "sam@example.org", asks, NoteVisibility::Public)
        .await?;
    s.act(n, "sam@example.org", ActionKind::WaitRequester, None, None)
        .await?;
    Ok(outlets)
}

/// An escalated ticket, one resolved and waiting for the requester, one closed, one cancelled,
/// and one filed by phone on someone's behalf.
async fn escalated_and_done(s: &Script<'_>) -> Result<(), AppError> {
    let n = s
        .file(
            "paul@example.org",
            "Whole site loses network every afternoon",
            "Around 14:00 every day the network drops for all of building A for a few minutes.",
            ("network", "high", "high"),
            json!({"building": "A", "room": "all"}),
            "Building A",
        )
        .await?;
    s.assign_and_start(n, "nina@example.org").await?;
    let why = "Core switch logs show spanning-tree flaps; needs an expert";
    let to = Some("erin@example.org");
    s.act(n, "nina@example.org", ActionKind::Escalate, to, Some(why))
        .await?;

    let n = s
        .file(
            "rita@example.org",
            "Monitor flickers",
            "The left monitor flickers every few seconds.",
            ("hardware", "low", "low"),
            json!({"asset_tag": "MON-1180"}),
            "Building A, 3.12",
        )
        .await?;
    s.assign_and_start(n, "tom@example.org").await?;
    let fix = Some("Replaced the DisplayPort cable; the flicker is gone.");
    s.act(n, "tom@example.org", ActionKind::Resolve, None, fix)
        .await?;

    let n = s
        .file(
            "paul@example.org",
            "Need access to the project board",
            "Please give me access to the Jira project FIN.",
            ("account", "low", "low"),
            json!({"system": "Jira"}),
            "Building A, 1.05",
        )
        .await?;
    s.assign_and_start(n, "tina@example.org").await?;
    let fix = Some("Added you to the FIN project with developer rights.");
    s.act(n, "tina@example.org", ActionKind::Resolve, None, fix)
        .await?;
    s.act(n, "paul@example.org", ActionKind::Close, None, None)
        .await?;

    let n = s
        .file(
            "fiona@example.org",
            "Keyboard missing keys",
            "Filed by mistake, it was the wrong desk.",
            ("hardware", "low", "low"),
            json!({"asset_tag": "KBD-0091"}),
            "Building B, 1.10",
        )
        .await?;
    s.act(n, COORDINATOR, ActionKind::Cancel, None, None)
        .await?;

    let input = NewTicket {
        title: "Phone: desk phone has no dial tone".into(),
        description: "Called the desk: the phone at reception shows 'no service'.".into(),
        category: "hardware".into(),
        impact: "medium".into(),
        urgency: "high".into(),
        location: Some("Reception".into()),
        fields: json!({"asset_tag": "TEL-0001"})
            .as_object()
            .cloned()
            .unwrap_or_default(),
        requester_email: Some("fiona@example.org".into()),
        channel: Some("phone".into()),
        ..NewTicket::default()
    };
    service::create_ticket(s.state, s.who(COORDINATOR), input).await?;
    Ok(())
}

/// A project with planned tasks in every state (one overdue), and the outlets request in it.
async fn project(s: &Script<'_>, outlets: TicketNumber) -> Result<(), AppError> {
    let (state, users) = (s.state, s.users);
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
