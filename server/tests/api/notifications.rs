//! Notifications in the app and by email through a real SMTP server started by the test.

use crate::helpers::{Api, TestApp};
use crate::smtp_sink::SmtpSink;
use crate::wire::{parse, Marked, Notifications};
use app::domain::Role;
use app::server::mail::deliver_due;
use serde_json::json;
use std::time::Duration;

async fn with_mail(sink: &SmtpSink) -> TestApp {
    with_mail_and(sink, |_| {}).await
}

/// A desk mailing through `sink`, configured further by `adjust`.
async fn with_mail_and(sink: &SmtpSink, adjust: impl FnOnce(&mut switchboard::Config)) -> TestApp {
    let port = sink.addr.port();
    TestApp::spawn_configured(false, |c| {
        c.smtp_host = Some("127.0.0.1".into());
        c.smtp_port = port;
        c.smtp_security = "none".into();
        c.mail_from = "Help desk <help@example.org>".into();
        c.public_url = "https://help.example.org".into();
        // The tests send the outbox themselves, at the moments they choose.
        c.mail_interval_secs = 3600;
        adjust(c);
    })
    .await
}

async fn unread(api: &Api) -> Notifications {
    parse(api.get("/notifications?unread=true").await).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_right_people_are_told_the_right_things() {
    let sink = SmtpSink::start().await;
    let app = with_mail(&sink).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let paul = app.api_user("paul@example.org", Role::Requester).await;

    let t = rita.file("Docking station dead").await;
    let number = t.number.clone();
    let path = format!("/tickets/{number}");
    assert_eq!(deliver_due(&app.state).await.unwrap(), 2);
    let to_rita = sink.to("rita@example.org");
    assert_eq!(to_rita.len(), 1);
    assert_eq!(to_rita[0].subject(), format!("[{number}] received"));
    assert!(to_rita[0]
        .data
        .contains(&format!("https://help.example.org/tickets/{number}")));
    assert!(
        to_rita[0].data.contains("text/html"),
        "plain text and HTML bodies"
    );
    assert_eq!(to_rita[0].from, "help@example.org");
    assert!(sink.to("carla@example.org")[0]
        .subject()
        .starts_with(&format!("New request [{number}]")));

    // Paul follows it; Carla assigns it to Tina.
    let r = carla
        .post(
            &format!("{path}/watchers"),
            json!({"email": "paul@example.org"}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let v = carla.ticket(&number).await.version;
    let r = carla
        .patch(&path, Some(v), json!({"assignee": "tina@example.org"}))
        .await;
    assert_eq!(r.status(), 200);
    deliver_due(&app.state).await.unwrap();
    assert_eq!(
        sink.to("tina@example.org")[0].subject(),
        format!("[{number}] assigned to you (P2)")
    );
    assert_eq!(
        sink.to("rita@example.org")[1].subject(),
        format!("[{number}] assigned to tina")
    );
    assert!(
        sink.to("carla@example.org").len() == 1,
        "nobody hears of their own action"
    );

    // An internal note tells nobody outside IT; a public one reaches the requester and watchers.
    let before = sink.messages().len();
    let r = tina
        .post(
            &format!("{path}/notes"),
            json!({"body": "Vendor case 123", "visibility": "internal"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    deliver_due(&app.state).await.unwrap();
    assert_eq!(sink.messages().len(), before);
    let r = tina
        .post(
            &format!("{path}/notes"),
            json!({"body": "New dock on its way", "visibility": "public"}),
        )
        .await;
    assert_eq!(r.status(), 201);
    deliver_due(&app.state).await.unwrap();
    assert_eq!(
        sink.to("rita@example.org").last().unwrap().subject(),
        format!("[{number}]: a message from IT")
    );
    assert_eq!(
        sink.to("paul@example.org").last().unwrap().subject(),
        format!("[{number}] has a new message")
    );

    // The same notifications are in the app, each person seeing only their own.
    let r = unread(&rita).await;
    assert_eq!(r.unread, 3);
    assert_eq!(r.items[0].kind, "public_note");
    assert_eq!(r.items[0].ticket.as_deref(), Some(number.as_str()));
    let paul_items = unread(&paul).await.items;
    assert!(paul_items.iter().all(|n| n.kind == "watched_update"));
    let other = paul_items[0].id;
    let r = rita.post("/notifications/read", json!({"id": other})).await;
    assert_eq!(
        parse::<Marked>(r).await.marked,
        0,
        "another person's notification is untouched"
    );
    let r = rita.post("/notifications/read", json!({})).await;
    assert_eq!(parse::<Marked>(r).await.marked, 3);
    assert_eq!(unread(&rita).await.unread, 0);
    assert_eq!(paul.get("/notifications?unread=maybe").await.status(), 400);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_waits_out_an_smtp_outage_and_is_never_sent_twice() {
    let mut sink = SmtpSink::start().await;
    let app = with_mail(&sink).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    sink.stop();
    let t = rita.file("Scanner offline").await;
    assert_eq!(deliver_due(&app.state).await.unwrap(), 0);
    let status: Vec<_> = app.state.db.outbox_summary().await.unwrap();
    assert_eq!(status.len(), 1);
    assert_eq!(status[0].0, "pending");
    assert!(status[0].2.is_some(), "the outbox says why: {status:?}");
    // Before the back-off has passed nothing is tried again.
    sink.restart().await;
    assert_eq!(deliver_due(&app.state).await.unwrap(), 0);
    app.state.clock.advance(Duration::from_secs(31));
    assert_eq!(deliver_due(&app.state).await.unwrap(), 1);
    assert_eq!(deliver_due(&app.state).await.unwrap(), 0);
    assert_eq!(sink.to("rita@example.org").len(), 1);
    assert!(sink.to("rita@example.org")[0].subject().contains(&t.number));

    // A restarted server sends nothing again.
    let mut config = app.stop().await;
    config.smtp_host = Some("127.0.0.1".into());
    config.smtp_port = sink.addr.port();
    config.smtp_security = "none".into();
    config.mail_interval_secs = 3600;
    let app = TestApp::start(config, Duration::from_secs(3600)).await;
    assert_eq!(deliver_due(&app.state).await.unwrap(), 0);
    assert_eq!(sink.messages().len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_mail_server_that_stops_answering_does_not_hold_the_outbox() {
    let sink = SmtpSink::start().await;
    let app = with_mail_and(&sink, |c| c.smtp_timeout_secs = 2).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    // The server takes the message and never says whether it has it.
    sink.stall();
    let t = rita.file("Printer jammed").await;
    let round = tokio::time::timeout(Duration::from_secs(20), deliver_due(&app.state))
        .await
        .expect("the round ends although the mail server never answers");
    assert_eq!(round.unwrap(), 0);
    let status = app.state.db.outbox_summary().await.unwrap();
    assert_eq!(status.len(), 1, "{status:?}");
    assert_eq!(status[0].0, "pending", "tried again later: {status:?}");
    assert!(
        status[0]
            .2
            .as_deref()
            .unwrap_or_default()
            .contains("within 2 s"),
        "the outbox says why: {status:?}"
    );
    // Answering again, the server gets the message on the next attempt, once.
    sink.release();
    app.state.clock.advance(Duration::from_secs(31));
    assert_eq!(deliver_due(&app.state).await.unwrap(), 1);
    assert_eq!(sink.to("rita@example.org").len(), 1);
    assert!(sink.to("rita@example.org")[0].subject().contains(&t.number));

    // A wait longer than a message stays reserved for its sender is refused at start.
    for secs in [0, 101] {
        let dir = crate::helpers::fresh_dir();
        let mut config = crate::helpers::config(crate::helpers::fresh_database(&dir).await, false);
        config.smtp_host = Some("127.0.0.1".into());
        config.smtp_timeout_secs = secs;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let Err(e) = switchboard::build(&config, listener).await else {
            panic!("a timeout of {secs} s is refused");
        };
        assert!(e.to_string().contains("--smtp-timeout-secs"), "{e}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_smtp_notifications_stay_in_the_app_and_the_outbox_says_why() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    rita.file("Mouse broken").await;
    assert_eq!(deliver_due(&app.state).await.unwrap(), 0);
    let status = app.state.db.outbox_summary().await.unwrap();
    assert_eq!(status[0].0, "held");
    assert!(status[0]
        .2
        .as_deref()
        .unwrap()
        .contains("SMTP is not configured"));
    assert_eq!(unread(&rita).await.unread, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_mute_kinds_and_staff_choose_a_digest() {
    let sink = SmtpSink::start().await;
    let app = with_mail(&sink).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let carla_id = app
        .state
        .db
        .user_by_email("carla@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    let rita_id = app
        .state
        .db
        .user_by_email("rita@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    use app::domain::{Digest, NotificationKind, Preferences};
    app.state
        .db
        .set_preferences(
            rita_id,
            &Preferences {
                muted: vec![NotificationKind::Received],
                email: true,
                digest: Digest::Off,
            },
        )
        .await
        .unwrap();
    app.state
        .db
        .set_preferences(
            carla_id,
            &Preferences {
                muted: vec![],
                email: true,
                digest: Digest::Hourly,
            },
        )
        .await
        .unwrap();
    rita.file("Keyboard sticky").await;
    rita.file("Screen dim").await;
    deliver_due(&app.state).await.unwrap();
    assert!(sink.to("rita@example.org").is_empty(), "muted");
    assert_eq!(unread(&rita).await.unread, 0);
    assert!(
        sink.to("carla@example.org").is_empty(),
        "waits for the digest"
    );
    assert_eq!(unread(&carla).await.unread, 2, "the bell does not wait");
    app.state.clock.advance(Duration::from_secs(3600));
    assert_eq!(deliver_due(&app.state).await.unwrap(), 2);
    let digest = sink.to("carla@example.org");
    assert_eq!(digest.len(), 1);
    assert_eq!(digest[0].subject(), "Switchboard digest: 2 updates");

    // A digest is in its reader's language, its subject too.
    let carlo = app.api_user("carlo@example.org", Role::Coordinator).await;
    let r = carlo.patch("/me", None, json!({"language": "it"})).await;
    assert_eq!(r.status(), 200);
    let carlo_id = app
        .state
        .db
        .user_by_email("carlo@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    app.state
        .db
        .set_preferences(
            carlo_id,
            &Preferences {
                muted: vec![],
                email: true,
                digest: Digest::Hourly,
            },
        )
        .await
        .unwrap();
    rita.file("Mouse lost").await;
    deliver_due(&app.state).await.unwrap();
    app.state.clock.advance(Duration::from_secs(3600));
    deliver_due(&app.state).await.unwrap();
    let digest = sink.to("carlo@example.org");
    assert_eq!(digest.len(), 1);
    assert_eq!(
        digest[0].subject(),
        "Riepilogo Switchboard: un aggiornamento"
    );
}
