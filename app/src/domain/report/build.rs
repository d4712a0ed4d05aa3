//! Building a report: the period's tickets measured, and its first tables (volume, categories, channels, speed).

use super::*;

/// Computes every measure of the report for `scope` from `facts`, as of `now`, with its headings
/// and labels in the language of `locale` (the days are the scope's, in the desk's zone).
pub fn build(
    scope: &ReportScope,
    facts: &Facts,
    policies: &[Policy],
    now: DateTime<Utc>,
    locale: &Locale,
) -> Report {
    let (start, end) = (scope.start(), scope.end());
    let until = end.min(now);

    // One calendar per policy and priority, shared by every ticket it covers.
    let mut clocks: HashMap<(String, Option<String>, Priority), Option<Clock>> = HashMap::new();
    for h in &facts.histories {
        clocks
            .entry((h.category.clone(), h.team.clone(), h.priority))
            .or_insert_with(|| {
                Policy::choose(policies, &h.category, h.team.as_deref()).map(|p| {
                    let target = p.target(h.priority);
                    Clock {
                        calendar: p.calendar_for(h.priority),
                        response: Duration::minutes(target.response_minutes),
                        resolution: Duration::minutes(target.resolution_minutes),
                        at_risk_percent: p.at_risk_percent,
                    }
                })
            });
    }
    let tickets: Vec<Measured> = facts
        .histories
        .iter()
        .map(|h| {
            let clock = clocks
                .get(&(h.category.clone(), h.team.clone(), h.priority))
                .and_then(Option::as_ref);
            measure(h, clock)
        })
        .collect();
    let opened: Vec<&Measured> = tickets
        .iter()
        .filter(|t| in_period(t.h.created_at, start, end))
        .collect();
    let resolved: Vec<&Measured> = tickets
        .iter()
        .filter(|t| t.resolved_at.is_some_and(|r| in_period(r, start, end)))
        .collect();

    let volume = volume_table(scope, &tickets, now, locale);
    let backlog_end = tickets
        .iter()
        .filter(|t| t.open_at(until - Duration::milliseconds(1)))
        .count();
    let speed = speed_table(&tickets, &resolved, start, end, locale);
    let sla = sla_table(&tickets, &resolved, now, locale);
    let ratings: Vec<&RatingFact> = facts
        .ratings
        .iter()
        .filter(|r| in_period(r.at, start, end))
        .collect();
    let average_rating = (!ratings.is_empty())
        .then(|| ratings.iter().map(|r| f64::from(r.score)).sum::<f64>() / ratings.len() as f64);

    // The "All" row of each table: its median time to resolve, its share within target.
    let all = |t: &Table, column: usize| t.rows.first().and_then(|r| r.cells.get(column)).cloned();
    let summary = vec![
        (locale.t("report-summary-opened"), opened.len().to_string()),
        (
            locale.t("report-summary-resolved"),
            resolved.len().to_string(),
        ),
        (
            locale.t("report-summary-open-at-end"),
            backlog_end.to_string(),
        ),
        (
            locale.t("report-summary-median-resolve"),
            match all(&speed, SPEED_MEDIAN_TO_RESOLVE) {
                Some(c @ Cell::Number { .. }) => locale.t_with(
                    "report-summary-business-hours",
                    &[("hours", c.display(locale).into())],
                ),
                _ => "—".into(),
            },
        ),
        (
            locale.t("report-summary-within-service-level"),
            match all(&sla, SLA_WITHIN_TARGET_PERCENT) {
                Some(c @ Cell::Number { .. }) => locale.t_with(
                    "report-summary-percent",
                    &[("percent", c.display(locale).into())],
                ),
                _ => "—".into(),
            },
        ),
        (
            locale.t("report-summary-average-rating"),
            average_rating.map_or("—".into(), |a| {
                locale.t_with(
                    "report-summary-rating",
                    &[
                        ("average", Cell::number(a, 2).display(locale).into()),
                        ("count", (ratings.len() as i64).into()),
                    ],
                )
            }),
        ),
    ];

    let tables = vec![
        volume,
        categories_table(facts, &opened, &resolved, locale),
        channels_table(&opened, locale),
        speed,
        sla,
        flow_table(&resolved, locale),
        escalations_table(facts, &tickets, start, end, locale),
        waiting_table(&tickets, start, until, locale),
        people_table(scope, facts, &resolved, &tickets, start, end, locale),
        ratings_table(&ratings, locale),
        comments_table(&ratings, locale),
    ];
    Report {
        scope: scope.clone(),
        bucket: scope.bucket(),
        zone_note: locale.t_with("report-zone-note", &[("zone", scope.zone.name().into())]),
        summary,
        tables,
    }
}

