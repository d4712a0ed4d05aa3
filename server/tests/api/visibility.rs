//! One rule for who sees which ticket: for every role and every way of being related to a
//! ticket, the single view (`service::can_see`, in Rust) and the list (`db::push_visibility`, in
//! SQL) must agree, and both must match what the role is promised.

use crate::helpers::{Api, TestApp};
use crate::wire::{parse, TicketJson, TicketPage};
use app::domain::coordination::ProjectDraft;
use app::domain::{Role, TicketNumber, User};
use serde_json::json;

const RELATIONS: [&str; 7] = [
    "nothing",
    "requester",
    "watcher",
    "project follower",
    "assignee",
    "in their queue",
    "in another team's queue",
];

/// Which relations let each role see a ticket (coordinators and admins see every ticket).
fn promised(role: Role, relation: &str) -> bool {
    match role {
        Role::Coordinator | Role::Admin => true,
        Role::Technician => !matches!(relation, "nothing" | "in another team's queue"),
        Role::Requester => matches!(relation, "requester" | "watcher" | "project follower"),
        Role::Facility => matches!(relation, "requester" | "watcher"),
    }
}

async fn user(app: &TestApp, email: &str) -> User {
    app.state.db.user_by_email(email).await.unwrap().unwrap()
}

/// A ticket related to `who` by `relation` only.
async fn ticket_for(
    app: &TestApp,
    coordinator: &Api,
    owner: &Api,
    who: (&Api, &str),
    relation: &str,
    project: i64,
) -> Option<String> {
    let (api, email) = who;
    let carla = user(app, "carla@example.org").await;
    let hardware = |title: &str| json!({"title": title, "description": "d", "category": "hardware", "impact": "low", "urgency": "low", "fields": {"asset_tag": "A-1"}});
    let filed = match relation {
        "requester" => {
            let r = api.post("/tickets", hardware("Mine")).await;
            if r.status() != 201 {
                return None;
            }
            parse::<TicketJson>(r).await
        }
        "in another team's queue" => parse(owner.post("/tickets", json!({"title": "Socket", "description": "d", "category": "network", "impact": "low", "urgency": "low", "fields": {"building": "B", "room": "1"}})).await).await,
        _ => owner.file(&format!("About {relation}")).await,
    };
    let n = filed.number;
    let to = match relation {
        "assignee" => Some(email),
        "in their queue" | "in another team's queue" => None,
        // Someone else's, so it is in nobody's queue.
        _ => Some("otto@example.org"),
    };
    if let Some(to) = to {
        let r = coordinator
            .patch(
                &format!("/tickets/{n}"),
                Some(filed.version),
                json!({"assignee": to}),
            )
            .await;
        if r.status() != 200 {
            // Only technicians can be assigned.
            let why = r.text().await.unwrap_or_default();
            assert_eq!(relation, "assignee", "assigning {n} to {to}: {why}");
            return None;
        }
    }
    let parsed = TicketNumber::parse(&n).unwrap();
    match relation {
        "watcher" => {
            app::server::service::add_watcher(&app.state, &carla, parsed, email)
                .await
                .unwrap();
        }
        "project follower" => {
            app::server::coordination::plan_ticket(&app.state, &carla, parsed, Some(project), "")
                .await
                .unwrap();
        }
        _ => {}
    }
    Some(n)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_single_view_and_every_list_agree_for_every_role_and_relation() {
    let app = TestApp::spawn().await;
    let coordinator = app.api_user("carla@example.org", Role::Coordinator).await;
    let owner = app.api_user("owner@example.org", Role::Requester).await;
    app.user("otto@example.org", Role::Technician).await;
    let carla = user(&app, "carla@example.org").await;
    // Network requests go to a team the technicians under test are not in.
    app::server::people::save_team(&app.state, &carla, "Network", "otto@example.org", false)
        .await
        .unwrap();
    app::server::people::route_category(&app.state, &carla, "network", "Network")
        .await
        .unwrap();
    let roles = [
        ("tess@example.org", Role::Technician),
        ("rick@example.org", Role::Requester),
        ("fay@example.org", Role::Facility),
        ("cole@example.org", Role::Coordinator),
        ("ada@example.org", Role::Admin),
    ];
    let mut checked = 0;
    for (email, role) in roles {
        let api = app.api_user(email, role).await;
        let project = app::server::coordination::create_project(
            &app.state,
            &carla,
            ProjectDraft {
                name: format!("Project for {email}"),
                description: String::new(),
                manager: "carla@example.org".into(),
                starts_on: "2026-01-01".into(),
                ends_on: "2026-12-31".into(),
            },
        )
        .await
        .unwrap();
        app::server::coordination::add_project_watcher(&app.state, &carla, project.id, email)
            .await
            .unwrap();
        for relation in RELATIONS {
            let Some(n) = ticket_for(
                &app,
                &coordinator,
                &owner,
                (&api, email),
                relation,
                project.id,
            )
            .await
            else {
                assert!(
                    matches!(relation, "requester" | "assignee"),
                    "{role:?} {relation}: the setup failed"
                );
                continue;
            };
            let single = api.get(&format!("/tickets/{n}")).await.status();
            let listed = parse::<TicketPage>(api.get("/tickets?limit=200").await)
                .await
                .items
                .iter()
                .any(|t| t.number == n);
            let sees = single == 200;
            assert!(
                single == 200 || single == 404,
                "{role:?} {relation}: {single}"
            );
            assert_eq!(
                sees, listed,
                "{role:?} {relation}: the single view says {sees}, the list {listed}"
            );
            assert_eq!(
                sees,
                promised(role, relation),
                "{role:?} {relation}: sees it = {sees}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked} cases");
}
