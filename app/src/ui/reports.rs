//! Reports for coordinators: a period and filters, headline figures, and for each measure a
//! chart drawn here as SVG with its table beside it and a CSV download of the same table.
//!
//! The filter form is a plain GET form, so a report is a bookmarkable URL and works before
//! (or without) hydration.

use super::widgets::FieldMessage;
use super::{may_open, Gate};
use crate::api::reports::{get_report, get_report_options};
use crate::domain::report::{Chart, Report, ReportQuery, Table};
use crate::domain::Priority;
use crate::error::AppError;
use crate::types::ReportOptions;
use crate::ui::{t, use_locale};
use chrono::{Duration, NaiveDate};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReportsPage() -> impl IntoView {
    view! {
        <Title text=t("reports-title") />
        <Gate allowed=may_open::coordinators children=|_| view! { <Reports /> } />
    }
}

fn query_string(q: &ReportQuery) -> String {
    let pairs = [
        ("from", &q.from),
        ("to", &q.to),
        ("team", &q.team),
        ("category", &q.category),
        ("technician", &q.technician),
        ("priority", &q.priority),
    ];
    pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes a query value (RFC 3986 unreserved characters stay). Not the router's
/// `ParamsMap::to_query_string`: on the server that escapes `-` too, so links to dated periods
/// would differ between the server's render and the browser's.
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
fn Reports() -> impl IntoView {
    let params = use_query_map();
    let query = Memo::new(move |_| {
        let p = params.read();
        let get = |k: &str| p.get(k).unwrap_or_default();
        ReportQuery {
            from: get("from"),
            to: get("to"),
            team: get("team"),
            category: get("category"),
            technician: get("technician"),
            priority: get("priority"),
        }
    });
    let options = Resource::new(|| (), |_| get_report_options());
    let data = Resource::new(move || query.get(), get_report);
    let loc = use_locale();
    view! {
        <section class="reports">
            <h1>{loc.t("reports-heading")}</h1>
            <Transition fallback=move || {
                view! { <p class="muted">{loc.t("reports-loading")}</p> }
            }>
                {move || Suspend::new(async move {
                    let options = options.await;
                    let result = data.await;
                    let q = query.get_untracked();
                    match options {
                        Err(e) => {
                            view! {
                                <p class="error-box" role="alert">
                                    {e.message(&loc)}
                                </p>
                            }
                                .into_any()
                        }
                        Ok(options) => {
                            let (shown, error) = match &result {
                                Ok(r) => (r.scope.query(), None),
                                Err(e) => (q.clone(), Some(e.clone())),
                            };
                            view! {
                                <Filters options=options query=shown error=error.clone() />
                                {match result {
                                    Ok(r) => view! { <ReportView report=r /> }.into_any(),
                                    Err(AppError::Validation(_)) => {
                                        view! {
                                            <p class="error-box" role="alert">
                                                {loc.t("reports-correct-fields")}
                                            </p>
                                        }
                                            .into_any()
                                    }
                                    Err(e) => {
                                        view! {
                                            <p class="error-box" role="alert">
                                                {e.message(&loc)}
                                            </p>
                                        }
                                            .into_any()
                                    }
                                }}
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// The common periods: the catalogue key of each one's name, and its first and last day.
fn presets(today: NaiveDate) -> Vec<(&'static str, NaiveDate, NaiveDate)> {
    use chrono::Datelike;
    let year_start = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    vec![
        ("reports-last-7-days", today - Duration::days(6), today),
        ("reports-last-30-days", today - Duration::days(29), today),
        ("reports-last-90-days", today - Duration::days(89), today),
        ("reports-this-year", year_start, today),
        ("reports-last-12-months", today - Duration::days(364), today),
    ]
}

#[component]
fn Filters(options: ReportOptions, query: ReportQuery, error: Option<AppError>) -> impl IntoView {
    let error = Signal::derive(move || error.clone());
    // The desk's today: a report counts the desk's days.
    let today = options.today;
    let keep = query.clone();
    let loc = use_locale();
    let preset_links = presets(today)
        .into_iter()
        .map(|(key, from, to)| {
            let q = ReportQuery {
                from: from.to_string(),
                to: to.to_string(),
                ..keep.clone()
            };
            view! { <a href=format!("/reports?{}", query_string(&q))>{loc.t(key)}</a> }
        })
        .collect_view();
    let selected = |current: &str, value: &str| current == value;
    view! {
        <form
            class="report-filters"
            method="get"
            action="/reports"
            aria-label=loc.t("reports-filters-label")
        >
            <div class="field">
                <label for="report-from">{loc.t("reports-from")}</label>
                <input id="report-from" name="from" type="date" value=query.from.clone() />
                <FieldMessage error=error field="from" />
            </div>
            <div class="field">
                <label for="report-to">{loc.t("reports-to")}</label>
                <input id="report-to" name="to" type="date" value=query.to.clone() />
                <FieldMessage error=error field="to" />
            </div>
            <div class="field">
                <label for="report-team">{loc.t("reports-team")}</label>
                <select id="report-team" name="team">
                    <option value="">{loc.t("reports-all-teams")}</option>
                    {options
                        .teams
                        .iter()
                        .map(|t| {
                            view! {
                                <option value=t.clone() selected=selected(&query.team, t)>
                                    {t.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage error=error field="team" />
            </div>
            <div class="field">
                <label for="report-category">{loc.t("reports-category")}</label>
                <select id="report-category" name="category">
                    <option value="">{loc.t("reports-all-categories")}</option>
                    {options
                        .categories
                        .iter()
                        .map(|(slug, name)| {
                            view! {
                                <option value=slug.clone() selected=selected(&query.category, slug)>
                                    {crate::domain::category_words(&loc, name)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage error=error field="category" />
            </div>
            <div class="field">
                <label for="report-technician">{loc.t("role-technician")}</label>
                <select id="report-technician" name="technician">
                    <option value="">{loc.t("reports-everyone")}</option>
                    {options
                        .technicians
                        .iter()
                        .map(|(id, name)| {
                            view! {
                                <option
                                    value=id.to_string()
                                    selected=selected(&query.technician, &id.to_string())
                                >
                                    {name.clone()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage error=error field="technician" />
            </div>
            <div class="field">
                <label for="report-priority">{loc.t("reports-priority")}</label>
                <select id="report-priority" name="priority">
                    <option value="">{loc.t("reports-all-priorities")}</option>
                    {Priority::ALL
                        .iter()
                        .map(|p| {
                            view! {
                                <option
                                    value=p.to_string()
                                    selected=selected(&query.priority, p.as_str())
                                >
                                    {p.to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage error=error field="priority" />
            </div>
            <div class="field submit">
                <button type="submit" class="primary">
                    {loc.t("reports-show")}
                </button>
            </div>
        </form>
        <nav class="presets" aria-label=loc.t("reports-presets-label")>
            {preset_links}
        </nav>
    }
}

#[component]
fn ReportView(report: Report) -> impl IntoView {
    let query = query_string(&report.scope.query());
    let loc = use_locale();
    let period = loc.t_with(
        "reports-period",
        &[
            ("from", loc.date(report.scope.from).into()),
            ("to", loc.date(report.scope.to).into()),
            ("bucket", report.bucket.as_str().into()),
        ],
    );
    let summary = report
        .summary
        .iter()
        .map(|(label, value)| {
            view! {
                <div class="figure">
                    <dt>{label.clone()}</dt>
                    <dd>{value.clone()}</dd>
                </div>
            }
        })
        .collect_view();
    let tables = report
        .tables
        .into_iter()
        .map(|t| view! { <ReportTable table=t query=query.clone() /> })
        .collect_view();
    view! {
        <p class="muted period">{period} " · " {report.zone_note.clone()}</p>
        <dl class="figures" aria-label=loc.t("reports-figures-label")>
            {summary}
        </dl>
        {tables}
    }
}

#[component]
fn ReportTable(table: Table, query: String) -> impl IntoView {
    let loc = use_locale();
    let heading_id = format!("report-{}", table.key);
    let csv = format!("/api/v1/reports/{}.csv?{query}", table.key);
    let chart = match &table.chart {
        Some(Chart::Lines(columns)) if table.rows.len() > 1 => {
            Some(line_chart(&table, columns, &heading_id).into_any())
        }
        Some(Chart::Bars(column)) if !table.rows.is_empty() => {
            Some(bar_chart(&table, *column, &heading_id).into_any())
        }
        _ => None,
    };
    let class = match (chart.is_some(), table.columns.len()) {
        (false, _) => "report-block",
        // Many columns need the full width: the chart goes above its table.
        (true, 4..) => "report-block with-chart stacked",
        (true, _) => "report-block with-chart",
    };
    let long = table.rows.len() > 12;
    let head = table
        .columns
        .iter()
        .map(|c| view! { <th scope="col">{c.clone()}</th> })
        .collect_view();
    let rows = table
        .rows
        .iter()
        .map(|r| {
            let cells = r
                .cells
                .iter()
                .map(|c| {
                    let numeric = c.value().is_some();
                    view! { <td class:num=numeric>{c.display(&loc)}</td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{r.label.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let empty = table.rows.is_empty();
    view! {
        <section class=class aria-labelledby=heading_id.clone() data-report=table.key.clone()>
            <div class="report-head">
                <h2 id=heading_id.clone()>{table.title.clone()}</h2>
                <a class="button small" href=csv download="">
                    {loc.t("reports-download-csv")}
                    <span class="sr-only">
                        {format!(
                            " {}",
                            loc
                                .t_with(
                                    "reports-download-csv-of",
                                    &[("title", table.title.clone().into())],
                                ),
                        )}
                    </span>
                </a>
            </div>
            <p class="muted">{table.note.clone()}</p>
            <div class="report-body">
                {chart} <div class="table-scroll" class:long=long>
                    {if empty {
                        view! { <p class="muted">{loc.t("reports-nothing-to-show")}</p> }.into_any()
                    } else {
                        view! {
                            <table class="report-table">
                                <caption class="sr-only">{table.title.clone()}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col">{table.label.clone()}</th>
                                        {head}
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }
                            .into_any()
                    }}
                </div>
            </div>
        </section>
    }
}

/// A round upper bound for an axis: 1, 2 or 5 times a power of ten.
fn nice_max(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let magnitude = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|v| *v >= max)
        .unwrap_or(10.0 * magnitude)
}

fn axis_label(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn short(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// A coordinate as SVG text.
fn at(v: f64) -> String {
    format!("{v:.1}")
}

/// One line per column over the rows (time along the x axis).
fn line_chart(table: &Table, columns: &[usize], labelled_by: &str) -> impl IntoView {
    const W: f64 = 480.0;
    const H: f64 = 220.0;
    const LEFT: f64 = 40.0;
    const RIGHT: f64 = 12.0;
    const TOP: f64 = 12.0;
    const BOTTOM: f64 = 28.0;
    let n = table.rows.len();
    let value = |row: usize, col: usize| table.rows[row].cells.get(col).and_then(|c| c.value());
    let max = nice_max(
        columns
            .iter()
            .flat_map(|c| (0..n).filter_map(move |r| value(r, *c)))
            .fold(0.0, f64::max),
    );
    let x = |i: usize| LEFT + (W - LEFT - RIGHT) * i as f64 / (n.max(2) - 1) as f64;
    let y = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - v / max);
    let grid = [0.0, 0.5, 1.0]
        .iter()
        .map(|f| {
            let v = max * f;
            view! {
                <line class="grid" x1=at(LEFT) x2=at(W - RIGHT) y1=at(y(v)) y2=at(y(v)) />
                <text class="axis" x=at(LEFT - 6.0) y=at(y(v) + 4.0) text-anchor="end">
                    {axis_label(v)}
                </text>
            }
        })
        .collect_view();
    let mut marks = vec![(0, "start")];
    if n > 4 {
        marks.push((n / 2, "middle"));
    }
    if n > 1 {
        marks.push((n - 1, "end"));
    }
    let ticks = marks
        .into_iter()
        .map(|(row, anchor)| {
            view! {
                <text class="axis" x=at(x(row)) y=at(H - 8.0) text-anchor=anchor>
                    {table.rows[row].label.clone()}
                </text>
            }
        })
        .collect_view();
    let lines = columns
        .iter()
        .enumerate()
        .map(|(series, col)| {
            let points = (0..n)
                .filter_map(|r| value(r, *col).map(|v| format!("{},{}", at(x(r)), at(y(v)))))
                .collect::<Vec<_>>()
                .join(" ");
            view! { <polyline class=format!("series series-{series}") points=points /> }
        })
        .collect_view();
    let legend = columns
        .iter()
        .enumerate()
        .map(|(series, col)| {
            view! {
                <li>
                    <span class=format!("swatch series-{series}") aria-hidden="true"></span>
                    {table.columns.get(*col).cloned().unwrap_or_default()}
                </li>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {W} {H}")
                role="img"
                aria-labelledby=labelled_by.to_string()
                data-chart="lines"
            >
                {grid}
                {ticks}
                {lines}
            </svg>
            <ul class="legend">{legend}</ul>
        </figure>
    }
}

/// A horizontal bar per row for one column.
fn bar_chart(table: &Table, column: usize, labelled_by: &str) -> impl IntoView {
    const W: f64 = 420.0;
    const LABEL: f64 = 150.0;
    const VALUE: f64 = 56.0;
    const ROW: f64 = 24.0;
    /// More bars than this would make a wall; the table beside has every row.
    const MOST: usize = 12;
    let n = table.rows.len().min(MOST);
    let h = ROW * n as f64 + 8.0;
    let values: Vec<Option<f64>> = table
        .rows
        .iter()
        .take(n)
        .map(|r| r.cells.get(column).and_then(|c| c.value()))
        .collect();
    let heading = table.columns.get(column).cloned().unwrap_or_default();
    let caption = if table.rows.len() > n {
        use_locale().t_with(
            "reports-bar-caption",
            &[
                ("heading", heading.into()),
                ("shown", (n as i64).into()),
                ("total", (table.rows.len() as i64).into()),
            ],
        )
    } else {
        heading
    };
    let max = nice_max(values.iter().flatten().copied().fold(0.0, f64::max));
    let span = W - LABEL - VALUE;
    let bars = table
        .rows
        .iter()
        .zip(&values)
        .enumerate()
        .map(|(i, (r, v))| {
            let top = 4.0 + ROW * i as f64;
            let width = v.map_or(0.0, |v| {
                if v > 0.0 {
                    (v / max * span).max(2.0)
                } else {
                    0.0
                }
            });
            let text = r
                .cells
                .get(column)
                .map(|c| c.display(&use_locale()))
                .unwrap_or_default();
            view! {
                <text class="bar-label" x=at(LABEL - 8.0) y=at(top + 16.0) text-anchor="end">
                    {short(&r.label, 20)}
                </text>
                <rect
                    class="bar"
                    x=at(LABEL)
                    y=at(top + 4.0)
                    width=at(width)
                    height=at(ROW - 8.0)
                    rx="3"
                />
                <text class="bar-value" x=at(LABEL + width + 6.0) y=at(top + 16.0)>
                    {text}
                </text>
            }
        })
        .collect_view();
    view! {
        <figure class="chart">
            <svg
                viewBox=format!("0 0 {W} {}", at(h))
                role="img"
                aria-labelledby=labelled_by.to_string()
                data-chart="bars"
            >
                {bars}
            </svg>
            <figcaption class="muted">{caption}</figcaption>
        </figure>
    }
}
