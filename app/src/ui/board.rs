//! The coordinator's live board: a column per status, kept current by polling the change feed.

use super::portal::TicketPanel;
use super::widgets::{age, PriorityBadge, SlaBadge};
use super::Gate;
use crate::api::board::{board_page, board_search, get_board, poll_board, suggest_assignees};
use crate::api::tickets::change_ticket;
use crate::domain::{
    ActionKind, Category, Impact, Priority, PriorityMatrix, SlaState, Status, Ticket, Urgency,
};
use crate::types::{BoardCard, Suggestion, TechnicianLoad, TicketChange};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::collections::BTreeMap;

const COLUMNS: &[Status] = &[
    Status::New,
    Status::Assigned,
    Status::InProgress,
    Status::Waiting,
    Status::Resolved,
];

/// The action that moves a card into a column without further input, if there is one (reopening
/// needs a reason, resolving notes: those are asked for in the ticket's drawer).
fn action_into(card: &BoardCard, column: Status) -> Option<ActionKind> {
    ActionKind::to_reach(card.ticket.status, column, None)
        .ok()
        .flatten()
        .filter(|a| !a.needs_input() && card.actions.contains(a))
}

/// At risk, breached, or due within the hour.
fn breaching_soon(t: &Ticket) -> bool {
    let now = chrono::Utc::now();
    t.sla.as_ref().is_some_and(|s| {
        s.state(now) != SlaState::OnTrack
            || s.next_due()
                .is_some_and(|d| d - now < chrono::Duration::hours(1))
    })
}

