use crate::helpers::{body, TestApp};
use crate::wire::{error, parse, CategoryJson, EventJson, Items, NoteJson, TicketJson, TicketPage};
use app::domain::Role;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filing_returns_201_with_location_etag_and_computed_priority() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let r = rita
        .post("/tickets", json!({"title": "Printer jam", "description": "Jams on every page", "category": "hardware", "impact": "medium", "urgency": "high", "fields": {"asset_tag": "PRN-1"}}))
        .await;
    assert_eq!(r.status(), 201);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(r.headers()["etag"], "\"1\"");
    let t: TicketJson = parse(r).await;
    assert_eq!(location, format!("/api/v1/tickets/{}", t.number));
    assert_eq!(t.priority, "P2");
    assert_eq!(t.status, "new");
    assert_eq!(t.asset_tag.as_deref(), Some("PRN-1"));
    assert_eq!(t.requester.email, "rita@example.org");
    assert!(t.assignee.is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_input_answers_with_field_errors() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let r = rita.post("/tickets", json!({"title": "", "description": "", "category": "network", "impact": "huge", "urgency": "high"})).await;
    assert_eq!(r.status(), 422);
    let e = error(r).await;
    assert_eq!(e.code, "validation");
    for field in ["title", "description", "impact"] {
        assert!(e.fields.contains_key(field), "{field}: {e:?}");
    }
    assert_eq!(
        e.fields["fields.building"],
        "Building is required for network requests"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_oversized_and_unknown_bodies_are_refused() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let r = rita
        .client
        .post(app.url("/api/v1/tickets"))
        .bearer_auth(&rita.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(error(r).await.code, "bad_request");
    let r = rita.post("/tickets", json!({"title": "Printer jam", "description": "x", "category": "other", "impact": "low", "urgency": "low", "colour": "red"})).await;
    assert_eq!(r.status(), 400, "unknown fields are rejected");
    let huge = "x".repeat(200 * 1024);
    let r = rita.post("/tickets", json!({"title": "Printer jam", "description": huge, "category": "other", "impact": "low", "urgency": "low"})).await;
    assert_eq!(r.status(), 413);
    assert_eq!(
        app.state.db.count_tickets().await.unwrap(),
        0,
        "nothing was stored"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sql_and_html_payloads_are_stored_verbatim() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let title = "Robert'); DROP TABLE tickets;-- <script>alert(1)</script>";
    let description = "<img src=x onerror=alert(1)> ' OR 1=1 --";
    let r = rita.post("/tickets", json!({"title": title, "description": description, "category": "other", "impact": "low", "urgency": "low"})).await;
    assert_eq!(r.status(), 201);
    let t: TicketJson = parse(r).await;
    let got = rita.ticket(&t.number).await;
    assert_eq!(got.title, title);
    assert_eq!(got.description, description);
    // The ticket page escapes it.
    let found: TicketPage = parse(rita.get("/tickets?q=DROP").await).await;
    assert_eq!(found.items.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_requester_cannot_see_anyone_elses_ticket() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let paul = app.api_user("paul@example.org", Role::Requester).await;
    let t = rita.file("Rita's laptop").await;
    let number = &t.number;
    let r = paul.get(&format!("/tickets/{number}")).await;
    assert_eq!(r.status(), 404);
    let missing = paul.get("/tickets/SB-99999").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(
        body(r).await,
        body(missing).await,
        "hidden and absent answer alike"
    );
    for path in ["/events", "/notes"] {
        let r = if path == "/notes" {
            paul.post(&format!("/tickets/{number}{path}"), json!({"body": "hi"}))
                .await
        } else {
            paul.get(&format!("/tickets/{number}{path}")).await
        };
        assert_eq!(r.status(), 404, "{path}");
    }
    let r = paul
        .patch(
            &format!("/tickets/{number}"),
            Some(1),
            json!({"status": "closed"}),
        )
        .await;
    assert_eq!(r.status(), 404);
    let list: TicketPage = parse(paul.get("/tickets").await).await;
    assert!(list.items.is_empty());
    // Unauthenticated callers get 401.
    let r = app
        .client
        .get(app.url(&format!("/api/v1/tickets/{number}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lifecycle_over_the_api_with_optimistic_concurrency() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let t = rita.file("Monitor flickers").await;
    let path = format!("/tickets/{}", t.number);

    let r = carla
        .patch(&path, None, json!({"assignee": "tina@example.org"}))
        .await;
    assert_eq!(r.status(), 428, "If-Match is required");
    let r = carla
        .patch(&path, Some(1), json!({"assignee": "tina@example.org"}))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["etag"], "\"2\"");
    let t: TicketJson = parse(r).await;
    assert_eq!(t.status, "assigned");
    assert_eq!(t.assignee_email(), "tina@example.org");

    // A second coordinator acting on the version they saw is refused and nothing changes.
    let r = carla
        .patch(
            &path,
            Some(1),
            json!({"priority": "P1", "reason": "CEO's monitor"}),
        )
        .await;
    assert_eq!(r.status(), 412);
    assert_eq!(carla.ticket(&t.number).await.priority, "P2");

    // Priority override needs a reason and a coordinator.
    let r = carla.patch(&path, Some(2), json!({"priority": "P1"})).await;
    assert_eq!(r.status(), 422);
    let r = tina
        .patch(&path, Some(2), json!({"priority": "P1", "reason": "mine"}))
        .await;
    assert_eq!(r.status(), 403);
    let r = carla
        .patch(
            &path,
            Some(2),
            json!({"priority": "P1", "reason": "CEO's monitor"}),
        )
        .await;
    assert_eq!(r.status(), 200);

    // Invalid transition: an assigned ticket cannot be closed, even by a coordinator.
    let r = carla
        .patch(&path, Some(3), json!({"status": "closed"}))
        .await;
    assert_eq!(r.status(), 422);
    assert_eq!(error(r).await.code, "invalid_transition");
    // A technician may never close: that is the requester's (or a coordinator's) call.
    let r = tina
        .patch(&path, Some(3), json!({"status": "closed"}))
        .await;
    assert_eq!(r.status(), 403);

    let r = tina
        .patch(&path, Some(3), json!({"status": "in_progress"}))
        .await;
    assert_eq!(r.status(), 200);
    let r = tina
        .patch(
            &path,
            Some(4),
            json!({"status": "waiting", "waiting_on": "facility"}),
        )
        .await;
    assert_eq!(
        parse::<TicketJson>(r).await.waiting_on.as_deref(),
        Some("facility")
    );
    let r = tina
        .patch(&path, Some(5), json!({"status": "in_progress"}))
        .await;
    assert_eq!(r.status(), 200);
    // Resolving needs resolution notes.
    let r = tina
        .patch(&path, Some(6), json!({"status": "resolved"}))
        .await;
    assert_eq!(r.status(), 422);
    assert!(error(r).await.fields.contains_key("resolution"));
    let r = tina
        .patch(
            &path,
            Some(6),
            json!({"status": "resolved", "resolution": "Replaced the cable"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    // The requester confirms.
    let r = rita
        .patch(&path, Some(7), json!({"status": "closed"}))
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(parse::<TicketJson>(r).await.status, "closed");

    let events: Items<EventJson> = parse(carla.get(&format!("{path}/events")).await).await;
    let kinds: Vec<&str> = events.items.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec![
            "created", "assigned", "status", "priority", "status", "status", "status", "status",
            "status"
        ]
    );
    let public: Items<EventJson> = parse(rita.get(&format!("{path}/events")).await).await;
    assert!(
        public.items.iter().all(|e| !e.internal),
        "requesters never see internal events"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn internal_notes_stay_with_staff_and_retries_are_stored_once() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let t = rita.file("VPN fails").await;
    let path = format!("/tickets/{}", t.number);
    let r = carla
        .post(
            &format!("{path}/notes"),
            json!({"body": "Supplier case 88231", "visibility": "internal"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    for _ in 0..2 {
        let r = carla.post(&format!("{path}/notes"), json!({"body": "Please restart", "visibility": "public", "idempotency_key": "tap-1"})).await;
        assert_eq!(r.status(), 201);
    }
    let staff_notes = app.state.db.notes(t.id(), true).await.unwrap();
    assert_eq!(staff_notes.len(), 2, "the retried note is stored once");
    let seen: Items<EventJson> = parse(rita.get(&format!("{path}/events")).await).await;
    assert_eq!(seen.items.iter().filter(|e| e.kind == "note").count(), 1);
    // A requester cannot write internal notes: theirs are always public.
    let r = rita
        .post(
            &format!("{path}/notes"),
            json!({"body": "still broken", "visibility": "internal"}),
        )
        .await;
    assert_eq!(parse::<NoteJson>(r).await.visibility, "public");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn listing_filters_sorts_by_priority_and_pages_with_a_cursor() {
    let app = TestApp::spawn().await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    for (i, (impact, urgency)) in [
        ("low", "low"),
        ("high", "high"),
        ("medium", "medium"),
        ("high", "medium"),
        ("low", "low"),
    ]
    .iter()
    .enumerate()
    {
        let r = carla.post("/tickets", json!({"title": format!("Ticket number {i}"), "description": "d", "category": "other", "impact": impact, "urgency": urgency})).await;
        assert_eq!(r.status(), 201);
    }
    let priorities = |page: &TicketPage| -> Vec<String> {
        page.items.iter().map(|t| t.priority.clone()).collect()
    };
    let page1: TicketPage = parse(carla.get("/tickets?limit=2").await).await;
    assert_eq!(priorities(&page1), ["P1", "P2"]);
    let cursor = page1.next_cursor.expect("a second page");
    let page2: TicketPage = parse(
        carla
            .get(&format!("/tickets?limit=2&cursor={cursor}"))
            .await,
    )
    .await;
    assert_eq!(priorities(&page2), ["P3", "P4"]);
    let cursor = page2.next_cursor.expect("a third page");
    let page3: TicketPage = parse(
        carla
            .get(&format!("/tickets?limit=2&cursor={cursor}"))
            .await,
    )
    .await;
    assert_eq!(page3.items.len(), 1);
    assert!(page3.next_cursor.is_none());
    let p4: TicketPage = parse(carla.get("/tickets?priority=P4").await).await;
    assert_eq!(p4.items.len(), 2);
    assert_eq!(carla.get("/tickets?priority=P9").await.status(), 400);
    assert_eq!(carla.get("/tickets?colour=red").await.status(), 400);
    let q: TicketPage = parse(carla.get("/tickets?q=number%203").await).await;
    assert_eq!(q.items.len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_file_on_behalf_of_a_requester_and_escalate() {
    let app = TestApp::spawn().await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let _erin = app.api_user("erin@example.org", Role::Technician).await;
    let r = carla.post("/tickets", json!({"title": "Phone: no dial tone", "description": "called in", "category": "other", "impact": "medium", "urgency": "medium", "requester_email": "walkin@example.org", "requester_name": "Walk In"})).await;
    assert_eq!(r.status(), 201);
    let t: TicketJson = parse(r).await;
    assert_eq!(t.requester.name, "Walk In");
    // Requesters may not file for others.
    let r = rita.post("/tickets", json!({"title": "For Paul", "description": "d", "category": "other", "impact": "low", "urgency": "low", "requester_email": "paul@example.org"})).await;
    assert_eq!(r.status(), 403);
    let path = format!("/tickets/{}/escalate", t.number);
    let r = carla.post(&path, json!({"reason": ""})).await;
    assert_eq!(r.status(), 422);
    let r = carla
        .post(
            &path,
            json!({"reason": "Whole floor affected", "assignee": "erin@example.org"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let e: TicketJson = parse(r).await;
    assert_eq!(e.priority, "P2");
    assert!(e.escalated);
    assert_eq!(e.assignee_email(), "erin@example.org");
    let r = rita.post(&path, json!({"reason": "me too"})).await;
    assert_eq!(
        r.status(),
        404,
        "requesters cannot see or escalate others' tickets"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn categories_list_their_required_fields() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let cats: Vec<CategoryJson> = parse(rita.get("/categories").await).await;
    let slugs: Vec<&str> = cats.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(
        slugs,
        vec![
            "hardware",
            "software",
            "network",
            "account",
            "facilities",
            "other"
        ]
    );
    assert!(cats[2]
        .fields
        .iter()
        .any(|f| f.key == "building" && f.required));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn admins_define_categories_and_their_required_fields() {
    let app = TestApp::spawn().await;
    let admin = app.api_user("admin@example.org", Role::Admin).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let body_ok = json!({"name": "Printing", "fields": [{"key": "printer", "label": "Printer name", "required": true, "hint": "on the sticker"}]});
    let put = |api: &crate::helpers::Api, body: serde_json::Value| {
        let api = api.clone();
        async move {
            api.client
                .put(format!("{}/api/v1/categories/printing", api.base))
                .bearer_auth(&api.token)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    assert_eq!(put(&carla, body_ok.clone()).await.status(), 403);
    let bad = put(
        &admin,
        json!({"name": "", "fields": [{"key": "Bad Key", "label": "x", "required": false}]}),
    )
    .await;
    assert_eq!(bad.status(), 422);
    let r = put(&admin, body_ok).await;
    assert_eq!(r.status(), 200);
    assert_eq!(parse::<CategoryJson>(r).await.fields[0].key, "printer");
    let r = rita.post("/tickets", json!({"title": "Printer offline", "description": "d", "category": "printing", "impact": "low", "urgency": "low"})).await;
    assert_eq!(r.status(), 422);
    assert_eq!(
        error(r).await.fields["fields.printer"],
        "Printer name is required for printing requests"
    );
    let r = rita.post("/tickets", json!({"title": "Printer offline", "description": "d", "category": "printing", "impact": "low", "urgency": "low", "fields": {"printer": "PRN-7"}})).await;
    assert_eq!(r.status(), 201);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_priority_matrix_is_configuration() {
    let app = TestApp::spawn_configured(false, |c| {
        c.priority_matrix = "P4,P3,P2;P3,P2,P1;P2,P1,P1".into()
    })
    .await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let r = rita.post("/tickets", json!({"title": "Whole floor down", "description": "d", "category": "other", "impact": "high", "urgency": "medium"})).await;
    assert_eq!(parse::<TicketJson>(r).await.priority, "P1");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requesters_register_themselves_only_with_allowed_domains() {
    let sink = crate::smtp_sink::SmtpSink::start().await;
    let port = sink.addr.port();
    let app = TestApp::spawn_configured(false, |c| {
        c.registration_domains = "example.org".into();
        c.smtp_host = Some("127.0.0.1".into());
        c.smtp_port = port;
        c.smtp_security = "none".into();
    })
    .await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let r = client
        .post(app.url("/api/register"))
        .header("accept", "application/json")
        .form(&[
            ("email", "eve@elsewhere.net"),
            ("name", "Eve"),
            ("password", "a long password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = client
        .post(app.url("/api/register"))
        .header("accept", "application/json")
        .form(&[
            ("email", "new@example.org"),
            ("name", "New Person"),
            ("password", "short"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let r = client
        .post(app.url("/api/register"))
        .header("accept", "application/json")
        .form(&[
            ("email", "new@example.org"),
            ("name", "New Person"),
            ("password", "a long password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let me = client
        .post(app.url("/api/current_user"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(me, "null", "signed in only once the address is proven");
    let again = client
        .post(app.url("/api/register"))
        .header("accept", "application/json")
        .form(&[
            ("email", "new@example.org"),
            ("name", "Again"),
            ("password", "a long password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 422, "the email is taken");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn technicians_take_only_what_they_are_skilled_for_and_log_time_when_resolving() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let t = rita.file("Screen cracked").await;
    let path = format!("/tickets/{}", t.number);
    let r = tina
        .patch(&path, Some(1), json!({"assignee": "tina@example.org"}))
        .await;
    assert_eq!(r.status(), 422, "no hardware skill yet");
    assert!(error(r).await.fields["assignee"].contains("hardware"));
    let tina_id = app
        .state
        .db
        .user_by_email("tina@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.state
        .db
        .set_skill(tina_id, "hardware", 2)
        .await
        .unwrap();
    let r = tina
        .patch(&path, Some(1), json!({"assignee": "tina@example.org"}))
        .await;
    assert_eq!(r.status(), 200);
    tina.patch(&path, Some(2), json!({"status": "in_progress"}))
        .await;
    let r = tina
        .patch(
            &path,
            Some(3),
            json!({"status": "resolved", "resolution": "New screen", "minutes": 2000}),
        )
        .await;
    assert_eq!(r.status(), 422, "at most a day");
    let r = tina
        .patch(
            &path,
            Some(3),
            json!({"status": "resolved", "resolution": "New screen", "minutes": 45}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let notes = app.state.db.notes(t.id(), true).await.unwrap();
    assert_eq!(notes.last().unwrap().minutes, Some(45));
}
