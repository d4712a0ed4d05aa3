//! Recurring work: a schedule in the desk's time zone files each run once, across a month
//! boundary, a clock change, a restart after downtime and two processes on one database.

use crate::helpers::{ahead_to, Session, TestApp};
use app::domain::Role;
use app::server::service::file_due_recurring;
use app::types::Recurring;
use chrono::{DateTime, Utc};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn berlin(c: &mut switchboard::Config) {
    c.time_zone = chrono_tz::Europe::Berlin;
}

/// The form the page posts for "the first Tuesday of each month at 08:00, for Tina".
fn first_tuesday(title: &str) -> Vec<(&str, &str)> {
    vec![
        ("recurring[title]", title),
        (
            "recurring[description]",
            "1. Renew the certificate\n2. Install it on the gateway",
        ),
        ("recurring[category]", "other"),
        ("recurring[impact]", "medium"),
        ("recurring[urgency]", "medium"),
        ("recurring[assignee]", "tina@example.org"),
        ("recurring[schedule][repeat]", "month_weekday"),
        ("recurring[schedule][nth]", "1"),
        ("recurring[schedule][weekday]", "tue"),
        ("recurring[schedule][first]", "2027-01-01"),
        ("recurring[schedule][at]", "08:00"),
    ]
}

/// How many tickets carry `title`, as the coordinator's API list shows them.
async fn filed(app: &TestApp, title: &str) -> Vec<serde_json::Value> {
    let carla = app.token("carla@example.org").await;
    let r = app
        .client
        .get(format!(
            "{}/api/v1/tickets?q={}&limit=100",
            app.base,
            urlencode(title)
        ))
        .bearer_auth(carla)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let page: serde_json::Value = r.json().await.unwrap();
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["title"] == title)
        .cloned()
        .collect()
}