#[component]
pub fn Board() -> impl IntoView {
    view! {
        <Title text="Board — Switchboard" />
        <Gate allowed=|r| r.coordinates() children=|_| view! { <LiveBoard /> } />
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    Loading,
    Live,
    Reconnecting,
}

#[component]
fn LiveBoard() -> impl IntoView {
    let cards = RwSignal::new(BTreeMap::<i64, BoardCard>::new());
    let techs = RwSignal::new(Vec::<TechnicianLoad>::new());
    let cursor = RwSignal::new(-1i64);
    let link = RwSignal::new(Link::Loading);
    let message = RwSignal::new(None::<String>);
    let dragged = RwSignal::new(None::<i64>);
    let open = RwSignal::new(None::<String>);
    let triage = RwSignal::new(None::<i64>);
    let categories = RwSignal::new(Vec::<Category>::new());
    let routes = RwSignal::new(Vec::<(String, String)>::new());
    let projects = RwSignal::new(Vec::<(i64, String)>::new());
    let matrix = RwSignal::new(PriorityMatrix::default());
    let totals = RwSignal::new(Vec::<(Status, i64)>::new());
    // Where the next page of each long column starts.
    let next_pages = RwSignal::new(Vec::<(Status, String)>::new());
    // Tickets the server found for the board's search (by number), loaded into `cards`.
    let found = RwSignal::new(None::<(String, Vec<i64>)>);
    let snapshot = Resource::new(|| (), |_| get_board());
    Effect::new(move |_| {
        if let Some(Ok(s)) = snapshot.get() {
            cards.set(
                s.cards
                    .into_iter()
                    .map(|c| (c.ticket.number.0, c))
                    .collect(),
            );
            techs.set(s.technicians);
            categories.set(s.categories);
            routes.set(s.routes);
            projects.set(s.projects);
            matrix.set(s.priority_matrix);
            totals.set(s.totals);
            next_pages.set(s.next);
            cursor.set(s.cursor);
            link.set(Link::Live);
        }
    });
    super::live::poll(1500, 15_000, move || async move {
        let at = cursor.get_untracked();
        if at < 0 {
            return (true, false);
        }
        match poll_board(at).await {
            Ok(ch) => {
                if !ch.cards.is_empty() {
                    cards.update(|map| {
                        for c in ch.cards {
                            map.insert(c.ticket.number.0, c);
                        }
                    });
                }
                cursor.set(ch.cursor);
                link.set(Link::Live);
                (true, ch.more)
            }
            Err(_) => {
                link.set(Link::Reconnecting);
                (false, false)
            }
        }
    });

    let query = use_query_map();
    let navigate = use_navigate();
    let filter = move |key: &str| query.read().get(key).unwrap_or_default();
    let set_filter = move |key: &'static str, value: String| {
        let mut q = query.get_untracked();
        if value.is_empty() {
            q.remove(key);
        } else {
            q.replace(key, value);
        }
        navigate(
            &format!("/board{}", q.to_query_string()),
            Default::default(),
        );
    };
    // The search also asks the server, which looks in every open ticket's text and notes.
    Effect::new(move |_| {
        let text = filter("q");
        if text.trim().is_empty() {
            found.set(None);
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(hits) = board_search(text.clone()).await {
                let numbers = hits.iter().map(|c| c.ticket.number.0).collect();
                cards.update(|map| {
                    for c in hits {
                        map.entry(c.ticket.number.0).or_insert(c);
                    }
                });
                found.set(Some((text, numbers)));
            }
        });
    });
    let visible = move |c: &BoardCard| {
        let t = &c.ticket;
        let text = filter("q").to_lowercase();
        let server_hit = found.with(|f| {
            f.as_ref()
                .is_some_and(|(q, hits)| q.to_lowercase() == text && hits.contains(&t.number.0))
        });
        (filter("priority").is_empty() || t.priority.as_str() == filter("priority"))
            && (filter("category").is_empty() || t.category == filter("category"))
            && (filter("tech").is_empty()
                || t.assignee
                    .as_ref()
                    .is_some_and(|a| a.email == filter("tech")))
            && (filter("team").is_empty()
                || routes
                    .read()
                    .iter()
                    .any(|(c, team)| *c == t.category && *team == filter("team")))
            && (filter("soon").is_empty() || breaching_soon(t))
            && (filter("project").is_empty()
                || t.project
                    .as_ref()
                    .is_some_and(|p| p.id.to_string() == filter("project")))
            && (text.is_empty()
                || server_hit
                || t.title.to_lowercase().contains(&text)
                || t.number.to_string().to_lowercase().contains(&text)
                || t.requester.name.to_lowercase().contains(&text))
    };

    // Escape closes the drawer wherever the focus is.
    let escape = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            open.set(None);
            triage.set(None);
        }
    });
    on_cleanup(move || escape.remove());
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if open.get().is_some() {
            if let Some(b) = close_button.get() {
                let _ = b.focus();
            }
        }
    });
    let team_names = move || {
        let mut names: Vec<String> = routes.get().into_iter().map(|(_, t)| t).collect();
        names.sort();
        names.dedup();
        names
    };
    let perform = move |number: i64, change: TicketChange, optimistic: Option<Status>| {
        let Some(before) = cards.get_untracked().get(&number).cloned() else {
            return;
        };
        if let Some(status) = optimistic {
            cards.update(|m| {
                if let Some(c) = m.get_mut(&number) {
                    c.ticket.status = status;
                }
            });
        }
        message.set(None);
        leptos::task::spawn_local(async move {
            match change_ticket(
                before.ticket.number.to_string(),
                before.ticket.version,
                change,
            )
            .await
            {
                Ok(t) => cards.update(|m| {
                    if let Some(c) = m.get_mut(&number) {
                        c.ticket = t;
                    }
                }),
                Err(e) => {
                    cards.update(|m| {
                        m.insert(number, before.clone());
                    });
                    message.set(Some(format!("{}: {}", before.ticket.number, e)));
                }
            }
        });
    };
    let assign_top = move |number: i64| {
        let Some(card) = cards.get_untracked().get(&number).cloned() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match suggest_assignees(card.ticket.number.to_string(), false).await {
                Ok(list) if !list.is_empty() => {
                    let change = TicketChange {
                        action: Some(ActionKind::Assign),
                        assignee: Some(list[0].person.email.clone()),
                        ..TicketChange::default()
                    };
                    perform(number, change, None);
                }
                Ok(_) => message.set(Some("Nobody is available for this ticket".into())),
                Err(e) => message.set(Some(e.to_string())),
            }
        });
    };

    let lanes = move || filter("lanes") == "tech";
    let lane_list = move || {
        let mut list: Vec<(String, String)> = vec![(String::new(), "Unassigned".to_string())];
        list.extend(
            techs
                .get()
                .into_iter()
                .map(|t| (t.person.email, t.person.name)),
        );
        list
    };
    let column_view = move |status: Status, lane: Option<String>| {
        let lane_for_cards = lane.clone();
        let column_cards = StoredValue::new(move || {
            let mut list: Vec<BoardCard> = cards
                .get()
                .into_values()
                .filter(|c| c.ticket.status == status && visible(c))
                .filter(|c| match &lane_for_cards {
                    None => true,
                    Some(email) if email.is_empty() => c.ticket.assignee.is_none(),
                    Some(email) => c
                        .ticket
                        .assignee
                        .as_ref()
                        .is_some_and(|a| &a.email == email),
                })
                .collect();
            list.sort_by_key(|c| c.ticket.work_order());
            list
        });
        let column_cards = move || column_cards.with_value(|f| f());
        let label = match &lane {
            Some(l) if !l.is_empty() => format!("{} — {}", status.label(), l),
            Some(_) => format!("{} — unassigned", status.label()),
            None => status.label().to_string(),
        };
        view! {
            <section class="column" aria-label=label
                on:dragover=move |ev| ev.prevent_default()
                on:drop=move |ev| {
                    ev.prevent_default();
                    if let Some(n) = dragged.get_untracked() {
                        let card = cards.get_untracked().get(&n).cloned();
                        match card.as_ref().and_then(|c| action_into(c, status)) {
                            Some(kind) => perform(n, TicketChange { action: Some(kind), ..TicketChange::default() }, Some(status)),
                            None if card.is_some_and(|c| c.ticket.status != status) => message.set(Some(format!("Cannot move it to {} here: open the ticket to do that", status.label()))),
                            None => {}
                        }
                    }
                }>
                <h2>{status.label()} <span class="count">{move || column_cards().len()}</span></h2>
                <ul class="cards">
                    <For each=column_cards key=|c| (c.ticket.number.0, c.ticket.version, c.ticket.status) let:card>
                        <Card card=card dragged=dragged perform=perform assign_top=assign_top open=open triage=triage />
                    </For>
                </ul>
                {move || {
                    let total = totals.read().iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n);
                    let loaded = cards.read().values().filter(|c| c.ticket.status == status).count() as i64;
                    let after = next_pages.read().iter().find(|(s, _)| *s == status).map(|(_, n)| n.clone());
                    (lane.is_none() && total > loaded).then(|| {
                        let left = total - loaded;
                        match after {
                            Some(after) => view! {
                                <button type="button" class="small more" on:click=move |_| {
                                    let after = after.clone();
                                    leptos::task::spawn_local(async move {
                                        match board_page(status, after).await {
                                            Ok(page) => {
                                                cards.update(|map| {
                                                    for c in page.cards {
                                                        map.entry(c.ticket.number.0).or_insert(c);
                                                    }
                                                });
                                                next_pages.update(|n| {
                                                    n.retain(|(s, _)| *s != status);
                                                    n.extend(page.next.map(|p| (status, p)));
                                                });
                                            }
                                            Err(e) => message.set(Some(e.to_string())),
                                        }
                                    });
                                }>
                                    {format!("Show more ({left} less urgent)")}
                                </button>
                            }.into_any(),
                            None => view! {
                                <p class="muted more">{format!("{left} more, less urgent")}</p>
                            }.into_any(),
                        }
                    })
                }}
            </section>
        }
        .into_any()
    };

    view! {
        <section class="board-page">
            <div class="board-bar">
                <h1>"Board"</h1>
                <span class="link-state" role="status" class:warn=move || link.get() == Link::Reconnecting>
                    {move || match link.get() {
                        Link::Loading => "Loading…",
                        Link::Live => "Live",
                        Link::Reconnecting => "Reconnecting…",
                    }}
                </span>
                <label class="sr-only" for="board-q">"Search"</label>
                <input id="board-q" type="search" placeholder="Search titles, descriptions, notes, numbers"
                    prop:value=move || filter("q")
                    on:change={let set_filter = set_filter.clone(); move |ev| set_filter("q", event_target_value(&ev))} />
                <label class="sr-only" for="board-priority">"Priority"</label>
                <select id="board-priority" on:change={let set_filter = set_filter.clone(); move |ev| set_filter("priority", event_target_value(&ev))}>
                    <option value="" selected=move || filter("priority").is_empty()>"All priorities"</option>
                    {["P1", "P2", "P3", "P4"].into_iter().map(|p| view! { <option value=p selected=move || filter("priority") == p>{p}</option> }).collect_view()}
                </select>
                <label class="sr-only" for="board-category">"Category"</label>
                <select id="board-category" on:change={let set_filter = set_filter.clone(); move |ev| set_filter("category", event_target_value(&ev))}>
                    <option value="" selected=move || filter("category").is_empty()>"All categories"</option>
                    <For each=move || categories.get() key=|c| c.slug.clone() let:c>
                        {
                            let slug = c.slug.clone();
                            view! { <option value=c.slug.clone() selected=move || filter("category") == slug>{c.name.clone()}</option> }
                        }
                    </For>
                </select>
                <label class="sr-only" for="board-team">"Team"</label>
                <select id="board-team" on:change={let set_filter = set_filter.clone(); move |ev| set_filter("team", event_target_value(&ev))}>
                    <option value="" selected=move || filter("team").is_empty()>"All teams"</option>
                    <For each=team_names key=|t| t.clone() let:t>
                        {
                            let name = t.clone();
                            view! { <option value=t.clone() selected=move || filter("team") == name>{t.clone()}</option> }
                        }
                    </For>
                </select>
                <label class="sr-only" for="board-tech">"Technician"</label>
                <select id="board-tech" on:change={let set_filter = set_filter.clone(); move |ev| set_filter("tech", event_target_value(&ev))}>
                    <option value="" selected=move || filter("tech").is_empty()>"All technicians"</option>
                    <For each=move || techs.get() key=|t| t.person.email.clone() let:t>
                        {
                            let email = t.person.email.clone();
                            view! { <option value=t.person.email.clone() selected=move || filter("tech") == email>{t.person.name.clone()}</option> }
                        }
                    </For>
                </select>
                <label class="sr-only" for="board-project">"Project"</label>
                <select id="board-project" on:change={let set_filter = set_filter.clone(); move |ev| set_filter("project", event_target_value(&ev))}>
                    <option value="" selected=move || filter("project").is_empty()>"All projects"</option>
                    <For each=move || projects.get() key=|p| p.0 let:p>
                        {
                            let id = p.0.to_string();
                            view! { <option value=p.0.to_string() selected=move || filter("project") == id>{p.1.clone()}</option> }
                        }
                    </For>
                </select>
                <label class="check">
                    <input type="checkbox" prop:checked=move || filter("soon") == "1"
                        on:change={let set_filter = set_filter.clone(); move |ev| set_filter("soon", if event_target_checked(&ev) { "1".into() } else { String::new() })} />
                    "Breaching soon"
                </label>
                <label class="check">
                    <input type="checkbox" prop:checked=lanes
                        on:change={let set_filter = set_filter.clone(); move |ev| set_filter("lanes", if event_target_checked(&ev) { "tech".into() } else { String::new() })} />
                    "Lanes by technician"
                </label>
                <a class="button primary" href="/requests/new">"File for someone"</a>
            </div>
            {move || message.get().map(|m| view! { <div class="error-box" role="alert">{m}</div> })}
            <div class="board">
                {move || if lanes() {
                    view! {
                        <div class="lanes">
                            {lane_list().into_iter().map(|(email, name)| view! {
                                <div class="lane">
                                    <h2 class="lane-name">{name.clone()}</h2>
                                    <div class="columns">
                                        {COLUMNS.iter().map(|&status| column_view(status, Some(if email.is_empty() { String::new() } else { email.clone() }))).collect_view()}
                                    </div>
                                </div>
                            }).collect_view()}
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <div class="columns">
                            {COLUMNS.iter().map(|&status| column_view(status, None)).collect_view()}
                        </div>
                    }.into_any()
                }}
                <aside class="techs" aria-label="Technicians">
                    <h2>"Technicians"</h2>
                    <ul>
                        <For each=move || techs.get() key=|t| t.person.email.clone() let:t>
                            {
                                let email = t.person.email.clone();
                                view! {
                                    <li class="tech" class:away=!t.available
                                        on:dragover=move |ev| ev.prevent_default()
                                        on:drop=move |ev| {
                                            ev.prevent_default();
                                            if let Some(n) = dragged.get_untracked() {
                                                perform(n, TicketChange { action: Some(ActionKind::Assign), assignee: Some(email.clone()), ..TicketChange::default() }, None);
                                            }
                                        }>
                                        <strong>{t.person.name.clone()}</strong>
                                        <span class="muted">" tier " {t.tier}</span>
                                        <meter min="0" max=t.capacity value=t.open_load title=format!("{} of {} open", t.open_load, t.capacity)></meter>
                                        <span class="muted">{t.open_load} "/" {t.capacity}</span>
                                    </li>
                                }
                            }
                        </For>
                    </ul>
                </aside>
            </div>
            {move || open.get().map(|number| view! {
                <div class="drawer-backdrop" on:click=move |_| open.set(None)></div>
                <aside class="drawer" role="dialog" aria-modal="true" aria-label=format!("Ticket {number}")>
                    <div class="drawer-bar">
                        <a href=format!("/tickets/{number}")>"Open as a page"</a>
                        <button type="button" class="small" node_ref=close_button on:click=move |_| open.set(None)>"Close"</button>
                    </div>
                    <TicketPanel number=number.clone() />
                </aside>
            }.into_any())}
            {move || triage.get().and_then(|n| cards.get_untracked().get(&n).cloned()).map(|card| { let label = format!("Triage {}", card.ticket.number); view! {
                <div class="drawer-backdrop" on:click=move |_| triage.set(None)></div>
                <aside class="drawer" role="dialog" aria-modal="true" aria-label=label.clone()>
                    <div class="drawer-bar">
                        <strong>{label.clone()}</strong>
                        <button type="button" class="small" on:click=move |_| triage.set(None)>"Close"</button>
                    </div>
                    <Triage card=card categories=categories matrix=matrix perform=perform done=move || triage.set(None) />
                </aside>
            }.into_any()})}
        </section>
    }
}

