//! The notification bell, the list of what one was told, and what one wants to be told.

use super::widgets::{action_error, ago, ErrorBox};
use super::{may_open, Gate};
use crate::api::notifications::{
    get_preferences, mark_read, notifications, unread_count, SavePreferences,
};
use crate::domain::{Digest, NotificationKind, Preferences, Role};
use crate::ui::{t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

/// The unread count, shared by the bell and the list so marking read updates both; `None` until
/// the page has polled (the bell shows the count rendered with the page until then).
#[derive(Clone, Copy)]
pub struct Unread(pub RwSignal<Option<i64>>);

/// The bell in the header: the unread count, kept current by polling.
#[component]
pub fn Bell(initial: i64) -> impl IntoView {
    let loc = use_locale();
    let Unread(count) = expect_context::<Unread>();
    super::live::poll(10_000, 60_000, move || async move {
        match unread_count().await {
            Ok(n) => {
                count.set(Some(n));
                (true, false)
            }
            Err(_) => (false, false),
        }
    });
    let shown = move || count.get().unwrap_or(initial);
    view! {
        <a
            href="/notifications"
            class="bell"
            aria-label=move || loc.t_with("notifications-bell-label", &[("count", shown().into())])
        >
            <svg
                aria-hidden="true"
                width="18"
                height="18"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                stroke-width="2"
                stroke-linecap="round"
                stroke-linejoin="round"
            >
                <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
                <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
            <span class="bell-count" class:none=move || shown() == 0>
                {shown}
            </span>
        </a>
    }
}

#[component]
pub fn NotificationsPage() -> impl IntoView {
    view! {
        <Title text=t("notifications-title") />
        <Gate allowed=may_open::anyone_signed_in children=|_| view! { <NotificationList /> } />
    }
}

#[component]
fn NotificationList() -> impl IntoView {
    let Unread(count) = expect_context::<Unread>();
    let changed = RwSignal::new(0u32);
    let list = Resource::new(move || changed.get(), |_| notifications(false));
    let read = move |id: Option<i64>| {
        leptos::task::spawn_local(async move {
            if mark_read(id).await.is_ok() {
                if let Ok(n) = unread_count().await {
                    count.set(Some(n));
                }
                changed.update(|c| *c += 1);
            }
        });
    };
    view! {
        <section class="panel narrow notifications">
            <div class="row spread">
                <h1>{t("notifications-heading")}</h1>
                <button type="button" class="small" on:click=move |_| read(None)>
                    {t("notifications-mark-all-read")}
                </button>
            </div>
            <p class="muted">
                {t("notifications-choose-on")} " "
                <a href="/account">{t("notifications-account-page")}</a> "."
            </p>
            <Transition fallback=|| {
                view! { <p class="muted">{t("notifications-loading")}</p> }
            }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => {
                            view! { <p class="error-box">{e.message(&use_locale())}</p> }.into_any()
                        }
                        Ok(items) if items.is_empty() => {
                            view! { <p class="empty">{t("notifications-empty")}</p> }.into_any()
                        }
                        Ok(items) => {
                            view! {
                                <ul class="plain notification-list">
                                    {items
                                        .into_iter()
                                        .map(|n| {
                                            let id = n.id;
                                            let ago = ago(n.at);
                                            view! {
                                                <li class="notification" class:unread=!n.read>
                                                    <p class="note-head">
                                                        {n
                                                            .ticket
                                                            .map(|t| {
                                                                view! {
                                                                    <a href=format!("/tickets/{t}")>{n.subject.clone()}</a>
                                                                }
                                                                    .into_any()
                                                            })
                                                            .unwrap_or_else(|| {
                                                                view! { <strong>{n.subject.clone()}</strong> }.into_any()
                                                            })} " · " <time>{ago}</time>
                                                    </p>
                                                    <p class="body-text">{n.body.clone()}</p>
                                                    {(!n.read)
                                                        .then(|| {
                                                            view! {
                                                                <button
                                                                    type="button"
                                                                    class="small"
                                                                    on:click=move |_| read(Some(id))
                                                                >
                                                                    {t("notifications-mark-read")}
                                                                </button>
                                                            }
                                                        })}
                                                </li>
                                            }
                                        })
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

/// What the signed-in person wants to be told, and how.
#[component]
pub fn PreferencesForm(role: Role) -> impl IntoView {
    let prefs = Resource::new(|| (), |_| get_preferences());
    view! {
        <h2>{t("notifications-heading")}</h2>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match prefs.await {
                    Ok(p) => view! { <PreferencesEditor prefs=p role=role /> }.into_any(),
                    Err(e) => {
                        view! { <p class="error-box">{e.message(&use_locale())}</p> }.into_any()
                    }
                }
            })}
        </Transition>
    }
}

#[component]
fn PreferencesEditor(prefs: Preferences, role: Role) -> impl IntoView {
    let save = ServerAction::<SavePreferences>::new();
    let error = action_error(save);
    let email = RwSignal::new(prefs.email);
    let digest = RwSignal::new(prefs.digest);
    let kinds: Vec<(NotificationKind, RwSignal<bool>)> = NotificationKind::ALL
        .iter()
        .copied()
        .filter(|k| role.is_staff() || !k.for_staff())
        .map(|k| (k, RwSignal::new(!prefs.muted.contains(&k))))
        .collect();
    let boxes = kinds.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let prefs = Preferences {
            muted: kinds
                .iter()
                .filter(|(_, on)| !on.get_untracked())
                .map(|(k, _)| *k)
                .collect(),
            email: email.get_untracked(),
            digest: digest.get_untracked(),
        };
        save.dispatch(SavePreferences { prefs });
    };
    view! {
        <form class="form prefs" on:submit=submit>
            {move || {
                matches!(save.value().get(), Some(Ok(_)))
                    .then(|| {
                        view! {
                            <div class="notice" role="status">
                                {t("notifications-saved")}
                            </div>
                        }
                    })
            }}
            <ErrorBox error=error />
            <fieldset>
                <legend>{t("notifications-tell-me-when")}</legend>
                {boxes
                    .into_iter()
                    .map(|(k, on)| {
                        view! {
                            <label class="check">
                                <input type="checkbox" bind:checked=on />
                                {k.label(&use_locale())}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <label class="check">
                <input type="checkbox" bind:checked=email />
                {t("notifications-by-email")}
            </label>
            {role
                .is_staff()
                .then(|| {
                    view! {
                        <label for="digest">{t("notifications-email")}</label>
                        <select
                            id="digest"
                            on:change=move |ev| {
                                if let Ok(d) = event_target_value(&ev).parse::<Digest>() {
                                    digest.set(d);
                                }
                            }
                        >
                            <option value="off" selected=move || digest.get() == Digest::Off>
                                {t("notifications-digest-off")}
                            </option>
                            <option value="hourly" selected=move || digest.get() == Digest::Hourly>
                                {t("notifications-digest-hourly")}
                            </option>
                            <option value="daily" selected=move || digest.get() == Digest::Daily>
                                {t("notifications-digest-daily")}
                            </option>
                        </select>
                    }
                })}
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {t("notifications-save")}
            </button>
        </form>
    }
}
