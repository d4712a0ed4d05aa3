use super::*;
use crate::domain::sla::Target;
use crate::i18n::Lang;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn hours(h: f64) -> Duration {
    Duration::milliseconds((h * 3_600_000.0) as i64)
}

/// Office hours 09:00–17:00 UTC on weekdays; P1 counts around the clock.
fn policy() -> Policy {
    let t = |r, s, a| Target {
        response_minutes: r,
        resolution_minutes: s,
        around_the_clock: a,
    };
    Policy {
        id: 1,
        name: "Standard".into(),
        categories: vec![],
        teams: vec![],
        calendar: Calendar::parse("UTC", "mon-fri 09:00-17:00", "").unwrap(),
        targets: [
            t(60, 240, true),
            t(120, 480, false),
            t(240, 960, false),
            t(480, 1920, false),
        ],
        at_risk_percent: 75,
        rules: vec![],
    }
}

fn status(to: Status) -> Change {
    Change::Status {
        to,
        waiting_on: None,
    }
}

fn waiting(on: WaitingOn) -> Change {
    Change::Status {
        to: Status::Waiting,
        waiting_on: Some(on),
    }
}

#[expect(
    clippy::too_many_arguments,
    reason = "a test fixture, one argument per column"
)]
fn ticket(
    n: i64,
    created: &str,
    category: &str,
    channel: &str,
    priority: Priority,
    assignee: Option<i64>,
    now: Status,
    changes: &[(&str, Change)],
) -> History {
    History {
        number: TicketNumber(n),
        created_at: at(created),
        category: category.into(),
        team: None,
        channel: channel.parse().unwrap(),
        priority,
        assignee,
        status: now,
        changes: changes.iter().map(|(t, c)| (at(t), c.clone())).collect(),
    }
}

/// A week (Mon 2 – Sun 8 November 2026) with five tickets whose answers are worked out by hand.
fn week() -> Facts {
    use Status::*;
    let a = ticket(
        1001,
        "2026-11-02T10:00:00Z",
        "hardware",
        "portal",
        Priority::P2,
        Some(7),
        Closed,
        &[
            ("2026-11-02T10:30:00Z", Change::Assigned),
            ("2026-11-02T10:30:00Z", status(Assigned)),
            ("2026-11-02T11:00:00Z", Change::Responded),
            ("2026-11-02T11:00:00Z", status(InProgress)),
            // Waits 22 elapsed hours on the requester; the clock stands still.
            ("2026-11-02T12:00:00Z", waiting(WaitingOn::Requester)),
            ("2026-11-03T10:00:00Z", status(InProgress)),
            ("2026-11-03T13:00:00Z", status(Resolved)),
            ("2026-11-03T15:00:00Z", status(Closed)),
        ],
    );
    let b = ticket(
        1002,
        "2026-11-05T16:00:00Z",
        "network",
        "phone",
        Priority::P2,
        Some(8),
        Resolved,
        &[
            ("2026-11-05T16:10:00Z", Change::Assigned),
            ("2026-11-05T16:10:00Z", status(Assigned)),
            ("2026-11-05T16:30:00Z", Change::Escalated { by: Some(7) }),
            ("2026-11-05T16:30:00Z", Change::Assigned),
            ("2026-11-06T10:00:00Z", Change::Responded),
            ("2026-11-06T10:00:00Z", status(InProgress)),
            ("2026-11-06T15:00:00Z", status(Resolved)),
            ("2026-11-06T16:00:00Z", Change::Reopened),
            ("2026-11-06T16:00:00Z", status(InProgress)),
            ("2026-11-06T16:30:00Z", status(Resolved)),
        ],
    );
    let c = ticket(
        1003,
        "2026-11-07T10:00:00Z",
        "account",
        "walk_in",
        Priority::P1,
        None,
        New,
        &[],
    );
    let d = ticket(
        1004,
        "2026-10-20T09:00:00Z",
        "hardware",
        "portal",
        Priority::P3,
        Some(8),
        InProgress,
        &[
            ("2026-11-01T00:00:00Z", waiting(WaitingOn::Facility)),
            ("2026-11-04T12:00:00Z", status(InProgress)),
        ],
    );
    let e = ticket(
        1005,
        "2026-11-03T09:00:00Z",
        "other",
        "portal",
        Priority::P4,
        None,
        Cancelled,
        &[("2026-11-03T09:30:00Z", status(Cancelled))],
    );
    Facts {
        histories: vec![a, b, c, d, e],
        ratings: vec![
            RatingFact {
                number: TicketNumber(1001),
                score: 5,
                comment: Some("Quick fix, thanks".into()),
                at: at("2026-11-04T08:00:00Z"),
            },
            RatingFact {
                number: TicketNumber(1002),
                score: 2,
                comment: Some("=HYPERLINK(\"http://x\")".into()),
                at: at("2026-11-07T08:00:00Z"),
            },
            // Outside the period: not counted.
            RatingFact {
                number: TicketNumber(999),
                score: 1,
                comment: None,
                at: at("2026-10-30T08:00:00Z"),
            },
        ],
        minutes_logged: vec![(7, 90)],
        staff: vec![
            StaffFact {
                id: 7,
                name: "Tina".into(),
                technician: true,
                teams: vec![],
                capacity: 5,
                open_now: 2,
            },
            StaffFact {
                id: 8,
                name: "Nina".into(),
                technician: true,
                teams: vec!["Network".into()],
                capacity: 0,
                open_now: 1,
            },
        ],
        categories: vec![
            ("hardware".into(), "Hardware".into()),
            ("network".into(), "Network".into()),
            ("account".into(), "Account or access".into()),
            ("other".into(), "Other".into()),
        ],
    }
}

