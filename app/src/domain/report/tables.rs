//! The report's remaining tables: service levels, flow, escalations, waiting, people, ratings and comments.

use super::*;

pub(super) fn sla_table(
    tickets: &[Measured],
    resolved: &[&Measured],
    now: DateTime<Utc>,
    locale: &Locale,
) -> Table {
    let rows = priorities_and_all(locale)
        .map(|(label, p)| {
            let matches = |t: &Measured| p.is_none_or(|p| t.h.priority == p);
            let (mut measured, mut met, mut response_breaches, mut resolution_breaches, mut near) =
                (0, 0, 0, 0, 0);
            for t in resolved.iter().copied().filter(|t| matches(t)) {
                let (Some(c), Some(resolution)) = (t.clock, t.resolution_time()) else {
                    continue;
                };
                let response = t.response_time().unwrap_or(resolution);
                measured += 1;
                let response_ok = response <= c.response;
                let resolution_ok = resolution <= c.resolution;
                response_breaches += usize::from(!response_ok);
                resolution_breaches += usize::from(!resolution_ok);
                if response_ok && resolution_ok {
                    met += 1;
                    let share = |used: Duration, target: Duration| {
                        used.num_seconds() * 100
                            >= target.num_seconds() * i64::from(c.at_risk_percent)
                    };
                    if share(response, c.response) || share(resolution, c.resolution) {
                        near += 1;
                    }
                }
            }
            let overdue = tickets
                .iter()
                .filter(|t| matches(t) && t.h.status.is_open())
                .filter(|t| {
                    t.clock
                        .is_some_and(|c| t.timeline.used(&c.calendar, now) > c.resolution)
                })
                .count();
            row(
                label,
                vec![
                    Cell::Count(measured as i64),
                    Cell::Count(met as i64),
                    Cell::percent(met, measured),
                    Cell::Count(response_breaches as i64),
                    Cell::Count(resolution_breaches as i64),
                    Cell::Count(near as i64),
                    Cell::Count(overdue as i64),
                ],
            )
        })
        .collect();
    Table {
        key: "sla".into(),
        title: locale.t("report-sla-title"),
        note: locale.t("report-sla-note"),
        label: locale.t("report-label-priority"),
        columns: vec![
            locale.t("report-column-resolved"),
            locale.t("report-sla-within"),
            locale.t("report-sla-within-percent"),
            locale.t("report-sla-response-breaches"),
            locale.t("report-sla-resolution-breaches"),
            locale.t("report-sla-near-misses"),
            locale.t("report-sla-open-overdue"),
        ],
        rows,
        chart: Some(Chart::Bars(2)),
    }
}

pub(super) fn flow_table(resolved: &[&Measured], locale: &Locale) -> Table {
    let n = resolved.len();
    let count = |f: &dyn Fn(&Measured) -> bool| resolved.iter().filter(|t| f(t)).count();
    let escalated = count(&|t| t.escalated);
    let reopened = count(&|t| t.reopened);
    let first_time = count(&|t| !t.escalated && !t.reopened && t.assignments <= 1);
    let reassignments: usize = resolved
        .iter()
        .map(|t| t.assignments.saturating_sub(1))
        .sum();
    let per_ticket = if n == 0 {
        Cell::Empty
    } else {
        Cell::number(reassignments as f64 / n as f64, 2)
    };
    Table {
        key: "flow".into(),
        title: locale.t("report-flow-title"),
        note: locale.t("report-flow-note"),
        label: locale.t("report-flow-label"),
        columns: vec![locale.t("report-flow-value")],
        rows: vec![
            row(
                locale.t("report-flow-resolved"),
                vec![Cell::Count(n as i64)],
            ),
            row(
                locale.t("report-flow-escalation-rate"),
                vec![Cell::percent(escalated, n)],
            ),
            row(locale.t("report-flow-reassignments"), vec![per_ticket]),
            row(
                locale.t("report-flow-reopen-rate"),
                vec![Cell::percent(reopened, n)],
            ),
            row(
                locale.t("report-flow-first-time-fix"),
                vec![Cell::percent(first_time, n)],
            ),
        ],
        chart: None,
    }
}

