//! Reports computed from real ticket histories made through the API, with the server's clock
//! moved forward instead of sleeping; who may see them; the CSV export.

use crate::helpers::{set_policy, Api, Session, TestApp};
use crate::wire::{error, parse, CellJson, ReportJson, TableJson};
use app::domain::Role;
use serde_json::json;
use std::time::Duration;

const MINUTE: Duration = Duration::from_secs(60);

struct Desk {
    app: TestApp,
    carla: Api,
    tina: Api,
    rita: Api,
    resolved: String,
    escalated: String,
}

/// One ticket answered after 30 minutes, waiting two hours on its requester, resolved after
/// two working hours with 50 minutes logged and rated 4; another escalated by its technician.
async fn desk() -> Desk {
    let app = TestApp::spawn().await;
    let admin = app.api_user("ada@example.org", Role::Admin).await;
    let carla = app.api_user("carla@example.org", Role::Coordinator).await;
    let tina = app.api_user("tina@example.org", Role::Technician).await;
    let rita = app.api_user("rita@example.org", Role::Requester).await;
    // Around the clock, so business time is elapsed time less waiting: P2 answers within an
    // hour and resolves within four.
    set_policy(&admin, [(15, 120), (60, 240), (240, 960), (480, 1920)], "").await;
    let clock = &app.state.clock;

    let t = rita.file("Laptop will not boot").await;
    let resolved = t.number;
    let path = format!("/tickets/{resolved}");
    clock.advance(30 * MINUTE);
    let steps = [
        json!({"assignee": "tina@example.org"}),
        json!({"status": "in_progress"}),
    ];
    for (i, step) in steps.into_iter().enumerate() {
        let r = carla.patch(&path, Some(i as i64 + 1), step).await;
        assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    }
    clock.advance(60 * MINUTE);
    let r = tina
        .patch(
            &path,
            Some(3),
            json!({"status": "waiting", "waiting_on": "requester"}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    clock.advance(120 * MINUTE);
    let r = tina
        .patch(&path, Some(4), json!({"status": "in_progress"}))
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    clock.advance(30 * MINUTE);
    let r = tina
        .patch(
            &path,
            Some(5),
            json!({"status": "resolved", "resolution": "Reseated the memory", "minutes": 50}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    let session = Session::new(&app, Some("rita@example.org")).await;
    let (status, text) = session
        .call(
            "rate_ticket",
            &[
                ("number", resolved.as_str()),
                ("score", "4"),
                ("comment", "Fast, thanks"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{text}");

    let t = rita.file("Second screen flickers").await;
    let escalated = t.number;
    let path = format!("/tickets/{escalated}");
    let r = carla
        .patch(&path, Some(1), json!({"assignee": "tina@example.org"}))
        .await;
    assert_eq!(r.status(), 200);
    let r = tina
        .post(
            &format!("{path}/escalate"),
            json!({"reason": "Needs a new panel"}),
        )
        .await;
    assert_eq!(r.status(), 200, "{}", r.text().await.unwrap_or_default());
    Desk {
        app,
        carla,
        tina,
        rita,
        resolved,
        escalated,
    }
}

fn table<'a>(report: &'a ReportJson, key: &str) -> &'a TableJson {
    report
        .tables
        .iter()
        .find(|t| t.key == key)
        .unwrap_or_else(|| panic!("no table {key}"))
}

/// The text of a cell as the page and the CSV show it.
fn cell_text(c: &CellJson) -> String {
    match c {
        CellJson::Count(n) => n.to_string(),
        CellJson::Number { value, decimals } => format!("{value:.decimals$}"),
        CellJson::Text(t) => t.clone(),
        CellJson::Empty => "—".into(),
    }
}

fn cell(report: &ReportJson, key: &str, row: &str, column: &str) -> String {
    let t = table(report, key);
    let col = t
        .columns
        .iter()
        .position(|c| c == column)
        .unwrap_or_else(|| panic!("no column {column} in {key}"));
    let r = t
        .rows
        .iter()
        .find(|r| r.label == row)
        .unwrap_or_else(|| panic!("no row {row} in {key}: {t:?}"));
    cell_text(&r.cells[col])
}

fn summary(report: &ReportJson, label: &str) -> String {
    report
        .summary
        .iter()
        .find(|(l, _)| l == label)
        .map(|(_, figure)| figure.clone())
        .unwrap_or_else(|| panic!("no figure {label}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_measures_what_happened_to_real_tickets() {
    let d = desk().await;
    let r = d.carla.get("/reports").await;
    assert_eq!(r.status(), 200);
    let report: ReportJson = parse(r).await;
    assert_eq!(summary(&report, "Opened"), "2");
    assert_eq!(summary(&report, "Resolved"), "1");
    assert_eq!(summary(&report, "Open at the end"), "1");
    assert_eq!(summary(&report, "Average rating"), "4.00 of 5 (1 ratings)");
    // Work started 30 minutes in; resolved after 2 working hours (the 2 hours waiting on the
    // requester do not count).
    assert_eq!(cell(&report, "speed", "All", "Responses"), "1");
    assert_eq!(cell(&report, "speed", "P2", "Median to respond"), "0.50");
    assert_eq!(cell(&report, "speed", "P2", "Median to resolve"), "2.00");
    assert_eq!(cell(&report, "sla", "P2", "Within target %"), "100.0");
    assert_eq!(cell(&report, "sla", "All", "Near misses"), "0");
    assert_eq!(cell(&report, "waiting", "Requester", "Hours"), "2.00");
    assert_eq!(
        cell(&report, "flow", "First-time fix rate %", "Value"),
        "100.0"
    );
    assert_eq!(cell(&report, "flow", "Escalation rate %", "Value"), "0.0");
    assert_eq!(
        cell(&report, "escalations", "tina · Hardware", "Escalations"),
        "1"
    );
    assert_eq!(cell(&report, "people", "tina", "Resolved"), "1");
    assert_eq!(cell(&report, "people", "tina", "Open now"), "1");
    assert_eq!(cell(&report, "people", "tina", "Hours logged"), "0.83");
    assert_eq!(cell(&report, "people", "tina", "Escalations raised"), "1");
    assert_eq!(cell(&report, "ratings", "4", "Ratings"), "1");
    assert_eq!(
        cell(&report, "comments", &d.resolved, "Comment"),
        "Fast, thanks"
    );
    assert_eq!(cell(&report, "categories", "Hardware", "Opened"), "2");
    assert_eq!(cell(&report, "channels", "API", "Opened"), "2");
    assert!(!d.escalated.is_empty());

    // Filters narrow every measure.
    let r: ReportJson = parse(d.carla.get("/reports?category=network").await).await;
    assert_eq!(summary(&r, "Opened"), "0");
    let r: ReportJson = parse(d.carla.get("/reports?priority=P1").await).await;
    assert_eq!(
        summary(&r, "Opened"),
        "1",
        "the escalated ticket was raised to P1"
    );
    let tina_id = d
        .app
        .state
        .db
        .user_by_email("tina@example.org")
        .await
        .unwrap()
        .unwrap()
        .id;
    let r: ReportJson = parse(d.carla.get(&format!("/reports?technician={tina_id}")).await).await;
    assert_eq!(summary(&r, "Opened"), "2");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_table_downloads_as_csv_with_the_figures_of_the_table() {
    let d = desk().await;
    let report: ReportJson = parse(d.carla.get("/reports").await).await;
    for key in ["volume", "speed", "sla", "people", "comments", "flow"] {
        let r = d.carla.get(&format!("/reports/{key}.csv")).await;
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
        let disposition = r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(disposition.starts_with(&format!("attachment; filename=\"switchboard-{key}-")));
        let csv = r.text().await.unwrap();
        let t = table(&report, key);
        let mut expected = vec![std::iter::once(t.label.clone())
            .chain(t.columns.iter().cloned())
            .collect::<Vec<_>>()
            .join(",")];
        for row in &t.rows {
            let quote = |s: String| {
                if s.contains(',') {
                    format!("\"{s}\"")
                } else {
                    s
                }
            };
            expected.push(
                std::iter::once(quote(row.label.clone()))
                    .chain(row.cells.iter().map(|c| quote(cell_text(c))))
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        assert_eq!(csv, expected.join("\r\n") + "\r\n", "{key}");
    }
    assert_eq!(d.carla.get("/reports/nothing.csv").await.status(), 404);
    assert_eq!(d.carla.get("/reports/volume").await.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_periods_and_filters_are_named_at_their_field() {
    let d = desk().await;
    let r = d
        .carla
        .get("/reports?from=last%20week&technician=99999&category=gardening")
        .await;
    assert_eq!(r.status(), 422);
    let e = error(r).await;
    assert!(e.fields["from"].contains("not a date"), "{e:?}");
    assert!(
        !e.fields.contains_key("technician"),
        "checked once the dates read: {e:?}"
    );
    let r = d
        .carla
        .get("/reports?technician=99999&category=gardening&team=Nobody")
        .await;
    let fields = error(r).await.fields;
    assert_eq!(fields["technician"], "Choose a technician from the list");
    assert_eq!(fields["category"], "There is no such category");
    assert_eq!(fields["team"], "There is no such team");
    let r = d.carla.get("/reports?from=2026-12-01&to=2026-11-01").await;
    assert_eq!(
        error(r).await.fields["from"],
        "The period starts after it ends"
    );
    let r = d.carla.get("/reports?from=2001-01-01&to=2026-11-01").await;
    assert_eq!(r.status(), 422);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_coordinators_and_admins_see_reports() {
    let d = desk().await;
    for (who, api) in [("requester", &d.rita), ("technician", &d.tina)] {
        assert_eq!(d_status(api, "/reports").await, 403, "{who}");
        assert_eq!(d_status(api, "/reports/comments.csv").await, 403, "{who}");
    }
    let anonymous = d
        .app
        .client
        .get(d.app.url("/api/v1/reports/comments.csv"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
    let anonymous = d
        .app
        .client
        .get(d.app.url("/api/v1/reports"))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);

    // The server functions the page uses answer the same.
    let rita = Session::new(&d.app, Some("rita@example.org")).await;
    let (status, text) = rita.call_json("report", json!({"query": {}})).await;
    assert_eq!(status, 403, "{text}");
    assert!(!text.contains("Fast, thanks"));
    let (status, _) = rita.call("report_options", &[]).await;
    assert_eq!(status, 403);

    // The page itself: figures for the coordinator, nothing for the requester.
    let carla = Session::new(&d.app, Some("carla@example.org")).await;
    let page = carla.page("/reports").await;
    assert!(
        page.contains("data-chart=\"lines\""),
        "the trend chart renders on the server"
    );
    assert!(page.contains("Fast, thanks"));
    assert!(page.contains("/api/v1/reports/volume.csv?from="));
    let page = rita.page("/reports").await;
    assert!(page.contains("Not allowed"));
    assert!(!page.contains("Fast, thanks"));
}

async fn d_status(api: &Api, path: &str) -> u16 {
    api.get(path).await.status().as_u16()
}