/// English, as the tests below read the tables by their headings.
fn english() -> Locale {
    Locale::default()
}

fn report() -> Report {
    report_in(&english())
}

/// The week's report as a reader of `locale` gets it.
fn report_in(locale: &Locale) -> Report {
    let scope = ReportScope {
        from: day("2026-11-02"),
        to: day("2026-11-08"),
        zone: Tz::UTC,
        team: None,
        category: None,
        technician: None,
        priority: None,
    };
    build(
        &scope,
        &week(),
        &[policy()],
        at("2026-11-20T12:00:00Z"),
        locale,
    )
}

fn text(r: &Report, table: &str, row: &str, column: &str) -> String {
    r.table(table)
        .unwrap_or_else(|| panic!("no table {table}"))
        .cell(row, column)
        .unwrap_or_else(|| panic!("no cell {table}/{row}/{column}"))
        .text()
}

fn column(r: &Report, table: &str, column: &str) -> Vec<String> {
    let t = r.table(table).unwrap();
    t.rows
        .iter()
        .map(|row| t.cell(&row.label, column).unwrap().text())
        .collect()
}

#[test]
fn volume_counts_opened_resolved_and_the_backlog_each_day() {
    let r = report();
    assert_eq!(r.bucket, Bucket::Day);
    let days: Vec<&str> = r
        .table("volume")
        .unwrap()
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(days.first(), Some(&"2026-11-02"));
    assert_eq!(days.len(), 7);
    assert_eq!(
        column(&r, "volume", "Opened"),
        ["1", "1", "0", "1", "0", "1", "0"]
    );
    assert_eq!(
        column(&r, "volume", "Resolved"),
        ["0", "1", "0", "0", "1", "0", "0"]
    );
    // The ticket filed in October is open all week; the cancelled one never counts at a day's end.
    assert_eq!(
        column(&r, "volume", "Open at end"),
        ["2", "1", "1", "2", "1", "2", "2"]
    );
    let summary: HashMap<_, _> = r.summary.iter().cloned().collect();
    assert_eq!(summary["Opened"], "4");
    assert_eq!(summary["Resolved"], "2");
    assert_eq!(summary["Open at the end"], "2");
    assert_eq!(summary["Average rating"], "3.50 of 5 (2 ratings)");
}

#[test]
fn speed_counts_business_hours_without_waiting() {
    let r = report();
    // Responses: 1 h (Mon 10–11) and 2 h (Thu 16–17 + Fri 09–10).
    assert_eq!(text(&r, "speed", "All", "Responses"), "2");
    assert_eq!(text(&r, "speed", "All", "Median to respond"), "1.50");
    assert_eq!(
        text(&r, "speed", "All", "90th percentile to respond"),
        "1.90"
    );
    // Resolutions: 5 h (2 h Monday, then 3 h Tuesday after waiting) and 7.5 h (1 + 6 + 0.5
    // after the reopening).
    assert_eq!(text(&r, "speed", "All", "Median to resolve"), "6.25");
    assert_eq!(
        text(&r, "speed", "All", "90th percentile to resolve"),
        "7.25"
    );
    assert_eq!(text(&r, "speed", "P2", "Resolutions"), "2");
    assert_eq!(text(&r, "speed", "P1", "Median to resolve"), "—");
    assert_eq!(
        text(&r, "categories", "Hardware", "Median to resolve"),
        "5.00"
    );
    assert_eq!(text(&r, "categories", "Network", "Escalated"), "1");
}