pub(super) fn escalations_table(
    facts: &Facts,
    tickets: &[Measured],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    locale: &Locale,
) -> Table {
    let mut counts: Vec<(String, i64)> = Vec::new();
    for t in tickets {
        for (at, change) in &t.h.changes {
            let Change::Escalated { by } = change else {
                continue;
            };
            if !in_period(*at, start, end) {
                continue;
            }
            let source = match by {
                None => locale.t("report-escalations-rule"),
                Some(id) => facts.staff.iter().find(|s| s.id == *id).map_or_else(
                    || locale.t("report-escalations-former-staff"),
                    |s| s.name.clone(),
                ),
            };
            let category = category_name(facts, &t.h.category, locale);
            let label = format!("{source} · {category}");
            match counts.iter_mut().find(|(l, _)| *l == label) {
                Some((_, n)) => *n += 1,
                None => counts.push((label, 1)),
            }
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Table {
        key: "escalations".into(),
        title: locale.t("report-escalations-title"),
        note: locale.t("report-escalations-note"),
        label: locale.t("report-escalations-label"),
        columns: vec![locale.t("report-escalations-count")],
        rows: counts
            .into_iter()
            .map(|(l, n)| row(l, vec![Cell::Count(n)]))
            .collect(),
        chart: Some(Chart::Bars(0)),
    }
}

pub(super) fn waiting_table(
    tickets: &[Measured],
    start: DateTime<Utc>,
    until: DateTime<Utc>,
    locale: &Locale,
) -> Table {
    let rows = WaitingOn::ALL
        .iter()
        .map(|on| {
            let (mut ticket_count, mut total) = (0i64, Duration::zero());
            for t in tickets {
                let waited = t
                    .waits
                    .iter()
                    .filter(|w| w.0 == *on)
                    .map(|(_, a, b)| {
                        let (a, b) = ((*a).max(start), b.unwrap_or(until).min(until));
                        (b - a).max(Duration::zero())
                    })
                    .fold(Duration::zero(), |s, d| s + d);
                if waited > Duration::zero() {
                    ticket_count += 1;
                    total += waited;
                }
            }
            let average = (ticket_count > 0).then(|| total / ticket_count as i32);
            row(
                locale.t(match on {
                    WaitingOn::Requester => "report-waiting-requester",
                    WaitingOn::ThirdParty => "report-waiting-third-party",
                    WaitingOn::Facility => "report-waiting-facility",
                }),
                vec![
                    Cell::Count(ticket_count),
                    Cell::hours(Some(total)),
                    Cell::hours(average),
                ],
            )
        })
        .collect();
    Table {
        key: "waiting".into(),
        title: locale.t("report-waiting-title"),
        note: locale.t("report-waiting-note"),
        label: locale.t("report-waiting-label"),
        columns: vec![
            locale.t("report-waiting-tickets"),
            locale.t("report-waiting-hours"),
            locale.t("report-waiting-average"),
        ],
        rows,
        chart: Some(Chart::Bars(1)),
    }
}

pub(super) fn people_table(
    scope: &ReportScope,
    facts: &Facts,
    resolved: &[&Measured],
    tickets: &[Measured],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    locale: &Locale,
) -> Table {
    // Counted once for everybody rather than once per technician.
    let mut raised: HashMap<i64, i64> = HashMap::new();
    let mut done: HashMap<i64, i64> = HashMap::new();
    for t in tickets {
        for (at, c) in &t.h.changes {
            if let (Change::Escalated { by: Some(by) }, true) = (c, in_period(*at, start, end)) {
                *raised.entry(*by).or_default() += 1;
            }
        }
    }
    for t in resolved {
        if let Some(a) = t.h.assignee {
            *done.entry(a).or_default() += 1;
        }
    }
    let rows = facts
        .staff
        .iter()
        .filter(|s| s.technician)
        .filter(|s| scope.technician.is_none_or(|id| id == s.id))
        .filter(|s| {
            scope
                .team
                .as_ref()
                .is_none_or(|team| s.teams.contains(team))
        })
        .map(|s| {
            let resolved_by = done.get(&s.id).copied().unwrap_or_default();
            let minutes = facts
                .minutes_logged
                .iter()
                .filter(|(id, _)| *id == s.id)
                .map(|(_, m)| *m)
                .sum::<i64>();
            let escalations = raised.get(&s.id).copied().unwrap_or_default();
            row(
                s.name.clone(),
                vec![
                    Cell::Count(s.open_now),
                    Cell::Count(s.capacity),
                    if s.capacity > 0 {
                        Cell::number(s.open_now as f64 * 100.0 / s.capacity as f64, 1)
                    } else {
                        Cell::Empty
                    },
                    Cell::Count(resolved_by),
                    Cell::number(minutes as f64 / 60.0, 2),
                    Cell::Count(escalations),
                ],
            )
        })
        .collect();
    Table {
        key: "people".into(),
        title: locale.t("report-people-title"),
        note: locale.t("report-people-note"),
        label: locale.t("report-people-label"),
        columns: vec![
            locale.t("report-people-open-now"),
            locale.t("report-people-capacity"),
            locale.t("report-people-load"),
            locale.t("report-column-resolved"),
            locale.t("report-people-hours-logged"),
            locale.t("report-people-escalations-raised"),
        ],
        rows,
        chart: Some(Chart::Bars(2)),
    }
}

pub(super) fn ratings_table(ratings: &[&RatingFact], locale: &Locale) -> Table {
    Table {
        key: "ratings".into(),
        title: locale.t("report-ratings-title"),
        note: locale.t("report-ratings-note"),
        label: locale.t("report-column-score"),
        columns: vec![locale.t("report-ratings-count")],
        rows: (1..=5u8)
            .rev()
            .map(|score| {
                let n = ratings.iter().filter(|r| r.score == score).count();
                row(score.to_string(), vec![Cell::Count(n as i64)])
            })
            .collect(),
        chart: Some(Chart::Bars(0)),
    }
}

pub(super) fn comments_table(ratings: &[&RatingFact], locale: &Locale) -> Table {
    let mut with_comments: Vec<&&RatingFact> = ratings
        .iter()
        .filter(|r| r.comment.as_deref().is_some_and(|c| !c.trim().is_empty()))
        .collect();
    with_comments.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.number.cmp(&a.number)));
    Table {
        key: "comments".into(),
        title: locale.t("report-comments-title"),
        note: locale.t_with(
            "report-comments-note",
            &[("count", (MAX_COMMENTS as i64).into())],
        ),
        label: locale.t("report-comments-label"),
        columns: vec![
            locale.t("report-column-score"),
            locale.t("report-comments-comment"),
        ],
        rows: with_comments
            .into_iter()
            .take(MAX_COMMENTS)
            .map(|r| {
                row(
                    r.number.to_string(),
                    vec![
                        Cell::Count(i64::from(r.score)),
                        Cell::Text(r.comment.clone().unwrap_or_default().trim().to_string()),
                    ],
                )
            })
            .collect(),
        chart: None,
    }
}
