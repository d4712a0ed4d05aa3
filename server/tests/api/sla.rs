//! Service-level clocks and escalation rules, with the server's clock moved forward instead of
//! sleeping.

use crate::helpers::{body, set_policy, Api, TestApp};
use crate::wire::{error, parse, EventJson, Items, TicketJson};
use app::domain::Role;
use app::server::sla::run_due;
use serde_json::{json, Value};
use std::time::Duration;

const MINUTE: Duration = Duration::from_secs(60);

/// First response and resolution minutes for P1 to P4 of the tests' around-the-clock policy.
const TARGETS: [(i64, i64); 4] = [(5, 30), (10, 60), (10, 60), (10, 60)];

async fn sla_events(api: &Api, path: &str) -> Vec<EventJson> {
    let events: Items<EventJson> = parse(api.get(&format!("{path}/events")).await).await;
    events
        .items
        .into_iter()
        .filter(|e| e.kind == "sla")
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tickets_carry_due_times_and_a_breached_response_fires_its_rule_once() {
    let app = TestApp::spawn().await;
    let admin = app.api_user("ada@example.org", Role::Admin).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    set_policy(
        &admin,
        TARGETS,
        "100% response: notify coordinators\n50% resolution: notify assignee",
    )
    .await;

    let t = rita.file("Docking station dead").await;
    let path = format!("/tickets/{}", t.number);
    let sla = t.sla();
    assert_eq!(sla.state, "on_track");
    assert!(!sla.paused);
    assert_eq!(
        sla.response_due.expect("a response due time") - t.created_at,
        chrono::Duration::minutes(10)
    );
    assert_eq!(
        sla.resolution_due.expect("a resolution due time") - t.created_at,
        chrono::Duration::minutes(60)
    );

    // Eight minutes in (80 % of the response target) it is at risk; nothing fires yet.
    app.state.clock.advance(8 * MINUTE);
    assert_eq!(run_due(&app.state).await.unwrap(), 0);
    assert_eq!(rita.ticket(&t.number).await.sla().state, "at_risk");

    app.state.clock.advance(3 * MINUTE);
    assert_eq!(run_due(&app.state).await.unwrap(), 1);
    assert_eq!(run_due(&app.state).await.unwrap(), 0, "a rule fires once");
    assert_eq!(rita.ticket(&t.number).await.sla().state, "breached");
    let fired = sla_events(&carla, &path).await;
    assert_eq!(fired.len(), 1);
    assert_eq!(
        fired[0].to.as_deref(),
        Some("100% response: notify coordinators")
    );
    // The requester never sees internal escalation history.
    assert!(sla_events(&rita, &path).await.is_empty());
    let carla_id = app
        .state
        .db
        .user_by_email("carla@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    let told = app
        .state
        .db
        .notifications(carla_id, true, 10)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind.starts_with("sla"))
        .collect::<Vec<_>>();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].kind, "sla_breach");
    assert!(told[0].subject.contains(&t.number));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_neither_skips_nor_repeats_a_rule() {
    let app = TestApp::spawn().await;
    let admin = app.api_user("ada@example.org", Role::Admin).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    set_policy(
        &admin,
        TARGETS,
        "100% response: notify coordinators, raise priority",
    )
    .await;
    let t = rita.file("Laptop will not boot").await;
    let (number, before) = (t.number, t.priority);
    let config = app.stop().await;

    // Down for twenty minutes: the rule came due meanwhile and fires when the server starts.
    let app = TestApp::start(config, 20 * MINUTE).await;
    let carla = Api {
        base: app.base.clone(),
        ..carla
    };
    let path = format!("/tickets/{number}");
    let mut fired = Vec::new();
    for _ in 0..100 {
        fired = sla_events(&carla, &path).await;
        if !fired.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(fired.len(), 1, "the missed rule fires on start");
    let t = carla.ticket(&number).await;
    assert_ne!(t.priority, before, "its priority was raised");
    assert!(t.escalated);
    // Raised by the rule: an event kind of its own, which the reports count as an escalation.
    let events: Items<EventJson> = parse(carla.get(&format!("{path}/events")).await).await;
    let raised: Vec<&EventJson> = events
        .items
        .iter()
        .filter(|e| e.kind == "rule_priority")
        .collect();
    assert_eq!(raised.len(), 1, "{events:?}");
    assert_eq!(raised[0].to.as_deref(), Some(t.priority.as_str()));
    let config = app.stop().await;

    // Started again, later still: nothing fires twice.
    let app = TestApp::start(config, 40 * MINUTE).await;
    assert_eq!(run_due(&app.state).await.unwrap(), 0);
    let carla = Api {
        base: app.base.clone(),
        ..carla
    };
    assert_eq!(sla_events(&carla, &path).await.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_on_facility_stops_the_clock_and_a_priority_change_recomputes() {
    let app = TestApp::spawn().await;
    let admin = app.api_user("ada@example.org", Role::Admin).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    set_policy(&admin, TARGETS, "").await;
    let t = rita.file("No network in room 12").await;
    let path = format!("/tickets/{}", t.number);
    let created = t.created_at;

    let r = carla
        .patch(&path, Some(1), json!({"assignee": "tina@example.org"}))
        .await;
    assert_eq!(r.status(), 200);
    app.state.clock.advance(5 * MINUTE);
    let r = tina
        .patch(&path, Some(2), json!({"status": "in_progress"}))
        .await;
    let t: TicketJson = parse(r).await;
    assert!(
        t.sla().responded_at.is_some(),
        "starting work is the first response"
    );
    app.state.clock.advance(15 * MINUTE);
    let r = tina
        .patch(
            &path,
            Some(3),
            json!({"status": "waiting", "waiting_on": "facility"}),
        )
        .await;
    let t: TicketJson = parse(r).await;
    assert!(t.sla().paused);
    assert!(t.sla().resolution_due.is_none());
    assert_eq!(t.sla().resolution_left_minutes, 40);

    // Two hours of cabling later nothing has been used.
    app.state.clock.advance(120 * MINUTE);
    assert_eq!(run_due(&app.state).await.unwrap(), 0);
    let t = tina.ticket(&t.number).await;
    assert_eq!(t.sla().resolution_left_minutes, 40);
    assert_eq!(t.sla().state, "on_track");

    let r = tina
        .patch(&path, Some(4), json!({"status": "in_progress"}))
        .await;
    let t: TicketJson = parse(r).await;
    assert!(!t.sla().paused);
    let resumed = created + chrono::Duration::minutes(140);
    let due = t.sla().resolution_due.expect("a resolution due time");
    assert!(
        (due - (resumed + chrono::Duration::minutes(40)))
            .num_seconds()
            .abs()
            <= 1,
        "40 minutes left after the pause, due {due}"
    );

    // Raised to P1 (30 minutes): the 20 minutes used still count, so 10 are left.
    let r = carla
        .patch(
            &path,
            Some(5),
            json!({"priority": "P1", "reason": "whole floor affected"}),
        )
        .await;
    let t: TicketJson = parse(r).await;
    let due = t.sla().resolution_due.expect("a resolution due time");
    assert!(
        (due - (resumed + chrono::Duration::minutes(10)))
            .num_seconds()
            .abs()
            <= 1,
        "due {due}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_admins_edit_policies_and_mistakes_come_back_at_their_field() {
    let app = TestApp::spawn().await;
    let admin = app.api_user("ada@example.org", Role::Admin).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;

    let list = body(carla.get("/sla/policies").await).await;
    let standard = list["items"][0].clone();
    assert_eq!(standard["name"], "Standard");
    assert_eq!(standard["targets"].as_array().unwrap().len(), 4);
    assert_eq!(rita.get("/sla/policies").await.status(), 403);

    let put = |api: &Api, body: Value| {
        let api = api.clone();
        async move {
            api.client
                .put(format!("{}/api/v1/sla/policies/1", api.base))
                .bearer_auth(&api.token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(put(&carla, standard.clone()).await.status(), 403);

    let mut bad = standard.clone();
    bad["time_zone"] = json!("Mars/Olympus");
    bad["hours"] = json!("mon-fri 18:00-08:00");
    bad["rules"] = json!("75% resolution: notify assignee\nsoon: panic");
    bad["categories"] = json!("printing");
    let r = put(&admin, bad).await;
    assert_eq!(r.status(), 422);
    let fields = error(r).await.fields;
    assert!(fields["time_zone"].contains("Mars/Olympus"));
    assert!(fields["rules"].starts_with("Line 2"));
    assert!(fields["categories"].contains("printing"));

    // A policy for one category wins over the default for its tickets.
    let mut network = standard.clone();
    network["name"] = json!("Network");
    network["categories"] = json!("network");
    network["time_zone"] = json!("Europe/Paris");
    network["hours"] = json!("mon-sat 07:00-19:00");
    let r = admin.post("/sla/policies", network).await;
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap_or_default());
    let r = rita
        .post(
            "/tickets",
            json!({"title": "Port dead", "description": "No link light", "category": "network", "impact": "low", "urgency": "low", "fields": {"building": "B", "room": "12"}}),
        )
        .await;
    assert_eq!(parse::<TicketJson>(r).await.sla().policy, "Network");
    assert_eq!(rita.file("Mouse").await.sla().policy, "Standard");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_on_one_database_fire_a_rule_once() {
    let app = TestApp::spawn().await;
    let admin = app.api_user("ada@example.org", Role::Admin).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    set_policy(&admin, TARGETS, "100% response: notify coordinators").await;
    let mut numbers = Vec::new();
    for i in 0..20 {
        numbers.push(rita.file(&format!("Printer {i} jammed")).await.number);
    }
    let config = app.stop().await;
    let one = TestApp::start(config.clone(), 30 * MINUTE).await;
    let two = TestApp::start(config, 30 * MINUTE).await;
    let (a, b) = tokio::join!(run_due(&one.state), run_due(&two.state));
    // The background schedulers may have claimed some first; together every rule fired once.
    let _ = (a.unwrap(), b.unwrap());
    let carla = Api {
        base: one.base.clone(),
        ..carla
    };
    for n in numbers {
        let path = format!("/tickets/{n}");
        assert_eq!(sla_events(&carla, &path).await.len(), 1, "{path}");
    }
    let carla_id = one
        .state
        .db
        .user_by_email("carla@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    let breaches = one
        .state
        .db
        .notifications(carla_id, true, 200)
        .await
        .unwrap()
        .into_iter()
        .filter(|n| n.kind == "sla_breach")
        .count();
    assert_eq!(breaches, 20);
}
