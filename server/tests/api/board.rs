//! The coordinator's board: the change feed pages without gaps or repeats, and teams that assign
//! new requests automatically share them out.

use crate::helpers::{Session, TestApp};
use crate::wire::{parse, TicketJson};
use app::domain::{Role, Status};
use app::types::{BoardCard, BoardChanges, BoardSnapshot, ColumnPage};
use serde_json::json;
use std::collections::HashMap;

/// Polls from `cursor` until the feed says nothing more is waiting; answers the newest version
/// seen of each ticket and the final cursor.
async fn drain(s: &Session, mut cursor: i64, seen: &mut HashMap<i64, i64>) -> i64 {
    loop {
        let (status, text) = s
            .call("poll_board", &[("cursor", &cursor.to_string())])
            .await;
        assert_eq!(status, 200, "{text}");
        let changes: BoardChanges = serde_json::from_str(&text).unwrap();
        for c in &changes.cards {
            let v = c.ticket.version;
            let e = seen.entry(c.ticket.number.0).or_insert(v);
            *e = (*e).max(v);
        }
        assert!(changes.cursor >= cursor, "the cursor never goes back");
        cursor = changes.cursor;
        if !changes.more {
            return cursor;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_change_feed_pages_through_every_change_even_while_writes_land() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    app.user("carla@example.org", Role::Coordinator).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let (_, board) = carla.call("get_board", &[]).await;
    let start = serde_json::from_str::<BoardSnapshot>(&board)
        .unwrap()
        .cursor;

    // More than a page of changes (a page is 500 events) before the first poll.
    let mut numbers = Vec::new();
    for i in 0..260 {
        let t = rita.file(&format!("Batch {i}")).await;
        numbers.push(t.number);
        let path = format!("/tickets/{}", numbers[i]);
        rita.post(
            &format!("{path}/notes"),
            json!({"body": "More detail", "visibility": "public"}),
        )
        .await;
    }
    let mut seen = HashMap::new();
    let cursor = drain(&carla, start, &mut seen).await;
    assert_eq!(seen.len(), 260, "every changed ticket arrives");

    // Writes landing while the board polls are all picked up by a later poll.
    let writer = {
        let rita = rita.clone();
        let numbers = numbers.clone();
        tokio::spawn(async move {
            for n in numbers.iter().take(120) {
                rita.post(
                    &format!("/tickets/{n}/notes"),
                    json!({"body": "Still broken", "visibility": "public"}),
                )
                .await;
            }
        })
    };
    let mut cursor = cursor;
    while !writer.is_finished() {
        cursor = drain(&carla, cursor, &mut seen).await;
    }
    writer.await.unwrap();
    drain(&carla, cursor, &mut seen).await;
    for n in &numbers {
        let t = rita.ticket(n).await;
        let id = n.trim_start_matches("SB-").parse::<i64>().unwrap();
        assert_eq!(
            seen.get(&id).copied(),
            Some(t.version),
            "{n}: the board ends with the stored version"
        );
    }
    // Nothing new: the answer is empty and the cursor stays.
    let (_, text) = carla
        .call(
            "poll_board",
            &[("cursor", &app.state.feed.get().to_string())],
        )
        .await;
    let empty: BoardChanges = serde_json::from_str(&text).unwrap();
    assert!(empty.cards.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_team_that_assigns_automatically_shares_new_requests_among_qualified_members() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    app.user("carla@example.org", Role::Coordinator).await;
    for t in ["ann", "bob", "cid", "dee"] {
        app.user(&format!("{t}@example.org"), Role::Technician)
            .await;
    }
    let carla = Session::new(&app, Some("carla@example.org")).await;
    // Ann and Bob know hardware; Cid does not; Dee does but is away.
    for (who, skills, availability) in [
        ("ann", "hardware:2", "on_duty"),
        ("bob", "hardware:3", "on_duty"),
        ("cid", "software:3", "on_duty"),
        ("dee", "hardware:3", "away"),
    ] {
        let update = json!({"update": {"email": format!("{who}@example.org"), "tier": 1, "capacity": 5, "availability": availability, "off_until": null, "skills": skills}});
        let (status, text) = carla.call_json("update_technician", update).await;
        assert_eq!(status, 200, "{text}");
    }
    let (status, text) = carla
        .call(
            "save_team",
            &[
                ("team", "Desk"),
                (
                    "members",
                    "ann@example.org, bob@example.org, cid@example.org, dee@example.org",
                ),
                ("auto_assign", "on"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{text}");
    let (status, _) = carla
        .call(
            "route_category",
            &[("route_category", "hardware"), ("route_team", "Desk")],
        )
        .await;
    assert_eq!(status, 200);

    let mut load: HashMap<String, usize> = HashMap::new();
    for i in 0..6 {
        let t = rita.file(&format!("Broken thing {i}")).await;
        assert_eq!(t.status, "assigned");
        *load.entry(t.assignee_email().to_string()).or_default() += 1;
    }
    assert_eq!(load.get("ann@example.org"), Some(&3));
    assert_eq!(load.get("bob@example.org"), Some(&3));
    assert_eq!(load.len(), 2, "only qualified, available members: {load:?}");

    // Categories of teams without automatic assignment wait for a coordinator.
    let r = rita
        .post(
            "/tickets",
            json!({"title": "Word crashes", "description": "On save", "category": "software", "impact": "low", "urgency": "low", "fields": {"application": "Word"}}),
        )
        .await;
    assert_eq!(parse::<TicketJson>(r).await.status, "new");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_column_pages_in_every_card_once_and_search_finds_unloaded_ones() {
    let app = TestApp::spawn().await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    app.user("carla@example.org", Role::Coordinator).await;
    app.user("tina@example.org", Role::Technician).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let tina = Session::new(&app, Some("tina@example.org")).await;
    let mut filed = std::collections::BTreeSet::new();
    for i in 0..320 {
        let t = rita.file(&format!("Docking station {i}")).await;
        filed.insert(t.number);
    }
    let needle = rita.file("Plotter smells of burnt toast").await;
    filed.insert(needle.number.clone());

    let (status, text) = carla.call("get_board", &[]).await;
    assert_eq!(status, 200, "{text}");
    let board: BoardSnapshot = serde_json::from_str(&text).unwrap();
    let number = |c: &BoardCard| c.ticket.number.to_string();
    let mut seen: Vec<String> = board.cards.iter().map(number).collect();
    assert_eq!(seen.len(), 150, "the first load holds the most urgent 150");
    let total = board
        .totals
        .iter()
        .find(|(status, _)| *status == Status::New)
        .expect("a count of new tickets")
        .1;
    assert_eq!(total, 321);
    let (status, next) = board.next.first().cloned().expect("a next page");
    assert_eq!(status, Status::New);
    let mut after = Some(next);
    let mut pages = 0;
    while let Some(a) = after {
        let (status, text) = carla
            .call("board_page", &[("status", "new"), ("after", &a)])
            .await;
        assert_eq!(status, 200, "{text}");
        let page: ColumnPage = serde_json::from_str(&text).unwrap();
        seen.extend(page.cards.iter().map(number));
        after = page.next;
        pages += 1;
    }
    assert_eq!(pages, 2);
    let unique: std::collections::BTreeSet<String> = seen.iter().cloned().collect();
    assert_eq!(unique.len(), seen.len(), "no card twice");
    assert_eq!(unique, filed, "every card once");

    // The search looks in every open ticket, loaded on the board or not.
    let (status, text) = carla.call("board_search", &[("text", "burnt toast")]).await;
    assert_eq!(status, 200, "{text}");
    let hits: Vec<BoardCard> = serde_json::from_str(&text).unwrap();
    let hits: Vec<String> = hits.iter().map(number).collect();
    assert_eq!(hits, [needle.number]);

    // Only coordinators page and search the board; a bad position is a clear error.
    let (status, _) = tina
        .call("board_page", &[("status", "new"), ("after", "P3.1.1")])
        .await;
    assert_eq!(status, 403);
    let (status, _) = tina.call("board_search", &[("text", "toast")]).await;
    assert_eq!(status, 403);
    let (status, text) = carla
        .call("board_page", &[("status", "new"), ("after", "nonsense")])
        .await;
    assert_eq!(status, 400, "{text}");
}