#[test]
fn service_levels_count_targets_met_near_misses_and_overdue_tickets() {
    let r = report();
    assert_eq!(text(&r, "sla", "All", "Resolved"), "2");
    assert_eq!(text(&r, "sla", "All", "Within target %"), "100.0");
    // 7.5 of 8 hours (and a response at exactly its 2 hours) is past the 75 % at-risk share.
    assert_eq!(text(&r, "sla", "All", "Near misses"), "1");
    assert_eq!(text(&r, "sla", "All", "Response breaches"), "0");
    // The walk-in P1 (4 h around the clock) and the October P3 are open past their targets.
    assert_eq!(text(&r, "sla", "All", "Open and overdue"), "2");
    assert_eq!(text(&r, "sla", "P1", "Open and overdue"), "1");
    assert_eq!(text(&r, "sla", "P1", "Within target %"), "—");
}

#[test]
fn a_resolution_over_target_is_a_breach() {
    let mut facts = week();
    // Ticket A waits no more: 11 business hours to resolve a P2 (8 h target).
    facts.histories[0].changes.retain(|(_, c)| {
        !matches!(
            c,
            Change::Status {
                to: Status::Waiting,
                ..
            }
        )
    });
    let scope = ReportScope::default_for(day("2026-11-08"), Tz::UTC);
    let r = build(
        &scope,
        &facts,
        &[policy()],
        at("2026-11-20T12:00:00Z"),
        &english(),
    );
    assert_eq!(text(&r, "speed", "P2", "Median to resolve"), "9.25");
    assert_eq!(text(&r, "sla", "P2", "Resolution breaches"), "1");
    assert_eq!(text(&r, "sla", "P2", "Within target %"), "50.0");
}

#[test]
fn flow_escalations_waiting_people_and_ratings() {
    let r = report();
    assert_eq!(text(&r, "flow", "Escalation rate %", "Value"), "50.0");
    assert_eq!(
        text(&r, "flow", "Reassignments per ticket", "Value"),
        "0.50"
    );
    assert_eq!(text(&r, "flow", "Reopen rate %", "Value"), "50.0");
    assert_eq!(text(&r, "flow", "First-time fix rate %", "Value"), "50.0");
    assert_eq!(
        text(&r, "escalations", "Tina · Network", "Escalations"),
        "1"
    );
    // The seeded categories by their names in the reader's language, in every table.
    let german = Locale::new(Lang::De, chrono_tz::Europe::Berlin);
    let de = report_in(&german);
    assert_eq!(
        text(&de, "escalations", "Tina · Netzwerk", "Eskalationen"),
        "1"
    );
    assert!(de
        .table("categories")
        .unwrap()
        .rows
        .iter()
        .any(|r| r.label == "Netzwerk"));
    assert_eq!(text(&r, "waiting", "Requester", "Hours"), "22.00");
    // Waiting from 1 November counts from the period's start on the 2nd: 60 hours.
    assert_eq!(text(&r, "waiting", "Facility work", "Hours"), "60.00");
    assert_eq!(text(&r, "waiting", "Third party", "Tickets"), "0");
    assert_eq!(
        text(&r, "waiting", "Third party", "Average hours per ticket"),
        "—"
    );
    assert_eq!(text(&r, "people", "Tina", "Load %"), "40.0");
    assert_eq!(text(&r, "people", "Tina", "Resolved"), "1");
    assert_eq!(text(&r, "people", "Tina", "Hours logged"), "1.50");
    assert_eq!(text(&r, "people", "Tina", "Escalations raised"), "1");
    assert_eq!(text(&r, "people", "Nina", "Load %"), "—");
    assert_eq!(column(&r, "ratings", "Ratings"), ["1", "0", "0", "1", "0"]);
    let comments = r.table("comments").unwrap();
    assert_eq!(comments.rows[0].label, "SB-1002");
    assert_eq!(comments.rows.len(), 2);
}