/// Where the speed table has its median time to resolve.
const SPEED_MEDIAN_TO_RESOLVE: usize = 4;
/// Where the service-level table has its share within target.
const SLA_WITHIN_TARGET_PERCENT: usize = 2;

pub(super) fn volume_table(
    scope: &ReportScope,
    tickets: &[Measured],
    now: DateTime<Utc>,
    locale: &Locale,
) -> Table {
    let buckets = scope.buckets();
    let mut opened = vec![0i64; buckets.len()];
    let mut resolved = vec![0i64; buckets.len()];
    let index = |t: DateTime<Utc>| {
        buckets
            .partition_point(|(_, s, _)| *s <= t)
            .checked_sub(1)
            .filter(|&i| t < buckets[i].2)
    };
    // The backlog at each bucket's end: +1 where a ticket opens, -1 where it stops being open.
    let mut steps: Vec<(DateTime<Utc>, i64)> = Vec::new();
    for t in tickets {
        if let Some(i) = index(t.h.created_at) {
            opened[i] += 1;
        }
        if let Some(i) = t.resolved_at.and_then(index) {
            resolved[i] += 1;
        }
        for (a, b) in &t.open_spans {
            steps.push((*a, 1));
            if let Some(b) = b {
                steps.push((*b, -1));
            }
        }
    }
    steps.sort_unstable();
    let (mut level, mut next) = (0i64, 0usize);
    let mut rows = Vec::with_capacity(buckets.len());
    for (i, (day, _, bucket_end)) in buckets.iter().enumerate() {
        let at = (*bucket_end).min(now);
        while next < steps.len() && steps[next].0 < at {
            level += steps[next].1;
            next += 1;
        }
        let backlog = if *bucket_end > now && buckets[i].1 > now {
            Cell::Empty
        } else {
            Cell::Count(level)
        };
        rows.push(row(
            day.format("%Y-%m-%d").to_string(),
            vec![Cell::Count(opened[i]), Cell::Count(resolved[i]), backlog],
        ));
    }
    let (note, label) = match scope.bucket() {
        Bucket::Day => ("report-volume-note-day", "report-volume-label-day"),
        Bucket::Week => ("report-volume-note-week", "report-volume-label-week"),
        Bucket::Month => ("report-volume-note-month", "report-volume-label-month"),
    };
    Table {
        key: "volume".into(),
        title: locale.t("report-volume-title"),
        note: locale.t(note),
        label: locale.t(label),
        columns: vec![
            locale.t("report-column-opened"),
            locale.t("report-column-resolved"),
            locale.t("report-volume-open-at-end"),
        ],
        rows,
        chart: Some(Chart::Lines(vec![0, 1, 2])),
    }
}

/// A category as the report names it: by its name in the reader's language, and one since
/// removed by its slug.
pub(super) fn category_name(facts: &Facts, slug: &str, locale: &Locale) -> String {
    let name = facts.categories.iter().find(|(s, _)| s == slug);
    crate::domain::category::category_name(locale, slug, name.map(|(_, n)| n.as_str()))
}

