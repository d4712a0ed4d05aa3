//! Held mail (coordinators): messages to the help desk that were not filed on their own —
//! too large, too many from one sender, from a domain the desk does not take mail from, or
//! unreadable — each filed as a request, added to a ticket, or dropped.

use super::widgets::{action_error, not_field, when, ErrorBox, FieldMessage};
use super::{may_open, Gate};
use crate::api::mail::{held_mail, DecideHeldMail};
use crate::domain::attachment::size_words;
use crate::domain::inbound::Why;
use crate::error::AppError;
use crate::types::HeldMessage;
use crate::ui::{t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HeldMailPage() -> impl IntoView {
    view! {
        <Title text=t("held-page-title") />
        <Gate allowed=may_open::coordinators children=|_| view! { <HeldMail /> } />
    }
}

#[component]
fn HeldMail() -> impl IntoView {
    let decide = ServerAction::<DecideHeldMail>::new();
    let error = action_error(decide);
    let list = Resource::new(move || decide.version().get(), |_| held_mail());
    let loc = use_locale();
    view! {
        <section class="panel wide">
            <h1>{loc.t("held-page-heading")}</h1>
            <p class="muted">{loc.t("held-page-lead")}</p>
            {move || {
                decide
                    .value()
                    .get()
                    .and_then(|r| r.ok())
                    .map(|done| {
                        let words = match done {
                            Some(number) => {
                                use_locale()
                                    .t_with("held-page-done-ticket", &[("number", number.into())])
                            }
                            None => use_locale().t("held-page-done-dropped"),
                        };
                        view! {
                            <div class="notice" role="status">
                                {words}
                            </div>
                        }
                    })
            }}
            <ErrorBox error=not_field(error) />
            <Transition fallback=move || {
                view! { <p class="muted">{loc.t("held-page-loading")}</p> }
            }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => {
                            view! { <p class="error-box">{e.message(&use_locale())}</p> }.into_any()
                        }
                        Ok(held) if held.is_empty() => {
                            view! { <p class="empty">{use_locale().t("held-page-none")}</p> }
                                .into_any()
                        }
                        Ok(held) => {
                            view! {
                                <ul class="held-mail">
                                    {held
                                        .into_iter()
                                        .map(|m| view! { <HeldItem message=m decide error /> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// One held message: who, what, why, and the three things to do with it.
#[component]
fn HeldItem(
    message: HeldMessage,
    decide: ServerAction<DecideHeldMail>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let loc = use_locale();
    let id = message.id.to_string();
    let (id_file, id_attach, id_drop) = (id.clone(), id.clone(), id.clone());
    let number_id = format!("held-number-{}", message.id);
    let subject = if message.subject.trim().is_empty() {
        loc.t("held-page-no-subject")
    } else {
        message.subject.clone()
    };
    let why = loc.t(Why::key_of(&message.why));
    let size = size_words(&loc, message.size);
    view! {
        <li class="held" data-held=id>
            <header>
                <strong class="held-subject">{subject}</strong>
                <span class="held-why">{why}</span>
            </header>
            <p class="muted">
                {message.sender.clone()} " · " {when(message.received_at)} " · " {size}
            </p>
            {if message.kept {
                view! {
                    <div class="held-actions">
                        <ActionForm action=decide attr:class="inline">
                            <input type="hidden" name="id" value=id_file />
                            <input type="hidden" name="decision" value="file" />
                            <button type="submit" class="primary">
                                {loc.t("held-page-file")}
                            </button>
                        </ActionForm>
                        <ActionForm action=decide attr:class="row">
                            <input type="hidden" name="id" value=id_attach />
                            <input type="hidden" name="decision" value="attach" />
                            <label for=number_id.clone()>{loc.t("held-page-ticket")}</label>
                            <input
                                id=number_id
                                name="number"
                                type="text"
                                inputmode="numeric"
                                placeholder="SB-1042"
                                size="10"
                            />
                            <button type="submit">{loc.t("held-page-attach")}</button>
                            <FieldMessage error=error field="number" />
                        </ActionForm>
                        <ActionForm action=decide attr:class="inline">
                            <input type="hidden" name="id" value=id_drop.clone() />
                            <input type="hidden" name="decision" value="drop" />
                            <button type="submit" class="link">
                                {loc.t("held-page-drop")}
                            </button>
                        </ActionForm>
                    </div>
                }
                    .into_any()
            } else {
                view! {
                    <div class="held-actions">
                        <p class="muted">{loc.t("held-page-in-mailbox")}</p>
                        <ActionForm action=decide attr:class="inline">
                            <input type="hidden" name="id" value=id_drop.clone() />
                            <input type="hidden" name="decision" value="drop" />
                            <button type="submit" class="link">
                                {loc.t("held-page-dismiss")}
                            </button>
                        </ActionForm>
                    </div>
                }
                    .into_any()
            }}
        </li>
    }
}
