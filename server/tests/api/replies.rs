//! Canned replies: who keeps and reads which (personal, shared by coordinators, nothing for
//! requesters or for a guessed id), the checks at the field, and a ticket's note box offered
//! each reply once, in its requester's language, with the placeholders filled.

use crate::helpers::{Session, TestApp};
use app::domain::replies::{CannedReply, ReplyChoice};
use app::domain::Role;
use serde_json::json;

/// Saves a reply through the page's server function; answers the status and the text.
async fn save(who: &Session, fields: &[(&str, &str)]) -> (u16, String) {
    who.call("save_canned_reply", fields).await
}

async fn saved(
    who: &Session,
    shortcut: &str,
    language: &str,
    text: &str,
    scope: &str,
) -> CannedReply {
    let (status, text) = save(
        who,
        &[
            ("draft[shortcut]", shortcut),
            ("draft[language]", language),
            ("draft[body]", text),
            ("draft[scope]", scope),
        ],
    )
    .await;
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

/// Calls a server function with owned fields; answers the status.
async fn call(who: &Session, endpoint: &str, fields: Vec<(String, String)>) -> u16 {
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    who.call(endpoint, &borrowed).await.0
}

async fn offered(who: &Session, number: &str) -> Vec<ReplyChoice> {
    let (status, text) = who.call("ticket_replies", &[("number", number)]).await;
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn list(who: &Session) -> Vec<CannedReply> {
    let (status, text) = who.call("canned_replies", &[]).await;
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_are_personal_or_shared_and_nobody_else_reads_them() {
    let app = TestApp::spawn().await;
    app.user("carla@example.org", Role::Coordinator).await;
    app.user("tina@example.org", Role::Technician).await;
    app.user("tom@example.org", Role::Technician).await;
    app.user("rita@example.org", Role::Requester).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let tina = Session::new(&app, Some("tina@example.org")).await;
    let tom = Session::new(&app, Some("tom@example.org")).await;
    let rita = Session::new(&app, Some("rita@example.org")).await;

    let mine = saved(
        &tina,
        "::Restart",
        "en",
        "Please restart, {first_name}.",
        "",
    )
    .await;
    assert_eq!(
        (mine.shortcut.as_str(), mine.shared, mine.editable),
        ("restart", false, true)
    );
    let shared = saved(
        &carla,
        "vpn",
        "de",
        "Bitte das VPN neu verbinden.",
        "shared",
    )
    .await;
    assert!(shared.shared && shared.editable);

    // A technician shares nothing; the field says why.
    let (status, text) = save(
        &tina,
        &[
            ("draft[shortcut]", "vpn"),
            ("draft[language]", "en"),
            ("draft[body]", "x"),
            ("draft[scope]", "shared"),
        ],
    )
    .await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("err-reply-only-coordinators-share"), "{text}");

    // Each sees their own and the shared ones; only a coordinator may change a shared one.
    let seen = |replies: Vec<CannedReply>| -> Vec<(i64, bool)> {
        replies.iter().map(|r| (r.id, r.editable)).collect()
    };
    assert_eq!(
        seen(list(&tina).await),
        [(mine.id, true), (shared.id, false)]
    );
    assert_eq!(seen(list(&tom).await), [(shared.id, false)]);
    assert_eq!(seen(list(&carla).await), [(shared.id, true)]);

    // Someone else's personal reply is not found; a shared one is not a technician's to change.
    let edit = |id: i64, version: i64| {
        vec![
            ("id".to_string(), id.to_string()),
            ("version".to_string(), version.to_string()),
            ("draft[shortcut]".to_string(), "hijack".to_string()),
            ("draft[language]".to_string(), "en".to_string()),
            ("draft[body]".to_string(), "mine now".to_string()),
        ]
    };
    assert_eq!(call(&tom, "save_canned_reply", edit(mine.id, 1)).await, 404);
    assert_eq!(
        call(&carla, "save_canned_reply", edit(mine.id, 1)).await,
        404
    );
    assert_eq!(
        call(&tina, "save_canned_reply", edit(shared.id, 1)).await,
        403
    );
    assert_eq!(
        call(&tina, "save_canned_reply", edit(999_999, 1)).await,
        404
    );
    let delete = |id: i64| vec![("id".to_string(), id.to_string())];
    assert_eq!(
        call(&tom, "delete_canned_reply", delete(mine.id)).await,
        404
    );
    assert_eq!(
        call(&tina, "delete_canned_reply", delete(shared.id)).await,
        403
    );
    // Requesters have none and read none.
    assert_eq!(rita.call("canned_replies", &[]).await.0, 403);
    assert_eq!(
        call(&rita, "delete_canned_reply", delete(shared.id)).await,
        403
    );
    let nobody = Session::new(&app, None).await;
    assert_eq!(nobody.call("canned_replies", &[]).await.0, 401);

    // A stale change is refused; a current one counts up the version.
    assert_eq!(
        call(&tina, "save_canned_reply", edit(mine.id, 7)).await,
        409
    );
    assert_eq!(
        call(&tina, "save_canned_reply", edit(mine.id, 1)).await,
        200
    );
    let changed = list(&tina).await;
    let changed = changed.iter().find(|r| r.id == mine.id).unwrap();
    assert_eq!((changed.shortcut.as_str(), changed.version), ("hijack", 2));
    // The owner deletes their own.
    assert_eq!(
        call(&tina, "delete_canned_reply", delete(mine.id)).await,
        200
    );
    assert_eq!(seen(list(&tina).await), [(shared.id, false)]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_replies_are_refused_at_the_field() {
    let app = TestApp::spawn().await;
    app.user("tina@example.org", Role::Technician).await;
    let tina = Session::new(&app, Some("tina@example.org")).await;
    saved(&tina, "thanks", "it", "Grazie!", "mine").await;
    let long = "x".repeat(5_001);
    for (shortcut, language, text, field, key) in [
        ("", "en", "text", "shortcut", "err-reply-shortcut-empty"),
        ("two words", "en", "text", "shortcut", "err-reply-shortcut"),
        ("<script>", "en", "text", "shortcut", "err-reply-shortcut"),
        (
            "x'; DROP TABLE canned_replies;--",
            "en",
            "text",
            "shortcut",
            "err-reply-shortcut",
        ),
        ("ok", "fr", "text", "language", "err-reply-language"),
        ("ok", "en", "   ", "body", "err-reply-body-empty"),
        ("ok", "en", long.as_str(), "body", "err-reply-body-too-long"),
        (
            "ok",
            "en",
            "Hi {frist_name}",
            "body",
            "err-reply-placeholder",
        ),
        (
            "thanks",
            "it",
            "Grazie mille!",
            "shortcut",
            "err-reply-taken",
        ),
    ] {
        let (status, answer) = save(
            &tina,
            &[
                ("draft[shortcut]", shortcut),
                ("draft[language]", language),
                ("draft[body]", text),
            ],
        )
        .await;
        assert_eq!(status, 422, "{shortcut} {language}: {answer}");
        assert!(
            answer.contains(field) && answer.contains(key),
            "{shortcut} {language}: {answer}"
        );
    }
    // The same shortcut in another language is the same reply's other version; markup is text.
    let other = saved(
        &tina,
        "thanks",
        "de",
        "<b>Danke</b> <script>x</script>",
        "mine",
    )
    .await;
    assert_eq!(other.body, "<b>Danke</b> <script>x</script>");
    assert_eq!(list(&tina).await.len(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ticket_is_offered_each_reply_in_its_requesters_language_filled_in() {
    let app = TestApp::spawn().await;
    let carla_api = app.api_user("carla@example.org", Role::Coordinator).await;
    app.user("tina@example.org", Role::Technician).await;
    app.user("tom@example.org", Role::Technician).await;
    let rita_api = app
        .api_user("rita.rossi@example.org", Role::Requester)
        .await;
    let r = rita_api.patch("/me", None, json!({"language": "de"})).await;
    assert_eq!(r.status(), 200);
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let tina = Session::new(&app, Some("tina@example.org")).await;
    let tom = Session::new(&app, Some("tom@example.org")).await;

    saved(
        &carla,
        "restart",
        "en",
        "Hi {first_name}, please restart ({ticket}).",
        "shared",
    )
    .await;
    saved(
        &carla,
        "restart",
        "de",
        "Hallo {first_name}, bitte starten Sie neu ({ticket}: {title}). {assignee} meldet sich. {unknown",
        "shared",
    )
    .await;
    saved(
        &tina,
        "restart",
        "en",
        "Tina's own: restart please.",
        "mine",
    )
    .await;
    saved(&tina, "bye", "it", "Ciao {first_name}, {my_name}", "mine").await;
    saved(&tom, "toms", "en", "Tom's own.", "mine").await;

    let ticket = rita_api.file("Laptop freezes").await;
    let number = ticket.number;
    carla_api
        .patch(
            &format!("/tickets/{number}"),
            Some(1),
            json!({"assignee": "tina@example.org"}),
        )
        .await;

    let choices = offered(&carla, &number).await;
    let by = |shortcut: &str| choices.iter().find(|c| c.shortcut == shortcut).cloned();
    // Rita reads German: the German version, filled from the ticket; the assignee is Tina.
    let restart = by("restart").unwrap();
    assert_eq!(
        restart.text,
        format!(
            "Hallo rita.rossi, bitte starten Sie neu ({number}: Laptop freezes). tina meldet sich. {{unknown"
        )
    );
    // Only the shared replies are hers; Tom's and Tina's own are theirs.
    assert_eq!(choices.len(), 1);
    // A technician who may not see the ticket is offered nothing about it.
    assert_eq!(
        tom.call("ticket_replies", &[("number", &number)]).await.0,
        404
    );
    // Tina's English "restart" gives way to the German one her requester reads; her Italian
    // "bye" is offered as it is, in the only language it has.
    let choices = offered(&tina, &number).await;
    let shortcuts: Vec<(&str, &str)> = choices
        .iter()
        .map(|c| (c.shortcut.as_str(), c.language.code()))
        .collect();
    assert_eq!(shortcuts, [("bye", "it"), ("restart", "de")]);
    assert_eq!(choices[0].text, "Ciao rita.rossi, tina");

    // The requester is offered nothing, and a guessed number reveals nothing.
    let rita = Session::new(&app, Some("rita.rossi@example.org")).await;
    assert_eq!(
        rita.call("ticket_replies", &[("number", &number)]).await.0,
        403
    );
    assert_eq!(
        tina.call("ticket_replies", &[("number", "SB-999999")])
            .await
            .0,
        404
    );
    assert_eq!(
        tina.call("ticket_replies", &[("number", "<x>")]).await.0,
        404
    );
}
