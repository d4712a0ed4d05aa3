use crate::helpers::{TestApp, PASSWORD};
use app::domain::Role;
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tokens_are_issued_checked_and_revoked() {
    let app = TestApp::spawn().await;
    app.user("rita@example.org", Role::Requester).await;
    let bad = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .json(&json!({"email": "rita@example.org", "password": "nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 401);
    let unknown = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .json(&json!({"email": "ghost@example.org", "password": "nope"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 401);
    assert_eq!(
        bad.text().await.unwrap(),
        unknown.text().await.unwrap(),
        "no hint whether the email exists"
    );
    let token = app.token("rita@example.org").await;
    let ok = app
        .client
        .get(app.url("/api/v1/categories"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 200);
    let r = app
        .client
        .delete(app.url("/api/v1/auth/token"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 204);
    let after = app
        .client
        .get(app.url("/api/v1/categories"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_are_slowed_down_with_retry_after() {
    let app = TestApp::spawn().await;
    app.user("rita@example.org", Role::Requester).await;
    let mut last = None;
    for _ in 0..7 {
        let r = app
            .client
            .post(app.url("/api/v1/auth/token"))
            .json(&json!({"email": "rita@example.org", "password": "guess"}))
            .send()
            .await
            .unwrap();
        last = Some(r);
    }
    let r = last.unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().get("retry-after").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_sets_an_httponly_samesite_cookie_and_sign_out_ends_the_session() {
    let app = TestApp::spawn().await;
    app.user("rita@example.org", Role::Requester).await;
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = client
        .post(app.url("/api/sign_in"))
        .header("accept", "application/json")
        .form(&[("email", "rita@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("sb_session="))
        .expect("session cookie");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let me = client
        .post(app.url("/api/current_user"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert!(me.text().await.unwrap().contains("rita@example.org"));
    client
        .post(app.url("/api/sign_out"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    let me = client
        .post(app.url("/api/current_user"))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    assert_eq!(me.text().await.unwrap(), "null");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_state_changes_are_refused() {
    let app = TestApp::spawn().await;
    app.user("rita@example.org", Role::Requester).await;
    let r = app
        .client
        .post(app.url("/api/sign_in"))
        .header("origin", "https://evil.example")
        .form(&[("email", "rita@example.org"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.headers().get("set-cookie").is_none());
    let r = app
        .client
        .post(app.url("/api/sign_in"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("email", "a@b.c")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

/// Failed sign-ins from `forwarded` (as X-Forwarded-For) for `n` different unknown accounts:
/// the status of the last attempt.
async fn failures_from(app: &TestApp, forwarded: &str, n: usize, tag: &str) -> u16 {
    let mut last = 0;
    for i in 0..n {
        let r = app
            .client
            .post(app.url("/api/v1/auth/token"))
            .header("x-forwarded-for", forwarded)
            .json(&json!({"email": format!("{tag}{i}@example.org"), "password": "guess"}))
            .send()
            .await
            .unwrap();
        last = r.status().as_u16();
    }
    last
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn behind_a_trusted_proxy_each_client_is_throttled_by_its_own_address() {
    let app = TestApp::spawn_configured(false, |c| c.trusted_proxies = "127.0.0.1".into()).await;
    // One client guessing many accounts is slowed down…
    assert_eq!(failures_from(&app, "203.0.113.5", 31, "a").await, 429);
    // …while another client behind the same proxy signs in as usual.
    assert_eq!(failures_from(&app, "203.0.113.6", 1, "b").await, 401);
    // A client cannot pick its address by sending the header itself: the proxy appends the
    // address it saw, and that is the one counted.
    assert_eq!(
        failures_from(&app, "198.51.100.1, 203.0.113.5", 1, "c").await,
        429
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_trusted_proxy_x_forwarded_for_is_ignored() {
    let app = TestApp::spawn().await;
    let mut last = 0;
    for i in 0..31 {
        last = failures_from(&app, &format!("198.51.100.{i}"), 1, &format!("d{i}-")).await;
    }
    assert_eq!(last, 429, "every attempt counted against the real address");
}
