//! Projects, facility work orders and links between tickets, through the server functions the
//! pages call and the REST API, with who may see what.

use crate::helpers::{Session, TestApp};
use crate::wire::{parse, Items, Notifications, ProjectJson, ProjectSummaryJson, TicketJson};
use app::domain::coordination::{Project, WorkOrder, WorkOrderStatus};
use app::domain::{EventKind, Role, Status, Ticket};
use app::error::AppError;
use app::types::{BoardSnapshot, ProjectPage, ProjectSummary, TicketDetail};
use serde::de::DeserializeOwned;
use serde_json::json;

fn day(offset: i64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Duration::days(offset)).to_string()
}

/// A server function's answer, read as the type the page reads it into.
fn parsed<T: DeserializeOwned>(r: (u16, String)) -> T {
    succeeded(&r);
    serde_json::from_str(&r.1).unwrap_or_else(|e| panic!("{e} in {}", r.1))
}

fn succeeded(r: &(u16, String)) {
    assert_eq!(r.0, 200, "expected success, got {}: {}", r.0, r.1);
}

fn field_error(r: &(u16, String), field: &str) -> String {
    assert_eq!(r.0, 422, "expected a field error, got {}: {}", r.0, r.1);
    match serde_json::from_str(&r.1) {
        Ok(AppError::Validation(errors)) => errors.into_iter().find(|e| e.field == field),
        _ => None,
    }
    .map(|e| e.text(&app::i18n::Locale::default()))
    .unwrap_or_else(|| panic!("no error for {field} in {}", r.1))
}