#[test]
fn filters_narrow_the_technician_table() {
    let mut scope = ReportScope::default_for(day("2026-11-08"), Tz::UTC);
    scope.team = Some("Network".into());
    let r = build(
        &scope,
        &week(),
        &[policy()],
        at("2026-11-20T12:00:00Z"),
        &english(),
    );
    let people: Vec<&str> = r
        .table("people")
        .unwrap()
        .rows
        .iter()
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(people, ["Nina"]);
}

#[test]
fn without_a_policy_times_are_not_measured() {
    let scope = ReportScope::default_for(day("2026-11-08"), Tz::UTC);
    let r = build(&scope, &week(), &[], at("2026-11-20T12:00:00Z"), &english());
    assert_eq!(text(&r, "speed", "All", "Median to resolve"), "—");
    assert_eq!(text(&r, "sla", "All", "Resolved"), "0");
    assert_eq!(text(&r, "volume", "2026-11-03", "Resolved"), "1");
}

#[test]
fn csv_has_the_same_text_as_the_table_and_defuses_formulas() {
    let r = report();
    let csv = r.table("comments").unwrap().csv();
    assert_eq!(
        csv,
        "Ticket,Score,Comment\r\nSB-1002,2,\"'=HYPERLINK(\"\"http://x\"\")\"\r\nSB-1001,5,\"Quick fix, thanks\"\r\n"
    );
    let speed = r.table("speed").unwrap().csv();
    assert!(
        speed.contains("\r\nAll,2,1.50,1.90,2,6.25,7.25\r\n"),
        "{speed}"
    );
    assert!(speed.contains("\r\nP1,0,—,—,0,—,—\r\n"), "{speed}");
    // Negative numbers are figures, not formulas.
    assert_eq!(csv_field("-3"), "-3");
    assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
}

#[test]
fn percentiles_interpolate() {
    let v: Vec<Duration> = (1..=10).map(|h| hours(f64::from(h))).collect();
    assert_eq!(percentile(&v, 0.5), Some(hours(5.5)));
    assert_eq!(percentile(&v, 0.9), Some(hours(9.1)));
    assert_eq!(percentile(&v[..1], 0.9), Some(hours(1.0)));
    assert_eq!(percentile(&[], 0.5), None);
}

#[test]
fn scope_reads_dates_and_filters_and_names_bad_fields() {
    let today = day("2026-11-30");
    let s = ReportScope::parse(&ReportQuery::default(), today, Tz::UTC).unwrap();
    assert_eq!((s.from, s.to), (day("2026-11-01"), today));
    assert_eq!(s.bucket(), Bucket::Day);
    let q = ReportQuery {
        from: "2026-01-01".into(),
        to: "2026-11-30".into(),
        priority: "p2".into(),
        technician: "7".into(),
        ..ReportQuery::default()
    };
    let s = ReportScope::parse(&q, today, Tz::UTC).unwrap();
    assert_eq!(s.priority, Some(Priority::P2));
    assert_eq!(s.bucket(), Bucket::Month);
    let months = s.buckets();
    assert_eq!(months.len(), 11);
    assert_eq!(months[1].0, day("2026-02-01"));
    assert_eq!(months[10].2, at("2026-12-01T00:00:00Z"));
    assert_eq!(ReportScope::parse(&s.query(), today, Tz::UTC).unwrap(), s);

    let bad = ReportQuery {
        from: "yesterday".into(),
        priority: "urgent".into(),
        technician: "tina".into(),
        ..ReportQuery::default()
    };
    let fields: Vec<String> = ReportScope::parse(&bad, today, Tz::UTC)
        .unwrap_err()
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert_eq!(fields, ["from", "technician", "priority"]);
    let backwards = ReportQuery {
        from: "2026-12-01".into(),
        to: "2026-11-01".into(),
        ..ReportQuery::default()
    };
    assert_eq!(
        ReportScope::parse(&backwards, today, Tz::UTC).unwrap_err()[0].0,
        "from"
    );
    let long = ReportQuery {
        from: "2020-01-01".into(),
        ..ReportQuery::default()
    };
    let too_long = ReportScope::parse(&long, today, Tz::UTC).unwrap_err();
    assert_eq!(
        too_long[0].1.render(&english()),
        "A report covers at most 1098 days; choose a shorter period"
    );
    let bad_date = ReportScope::parse(&bad, today, Tz::UTC).unwrap_err();
    assert_eq!(
        bad_date[0].1.render(&english()),
        "'yesterday' is not a date like 2026-11-30"
    );
}

