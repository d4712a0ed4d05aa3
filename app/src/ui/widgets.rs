//! Small pieces every surface uses.

use crate::domain::sla::{short_span, Phase};
use crate::domain::{Priority, Sla, SlaState, Status, Ticket};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    view! {
        <span
            class=format!("badge prio-{}", priority.as_str().to_lowercase())
            title=priority.label()
        >
            {priority.as_str()}
        </span>
    }
}

#[component]
pub fn StatusChip(status: Status) -> impl IntoView {
    view! { <span class=format!("chip status-{}", status.as_str())>{status.label()}</span> }
}

/// "5 min", "3 h", "2 d" since `at`.
pub fn age(at: DateTime<Utc>) -> String {
    let secs = (Utc::now() - at).num_seconds().max(0);
    match secs {
        s if s < 60 => "just now".into(),
        s if s < 3600 => format!("{} min", s / 60),
        s if s < 86_400 => format!("{} h", s / 3600),
        s => format!("{} d", s / 86_400),
    }
}

/// A ticket's service-level clock in a few words, coloured by how it stands.
#[component]
pub fn SlaBadge(sla: Option<Sla>) -> impl IntoView {
    sla.map(|sla| {
        let state = sla.state(Utc::now());
        let text = match sla.phase {
            Phase::Paused => format!("Paused · {}", sla.left_words()),
            Phase::Stopped if state == SlaState::Breached => "Target missed".to_string(),
            Phase::Stopped => "Target met".to_string(),
            Phase::Running => match (sla.responded_at, sla.response_due) {
                (None, Some(due)) if due > Utc::now() => {
                    format!("Respond by {}", soon(due))
                }
                (None, Some(_)) => format!("Response overdue · {}", sla.left_words()),
                _ => sla.left_words(),
            },
        };
        let title = [
            sla.response_due
                .filter(|_| sla.responded_at.is_none())
                .map(|d| format!("Response due {}", when(d))),
            sla.resolution_due
                .map(|d| format!("Resolution due {}", when(d))),
            Some(format!("Policy: {}", sla.policy)),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        view! {
            <span class=format!("sla sla-{}", state.as_str()) title=title>
                <span class="sr-only">{format!("SLA {}: ", state.as_str().replace('_', " "))}</span>
                {text}
            </span>
        }
    })
}

/// What a requester may expect, in plain words.
pub fn expectation(sla: &Sla) -> Option<String> {
    match sla.phase {
        Phase::Stopped => None,
        Phase::Paused => Some(format!(
            "The clock is paused while we wait; {} of working time remain to solve it.",
            short_span(sla.resolution_left_ms.max(0))
        )),
        Phase::Running => {
            let respond = sla
                .response_due
                .filter(|_| sla.responded_at.is_none())
                .map(|d| {
                    if d > Utc::now() {
                        format!("A technician should respond by {}.", when(d))
                    } else {
                        "A technician will respond as soon as possible.".to_string()
                    }
                });
            let resolve = sla
                .resolution_due
                .map(|d| format!("We aim to solve it by {}.", when(d)));
            let words: Vec<String> = [respond, resolve].into_iter().flatten().collect();
            (!words.is_empty()).then(|| words.join(" "))
        }
    }
}

/// "14:30" today, "Thu 09:15" within a week, else a date.
pub fn soon(at: DateTime<Utc>) -> String {
    let now = Utc::now();
    if at.date_naive() == now.date_naive() {
        at.format("%H:%M").to_string()
    } else if (at - now).num_days().abs() < 6 {
        at.format("%a %H:%M").to_string()
    } else {
        at.format("%d %b %H:%M").to_string()
    }
}

pub fn when(at: DateTime<Utc>) -> String {
    at.format("%d %b %Y, %H:%M UTC").to_string()
}

/// The message for one field, shown beside it.
#[component]
pub fn FieldMessage(error: Signal<Option<AppError>>, #[prop(into)] field: String) -> impl IntoView {
    let id = format!("{}-error", field.replace('.', "-"));
    view! {
        {move || {
            error
                .get()
                .and_then(|e| e.field_message(&field))
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
                            {e.to_string()}
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
                <span class="chip">{ticket.status_words()}</span>
                <span class="muted">"updated " {age(ticket.updated_at)} " ago"</span>
            </span>
        </li>
    }
}
