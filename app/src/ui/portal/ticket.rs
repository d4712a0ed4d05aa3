//! The ticket page and panel, the private tracking page, and the parts every reader sees.

use super::*;
use crate::domain::category::{category_name, category_words};
use crate::ui::use_locale;

#[component]
pub fn TicketPage() -> impl IntoView {
    let params = use_params_map();
    let number = Signal::derive(move || params.read().get("number").unwrap_or_default());
    view! {
        <Gate
            allowed=may_open::anyone_signed_in
            children=move |_user| view! { <TicketPanel number=number /> }
        />
    }
}

/// A live ticket: its page, or the board's drawer. Reloads when someone else changes it.
#[component]
pub fn TicketPanel(#[prop(into)] number: Signal<String>) -> impl IntoView {
    let number_signal = number;
    let number = move || number.get();
    let (tick, set_tick) = signal(0u32);
    let ui = TicketUi::new(new_key(), true);
    let reload = ui.reload;
    let detail = Resource::new(
        move || (number(), tick.get(), reload.get()),
        |(n, _, _)| get_ticket_detail(n),
    );
    // Read beside the ticket, not by the page it draws: a resource made there would be new each
    // time the ticket is read again, and one made after the ticket arrived on the server is not
    // the one the browser makes while it takes the page over.
    let known = Resource::new(
        move || (tick.get(), reload.get()),
        |_| crate::api::coordination::known_issues(),
    );
    Effect::new(move |_| {
        if let Some(Ok(_)) = ui.change.value().get() {
            ui.text.set(String::new());
            ui.assignee.set(String::new());
            set_tick.update(|t| *t += 1);
        }
    });
    Effect::new(move |_| {
        let done = matches!(ui.watch.value().get(), Some(Ok(_)))
            | matches!(ui.decide.value().get(), Some(Ok(_)))
            | matches!(ui.rate.value().get(), Some(Ok(_)));
        if done {
            set_tick.update(|t| *t += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = ui.add.value().get() {
            ui.note.set(String::new());
            ui.reused.set(Vec::new());
            ui.key.set(new_key());
            crate::ui::live::forget_draft(&note_draft_key(&number()));
            set_tick.update(|t| *t += 1);
        }
    });
    // A note typed before a reload, a lost connection or a failed send comes back.
    Effect::new(move |_| {
        if let Some(saved) = crate::ui::live::load_draft(&note_draft_key(&number())) {
            if ui.note.get_untracked().is_empty() {
                ui.note.set(saved);
            }
        }
    });
    // Wait on the server for the shown version to change; then read the ticket again.
    // The number and version on screen: set where the page is drawn, read by the poll.
    let shown = StoredValue::new(None::<(String, i64)>);
    let reloading = StoredValue::new(None::<(String, i64)>);
    // The number last answered with "not found".
    let missing = StoredValue::new(None::<String>);
    crate::ui::live::poll(100, 30_000, move || async move {
        let Some((shown_number, seen)) = shown
            .get_value()
            .filter(|s| reloading.get_value().as_ref() != Some(s))
        else {
            // "Not found" stays so until another number is asked for: wait longer each time
            // (as after a failure, up to 30 s) rather than wake every 100 ms for nothing.
            let gone = missing
                .get_value()
                .is_some_and(|m| number_signal.try_get_untracked() == Some(m));
            // Otherwise not loaded yet, or being read again.
            return (!gone, false);
        };
        let asked = number_signal.get_untracked();
        let wait = Some(crate::ui::live::LONG_POLL_MS);
        let answer = crate::ui::live::while_still(
            ticket_version(shown_number.clone(), Some(seen), wait),
            // The page may be gone: its number then reads as nothing.
            move || number_signal.try_get_untracked().as_ref() == Some(&asked),
        )
        .await;
        match answer {
            Some(Ok(v)) => {
                if seen != v {
                    reloading.set_value(Some((shown_number, seen)));
                    set_tick.update(|t| *t += 1);
                }
                (true, false)
            }
            Some(Err(_)) => (false, false),
            // Another ticket is shown now.
            None => (true, true),
        }
    });
    view! {
        <Transition fallback=|| {
            view! { <p class="muted">{use_locale().t("portal-loading")}</p> }
        }>
            {move || Suspend::new(async move {
                let detail = detail.await;
                let known = known.await.unwrap_or_default();
                shown
                    .set_value(
                        detail
                            .as_ref()
                            .ok()
                            .map(|d| (d.ticket.number.to_string(), d.ticket.version)),
                    );
                missing.set_value(detail.is_err().then(|| number_signal.get_untracked()));
                match detail {
                    Ok(d) => view! { <TicketView detail=d ui=ui known=known /> }.into_any(),
                    Err(_) => view! { <crate::ui::NotFound /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A ticket's public side for whoever holds its private link; no account needed.
#[component]
pub fn TrackPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let loc = use_locale();
    let (tick, set_tick) = signal(0u32);
    let detail = Resource::new(move || (token(), tick.get()), |(t, _)| tracked_ticket(t));
    let ui = TicketUi::new(String::new(), false);
    crate::ui::live::poll(10_000, 60_000, move || async move {
        set_tick.update(|t| *t += 1);
        (true, false)
    });
    view! {
        <Title text=loc.t("portal-track-title") />
        <Transition fallback=|| {
            view! { <p class="muted">{use_locale().t("portal-loading")}</p> }
        }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => {
                        view! {
                            <p class="tracking-note">{loc.t("portal-track-note")}</p>
                            // No known issues here: whoever holds the link need not be signed in.
                            <TicketView detail=d ui=ui known=Vec::new() />
                        }
                            .into_any()
                    }
                    Err(_) => view! { <crate::ui::NotFound /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
pub(super) fn TicketView(
    detail: TicketDetail,
    ui: TicketUi,
    /// The known issues announced now, shown to a requester above her ticket.
    known: Vec<crate::types::KnownIssue>,
) -> impl IntoView {
    let loc = use_locale();
    let t = detail.ticket.clone();
    let query = use_query_map();
    let filed = query.read_untracked().get("filed").is_some();
    // Arriving from a merged duplicate's number (the redirect names it).
    let merged_notice = detail.merged_from.or_else(|| {
        query
            .read_untracked()
            .get("merged")
            .and_then(|n| crate::domain::TicketNumber::parse(&n))
    });
    let staff = detail.staff_view;
    let number = t.number.to_string();
    let version = t.version;
    let change = ui.change;
    let change_error = action_error(change);
    let requester_view = detail.viewer_role == Role::Requester;
    // The answers under their questions' labels (seeded words in the reader's language), in the
    // order the category asks them; an answer to a question it no longer asks under its key, last.
    let questions = detail
        .category
        .as_ref()
        .map_or(&[][..], |c| c.fields.as_slice());
    let mut answers: Vec<(usize, String, String)> = t
        .fields
        .iter()
        .filter(|(k, _)| !(k.as_str() == "asset_tag" && t.asset_tag.is_some()))
        .map(|(key, value)| {
            let value = value.as_str().unwrap_or_default().to_string();
            match questions.iter().position(|f| f.key == *key) {
                Some(i) => (i, category_words(&loc, &questions[i].label), value),
                None => (usize::MAX, key.replace('_', " "), value),
            }
        })
        .collect();
    answers.sort_by_key(|(order, _, _)| *order);
    let fields: Vec<(String, String)> = answers
        .into_iter()
        .map(|(_, label, value)| (label, value))
        .collect();
    let category = category_name(
        &loc,
        &t.category,
        detail.category.as_ref().map(|c| c.name.as_str()),
    );
    // A merged duplicate's page moves to the survivor's address (the server redirects a fresh
    // load; this covers navigation inside the app).
    if let Some(from) = detail.merged_from {
        let to = format!("/tickets/{}?merged={from}", t.number);
        let navigate = leptos_router::hooks::use_navigate();
        let path = leptos_router::hooks::use_location().pathname;
        Effect::new(move |_| {
            if path.get_untracked().starts_with("/tickets/") {
                navigate(
                    &to,
                    leptos_router::NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        });
    }
    view! {
        <Title text=format!("{} {} — Switchboard", t.number, t.title) />
        {requester_view.then(|| view! { <crate::ui::known::KnownNotices issues=known /> })}
        <article class="ticket panel">
            {filed
                .then(|| {
                    view! {
                        <div class="notice" role="status">
                            {loc.t("portal-filed-before")}
                            " "
                            <strong>{t.number.to_string()}</strong>
                            " "
                            {loc.t("portal-filed-after")}
                        </div>
                    }
                })}
            {merged_notice
                .map(|from| {
                    view! {
                        <div class="notice" role="status">
                            <strong>{from.to_string()}</strong>
                            " "
                            {loc.t("portal-merged-notice")}
                        </div>
                    }
                })}
            {detail
                .extras
                .requester_bounced_at
                .map(|at| {
                    view! {
                        <div class="notice warn" role="status">
                            {loc
                                .t_with(
                                    "ticket-requester-bounces",
                                    &[("when", loc.when(at).into())],
                                )}
                        </div>
                    }
                })} <TicketHead ticket=t.clone() requester_view=requester_view />
            <Facts
                ticket=t.clone()
                category=category
                staff=staff
                requester_view=requester_view
                fields=fields
            /> <section>
                <h2>{loc.t("portal-description")}</h2>
                <p class="body-text">{t.description.clone()}</p>
            </section>
            {t
                .resolution
                .clone()
                .filter(|_| {
                    matches!(
                        t.status,
                        crate::domain::Status::Resolved | crate::domain::Status::Closed
                    )
                })
                .map(|r| {
                    view! {
                        <section class="resolution">
                            <h2>{loc.t("portal-solution")}</h2>
                            <p class="body-text">{r}</p>
                            {staff
                                .then(|| {
                                    view! {
                                        <a
                                            class="button small"
                                            href=format!("/help/new?from={}", t.number)
                                        >
                                            {loc.t("kb-turn-into-article")}
                                        </a>
                                    }
                                })}
                        </section>
                    }
                })} <Actions detail=detail.clone() number=number.clone() version=version ui=ui />
            <ErrorBox error=Signal::derive(move || {
                change_error.get().filter(|e| !matches!(e, crate::error::AppError::Validation(_)))
            }) />
            <crate::ui::help::KnownAnswersPanel
                number=number.clone()
                note=ui.note
                reused=ui.reused
                staff=staff
                last=ui.known_answers
            /> <Notes detail=detail.clone() number=number.clone() ui=ui />
            <Files detail=detail.clone() number=number.clone() />
            <RatingPanel detail=detail.clone() number=number.clone() ui=ui />
            <Watchers detail=detail.clone() number=number.clone() ui=ui />
            {staff
                .then(|| {
                    view! {
                        <crate::ui::coordination::TicketCoordination
                            extras=detail.extras.clone()
                            number=number.clone()
                            project=t.project.as_ref().map(|p| p.id)
                            due_on=t.due_on
                            reload=ui.reload
                        />
                    }
                })}
            <TrackingLinks detail=detail.clone() number=number.clone() created=ui.new_link />
            <History events=detail.events.clone() staff=staff />
        </article>
    }
    .into_any()
}

/// The ticket's number, title, status line and what the requester may expect.
#[component]
pub(super) fn TicketHead(ticket: Ticket, requester_view: bool) -> impl IntoView {
    let t = ticket;
    let loc = use_locale();
    view! {
        <header class="ticket-head">
            <p class="num">{t.number.to_string()}</p>
            <h1>{t.title.clone()}</h1>
            <p class="status-line">
                <StatusChip status=t.status />
                <strong class="status-words">{loc.t(t.status_words())}</strong>
                <PriorityBadge priority=t.priority />
                {t
                    .escalated
                    .then(|| view! { <span class="flag">{loc.t("portal-flag-escalated")}</span> })}
                {t
                    .reopened
                    .then(|| view! { <span class="flag">{loc.t("portal-flag-reopened")}</span> })}
                {(!requester_view).then(|| view! { <SlaBadge sla=t.sla.clone() /> })}
            </p>
            {t
                .sla
                .as_ref()
                .and_then(expectation)
                .map(|words| view! { <p class="expectation">{words}</p> })}
        </header>
    }
    .into_any()
}

/// The ticket's facts: category, people, place, device, answers and dates.
#[component]
pub(super) fn Facts(
    ticket: Ticket,
    /// The category's name in the reader's language.
    category: String,
    staff: bool,
    requester_view: bool,
    fields: Vec<(String, String)>,
) -> impl IntoView {
    let t = ticket;
    let loc = use_locale();
    view! {
        <dl class="facts">
            <dt>{loc.t("portal-fact-category")}</dt>
            <dd>{category}</dd>
            <dt>{loc.t("role-requester")}</dt>
            <dd>
                {t.requester.name.clone()}
                {staff
                    .then(|| {
                        view! {
                            " · "
                            <a href=format!(
                                "mailto:{}",
                                t.requester.email,
                            )>{t.requester.email.clone()}</a>
                        }
                    })}
            </dd>
            <dt>{loc.t("portal-fact-assigned-to")}</dt>
            <dd>
                {t
                    .assignee
                    .as_ref()
                    .map(|a| {
                        if requester_view { a.first_name().to_string() } else { a.name.clone() }
                    })
                    .unwrap_or_else(|| loc.t("portal-fact-not-assigned"))}
            </dd>
            {t
                .location
                .clone()
                .map(|l| {
                    view! {
                        <dt>{loc.t("portal-fact-location")}</dt>
                        <dd>{l}</dd>
                    }
                })}
            {t
                .asset_tag
                .clone()
                .map(|a| {
                    view! {
                        <dt>{loc.t("portal-fact-asset")}</dt>
                        <dd>{a}</dd>
                    }
                })}
            {t
                .contact
                .clone()
                .map(|c| {
                    let tel = phone_link(&c);
                    view! {
                        <dt>{loc.t("portal-fact-contact")}</dt>
                        <dd>
                            {c}
                            {tel
                                .map(|href| {
                                    view! {
                                        " "
                                        <a class="button small call" href=href>
                                            {loc.t("portal-fact-call")}
                                        </a>
                                    }
                                })}
                        </dd>
                    }
                })}
            {fields
                .into_iter()
                .map(|(k, v)| {
                    view! {
                        <dt>{k}</dt>
                        <dd>{v}</dd>
                    }
                })
                .collect_view()}
            {t
                .project
                .clone()
                .map(|p| {
                    view! {
                        <dt>{loc.t("portal-fact-project")}</dt>
                        <dd>
                            <a href=format!("/projects/{}", p.id)>{p.name}</a>
                        </dd>
                    }
                })}
            {t
                .due_on
                .map(|d| {
                    view! {
                        <dt>{loc.t("portal-fact-due")}</dt>
                        <dd>{loc.date(d)}</dd>
                    }
                })}
            {t
                .merged_into
                .map(|n| {
                    view! {
                        <dt>{loc.t("portal-fact-merged-into")}</dt>
                        <dd>
                            <a href=format!("/tickets/{n}")>{n.to_string()}</a>
                        </dd>
                    }
                })}
            <dt>{loc.t("portal-fact-filed")}</dt>
            <dd>{when(t.created_at)}</dd>
        </dl>
    }
    .into_any()
}

/// The ticket's timeline, newest first; staff see who and the details.
#[component]
pub(super) fn History(events: Vec<crate::domain::Event>, staff: bool) -> impl IntoView {
    let loc = use_locale();
    view! {
        <section>
            <h2>{use_locale().t("portal-history")}</h2>
            <ol class="timeline">
                {events
                    .iter()
                    .rev()
                    .map(|e| {
                        let words = if staff { e.staff_words() } else { e.public_words() }
                            .render(&loc);
                        let who = e.actor.as_ref().map(|a| a.name.clone()).unwrap_or_default();
                        view! {
                            <li class:internal=e.internal>
                                <time>{when(e.at)}</time>
                                <span>{words}</span>
                                {staff.then(|| view! { <span class="muted">" — " {who}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
    .into_any()
}
