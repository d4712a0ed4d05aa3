//! Small pieces every surface uses.

use crate::domain::sla::Phase;
use crate::domain::{Priority, Sla, SlaState, Status, Ticket};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::ui::use_locale;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    view! {
        <span
            class=format!("badge prio-{}", priority.as_str().to_lowercase())
            title=priority.label(&use_locale())
        >
            {priority.as_str()}
        </span>
    }
}

#[component]
pub fn StatusChip(status: Status) -> impl IntoView {
    view! {
        <span class=format!("chip status-{}", status.as_str())>{status.label(&use_locale())}</span>
    }
}

/// How long ago `at` was, in one unit, in the reader's language: `keys` name the words for under
/// a minute, and for a count of minutes, hours and days.
fn elapsed_words(at: DateTime<Utc>, keys: [&str; 4]) -> String {
    let loc = use_locale();
    let (key, count) = match (Utc::now() - at).num_seconds().max(0) {
        s if s < 60 => return loc.t(keys[0]),
        s if s < 3600 => (keys[1], s / 60),
        s if s < 86_400 => (keys[2], s / 3600),
        s => (keys[3], s / 86_400),
    };
    loc.t_with(key, &[("count", count.into())])
}

/// "5 min", "3 h", "2 d" since `at`, in the reader's language.
pub fn age(at: DateTime<Utc>) -> String {
    elapsed_words(
        at,
        [
            "portal-age-just-now",
            "portal-age-minutes",
            "portal-age-hours",
            "portal-age-days",
        ],
    )
}

/// "5 min ago", "just now": when `at` was, as a whole phrase in the reader's language.
pub fn ago(at: DateTime<Utc>) -> String {
    elapsed_words(
        at,
        [
            "portal-ago-just-now",
            "portal-ago-minutes",
            "portal-ago-hours",
            "portal-ago-days",
        ],
    )
}

/// "2h 05m", "3d 4h", "45m": a short span of working time, in the reader's language.
fn work_span(loc: &Locale, ms: i64) -> String {
    let minutes = ms.abs() / 60_000;
    let (d, h, m) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    if d > 0 {
        loc.t_with(
            "portal-span-days",
            &[("days", d.into()), ("hours", h.into())],
        )
    } else if h > 0 {
        loc.t_with(
            "portal-span-hours",
            &[("hours", h.into()), ("minutes", format!("{m:02}").into())],
        )
    } else {
        loc.t_with("portal-span-minutes", &[("minutes", m.into())])
    }
}

/// "2h 05m left", "1d 3h overdue": the resolution time left, in business time.
fn left_words(loc: &Locale, sla: &Sla) -> String {
    let key = if sla.resolution_left_ms < 0 {
        "portal-sla-overdue"
    } else {
        "portal-sla-left"
    };
    loc.t_with(
        key,
        &[("span", work_span(loc, sla.resolution_left_ms).into())],
    )
}