/// Triage in one step: category, impact and urgency (the priority follows, or is overridden with
/// a reason), and who takes it, from a ranked list with the reasons.
#[component]
fn Triage<P, D>(
    card: BoardCard,
    categories: RwSignal<Vec<Category>>,
    matrix: RwSignal<PriorityMatrix>,
    perform: P,
    done: D,
) -> impl IntoView
where
    P: Fn(i64, TicketChange, Option<Status>) + Copy + 'static,
    D: Fn() + Copy + 'static,
{
    let t = card.ticket.clone();
    let n = t.number.0;
    let category = RwSignal::new(t.category.clone());
    let impact = RwSignal::new(t.impact);
    let urgency = RwSignal::new(t.urgency);
    let override_to = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let assignee = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let suggestions = RwSignal::new(Vec::<Suggestion>::new());
    let number = t.number.to_string();
    Effect::new(move |_| {
        let number = number.clone();
        leptos::task::spawn_local(async move {
            if let Ok(list) = suggest_assignees(number, false).await {
                if let Some(first) = list.first() {
                    assignee.set(first.person.email.clone());
                }
                suggestions.set(list);
            }
        });
    });
    let computed = move || matrix.get().priority(impact.get(), urgency.get());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let priority = override_to.get_untracked().parse::<Priority>().ok();
        if priority.is_some() && reason.get_untracked().trim().is_empty() {
            problem.set(Some("Give a reason for overriding the priority".into()));
            return;
        }
        let who = assignee.get_untracked();
        let change = TicketChange {
            action: (!who.is_empty()).then_some(ActionKind::Assign),
            assignee: (!who.is_empty()).then_some(who),
            category: Some(category.get_untracked()),
            impact: Some(impact.get_untracked()),
            urgency: Some(urgency.get_untracked()),
            priority,
            reason: Some(reason.get_untracked()).filter(|r| !r.trim().is_empty()),
            ..TicketChange::default()
        };
        perform(n, change, None);
        done();
    };
    view! {
        <form class="form triage" on:submit=submit>
            <p class="card-title">{t.title.clone()}</p>
            <p class="muted">{t.description.chars().take(300).collect::<String>()}</p>
            <label for="triage-category">"Category"</label>
            <select id="triage-category" on:change=move |ev| category.set(event_target_value(&ev))>
                {move || categories.get().into_iter().map(|c| {
                    let slug = c.slug.clone();
                    view! { <option value=c.slug.clone() selected=move || category.get() == slug>{c.name.clone()}</option> }
                }).collect_view()}
            </select>
            <label for="triage-impact">"Impact"</label>
            <select id="triage-impact" on:change=move |ev| if let Ok(i) = event_target_value(&ev).parse() { impact.set(i) }>
                {Impact::ALL.iter().map(|i| view! { <option value=i.as_str() selected=move || impact.get() == *i>{format!("{} ({})", i.as_str(), i.label())}</option> }).collect_view()}
            </select>
            <label for="triage-urgency">"Urgency"</label>
            <select id="triage-urgency" on:change=move |ev| if let Ok(u) = event_target_value(&ev).parse() { urgency.set(u) }>
                {Urgency::ALL.iter().map(|u| view! { <option value=u.as_str() selected=move || urgency.get() == *u>{format!("{} ({})", u.as_str(), u.label())}</option> }).collect_view()}
            </select>
            <p role="status">"Priority from impact × urgency: " <strong>{move || computed().to_string()}</strong></p>
            <label for="triage-override">"Override the priority"</label>
            <select id="triage-override" on:change=move |ev| override_to.set(event_target_value(&ev))>
                <option value="">"No override"</option>
                {Priority::ALL.iter().map(|p| view! { <option value=p.as_str()>{p.label()}</option> }).collect_view()}
            </select>
            <label for="triage-reason">"Reason for the override"</label>
            <input id="triage-reason" prop:value=reason on:input=move |ev| reason.set(event_target_value(&ev)) />
            <label for="triage-assignee">"Assign to"</label>
            <select id="triage-assignee" on:change=move |ev| assignee.set(event_target_value(&ev))>
                <option value="">"Nobody yet"</option>
                <For each=move || suggestions.get() key=|s| s.person.email.clone() let:s>
                    {
                        let email = s.person.email.clone();
                        let words = format!("{} — {}", s.person.name, s.reasons.join(", "));
                        view! { <option value=s.person.email.clone() selected=move || assignee.get() == email>{words}</option> }
                    }
                </For>
            </select>
            {move || problem.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <button type="submit" class="primary">"Triage"</button>
        </form>
    }
    .into_any()
}

