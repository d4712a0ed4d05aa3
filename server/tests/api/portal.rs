//! The requester's side: rating the help, and private tracking links that show one ticket's
//! public side to someone without an account.

use crate::helpers::{Session, TestApp};
use crate::smtp_sink::SmtpSink;
use app::domain::{Role, TicketNumber};
use app::types::TicketDetail;
use serde_json::json;

/// Rita's printer ticket, resolved by Tina with a public and an internal note: its number.
async fn resolved(app: &TestApp) -> String {
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let t = rita.file("Printer offline").await;
    let n = t.number;
    let path = format!("/tickets/{n}");
    carla
        .patch(&path, Some(1), json!({"assignee": "tina@example.org"}))
        .await;
    tina.patch(&path, Some(2), json!({"status": "in_progress"}))
        .await;
    tina.post(
        &format!("{path}/notes"),
        json!({"body": "Supplier contract 4471, ask for Jim", "visibility": "internal"}),
    )
    .await;
    tina.post(
        &format!("{path}/notes"),
        json!({"body": "Driver reinstalled", "visibility": "public"}),
    )
    .await;
    let version = tina.ticket(&n).await.version;
    let r = tina
        .patch(
            &path,
            Some(version),
            json!({"status": "resolved", "resolution": "Reinstalled the driver"}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    assert_eq!(rita.ticket(&n).await.status, "resolved");
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_requester_rates_a_resolved_ticket_and_nobody_else_can() {
    let app = TestApp::spawn().await;
    let n = resolved(&app).await;
    app.user("paul@example.org", Role::Requester).await;
    let rita = Session::new(&app, Some("rita@example.org")).await;
    let paul = Session::new(&app, Some("paul@example.org")).await;
    let tina = Session::new(&app, Some("tina@example.org")).await;
    let rate = |score: &'static str| {
        vec![
            ("number", n.clone()),
            ("score", score.to_string()),
            ("comment", "Quick and friendly".to_string()),
        ]
    };
    let form = |v: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { v.clone() };
    let call = |s: &Session, v: Vec<(&'static str, String)>| {
        let pairs: Vec<(String, String)> = v.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        let client = s.client.clone();
        let url = format!("{}/api/rate_ticket", s.base);
        async move {
            let r = client
                .post(url)
                .header("accept", "application/json")
                .form(&pairs)
                .send()
                .await
                .unwrap();
            (r.status().as_u16(), r.text().await.unwrap())
        }
    };
    assert_eq!(
        call(&paul, form(&rate("5"))).await.0,
        404,
        "another requester sees nothing"
    );
    assert_eq!(
        call(&tina, form(&rate("5"))).await.0,
        403,
        "only the requester rates"
    );
    let (status, text) = call(&rita, form(&rate("7"))).await;
    assert_eq!(status, 422);
    assert!(text.contains("score"), "{text}");
    let (status, text) = call(&rita, form(&rate("4"))).await;
    assert_eq!(status, 200, "{text}");
    let (_, detail) = tina
        .call("get_ticket_detail", &[("number", n.as_str())])
        .await;
    let detail: TicketDetail = serde_json::from_str(&detail).unwrap();
    let rating = detail.rating.expect("a rating");
    assert_eq!(rating.score, 4);
    assert_eq!(rating.comment.as_deref(), Some("Quick and friendly"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_tracking_link_shows_one_tickets_public_side_until_revoked() {
    let app = TestApp::spawn().await;
    let n = resolved(&app).await;
    app.user("paul@example.org", Role::Requester).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let rita = Session::new(&app, Some("rita@example.org")).await;
    let paul = Session::new(&app, Some("paul@example.org")).await;
    let nobody = Session::new(&app, None).await;

    assert_eq!(
        rita.call("create_tracking_link", &[("number", &n)]).await.0,
        403
    );
    assert_eq!(
        paul.call("create_tracking_link", &[("number", &n)]).await.0,
        404
    );
    let (status, url) = carla.call("create_tracking_link", &[("number", &n)]).await;
    assert_eq!(status, 200);
    let url: String = serde_json::from_str(&url).unwrap();
    let token = url.rsplit('/').next().unwrap().to_string();
    assert_eq!(token.len(), 64);

    let (status, text) = nobody.call("tracked_ticket", &[("token", &token)]).await;
    assert_eq!(status, 200, "{text}");
    let d: TicketDetail = serde_json::from_str(&text).unwrap();
    assert_eq!(Some(d.ticket.number), TicketNumber::parse(&n));
    assert!(d.tracking_view);
    assert!(!text.contains("Supplier contract"), "no internal notes");
    assert!(text.contains("Driver reinstalled"));
    assert!(!text.contains("@example.org"), "no addresses: {text}");
    assert!(d.actions.is_empty());
    // The page renders for someone who is not signed in.
    let page = reqwest::get(format!("{}/track/{token}", app.base))
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Printer offline"));
    assert!(!html.contains("Supplier contract"));

    // A guessed or malformed token reveals nothing; neither does a revoked one.
    let guess = "0".repeat(64);
    assert_eq!(
        nobody.call("tracked_ticket", &[("token", &guess)]).await.0,
        404
    );
    assert_eq!(
        nobody
            .call("tracked_ticket", &[("token", "' OR 1=1 --")])
            .await
            .0,
        404
    );
    let (_, d) = carla.call("get_ticket_detail", &[("number", &n)]).await;
    let d: TicketDetail = serde_json::from_str(&d).unwrap();
    let link = d.tracking_links[0].id.to_string();
    assert_eq!(
        paul.call("revoke_tracking_link", &[("number", &n), ("link", &link)])
            .await
            .0,
        404
    );
    assert_eq!(
        carla
            .call("revoke_tracking_link", &[("number", &n), ("link", &link)])
            .await
            .0,
        200
    );
    assert_eq!(
        nobody.call("tracked_ticket", &[("token", &token)]).await.0,
        404
    );
    // The link opens nothing through the API either.
    let r = app
        .client
        .get(format!("{}/api/v1/tickets/{n}", app.base))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_phone_request_for_someone_without_an_account_sends_them_a_private_link() {
    let sink = SmtpSink::start().await;
    let port = sink.addr.port();
    let app = TestApp::spawn_configured(false, |c| {
        c.smtp_host = Some("127.0.0.1".into());
        c.smtp_port = port;
        c.smtp_security = "none".into();
        c.mail_interval_secs = 3600;
        c.public_url = "https://help.example.org".into();
    })
    .await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let r = carla
        .post(
            "/tickets",
            json!({"title": "Desk phone dead", "description": "Called in", "category": "other", "impact": "low", "urgency": "high", "requester_email": "walter@example.org", "requester_name": "Walter Walk-in", "channel": "phone"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    app::server::mail::deliver_due(&app.state).await.unwrap();
    let mail = sink.to("walter@example.org");
    assert_eq!(mail.len(), 1);
    let data = mail[0].data.replace("=\n", "");
    let start = data
        .find("https://help.example.org/track/")
        .expect("a private link");
    let token: String = data[start + 31..].chars().take(64).collect();
    let nobody = Session::new(&app, None).await;
    let (status, text) = nobody.call("tracked_ticket", &[("token", &token)]).await;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("Desk phone dead"));
}