async fn ticket(s: &Session, number: &str) -> (u16, String) {
    s.call("get_ticket_detail", &[("number", number)]).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_project_shows_its_progress_to_its_followers_and_nothing_else() {
    let app = TestApp::spawn().await;
    let carla_api = app.api_user("carla@example.org", Role::Coordinator).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let olga = app.api_user("olga@example.org", Role::Requester).await;
    app.user("paul@example.org", Role::Requester).await;
    app.user("pia@example.org", Role::Requester).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let paul = Session::new(&app, Some("paul@example.org")).await;
    let pia = Session::new(&app, Some("pia@example.org")).await;
    let rita_s = Session::new(&app, Some("rita@example.org")).await;

    // Bad input comes back at the fields; only coordinators create projects.
    let bad = carla
        .call(
            "create_project",
            &[
                ("name", "Finance move"),
                ("description", ""),
                ("manager", "nobody@example.org"),
                ("starts_on", &day(5)),
                ("ends_on", &day(1)),
            ],
        )
        .await;
    assert_eq!(
        field_error(&bad, "ends_on"),
        "The end date is before the start date"
    );
    let unknown = carla
        .call(
            "create_project",
            &[
                ("name", "Finance move"),
                ("description", ""),
                ("manager", "nobody@example.org"),
                ("starts_on", &day(-10)),
                ("ends_on", &day(20)),
            ],
        )
        .await;
    assert_eq!(
        field_error(&unknown, "manager"),
        "No account has that email"
    );
    let (starts, ends) = (day(-10), day(20));
    let form = [
        ("name", "Move finance to building B"),
        ("description", "14 desks"),
        ("manager", "paul@example.org"),
        ("starts_on", starts.as_str()),
        ("ends_on", ends.as_str()),
    ];
    assert_eq!(rita_s.call("create_project", &form).await.0, 403);
    let project: Project = parsed(carla.call("create_project", &form).await);
    let id = project.id.to_string();
    assert_eq!(project.manager.email, "paul@example.org");
    let again = carla.call("create_project", &form).await;
    assert_eq!(
        field_error(&again, "name"),
        "A project with this name exists already"
    );
    // Another project Paul has nothing to do with.
    let other: Project = parsed(
        carla
            .call(
                "create_project",
                &[
                    ("name", "New reception"),
                    ("description", ""),
                    ("manager", "pia@example.org"),
                    ("starts_on", &day(0)),
                    ("ends_on", &day(30)),
                ],
            )
            .await,
    );

    // Planned tasks: one overdue, one assigned at once, one bad.
    let task = |title: &'static str, due: String, assignee: &'static str| {
        let id = id.clone();
        let carla = &carla;
        async move {
            carla
                .call(
                    "plan_task",
                    &[
                        ("project", &id),
                        ("title", title),
                        ("description", ""),
                        ("category", "hardware"),
                        ("due_on", &due),
                        ("priority", "P3"),
                        ("assignee", assignee),
                    ],
                )
                .await
        }
    };
    let late: Ticket = parsed(task("Inventory of laptops", day(-2), "").await);
    let desks: Ticket = parsed(task("Set up 12 desks", day(5), "tina@example.org").await);
    assert_eq!(desks.status, Status::Assigned);
    assert_eq!(desks.due_on.map(|d| d.to_string()), Some(day(5)));
    assert!(desks.sla.is_none(), "a planned task runs no SLA clock");
    let refused = task("Printers", "soon".into(), "nobody@example.org").await;
    assert_eq!(
        field_error(&refused, "due_on"),
        "Due date must be a date like 2026-12-31"
    );
    assert_eq!(
        field_error(&refused, "assignee"),
        "No technician has that email"
    );
    // A request from someone else joins the project.
    let request = rita.file("Printer for finance in B-3").await;
    let request_number = request.number.as_str();
    succeeded(
        &carla
            .call(
                "plan_ticket",
                &[("number", request_number), ("project", &id), ("due_on", "")],
            )
            .await,
    );
    let unrelated = olga.file("My own laptop is slow").await;
    let unrelated_number = unrelated.number.as_str();

    // The project manager sees the project, its tickets (public side), and nothing else.
    let list: Vec<ProjectSummary> = parsed(paul.call("projects", &[]).await);
    assert_eq!(list.len(), 1, "only Paul's project: {list:?}");
    assert_eq!(list[0].progress.total, 3);
    assert_eq!(list[0].progress.overdue, 1);
    let page: ProjectPage = parsed(paul.call("project", &[("id", &id)]).await);
    assert_eq!(page.tickets.len(), 3);
    assert!(
        page.tickets.iter().all(|t| t.requester.email.is_empty()),
        "no addresses for people outside IT"
    );
    assert_eq!(page.upcoming[0].number, late.number);
    assert!(!page.can_manage);
    assert_eq!(page.project.manager.email, "");
    let other_id = other.id.to_string();
    assert_eq!(paul.call("project", &[("id", &other_id)]).await.0, 404);
    assert_eq!(paul.call("project", &[("id", "9999")]).await.0, 404);
    let seen: TicketDetail = parsed(ticket(&paul, request_number).await);
    assert!(!seen.staff_view);
    // ... without Rita's address, contact details or who else follows it.
    assert_eq!(seen.ticket.requester.email, "");
    assert!(seen.watchers.is_empty());
    // A technician sees a project only when following it (coordinators see every one).
    let tina_s = Session::new(&app, Some("tina@example.org")).await;
    assert_eq!(tina_s.call("project", &[("id", &id)]).await.0, 404);
    assert!(parsed::<Vec<ProjectSummary>>(tina_s.call("projects", &[]).await).is_empty());
    assert_eq!(ticket(&paul, &late.number.to_string()).await.0, 200);
    assert_eq!(ticket(&paul, unrelated_number).await.0, 404);
    // Paul cannot change what he may only follow.
    assert_eq!(
        paul.call(
            "plan_ticket",
            &[
                ("number", unrelated_number),
                ("project", &id),
                ("due_on", "")
            ]
        )
        .await
        .0,
        403
    );
    // Someone who follows neither sees no project at all.
    assert!(parsed::<Vec<ProjectSummary>>(rita_s.call("projects", &[]).await).is_empty());
    assert_eq!(rita_s.call("project", &[("id", &id)]).await.0, 404);
    assert_eq!(pia.call("project", &[("id", &id)]).await.0, 404);
    // ... until Paul adds her.
    parsed::<Project>(
        paul.call(
            "add_project_watcher",
            &[("id", &id), ("email", "pia@example.org")],
        )
        .await,
    );
    assert_eq!(pia.call("project", &[("id", &id)]).await.0, 200);

    // Progress moves as the work gets done.
    let n = desks.number.to_string();
    let version = tina.ticket(&n).await.version;
    let r = tina
        .patch(
            &format!("/tickets/{n}"),
            Some(version),
            json!({"status": "resolved", "resolution": "Desks set up"}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let page: ProjectPage = parsed(paul.call("project", &[("id", &id)]).await);
    assert_eq!(page.progress.done, 1);
    assert_eq!(page.progress.open, 2);
    // The board offers the project as a filter, and its cards carry it.
    let board: BoardSnapshot = parsed(carla.call("get_board", &[]).await);
    assert!(board
        .projects
        .iter()
        .any(|(_, name)| name == "Move finance to building B"));
    // The REST API answers the same way.
    let r = carla_api.get(&format!("/projects/{id}")).await;
    assert_eq!(r.status(), 200);
    let v: ProjectJson = parse(r).await;
    assert_eq!(v.progress.done, 1);
    assert_eq!(v.progress.open, 2);
    assert_eq!(v.tickets.len(), 3);
    assert_eq!(rita.get(&format!("/projects/{id}")).await.status(), 404);
    let listed: Items<ProjectSummaryJson> = parse(rita.get("/projects").await).await;
    assert!(listed.items.is_empty(), "{listed:?}");
    let listed: Items<ProjectSummaryJson> = parse(carla_api.get("/projects").await).await;
    assert_eq!(listed.items.len(), 2);
    let ours = listed
        .items
        .iter()
        .find(|p| p.name == "Move finance to building B")
        .expect("the project is listed");
    assert_eq!(ours.progress.done, 1);
    let r = rita
        .post(
            &format!("/projects/{id}/tasks"),
            json!({"title": "Sneak", "category": "other", "due_on": day(1)}),
        )
        .await;
    assert_eq!(r.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_facility_manager_sees_and_finishes_only_their_work_orders() {
    let app = TestApp::spawn().await;
    app.user("carla@example.org", Role::Coordinator).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let felix_api = app.api_user("felix@example.org", Role::Facility).await;
    app.user("fran@example.org", Role::Facility).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let tina_s = Session::new(&app, Some("tina@example.org")).await;
    let felix = Session::new(&app, Some("felix@example.org")).await;
    let fran = Session::new(&app, Some("fran@example.org")).await;
    let rita_s = Session::new(&app, Some("rita@example.org")).await;

    let mut numbers = Vec::new();
    for title in [
        "Desk 12 has no network outlet",
        "Desk 13 has no network outlet",
    ] {
        let t = rita.file(title).await;
        let r = carla
            .call_json(
                "change_ticket",
                json!({"number": t.number, "version": t.version, "change": {"action": "assign", "assignee": "tina@example.org"}}),
            )
            .await;
        assert_eq!(r.0, 200, "{}", r.1);
        numbers.push(t.number);
    }
    let first = numbers[0].as_str();

    // Bad input: every field says what is wrong; only facility accounts can receive work.
    let bad = tina_s
        .call(
            "request_facility_work",
            &[
                ("number", first),
                ("what", ""),
                ("location", "B"),
                ("manager", "rita@example.org"),
            ],
        )
        .await;
    field_error(&bad, "what");
    field_error(&bad, "location");
    let wrong = tina_s
        .call(
            "request_facility_work",
            &[
                ("number", first),
                ("what", "Pull a cable to desk 12"),
                ("location", "Building B, 2.14"),
                ("manager", "rita@example.org"),
            ],
        )
        .await;
    assert!(field_error(&wrong, "manager").starts_with("No facility manager has that email"));
    // A requester cannot ask for facility work on her own ticket.
    assert_eq!(
        rita_s
            .call(
                "request_facility_work",
                &[
                    ("number", first),
                    ("what", "Cable please"),
                    ("location", "B 2.14"),
                    ("manager", "felix@example.org")
                ],
            )
            .await
            .0,
        403
    );

    let order: WorkOrder = parsed(
        tina_s
            .call(
                "request_facility_work",
                &[
                    ("number", first),
                    ("what", "Pull a cable to desk 12"),
                    ("location", "Building B, 2.14"),
                    ("manager", "felix@example.org"),
                    ("expected_on", &day(3)),
                ],
            )
            .await,
    );
    let wo = order.id.to_string();
    // The second ticket waits on the same work order.
    let shared: WorkOrder = parsed(
        carla
            .call(
                "request_facility_work",
                &[("number", numbers[1].as_str()), ("existing", &wo)],
            )
            .await,
    );
    assert_eq!(shared.id, order.id);
    for n in &numbers {
        let t = tina.ticket(n).await;
        assert_eq!(t.status, "waiting");
        assert_eq!(t.waiting_on.as_deref(), Some("facility"));
        assert!(t.sla().paused, "the clock pauses: {t:?}");
    }

    // Felix is told, sees his work order (how many tickets wait, not which) and no ticket.
    let told: Notifications = parse(felix_api.get("/notifications").await).await;
    assert!(
        told.items.iter().any(|n| n.kind == "facility_work"),
        "{told:?}"
    );
    let mine: Vec<WorkOrder> = parsed(felix.call("work_orders", &[]).await);
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].ticket_count, 2);
    assert!(mine[0].tickets.is_empty());
    assert_eq!(ticket(&felix, first).await.0, 404);
    // Fran, another facility manager, sees none of it and cannot touch it.
    assert!(parsed::<Vec<WorkOrder>>(fran.call("work_orders", &[]).await).is_empty());
    assert_eq!(
        fran.call(
            "update_work_order",
            &[("id", &wo), ("action", "done"), ("outcome", "")]
        )
        .await
        .0,
        404
    );
    assert_eq!(rita_s.call("work_orders", &[]).await.0, 403);
    // Facility managers cannot cancel; a bad date is refused at the field.
    assert_eq!(
        felix
            .call("update_work_order", &[("id", &wo), ("action", "cancel")])
            .await
            .0,
        403
    );
    let bad_date = felix
        .call(
            "update_work_order",
            &[("id", &wo), ("action", "expect"), ("expected_on", "Friday")],
        )
        .await;
    field_error(&bad_date, "expected_on");

    // Done: both tickets resume, and their technician is told.
    let done: WorkOrder = parsed(
        felix
            .call(
                "update_work_order",
                &[
                    ("id", &wo),
                    ("action", "done"),
                    ("outcome", "Cables pulled and patched"),
                ],
            )
            .await,
    );
    assert_eq!(done.status, WorkOrderStatus::Done);
    for n in &numbers {
        let t = tina.ticket(n).await;
        assert_eq!(t.status, "in_progress", "{t:?}");
        assert!(t.waiting_on.is_none());
    }
    let told: Notifications = parse(tina.get("/notifications").await).await;
    let finished: Vec<_> = told
        .items
        .iter()
        .filter(|n| n.kind == "facility_done" && n.subject.ends_with("facility work done"))
        .collect();
    assert_eq!(finished.len(), 2, "{told:?}");
    assert!(finished[0].body.contains("Cables pulled and patched"));
    let again = felix
        .call("update_work_order", &[("id", &wo), ("action", "done")])
        .await;
    assert_eq!(
        field_error(&again, "outcome"),
        "This work order is finished already"
    );
    // The ticket's history says what happened, for staff and requester alike.
    let detail: TicketDetail = parsed(ticket(&rita_s, first).await);
    let kinds: Vec<EventKind> = detail.events.iter().map(|e| e.kind).collect();
    assert!(kinds.contains(&EventKind::Facility), "{kinds:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merged_duplicate_moves_to_the_survivor_and_its_number_redirects() {
    let app = TestApp::spawn().await;
    app.user("carla@example.org", Role::Coordinator).await;
    app.user("tom@example.org", Role::Technician).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let bob = app.api_user("bob@example.org", Role::Requester).await;
    app.user("wendy@example.org", Role::Requester).await;
    app.user("eve@example.org", Role::Requester).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let tom = Session::new(&app, Some("tom@example.org")).await;
    let bob_s = Session::new(&app, Some("bob@example.org")).await;
    let eve = Session::new(&app, Some("eve@example.org")).await;

    let keep = rita.file("Printer on floor 2 jams").await;
    let keep_n = keep.number;
    let dup = bob.file("Floor 2 printer jams again").await;
    let dup_n = dup.number;
    bob.post(
        &format!("/tickets/{dup_n}/notes"),
        json!({"body": "It jams on every duplex job", "visibility": "public"}),
    )
    .await;
    bob.post(
        &format!("/tickets/{dup_n}/watchers"),
        json!({"email": "wendy@example.org"}),
    )
    .await;

    // Only coordinators (or the duplicate's assignee) merge; nonsense is refused at the field.
    let r = tom
        .call(
            "link_ticket",
            &[
                ("number", &dup_n),
                ("kind", "duplicate"),
                ("other", &keep_n),
            ],
        )
        .await;
    assert_eq!(
        r.0, 403,
        "a technician who does not have it cannot merge it: {}",
        r.1
    );
    let r = carla
        .call(
            "link_ticket",
            &[("number", &dup_n), ("kind", "duplicate"), ("other", &dup_n)],
        )
        .await;
    assert_eq!(
        field_error(&r, "other"),
        "A ticket cannot be linked to itself"
    );
    let r = carla
        .call(
            "link_ticket",
            &[
                ("number", &dup_n),
                ("kind", "duplicate"),
                ("other", "SB-99999"),
            ],
        )
        .await;
    field_error(&r, "other");
    succeeded(
        &carla
            .call(
                "link_ticket",
                &[
                    ("number", &dup_n),
                    ("kind", "duplicate"),
                    ("other", &keep_n),
                ],
            )
            .await,
    );

    // The survivor holds the note and the watchers (Bob among them).
    let survivor: TicketDetail = parsed(ticket(&carla, &keep_n).await);
    assert!(survivor
        .notes
        .iter()
        .any(|n| n.body.contains("every duplex job")));
    let watchers: Vec<&str> = survivor.watchers.iter().map(|w| w.email.as_str()).collect();
    assert!(watchers.contains(&"bob@example.org") && watchers.contains(&"wendy@example.org"));
    assert_eq!(survivor.extras.links.merged[0].number.to_string(), dup_n);
    // Bob is told, and his old number leads to the survivor: page, server function and API.
    let told: Notifications = parse(bob.get("/notifications").await).await;
    assert!(told.items.iter().any(|n| n.kind == "merged"), "{told:?}");
    let page = bob_s
        .client
        .get(format!("{}/tickets/{dup_n}", bob_s.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 303);
    assert_eq!(
        page.headers()["location"],
        format!("/tickets/{keep_n}?merged={dup_n}").as_str()
    );
    let via_old: TicketDetail = parsed(ticket(&bob_s, &dup_n).await);
    assert_eq!(via_old.ticket.number.to_string(), keep_n);
    assert_eq!(
        via_old.merged_from.map(|n| n.to_string()),
        Some(dup_n.clone())
    );
    let api = bob.get(&format!("/tickets/{dup_n}")).await;
    assert_eq!(api.status(), 200, "the API client follows the redirect");
    assert_eq!(parse::<TicketJson>(api).await.number, keep_n);
    // Someone who could see neither gets nothing from the old number.
    assert_eq!(ticket(&eve, &dup_n).await.0, 404);
    let eve_page = eve
        .client
        .get(format!("{}/tickets/{dup_n}", eve.base))
        .send()
        .await
        .unwrap();
    assert_ne!(eve_page.status(), 303);
    // The duplicate itself is cancelled and cannot be merged again.
    let old: TicketDetail = parsed(ticket(&carla, &dup_n).await);
    assert_eq!(
        old.ticket.number.to_string(),
        keep_n,
        "staff are led on too"
    );
    let r = carla
        .call(
            "link_ticket",
            &[
                ("number", &dup_n),
                ("kind", "duplicate"),
                ("other", &keep_n),
            ],
        )
        .await;
    assert_eq!(r.0, 422, "{}", r.1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn resolving_a_parent_resolves_its_children_and_tells_each_requester() {
    let app = TestApp::spawn().await;
    app.user("carla@example.org", Role::Coordinator).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    let bob = app.api_user("bob@example.org", Role::Requester).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let rita_s = Session::new(&app, Some("rita@example.org")).await;

    let parent = rita.file("Email is down for everyone").await;
    let p = parent.number.clone();
    let child = bob.file("I cannot send email").await;
    let c = child.number;
    // Another child that Tom works on stays with Tom when Tina resolves the parent.
    app.user("tom@example.org", Role::Technician).await;
    let toms = bob.file("Mail stuck in my outbox").await;
    let t = toms.number;
    let r = carla
        .call_json(
            "change_ticket",
            json!({"number": t, "version": toms.version, "change": {"action": "assign", "assignee": "tom@example.org"}}),
        )
        .await;
    assert_eq!(r.0, 200, "{}", r.1);
    let r = carla
        .call_json(
            "change_ticket",
            json!({"number": p, "version": parent.version, "change": {"action": "assign", "assignee": "tina@example.org"}}),
        )
        .await;
    assert_eq!(r.0, 200, "{}", r.1);
    succeeded(
        &carla
            .call(
                "link_ticket",
                &[("number", &p), ("kind", "child"), ("other", &c)],
            )
            .await,
    );
    succeeded(
        &carla
            .call(
                "link_ticket",
                &[("number", &t), ("kind", "parent"), ("other", &p)],
            )
            .await,
    );
    // A loop is refused, and so is a second link between the same tickets.
    let r = carla
        .call(
            "link_ticket",
            &[("number", &p), ("kind", "parent"), ("other", &c)],
        )
        .await;
    assert_eq!(
        field_error(&r, "other"),
        "That would make a ticket its own parent"
    );
    // Requesters cannot link.
    assert_eq!(
        rita_s
            .call(
                "link_ticket",
                &[("number", &p), ("kind", "related"), ("other", &c)]
            )
            .await
            .0,
        403
    );
    let detail: TicketDetail = parsed(ticket(&carla, &p).await);
    let children = &detail.extras.links.children;
    assert_eq!(children.len(), 2);
    assert_eq!(children[0].number.to_string(), c);
    let child_view: TicketDetail = parsed(ticket(&carla, &c).await);
    let linked_parent = child_view.extras.links.parent.expect("a parent");
    assert_eq!(linked_parent.number.to_string(), p);
    // The requester sees no links (they are IT's bookkeeping).
    let requester_view: TicketDetail = parsed(ticket(&rita_s, &p).await);
    assert!(requester_view.extras.links.children.is_empty());

    let current = tina.ticket(&p).await;
    let r = tina
        .patch(
            &format!("/tickets/{p}"),
            Some(current.version),
            json!({"status": "resolved", "resolution": "Restarted the mail relay", "resolve_children": true}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap());
    let child = tina.ticket(&c).await;
    assert_eq!(child.status, "resolved", "{child:?}");
    assert_eq!(
        child.resolution.as_deref(),
        Some("Restarted the mail relay")
    );
    assert_eq!(child.assignee_email(), "tina@example.org");
    let carla_api = app.api_user("carla2@example.org", Role::Coordinator).await;
    let toms = carla_api.ticket(&t).await;
    assert_eq!(
        toms.status, "assigned",
        "Tom's child is his to resolve: {toms:?}"
    );
    let told: Notifications = parse(bob.get("/notifications").await).await;
    assert!(
        told.items
            .iter()
            .any(|n| n.kind == "resolved" && n.ticket.as_deref() == Some(c.as_str())),
        "{told:?}"
    );
    // Unlinking works and is refused when there is nothing to unlink.
    succeeded(
        &carla
            .call("unlink_ticket", &[("number", &p), ("other", &c)])
            .await,
    );
    assert_eq!(
        carla
            .call("unlink_ticket", &[("number", &p), ("other", &c)])
            .await
            .0,
        404
    );
}
