use crate::helpers::TestApp;
use crate::wire::{parse, IssuedToken, TicketPage};
use app::domain::Role;
use serde::Deserialize;

/// `GET /healthz`.
#[derive(Deserialize)]
struct Health {
    status: String,
    schema_version: i64,
}

#[tokio::test]
async fn healthz_reports_the_schema_version() {
    let app = TestApp::spawn().await;
    let r = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let health: Health = parse(r).await;
    assert_eq!(health.status, "ok");
    assert!(health.schema_version >= 1);
}

#[tokio::test]
async fn pages_render_on_the_server() {
    let app = TestApp::spawn().await;
    let r = app.client.get(app.url("/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("IT help, without the phone tag"));
    assert!(
        html.contains("/pkg/switchboard.js"),
        "hydration script is linked"
    );
    let r = app
        .client
        .get(app.url("/no/such/page"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    let r = app.client.get(app.url("/login")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("x-content-type-options").is_some());
}

#[tokio::test]
async fn demo_data_has_tickets_in_every_state() {
    let app = TestApp::spawn_with(true).await;
    let api = crate::helpers::Api {
        base: app.base.clone(),
        client: app.client.clone(),
        token: {
            let r = app.client.post(app.url("/api/v1/auth/token")).json(&serde_json::json!({"email": "admin@example.org", "password": app::server::demo::DEMO_PASSWORD})).send().await.unwrap();
            parse::<IssuedToken>(r).await.token
        },
    };
    for s in [
        "new",
        "assigned",
        "in_progress",
        "waiting",
        "resolved",
        "closed",
        "cancelled",
    ] {
        let found: TicketPage = parse(api.get(&format!("/tickets?status={s}&limit=1")).await).await;
        assert_eq!(found.items.len(), 1, "demo lacks a {s} ticket");
        assert_eq!(found.items[0].status, s);
    }
    // Months of finished tickets give the reports a past, without touching today's board.
    let open: TicketPage = parse(api.get("/tickets?status=open&limit=200").await).await;
    assert!(open.items.len() < 20);
    let closed: TicketPage = parse(api.get("/tickets?status=closed&limit=200").await).await;
    assert!(closed.items.len() >= 100);
}

#[tokio::test]
async fn request_timings_are_exported_for_admins_only() {
    let app = TestApp::spawn().await;
    let admin = app.api_user("ada@example.org", Role::Admin).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let t = rita.file("Keyboard missing keys").await;
    let number = t.number.as_str();
    assert_eq!(rita.get(&format!("/tickets/{number}")).await.status(), 200);
    assert_eq!(
        app.client
            .get(app.url("/metrics"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    assert_eq!(carla.get_path("/metrics").await.status(), 403);
    let r = admin.get_path("/metrics").await;
    assert_eq!(r.status(), 200);
    let text = r.text().await.unwrap();
    // Requests are labelled by the route they matched, not their path, so routes stay few.
    assert!(
        text.contains(
            "switchboard_request_duration_seconds_count{route=\"/api/v1/tickets/{number}\"} 1"
        ),
        "{text}"
    );
    assert!(
        text.contains("switchboard_request_duration_seconds_count{route=\"/api/v1/tickets\"} 1")
    );
    assert!(!text.contains(number));
}
