//! What staff and requesters do on a ticket page: change, escalate, decide, rate, and tracking links.

use super::*;
use crate::ui::{t, use_locale};

/// The next actions the lifecycle allows for this caller, as big buttons.
#[component]
pub(super) fn Actions(
    detail: TicketDetail,
    number: String,
    version: i64,
    ui: TicketUi,
) -> impl IntoView {
    let actions = detail.actions.clone();
    if actions.is_empty() {
        return None;
    }
    if detail.viewer_role == Role::Requester {
        return Some(view! { <Decision actions number version ui /> }.into_any());
    }
    let error = action_error(ui.change);
    let needs_text = actions.iter().any(|a| {
        matches!(
            a,
            ActionKind::Resolve | ActionKind::Escalate | ActionKind::Reopen
        )
    });
    let resolves = actions.contains(&ActionKind::Resolve);
    let open_children = detail.extras.links.open_children();
    let can_assign = actions.contains(&ActionKind::Assign) && detail.viewer_role.coordinates();
    let buttons: Vec<ActionKind> = actions
        .iter()
        .copied()
        .filter(|a| *a != ActionKind::Assign || !can_assign)
        .collect();
    Some(
        view! {
            <section class="actions-panel">
                <h2>{t("portal-next-step")}</h2>
                {needs_text.then(|| view! { <ActionText ui /> })}
                {resolves.then(|| view! { <ResolveFields ui open_children /> })}
                {actions
                    .contains(&ActionKind::Escalate)
                    .then(|| view! { <EscalateTo number=number.clone() to=ui.escalate_to /> })}
                <div class="button-row">
                    <ActionButtons kinds=buttons number=number.clone() version ui open_children />
                </div>
                {if can_assign {
                    view! { <AssignTo number version ui /> }.into_any()
                } else {
                    view! { <FieldMessage error=error field="assignee" /> }.into_any()
                }}
            </section>
        }
        .into_any(),
    )
}

/// The text a resolution, reopening or escalation needs.
#[component]
fn ActionText(ui: TicketUi) -> impl IntoView {
    let error = action_error(ui.change);
    let text = ui.text;
    view! {
        <label for="action-text">{t("portal-action-text")}</label>
        <textarea
            id="action-text"
            rows="3"
            prop:value=text
            on:input=move |ev| text.set(event_target_value(&ev))
        ></textarea>
        <FieldMessage error=error field="resolution" />
        <FieldMessage error=error field="reason" />
    }
}

/// What a resolution logs besides its notes: the minutes spent, and whether open children go too.
#[component]
fn ResolveFields(ui: TicketUi, open_children: usize) -> impl IntoView {
    let error = action_error(ui.change);
    view! {
        <label for="resolve-minutes">{t("portal-resolve-minutes")}</label>
        <input
            id="resolve-minutes"
            type="number"
            min="0"
            max="1440"
            inputmode="numeric"
            class="short"
            prop:value=ui.minutes
            on:input=move |ev| ui.minutes.set(event_target_value(&ev))
        />
        <FieldMessage error=error field="minutes" />
        {(open_children > 0)
            .then(|| {
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=ui.resolve_children
                            on:change=move |ev| {
                                ui.resolve_children.set(event_target_checked(&ev))
                            }
                        />
                        {use_locale()
                            .t_with(
                                "portal-resolve-children",
                                &[("count", (open_children as i64).into())],
                            )}
                    </label>
                }
            })}
    }
}

/// One button per action, each sending the change with what the fields above hold.
#[component]
fn ActionButtons(
    kinds: Vec<ActionKind>,
    number: String,
    version: i64,
    ui: TicketUi,
    open_children: usize,
) -> impl IntoView {
    let change = ui.change;
    kinds
        .into_iter()
        .map(|kind| {
            let number = number.clone();
            let label = match kind {
                ActionKind::Assign => t("action-take-it"),
                _ => kind.label(&use_locale()),
            };
            let primary = matches!(
                kind,
                ActionKind::Start | ActionKind::Resolve | ActionKind::Close | ActionKind::Resume
            );
            let send = move |_| {
                let to = ui.escalate_to.get_untracked();
                let resolving = kind == ActionKind::Resolve;
                let change_req = TicketChange {
                    action: Some(kind),
                    text: Some(ui.text.get_untracked()),
                    reason: Some(ui.text.get_untracked()),
                    assignee: (kind == ActionKind::Escalate && !to.is_empty()).then_some(to),
                    minutes: resolving
                        .then(|| ui.minutes.get_untracked().trim().parse().ok())
                        .flatten(),
                    resolve_children: resolving
                        && open_children > 0
                        && ui.resolve_children.get_untracked(),
                    ..TicketChange::default()
                };
                change.dispatch(ChangeTicket {
                    number: number.clone(),
                    version,
                    change: change_req,
                });
            };
            view! {
                <button
                    type="button"
                    class:primary=primary
                    disabled=move || change.pending().get()
                    on:click=send
                >
                    {label}
                </button>
            }
        })
        .collect_view()
}

