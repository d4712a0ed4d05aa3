//! Webhooks against a real HTTP receiver on loopback (allowed explicitly, as a lab would): signed,
//! once per event, in order per ticket, retried while the receiver is down and across a restart
//! of Switchboard; and never aimed at internal addresses without the allowance.

use crate::helpers::{body, TestApp};
use app::domain::Role;
use app::server::webhooks::hmac_sha256;
use axum::http::{HeaderMap, StatusCode};
use serde_json::{json, Value};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// One request the receiver got, and whether it answered 200.
#[derive(Clone, Debug)]
struct Received {
    delivery: String,
    signature: String,
    event: String,
    body: String,
    accepted: bool,
}

/// An HTTP receiver on a free loopback port that answers 503 while it is "down".
#[derive(Clone)]
struct Receiver {
    url: String,
    up: Arc<AtomicBool>,
    got: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    async fn start() -> Receiver {
        let up = Arc::new(AtomicBool::new(true));
        let got = Arc::new(Mutex::new(Vec::new()));
        let (u, g) = (up.clone(), got.clone());
        let handler = move |headers: HeaderMap, text: String| {
            let (up, got) = (u.clone(), g.clone());
            async move {
                let header = |name: &str| {
                    headers
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default()
                        .to_string()
                };
                let accepted = up.load(Ordering::SeqCst);
                got.lock().unwrap().push(Received {
                    delivery: header("switchboard-delivery"),
                    signature: header("switchboard-signature"),
                    event: header("switchboard-event"),
                    body: text,
                    accepted,
                });
                if accepted {
                    (StatusCode::OK, "thanks")
                } else {
                    (StatusCode::SERVICE_UNAVAILABLE, "down for maintenance")
                }
            }
        };
        let router = axum::Router::new().route("/hook", axum::routing::post(handler));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!(
            "http://127.0.0.1:{}/hook",
            listener.local_addr().unwrap().port()
        );
        tokio::spawn(async move { axum::serve(listener, router).await });
        Receiver { url, up, got }
    }

    fn accepted(&self) -> Vec<Received> {
        self.got
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.accepted)
            .cloned()
            .collect()
    }
}

/// A lab's allowances; the background worker runs only at start-up, so the test sends.
fn lab(c: &mut switchboard::config::Config) {
    c.webhook_allow_http = true;
    c.webhook_allow_hosts = "127.0.0.1".into();
    c.mail_interval_secs = 3600;
}

/// Runs the worker until none of the webhook's deliveries waits (each round sends the oldest
/// event of each ticket; the start-up round of the background worker may hold one meanwhile).
async fn drain(app: &TestApp, admin: &crate::helpers::Api, hook: i64) {
    for _ in 0..200 {
        app::server::webhooks::deliver_due(&app.state)
            .await
            .unwrap();
        let list = body(admin.get(&format!("/webhooks/{hook}/deliveries")).await).await;
        if !list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["status"] == "pending")
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("deliveries still waiting");
}

