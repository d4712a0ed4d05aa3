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

#[tokio::test]
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
            .replacen("curl -s ", "curl -sS --fail-with-body ", 1);
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