#[component]
fn Card<P, A>(
    card: BoardCard,
    dragged: RwSignal<Option<i64>>,
    perform: P,
    assign_top: A,
    open: RwSignal<Option<String>>,
    triage: RwSignal<Option<i64>>,
) -> impl IntoView
where
    P: Fn(i64, TicketChange, Option<Status>) + Copy + 'static,
    A: Fn(i64) + Copy + 'static,
{
    let t = card.ticket.clone();
    let n = t.number.0;
    let simple: Vec<ActionKind> = card
        .actions
        .iter()
        .copied()
        .filter(|a| {
            matches!(
                a,
                ActionKind::Start
                    | ActionKind::Resume
                    | ActionKind::WaitRequester
                    | ActionKind::WaitThirdParty
                    | ActionKind::WaitFacility
                    | ActionKind::Close
                    | ActionKind::Cancel
            )
        })
        .collect();
    let can_assign = card.actions.contains(&ActionKind::Assign);
    let menu_id = format!("act-{n}");
    view! {
        <li class=format!("card prio-{}", t.priority.as_str().to_lowercase()) draggable="true"
            on:dragstart=move |_| dragged.set(Some(n))
            on:dragend=move |_| dragged.set(None)>
            <div class="card-top">
                <a href=format!("/tickets/{}", t.number) class="num"
                    on:click={
                        let number = t.number.to_string();
                        move |ev: leptos::ev::MouseEvent| {
                            if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
                                ev.prevent_default();
                                open.set(Some(number.clone()));
                            }
                        }
                    }>{t.number.to_string()}</a>
                <PriorityBadge priority=t.priority />
            </div>
            <p class="card-title">{t.title.clone()}</p>
            <p class="card-meta">
                <span>{t.category.clone()}</span>
                " · " <span>{t.requester.name.clone()}</span>
                " · " <span>{age(t.created_at)}</span>
            </p>
            <p class="card-meta">
                {t.assignee.as_ref().map(|a| a.name.clone()).unwrap_or_else(|| "Unassigned".into())}
                {t.escalated.then(|| view! { <span class="flag">"Escalated"</span> })}
                {t.reopened.then(|| view! { <span class="flag">"Reopened"</span> })}
                {t.waiting_on.map(|w| view! { <span class="flag">{w.label()}</span> })}
            </p>
            {t.project.as_ref().map(|p| view! {
                <p class="card-meta">
                    <span class="project-tag">{p.name.clone()}</span>
                    {t.due_on.map(|d| format!(" · due {d}"))}
                </p>
            })}
            <p class="card-meta"><SlaBadge sla=t.sla.clone() /></p>
            <div class="card-actions">
                {(t.status == Status::New).then(|| view! { <button type="button" class="small" on:click=move |_| triage.set(Some(n))>"Triage"</button> })}
                {can_assign.then(|| view! { <button type="button" class="small" on:click=move |_| assign_top(n)>"Assign best"</button> })}
                {(!simple.is_empty()).then(|| view! {
                    <label class="sr-only" for=menu_id.clone()>"Action for " {t.number.to_string()}</label>
                    <select id=menu_id.clone() class="small" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Ok(kind) = value.parse::<ActionKind>() {
                            perform(n, TicketChange { action: Some(kind), ..TicketChange::default() }, None);
                        }
                    }>
                        <option value="" selected>"Move…"</option>
                        {simple.iter().map(|a| view! { <option value=a.as_str()>{a.label()}</option> }).collect_view()}
                    </select>
                })}
            </div>
        </li>
    }
    .into_any()
}
