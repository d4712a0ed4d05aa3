//! The requester's surface: file a request, list one's requests, follow a ticket. The ticket page
//! is shared with staff, who see internal notes and more actions.

use super::widgets::{
    action_error, ago, expectation, when, ErrorBox, FieldMessage, PriorityBadge, SlaBadge,
    StatusChip, TicketLine,
};
use super::{may_open, t, use_locale, Gate};
use crate::api::board::suggest_assignees;
use crate::api::tickets::{
    categories, create_tracking_link, get_ticket_detail, my_requests, request_draft,
    revoke_tracking_link, similar_tickets, ticket_version, tracked_ticket, AddNote, AddWatcher,
    ChangeTicket, Decide, FileRequest, RateTicket,
};
use crate::domain::{ActionKind, Impact, NoteVisibility, Role, Ticket, Urgency};
use crate::types::{TicketChange, TicketDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeMap;

#[component]
pub fn MyRequests() -> impl IntoView {
    view! {
        <Title text=t("portal-my-requests-title") />
        <Gate
            allowed=may_open::anyone_signed_in
            children=|user| {
                let loc = use_locale();
                let tickets = Resource::new(|| (), |_| my_requests());
                view! {
                    <crate::ui::known::KnownBanner />
                    <section class="panel">
                        <div class="row spread">
                            <h1>{t("portal-my-requests")}</h1>
                            <a class="button primary" href="/requests/new">
                                {t("portal-report-a-problem")}
                            </a>
                        </div>
                        <Transition fallback=|| {
                            view! { <p class="muted">{t("portal-loading")}</p> }
                        }>
                            {move || Suspend::new(async move {
                                match tickets.await {
                                    Ok(list) if list.is_empty() => {
                                        view! { <p class="empty">{loc.t("portal-no-requests")}</p> }
                                            .into_any()
                                    }
                                    Ok(list) => {
                                        view! {
                                            <ul class="ticket-list">
                                                {list
                                                    .into_iter()
                                                    .map(|t| view! { <TicketLine ticket=t /> })
                                                    .collect_view()}
                                            </ul>
                                        }
                                            .into_any()
                                    }
                                    Err(e) => {
                                        view! { <p class="error-box">{e.message(&loc)}</p> }
                                            .into_any()
                                    }
                                }
                            })}
                        </Transition>
                    </section>
                    {(!user.role.coordinates()).then(|| view! { <FollowedProjects /> })}
                }
            }
        />
    }
}

/// Projects someone outside IT manages or watches (shown only when there are some).
#[component]
fn FollowedProjects() -> impl IntoView {
    let loc = use_locale();
    let projects = Resource::new(|| (), |_| crate::api::coordination::list_projects());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = projects.await.unwrap_or_default();
                (!list.is_empty())
                    .then(|| {
                        view! {
                            <section class="panel">
                                <h2>{loc.t("portal-projects-you-follow")}</h2>
                                <ul class="ticket-list">
                                    {list
                                        .into_iter()
                                        .map(|s| {
                                            view! {
                                                <li class="ticket-line">
                                                    <a href=format!("/projects/{}", s.project.id)>
                                                        <strong>{s.project.name.clone()}</strong>
                                                    </a>
                                                    <span class="muted">
                                                        {loc
                                                            .t_with(
                                                                "portal-project-progress",
                                                                &[
                                                                    ("percent", i64::from(s.progress.percent()).into()),
                                                                    ("open", i64::from(s.progress.open).into()),
                                                                ],
                                                            )}
                                                        {(s.progress.overdue > 0)
                                                            .then(|| {
                                                                format!(
                                                                    " · {}",
                                                                    loc
                                                                        .t_with(
                                                                            "portal-project-overdue",
                                                                            &[("count", i64::from(s.progress.overdue).into())],
                                                                        ),
                                                                )
                                                            })}
                                                    </span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
            })}
        </Transition>
    }
}

#[component]
pub fn NewRequest() -> impl IntoView {
    view! {
        <Title text=t("portal-report-a-problem-title") />
        <Gate
            allowed=may_open::anyone_signed_in
            children=|user| {
                view! {
                    <crate::ui::known::KnownBanner />
                    <DraftedForm staff=user.role.is_staff() />
                }
            }
        />
    }
}

#[component]
fn DraftedForm(staff: bool) -> impl IntoView {
    // Sent back here without JavaScript after a refusal: show what was typed again.
    let query = use_query_map().read_untracked();
    let refused = query.get("__err").is_some();
    // Or after "Check for answers" without JavaScript: the form came here as a GET.
    let checked: Option<BTreeMap<String, String>> = query.get("check").map(|_| {
        (&*query)
            .into_iter()
            .filter(|(k, _)| k.as_ref() != "check")
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    });
    drop(query);
    let typed = checked.clone();
    let draft = Resource::new(
        || (),
        move |_| {
            let typed = typed.clone();
            async move {
                if refused {
                    request_draft().await.unwrap_or_default()
                } else {
                    typed.unwrap_or_default()
                }
            }
        },
    );
    let answers = Resource::new(
        || (),
        move |_| {
            let checked = checked.clone();
            async move {
                match checked {
                    Some(typed) => {
                        let get = |k: &str| typed.get(k).cloned().unwrap_or_default();
                        crate::api::knowledge::request_answers(get("title"), get("description"))
                            .await
                            .unwrap_or_default()
                    }
                    None => Default::default(),
                }
            }
        },
    );
    // Both loaded before the form renders: a Suspense inside the form (which is already inside
    // this one and the page's) hydrated against a different tree and left the page dead.
    let cats = Resource::new(|| (), |_| categories());
    view! {
        <Suspense fallback=|| {
            view! { <p class="muted">{t("portal-loading")}</p> }
        }>
            {move || Suspend::new(async move {
                let draft = draft.await;
                let list = cats.await.unwrap_or_default();
                let answers = answers.await;
                view! { <RequestForm staff=staff draft=draft list=list answers=answers /> }
            })}
        </Suspense>
    }
}

/// State of the ticket page that must outlive a refresh of the ticket: the actions in flight,
/// their errors, and whatever the user is typing.
#[derive(Clone, Copy)]
pub(crate) struct TicketUi {
    change: ServerAction<ChangeTicket>,
    add: ServerAction<AddNote>,
    watch: ServerAction<AddWatcher>,
    decide: ServerAction<Decide>,
    rate: ServerAction<RateTicket>,
    /// The specialist a technician hands an escalation to (empty: the coordinator decides).
    escalate_to: RwSignal<String>,
    /// Minutes spent, logged with a resolution.
    minutes: RwSignal<String>,
    text: RwSignal<String>,
    assignee: RwSignal<String>,
    note: RwSignal<String>,
    /// Past fixes and articles inserted into the note being written.
    reused: RwSignal<Vec<crate::domain::knowledge::Reused>>,
    key: RwSignal<String>,
    /// Bumped when something beside the ticket (links, work orders, project) changed.
    reload: RwSignal<u32>,
    /// Resolve the parent's open children with the same solution.
    resolve_children: RwSignal<bool>,
    /// A private link just created (the ticket's number and the link), shown once: it must
    /// survive the refresh its creation causes, and show on its own ticket only (the board's
    /// drawer moves from ticket to ticket).
    new_link: RwSignal<Option<(String, String)>>,
    /// The past fixes last found for a ticket (its number, and them), shown while the rebuilt
    /// page asks again, so the note box below does not jump.
    known_answers: RwSignal<Option<(String, crate::types::KnownAnswers)>>,
}

impl TicketUi {
    /// `key` makes a note's sending idempotent (empty where no notes are added by the page);
    /// `resolve_children` is the initial choice for a parent's open children.
    fn new(key: String, resolve_children: bool) -> Self {
        Self {
            change: ServerAction::<ChangeTicket>::new(),
            add: ServerAction::<AddNote>::new(),
            watch: ServerAction::<AddWatcher>::new(),
            decide: ServerAction::<Decide>::new(),
            rate: ServerAction::<RateTicket>::new(),
            escalate_to: RwSignal::new(String::new()),
            minutes: RwSignal::new(String::new()),
            text: RwSignal::new(String::new()),
            assignee: RwSignal::new(String::new()),
            note: RwSignal::new(String::new()),
            reused: RwSignal::new(Vec::new()),
            key: RwSignal::new(key),
            reload: RwSignal::new(0),
            resolve_children: RwSignal::new(resolve_children),
            new_link: RwSignal::new(None),
            known_answers: RwSignal::new(None),
        }
    }
}

fn note_draft_key(number: &str) -> String {
    format!("switchboard.note.{number}")
}

/// A `tel:` link when the contact looks like a phone number (tap to call from a phone).
fn phone_link(contact: &str) -> Option<String> {
    let number: String = contact
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    (number.chars().filter(char::is_ascii_digit).count() >= 6).then(|| format!("tel:{number}"))
}

/// A fresh idempotency key per note, so a double tap or a retry files it once.
fn new_key() -> String {
    #[cfg(feature = "hydrate")]
    {
        format!(
            "{:x}{:x}",
            (js_sys_random() * 1e15) as u64,
            chrono::Utc::now().timestamp_millis()
        )
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

#[cfg(feature = "hydrate")]
fn js_sys_random() -> f64 {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| {
            let mut buf = [0u8; 8];
            c.get_random_values_with_u8_array(&mut buf).ok()?;
            Some(u64::from_le_bytes(buf) as f64 / u64::MAX as f64)
        })
        .unwrap_or(0.5)
}

mod actions;
mod files;
mod form;
mod notes;
mod ticket;

use actions::*;
use files::*;
use form::*;
use notes::*;
pub use ticket::*;