#[test]
fn weeks_split_a_quarter() {
    let s = ReportScope {
        from: day("2026-09-01"),
        to: day("2026-11-30"),
        ..ReportScope::default_for(day("2026-11-30"), Tz::UTC)
    };
    assert_eq!(s.bucket(), Bucket::Week);
    let weeks = s.buckets();
    assert_eq!(weeks.len(), 13);
    assert_eq!(weeks[12].2, at("2026-12-01T00:00:00Z"));
}

#[test]
fn days_are_the_desks_and_words_the_readers() {
    let rome: Tz = "Europe/Rome".parse().unwrap();
    // 23:30 UTC on 1 December is 00:30 on 2 December in Rome.
    let late = ticket(
        2001,
        "2026-12-01T23:30:00Z",
        "hardware",
        "portal",
        Priority::P3,
        None,
        Status::New,
        &[],
    );
    let facts = Facts {
        histories: vec![late],
        categories: week().categories,
        ..Facts::default()
    };
    let scope = ReportScope {
        from: day("2026-12-01"),
        to: day("2026-12-02"),
        zone: rome,
        team: None,
        category: None,
        technician: None,
        priority: None,
    };
    // The period runs from midnight to midnight in Rome (UTC+1 in winter).
    assert_eq!(scope.start(), at("2026-11-30T23:00:00Z"));
    assert_eq!(scope.end(), at("2026-12-02T23:00:00Z"));
    let now = at("2026-12-03T12:00:00Z");

    let r = build(&scope, &facts, &[policy()], now, &english());
    assert_eq!(column(&r, "volume", "Opened"), ["0", "1"]);
    assert_eq!(r.zone_note, "Days and hours in Europe/Rome");
    // In UTC the same ticket is the 1st's.
    let utc = ReportScope {
        zone: Tz::UTC,
        ..scope.clone()
    };
    let r = build(&utc, &facts, &[policy()], now, &english());
    assert_eq!(column(&r, "volume", "Opened"), ["1", "0"]);
    assert_eq!(r.zone_note, "Days and hours in UTC");

    // A German reader gets German headings, notes, labels and CSV header rows; the days stay
    // the desk's.
    let german = Locale::new(Lang::De, chrono_tz::Europe::Berlin);
    let r = build(&scope, &facts, &[policy()], now, &german);
    let volume = r.table("volume").unwrap();
    assert_eq!(volume.title, "Tickets im Zeitverlauf");
    assert_eq!(
        volume.note,
        "Eröffnete und gelöste Tickets pro Tag und wie viele am Ende des Tages offen waren."
    );
    assert_eq!(column(&r, "volume", "Eröffnet"), ["0", "1"]);
    assert_eq!(
        volume.csv(),
        "Tag,Eröffnet,Gelöst,Offen am Ende\r\n2026-12-01,0,0,0\r\n2026-12-02,1,0,1\r\n"
    );
    assert_eq!(r.zone_note, "Tage und Stunden in der Zeitzone Europe/Rome");
    let summary: HashMap<_, _> = r.summary.iter().cloned().collect();
    assert_eq!(summary["Eröffnet"], "1");
    assert_eq!(summary["Durchschnittliche Bewertung"], "—");
    assert_eq!(r.table("speed").unwrap().rows[0].label, "Alle");
    assert_eq!(
        r.table("waiting").unwrap().rows[0].label,
        "Anfragende Person"
    );
    assert_eq!(
        r.table("channels").unwrap().rows[0].label,
        german.t("channel-portal")
    );
    assert_eq!(
        r.table("comments").unwrap().csv(),
        "Ticket,Punkte,Kommentar\r\n"
    );
}

#[test]
fn a_day_whose_midnight_is_skipped_starts_when_the_clocks_do() {
    // Chile moves its clocks from 00:00 straight to 01:00 on Sunday 6 September 2026.
    let zone: Tz = "America/Santiago".parse().unwrap();
    let scope = ReportScope {
        from: day("2026-09-05"),
        to: day("2026-09-07"),
        ..ReportScope::default_for(day("2026-09-30"), zone)
    };
    let days: Vec<_> = scope
        .buckets()
        .into_iter()
        .map(|(_, a, b)| (a, b))
        .collect();
    assert_eq!(
        days,
        [
            (at("2026-09-05T04:00:00Z"), at("2026-09-06T04:00:00Z")),
            (at("2026-09-06T04:00:00Z"), at("2026-09-07T03:00:00Z")),
            (at("2026-09-07T03:00:00Z"), at("2026-09-08T03:00:00Z")),
        ]
    );
}