/// A coordinator hands the ticket to someone by email.
#[component]
fn AssignTo(number: String, version: i64, ui: TicketUi) -> impl IntoView {
    let (change, assignee) = (ui.change, ui.assignee);
    let error = action_error(change);
    let send = move |_| {
        let change_req = TicketChange {
            action: Some(ActionKind::Assign),
            assignee: Some(assignee.get_untracked()),
            ..TicketChange::default()
        };
        change.dispatch(ChangeTicket {
            number: number.clone(),
            version,
            change: change_req,
        });
    };
    view! {
        <div class="assign">
            <label for="assignee">{t("portal-assign-to")}</label>
            <input
                id="assignee"
                type="email"
                prop:value=assignee
                on:input=move |ev| assignee.set(event_target_value(&ev))
            />
            <button type="button" on:click=send>
                {t("action-kind-assign")}
            </button>
            <FieldMessage error=error field="assignee" />
        </div>
    }
}

/// Who could take an escalation: higher-tier technicians ranked for this ticket, with the reasons.
#[component]
pub(super) fn EscalateTo(number: String, to: RwSignal<String>) -> impl IntoView {
    // Loaded by the browser after the page is up, so the server-rendered page stays the same.
    let options = RwSignal::new(Vec::<crate::types::Suggestion>::new());
    Effect::new(move |_| {
        let number = number.clone();
        leptos::task::spawn_local(async move {
            if let Ok(list) = suggest_assignees(number, true).await {
                options.set(list);
            }
        });
    });
    view! {
        <label for="escalate-to">{t("portal-escalate-to")}</label>
        <select id="escalate-to" on:change=move |ev| to.set(event_target_value(&ev))>
            <option value="">{t("portal-escalate-coordinator-decides")}</option>
            <For each=move || options.get() key=|s| s.person.email.clone() let:s>
                {
                    let words = s.words(&use_locale());
                    let email = s.person.email.clone();
                    view! {
                        <option value=s.person.email.clone() selected=move || to.get() == email>
                            {words}
                        </option>
                    }
                }
            </For>
        </select>
    }
}

/// The requester's choice on a resolved ticket, as plain forms that work without JavaScript.
#[component]
pub(super) fn Decision(
    actions: Vec<ActionKind>,
    number: String,
    version: i64,
    ui: TicketUi,
) -> impl IntoView {
    let decide = ui.decide;
    let error = action_error(decide);
    let reopen_number = number.clone();
    view! {
        <section class="actions-panel">
            <h2>{t("portal-is-it-solved")}</h2>
            <ErrorBox error=Signal::derive(move || {
                error.get().filter(|e| !matches!(e, crate::error::AppError::Validation(_)))
            }) />
            <div class="decisions">
                {actions
                    .contains(&ActionKind::Close)
                    .then(|| {
                        view! {
                            <ActionForm action=decide attr:class="form">
                                <input type="hidden" name="number" value=number.clone() />
                                <input type="hidden" name="version" value=version />
                                <input type="hidden" name="action" value="close" />
                                <p>{t("portal-accept-hint")}</p>
                                <button
                                    type="submit"
                                    class="primary"
                                    disabled=move || decide.pending().get()
                                >
                                    {t("portal-accept-solution")}
                                </button>
                            </ActionForm>
                        }
                    })}
                {actions
                    .contains(&ActionKind::Reopen)
                    .then(|| {
                        view! {
                            <ActionForm action=decide attr:class="form">
                                <input type="hidden" name="number" value=reopen_number.clone() />
                                <input type="hidden" name="version" value=version />
                                <input type="hidden" name="action" value="reopen" />
                                <label for="reopen-reason">{t("portal-reopen-reason")}</label>
                                <textarea
                                    id="reopen-reason"
                                    name="reason"
                                    rows="3"
                                    required
                                ></textarea>
                                <FieldMessage error=error field="reason" />
                                <button type="submit" disabled=move || decide.pending().get()>
                                    {t("portal-not-fixed")}
                                </button>
                            </ActionForm>
                        }
                    })}
            </div>
        </section>
    }
}

