//! Known issues: announced to requesters, "this affects me too" files one child per person
//! under the announced ticket (triaged and assigned as it is), and resolving it resolves them.

use crate::helpers::{Session, TestApp};
use crate::wire::{parse, Notifications, TicketPage};
use app::domain::{Role, TicketNumber};
use app::types::{BoardChanges, BoardSnapshot, KnownIssue};
use serde_json::json;

/// The ticket number a server function answered, as the REST API writes it.
fn number(text: &str) -> String {
    serde_json::from_str::<TicketNumber>(text)
        .unwrap_or_else(|e| panic!("{e}: {text}"))
        .to_string()
}

fn known(text: &str) -> Vec<KnownIssue> {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_known_issue_gathers_those_it_affects_and_resolves_with_them() {
    let app = TestApp::spawn().await;
    let carla_api = app.api_user("carla@example.org", Role::Coordinator).await;
    app.user("tina@example.org", Role::Technician).await;
    let ann = app.api_user("ann@example.org", Role::Requester).await;
    let bob_api = app.api_user("bob@example.org", Role::Requester).await;
    app.user("eve@example.org", Role::Requester).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let tina = Session::new(&app, Some("tina@example.org")).await;
    let bob = Session::new(&app, Some("bob@example.org")).await;
    let eve = Session::new(&app, Some("eve@example.org")).await;

    // An earlier ticket, so the announcement's id and the announced ticket's differ.
    ann.file("Printer on floor 2 jams").await;
    let outage = ann.file("Outlook cannot reach the server").await;
    let n = outage.number.as_str();
    let r = carla_api
        .patch(
            &format!("/tickets/{n}"),
            Some(outage.version),
            json!({"assignee": "tina@example.org"}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());

    // Only coordinators announce; the notice is checked at its field.
    let (status, _) = tina
        .call(
            "announce_known_issue",
            &[("number", n), ("notice", "Mail is down")],
        )
        .await;
    assert_eq!(status, 403);
    for bad in ["", " x ", &"m".repeat(201)] {
        let (status, text) = carla
            .call("announce_known_issue", &[("number", n), ("notice", bad)])
            .await;
        assert_eq!(status, 422, "{bad:?}: {text}");
        assert!(text.contains("notice"), "{text}");
    }
    let (_, before) = carla.call("get_board", &[]).await;
    let before: BoardSnapshot = serde_json::from_str(&before).unwrap();
    let notice = "Mail is down in building B <b>we are on it</b>";
    let (status, text) = carla
        .call("announce_known_issue", &[("number", n), ("notice", notice)])
        .await;
    assert_eq!(status, 200, "{text}");

    // Requesters see the notice and how many it affects, never the announced ticket's number,
    // and cannot open that ticket.
    let (status, text) = bob.call("known_issues", &[]).await;
    assert_eq!(status, 200);
    let list = known(&text);
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(
        (
            list[0].notice.as_str(),
            list[0].affected,
            list[0].mine,
            list[0].ticket
        ),
        (notice, 1, None, None)
    );
    let announced = carla_api.ticket(n).await;
    let id = list[0].id.to_string();
    let digits = TicketNumber::parse(n).unwrap().0.to_string();
    assert!(
        list[0].id != outage.id() && !text.contains(&digits),
        "the announced ticket is named: {text}"
    );
    let (status, _) = bob.call("get_ticket_detail", &[("number", n)]).await;
    assert_eq!(status, 404);

    // "Me too" files one ticket per person, under the known issue, assigned as it is.
    let (status, text) = bob.call("affected_too", &[("id", &id)]).await;
    assert_eq!(status, 200, "{text}");
    let bobs = number(&text);
    let (_, again) = bob.call("affected_too", &[("id", &id)]).await;
    assert_eq!(number(&again), bobs);
    let (status, text) = eve.call("affected_too", &[("id", &id)]).await;
    assert_eq!(status, 200, "{text}");
    let eves = number(&text);
    // Joining does not touch the known issue's ticket: whoever works on it is not made stale.
    assert_eq!(carla_api.ticket(n).await.version, announced.version);
    assert_ne!(bobs, eves);
    let child = carla_api.ticket(&bobs).await;
    assert_eq!(child.title, notice);
    assert_eq!(child.requester.email, "bob@example.org");
    assert_eq!(child.assignee_email(), "tina@example.org");
    assert_eq!(
        (child.status.as_str(), child.priority.as_str()),
        ("assigned", outage.priority.as_str())
    );
    let (_, text) = bob.call("known_issues", &[]).await;
    let list = known(&text);
    assert_eq!(list[0].affected, 3);
    assert_eq!(list[0].mine.map(|m| m.to_string()), Some(bobs.clone()));
    // The requester of the announced ticket is already on it.
    let ann_session = Session::new(&app, Some("ann@example.org")).await;
    let (_, text) = ann_session.call("affected_too", &[("id", &id)]).await;
    assert_eq!(number(&text), n);

    // A guessed id that is not an open known issue reveals nothing.
    for other in [
        outage.id().to_string(),
        child.id().to_string(),
        "999999".into(),
        "-1".into(),
    ] {
        let (status, _) = bob.call("affected_too", &[("id", &other)]).await;
        assert_eq!(status, 404, "{other}");
    }

    // The board hears of it: the count rises with the next change, and staff see the number.
    let (_, text) = carla
        .call("poll_board", &[("cursor", &before.cursor.to_string())])
        .await;
    let changes: BoardChanges = serde_json::from_str(&text).unwrap();
    let on_board = changes
        .known
        .expect("the board reads the known issues again");
    assert_eq!(on_board[0].affected, 3);
    assert_eq!(
        on_board[0].ticket.map(|t| t.to_string()).as_deref(),
        Some(n)
    );

    // Resolving the known issue resolves its children with its solution, tells each
    // requester, and the banner goes.
    let current = carla_api.ticket(n).await;
    let r = carla_api
        .patch(
            &format!("/tickets/{n}"),
            Some(current.version),
            json!({"status": "resolved", "resolution": "The mail relay is back"}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    for number in [&bobs, &eves] {
        let t = carla_api.ticket(number).await;
        assert_eq!(t.status, "resolved", "{t:?}");
        assert_eq!(t.resolution.as_deref(), Some("The mail relay is back"));
    }
    let told: Notifications = parse(bob_api.get("/notifications").await).await;
    assert!(
        told.items
            .iter()
            .any(|t| t.kind == "resolved" && t.ticket.as_deref() == Some(bobs.as_str())),
        "{told:?}"
    );
    let (_, text) = bob.call("known_issues", &[]).await;
    assert!(known(&text).is_empty(), "{text}");
    let (status, _) = bob.call("affected_too", &[("id", &id)]).await;
    assert_eq!(status, 404);
    let (status, text) = carla
        .call(
            "announce_known_issue",
            &[("number", n), ("notice", "Again")],
        )
        .await;
    assert_eq!(status, 422, "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_merged_into_a_known_issue_counts_and_is_not_filed_again() {
    let app = TestApp::spawn().await;
    let carla_api = app.api_user("carla@example.org", Role::Coordinator).await;
    let ann = app.api_user("ann@example.org", Role::Requester).await;
    let bob = app.api_user("bob@example.org", Role::Requester).await;
    let dan = app.api_user("dan@example.org", Role::Requester).await;
    app.user("eve@example.org", Role::Requester).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let bob_s = Session::new(&app, Some("bob@example.org")).await;
    let dan_s = Session::new(&app, Some("dan@example.org")).await;
    let eve = Session::new(&app, Some("eve@example.org")).await;

    let outage = ann.file("Outlook cannot reach the server").await;
    let n = outage.number.as_str();
    let (status, text) = carla
        .call(
            "announce_known_issue",
            &[("number", n), ("notice", "Mail is down")],
        )
        .await;
    assert_eq!(status, 200, "{text}");
    let id = known(&bob_s.call("known_issues", &[]).await.1)[0]
        .id
        .to_string();
    // Eve says it affects her too: a child of the known issue.
    let (status, text) = eve.call("affected_too", &[("id", &id)]).await;
    assert_eq!(status, 200, "{text}");
    let eves = number(&text);

    // Bob's request about it is merged into the announced ticket, Dan's into Eve's.
    let bobs = bob.file("No mail since this morning").await.number;
    let dans = dan.file("Mail client offline").await.number;
    for (dup, into) in [(&bobs, n), (&dans, eves.as_str())] {
        let (status, text) = carla
            .call(
                "link_ticket",
                &[("number", dup), ("kind", "duplicate"), ("other", into)],
            )
            .await;
        assert_eq!(status, 200, "{dup} into {into}: {text}");
    }

    // Each is on it already, through their own (merged) request, and is counted once.
    for (session, theirs) in [(&bob_s, &bobs), (&dan_s, &dans)] {
        let list = known(&session.call("known_issues", &[]).await.1);
        assert_eq!(list.len(), 1, "{list:?}");
        assert_eq!(
            (list[0].affected, list[0].mine.map(|m| m.to_string())),
            (4, Some(theirs.clone())),
            "{list:?}"
        );
        // "This affects me too" answers with it and files nothing more.
        let (status, text) = session.call("affected_too", &[("id", &id)]).await;
        assert_eq!((status, number(&text)), (200, theirs.clone()));
    }
    let all: TicketPage = parse(carla_api.get("/tickets?limit=100").await).await;
    let joined: Vec<_> = all
        .items
        .iter()
        .filter(|t| t.title == "Mail is down")
        .map(|t| t.requester.email.as_str())
        .collect();
    assert_eq!(joined, ["eve@example.org"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_withdrawn_announcement_leaves_the_ticket_and_its_history() {
    let app = TestApp::spawn().await;
    app.user("carla@example.org", Role::Coordinator).await;
    let ann = app.api_user("ann@example.org", Role::Requester).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let ann_session = Session::new(&app, Some("ann@example.org")).await;
    let t = ann.file("VPN drops every hour").await;
    let n = t.number.as_str();
    let (status, _) = carla
        .call(
            "announce_known_issue",
            &[("number", n), ("notice", "The VPN drops hourly")],
        )
        .await;
    assert_eq!(status, 200);
    let (_, text) = ann_session.call("known_issues", &[]).await;
    assert_eq!(known(&text).len(), 1);
    let (status, _) = ann_session
        .call("withdraw_known_issue", &[("number", n)])
        .await;
    assert_eq!(status, 403);
    let (status, _) = carla.call("withdraw_known_issue", &[("number", n)]).await;
    assert_eq!(status, 200);
    let (_, text) = ann_session.call("known_issues", &[]).await;
    assert!(known(&text).is_empty());
    let after = ann.ticket(n).await;
    assert_eq!(after.status, "new");
    // The requester's history says it was announced and taken down, in words.
    let page = ann_session.page(&format!("/tickets/{n}")).await;
    assert!(
        page.contains("The VPN drops hourly"),
        "announcement missing from the history"
    );
    assert!(
        page.contains("Known issue announcement taken down"),
        "the withdrawal is missing from the history"
    );
}