/// Checks `t=…,v1=…` against the secret, the timestamp and the body.
fn verify(secret: &str, r: &Received) {
    let (t, v1) = r
        .signature
        .split_once(",v1=")
        .and_then(|(t, v)| Some((t.strip_prefix("t=")?, v)))
        .unwrap_or_else(|| panic!("signature {:?}", r.signature));
    let expected = hex::encode(hmac_sha256(
        secret.as_bytes(),
        format!("{t}.{}", r.body).as_bytes(),
    ));
    assert_eq!(v1, expected, "signature of {}", r.body);
    let age = chrono::Utc::now().timestamp() - t.parse::<i64>().unwrap();
    assert!(age.abs() < 3 * 3600, "timestamp {t}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_are_signed_once_per_event_in_order_and_outlive_a_receiver_down_and_a_restart() {
    let receiver = Receiver::start().await;
    let app = TestApp::spawn_configured(false, lab).await;
    let admin = app.api_user("ada@example.org", Role::Admin).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    app.user("tina@example.org", Role::Technician).await;
    let ann = app.api_user("ann@example.org", Role::Requester).await;

    let secret = "a-secret-only-we-share";
    let r = admin
        .post(
            "/webhooks",
            json!({"url": receiver.url, "secret": secret, "events": [
                "ticket.filed", "ticket.assigned", "ticket.note_public", "ticket.note_internal",
                "ticket.status_changed", "ticket.resolved"]}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    let hook = body(r).await;
    assert_eq!(hook["secret"], secret);
    let id = hook["id"].as_i64().unwrap();
    assert_eq!(location, format!("/api/v1/webhooks/{id}"));
    // The secret is shown once.
    let listed = body(admin.get("/webhooks").await).await;
    assert_eq!(listed["items"][0]["url"], receiver.url.as_str());
    assert!(listed["items"][0].get("secret").is_none(), "{listed}");

    let t = ann.file("Docking station flickers").await;
    let n = t.number.as_str();
    let r = carla
        .patch(
            &format!("/tickets/{n}"),
            Some(t.version),
            json!({"assignee": "tina@example.org"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    drain(&app, &admin, id).await;
    let got = receiver.accepted();
    let events: Vec<&str> = got.iter().map(|r| r.event.as_str()).collect();
    // Assigning a new ticket also moves it to "assigned".
    assert_eq!(
        events,
        ["ticket.filed", "ticket.assigned", "ticket.status_changed"]
    );
    for r in &got {
        verify(secret, r);
        let v: Value = serde_json::from_str(&r.body).unwrap();
        assert_eq!(v["event"], r.event.as_str());
        // The ticket as the API shows it to staff.
        assert_eq!(v["ticket"]["number"], n);
        assert!(v["ticket"]["requester"]["email"].is_string());
    }
    assert_eq!(
        serde_json::from_str::<Value>(&got[1].body).unwrap()["ticket"]["assignee"]["email"],
        "tina@example.org"
    );

    // The receiver goes down; three more changes (four events) wait for it, the first retried with back-off.
    receiver.up.store(false, Ordering::SeqCst);
    let r = carla
        .post(
            &format!("/tickets/{n}/notes"),
            json!({"body": "Swapped the cable", "visibility": "public"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let r = carla
        .post(
            &format!("/tickets/{n}/notes"),
            json!({"body": "Firmware 2.4 needed", "visibility": "internal"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let current = carla.ticket(n).await;
    let r = carla
        .patch(
            &format!("/tickets/{n}"),
            Some(current.version),
            json!({"status": "resolved", "resolution": "Replaced the docking station firmware"}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    app::server::webhooks::deliver_due(&app.state)
        .await
        .unwrap();
    let deliveries = body(admin.get(&format!("/webhooks/{id}/deliveries")).await).await;
    let waiting: Vec<&Value> = deliveries["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["status"] == "pending")
        .collect();
    assert_eq!(waiting.len(), 4, "{deliveries}");
    let tried = waiting
        .iter()
        .find(|d| d["attempts"] == 1)
        .expect("one tried");
    assert_eq!(tried["event"], "ticket.note_public");
    assert_eq!(tried["response_status"], 503);
    assert_eq!(tried["response"], "down for maintenance");
    // Later events of the ticket wait behind it, untried.
    assert_eq!(
        waiting.iter().filter(|d| d["attempts"] == 0).count(),
        3,
        "{deliveries}"
    );

    // Switchboard restarts meanwhile; when the receiver is back, every event arrives once, in order.
    let mut again = app.stop().await;
    lab(&mut again);
    receiver.up.store(true, Ordering::SeqCst);
    let app = TestApp::start(again, std::time::Duration::from_secs(3600)).await;
    let (admin, ann) = (app.api_as(&admin), app.api_as(&ann));
    drain(&app, &admin, id).await;
    let got = receiver.accepted();
    let events: Vec<&str> = got.iter().map(|r| r.event.as_str()).collect();
    assert_eq!(
        events,
        [
            "ticket.filed",
            "ticket.assigned",
            "ticket.status_changed",
            "ticket.note_public",
            "ticket.note_internal",
            "ticket.status_changed",
            "ticket.resolved"
        ]
    );
    let mut ids: Vec<&str> = got.iter().map(|r| r.delivery.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), got.len(), "each delivery once");
    for r in &got {
        verify(secret, r);
    }

    // An admin sends one again: it arrives with the same delivery id, for the receiver to skip.
    let first = got[0].delivery.clone();
    let r = admin
        .post(
            &format!("/webhooks/{id}/deliveries/{first}/resend"),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), 202);
    drain(&app, &admin, id).await;
    assert_eq!(receiver.accepted().last().unwrap().delivery, first);

    // Removed, it hears nothing more.
    let r = app
        .client
        .delete(app.url(&format!("/api/v1/webhooks/{id}")))
        .bearer_auth(&admin.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let before = receiver.accepted().len();
    ann.file("Second monitor stays black").await;
    app::server::webhooks::deliver_due(&app.state)
        .await
        .unwrap();
    assert_eq!(receiver.accepted().len(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn webhooks_never_aim_at_internal_addresses_and_only_admins_keep_them() {
    let app = TestApp::spawn().await;
    let admin = app.api_user("ada@example.org", Role::Admin).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let ann = app.api_user("ann@example.org", Role::Requester).await;
    let events = json!(["ticket.filed"]);
    for (url, why) in [
        ("http://93.184.216.34/hook", "https://"),
        ("https://127.0.0.1/hook", "inside the network"),
        ("https://localhost:8443/hook", "inside the network"),
        (
            "https://169.254.169.254/latest/meta-data",
            "inside the network",
        ),
        ("https://[::1]/hook", "inside the network"),
        ("https://[::ffff:10.0.0.1]/hook", "inside the network"),
        ("https://10.20.30.40/hook", "inside the network"),
        ("https://192.168.1.10/hook", "inside the network"),
        ("https://192.0.0.8/hook", "inside the network"),
        // 6to4 addresses wrapping 127.0.0.1 and the cloud's metadata address.
        ("https://[2002:7f00:1::]/hook", "inside the network"),
        ("https://[2002:a9fe:a9fe::]/hook", "inside the network"),
        ("https://user:pass@93.184.216.34/hook", "passwords"),
        ("https://93.184.216.34:0/hook", "full address"),
        ("https://93.184.216.34/ho\r\nok", "full address"),
        ("https://93.184.216.34/a b", "full address"),
        ("file:///etc/passwd", "https://"),
        ("gopher://93.184.216.34/", "https://"),
        ("not a url", "full address"),
        ("", "full address"),
    ] {
        let r = admin
            .post("/webhooks", json!({"url": url, "events": events}))
            .await;
        assert_eq!(r.status(), 422, "{url}");
        let text = r.text().await.unwrap();
        assert!(
            text.contains("\"url\"") && text.contains(why),
            "{url}: {text}"
        );
    }
    let public = "https://93.184.216.34/hook";
    for (events, field) in [
        (json!([]), "events"),
        (json!(["ticket.deleted"]), "events"),
        (json!(["<script>"]), "events"),
    ] {
        let r = admin
            .post("/webhooks", json!({"url": public, "events": events}))
            .await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains(field));
    }
    let r = admin
        .post(
            "/webhooks",
            json!({"url": public, "events": ["ticket.filed"], "secret": "short"}),
        )
        .await;
    assert_eq!(r.status(), 422);
    let r = admin
        .post(
            "/webhooks",
            json!({"url": public, "events": ["ticket.filed"], "format": "xml"}),
        )
        .await;
    assert_eq!(r.status(), 422);

    // A public address is taken; its generated secret is long.
    let r = admin
        .post(
            "/webhooks",
            json!({"url": public, "events": ["ticket.filed"]}),
        )
        .await;
    assert_eq!(r.status(), 201);
    let hook = body(r).await;
    assert!(hook["secret"].as_str().unwrap().len() >= 32);
    let id = hook["id"].as_i64().unwrap();

    // Changing it goes through the same checks.
    let r = app
        .client
        .put(app.url(&format!("/api/v1/webhooks/{id}")))
        .bearer_auth(&admin.token)
        .json(&json!({"url": "https://169.254.169.254/", "events": ["ticket.filed"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);

    // Nobody else sees or changes webhooks, nor learns whether one exists.
    for api in [&carla, &ann] {
        assert_eq!(api.get("/webhooks").await.status(), 403);
        assert_eq!(api.get(&format!("/webhooks/{id}")).await.status(), 403);
        assert_eq!(api.get("/webhooks/999999").await.status(), 403);
        assert_eq!(
            api.get(&format!("/webhooks/{id}/deliveries"))
                .await
                .status(),
            403
        );
        let r = api
            .post(
                "/webhooks",
                json!({"url": public, "events": ["ticket.filed"]}),
            )
            .await;
        assert_eq!(r.status(), 403);
    }
    assert_eq!(admin.get("/webhooks/999999").await.status(), 404);
    assert_eq!(admin.get("/webhooks/nope").await.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slack_and_teams_hear_a_card_with_the_ticket_and_no_markup_from_its_title() {
    let receiver = Receiver::start().await;
    let app = TestApp::spawn_configured(false, lab).await;
    let admin = app.api_user("ada@example.org", Role::Admin).await;
    let ann = app.api_user("ann@example.org", Role::Requester).await;
    let mut hooks = Vec::new();
    for format in ["slack", "teams"] {
        let r = admin
            .post(
                "/webhooks",
                json!({"url": receiver.url, "events": ["ticket.filed"], "format": format}),
            )
            .await;
        assert_eq!(r.status(), 201);
        let hook = body(r).await;
        assert_eq!(hook["format"], format);
        hooks.push(hook["id"].as_i64().unwrap());
    }

    // A title that would ping a whole Slack channel and hide a link, and Markdown for Teams.
    let title = "VPN down <!channel> <https://evil.example|click> & **now**";
    let t = ann.file(title).await;
    let n = t.number.as_str();
    for hook in &hooks {
        drain(&app, &admin, *hook).await;
    }
    let got = receiver.accepted();
    assert_eq!(got.len(), 2);
    let link = format!("{}/tickets/{n}", app.state.settings.public_url);
    let slack: Value = got
        .iter()
        .map(|r| serde_json::from_str::<Value>(&r.body).unwrap())
        .find(|v| v.get("blocks").is_some())
        .expect("a Slack message");
    let shown = slack["blocks"][0]["text"]["text"].as_str().unwrap();
    assert!(shown.starts_with("*New ticket*\n"), "{shown}");
    assert!(
        shown.contains(&format!(
            "<{link}|{n} VPN down &lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; **now**>"
        )),
        "{shown}"
    );
    assert!(!slack.to_string().contains("<!channel>"), "{slack}");
    let context = slack["blocks"][1]["elements"][0]["text"].as_str().unwrap();
    assert!(
        context.contains("Priority: ") && context.contains("Status: "),
        "{context}"
    );

    let teams: Value = got
        .iter()
        .map(|r| serde_json::from_str::<Value>(&r.body).unwrap())
        .find(|v| v["type"] == "message")
        .expect("a Teams message");
    let card = &teams["attachments"][0]["content"];
    assert_eq!(
        teams["attachments"][0]["contentType"],
        "application/vnd.microsoft.card.adaptive"
    );
    assert_eq!(card["type"], "AdaptiveCard");
    assert_eq!(card["body"][0]["text"], "New ticket");
    // The title is a text run, which Teams never reads as Markdown.
    assert_eq!(card["body"][1]["inlines"][0]["type"], "TextRun");
    assert_eq!(
        card["body"][1]["inlines"][0]["text"],
        format!("{n} {title}")
    );
    assert_eq!(card["body"][2]["facts"][0]["title"], "Priority");
    assert_eq!(card["actions"][0]["url"], link.as_str());
    // The event names itself in a header whatever the shape of the body.
    assert!(got.iter().all(|r| r.event == "ticket.filed"));

    // The admin reads what was sent.
    let list = body(
        admin
            .get(&format!("/webhooks/{}/deliveries", hooks[0]))
            .await,
    )
    .await;
    assert_eq!(list["items"][0]["status"], "sent");
}
