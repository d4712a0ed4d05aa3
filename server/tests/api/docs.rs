//! The curl examples in docs/api.md run against a real server with the demo data, in the order
//! they are written, and each must succeed: the documentation cannot drift from the API.

use crate::helpers::TestApp;
use serde_json::json;

fn examples(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut current = String::new();
    for line in markdown.lines() {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        let code = line.split(" # ").next().unwrap_or(line).trim_end();
        if current.is_empty() && !code.trim_start().starts_with("curl ") {
            continue;
        }
        if let Some(head) = code.strip_suffix('\\') {
            current.push_str(head);
            current.push(' ');
        } else {
            current.push_str(code);
            out.push(std::mem::take(&mut current));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_curl_example_in_the_api_docs_works() {
    let app = TestApp::spawn_with(true).await;
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/api.md"))
        .expect("docs/api.md");
    let commands = examples(&docs);
    assert!(commands.len() >= 8, "found {} examples", commands.len());
    let r = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .json(&json!({"email": "coordinator@example.org", "password": app::server::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let token = crate::wire::parse::<crate::wire::IssuedToken>(r)
        .await
        .token;
    // Admins' examples (webhooks) use $ADMIN_TOKEN.
    let r = app
        .client
        .post(app.url("/api/v1/auth/token"))
        .json(&json!({"email": "admin@example.org", "password": app::server::demo::DEMO_PASSWORD}))
        .send()
        .await
        .unwrap();
    let admin_token = crate::wire::parse::<crate::wire::IssuedToken>(r)
        .await
        .token;
    for command in commands {
        let command = command
            .replace("http://127.0.0.1:3000", &app.base)
            .replacen("curl -s ", "curl -sS --max-time 60 --fail-with-body ", 1);
        let output = tokio::process::Command::new("bash")
            .arg("-c")
            .arg(&command)
            .env("TOKEN", &token)
            .env("ADMIN_TOKEN", &admin_token)
            .output()
            .await
            .expect("curl runs");
        assert!(
            output.status.success(),
            "example failed: {command}\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The API describes itself (OpenAPI 3.1) to anyone, and its reference page shows every
/// operation of that description, in the reader's language, running nothing.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_describes_itself_and_the_reference_shows_every_operation() {
    let app = TestApp::spawn().await;
    let r = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    let api: serde_json::Value = r.json().await.unwrap();
    assert_eq!(api["openapi"], "3.1.0");
    let paths = api["paths"].as_object().unwrap();
    for path in [
        "/api/v1/tickets",
        "/api/v1/tickets/{number}",
        "/api/v1/tickets/bulk",
        "/api/v1/webhooks",
        "/api/v1/openapi.json",
    ] {
        assert!(paths.contains_key(path), "{path} is not described");
    }
    // The ticket the API answers is the schema it describes, field for field.
    let described: Vec<&str> = api["components"]["schemas"]["TicketView"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let coordinator = app
        .api_user("coordinator@example.org", app::domain::Role::Coordinator)
        .await;
    let filed: serde_json::Value = coordinator
        .post("/tickets", json!({"title": "Printer jammed", "description": "Paper stuck", "category": "other", "impact": "low", "urgency": "low"}))
        .await
        .json()
        .await
        .unwrap();
    let answered: Vec<&str> = filed
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(answered, described);

    let r = app
        .client
        .get(app.url("/api/docs"))
        .header("accept-language", "de-DE,de;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let policy = r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        policy.contains("default-src 'none'") && !policy.contains("script"),
        "{policy}"
    );
    let page = r.text().await.unwrap();
    assert!(page.contains("<html lang=\"de\">"));
    assert!(page.contains("Switchboard REST-API-Referenz"));
    assert!(!page.contains("<script"));
    let operations: usize = paths
        .values()
        .map(|item| item.as_object().unwrap().len())
        .sum();
    assert_eq!(page.matches("<article id=\"op-").count(), operations);
    let r = app
        .client
        .get(app.url("/api/docs.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
}
