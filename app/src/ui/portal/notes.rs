//! The notes and watchers of a ticket page.

use super::*;
use crate::ui::{t, use_locale};

#[component]
pub(super) fn Notes(detail: TicketDetail, number: String, ui: TicketUi) -> impl IntoView {
    let add = ui.add;
    let error = action_error(add);
    let staff = detail.staff_view;
    let can_write = staff || detail.can_reply;
    let (key, note) = (ui.key, ui.note);
    let loc = use_locale();
    view! {
        <section class="notes">
            <h2>
                {if staff { t("portal-notes-heading-staff") } else { t("portal-notes-heading") }}
            </h2>
            {if detail.notes.is_empty() {
                Some(view! { <p class="muted">{t("portal-no-notes")}</p> })
            } else {
                None
            }}
            <ul>
                {detail
                    .notes
                    .iter()
                    .map(|n| {
                        let internal = n.visibility == NoteVisibility::Internal;
                        view! {
                            <li class="note" class:internal=internal>
                                <p class="note-head">
                                    <strong>{n.author.name.clone()}</strong>
                                    " · "
                                    <time>{ago(n.created_at)}</time>
                                    {internal
                                        .then(|| {
                                            view! {
                                                <span class="flag">{t("portal-note-internal")}</span>
                                            }
                                        })}
                                    {n
                                        .minutes
                                        .map(|m| {
                                            view! {
                                                <span class="muted">
                                                    " · "
                                                    {loc.t_with("portal-note-minutes", &[("count", m.into())])}
                                                </span>
                                            }
                                        })}
                                </p>
                                <p class="body-text">{n.body.clone()}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {can_write
                .then(|| {
                    view! {
                        <ActionForm action=add attr:class="form note-form">
                            <input type="hidden" name="number" value=number.clone() />
                            <input type="hidden" name="idempotency_key" prop:value=key />
                            <label for="note-body">
                                {if staff {
                                    t("portal-note-label-staff")
                                } else {
                                    t("portal-note-label")
                                }}
                            </label>
                            <crate::ui::replies::NoteText
                                number=number.clone()
                                note
                                staff
                                draft=note_draft_key(&number)
                            />
                            <input
                                type="hidden"
                                name="reused"
                                prop:value=move || {
                                    ui.reused
                                        .get()
                                        .iter()
                                        .map(|r| r.token())
                                        .collect::<Vec<_>>()
                                        .join(" ")
                                }
                            />
                            <FieldMessage error=error field="body" />
                            {move || {
                                error
                                    .get()
                                    .filter(|e| !matches!(e, crate::error::AppError::Validation(_)))
                                    .map(|e| {
                                        view! {
                                            <p class="error-box" role="alert">
                                                {loc
                                                    .t_with(
                                                        "portal-note-not-sent",
                                                        &[("error", e.message(&loc).into())],
                                                    )}
                                            </p>
                                        }
                                    })
                            }}
                            {staff
                                .then(|| {
                                    view! {
                                        <div class="row">
                                            <label class="check">
                                                <input type="checkbox" name="internal" checked />
                                                {t("portal-note-internal-check")}
                                            </label>
                                            <label for="minutes">
                                                {t("portal-note-minutes-label")}
                                            </label>
                                            <input
                                                id="minutes"
                                                name="minutes"
                                                type="number"
                                                min="0"
                                                max="1440"
                                                inputmode="numeric"
                                                class="short"
                                            />
                                        </div>
                                        <p class="hint">{t("portal-note-internal-hint")}</p>
                                        <FieldMessage error=error field="minutes" />
                                    }
                                })}
                            <button
                                type="submit"
                                class="primary"
                                disabled=move || add.pending().get()
                            >
                                {if staff {
                                    t("portal-note-add")
                                } else {
                                    t("portal-note-send-reply")
                                }}
                            </button>
                        </ActionForm>
                    }
                })}
        </section>
    }
}

/// Who follows the ticket, and a way to add someone (a project manager, a facility manager).
#[component]
pub(super) fn Watchers(detail: TicketDetail, number: String, ui: TicketUi) -> impl IntoView {
    let watch = ui.watch;
    let error = action_error(watch);
    let names: Vec<String> = detail.watchers.iter().map(|w| w.name.clone()).collect();
    (detail.can_add_watchers || !names.is_empty()).then(|| {
        view! {
            <section class="watchers">
                <h2>{t("portal-watchers-heading")}</h2>
                {if names.is_empty() {
                    view! { <p class="muted">{t("portal-watchers-none")}</p> }.into_any()
                } else {
                    view! { <p>{names.join(", ")}</p> }.into_any()
                }}
                {detail
                    .can_add_watchers
                    .then(|| {
                        view! {
                            <ActionForm action=watch attr:class="form inline-form">
                                <input type="hidden" name="number" value=number.clone() />
                                <label for="watcher-email">{t("portal-watchers-add-label")}</label>
                                <div class="row">
                                    <input
                                        id="watcher-email"
                                        name="email"
                                        type="email"
                                        required
                                        placeholder="name@example.org"
                                    />
                                    <button type="submit" disabled=move || watch.pending().get()>
                                        {t("portal-watchers-add")}
                                    </button>
                                </div>
                                <FieldMessage error=error field="email" />
                            </ActionForm>
                        }
                    })}
            </section>
        }
    })
}