fn urlencode(s: &str) -> String {
    s.replace(' ', "%20")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_monthly_run_files_once_across_a_month_a_clock_change_a_restart_and_two_processes() {
    let title = "Renew the VPN certificate";
    let app = TestApp::spawn_configured_at(at("2027-01-28T12:00:00Z"), berlin).await;
    app.user("carla@example.org", Role::Coordinator).await;
    app.user("tina@example.org", Role::Technician).await;
    let carla = Session::new(&app, Some("carla@example.org")).await;

    // The next five runs, 08:00 in Berlin: 07:00 UTC in winter, 06:00 after the 28 March change.
    let (status, text) = carla
        .call("schedule_recurring", &first_tuesday(title))
        .await;
    assert_eq!(status, 200, "{text}");
    let scheduled: Recurring = serde_json::from_str(&text).unwrap();
    assert_eq!(
        scheduled.next,
        vec![
            at("2027-02-02T07:00:00Z"),
            at("2027-03-02T07:00:00Z"),
            at("2027-04-06T06:00:00Z"),
            at("2027-05-04T06:00:00Z"),
            at("2027-06-01T06:00:00Z"),
        ]
    );
    assert_eq!(
        scheduled.assignee.as_ref().unwrap().email,
        "tina@example.org"
    );

    // Not due yet: nothing is filed.
    file_due_recurring(&app.state).await.unwrap();
    assert!(filed(&app, title).await.is_empty());

    // Past the month's end and 08:00 on the first Tuesday: filed once, assigned to Tina, by
    // schedule, however often the scheduler looks.
    app.state.clock.advance(
        (at("2027-02-02T07:00:30Z") - at("2027-01-28T12:00:00Z"))
            .to_std()
            .unwrap(),
    );
    for _ in 0..3 {
        file_due_recurring(&app.state).await.unwrap();
    }
    let tickets = filed(&app, title).await;
    assert_eq!(tickets.len(), 1, "{tickets:?}");
    assert_eq!(tickets[0]["assignee"]["email"], "tina@example.org");
    assert_eq!(tickets[0]["status"], "assigned");
    let r = app
        .client
        .get(format!(
            "{}/api/v1/tickets/{}/events",
            app.base,
            tickets[0]["number"].as_str().unwrap()
        ))
        .bearer_auth(app.token("carla@example.org").await)
        .send()
        .await
        .unwrap();
    assert!(
        r.text().await.unwrap().contains("schedule"),
        "filed by its schedule"
    );
    // Days later a session has expired: sign in again.
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let (_, text) = carla.call("recurring_tickets", &[]).await;
    let listed: Vec<Recurring> = serde_json::from_str(&text).unwrap();
    assert_eq!(listed[0].next[0], at("2027-03-02T07:00:00Z"));
    assert_eq!(
        listed[0].last.map(|n| n.to_string()),
        tickets[0]["number"].as_str().map(String::from)
    );

    // Down from before the March run until after the April one: on restart the missed runs are
    // filed once, not twice, and the schedule moves on to May (after the clock change).
    let mut config = app.stop().await;
    berlin(&mut config);
    let app = TestApp::start(config, ahead_to(at("2027-04-10T09:00:00Z"))).await;
    file_due_recurring(&app.state).await.unwrap();
    assert_eq!(filed(&app, title).await.len(), 2);
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let (_, text) = carla.call("recurring_tickets", &[]).await;
    let listed: Vec<Recurring> = serde_json::from_str(&text).unwrap();
    assert_eq!(listed[0].next[0], at("2027-05-04T06:00:00Z"));

    // Two processes of the desk reach the May run at the same moment: one files it.
    let may = at("2027-05-04T06:00:30Z");
    app.state
        .clock
        .advance((may - at("2027-04-10T09:00:00Z")).to_std().unwrap());
    let other = app.sibling_at(may, berlin).await;
    let (a, b) = tokio::join!(
        file_due_recurring(&app.state),
        file_due_recurring(&other.state)
    );
    assert_eq!(
        a.unwrap() + b.unwrap(),
        1,
        "exactly one process files the run"
    );
    assert_eq!(filed(&app, title).await.len(), 3);

    // Stopped: no more runs; the tickets it filed stay.
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let (status, _) = carla
        .call("stop_recurring", &[("id", &listed[0].id.to_string())])
        .await;
    assert_eq!(status, 200);
    app.state
        .clock
        .advance(std::time::Duration::from_secs(40 * 86_400));
    file_due_recurring(&app.state).await.unwrap();
    assert_eq!(filed(&app, title).await.len(), 3);
    let carla = Session::new(&app, Some("carla@example.org")).await;
    let (_, text) = carla.call("recurring_tickets", &[]).await;
    assert_eq!(text, "[]");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_coordinators_schedule_and_every_wrong_part_is_named_at_its_field() {
    let app = TestApp::spawn().await;
    app.user("carla@example.org", Role::Coordinator).await;
    app.user("tina@example.org", Role::Technician).await;
    app.user("rita@example.org", Role::Requester).await;
    let form = first_tuesday("Patch day");
    for (who, expected) in [("tina@example.org", 403), ("rita@example.org", 403)] {
        let s = Session::new(&app, Some(who)).await;
        assert_eq!(
            s.call("schedule_recurring", &form).await.0,
            expected,
            "{who}"
        );
        assert_eq!(s.call("recurring_tickets", &[]).await.0, expected, "{who}");
        assert_eq!(
            s.call("stop_recurring", &[("id", "1")]).await.0,
            expected,
            "{who}"
        );
    }
    let anonymous = Session::new(&app, None).await;
    assert_eq!(anonymous.call("recurring_tickets", &[]).await.0, 401);

    let carla = Session::new(&app, Some("carla@example.org")).await;
    let bad = vec![
        ("recurring[title]", ""),
        ("recurring[description]", "x"),
        ("recurring[category]", "other"),
        ("recurring[impact]", "medium"),
        ("recurring[urgency]", "medium"),
        ("recurring[assignee]", "rita@example.org"),
        ("recurring[schedule][repeat]", "days"),
        ("recurring[schedule][every]", "0"),
        ("recurring[schedule][first]", "31/01/2027"),
        ("recurring[schedule][at]", "8 o'clock<script>"),
    ];
    let (status, text) = carla.call("schedule_recurring", &bad).await;
    assert_eq!(status, 422, "{text}");
    for field in ["title", "assignee", "first", "at"] {
        assert!(
            text.contains(&format!("\"{field}\"")),
            "{field} named in {text}"
        );
    }
    // A category whose questions a template cannot answer is refused at the category.
    let mut hardware = first_tuesday("Check the printers");
    hardware[2] = ("recurring[category]", "hardware");
    hardware[5] = ("recurring[assignee]", "");
    let (status, text) = carla.call("schedule_recurring", &hardware).await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("\"category\""), "{text}");
    assert!(!text.contains("asset_tag"), "{text}");

    // A preview names a wrong interval at its field too, and answers five dates for a good one.
    let (status, text) = carla
        .call(
            "preview_schedule",
            &[
                ("schedule[repeat]", "weeks"),
                ("schedule[every]", "60"),
                ("schedule[first]", "2030-01-01"),
                ("schedule[at]", "08:00"),
            ],
        )
        .await;
    assert_eq!(status, 422, "{text}");
    assert!(text.contains("\"every\""), "{text}");
    let (status, text) = carla
        .call(
            "preview_schedule",
            &[
                ("schedule[repeat]", "weeks"),
                ("schedule[every]", "2"),
                ("schedule[first]", "2030-01-01"),
                ("schedule[at]", "08:00"),
            ],
        )
        .await;
    assert_eq!(status, 200, "{text}");
    let dates: Vec<DateTime<Utc>> = serde_json::from_str(&text).unwrap();
    assert_eq!(dates.len(), 5);
    assert_eq!(dates[1] - dates[0], chrono::Duration::weeks(2));
    // Stopping what does not exist: 404.
    assert_eq!(carla.call("stop_recurring", &[("id", "999")]).await.0, 404);
}
