//! Reports for coordinators: the period and filters are checked here, the facts loaded by the
//! persistence module, and the measures computed by `domain::report`.
//!
//! A report's days are the desk's (`Settings::time_zone`): the period's dates are read as days
//! there and turned into UTC instants for the queries. Its words are in the reader's language.

use super::db::Technician;
use super::state::AppState;
use crate::domain::report::{self, Report, ReportQuery, ReportScope};
use crate::domain::{Role, User};
use crate::error::{AppError, FieldError};
use crate::i18n::Locale;
use crate::types::ReportOptions;
use std::time::Instant;

fn may_see_reports(user: &User) -> Result<(), AppError> {
    if user.role.coordinates() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The choices of the report filters.
pub async fn options(state: &AppState, user: &User) -> Result<ReportOptions, AppError> {
    may_see_reports(user)?;
    choices(state, &state.db.technicians().await?).await
}

async fn choices(state: &AppState, staff: &[Technician]) -> Result<ReportOptions, AppError> {
    Ok(ReportOptions {
        today: state
            .clock
            .now()
            .with_timezone(&state.settings.time_zone)
            .date_naive(),
        teams: state
            .db
            .teams()
            .await?
            .into_iter()
            .map(|(_, n)| n)
            .collect(),
        categories: state
            .db
            .categories()
            .await?
            .into_iter()
            .map(|c| (c.slug, c.name))
            .collect(),
        technicians: staff
            .iter()
            .filter(|t| t.user.role == Role::Technician)
            .map(|t| (t.user.id, t.user.name.clone()))
            .collect(),
    })
}

/// Reads and checks a report query: dates (days in the desk's zone), and filters that name a
/// team, category or technician among `options`.
fn scope(
    state: &AppState,
    options: &ReportOptions,
    query: &ReportQuery,
) -> Result<ReportScope, AppError> {
    let zone = state.settings.time_zone;
    let today = state.clock.now().with_timezone(&zone).date_naive();
    let (parsed, mut errors) = match ReportScope::parse(query, today, zone) {
        Ok(s) => (Some(s), Vec::new()),
        Err(e) => (
            None,
            e.into_iter()
                .map(|(field, message)| FieldError {
                    field,
                    message: message.key,
                    args: message.args,
                })
                .collect::<Vec<_>>(),
        ),
    };
    if let Some(s) = &parsed {
        if s.team.as_ref().is_some_and(|t| !options.teams.contains(t)) {
            errors.push(FieldError::new("team", "report-err-no-team"));
        }
        if s.category
            .as_ref()
            .is_some_and(|c| !options.categories.iter().any(|(slug, _)| slug == c))
        {
            errors.push(FieldError::new("category", "report-err-no-category"));
        }
        if s.technician
            .is_some_and(|id| !options.technicians.iter().any(|(t, _)| *t == id))
        {
            errors.push(FieldError::new(
                "technician",
                "report-err-choose-technician",
            ));
        }
    }
    match parsed {
        Some(s) if errors.is_empty() => Ok(s),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Every measure for the query's period and filters, in the desk's language.
pub async fn report(
    state: &AppState,
    user: &User,
    query: &ReportQuery,
) -> Result<Report, AppError> {
    report_in(state, user, query, &super::locale::desk(&state.settings)).await
}

/// Every measure for the query's period and filters, with headings, notes and labels in the
/// language of `locale` (the reader's). The days are always the desk's, whoever reads.
pub async fn report_in(
    state: &AppState,
    user: &User,
    query: &ReportQuery,
    locale: &Locale,
) -> Result<Report, AppError> {
    may_see_reports(user)?;
    // The staff list serves both the filter check and the facts.
    let staff = state.db.technicians().await?;
    let scope = scope(state, &choices(state, &staff).await?, query)?;
    let started = Instant::now();
    let facts = state.db.report_facts(&scope, staff).await?;
    let loaded_ms = started.elapsed().as_millis();
    let policies = state.db.policies().await?;
    let mut report = report::build(&scope, &facts, &policies, state.clock.now(), locale);
    report
        .tables
        .push(knowledge_table(state, &scope, locale).await?);
    tracing::info!(
        report.tickets = facts.histories.len(),
        report.days = (scope.to - scope.from).num_days() + 1,
        load_ms = loaded_ms as u64,
        duration_ms = started.elapsed().as_millis() as u64,
        "report computed"
    );
    Ok(report)
}

/// What the knowledge base saved: articles read and rated (since each was written), answers
/// opened from the request form in the period and the requests they avoided, and published
/// articles nobody reviewed for a year.
async fn knowledge_table(
    state: &AppState,
    scope: &ReportScope,
    locale: &Locale,
) -> Result<report::Table, AppError> {
    use report::{Cell, Table, TableRow};
    let now = state.clock.now();
    let figures = state
        .db
        .article_figures(
            scope.start(),
            scope.end(),
            now - chrono::Duration::days(365),
        )
        .await?;
    let (opened, avoided) = state.db.answer_opens(scope.start(), scope.end()).await?;
    let row = |key: &str, n: i64| TableRow {
        label: locale.t(key),
        cells: vec![Cell::Count(n)],
    };
    Ok(Table {
        key: "knowledge".into(),
        title: locale.t("reports-knowledge-title"),
        note: locale.t("reports-knowledge-note"),
        label: locale.t("reports-knowledge-label"),
        columns: vec![locale.t("reports-knowledge-count")],
        rows: vec![
            row("reports-knowledge-published", figures.published),
            row("reports-knowledge-views", figures.views),
            row("reports-knowledge-helped", figures.helped),
            row("reports-knowledge-not-helped", figures.not_helped),
            row("reports-knowledge-opened", opened),
            row("reports-knowledge-avoided", avoided),
            row("reports-knowledge-reused", figures.resolved_with_reuse),
            row("reports-knowledge-stale", figures.stale),
        ],
        chart: None,
    })
}
