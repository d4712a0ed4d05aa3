//! Mail to the help desk, end to end: messages shaped like real mail programs' through the
//! `mail ingest` pipe, replies threaded onto their ticket once, machines never answered, held
//! mail settled by a coordinator, and a real IMAP mailbox (Dovecot) read with a password and with
//! OAuth2, where a crash between filing and marking a message done files nothing twice.

use crate::helpers::{Api, Session, TestApp};
use crate::mailbox::{fixture, plain, Dovecot, USER};
use crate::smtp_sink::{Received, SmtpSink};
use crate::wire::{parse, EventJson, Items, NotePage};
use app::domain::inbound::Why;
use app::domain::{Role, TicketNumber};
use app::server::inbound::{self, imap, Decision, Outcome};
use serde_json::{json, Value};
use std::time::Duration;

fn number(n: &str) -> TicketNumber {
    TicketNumber::parse(n).unwrap()
}

async fn ingest(app: &TestApp, raw: &[u8]) -> Outcome {
    inbound::ingest(&app.state, raw).await.expect("kept")
}

/// A server that sends its mail to `sink` and takes replies at helpdesk@example.org.
async fn desk(sink: &SmtpSink, adjust: impl FnOnce(&mut switchboard::Config)) -> TestApp {
    let port = sink.addr.port();
    TestApp::spawn_configured(false, move |c| {
        c.smtp_host = Some("127.0.0.1".into());
        c.smtp_port = port;
        c.smtp_security = "none".into();
        c.mail_from = "Switchboard <helpdesk@example.org>".into();
        c.mail_interval_secs = 1;
        c.mail_reply_address = Some(USER.into());
        adjust(c);
    })
    .await
}

