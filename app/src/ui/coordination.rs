//! The staff part of a ticket page beyond the ticket itself: links to other tickets (parent,
//! children, related, merged duplicates), the facility work it waits on, and its project.

use super::widgets::{action_error, not_field, ErrorBox, FieldMessage, StatusChip};
use crate::api::coordination::{LinkTicket, PlanTicket, RequestFacilityWork, UnlinkTicket};
use crate::domain::coordination::{LinkChoice, LinkedTicket};
use crate::domain::PersonRef;
use crate::types::TicketExtras;
use crate::ui::{t, use_locale};
use leptos::prelude::*;

#[component]
pub fn TicketCoordination(
    extras: TicketExtras,
    number: String,
    /// The ticket's project and due date now, preselected in the project form.
    project: Option<i64>,
    due_on: Option<chrono::NaiveDate>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let link = ServerAction::<LinkTicket>::new();
    let unlink = ServerAction::<UnlinkTicket>::new();
    let facility = ServerAction::<RequestFacilityWork>::new();
    let plan = ServerAction::<PlanTicket>::new();
    Effect::new(move |_| {
        let done = matches!(link.value().get(), Some(Ok(_)))
            | matches!(unlink.value().get(), Some(Ok(_)))
            | matches!(facility.value().get(), Some(Ok(_)))
            | matches!(plan.value().get(), Some(Ok(_)));
        if done {
            reload.update(|r| *r += 1);
        }
    });
    view! {
        <crate::ui::known::KnownIssueForm
            extras=extras.clone()
            number=number.clone()
            reload=reload
        />
        <TicketLinks extras=extras.clone() number=number.clone() link=link unlink=unlink />
        <FacilityWork extras=extras.clone() number=number.clone() facility=facility />
        <PlanTicketForm extras=extras number=number project=project due_on=due_on plan=plan />
    }
}

/// The ticket's links, and the form to link another.
#[component]
fn TicketLinks(
    extras: TicketExtras,
    number: String,
    link: ServerAction<LinkTicket>,
    unlink: ServerAction<UnlinkTicket>,
) -> impl IntoView {
    let link_error = action_error(link);
    let unlink_error = action_error(unlink);
    let links = extras.links.clone();
    let loc = use_locale();
    let row = |label: String, t: LinkedTicket, number: String, removable: bool| {
        let other = t.number.to_string();
        let unlink_label = loc.t_with("coord-unlink-ticket", &[("number", other.clone().into())]);
        view! {
            <li>
                <span class="muted">{label}" "</span>
                <a href=format!("/tickets/{}", t.number)>{t.number.to_string()}</a>
                " "
                {t.title.clone()}
                " "
                <StatusChip status=t.status />
                {removable
                    .then(|| {
                        view! {
                            " "
                            <ActionForm action=unlink attr:class="inline">
                                <input type="hidden" name="number" value=number.clone() />
                                <input type="hidden" name="other" value=other.clone() />
                                <button
                                    type="submit"
                                    class="link small"
                                    aria-label=unlink_label.clone()
                                >
                                    {loc.t("coord-unlink")}
                                </button>
                            </ActionForm>
                        }
                    })}
            </li>
        }
    };
    let mut items = Vec::new();
    if let Some(p) = links.parent.clone() {
        items.push(row(loc.t("coord-part-of"), p, number.clone(), true));
    }
    for c in links.children.clone() {
        items.push(row(loc.t("coord-child"), c, number.clone(), true));
    }
    for r in links.related.clone() {
        items.push(row(loc.t("coord-related"), r, number.clone(), true));
    }
    for m in links.merged.clone() {
        items.push(row(loc.t("coord-merged-here"), m, number.clone(), false));
    }
    let choices: Vec<LinkChoice> = LinkChoice::ALL
        .iter()
        .copied()
        .filter(|c| *c != LinkChoice::Duplicate || extras.can_merge)
        .collect();
    view! {
        <section class="links" aria-labelledby="links-h">
            <h2 id="links-h">{loc.t("coord-linked-tickets")}</h2>
            {links.is_empty().then(|| view! { <p class="muted">{loc.t("coord-no-links")}</p> })}
            <ul class="linked">{items}</ul>
            <ErrorBox error=not_field(unlink_error) />
            {extras
                .can_link
                .then(|| {
                    let number = number.clone();
                    view! {
                        <ActionForm action=link attr:class="form inline-form">
                            <input type="hidden" name="number" value=number />
                            <ErrorBox error=not_field(link_error) />
                            <div class="row">
                                <label for="link-kind">{loc.t("coord-this-ticket")}</label>
                                <select id="link-kind" name="kind">
                                    {choices
                                        .into_iter()
                                        .map(|c| {
                                            view! { <option value=c.as_str()>{c.label(&loc)}</option> }
                                        })
                                        .collect_view()}
                                </select>
                                <label class="sr-only" for="link-other">
                                    {loc.t("coord-other-ticket-number")}
                                </label>
                                <input
                                    id="link-other"
                                    name="other"
                                    required
                                    placeholder="SB-1042"
                                    class="short"
                                />
                                <button type="submit" disabled=move || link.pending().get()>
                                    {loc.t("coord-link")}
                                </button>
                            </div>
                            <FieldMessage error=link_error field="other" />
                        </ActionForm>
                    }
                })}
        </section>
    }
}

