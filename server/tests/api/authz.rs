//! Who may call what: a table of every role against the server functions and API routes, plus
//! session expiry and password changes.

use crate::helpers::{Session, TestApp, PASSWORD};
use crate::wire::{parse, TicketJson, TicketPage};
use app::domain::Role;
use app::types::Roster;
use serde_json::json;

/// An endpoint, its form, and the status expected for anonymous, requester, technician,
/// coordinator and admin callers.
type Row<'a> = (&'a str, Vec<(&'a str, &'a str)>, [u16; 5]);

const ROLES: [(&str, Option<Role>); 5] = [
    ("anonymous", None),
    ("req@example.org", Some(Role::Requester)),
    ("tech@example.org", Some(Role::Technician)),
    ("coord@example.org", Some(Role::Coordinator)),
    ("admin@example.org", Some(Role::Admin)),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_role_against_every_server_function() {
    let app = TestApp::spawn().await;
    for (email, role) in ROLES {
        if let Some(role) = role {
            app.user(email, role).await;
        }
    }
    let req = app.api_user("owner@example.org", Role::Requester).await;
    let ticket = req.file("Matrix ticket").await;
    let number = ticket.number;

    let mut sessions = Vec::new();
    for (email, role) in ROLES {
        sessions.push(Session::new(&app, role.map(|_| email)).await);
    }
    // (endpoint, form, expected status for anonymous, requester, technician, coordinator, admin)
    let table: Vec<Row> = vec![
        ("current_user", vec![], [200, 200, 200, 200, 200]),
        ("categories", vec![], [401, 200, 200, 200, 200]),
        ("my_requests", vec![], [401, 200, 200, 200, 200]),
        ("my_work", vec![], [401, 403, 200, 200, 200]),
        (
            "work_changed",
            vec![("cursor", "0")],
            [401, 403, 200, 200, 200],
        ),
        ("get_board", vec![], [401, 403, 403, 200, 200]),
        (
            "poll_board",
            vec![("cursor", "0")],
            [401, 403, 403, 200, 200],
        ),
        (
            "get_ticket_detail",
            vec![("number", number.as_str())],
            [401, 404, 200, 200, 200],
        ),
        (
            "ticket_version",
            vec![("number", number.as_str())],
            [401, 404, 200, 200, 200],
        ),
        (
            "suggest_assignees",
            vec![("number", number.as_str()), ("escalation", "false")],
            [401, 403, 200, 200, 200],
        ),
        (
            "similar_tickets",
            vec![("title", "Matrix ticket")],
            [401, 200, 200, 200, 200],
        ),
        ("get_roster", vec![], [401, 403, 403, 200, 200]),
        (
            "save_team",
            vec![("team", "Desk"), ("members", "tech@example.org")],
            [401, 403, 403, 200, 200],
        ),
        (
            "route_category",
            vec![("route_category", "other"), ("route_team", "")],
            [401, 403, 403, 200, 200],
        ),
        ("accounts", vec![], [401, 403, 403, 403, 200]),
        ("webhooks", vec![], [401, 403, 403, 403, 200]),
        (
            "add_webhook",
            vec![
                ("url", "https://10.0.0.1/hook"),
                ("format", "json"),
                ("events[]", "ticket.filed"),
            ],
            // Admins reach the address check (an internal address is refused).
            [401, 403, 403, 403, 422],
        ),
        (
            "remove_webhook",
            vec![("id", "999999")],
            [401, 403, 403, 403, 404],
        ),
        (
            "resend_delivery",
            vec![("webhook", "999999"), ("delivery", "1")],
            [401, 403, 403, 403, 404],
        ),
        ("sla_policies", vec![], [401, 403, 200, 200, 200]),
        (
            "notifications",
            vec![("unread_only", "false")],
            [401, 200, 200, 200, 200],
        ),
        ("unread_count", vec![], [401, 200, 200, 200, 200]),
        ("request_draft", vec![], [401, 200, 200, 200, 200]),
        (
            "create_tracking_link",
            vec![("number", number.as_str())],
            [401, 404, 403, 200, 200],
        ),
        ("mark_read", vec![], [401, 200, 200, 200, 200]),
        ("get_preferences", vec![], [401, 200, 200, 200, 200]),
        (
            "add_watcher",
            vec![("number", number.as_str()), ("email", "admin@example.org")],
            [401, 404, 403, 200, 200],
        ),
        (
            "set_role",
            vec![("email", "owner@example.org"), ("role", "requester")],
            [401, 403, 403, 403, 200],
        ),
        ("known_issues", vec![], [401, 200, 200, 200, 200]),
        (
            "announce_known_issue",
            vec![("number", number.as_str()), ("notice", "x")],
            [401, 403, 403, 422, 422],
        ),
        (
            "withdraw_known_issue",
            vec![("number", number.as_str())],
            [401, 403, 403, 200, 200],
        ),
        (
            "affected_too",
            vec![("id", "999999")],
            [401, 404, 404, 404, 404],
        ),
        ("projects", vec![], [401, 200, 200, 200, 200]),
        ("project", vec![("id", "1")], [401, 404, 404, 404, 404]),
        ("work_orders", vec![], [401, 403, 403, 200, 200]),
        (
            "link_ticket",
            vec![
                ("number", number.as_str()),
                ("kind", "related"),
                ("other", "SB-99999"),
            ],
            [401, 403, 422, 422, 422],
        ),
        (
            "update_work_order",
            vec![("id", "1"), ("action", "done")],
            [401, 404, 404, 404, 404],
        ),
        (
            "request_facility_work",
            vec![
                ("number", number.as_str()),
                ("what", "Cable"),
                ("location", "B 2.14"),
                ("manager", "tech@example.org"),
            ],
            // A technician not working on it is refused before the manager's email is looked up.
            [401, 403, 403, 422, 422],
        ),
    ];
    for (endpoint, form, expected) in &table {
        for (i, session) in sessions.iter().enumerate() {
            let (status, body) = session.call(endpoint, form).await;
            assert_eq!(status, expected[i], "{endpoint} as {}: {body}", ROLES[i].0);
        }
    }
    // Adding accounts: only admins; each attempt uses a fresh email so success is possible.
    for (i, session) in sessions.iter().enumerate() {
        let email = format!("new{i}@example.org");
        let (status, _) = session
            .call(
                "add_account",
                &[
                    ("email", &email),
                    ("name", "New"),
                    ("role", "admin"),
                    ("password", "a long password"),
                ],
            )
            .await;
        assert_eq!(
            status,
            [401, 403, 403, 403, 200][i],
            "add_account as {}",
            ROLES[i].0
        );
    }
    // Roster edits: coordinators and admins.
    for (i, session) in sessions.iter().enumerate() {
        let update = json!({"update": {"email": "tech@example.org", "tier": 2, "capacity": 5, "availability": "on_duty", "off_until": null, "skills": "hardware:2"}});
        let (status, body) = session.call_json("update_technician", update).await;
        assert_eq!(
            status,
            [401, 403, 403, 200, 200][i],
            "update_technician as {}: {body}",
            ROLES[i].0
        );
    }
    // Service-level policies: admins only.
    for (i, session) in sessions.iter().enumerate() {
        let policy = json!({"policy": {"id": 1, "name": "Standard", "categories": "", "time_zone": "UTC", "hours": "mon-fri 08:00-18:00", "holidays": "", "targets": [{"response_minutes": 15, "resolution_minutes": 240, "around_the_clock": true}, {"response_minutes": 60, "resolution_minutes": 480, "around_the_clock": false}, {"response_minutes": 240, "resolution_minutes": 1800, "around_the_clock": false}, {"response_minutes": 480, "resolution_minutes": 3000, "around_the_clock": false}], "at_risk_percent": 75, "rules": ""}});
        let (status, body) = session.call_json("save_sla_policy", policy).await;
        assert_eq!(
            status,
            [401, 403, 403, 403, 200][i],
            "save_sla_policy as {}: {body}",
            ROLES[i].0
        );
    }
    // Ticket changes: the owner may not assign; a coordinator may.
    let version = req.ticket(&number).await.version;
    let change = |who: &str| json!({"number": number, "version": version, "change": {"action": "assign", "assignee": who}});
    let (status, _) = sessions[1]
        .call_json("change_ticket", change("tech@example.org"))
        .await;
    assert_eq!(status, 404, "another requester cannot even see it");
    let (status, _) = sessions[3]
        .call_json("change_ticket", change("tech@example.org"))
        .await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_expire_after_idle_time() {
    let app = TestApp::spawn().await;
    app.user("rita@example.org", Role::Requester).await;
    let s = Session::new(&app, Some("rita@example.org")).await;
    assert!(s
        .call("current_user", &[])
        .await
        .1
        .contains("rita@example.org"));
    app.state
        .clock
        .advance(std::time::Duration::from_secs(9 * 3600));
    assert_eq!(s.call("current_user", &[]).await.1, "null");
    assert_eq!(s.call("my_requests", &[]).await.0, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_the_password_ends_other_sessions() {
    let app = TestApp::spawn().await;
    app.user("rita@example.org", Role::Requester).await;
    let laptop = Session::new(&app, Some("rita@example.org")).await;
    let phone = Session::new(&app, Some("rita@example.org")).await;
    let (status, body) = laptop
        .call(
            "change_password",
            &[
                ("current", "wrong password"),
                ("new", "a brand new password"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("current"));
    let (status, _) = laptop
        .call(
            "change_password",
            &[("current", PASSWORD), ("new", "short")],
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = laptop
        .call(
            "change_password",
            &[("current", PASSWORD), ("new", "a brand new password")],
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        laptop
            .call("current_user", &[])
            .await
            .1
            .contains("rita@example.org"),
        "this session stays"
    );
    assert_eq!(
        phone.call("current_user", &[]).await.1,
        "null",
        "the other session ended"
    );
    let old = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .json(&json!({"email": "rita@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(old.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn roster_edits_are_validated_and_audited() {
    let app = TestApp::spawn().await;
    app.user("coord@example.org", Role::Coordinator).await;
    app.user("tech@example.org", Role::Technician).await;
    let s = Session::new(&app, Some("coord@example.org")).await;
    let bad = json!({"update": {"email": "tech@example.org", "tier": 7, "capacity": -1, "availability": "asleep", "off_until": "tomorrow", "skills": "printing:9"}});
    let (status, body) = s.call_json("update_technician", bad).await;
    assert_eq!(status, 422);
    for field in ["tier", "capacity", "availability", "off_until", "skills"] {
        assert!(
            body.contains(&format!("\"field\":\"{field}\"")),
            "{field} missing in {body}"
        );
    }
    let good = json!({"update": {"email": "tech@example.org", "tier": 2, "capacity": 4, "availability": "off", "off_until": "2030-01-31", "skills": "network:3, hardware:1"}});
    assert_eq!(s.call_json("update_technician", good).await.0, 200);
    let (_, roster) = s.call("get_roster", &[]).await;
    let roster: Roster = serde_json::from_str(&roster).unwrap();
    let tech = &roster.people[0];
    assert_eq!(tech.email, "tech@example.org");
    assert_eq!(tech.tier, 2);
    assert_eq!(tech.off_until.as_deref(), Some("2030-01-31"));
    assert!(!tech.available);
    assert_eq!(
        tech.skills,
        [("hardware".to_string(), 1), ("network".to_string(), 3)]
    );
    // The log reads in the reader's language, the data as it was saved.
    let german = app::i18n::Locale::new(app::i18n::Lang::De, "UTC".parse().unwrap());
    let words = roster.audit[0].1.render(&german);
    assert!(
        words.contains("das Konto tech@example.org geändert")
            && words.contains("Stufe 2, Kapazität 4")
            && words.contains("network:3"),
        "{words}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn technicians_see_the_queue_of_their_teams_only() {
    let app = TestApp::spawn().await;
    let nina = app.api_user("nina@example.org", Role::Technician).await;
    let tom = app.api_user("tom@example.org", Role::Technician).await;
    app.user("coord@example.org", Role::Coordinator).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let s = Session::new(&app, Some("coord@example.org")).await;
    assert_eq!(
        s.call(
            "save_team",
            &[("team", "Network"), ("members", "nina@example.org")]
        )
        .await
        .0,
        200
    );
    assert_eq!(
        s.call(
            "route_category",
            &[("route_category", "network"), ("route_team", "Network")]
        )
        .await
        .0,
        200
    );
    let r = rita.post("/tickets", json!({"title": "Dead socket", "description": "d", "category": "network", "impact": "low", "urgency": "low", "fields": {"building": "B", "room": "1"}})).await;
    let number = parse::<TicketJson>(r).await.number;
    assert_eq!(nina.get(&format!("/tickets/{number}")).await.status(), 200);
    assert_eq!(
        tom.get(&format!("/tickets/{number}")).await.status(),
        404,
        "not Tom's team"
    );
    let tom_list: TicketPage = parse(tom.get("/tickets?status=new").await).await;
    assert!(tom_list.items.is_empty());
}