pub(super) fn categories_table(
    facts: &Facts,
    opened: &[&Measured],
    resolved: &[&Measured],
    locale: &Locale,
) -> Table {
    let mut slugs: Vec<&str> = facts.categories.iter().map(|(s, _)| s.as_str()).collect();
    for t in opened.iter().chain(resolved) {
        if !slugs.contains(&t.h.category.as_str()) {
            slugs.push(&t.h.category);
        }
    }
    let rows = slugs
        .into_iter()
        .filter_map(|slug| {
            let o = opened.iter().filter(|t| t.h.category == slug).count();
            let r: Vec<&&Measured> = resolved.iter().filter(|t| t.h.category == slug).collect();
            if o == 0 && r.is_empty() {
                return None;
            }
            let escalated = r.iter().filter(|t| t.escalated).count();
            let times = sorted(r.iter().filter_map(|t| t.resolution_time()).collect());
            Some(row(
                category_name(facts, slug, locale),
                vec![
                    Cell::Count(o as i64),
                    Cell::Count(r.len() as i64),
                    Cell::Count(escalated as i64),
                    Cell::hours(percentile(&times, 0.5)),
                ],
            ))
        })
        .collect();
    Table {
        key: "categories".into(),
        title: locale.t("report-categories-title"),
        note: locale.t("report-categories-note"),
        label: locale.t("report-categories-label"),
        columns: vec![
            locale.t("report-column-opened"),
            locale.t("report-column-resolved"),
            locale.t("report-categories-escalated"),
            locale.t("report-column-median-resolve"),
        ],
        rows,
        chart: Some(Chart::Bars(0)),
    }
}

pub(super) fn channels_table(opened: &[&Measured], locale: &Locale) -> Table {
    let mut counts: Vec<(Channel, i64)> = Vec::new();
    for t in opened {
        match counts.iter_mut().find(|(c, _)| *c == t.h.channel) {
            Some((_, n)) => *n += 1,
            None => counts.push((t.h.channel, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.as_str().cmp(b.0.as_str())));
    Table {
        key: "channels".into(),
        title: locale.t("report-channels-title"),
        note: locale.t("report-channels-note"),
        label: locale.t("report-channels-label"),
        columns: vec![locale.t("report-column-opened")],
        rows: counts
            .into_iter()
            .map(|(c, n)| row(c.label(locale), vec![Cell::Count(n)]))
            .collect(),
        chart: Some(Chart::Bars(0)),
    }
}

/// The "All" row first (the summary reads it there), then one row per priority code.
pub(super) fn priorities_and_all(
    locale: &Locale,
) -> impl Iterator<Item = (String, Option<Priority>)> {
    std::iter::once((locale.t("report-row-all"), None))
        .chain(Priority::ALL.iter().map(|p| (p.to_string(), Some(*p))))
}

pub(super) fn speed_table(
    tickets: &[Measured],
    resolved: &[&Measured],
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    locale: &Locale,
) -> Table {
    let rows = priorities_and_all(locale)
        .map(|(label, p)| {
            let matches = |t: &&Measured| p.is_none_or(|p| t.h.priority == p);
            let responses = sorted(
                tickets
                    .iter()
                    .filter(|t| {
                        matches(t) && t.responded_at.is_some_and(|r| in_period(r, start, end))
                    })
                    .filter_map(Measured::response_time)
                    .collect(),
            );
            let resolutions = sorted(
                resolved
                    .iter()
                    .copied()
                    .filter(|t| matches(t))
                    .filter_map(Measured::resolution_time)
                    .collect(),
            );
            row(
                label,
                vec![
                    Cell::Count(responses.len() as i64),
                    Cell::hours(percentile(&responses, 0.5)),
                    Cell::hours(percentile(&responses, 0.9)),
                    Cell::Count(resolutions.len() as i64),
                    Cell::hours(percentile(&resolutions, 0.5)),
                    Cell::hours(percentile(&resolutions, 0.9)),
                ],
            )
        })
        .collect();
    Table {
        key: "speed".into(),
        title: locale.t("report-speed-title"),
        note: locale.t("report-speed-note"),
        label: locale.t("report-label-priority"),
        columns: vec![
            locale.t("report-speed-responses"),
            locale.t("report-speed-median-respond"),
            locale.t("report-speed-p90-respond"),
            locale.t("report-speed-resolutions"),
            locale.t("report-column-median-resolve"),
            locale.t("report-speed-p90-resolve"),
        ],
        rows,
        chart: Some(Chart::Bars(4)),
    }
}