/// How was the help? A 1–5 rating with a comment, by the requester once it is resolved; staff
/// read it.
#[component]
pub(super) fn RatingPanel(detail: TicketDetail, number: String, ui: TicketUi) -> impl IntoView {
    let rate = ui.rate;
    let error = action_error(rate);
    let rating = detail.rating.clone();
    let staff = detail.staff_view;
    let loc = use_locale();
    let given = rating.as_ref().map(|r| {
        let who = if staff {
            loc.t("portal-rating-given-staff")
        } else {
            loc.t("portal-rating-given-you")
        };
        view! {
            <p class="rating-given">
                {who} " " <strong>{format!("{}/5", r.score)}</strong>
                {r
                    .comment
                    .clone()
                    .map(|c| loc.t_with("portal-rating-comment", &[("comment", c.into())]))}
            </p>
        }
    });
    let current = rating.as_ref().map(|r| r.score);
    let form = detail.can_rate.then(|| {
        view! {
            <ActionForm action=rate attr:class="form rating-form">
                <input type="hidden" name="number" value=number.clone() />
                <fieldset class="stars">
                    <legend>
                        {if current.is_some() {
                            loc.t("portal-rating-change")
                        } else {
                            loc.t("portal-rating-question")
                        }}
                    </legend>
                    {(1..=5i64)
                        .map(|n| {
                            view! {
                                <label class="star">
                                    <input
                                        type="radio"
                                        name="score"
                                        value=n
                                        required
                                        checked=current == Some(n)
                                    />
                                    {n}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <FieldMessage error=error field="score" />
                <label for="rating-comment">{loc.t("portal-rating-comment-label")}</label>
                <textarea id="rating-comment" name="comment" rows="2"></textarea>
                <FieldMessage error=error field="comment" />
                <button type="submit" disabled=move || rate.pending().get()>
                    {loc.t("portal-rating-send")}
                </button>
            </ActionForm>
        }
    });
    (given.is_some() || form.is_some()).then(|| {
        view! {
            <section class="rating">
                <h2>
                    {if staff {
                        loc.t("portal-rating-heading-staff")
                    } else {
                        loc.t("portal-rating-heading-you")
                    }}
                </h2>
                {given}
                {form}
            </section>
        }
    })
}

/// Private links that let someone without an account follow this ticket's public side.
#[component]
pub(super) fn TrackingLinks(
    detail: TicketDetail,
    number: String,
    created: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let loc = use_locale();
    let links = detail.tracking_links.clone();
    let failed = RwSignal::new(None::<String>);
    let create = {
        let number = number.clone();
        move |_| {
            let number = number.clone();
            leptos::task::spawn_local(async move {
                match create_tracking_link(number.clone()).await {
                    // The section may have been redrawn meanwhile (the ticket refreshed): its
                    // own error signal may be gone, the link kept by the page is not.
                    Ok(url) => {
                        created.set(Some((number, url)));
                        let _ = failed.try_set(None);
                    }
                    Err(e) => {
                        let _ = failed.try_set(Some(e.message(&loc)));
                    }
                }
            });
        }
    };
    // The link just created, on its own ticket only.
    let shown = {
        let number = number.clone();
        move || {
            created
                .get()
                .filter(|(of, _)| *of == number)
                .map(|(_, url)| {
                    view! {
                        <div class="notice" role="status">
                            <label for="new-link">{loc.t("portal-tracking-copy")}</label>
                            <input id="new-link" readonly value=url />
                        </div>
                    }
                })
        }
    };
    detail.can_manage_links.then(|| view! {
        <section class="tracking">
            <h2>{loc.t("portal-tracking-heading")}</h2>
            <p class="hint">{loc.t("portal-tracking-hint")}</p>
            {shown}
            {move || {
                failed
                    .get()
                    .map(|m| {
                        view! {
                            <p class="error-box" role="alert">
                                {m}
                            </p>
                        }
                    })
            }}
            <ul class="plain">
                {links
                    .into_iter()
                    .map(|l| {
                        let number = number.clone();
                        let gone = RwSignal::new(false);
                        let label = match l.created_by.clone() {
                            Some(by) => {
                                loc.t_with(
                                    "portal-tracking-link-created-by",
                                    &[
                                        ("id", l.id.to_string().into()),
                                        ("when", when(l.created_at).into()),
                                        ("by", by.into()),
                                    ],
                                )
                            }
                            None => {
                                loc.t_with(
                                    "portal-tracking-link-created",
                                    &[
                                        ("id", l.id.to_string().into()),
                                        ("when", when(l.created_at).into()),
                                    ],
                                )
                            }
                        };
                        view! {
                            <li>
                                {label} " "
                                {move || {
                                    if gone.get() {
                                        view! {
                                            <span class="muted">
                                                {loc.t("portal-tracking-revoked")}
                                            </span>
                                        }
                                            .into_any()
                                    } else {
                                        let number = number.clone();
                                        view! {
                                            <button
                                                type="button"
                                                class="small"
                                                on:click=move |_| {
                                                    let number = number.clone();
                                                    leptos::task::spawn_local(async move {
                                                        match revoke_tracking_link(number, l.id).await {
                                                            Ok(()) => gone.set(true),
                                                            Err(e) => failed.set(Some(e.message(&loc))),
                                                        }
                                                    });
                                                }
                                            >
                                                {loc.t("portal-tracking-revoke")}
                                            </button>
                                        }
                                            .into_any()
                                    }
                                }}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            <button type="button" on:click=create>
                {loc.t("portal-tracking-create")}
            </button>
        </section>
    })
}