/// The work orders the ticket waits on, and the form to ask for facility work.
#[component]
fn FacilityWork(
    extras: TicketExtras,
    number: String,
    facility: ServerAction<RequestFacilityWork>,
) -> impl IntoView {
    let orders = extras.work_orders.clone();
    let loc = use_locale();
    view! {
        <section class="facility-work" aria-labelledby="facility-h">
            <h2 id="facility-h">{loc.t("coord-facility-work")}</h2>
            {orders
                .is_empty()
                .then(|| view! { <p class="muted">{loc.t("coord-no-facility-work")}</p> })}
            <ul class="linked">
                {orders
                    .into_iter()
                    .map(|w| {
                        view! {
                            <li>
                                <strong>{w.reference()}</strong>
                                " "
                                {w.what.clone()}
                                " ("
                                {w.location.clone()}
                                ") · "
                                {w.manager.name.clone()}
                                " · "
                                <span class=format!(
                                    "wo-status {}",
                                    w.status.as_str(),
                                )>{w.status.label(&loc)}</span>
                                {w
                                    .expected_on
                                    .map(|d| {
                                        format!(
                                            " · {}",
                                            loc
                                                .t_with(
                                                    "coord-expected-on",
                                                    &[("date", loc.date(d).into())],
                                                ),
                                        )
                                    })}
                                {w
                                    .outcome
                                    .clone()
                                    .map(|o| {
                                        format!(
                                            " · {}",
                                            loc.t_with("coord-outcome-quoted", &[("outcome", o.into())]),
                                        )
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {extras
                .can_request_facility
                .then(|| {
                    view! {
                        <AskFacility
                            number=number.clone()
                            managers=extras.facility_managers.clone()
                            open=extras.open_work_orders.clone()
                            facility
                        />
                    }
                })}
        </section>
    }
}

/// Asking a facility manager for work: a new work order, or waiting on one that exists.
#[component]
fn AskFacility(
    number: String,
    managers: Vec<PersonRef>,
    open: Vec<(i64, String)>,
    facility: ServerAction<RequestFacilityWork>,
) -> impl IntoView {
    let error = action_error(facility);
    view! {
        <details class="request-facility" open=move || error.get().is_some()>
            <summary>{t("coord-needs-facility-work")}</summary>
            <ActionForm action=facility attr:class="form">
                <input type="hidden" name="number" value=number />
                <ErrorBox error=not_field(error) />
                <p class="muted">{t("coord-facility-clock-pauses")}</p>
                <label for="wo-what">{t("coord-what-is-needed")}</label>
                <textarea id="wo-what" name="what" rows="2"></textarea>
                <FieldMessage error=error field="what" />
                <label for="wo-location">{t("coord-where")}</label>
                <input id="wo-location" name="location" />
                <FieldMessage error=error field="location" />
                <label for="wo-manager">{t("coord-facility-manager")}</label>
                <select id="wo-manager" name="manager">
                    {managers
                        .is_empty()
                        .then(|| {
                            view! { <option value="">{t("coord-no-facility-manager")}</option> }
                        })}
                    {managers
                        .iter()
                        .map(|m| {
                            view! {
                                <option value=m
                                    .email
                                    .clone()>{format!("{} <{}>", m.name, m.email)}</option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage error=error field="manager" />
                <label for="wo-expected">{t("coord-hoped-for-by")}</label>
                <input id="wo-expected" name="expected_on" type="date" />
                <FieldMessage error=error field="expected_on" />
                {(!open.is_empty())
                    .then(|| {
                        view! {
                            <label for="wo-existing">{t("coord-existing-work-order")}</label>
                            <select id="wo-existing" name="existing">
                                <option value="">{t("coord-new-work-order")}</option>
                                {open
                                    .iter()
                                    .map(|(id, words)| {
                                        view! {
                                            <option value=id.to_string()>{words.clone()}</option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <FieldMessage error=error field="existing" />
                        }
                    })}
                <button type="submit" class="primary" disabled=move || facility.pending().get()>
                    {t("coord-ask-facility-work")}
                </button>
            </ActionForm>
        </details>
    }
}

/// The ticket's project and due date.
#[component]
fn PlanTicketForm(
    extras: TicketExtras,
    number: String,
    project: Option<i64>,
    due_on: Option<chrono::NaiveDate>,
    plan: ServerAction<PlanTicket>,
) -> impl IntoView {
    let plan_error = action_error(plan);
    view! {
        {extras
            .can_plan
            .then(move || {
                let projects = extras.projects.clone();
                view! {
                    <section class="plan" aria-labelledby="plan-ticket-h">
                        <h2 id="plan-ticket-h">{t("coord-project")}</h2>
                        <ActionForm action=plan attr:class="form inline-form">
                            <input type="hidden" name="number" value=number.clone() />
                            <ErrorBox error=not_field(plan_error) />
                            <div class="row">
                                <label for="plan-project">{t("coord-project")}</label>
                                <select id="plan-project" name="project">
                                    <option value="">{t("coord-no-project")}</option>
                                    {projects
                                        .into_iter()
                                        .map(|(id, name)| {
                                            view! {
                                                <option value=id.to_string() selected=project == Some(id)>
                                                    {name}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                                <label for="plan-due">{t("coord-due")}</label>
                                <input
                                    id="plan-due"
                                    name="due_on"
                                    type="date"
                                    value=due_on.map(|d| d.to_string()).unwrap_or_default()
                                />
                                <button type="submit" disabled=move || plan.pending().get()>
                                    {t("coord-save")}
                                </button>
                            </div>
                            <FieldMessage error=plan_error field="project" />
                            <FieldMessage error=plan_error field="due_on" />
                        </ActionForm>
                    </section>
                }
            })}
    }
}
