//! The knowledge base and past fixes: who reads which article through every path (list,
//! search, single view, suggestions, API), Markdown that cannot run, kept history, and resolved
//! tickets found by the words of their resolution.

use crate::helpers::{body, Api, Session, TestApp};
use crate::wire::error;
use app::domain::Role;
use app::types::{ArticlePage, ArticleSummary, KnownAnswers};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// An article written by `author` over the API; answers its id.
async fn write(author: &Api, title: &str, text: &str, audience: &str) -> i64 {
    let r = author
        .post(
            "/articles",
            json!({"title": title, "body": text, "audience": audience, "tags": "vpn, remote"}),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    body(r).await["id"].as_i64().unwrap()
}

async fn put(api: &Api, id: i64, version: i64, fields: Value) -> reqwest::Response {
    api.client
        .put(format!("{}/api/v1/articles/{id}", api.base))
        .bearer_auth(&api.token)
        .header("If-Match", format!("\"{version}\""))
        .json(&fields)
        .send()
        .await
        .unwrap()
}

/// Publishes an article as a coordinator.
async fn publish(carla: &Api, id: i64) {
    let a = body(carla.get(&format!("/articles/{id}")).await).await;
    let mut fields = json!({"title": a["title"], "body": a["body"], "audience": a["audience"], "state": "published"});
    fields["tags"] = json!(a["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect::<Vec<_>>()
        .join(","));
    let r = put(carla, id, a["version"].as_i64().unwrap(), fields).await;
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
}

fn ids(items: &Value) -> Vec<i64> {
    items["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_only_articles_and_drafts_never_reach_requesters() {
    let app = TestApp::spawn().await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let public = write(
        &tina,
        "VPN on a hotel network",
        "Choose the **TCP** profile.",
        "everyone",
    )
    .await;
    let internal = write(
        &tina,
        "VPN gateway restart",
        "Restart the concentrator at 02:00.",
        "staff",
    )
    .await;
    let draft = write(&tina, "VPN client for Linux", "Not ready yet.", "everyone").await;
    publish(&carla, public).await;
    publish(&carla, internal).await;

    // The requester: lists and searches over the API, and reads one by id.
    let all = body(rita.get("/articles").await).await;
    assert_eq!(ids(&all), [public]);
    let found = body(rita.get("/articles?q=vpn").await).await;
    assert_eq!(ids(&found), [public]);
    for hidden in [internal, draft] {
        let r = rita.get(&format!("/articles/{hidden}")).await;
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    assert_eq!(
        rita.get("/articles/999999").await.status(),
        StatusCode::NOT_FOUND
    );
    // Outside IT, the owner's address stays with IT.
    let one = body(rita.get(&format!("/articles/{public}")).await).await;
    assert_eq!(one["owner"]["email"], "");
    // Staff read all three.
    let mut staff = ids(&body(tina.get("/articles?q=vpn").await).await);
    staff.sort();
    assert_eq!(staff, [public, internal, draft]);

    // The same through the pages' server functions, with and without an account.
    app.user("paul@example.org", Role::Requester).await;
    let paul = Session::new(&app, Some("paul@example.org")).await;
    let nobody = Session::new(&app, None).await;
    for reader in [&paul, &nobody] {
        let (status, text) = reader.call("articles", &[("query", "gateway vpn")]).await;
        assert_eq!(status, 200, "{text}");
        let list: Vec<ArticleSummary> = serde_json::from_str(&text).unwrap();
        assert_eq!(list.iter().map(|a| a.id).collect::<Vec<_>>(), [public]);
        for hidden in [internal, draft] {
            let (status, _) = reader
                .call("read_article", &[("id", &hidden.to_string())])
                .await;
            assert_eq!(status, 404);
        }
        let page = nobody.page("/help").await;
        assert!(page.contains("VPN on a hotel network"));
        assert!(!page.contains("VPN gateway restart"));
    }
    // Suggestions while filing: only what everyone may read.
    let (status, text) = paul
        .call(
            "request_answers",
            &[("title", "VPN broken"), ("description", "")],
        )
        .await;
    assert_eq!(status, 200, "{text}");
    let answers: KnownAnswers = serde_json::from_str(&text).unwrap();
    assert_eq!(
        answers.articles.iter().map(|a| a.id).collect::<Vec<_>>(),
        [public]
    );

    // Opening an offered answer is counted; one followed by no request is a request avoided.
    let r = paul
        .client
        .get(app.url(&format!("/help/open/article/{public}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], format!("/help/{public}"));
    // Hidden articles are not counted (and their page answers "not found").
    paul.client
        .get(app.url(&format!("/help/open/article/{internal}")))
        .send()
        .await
        .unwrap();
    let day = chrono::Duration::days(1);
    let now = chrono::Utc::now();
    assert_eq!(
        app.state
            .db
            .answer_opens(now - day, now + day)
            .await
            .unwrap(),
        (1, 1)
    );
    let paul_api = crate::helpers::Api {
        token: app.token("paul@example.org").await,
        ..rita.clone()
    };
    paul_api.file("VPN still broken").await;
    assert_eq!(
        app.state
            .db
            .answer_opens(now - day, now + day)
            .await
            .unwrap(),
        (1, 0)
    );

    // Requesters write nothing, technicians publish nothing.
    let r = rita
        .post("/articles", json!({"title": "Mine", "body": "Text"}))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let a = body(tina.get(&format!("/articles/{draft}")).await).await;
    let r = put(
        &tina,
        draft,
        a["version"].as_i64().unwrap(),
        json!({"title": "VPN client for Linux", "body": "Ready.", "state": "published"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body(r).await["error"]["fields"]["state"].is_string());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn markdown_comes_out_clean() {
    let app = TestApp::spawn().await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let hostile = "# Fix\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2)) \
                   <img src=x onerror=alert(3)> <a href=\"https://example.org\" onclick=\"alert(4)\">ok</a>\n\n\
                   <iframe src=\"https://evil.example\"></iframe> <style>body{display:none}</style>\n\n\
                   **bold** and [docs](https://docs.example.org)";
    let id = write(&carla, "Hostile", hostile, "everyone").await;
    let a = body(carla.get(&format!("/articles/{id}")).await).await;
    let html = a["html"].as_str().unwrap().to_lowercase();
    for bad in [
        "<script",
        "javascript:",
        "onerror",
        "onclick",
        "<iframe",
        "<style",
        "alert(1)",
    ] {
        assert!(!html.contains(bad), "{bad} in {html}");
    }
    assert!(html.contains("<strong>bold</strong>"), "{html}");
    assert!(html.contains("href=\"https://docs.example.org\""), "{html}");
    assert!(html.contains("rel=\"noopener noreferrer\""), "{html}");
    // The Markdown itself is kept as written, for the next edit.
    assert_eq!(a["body"].as_str().unwrap(), hostile);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_edit_is_kept_and_a_stale_one_is_refused() {
    let app = TestApp::spawn().await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let id = write(
        &tina,
        "Reset a password",
        "Use the self-service page.",
        "everyone",
    )
    .await;
    let r = put(&carla, id, 1, json!({"title": "Reset your password", "body": "Open https://id.example.org.", "state": "published"})).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["etag"], "\"2\"");
    // Someone still at version 1 is told, not overwritten.
    let r = put(&tina, id, 1, json!({"title": "Old", "body": "Old"})).await;
    assert_eq!(r.status(), StatusCode::PRECONDITION_FAILED);
    let r = put(&tina, id, 2, json!({"title": "Reset your password", "body": "Open https://id.example.org and follow the steps."})).await;
    assert_eq!(r.status(), StatusCode::OK);
    let a = body(r).await;
    // A technician's edit keeps what a coordinator published.
    assert_eq!(a["state"], "published");
    assert_eq!(a["version"], 3);

    let staff = Session::new(&app, Some("tina@example.org")).await;
    let (status, text) = staff.call("read_article", &[("id", &id.to_string())]).await;
    assert_eq!(status, 200, "{text}");
    let page: ArticlePage = serde_json::from_str(&text).unwrap();
    let history: Vec<(i64, &str, &str)> = page
        .revisions
        .iter()
        .map(|r| (r.version, r.title.as_str(), r.edited_by.as_str()))
        .collect();
    assert_eq!(
        history,
        [
            (3, "Reset your password", "tina"),
            (2, "Reset your password", "carla"),
            (1, "Reset a password", "tina"),
        ]
    );
    // Readers outside IT get no history, and answer "did this help?" once each.
    app.user("rita@example.org", Role::Requester).await;
    let rita = Session::new(&app, Some("rita@example.org")).await;
    let (_, text) = rita.call("read_article", &[("id", &id.to_string())]).await;
    let page: ArticlePage = serde_json::from_str(&text).unwrap();
    assert!(page.revisions.is_empty());
    assert!(!page.can_edit);
    for helped in ["no", "yes", "yes"] {
        let (status, _) = rita
            .call(
                "answer_article",
                &[("id", &id.to_string()), ("helped", helped)],
            )
            .await;
        assert_eq!(status, 200);
    }
    let (status, _) = rita
        .call(
            "answer_article",
            &[("id", &id.to_string()), ("helped", "maybe")],
        )
        .await;
    assert_eq!(status, 400);
    let a = body(carla.get(&format!("/articles/{id}")).await).await;
    assert_eq!(
        (a["helped"].as_i64(), a["not_helped"].as_i64()),
        (Some(1), Some(0))
    );
    assert!(a["views"].as_i64().unwrap() >= 2);
    // Reports count them.
    let report = body(carla.get("/reports").await).await;
    let table = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "knowledge")
        .expect("a knowledge table")
        .clone();
    let count = |label: &str| {
        table["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["label"] == label)
            .map(|r| r["cells"][0]["Count"].clone())
    };
    assert_eq!(count("Published articles"), Some(json!(1)));
    assert_eq!(count("“It helped”"), Some(json!(1)));
    assert_eq!(count("“It did not help”"), Some(json!(0)));
}

/// Files a ticket as `who`, given to Tina by Carla and resolved by her with `resolution`;
/// answers its number.
async fn solved(people: (&Api, &Api, &Api), title: &str, text: &str, resolution: &str) -> String {
    let (who, carla, tina) = people;
    let r = who
        .post(
            "/tickets",
            json!({"title": title, "description": text, "category": "other", "impact": "low", "urgency": "low"}),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    let n = body(r).await["number"].as_str().unwrap().to_string();
    let path = format!("/tickets/{n}");
    carla
        .patch(&path, Some(1), json!({"assignee": "tina@example.org"}))
        .await;
    tina.patch(&path, Some(2), json!({"status": "in_progress"}))
        .await;
    let r = tina
        .patch(
            &path,
            Some(3),
            json!({"status": "resolved", "resolution": resolution}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    n
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_fixes_are_found_by_the_words_of_their_resolution() {
    let app = TestApp::spawn().await;
    let tina_api = app.api_user("tina@example.org", Role::Technician).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let paul = app.api_user("paul@example.org", Role::Requester).await;
    let fixed = solved(
        (&rita, &carla, &tina_api),
        "Cannot print",
        "Rita here (rita@example.org, +49 30 1234567): nothing comes out",
        "Cleared the spooler queue and reinstalled the Kyocera driver.",
    )
    .await;
    let other = solved(
        (&paul, &carla, &tina_api),
        "Mouse sticky",
        "Cursor jumps",
        "Cleaned the sensor.",
    )
    .await;

    // The search finds a ticket by its resolution.
    let list = body(carla.get("/tickets?q=spooler").await).await;
    let numbers: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, [fixed.as_str()]);

    // A new ticket about the same printer: Tina sees the earlier fix beside it, stems and all.
    let new = rita
        .post(
            "/tickets",
            json!({"title": "Kyocera printers not printing", "description": "The spooler hangs again", "category": "other", "impact": "low", "urgency": "low"}),
        )
        .await;
    let new = body(new).await["number"].as_str().unwrap().to_string();
    carla
        .patch(
            &format!("/tickets/{new}"),
            Some(1),
            json!({"assignee": "tina@example.org"}),
        )
        .await;
    let tina = Session::new(&app, Some("tina@example.org")).await;
    let (status, text) = tina.call("ticket_answers", &[("number", &new)]).await;
    assert_eq!(status, 200, "{text}");
    let answers: KnownAnswers = serde_json::from_str(&text).unwrap();
    let found: Vec<String> = answers.fixes.iter().map(|f| f.number.to_string()).collect();
    assert_eq!(found, [fixed.as_str()]);
    let fix = &answers.fixes[0];
    assert!(fix.resolution.contains("Kyocera driver"));
    assert_eq!(fix.fixed_by.as_deref(), Some("tina"));
    assert!(fix.open, "Tina resolved it, so she may open it");
    assert!(!found.contains(&other));

    // Another technician reads the same fix beside a ticket of theirs, but may not open the
    // ticket it came from: its number is not offered as a link.
    app.api_user("theo@example.org", Role::Technician).await;
    let again = rita
        .post(
            "/tickets",
            json!({"title": "Kyocera spooler stuck", "description": "Nothing prints", "category": "other", "impact": "low", "urgency": "low"}),
        )
        .await;
    let again = body(again).await["number"].as_str().unwrap().to_string();
    carla
        .patch(
            &format!("/tickets/{again}"),
            Some(1),
            json!({"assignee": "theo@example.org"}),
        )
        .await;
    let theo = Session::new(&app, Some("theo@example.org")).await;
    let (status, text) = theo.call("ticket_answers", &[("number", &again)]).await;
    assert_eq!(status, 200, "{text}");
    let answers: KnownAnswers = serde_json::from_str(&text).unwrap();
    let fix = answers
        .fixes
        .iter()
        .find(|f| f.number.to_string() == fixed)
        .expect("Theo reads the earlier fix");
    assert!(fix.resolution.contains("Kyocera driver"));
    assert!(!fix.open, "Theo has no part in Tina's ticket");

    // Requesters get no staff suggestions, and their own suggestions hold only their tickets.
    let rita_page = Session::new(&app, Some("rita@example.org")).await;
    let (status, _) = rita_page.call("ticket_answers", &[("number", &new)]).await;
    assert_eq!(status, 403);
    let paul_page = Session::new(&app, Some("paul@example.org")).await;
    let (_, text) = paul_page
        .call(
            "request_answers",
            &[("title", "printer spooler"), ("description", "Kyocera")],
        )
        .await;
    let answers: KnownAnswers = serde_json::from_str(&text).unwrap();
    assert!(answers.fixes.is_empty(), "{answers:?}");
    let (_, text) = rita_page
        .call(
            "request_answers",
            &[("title", "printer spooler"), ("description", "Kyocera")],
        )
        .await;
    let answers: KnownAnswers = serde_json::from_str(&text).unwrap();
    assert_eq!(answers.fixes.len(), 1);

    // "Turn into an article": prefilled, without the requester's details.
    let (status, text) = tina
        .call("article_from_ticket", &[("number", &fixed)])
        .await;
    assert_eq!(status, 200, "{text}");
    let draft: app::domain::knowledge::ArticleDraft = serde_json::from_str(&text).unwrap();
    assert!(draft.body.contains("reinstalled the Kyocera driver"));
    assert!(draft.body.contains("nothing comes out"), "{}", draft.body);
    for personal in ["rita", "Rita", "1234567"] {
        assert!(!draft.body.contains(personal), "{}", draft.body);
    }
    assert_eq!(draft.source_ticket, fixed);
    let (status, _) = tina.call("article_from_ticket", &[("number", &new)]).await;
    assert_eq!(status, 422, "an open ticket has no solution yet");
    // The page started from it says why, rather than asking to correct fields it does not show.
    let (status, page) = tina.load(&format!("/help/new?from={new}")).await;
    assert_eq!(status, 422, "the page's status says it as well");
    assert!(
        page.contains("Only a resolved ticket can become an article."),
        "{page}"
    );
    assert!(!page.contains("highlighted fields"), "{page}");
    // Saving does not ask again (docs/api.md): a ticket reopened between the draft and saving is
    // still where the article came from. One the writer may not open is refused at the field.
    let r = tina_api
        .post(
            "/articles",
            json!({"title": "Kyocera spooler", "body": "Clear the queue.", "audience": "staff", "source_ticket": new}),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    let r = tina_api
        .post(
            "/articles",
            json!({"title": "Kyocera spooler", "body": "Clear the queue.", "audience": "staff", "source_ticket": "SB-99999"}),
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(error(r).await.fields.contains_key("source_ticket"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_resolved_after_an_inserted_fix_counts_in_the_reports() {
    let app = TestApp::spawn().await;
    let tina_api = app.api_user("tina@example.org", Role::Technician).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let rita_api = app.api_user("rita@example.org", Role::Requester).await;
    let fixed = solved(
        (&rita_api, &carla, &tina_api),
        "Cannot print",
        "Nothing comes out",
        "Cleared the spooler queue.",
    )
    .await;
    let fixed_id = app::domain::TicketNumber::parse(&fixed).unwrap().id();
    let again = rita_api.file("Printer hangs again").await.number;
    let without = rita_api.file("Mouse sticky").await.number;
    for n in [&again, &without] {
        carla
            .patch(
                &format!("/tickets/{n}"),
                Some(1),
                json!({"assignee": "tina@example.org"}),
            )
            .await;
    }
    // Tina inserts the earlier fix (the page sends what was inserted with the note); a bogus
    // id and a requester's claim count for nothing.
    let tina = Session::new(&app, Some("tina@example.org")).await;
    let reused = format!("ticket:{fixed_id} article:999999 ticket:-3 <script>");
    let (status, text) = tina
        .call(
            "add_note",
            &[
                ("number", &again),
                ("body", "Cleared the spooler queue."),
                ("internal", "on"),
                ("reused", &reused),
            ],
        )
        .await;
    assert_eq!(status, 200, "{text}");
    let rita = Session::new(&app, Some("rita@example.org")).await;
    let claim = format!("ticket:{fixed_id}");
    let (status, text) = rita
        .call(
            "add_note",
            &[("number", &without), ("body", "Thanks"), ("reused", &claim)],
        )
        .await;
    assert_eq!(status, 200, "{text}");
    for n in [&again, &without] {
        let path = format!("/tickets/{n}");
        let version = tina_api.ticket(n).await.version;
        let r = tina_api
            .patch(&path, Some(version), json!({"status": "in_progress"}))
            .await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
        let r = tina_api
            .patch(
                &path,
                Some(version + 1),
                json!({"status": "resolved", "resolution": "Cleared the spooler queue."}),
            )
            .await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    }
    let report = body(carla.get("/reports").await).await;
    let table = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "knowledge")
        .expect("a knowledge table")
        .clone();
    let reused = table["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["label"] == "Resolved with an inserted fix or article")
        .map(|r| r["cells"][0]["Count"].clone());
    assert_eq!(reused, Some(json!(1)));
}
