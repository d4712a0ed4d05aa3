//! The coordinator's live board: a column per status, kept current by polling the change feed.

use super::widgets::{age, PriorityBadge, SlaBadge};
use super::Gate;
use crate::api::board::{get_board, poll_board, suggest_assignees};
use crate::api::tickets::change_ticket;
use crate::api::types::{BoardCard, TechnicianLoad, TicketChange};
use crate::domain::{ActionKind, Status};
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

/// The action that moves a card into a column without further input, if there is one.
fn action_into(card: &BoardCard, column: Status) -> Option<ActionKind> {
    let want: &[ActionKind] = match column {
        Status::InProgress => &[ActionKind::Start, ActionKind::Resume, ActionKind::Reopen],
        Status::Waiting => &[ActionKind::WaitThirdParty],
        Status::Resolved | Status::New | Status::Assigned | Status::Closed | Status::Cancelled => {
            &[]
        }
    };
    want.iter().copied().find(|a| card.actions.contains(a))
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
    let visible = move |c: &BoardCard| {
        let t = &c.ticket;
        let text = filter("q").to_lowercase();
        (filter("priority").is_empty() || t.priority.as_str() == filter("priority"))
            && (filter("category").is_empty() || t.category == filter("category"))
            && (filter("tech").is_empty()
                || t.assignee
                    .as_ref()
                    .is_some_and(|a| a.email == filter("tech")))
            && (text.is_empty()
                || t.title.to_lowercase().contains(&text)
                || t.number.to_string().to_lowercase().contains(&text)
                || t.requester.name.to_lowercase().contains(&text))
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
                <input id="board-q" type="search" placeholder="Search title, number, requester"
                    prop:value=move || filter("q")
                    on:change={let set_filter = set_filter.clone(); move |ev| set_filter("q", event_target_value(&ev))} />
                <label class="sr-only" for="board-priority">"Priority"</label>
                <select id="board-priority" on:change={let set_filter = set_filter.clone(); move |ev| set_filter("priority", event_target_value(&ev))}>
                    <option value="" selected=move || filter("priority").is_empty()>"All priorities"</option>
                    {["P1", "P2", "P3", "P4"].into_iter().map(|p| view! { <option value=p selected=move || filter("priority") == p>{p}</option> }).collect_view()}
                </select>
                <a class="button primary" href="/requests/new">"File for someone"</a>
            </div>
            {move || message.get().map(|m| view! { <div class="error-box" role="alert">{m}</div> })}
            <div class="board">
                <div class="columns">
                    {COLUMNS.iter().map(|&status| {
                        let column_cards = move || {
                            let mut list: Vec<BoardCard> = cards.get().into_values().filter(|c| c.ticket.status == status && visible(c)).collect();
                            list.sort_by_key(|c| c.ticket.work_order());
                            list
                        };
                        view! {
                            <section class="column" aria-label=status.label()
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
                                        <Card card=card dragged=dragged perform=perform assign_top=assign_top />
                                    </For>
                                </ul>
                            </section>
                        }
                    }).collect_view()}
                </div>
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
        </section>
    }
}

#[component]
fn Card<P, A>(
    card: BoardCard,
    dragged: RwSignal<Option<i64>>,
    perform: P,
    assign_top: A,
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
                <a href=format!("/tickets/{}", t.number) class="num">{t.number.to_string()}</a>
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
            <p class="card-meta"><SlaBadge sla=t.sla.clone() /></p>
            <div class="card-actions">
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
}
