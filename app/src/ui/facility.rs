//! Work orders: a facility manager's list of the building work IT asked of them (only theirs),
//! where they give an expected date and mark work done; coordinators see every work order.

use super::widgets::{action_error, not_field, when, ErrorBox, FieldMessage, StatusChip};
use super::{may_open, Gate};
use crate::api::coordination::{list_work_orders, UpdateWorkOrder};
use crate::domain::coordination::{WorkOrder, WorkOrderStatus};
use crate::domain::Role;
use crate::error::AppError;
use crate::ui::{t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WorkOrdersPage() -> impl IntoView {
    view! {
        <Title text=t("facility-page-title") />
        <Gate
            allowed=may_open::facility_work
            children=|user| {
                let update = ServerAction::<UpdateWorkOrder>::new();
                let error = action_error(update);
                let list = Resource::new(move || update.version().get(), |_| list_work_orders());
                let facility = user.role == Role::Facility;
                let loc = use_locale();
                view! {
                    <section class="panel">
                        <h1>{loc.t("facility-page-heading")}</h1>
                        <p class="muted">
                            {if facility {
                                loc.t("facility-page-lead-facility")
                            } else {
                                loc.t("facility-page-lead-it")
                            }}
                        </p>
                        <ErrorBox error=not_field(error) />
                        <Transition fallback=move || {
                            view! { <p class="muted">{loc.t("facility-page-loading")}</p> }
                        }>
                            {move || Suspend::new(async move {
                                let orders = list.await.unwrap_or_default();
                                if orders.is_empty() {
                                    return view! {
                                        <p class="empty">{loc.t("facility-page-no-orders")}</p>
                                    }
                                        .into_any();
                                }
                                view! {
                                    <ul class="work-orders">
                                        {orders
                                            .into_iter()
                                            .map(|w| {
                                                view! {
                                                    <OrderCard
                                                        order=w
                                                        update=update
                                                        error=error
                                                        facility=facility
                                                    />
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            })}
                        </Transition>
                    </section>
                }
            }
        />
    }
}

#[component]
fn OrderCard(
    order: WorkOrder,
    update: ServerAction<UpdateWorkOrder>,
    error: Signal<Option<AppError>>,
    facility: bool,
) -> impl IntoView {
    let open = order.status == WorkOrderStatus::Open;
    let loc = use_locale();
    view! {
        <li class="work-order" class:finished=!open>
            <header>
                <strong>{order.reference()}</strong>
                <span class=format!(
                    "wo-status {}",
                    order.status.as_str(),
                )>{order.status.label(&loc)}</span>
            </header>
            <p class="wo-what">{order.what.clone()}</p>
            <OrderFacts order=order.clone() facility />
            {(!order.tickets.is_empty())
                .then(|| {
                    view! {
                        <ul class="linked">
                            {order
                                .tickets
                                .iter()
                                .map(|t| {
                                    view! {
                                        <li>
                                            <a href=format!(
                                                "/tickets/{}",
                                                t.number,
                                            )>{t.number.to_string()}</a>
                                            " "
                                            {t.title.clone()}
                                            " "
                                            <StatusChip status=t.status />
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
            {open.then(|| view! { <OrderActions order update error facility /> })}
        </li>
    }
}

/// Where, when and for whom the work is.
#[component]
fn OrderFacts(order: WorkOrder, facility: bool) -> impl IntoView {
    let loc = use_locale();
    let waiting = loc.t_with(
        "facility-page-tickets-waiting",
        &[("count", (order.ticket_count as i64).into())],
    );
    view! {
        <dl class="facts">
            <dt>{loc.t("facility-page-where")}</dt>
            <dd>{order.location.clone()}</dd>
            <dt>{loc.t("facility-page-expected")}</dt>
            <dd>
                {order
                    .expected_on
                    .map(|d| loc.date(d))
                    .unwrap_or_else(|| loc.t("facility-page-no-date-yet"))}
            </dd>
            {(!facility)
                .then(|| {
                    view! {
                        <dt>{loc.t("facility-page-manager")}</dt>
                        <dd>{order.manager.name.clone()}</dd>
                    }
                })}
            <dt>{loc.t("facility-page-asked-by")}</dt>
            <dd>
                {order.requested_by.as_ref().map(|p| format!("{} · ", p.name))}
                {when(order.created_at)}
            </dd>
            <dt>{loc.t("facility-page-waiting")}</dt>
            <dd>{waiting}</dd>
            {order
                .completed_at
                .map(|at| {
                    view! {
                        <dt>{loc.t("facility-page-finished")}</dt>
                        <dd>{when(at)}</dd>
                    }
                })}
            {order
                .outcome
                .clone()
                .map(|o| {
                    view! {
                        <dt>{loc.t("facility-page-note")}</dt>
                        <dd>{o}</dd>
                    }
                })}
        </dl>
    }
}

/// An open order's forms: mark it done, set the expected date, or (for IT) cancel it.
#[component]
fn OrderActions(
    order: WorkOrder,
    update: ServerAction<UpdateWorkOrder>,
    error: Signal<Option<AppError>>,
    facility: bool,
) -> impl IntoView {
    let (id_done, id_date, id_cancel) = (
        order.id.to_string(),
        order.id.to_string(),
        order.id.to_string(),
    );
    let reference = order.reference();
    let done_id = format!("outcome-{}", order.id);
    let date_id = format!("expected-{}", order.id);
    let loc = use_locale();
    view! {
        <div class="wo-actions">
            <ActionForm action=update attr:class="form">
                <input type="hidden" name="id" value=id_done />
                <input type="hidden" name="action" value="done" />
                <label for=done_id.clone()>{loc.t("facility-page-what-was-done")}</label>
                <textarea id=done_id name="outcome" rows="2"></textarea>
                <FieldMessage error=error field="outcome" />
                <button type="submit" class="primary" disabled=move || update.pending().get()>
                    {loc.t_with("facility-page-mark-done", &[("reference", reference.into())])}
                </button>
            </ActionForm>
            <ActionForm action=update attr:class="row">
                <input type="hidden" name="id" value=id_date />
                <input type="hidden" name="action" value="expect" />
                <label for=date_id.clone()>{loc.t("facility-page-expected-date")}</label>
                <input
                    id=date_id
                    name="expected_on"
                    type="date"
                    value=order.expected_on.map(|d| d.to_string()).unwrap_or_default()
                />
                <button type="submit" disabled=move || update.pending().get()>
                    {loc.t("facility-page-set-date")}
                </button>
                <FieldMessage error=error field="expected_on" />
            </ActionForm>
            {(!facility)
                .then(|| {
                    view! {
                        <ActionForm action=update attr:class="inline">
                            <input type="hidden" name="id" value=id_cancel />
                            <input type="hidden" name="action" value="cancel" />
                            <button type="submit" class="link">
                                {loc.t("facility-page-cancel-not-needed")}
                            </button>
                        </ActionForm>
                    }
                })}
        </div>
    }
}