/// Waits until the outbox holds no mail still to send.
async fn outbox_sent(app: &TestApp) {
    for _ in 0..200 {
        let summary = app.state.db.outbox_summary().await.unwrap();
        if !summary.iter().any(|(status, _, _)| status == "pending") {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the outbox never emptied");
}

/// Waits for a message to `to` that says `text`.
async fn mail_saying(sink: &SmtpSink, to: &str, text: &str) -> Received {
    for _ in 0..100 {
        if let Some(m) = sink.to(to).into_iter().find(|m| m.data.contains(text)) {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no mail to {to} says {text:?}: {:#?}", sink.to(to));
}

/// Waits for the `n`th message to `to`.
async fn mail_to(sink: &SmtpSink, to: &str, n: usize) -> Received {
    for _ in 0..100 {
        if let Some(m) = sink.to(to).get(n - 1) {
            return m.clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("no mail number {n} to {to}: {:?}", sink.messages());
}

fn header<'a>(m: &'a Received, name: &str) -> Option<&'a str> {
    m.data.lines().find_map(|l| {
        l.split_once(':')
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
    })
}

async fn notes(api: &Api, n: &str) -> Vec<String> {
    let page: NotePage = parse(api.get(&format!("/tickets/{n}/notes")).await).await;
    page.items.into_iter().map(|n| n.body).collect()
}

async fn files(api: &Api, n: &str) -> Vec<String> {
    let list: Value =
        crate::helpers::body(api.get(&format!("/tickets/{n}/attachments")).await).await;
    list["items"]
        .as_array()
        .or(list.as_array())
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|f| f["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

async fn act(api: &Api, n: &str, change: Value) {
    let v = api.ticket(n).await.version;
    let r = api.patch(&format!("/tickets/{n}"), Some(v), change).await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
}

/// `switchboard mail ingest` as a mail server's pipe runs it: with the server's settings (here
/// its database, SMTP server and reply address) in the environment.
fn run_ingest(database_url: &str, smtp_port: u16, raw: &[u8]) -> (i32, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_switchboard"))
        .args(["mail", "ingest"])
        .env("SWITCHBOARD_DATABASE_URL", database_url)
        .env("SWITCHBOARD_SMTP_HOST", "127.0.0.1")
        .env("SWITCHBOARD_SMTP_PORT", smtp_port.to_string())
        .env("SWITCHBOARD_SMTP_SECURITY", "none")
        .env(
            "SWITCHBOARD_MAIL_FROM",
            "Switchboard <helpdesk@example.org>",
        )
        .env("SWITCHBOARD_MAIL_REPLY_ADDRESS", USER)
        .env("RUST_LOG", "warn")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("switchboard runs");
    child.stdin.take().unwrap().write_all(raw).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).trim().to_string(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pipe_files_requests_shaped_like_real_mail_programs() {
    let sink = SmtpSink::start().await;
    let app = desk(&sink, |_| {}).await;
    let coordinator = app.api_user("cora@example.org", Role::Coordinator).await;
    let url = app.database_url();
    let smtp = sink.addr.port();
    let mut filed = Vec::new();
    for name in [
        "outlook-new.eml",
        "apple-mail.eml",
        "thunderbird-latin1.eml",
        "html-only.eml",
        "italian-new.eml",
    ] {
        let raw = fixture(name, "", "");
        let (code, out) = tokio::task::spawn_blocking({
            let url = url.clone();
            move || run_ingest(&url, smtp, &raw)
        })
        .await
        .unwrap();
        assert_eq!(code, 0, "{name}: {out}");
        let line: Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{name}: {out}"));
        assert_eq!(line["outcome"], "created", "{name}: {out}");
        filed.push(line["ticket"].as_str().unwrap().to_string());
    }
    // Outlook: the text without Outlook's HTML, the screenshot kept, the signature's logo not.
    let outlook = coordinator.ticket(&filed[0]).await;
    assert_eq!(outlook.title, "Printer on 2nd floor jams every page");
    assert_eq!(outlook.requester.email, "rita@example.org");
    assert_eq!(outlook.status, "new");
    assert!(
        outlook.description.contains("jams on every page"),
        "{}",
        outlook.description
    );
    assert_eq!(files(&coordinator, &filed[0]).await, vec!["jam.png"]);
    // Apple Mail: quoted-printable text, the inline photo kept as a file.
    let apple = coordinator.ticket(&filed[1]).await;
    assert!(
        apple.description.contains("error 809"),
        "{}",
        apple.description
    );
    assert_eq!(files(&coordinator, &filed[1]).await, vec!["vpn-error.jpg"]);
    // Thunderbird in ISO-8859-1: the umlauts read right, the signature left out.
    let latin = coordinator.ticket(&filed[2]).await;
    assert_eq!(latin.title, "Drucker im Büro druckt nur Müll");
    assert_eq!(latin.requester.name, "Jörg Müller");
    assert!(
        latin.description.contains("Größe A4"),
        "{}",
        latin.description
    );
    // HTML only: clean text, nothing of the script, the style or the quoted conversation.
    let html = coordinator.ticket(&filed[3]).await;
    assert!(html
        .description
        .contains("The left monitor at desk 4 flickers"));
    for never in [
        "<",
        "alert",
        "javascript",
        "tracker.example.com",
        "Dan Desk",
    ] {
        assert!(
            !html.description.contains(never),
            "{never}: {}",
            html.description
        );
    }
    let italian = coordinator.ticket(&filed[4]).await;
    assert!(italian.description.contains("non riesco più ad accedere"));

    // The requester, new to the desk, is told with a private link; the mail threads.
    let told = mail_to(&sink, "rita@example.org", 1).await;
    let n = &filed[0];
    assert!(
        told.subject().contains(&format!("[{n}]")),
        "{}",
        told.subject()
    );
    assert!(told.data.contains("/track/"), "{}", told.data);
    assert_eq!(header(&told, "Auto-Submitted"), Some("auto-generated"));
    let plus = format!("helpdesk+{}@example.org", n.to_lowercase());
    assert!(header(&told, "Reply-To").is_some_and(|r| r.contains(&plus)));
    assert!(header(&told, "In-Reply-To").is_some_and(|r| r.contains("AM0PR01MB1234ABCD")));

    // The same message again files nothing.
    let again = fixture("outlook-new.eml", "", "");
    let (code, out) = tokio::task::spawn_blocking(move || run_ingest(&url, smtp, &again))
        .await
        .unwrap();
    assert_eq!(
        (code, out.as_str()),
        (0, r#"{"outcome":"ignored","why":"duplicate"}"#)
    );

    // A database that cannot be reached: the mail server is asked to try again later.
    let raw = fixture("apple-mail.eml", "", "");
    let (code, _) = tokio::task::spawn_blocking(move || {
        run_ingest("postgres://switchboard@127.0.0.1:1/switchboard", smtp, &raw)
    })
    .await
    .unwrap();
    assert_eq!(code, 75);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn replies_thread_onto_their_ticket_once_and_machines_are_never_answered() {
    let sink = SmtpSink::start().await;
    let app = desk(&sink, |_| {}).await;
    let coordinator = app.api_user("cora@example.org", Role::Coordinator).await;
    app.user("tina@example.org", Role::Technician).await;
    app.user("gone@example.org", Role::Requester).await;

    let Outcome::Created(n) = ingest(&app, &fixture("outlook-new.eml", "", "")).await else {
        panic!("filed")
    };
    let n = n.to_string();
    let received = mail_to(&sink, "rita@example.org", 1).await;
    // Triaged into a category with questions: the requester is told what IT will need.
    act(&coordinator, &n, json!({"category": "hardware"})).await;
    let needs = mail_to(&sink, "rita@example.org", 2).await;
    assert!(
        needs.subject().contains("what IT needs to know"),
        "{}",
        needs.subject()
    );
    assert!(needs.data.contains("Asset tag"), "{}", needs.data);
    // IT asks; the requester is waited on.
    act(&coordinator, &n, json!({"assignee": "tina@example.org"})).await;
    act(&coordinator, &n, json!({"status": "in_progress"})).await;
    let r = coordinator
        .post(
            &format!("/tickets/{n}/notes"),
            json!({"body": "What is the asset tag?", "visibility": "public"}),
        )
        .await;
    assert_eq!(r.status(), 201, "{}", r.text().await.unwrap());
    act(
        &coordinator,
        &n,
        json!({"status": "waiting", "waiting_on": "requester"}),
    )
    .await;
    let asked = mail_saying(&sink, "rita@example.org", "What is the asset tag?").await;
    assert!(asked.data.contains(&format!("[{n}]")));
    let sent_id = header(&asked, "Message-ID").unwrap().to_string();

    // The answer names the message it answers (and a number that is not the ticket's, so the
    // header alone finds it); only what is new becomes the note, and the ticket moves on.
    let reply = fixture("gmail-reply.eml", "1", &sent_id);
    assert_eq!(ingest(&app, &reply).await, Outcome::Noted(number(&n)));
    assert_eq!(ingest(&app, &reply).await, Outcome::Ignored(Why::Duplicate));
    let bodies = notes(&coordinator, &n).await;
    assert!(
        bodies.contains(&"The asset tag is IT-4471. It is the HP in room 2.14.".to_string()),
        "{bodies:?}"
    );
    assert_eq!(bodies.len(), 2, "{bodies:?}");
    assert_eq!(coordinator.ticket(&n).await.status, "in_progress");

    // By the ticket's reply address, with no other clue.
    let digits = n.trim_start_matches("SB-");
    assert_eq!(
        ingest(&app, &fixture("plus-address-reply.eml", digits, "")).await,
        Outcome::Noted(number(&n))
    );
    assert!(notes(&coordinator, &n)
        .await
        .iter()
        .any(|b| b.contains("CN-0F3K2")));

    // Paul is not on Rita's ticket: his reply-all files a ticket of his own, linked to it, and
    // the copy that reaches a second help desk address files nothing more.
    let reply_all = fixture(
        "outlook-reply-all.eml",
        digits,
        &format!("<{}>", received_id(&received)),
    );
    let Outcome::Created(pauls) = ingest(&app, &reply_all).await else {
        panic!("Paul's own ticket")
    };
    assert_eq!(
        ingest(&app, &reply_all).await,
        Outcome::Ignored(Why::Duplicate)
    );
    let pauls = pauls.to_string();
    assert_ne!(pauls, n);
    assert_eq!(notes(&coordinator, &n).await.len(), 3);
    let events: Items<EventJson> =
        parse(coordinator.get(&format!("/tickets/{pauls}/events")).await).await;
    assert!(
        events
            .items
            .iter()
            .any(|e| e.kind == "linked" && e.to.as_deref() == Some(n.as_str())),
        "{:?}",
        events.items.iter().map(|e| &e.kind).collect::<Vec<_>>()
    );

    // Machines: an out-of-office, a newsletter and a bounce file nothing and answer nothing.
    // Counted once what earlier steps sent has gone out, so only new mail can change the count.
    outbox_sent(&app).await;
    let told = |to: &str| sink.to(to).len();
    let before = (
        told("rita@example.org"),
        told("gone@example.org"),
        told("news@example.com"),
    );
    let tickets_before = coordinator.get("/tickets").await;
    let tickets_before: Value = crate::helpers::body(tickets_before).await;
    assert_eq!(
        ingest(&app, &fixture("auto-reply.eml", digits, &sent_id)).await,
        Outcome::Ignored(Why::AutoReply)
    );
    assert_eq!(
        ingest(&app, &fixture("bulk-list.eml", "", "")).await,
        Outcome::Ignored(Why::Bulk)
    );
    assert_eq!(
        ingest(&app, &fixture("bounce.eml", digits, &sent_id)).await,
        Outcome::Ignored(Why::Bounce)
    );
    assert!(app
        .state
        .db
        .bounced_at("gone@example.org")
        .await
        .unwrap()
        .is_some());
    assert_eq!(notes(&coordinator, &n).await.len(), 3);
    let tickets_after: Value = crate::helpers::body(coordinator.get("/tickets").await).await;
    assert_eq!(
        tickets_before["items"].as_array().map(Vec::len),
        tickets_after["items"].as_array().map(Vec::len)
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let after = (
        told("rita@example.org"),
        told("gone@example.org"),
        told("news@example.com"),
    );
    assert_eq!(after, before, "nothing answers a machine");

    // A resolved ticket: the requester's reply says it is not fixed, as the page would.
    act(
        &coordinator,
        &n,
        json!({"status": "resolved", "resolution": "Replaced the fuser unit."}),
    )
    .await;
    assert_eq!(coordinator.ticket(&n).await.status, "resolved");
    // A thank-you is kept as a note and leaves the ticket resolved.
    let thanks = plain(
        "Rita Requester <rita@example.org>",
        &format!("Re: [{n}] resolved"),
        "Vielen Dank, passt!\nRita",
        "thanks@example.org",
    );
    assert_eq!(ingest(&app, &thanks).await, Outcome::Noted(number(&n)));
    assert_eq!(coordinator.ticket(&n).await.status, "resolved");
    assert!(notes(&coordinator, &n)
        .await
        .iter()
        .any(|note| note.contains("Vielen Dank")));
    let still = plain(
        "Rita Requester <rita@example.org>",
        &format!("Re: [{n}] resolved"),
        "It still jams.",
        "still-jams@example.org",
    );
    assert_eq!(ingest(&app, &still).await, Outcome::Noted(number(&n)));
    assert_ne!(coordinator.ticket(&n).await.status, "resolved");

    // Mail to Rita comes back undelivered: staff see it on her ticket's page.
    let staff = crate::helpers::Session::new(&app, Some("cora@example.org")).await;
    let page = staff.page(&format!("/tickets/{n}")).await;
    assert!(!page.contains("came back undelivered"));
    app.state
        .db
        .mark_bounced("rita@example.org", app.state.clock.now())
        .await
        .unwrap();
    let page = staff.page(&format!("/tickets/{n}")).await;
    assert!(page.contains("came back undelivered"), "{page}");
}

/// The Message-ID of the first mail the desk sent Rita (what Paul's reply-all answers).
fn received_id(m: &Received) -> String {
    header(m, "Message-ID")
        .unwrap()
        .trim_matches(['<', '>'])
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn held_mail_waits_for_a_coordinator_who_files_attaches_or_drops_it() {
    let app = TestApp::spawn_configured(false, |c| {
        c.mail_inbound_domains = "example.org".into();
        c.mail_inbound_per_hour = 2;
        c.mail_inbound_max_mb = 1;
    })
    .await;
    let coordinator = app.api_user("cora@example.org", Role::Coordinator).await;
    app.user("rita@example.org", Role::Requester).await;

    // Someone new from outside the desk's domains.
    assert_eq!(
        ingest(&app, &fixture("thunderbird-latin1.eml", "", "")).await,
        Outcome::Held(Why::Domain)
    );
    // Too many from one sender in an hour.
    for i in 0..2 {
        let m = plain(
            "rita@example.org",
            &format!("Request {i}"),
            "Printer again.",
            &format!("r{i}@example.org"),
        );
        assert!(matches!(ingest(&app, &m).await, Outcome::Created(_)));
    }
    let third = plain(
        "rita@example.org",
        "Request 3",
        "And again.",
        "r3@example.org",
    );
    assert_eq!(ingest(&app, &third).await, Outcome::Held(Why::Rate));
    // Too large.
    let big = plain(
        "rita@example.org",
        "Huge",
        &"x".repeat(1_200_000),
        "big@example.org",
    );
    assert_eq!(ingest(&app, &big).await, Outcome::Held(Why::TooLarge));

    // Only coordinators see held mail, over the page's server functions too.
    let requester = app
        .state
        .db
        .user_by_email("rita@example.org")
        .await
        .unwrap()
        .unwrap();
    assert!(inbound::held(&app.state, &requester).await.is_err());
    let rita = Session::new(&app, Some("rita@example.org")).await;
    let (status, _) = rita.call("held_mail", &[]).await;
    assert_eq!(status, 403);
    let cora = Session::new(&app, Some("cora@example.org")).await;
    let (status, listed) = cora.call("held_mail", &[]).await;
    assert_eq!(status, 200, "{listed}");
    let listed: Vec<Value> = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed.len(), 3);
    let id_of = |subject: &str| {
        listed
            .iter()
            .find(|m| m["subject"].as_str().unwrap_or_default().contains(subject))
            .and_then(|m| m["id"].as_i64())
            .unwrap()
    };

    // File: a request from the sender, whose account is made then.
    let (status, filed) = cora
        .call(
            "decide_held_mail",
            &[("id", &id_of("Drucker").to_string()), ("decision", "file")],
        )
        .await;
    assert_eq!(status, 200, "{filed}");
    let filed: Option<String> = serde_json::from_str(&filed).unwrap();
    let joergs = coordinator.ticket(filed.as_deref().unwrap()).await;
    assert_eq!(joergs.requester.email, "joerg@example.net");
    // Attach: an internal note on a ticket; a number that is no ticket is refused at its field.
    let rate = id_of("Request 3").to_string();
    let (status, refused) = cora
        .call(
            "decide_held_mail",
            &[
                ("id", &rate),
                ("decision", "attach"),
                ("number", "SB-99999"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{refused}");
    let (status, _) = cora
        .call(
            "decide_held_mail",
            &[
                ("id", &rate),
                ("decision", "attach"),
                ("number", &joergs.number),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let page: NotePage = parse(
        coordinator
            .get(&format!("/tickets/{}/notes", joergs.number))
            .await,
    )
    .await;
    assert!(page
        .items
        .iter()
        .any(|n| n.visibility == "internal" && n.body.contains("And again.")));
    // Drop.
    let coordinator_user = app
        .state
        .db
        .user_by_email("cora@example.org")
        .await
        .unwrap()
        .unwrap();
    inbound::decide(&app.state, &coordinator_user, id_of("Huge"), Decision::Drop)
        .await
        .unwrap();
    assert!(inbound::held(&app.state, &coordinator_user)
        .await
        .unwrap()
        .is_empty());
    // Settled once: a second decision finds nothing.
    assert!(
        inbound::decide(&app.state, &coordinator_user, id_of("Huge"), Decision::Drop)
            .await
            .is_err()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mailbox_is_read_and_no_message_is_filed_twice_or_lost() {
    let dovecot = Dovecot::start(None).await;
    let app = TestApp::spawn_configured(false, |c| c.mail_inbound_max_mb = 1).await;
    let coordinator = app.api_user("cora@example.org", Role::Coordinator).await;
    let first = fixture("outlook-new.eml", "", "");
    dovecot.deliver(&first).await;
    dovecot.deliver(&fixture("html-only.eml", "", "")).await;
    for i in 0..3 {
        dovecot
            .deliver(&plain(
                "paul@example.org",
                &format!("Batch {i}"),
                "Mouse broken.",
                &format!("batch{i}@example.org"),
            ))
            .await;
    }
    let big = plain(
        "paul@example.org",
        "Scan of the whole manual",
        &"y".repeat(1_500_000),
        "big@example.org",
    );
    dovecot.deliver(&big).await;
    // The process stopped after filing the first message and before marking it done.
    assert!(matches!(ingest(&app, &first).await, Outcome::Created(_)));

    let settings = dovecot.settings();
    let mut session = imap::connect(&settings).await.expect("signed in");
    let taken = imap::take_waiting(&app.state, &settings, &mut session)
        .await
        .unwrap();
    assert_eq!(taken, 6);
    let all: Value = crate::helpers::body(coordinator.get("/tickets").await).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 5, "{all}");
    assert_eq!(dovecot.waiting().await, 0);
    // The large one stays in the mailbox and is listed for a coordinator.
    assert_eq!(dovecot.total().await, 6);
    let cora = app
        .state
        .db
        .user_by_email("cora@example.org")
        .await
        .unwrap()
        .unwrap();
    let held = inbound::held(&app.state, &cora).await.unwrap();
    assert_eq!(held.len(), 1);
    assert!(!held[0].kept);
    assert_eq!(held[0].why, "too-large");
    // Nothing new: nothing taken.
    assert_eq!(
        imap::take_waiting(&app.state, &settings, &mut session)
            .await
            .unwrap(),
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_running_server_takes_new_mail_at_once_with_idle() {
    let dovecot = Dovecot::start(None).await;
    let ca = dovecot.dir.join("ca.pem");
    let url = dovecot.url();
    let app = TestApp::spawn_configured(false, move |c| {
        c.mail_inbound = Some(url);
        c.mail_inbound_password = "mailbox secret".parse().ok();
        c.mail_inbound_ca_file = Some(ca);
        // Far longer than the test waits: only IDLE brings the message in time.
        c.mail_inbound_interval_secs = 120;
    })
    .await;
    let coordinator = app.api_user("cora@example.org", Role::Coordinator).await;
    // Let the worker sign in and start waiting.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    dovecot
        .deliver(&plain(
            "paul@example.org",
            "Keyboard missing keys",
            "The E key is gone.",
            "idle@example.org",
        ))
        .await;
    for _ in 0..100 {
        let all: Value = crate::helpers::body(coordinator.get("/tickets").await).await;
        if let Some(t) = all["items"].as_array().and_then(|a| a.first()) {
            assert_eq!(t["title"], "Keyboard missing keys");
            assert_eq!(dovecot.waiting().await, 0);
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the message was not taken within 10 s");
}

/// An identity provider's token endpoint and the introspection Dovecot asks, on loopback.
async fn identity_provider() -> (String, tokio::task::JoinHandle<()>) {
    use axum::routing::post;
    use axum::{Form, Json, Router};
    use std::collections::HashMap;
    let router = Router::new()
        .route(
            "/token",
            post(|Form(f): Form<HashMap<String, String>>| async move {
                let good = f.get("grant_type").map(String::as_str) == Some("refresh_token")
                    && f.get("refresh_token").map(String::as_str) == Some("good-refresh")
                    && f.get("client_id").map(String::as_str) == Some("switchboard")
                    && f.get("client_secret").map(String::as_str) == Some("client-secret");
                if good {
                    (
                        axum::http::StatusCode::OK,
                        Json(json!({"access_token": "good-access", "token_type": "Bearer", "expires_in": 3600})),
                    )
                } else {
                    (
                        axum::http::StatusCode::BAD_REQUEST,
                        Json(json!({"error": "invalid_grant"})),
                    )
                }
            }),
        )
        .route(
            "/introspect",
            post(|Form(f): Form<HashMap<String, String>>| async move {
                let active = f.get("token").map(String::as_str) == Some("good-access");
                Json(json!({"active": active, "username": USER}))
            }),
        );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move {
        axum::serve(listener, router).await.unwrap();
    });
    (base, server)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mailbox_that_requires_oauth2_is_read_with_xoauth2() {
    let (idp, _server) = identity_provider().await;
    let dovecot = Dovecot::start(Some(&format!("{idp}/introspect"))).await;
    let app = TestApp::spawn().await;
    dovecot
        .deliver(&plain(
            "paul@example.org",
            "Monitor dead",
            "No signal.",
            "oauth@example.org",
        ))
        .await;
    let oauth = |refresh: &str| {
        let mut s = dovecot.settings();
        s.auth = imap::Auth::OAuth2 {
            token_url: format!("{idp}/token"),
            client_id: "switchboard".into(),
            client_secret: "client-secret".into(),
            refresh_token: refresh.into(),
        };
        s
    };
    // A refresh token the provider refuses signs nothing in, and says where it failed.
    let refused = imap::connect(&oauth("revoked")).await.expect_err("refused");
    assert!(refused.0.contains("token endpoint"), "{refused}");
    let settings = oauth("good-refresh");
    let mut session = imap::connect(&settings)
        .await
        .expect("signed in with XOAUTH2");
    assert_eq!(
        imap::take_waiting(&app.state, &settings, &mut session)
            .await
            .unwrap(),
        1
    );
    assert_eq!(dovecot.waiting().await, 0);
    // The settings never print their secrets.
    let shown = format!("{settings:?}");
    assert!(
        !shown.contains("client-secret") && !shown.contains("good-refresh"),
        "{shown}"
    );
}
