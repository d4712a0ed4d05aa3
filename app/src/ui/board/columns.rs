//! The board's columns (or lanes), the technicians to drop cards on, and the drawers.

use super::*;
use crate::ui::t;

/// One status column, or one technician's part of it when the board has lanes (`lane`: the
/// technician's address, empty for the unassigned lane).
#[component]
pub(super) fn Column(board: BoardState, status: Status, lane: Option<String>) -> impl IntoView {
    let (cards, totals, next_pages) = (board.cards, board.totals, board.next_pages);
    let lane_for_cards = lane.clone();
    let column_cards = StoredValue::new(move || {
        cards.with(|cards| {
            board
                .column_of(cards, status)
                .into_iter()
                .filter(|c| {
                    lane_for_cards
                        .as_deref()
                        .is_none_or(|email| BoardState::in_lane(c, email))
                })
                .cloned()
                .collect::<Vec<BoardCard>>()
        })
    });
    let column_cards = move || column_cards.with_value(|f| f());
    let loc = board.loc;
    let label = match &lane {
        Some(l) if !l.is_empty() => format!("{} — {}", status.label(&loc), l),
        Some(_) => loc.t_with(
            "board-column-unassigned",
            &[("status", status.label(&loc).into())],
        ),
        None => status.label(&loc),
    };
    let perform = move |n: i64, change: TicketChange, optimistic: Option<Status>| {
        board.perform(n, change, optimistic)
    };
    let assign_top = move |n: i64| board.assign_top(n);
    view! {
        <section
            class="column"
            aria-label=label
            on:dragover=move |ev| ev.prevent_default()
            on:drop=move |ev| {
                ev.prevent_default();
                board.drop_into(status);
            }
        >
            <h2>{status.label(&loc)} <span class="count">{move || column_cards().len()}</span></h2>
            <ul class="cards">
                <For
                    each=column_cards
                    key=|c| (c.ticket.number.0, c.ticket.version, c.ticket.status)
                    let:card
                >
                    <Card
                        card=card
                        dragged=board.dragged
                        perform=perform
                        assign_top=assign_top
                        open=board.open
                        triage=board.triage
                        selected=board.selected
                        select=move |n, range| board.select(n, range)
                        focused=board.focused
                    />
                </For>
            </ul>
            {move || {
                let total = totals.read().iter().find(|(s, _)| *s == status).map_or(0, |(_, n)| *n);
                let loaded = cards.read().values().filter(|c| c.ticket.status == status).count()
                    as i64;
                let after = next_pages
                    .read()
                    .iter()
                    .find(|(s, _)| *s == status)
                    .map(|(_, n)| n.clone());
                (lane.is_none() && total > loaded)
                    .then(|| {
                        let left = total - loaded;
                        match after {
                            Some(after) => {
                                view! {
                                    <button
                                        type="button"
                                        class="small more"
                                        on:click=move |_| board.more(status, after.clone())
                                    >
                                        {loc.t_with("board-show-more", &[("count", left.into())])}
                                    </button>
                                }
                                    .into_any()
                            }
                            None => {
                                view! {
                                    <p class="muted more">
                                        {loc
                                            .t_with(
                                                "board-more-less-urgent",
                                                &[("count", left.into())],
                                            )}
                                    </p>
                                }
                                    .into_any()
                            }
                        }
                    })
            }}
        </section>
    }
    .into_any()
}

/// The technicians with their load; a card dropped on one assigns it to them.
#[component]
pub(super) fn TechList(board: BoardState) -> impl IntoView {
    let loc = board.loc;
    view! {
        <aside class="techs" aria-label=t("board-technicians")>
            <h2>{t("board-technicians")}</h2>
            <ul>
                <For each=move || board.techs.get() key=|t| t.person.email.clone() let:t>
                    {
                        let email = t.person.email.clone();
                        view! {
                            <li
                                class="tech"
                                class:away=!t.available
                                on:dragover=move |ev| ev.prevent_default()
                                on:drop=move |ev| {
                                    ev.prevent_default();
                                    if let Some(n) = board.dragged.get_untracked() {
                                        board
                                            .perform(
                                                n,
                                                TicketChange {
                                                    action: Some(ActionKind::Assign),
                                                    assignee: Some(email.clone()),
                                                    ..TicketChange::default()
                                                },
                                                None,
                                            );
                                    }
                                }
                            >
                                <strong>{t.person.name.clone()}</strong>
                                <span class="muted">
                                    " " {loc.t_with("board-tech-tier", &[("tier", t.tier.into())])}
                                </span>
                                <meter
                                    min="0"
                                    max=t.capacity
                                    value=t.open_load
                                    title=loc
                                        .t_with(
                                            "board-tech-load",
                                            &[
                                                ("load", t.open_load.into()),
                                                ("capacity", t.capacity.into()),
                                            ],
                                        )
                                ></meter>
                                <span class="muted">{t.open_load} "/" {t.capacity}</span>
                            </li>
                        }
                    }
                </For>
            </ul>
        </aside>
    }
    .into_any()
}

/// The ticket drawer and the triage drawer.
#[component]
pub(super) fn Drawers(board: BoardState) -> impl IntoView {
    let (open, triage) = (board.open, board.triage);
    let loc = board.loc;
    let close_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if open.get().is_some() {
            if let Some(b) = close_button.get() {
                let _ = b.focus();
            }
        }
    });
    let perform = move |n: i64, change: TicketChange, optimistic: Option<Status>| {
        board.perform(n, change, optimistic)
    };
    view! {
        {move || {
            open.get()
                .map(|number| {
                    view! {
                        <div class="drawer-backdrop" on:click=move |_| open.set(None)></div>
                        <aside
                            class="drawer"
                            role="dialog"
                            aria-modal="true"
                            aria-label=loc
                                .t_with("board-drawer-ticket", &[("number", number.clone().into())])
                        >
                            <div class="drawer-bar">
                                <a href=format!(
                                    "/tickets/{number}",
                                )>{loc.t("board-open-as-page")}</a>
                                <button
                                    type="button"
                                    class="small"
                                    node_ref=close_button
                                    on:click=move |_| open.set(None)
                                >
                                    {loc.t("board-close")}
                                </button>
                            </div>
                            <TicketPanel number=number.clone() />
                        </aside>
                    }
                        .into_any()
                })
        }}
        {move || {
            triage
                .get()
                .and_then(|n| board.cards.get_untracked().get(&n).cloned())
                .map(|card| {
                    let label = loc
                        .t_with(
                            "board-triage-ticket",
                            &[("number", card.ticket.number.to_string().into())],
                        );
                    view! {
                        <div class="drawer-backdrop" on:click=move |_| triage.set(None)></div>
                        <aside
                            class="drawer"
                            role="dialog"
                            aria-modal="true"
                            aria-label=label.clone()
                        >
                            <div class="drawer-bar">
                                <strong>{label.clone()}</strong>
                                <button
                                    type="button"
                                    class="small"
                                    on:click=move |_| triage.set(None)
                                >
                                    {loc.t("board-close")}
                                </button>
                            </div>
                            <Triage
                                card=card
                                categories=board.categories
                                matrix=board.matrix
                                perform=perform
                                done=move || triage.set(None)
                            />
                        </aside>
                    }
                        .into_any()
                })
        }}
    }
    .into_any()
}
