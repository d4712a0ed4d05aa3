//! A card on the board, and triage in one step.

use super::*;
use crate::ui::{t, use_locale};

/// Triage in one step: category, impact and urgency (the priority follows, or is overridden with
/// a reason), and who takes it, from a ranked list with the reasons.
#[component]
pub(super) fn Triage<P, D>(
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
    let loc = use_locale();
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
            problem.set(Some(loc.t("board-override-reason-needed")));
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
            <CategorySelect categories category />
            <ImpactUrgency impact urgency />
            <p role="status">
                {loc.t("board-priority-from-matrix")} " "
                <strong>{move || computed().to_string()}</strong>
            </p>
            <PriorityOverride override_to reason />
            <AssigneeSelect suggestions assignee />
            <Problem problem />
            <button type="submit" class="primary">
                {loc.t("board-triage")}
            </button>
        </form>
    }
    .into_any()
}

/// The ticket's category, from the desk's list.
#[component]
fn CategorySelect(
    categories: RwSignal<Vec<Category>>,
    category: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label for="triage-category">{t("board-category")}</label>
        <select id="triage-category" on:change=move |ev| category.set(event_target_value(&ev))>
            {move || {
                categories
                    .get()
                    .into_iter()
                    .map(|c| {
                        let slug = c.slug.clone();
                        let name = crate::domain::category_words(&use_locale(), &c.name);
                        view! {
                            <option value=c.slug.clone() selected=move || category.get() == slug>
                                {name}
                            </option>
                        }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// Impact and urgency, the two inputs of the priority matrix.
#[component]
fn ImpactUrgency(impact: RwSignal<Impact>, urgency: RwSignal<Urgency>) -> impl IntoView {
    let loc = use_locale();
    view! {
        <label for="triage-impact">{t("board-impact")}</label>
        <select
            id="triage-impact"
            on:change=move |ev| {
                if let Ok(i) = event_target_value(&ev).parse() {
                    impact.set(i)
                }
            }
        >
            {Impact::ALL
                .iter()
                .map(|i| {
                    view! {
                        <option value=i.as_str() selected=move || impact.get() == *i>
                            {format!("{} ({})", i.as_str(), i.label(&loc))}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <label for="triage-urgency">{t("board-urgency")}</label>
        <select
            id="triage-urgency"
            on:change=move |ev| {
                if let Ok(u) = event_target_value(&ev).parse() {
                    urgency.set(u)
                }
            }
        >
            {Urgency::ALL
                .iter()
                .map(|u| {
                    view! {
                        <option value=u.as_str() selected=move || urgency.get() == *u>
                            {format!("{} ({})", u.as_str(), u.label(&loc))}
                        </option>
                    }
                })
                .collect_view()}
        </select>
    }
}

/// A priority other than the matrix's, with the reason the history keeps.
#[component]
fn PriorityOverride(override_to: RwSignal<String>, reason: RwSignal<String>) -> impl IntoView {
    let loc = use_locale();
    view! {
        <label for="triage-override">{t("board-override-priority")}</label>
        <select id="triage-override" on:change=move |ev| override_to.set(event_target_value(&ev))>
            <option value="">{t("board-no-override")}</option>
            {Priority::ALL
                .iter()
                .map(|p| view! { <option value=p.as_str()>{p.label(&loc)}</option> })
                .collect_view()}
        </select>
        <label for="triage-reason">{t("board-override-reason")}</label>
        <input
            id="triage-reason"
            prop:value=reason
            on:input=move |ev| reason.set(event_target_value(&ev))
        />
    }
}

/// Who takes it: the ranked suggestions with their reasons, the best one chosen.
#[component]
fn AssigneeSelect(
    suggestions: RwSignal<Vec<Suggestion>>,
    assignee: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label for="triage-assignee">{t("board-assign-to")}</label>
        <select id="triage-assignee" on:change=move |ev| assignee.set(event_target_value(&ev))>
            <option value="">{t("board-nobody-yet")}</option>
            <For each=move || suggestions.get() key=|s| s.person.email.clone() let:s>
                {
                    let email = s.person.email.clone();
                    let words = s.words(&use_locale());
                    view! {
                        <option
                            value=s.person.email.clone()
                            selected=move || assignee.get() == email
                        >
                            {words}
                        </option>
                    }
                }
            </For>
        </select>
    }
}

#[component]
pub(super) fn Card<P, A, S>(
    card: BoardCard,
    dragged: RwSignal<Option<i64>>,
    perform: P,
    assign_top: A,
    open: RwSignal<Option<String>>,
    triage: RwSignal<Option<i64>>,
    selected: RwSignal<BTreeSet<i64>>,
    /// Selects or unselects the card for a bulk change (`true`: a range, from a shift-click).
    select: S,
    /// The card the keyboard is on.
    focused: RwSignal<Option<i64>>,
) -> impl IntoView
where
    P: Fn(i64, TicketChange, Option<Status>) + Copy + 'static,
    A: Fn(i64) + Copy + 'static,
    S: Fn(i64, bool) + Copy + 'static,
{
    let loc = use_locale();
    let t = card.ticket.clone();
    let n = t.number.0;
    let number = t.number.to_string();
    let select_label = loc.t_with("bulk-select-card", &[("number", number.clone().into())]);
    // A change draws the card again: the keyboard stays on it.
    let node = NodeRef::<leptos::html::Li>::new();
    Effect::new(move |_| {
        if let Some(li) = node.get() {
            if focused.get_untracked() == Some(n) {
                let lost = document()
                    .active_element()
                    .is_none_or(|a| Some(a) == document().body().map(Into::into));
                if lost {
                    let _ = li.focus();
                }
            }
        }
    });
    let open_here = move |ev: leptos::ev::MouseEvent| {
        if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
            ev.prevent_default();
            open.set(Some(number.clone()));
        }
    };
    view! {
        <li
            node_ref=node
            id=format!("card-{n}")
            class=format!("card prio-{}", t.priority.as_str().to_lowercase())
            class:selected=move || selected.read().contains(&n)
            tabindex=move || if focused.get() == Some(n) { "0" } else { "-1" }
            on:focusin=move |_| focused.set(Some(n))
            draggable="true"
            on:dragstart=move |_| dragged.set(Some(n))
            on:dragend=move |_| dragged.set(None)
        >
            <div class="card-top">
                <input
                    type="checkbox"
                    class="select"
                    aria-label=select_label
                    prop:checked=move || selected.read().contains(&n)
                    on:click=move |ev: leptos::ev::MouseEvent| select(n, ev.shift_key())
                />
                <a href=format!("/tickets/{}", t.number) class="num" on:click=open_here>
                    {t.number.to_string()}
                </a>
                <PriorityBadge priority=t.priority />
            </div>
            <CardFacts t=t.clone() />
            <CardActions card perform assign_top triage />
        </li>
    }
    .into_any()
}

/// What a card says about its ticket: title, who and since when, flags, project and SLA.
#[component]
fn CardFacts(t: Ticket) -> impl IntoView {
    let loc = use_locale();
    view! {
        <p class="card-title">{t.title.clone()}</p>
        <p class="card-meta">
            <span>{crate::domain::category::slug_words(&loc, &t.category)}</span>
            " · "
            <span>{t.requester.name.clone()}</span>
            " · "
            <span>{age(t.created_at)}</span>
        </p>
        <p class="card-meta">
            {t
                .assignee
                .as_ref()
                .map(|a| a.name.clone())
                .unwrap_or_else(|| loc.t("board-unassigned"))}
            {t
                .escalated
                .then(|| view! { <span class="flag">{loc.t("board-flag-escalated")}</span> })}
            {t.reopened.then(|| view! { <span class="flag">{loc.t("board-flag-reopened")}</span> })}
            {t.waiting_on.map(|w| view! { <span class="flag">{w.label(&loc)}</span> })}
        </p>
        {t
            .project
            .as_ref()
            .map(|p| {
                view! {
                    <p class="card-meta">
                        <span class="project-tag">{p.name.clone()}</span>
                        {t
                            .due_on
                            .map(|d| {
                                format!(
                                    " · {}",
                                    loc.t_with("board-due", &[("date", loc.date(d).into())]),
                                )
                            })}
                    </p>
                }
            })}
        <p class="card-meta">
            <SlaBadge sla=t.sla.clone() />
        </p>
    }
}

/// The card's own buttons: triage a new ticket, assign the best technician, move it on.
#[component]
fn CardActions<P, A>(
    card: BoardCard,
    perform: P,
    assign_top: A,
    triage: RwSignal<Option<i64>>,
) -> impl IntoView
where
    P: Fn(i64, TicketChange, Option<Status>) + Copy + 'static,
    A: Fn(i64) + Copy + 'static,
{
    let loc = use_locale();
    let t = &card.ticket;
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
    let number = t.number.to_string();
    let move_to = move |ev| {
        if let Ok(kind) = event_target_value(&ev).parse::<ActionKind>() {
            let change = TicketChange {
                action: Some(kind),
                ..TicketChange::default()
            };
            perform(n, change, None);
        }
    };
    view! {
        <div class="card-actions">
            {(t.status == Status::New)
                .then(|| {
                    view! {
                        <button type="button" class="small" on:click=move |_| triage.set(Some(n))>
                            {loc.t("board-triage")}
                        </button>
                    }
                })}
            {can_assign
                .then(|| {
                    view! {
                        <button type="button" class="small" on:click=move |_| assign_top(n)>
                            {loc.t("board-assign-best")}
                        </button>
                    }
                })}
            {(!simple.is_empty())
                .then(|| {
                    view! {
                        <label class="sr-only" for=menu_id.clone()>
                            {loc.t_with("board-action-for", &[("number", number.into())])}
                        </label>
                        <select id=menu_id.clone() class="small" on:change=move_to>
                            <option value="" selected>
                                {loc.t("board-move")}
                            </option>
                            {simple
                                .iter()
                                .map(|a| {
                                    view! { <option value=a.as_str()>{a.label(&loc)}</option> }
                                })
                                .collect_view()}
                        </select>
                    }
                })}
        </div>
    }
}