/// A ticket's service-level clock in a few words, coloured by how it stands.
#[component]
pub fn SlaBadge(sla: Option<Sla>) -> impl IntoView {
    let loc = use_locale();
    sla.map(|sla| {
        let state = sla.state(Utc::now());
        let left = left_words(&loc, &sla);
        let text = match sla.phase {
            Phase::Paused => loc.t_with("portal-sla-paused", &[("left", left.into())]),
            Phase::Stopped if state == SlaState::Breached => loc.t("portal-sla-target-missed"),
            Phase::Stopped => loc.t("portal-sla-target-met"),
            Phase::Running => match (sla.responded_at, sla.response_due) {
                (None, Some(due)) if due > Utc::now() => {
                    loc.t_with("portal-sla-respond-by", &[("when", soon(due).into())])
                }
                (None, Some(_)) => {
                    loc.t_with("portal-sla-response-overdue", &[("left", left.into())])
                }
                _ => left,
            },
        };
        let title = [
            sla.response_due
                .filter(|_| sla.responded_at.is_none())
                .map(|d| loc.t_with("portal-sla-response-due", &[("when", when(d).into())])),
            sla.resolution_due
                .map(|d| loc.t_with("portal-sla-resolution-due", &[("when", when(d).into())])),
            Some(loc.t_with(
                "portal-sla-policy",
                &[("policy", sla.policy.clone().into())],
            )),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        let state_words = match state {
            SlaState::OnTrack => "portal-sla-state-on-track",
            SlaState::AtRisk => "portal-sla-state-at-risk",
            SlaState::Breached => "portal-sla-state-breached",
        };
        view! {
            <span class=format!("sla sla-{}", state.as_str()) title=title>
                <span class="sr-only">{loc.t(state_words)} " "</span>
                {text}
            </span>
        }
    })
}

/// What a requester may expect, in plain words.
pub fn expectation(sla: &Sla) -> Option<String> {
    let loc = use_locale();
    match sla.phase {
        Phase::Stopped => None,
        Phase::Paused => Some(loc.t_with(
            "portal-expect-paused",
            &[(
                "span",
                work_span(&loc, sla.resolution_left_ms.max(0)).into(),
            )],
        )),
        Phase::Running => {
            let respond = sla
                .response_due
                .filter(|_| sla.responded_at.is_none())
                .map(|d| {
                    if d > Utc::now() {
                        loc.t_with("portal-expect-respond-by", &[("when", when(d).into())])
                    } else {
                        loc.t("portal-expect-respond-asap")
                    }
                });
            let resolve = sla
                .resolution_due
                .map(|d| loc.t_with("portal-expect-solve-by", &[("when", when(d).into())]));
            let words: Vec<String> = [respond, resolve].into_iter().flatten().collect();
            (!words.is_empty()).then(|| words.join(" "))
        }
    }
}

/// "14:30" today, "Thu 09:15" within a week, else a date: in the reader's zone and language.
pub fn soon(at: DateTime<Utc>) -> String {
    use_locale().soon(at)
}

/// A date and time in the reader's zone and language, with the zone named.
pub fn when(at: DateTime<Utc>) -> String {
    use_locale().when(at)
}

/// A problem with what was asked (a field left empty, a refusal put into words), announced
/// where the form shows it.
#[component]
pub fn Problem(#[prop(into)] problem: Signal<Option<String>>) -> impl IntoView {
    move || {
        problem.get().map(|m| {
            view! {
                <p class="field-error" role="alert">
                    {m}
                </p>
            }
        })
    }
}

/// The message for one field, shown beside it.
#[component]
pub fn FieldMessage(error: Signal<Option<AppError>>, #[prop(into)] field: String) -> impl IntoView {
    let id = format!("{}-error", field.replace('.', "-"));
    view! {
        {move || {
            error
                .get()
                .and_then(|e| e.field_message(&field, &use_locale()))
                .map(|m| {
                    view! {
                        <p class="field-error" id=id.clone() role="alert">
                            {m}
                        </p>
                    }
                })
        }}
    }
}

/// A form-level error that is not about one field.
#[component]
pub fn ErrorBox(error: Signal<Option<AppError>>) -> impl IntoView {
    view! {
        {move || {
            error
                .get()
                .map(|e| {
                    view! {
                        <div class="error-box" role="alert">
                            {e.message(&use_locale())}
                        </div>
                    }
                })
        }}
    }
}

/// The error unless it is about fields (those show beside their fields).
pub fn not_field(error: Signal<Option<AppError>>) -> Signal<Option<AppError>> {
    Signal::derive(move || {
        error
            .get()
            .filter(|e| !matches!(e, AppError::Validation(_)))
    })
}

/// The error of a finished server action, if it failed.
pub fn action_error<I, T>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = T, Error = AppError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

#[component]
pub fn TicketLine(ticket: Ticket) -> impl IntoView {
    let href = format!("/tickets/{}", ticket.number);
    view! {
        <li class="ticket-line">
            <a href=href>
                <span class="num">{ticket.number.to_string()}</span>
                <span class="title">{ticket.title.clone()}</span>
            </a>
            <span class="meta">
                <PriorityBadge priority=ticket.priority />
                <span class="chip">{use_locale().t(ticket.status_words())}</span>
                <span class="muted">
                    {use_locale()
                        .t_with("portal-updated-ago", &[("ago", ago(ticket.updated_at).into())])}
                </span>
            </span>
        </li>
    }
}
