//! Long polling: a board, a technician's lists and a requester's ticket page wait on the server
//! and are answered as soon as something they show changes, and not before.

use crate::helpers::{Session, TestApp};
use app::domain::Role;
use app::types::{BoardChanges, BoardSnapshot};
use serde_json::json;
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;

/// Calls `endpoint` on a task of its own, so the test can act while it waits.
fn in_background(
    s: &Session,
    endpoint: &'static str,
    form: Vec<(&'static str, String)>,
) -> Waiting {
    let (client, base) = (s.client.clone(), s.base.clone());
    let started = Instant::now();
    let call = tokio::spawn(async move {
        let r = client
            .post(format!("{base}/api/{endpoint}"))
            .header("accept", "application/json")
            .form(&form)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    });
    Waiting { call, started }
}

struct Waiting {
    call: JoinHandle<(u16, String)>,
    started: Instant,
}

impl Waiting {
    /// Still waiting after a moment: nothing it watches has changed.
    async fn still_waiting(&self) {
        tokio::time::sleep(Duration::from_millis(400)).await;
        assert!(!self.call.is_finished(), "a poll with nothing to say waits");
    }

    /// The answer, which must come well before the poll's own 20 s limit.
    async fn answer(self) -> String {
        let (status, text) = tokio::time::timeout(Duration::from_secs(10), self.call)
            .await
            .expect("answered when the change landed, not at the end of the wait")
            .unwrap();
        assert_eq!(status, 200, "{text}");
        assert!(self.started.elapsed() < Duration::from_secs(10));
        text
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waiting_board_is_answered_by_the_next_change_and_a_quiet_one_at_its_limit() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    app.user("carla@example.org", Role::Coordinator).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let (_, board) = carla.call("get_board", &[]).await;
    let cursor = serde_json::from_str::<BoardSnapshot>(&board)
        .unwrap()
        .cursor;

    // Nothing changes: the poll waits as long as it asked, then answers empty at the same cursor.
    let started = Instant::now();
    let (status, text) = carla
        .call(
            "poll_board",
            &[("cursor", &cursor.to_string()), ("wait_ms", "600")],
        )
        .await;
    assert_eq!(status, 200, "{text}");
    assert!(started.elapsed() >= Duration::from_millis(600));
    let quiet: BoardChanges = serde_json::from_str(&text).unwrap();
    assert!(quiet.cards.is_empty());
    assert_eq!(quiet.cursor, cursor);

    // A ticket filed while the board waits reaches it at once.
    let waiting = in_background(
        &carla,
        "poll_board",
        vec![("cursor", cursor.to_string()), ("wait_ms", "20000".into())],
    );
    waiting.still_waiting().await;
    let filed = rita.file("Docking station is dead").await;
    let changes: BoardChanges = serde_json::from_str(&waiting.answer().await).unwrap();
    assert!(changes.cursor > cursor);
    assert!(changes
        .cards
        .iter()
        .any(|c| c.ticket.number.to_string() == filed.number));

    // A poll behind the feed is answered at once, without waiting.
    let started = Instant::now();
    let (_, text) = carla
        .call(
            "poll_board",
            &[("cursor", &cursor.to_string()), ("wait_ms", "20000")],
        )
        .await;
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(!serde_json::from_str::<BoardChanges>(&text)
        .unwrap()
        .cards
        .is_empty());

    // Requesters may not wait on the board, nor on the staff's feed.
    let rita_page = Session::new(&app, Some("rita@example.org")).await;
    for endpoint in ["poll_board", "work_changed"] {
        let started = Instant::now();
        let (status, _) = rita_page
            .call(endpoint, &[("cursor", "0"), ("wait_ms", "20000")])
            .await;
        assert_eq!(status, 403, "{endpoint}");
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{endpoint} refuses at once"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_technicians_lists_and_a_requesters_ticket_wait_for_their_own_changes() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let otto = app.api_user("otto@example.org", Role::Requester).await;
    app.user("tina@example.org", Role::Technician).await;
    let coordinator = app.api_user("carla@example.org", Role::Coordinator).await;
    let tina = Session::new(&app, Some("tina@example.org")).await;
    let rita_page = Session::new(&app, Some("rita@example.org")).await;
    let mine = rita.file("Monitor flickers").await;

    // The technician's lists carry the feed position they were read at.
    let (status, text) = tina.call("my_work", &[]).await;
    assert_eq!(status, 200, "{text}");
    let work: app::types::MyWork = serde_json::from_str(&text).unwrap();
    assert!(work
        .queue
        .iter()
        .any(|t| t.number.to_string() == mine.number));
    let waiting = in_background(
        &tina,
        "work_changed",
        vec![
            ("cursor", work.cursor.to_string()),
            ("wait_ms", "20000".into()),
        ],
    );
    // Rita waits on her ticket's page, at the version she sees.
    let rita_waits = in_background(
        &rita_page,
        "ticket_version",
        vec![
            ("number", mine.number.clone()),
            ("seen", mine.version.to_string()),
            ("wait_ms", "20000".into()),
        ],
    );
    waiting.still_waiting().await;

    // Someone else's ticket moves the technician's feed but not Rita's page.
    otto.file("Keyboard missing keys").await;
    let head: i64 = waiting.answer().await.parse().unwrap();
    assert!(head > work.cursor);
    rita_waits.still_waiting().await;

    // Her own ticket changing answers her page with the new version.
    let r = coordinator
        .patch(
            &format!("/tickets/{}", mine.number),
            Some(mine.version),
            json!({"assignee": "tina@example.org"}),
        )
        .await;
    assert_eq!(r.status(), 200);
    let version: i64 = rita_waits.answer().await.parse().unwrap();
    assert!(version > mine.version);

    // Someone else's ticket number, waited on, reveals nothing: the same 404 as reading it.
    let theirs = otto.file("Mouse double-clicks").await;
    let (status, _) = rita_page
        .call(
            "ticket_version",
            &[
                ("number", &theirs.number),
                ("seen", "1"),
                ("wait_ms", "20000"),
            ],
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stopping_the_server_answers_waiting_polls_instead_of_waiting_for_them() {
    let app = TestApp::spawn().await;
    app.user("carla@example.org", Role::Coordinator).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let (_, board) = carla.call("get_board", &[]).await;
    let cursor = serde_json::from_str::<BoardSnapshot>(&board)
        .unwrap()
        .cursor;
    let waiting = in_background(
        &carla,
        "poll_board",
        vec![("cursor", cursor.to_string()), ("wait_ms", "20000".into())],
    );
    waiting.still_waiting().await;
    let started = Instant::now();
    app.stop().await;
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "the stop does not wait out the poll"
    );
    let changes: BoardChanges = serde_json::from_str(&waiting.answer().await).unwrap();
    assert!(changes.cards.is_empty());
}
