//! The technician's phone-first list: my tickets by what needs me next, and the team queue.

use super::widgets::{age, PriorityBadge, SlaBadge};
use super::{may_open, Gate};
use crate::api::board::{my_work, work_changed};
use crate::domain::Ticket;
use crate::ui::{t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyWork() -> impl IntoView {
    let loc = use_locale();
    view! {
        <Title text=t("tech-title") />
        <Gate
            allowed=may_open::staff
            children=move |_| {
                let (tick, set_tick) = signal(0u32);
                let (tab, set_tab) = signal(0u8);
                let work = Resource::new(move || tick.get(), |_| my_work());
                let reloading = StoredValue::new(None::<i64>);
                let shown = StoredValue::new(None::<Result<i64, ()>>);
                super::live::poll(
                    100,
                    30_000,
                    move || async move {
                        let at = match shown.get_value() {
                            Some(Ok(cursor)) if reloading.get_value() != Some(cursor) => cursor,
                            Some(Err(())) => {
                                set_tick.update(|t| *t += 1);
                                return (false, false);
                            }
                            _ => return (true, false),
                        };
                        match work_changed(at, Some(super::live::LONG_POLL_MS)).await {
                            Ok(head) => {
                                if head > at {
                                    reloading.set_value(Some(at));
                                    set_tick.update(|t| *t += 1);
                                }
                                (true, false)
                            }
                            Err(_) => (false, false),
                        }
                    },
                );
                // The feed position of the lists shown, or that reading them failed: set where
                // they are drawn, read by the poll (a resource read outside a suspense would not
                // be the one the page drew).
                // A change after it reads them again.
                // Failed: read again, backing off.
                // Not loaded yet, or being read again: nothing to wait for.
                view! {
                    <section class="panel work">
                        <h1>{loc.t("tech-heading")}</h1>
                        <div class="tabs" role="tablist">
                            <button
                                role="tab"
                                aria-selected=move || (tab.get() == 0).to_string()
                                on:click=move |_| set_tab.set(0)
                            >
                                {loc.t("tech-tab-mine")}
                            </button>
                            <button
                                role="tab"
                                aria-selected=move || (tab.get() == 1).to_string()
                                on:click=move |_| set_tab.set(1)
                            >
                                {loc.t("tech-tab-queue")}
                            </button>
                        </div>
                        <Transition fallback=move || {
                            view! { <p class="muted">{loc.t("tech-loading")}</p> }
                        }>
                            {move || Suspend::new(async move {
                                let work = work.await;
                                shown
                                    .set_value(
                                        Some(work.as_ref().map(|w| w.cursor).map_err(|_| ())),
                                    );
                                match work {
                                    Ok(work) => {
                                        let list = if tab.get() == 0 {
                                            work.mine
                                        } else {
                                            work.queue
                                        };
                                        if list.is_empty() {
                                            view! { <p class="empty">{loc.t("tech-empty")}</p> }
                                                .into_any()
                                        } else {
                                            view! {
                                                <ul class="work-list">
                                                    {list
                                                        .into_iter()
                                                        .map(|t| view! { <WorkItem ticket=t /> })
                                                        .collect_view()}
                                                </ul>
                                            }
                                                .into_any()
                                        }
                                    }
                                    Err(e) => {
                                        view! { <p class="error-box">{e.message(&loc)}</p> }
                                            .into_any()
                                    }
                                }
                            })}
                        </Transition>
                    </section>
                }
            }
        />
    }
}

#[component]
fn WorkItem(ticket: Ticket) -> impl IntoView {
    let loc = use_locale();
    // Status, where (when the requester said), and how long ago it was filed.
    let facts = [
        Some(ticket.status.label(&loc)),
        ticket.location.clone().filter(|l| !l.trim().is_empty()),
        Some(age(ticket.created_at)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <li class="work-item">
            <a href=format!("/tickets/{}", ticket.number)>
                <span class="row spread">
                    <span class="num">{ticket.number.to_string()}</span>
                    <PriorityBadge priority=ticket.priority />
                </span>
                <span class="title">{ticket.title.clone()}</span>
                <span class="muted">{facts}</span>
                <SlaBadge sla=ticket.sla.clone() />
            </a>
        </li>
    }
}
