//! Webhooks (admins): the addresses other tools hear about tickets on, each with its recent
//! deliveries (sent, waiting or given up on, and the receiver's answer) and a way to send one
//! again; and the form that adds one, whose secret is shown once.

use super::*;
use crate::api::integrations::{webhooks, AddWebhook, RemoveWebhook, ResendDelivery};
use crate::domain::webhook::{event_key, format_key, EVENTS, FORMATS};
use crate::types::{DeliveryView, WebhookView};
use crate::ui::widgets::{not_field, when};
use crate::ui::{t, use_locale};

#[component]
pub fn WebhooksPage() -> impl IntoView {
    view! {
        <Title text=t("webhooks-title") />
        <Gate allowed=may_open::admins children=|_| view! { <Webhooks /> } />
    }
}

/// An event or format in words, or its own name when the catalogue has none.
fn words(key: Option<&'static str>, name: &str) -> String {
    key.map_or_else(|| name.to_string(), |k| use_locale().t(k))
}

#[component]
fn Webhooks() -> impl IntoView {
    let add = ServerAction::<AddWebhook>::new();
    let remove = ServerAction::<RemoveWebhook>::new();
    let resend = ServerAction::<ResendDelivery>::new();
    let list = Resource::new(
        move || {
            (
                add.version().get(),
                remove.version().get(),
                resend.version().get(),
            )
        },
        |_| webhooks(),
    );
    view! {
        <section class="panel wide">
            <h1>{t("webhooks-heading")}</h1>
            <p class="muted">{t("webhooks-lead")}</p>
            {move || {
                add.value()
                    .get()
                    .and_then(|r| r.ok())
                    .and_then(|w| w.secret)
                    .map(|secret| {
                        view! {
                            <div class="notice" role="status">
                                {t("webhooks-added")}
                                " "
                                <code class="webhook-secret">{secret}</code>
                            </div>
                        }
                    })
            }}
            <ErrorBox error=action_error(remove) />
            <ErrorBox error=action_error(resend) />
            <Transition fallback=|| {
                view! { <p class="muted">{t("admin-loading")}</p> }
            }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => {
                            view! { <p class="error-box">{e.message(&use_locale())}</p> }.into_any()
                        }
                        Ok(hooks) if hooks.is_empty() => {
                            view! { <p class="empty">{t("webhooks-none")}</p> }.into_any()
                        }
                        Ok(hooks) => {
                            view! {
                                <ul class="webhooks">
                                    {hooks
                                        .into_iter()
                                        .map(|hook| view! { <WebhookItem hook remove resend /> })
                                        .collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
            <AddWebhookForm add />
        </section>
    }
}

/// One webhook: where it sends, what and how, its deliveries, and removing it.
#[component]
fn WebhookItem(
    hook: WebhookView,
    remove: ServerAction<RemoveWebhook>,
    resend: ServerAction<ResendDelivery>,
) -> impl IntoView {
    let id = hook.id;
    let events = hook
        .events
        .iter()
        .map(|e| words(event_key(e), e))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li class="webhook" data-webhook=id>
            <header class="row">
                <code class="webhook-url">{hook.url.clone()}</code>
                <span class="chip">{words(format_key(&hook.format), &hook.format)}</span>
            </header>
            <p class="muted">{events}</p>
            <p class="muted">
                {use_locale().t_with("webhooks-since", &[("when", when(hook.created_at).into())])}
            </p>
            <details class="deliveries">
                <summary>{t("webhooks-deliveries")}</summary>
                {if hook.deliveries.is_empty() {
                    view! { <p class="empty">{t("webhooks-no-deliveries")}</p> }.into_any()
                } else {
                    view! {
                        <ol class="delivery-list">
                            {hook
                                .deliveries
                                .into_iter()
                                .map(|d| view! { <DeliveryItem webhook=id d resend /> })
                                .collect_view()}
                        </ol>
                    }
                        .into_any()
                }}
            </details>
            <ActionForm action=remove attr:class="inline">
                <input type="hidden" name="id" value=id />
                <button type="submit" class="link">
                    {t("webhooks-remove")}
                </button>
            </ActionForm>
        </li>
    }
}

/// One delivery: the event, when, whether it went out, the last answer, and sending it again.
#[component]
fn DeliveryItem(
    webhook: i64,
    d: DeliveryView,
    resend: ServerAction<ResendDelivery>,
) -> impl IntoView {
    let loc = use_locale();
    let status = match d.status.as_str() {
        "sent" => loc.t("webhooks-delivery-sent"),
        "failed" => loc.t("webhooks-delivery-failed"),
        _ => loc.t("webhooks-delivery-pending"),
    };
    let attempts = loc.t_with("webhooks-attempts", &[("count", d.attempts.into())]);
    // With an answer, its status and the start of its body; without, why it did not arrive.
    let answer = match (d.response_status, d.response) {
        (Some(code), body) => Some(loc.t_with(
            "webhooks-answer",
            &[
                ("status", code.into()),
                ("body", body.unwrap_or_default().into()),
            ],
        )),
        (None, Some(key)) => Some(loc.text(&key)),
        (None, None) => None,
    };
    view! {
        <li class="delivery" data-delivery=d.id data-status=d.status.clone()>
            <span class="delivery-event">{words(event_key(&d.event), &d.event)}</span>
            " · "
            <span class="muted">{when(d.created_at)}</span>
            " · "
            <span class="chip delivery-status">{status}</span>
            " · "
            <span class="muted">{attempts}</span>
            {answer.map(|a| view! { <p class="delivery-answer muted">{a}</p> })}
            <ActionForm action=resend attr:class="inline">
                <input type="hidden" name="webhook" value=webhook />
                <input type="hidden" name="delivery" value=d.id />
                <button type="submit" class="small">
                    {t("webhooks-resend")}
                </button>
            </ActionForm>
        </li>
    }
}

/// A new webhook: address, format, events and an optional secret.
#[component]
fn AddWebhookForm(add: ServerAction<AddWebhook>) -> impl IntoView {
    let error = action_error(add);
    view! {
        <h2>{t("webhooks-add-heading")}</h2>
        <ErrorBox error=not_field(error) />
        <ActionForm action=add attr:class="form">
            <label for="webhook-url">{t("webhooks-url")}</label>
            <input
                id="webhook-url"
                name="url"
                type="url"
                inputmode="url"
                placeholder="https://chat.example.com/hooks/…"
                aria-describedby="webhook-url-hint"
                required
            />
            <p id="webhook-url-hint" class="hint">
                {t("webhooks-url-hint")}
            </p>
            <FieldMessage error=error field="url" />
            <label for="webhook-format">{t("webhooks-format")}</label>
            <select id="webhook-format" name="format">
                {FORMATS
                    .iter()
                    .map(|f| view! { <option value=*f>{words(format_key(f), f)}</option> })
                    .collect_view()}
            </select>
            <FieldMessage error=error field="format" />
            <fieldset class="group webhook-events">
                <legend>{t("webhooks-events")}</legend>
                {EVENTS
                    .iter()
                    .map(|e| {
                        let id = format!("webhook-event-{}", e.replace('.', "-"));
                        let for_id = id.clone();
                        view! {
                            <label class="check" for=for_id>
                                <input id=id type="checkbox" name="events[]" value=*e />
                                {words(event_key(e), e)}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <FieldMessage error=error field="events" />
            <label for="webhook-secret">{t("webhooks-secret")}</label>
            <input
                id="webhook-secret"
                name="secret"
                type="text"
                autocomplete="off"
                aria-describedby="webhook-secret-hint"
            />
            <p id="webhook-secret-hint" class="hint">
                {t("webhooks-secret-hint")}
            </p>
            <FieldMessage error=error field="secret" />
            <button type="submit" class="primary">
                {t("webhooks-add")}
            </button>
        </ActionForm>
    }
}
