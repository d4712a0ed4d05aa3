//! One change to many tickets (`POST /api/v1/tickets/bulk`): each ticket through the rules of a
//! single change, stale or hidden ones refused with why, the others done once.

use crate::helpers::{Api, TestApp};
use crate::wire::{error, parse, EventJson, Items, NotePage, TicketJson};
use app::domain::Role;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Debug, Deserialize)]
struct BulkAnswer {
    items: Vec<BulkItem>,
    done: usize,
    refused: usize,
}

#[derive(Debug, Deserialize)]
struct BulkItem {
    number: String,
    status: u16,
    ticket: Option<TicketJson>,
    error: Option<Value>,
}

impl BulkAnswer {
    fn status_of(&self, number: &str) -> u16 {
        self.items
            .iter()
            .find(|i| i.number == number)
            .unwrap_or_else(|| panic!("{number} missing in {self:?}"))
            .status
    }
}

async fn bulk(api: &Api, body: Value) -> BulkAnswer {
    let r = api.post("/tickets/bulk", body).await;
    assert_eq!(r.status(), 200);
    parse(r).await
}

fn targets(tickets: &[(&str, i64)]) -> Value {
    tickets
        .iter()
        .map(|(n, v)| json!({"number": n, "version": v}))
        .collect()
}

async fn kinds(api: &Api, number: &str) -> Vec<String> {
    let events: Items<EventJson> = parse(api.get(&format!("/tickets/{number}/events")).await).await;
    events.items.into_iter().map(|e| e.kind).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_changes_go_through_the_single_rules_and_refuse_stale_tickets_one_by_one() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let paul = app.api_user("paul@example.org", Role::Requester).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let mut filed = Vec::new();
    for title in ["Dock 1 dead", "Dock 2 dead", "Dock 3 dead", "Dock 4 dead"] {
        filed.push(rita.file(title).await.number);
    }
    let [t1, t2, t3, t4] = [0, 1, 2, 3].map(|i| filed[i].clone());
    let pauls = paul.file("My own printer").await.number;

    // Someone else changed t3 since the coordinator's board showed it.
    let r = carla
        .patch(
            &format!("/tickets/{t3}"),
            Some(1),
            json!({"priority": "P1", "reason": "whole floor"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let answer = bulk(
        &carla,
        json!({
            "tickets": targets(&[(&t1, 1), (&t2, 1), (&t3, 1), (&t1, 1), ("SB-99999", 1)]),
            "change": {"assignee": "tina@example.org"},
        }),
    )
    .await;
    assert_eq!(answer.items.len(), 4, "a number named twice counts once");
    assert_eq!((answer.done, answer.refused), (2, 2));
    assert_eq!(answer.status_of(&t1), 200);
    assert_eq!(answer.status_of(&t2), 200);
    assert_eq!(answer.status_of(&t3), 412, "stale");
    assert_eq!(answer.status_of("SB-99999"), 404);
    let first = answer.items[0]
        .ticket
        .as_ref()
        .expect("the ticket as it is now");
    assert_eq!((first.status.as_str(), first.version), ("assigned", 2));
    assert!(
        carla.ticket(&t3).await.assignee.is_none(),
        "stale left alone"
    );
    let assigned = kinds(&carla, &t1).await;
    assert_eq!(
        assigned.iter().filter(|k| *k == "assigned").count(),
        1,
        "one history event: {assigned:?}"
    );

    // A requester's bulk change meets the same refusals as one change at a time: not theirs to
    // assign, and someone else's ticket is as absent as one that does not exist.
    let answer = bulk(
        &rita,
        json!({
            "tickets": targets(&[(&t4, 1), (&pauls, 1)]),
            "change": {"assignee": "tina@example.org"},
        }),
    )
    .await;
    assert_eq!(answer.status_of(&t4), 403);
    assert_eq!(answer.status_of(&pauls), 404);
    let hidden = answer.items[1].error.as_ref().unwrap().to_string();
    assert!(!hidden.contains("My own printer") && !hidden.contains("paul"));

    // Resolving many takes the notes once, checked before any ticket is touched.
    let r = tina
        .post(
            "/tickets/bulk",
            json!({"tickets": targets(&[(&t1, 2), (&t2, 2)]), "change": {"status": "resolved", "resolution": "  "}}),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(error(r).await.fields.contains_key("resolution"));
    assert_eq!(tina.ticket(&t1).await.status, "assigned");
    let answer = bulk(
        &tina,
        json!({
            "tickets": targets(&[(&t1, 2), (&t2, 2), (&t4, 1)]),
            "change": {"status": "resolved", "resolution": "Replaced the docking station firmware"},
        }),
    )
    .await;
    assert_eq!((answer.done, answer.refused), (2, 1));
    assert_eq!(
        answer.status_of(&t4),
        403,
        "in her queue, not hers to resolve"
    );
    assert_eq!(rita.ticket(&t2).await.status, "resolved");

    // A public note to several requesters' tickets, and children of one parent.
    let answer = bulk(
        &carla,
        json!({
            "tickets": targets(&[(&t3, 2), (&t4, 1)]),
            "note": {"body": "The new docks arrive on Monday", "visibility": "public"},
        }),
    )
    .await;
    assert_eq!(answer.done, 2, "{answer:?}");
    let notes: NotePage = parse(rita.get(&format!("/tickets/{t4}/notes")).await).await;
    assert!(notes
        .items
        .iter()
        .any(|n| n.body == "The new docks arrive on Monday" && n.visibility == "public"));
    let v3 = carla.ticket(&t3).await.version;
    let v4 = carla.ticket(&t4).await.version;
    let answer = bulk(
        &carla,
        json!({"tickets": targets(&[(&t3, v3), (&t4, v4)]), "parent": t1}),
    )
    .await;
    assert_eq!(answer.done, 2, "{answer:?}");
    assert!(kinds(&carla, &t4).await.iter().any(|k| k == "linked"));
    let v1 = carla.ticket(&t1).await.version;
    let answer = bulk(
        &carla,
        json!({"tickets": targets(&[(&t1, v1)]), "parent": t1}),
    )
    .await;
    assert_eq!(answer.status_of(&t1), 422, "a ticket is not its own parent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_request_that_cannot_apply_is_refused_at_its_field() {
    let app = TestApp::spawn().await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let t = carla.file("Keyboard").await.number;
    let cases = [
        (
            json!({"tickets": [], "change": {"priority": "P1", "reason": "x"}}),
            422,
            "tickets",
        ),
        (
            json!({"tickets": [{"number": "<script>", "version": 1}], "watcher": "a@example.org"}),
            422,
            "tickets",
        ),
        (
            json!({"tickets": [{"number": t, "version": 1}], "note": {"body": " "}}),
            422,
            "body",
        ),
        (
            json!({"tickets": [{"number": t, "version": 1}], "watcher": "not an address"}),
            422,
            "email",
        ),
        (
            json!({"tickets": [{"number": t, "version": 1}], "parent": "'; DROP TABLE tickets; --"}),
            422,
            "parent",
        ),
    ];
    for (body, status, field) in cases {
        let r = carla.post("/tickets/bulk", body.clone()).await;
        assert_eq!(r.status(), status, "{body}");
        assert!(error(r).await.fields.contains_key(field), "{body}");
    }
    let many: Vec<Value> = (0..501)
        .map(|i| json!({"number": format!("SB-{}", 1001 + i), "version": 1}))
        .collect();
    let r = carla
        .post(
            "/tickets/bulk",
            json!({"tickets": many, "watcher": "a@example.org"}),
        )
        .await;
    assert_eq!(r.status(), 422);
    // Exactly one change: none, or two at once, is a bad request.
    for body in [
        json!({"tickets": [{"number": t, "version": 1}]}),
        json!({"tickets": [{"number": t, "version": 1}], "watcher": "a@example.org", "parent": "SB-1001"}),
        json!({"tickets": [{"number": t}], "watcher": "a@example.org"}),
        json!({"tickets": "SB-1001", "watcher": "a@example.org"}),
    ] {
        let r = carla.post("/tickets/bulk", body.clone()).await;
        assert_eq!(r.status(), 400, "{body}");
    }
    assert_eq!(carla.ticket(&t).await.version, 1, "nothing changed");
    let r = app
        .client
        .post(app.url("/api/v1/tickets/bulk"))
        .json(&json!({"tickets": [{"number": t, "version": 1}], "watcher": "a@example.org"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}
