//! Small pieces every surface uses.

use crate::domain::{Priority, Status, Ticket};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use leptos::prelude::*;

#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    view! {
        <span class=format!("badge prio-{}", priority.as_str().to_lowercase()) title=priority.label()>
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
                .map(|m| view! { <p class="field-error" id=id.clone() role="alert">{m}</p> })
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
