//! The caller's own account: language and time zone, password, notification preferences and
//! API tokens.

use super::*;
use crate::api::account::SaveLanguageAndZone;
use crate::i18n::Lang;
use crate::ui::{t, use_locale};

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <Title text=t("me-title") />
        <Gate
            allowed=may_open::anyone_signed_in
            children=|user| {
                let change = ServerAction::<ChangePassword>::new();
                let error = action_error(change);
                view! {
                    <section class="panel narrow">
                        <h1>{t("me-heading")}</h1>
                        <p>
                            {user.name.clone()} " · " {user.email.clone()} " · "
                            {user.role.label(&use_locale())}
                        </p>
                        <LanguageAndZone />
                        <h2>{t("me-change-password")}</h2>
                        {move || {
                            matches!(change.value().get(), Some(Ok(())))
                                .then(|| {
                                    view! {
                                        <div class="notice" role="status">
                                            {t("me-password-changed")}
                                        </div>
                                    }
                                })
                        }}
                        <ActionForm action=change attr:class="form">
                            <label for="current">{t("me-current-password")}</label>
                            <input
                                id="current"
                                name="current"
                                type="password"
                                autocomplete="current-password"
                                required
                            />
                            <FieldMessage error=error field="current" />
                            <label for="new">{t("me-new-password")}</label>
                            <input
                                id="new"
                                name="new"
                                type="password"
                                autocomplete="new-password"
                                required
                            />
                            <FieldMessage error=error field="new" />
                            <button type="submit" class="primary">
                                {t("me-change-password")}
                            </button>
                        </ActionForm>
                        <ApiTokens />
                        <crate::ui::notifications::PreferencesForm role=user.role />
                    </section>
                }
            }
        />
    }
}

/// The language and time zone the person reads in. Saving reloads the page, so that every word
/// and time on it (and the `<html lang>`) follows at once.
#[component]
fn LanguageAndZone() -> impl IntoView {
    let save = ServerAction::<SaveLanguageAndZone>::new();
    let error = action_error(save);
    let locale = use_locale();
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(_))) {
            #[cfg(feature = "hydrate")]
            let _ = window().location().reload();
        }
    });
    // Geographic zones, UTC, and the person's own even when it is an alias (`Etc/UTC` from a
    // browser), so that saving the language never moves their clock.
    let own = locale.tz.name();
    let zones = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|z| z.name())
        .filter(move |z| {
            *z == own
                || *z == "UTC"
                || (z.contains('/') && !z.starts_with("Etc/") && !z.starts_with("SystemV/"))
        });
    view! {
        <h2>{t("me-language-and-zone")}</h2>
        <ActionForm action=save attr:class="form">
            <label for="language">{t("me-language")}</label>
            <select id="language" name="language">
                {Lang::ALL
                    .into_iter()
                    .map(|l| {
                        view! {
                            <option value=l.code() selected=l == locale.lang>
                                {crate::i18n::Locale::new(l, locale.tz).t("language-name")}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldMessage error=error field="language" />
            <label for="time_zone">{t("me-time-zone")}</label>
            <select id="time_zone" name="time_zone">
                {zones
                    .map(|z| {
                        view! {
                            <option value=z selected=z == locale.tz.name()>
                                {z.replace('_', " ")}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="muted">{t_with_now(&locale)}</p>
            <FieldMessage error=error field="time_zone" />
            <button type="submit" class="primary">
                {t("me-save-language-and-zone")}
            </button>
        </ActionForm>
    }
}

/// "Your time now: …", so that a wrong zone shows before anyone misses a deadline by it.
fn t_with_now(locale: &crate::i18n::Locale) -> String {
    locale.t_with(
        "me-time-now",
        &[("now", locale.when(chrono::Utc::now()).into())],
    )
}

/// The caller's REST API tokens: named, expiring, revocable; a new one is shown once.
#[component]
fn ApiTokens() -> impl IntoView {
    let create = ServerAction::<CreateApiToken>::new();
    let revoke = ServerAction::<RevokeApiToken>::new();
    let error = action_error(create);
    let list = Resource::new(
        move || (create.version().get(), revoke.version().get()),
        |_| my_tokens(),
    );
    let locale = use_locale();
    view! {
        <h2>{t("me-api-tokens")}</h2>
        <p class="muted">{t("me-api-tokens-intro")}</p>
        {move || match create.value().get() {
            Some(Ok(token)) => {
                Some(
                    view! {
                        <div class="notice" role="status">
                            <p>{t("me-token-copy-now")}</p>
                            <code class="token">{token}</code>
                        </div>
                    },
                )
            }
            _ => None,
        }}
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let tokens = list.await.unwrap_or_default();
                if tokens.is_empty() {
                    return view! { <p class="muted">{t("me-no-tokens")}</p> }.into_any();
                }
                view! {
                    <ul class="plain tokens">
                        {tokens
                            .into_iter()
                            .map(|t| {
                                view! {
                                    <li>
                                        <ActionForm action=revoke attr:class="row">
                                            <input type="hidden" name="id" value=t.id.to_string() />
                                            <span>
                                                <strong>{t.name.clone()}</strong>
                                                " · "
                                                {locale
                                                    .t_with(
                                                        "me-token-expires",
                                                        &[("day", locale.date(t.expires_at.date_naive()).into())],
                                                    )}
                                                " · "
                                                {t
                                                    .last_used_at
                                                    .map(|u| {
                                                        locale
                                                            .t_with(
                                                                "me-token-last-used",
                                                                &[("when", locale.when(u).into())],
                                                            )
                                                    })
                                                    .unwrap_or_else(|| locale.t("me-token-never-used"))}
                                            </span>
                                            <button type="submit" class="small">
                                                {locale.t("me-token-revoke")}
                                            </button>
                                        </ActionForm>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            })}
        </Transition>
        <ActionForm action=create attr:class="form">
            <label for="token-name">{t("me-token-name")}</label>
            <input
                id="token-name"
                name="name"
                maxlength="80"
                placeholder=t("me-token-name-example")
                required
            />
            <FieldMessage error=error field="name" />
            <label for="token-days">{t("me-token-days")}</label>
            <input id="token-days" name="days" inputmode="numeric" value="90" />
            <FieldMessage error=error field="days" />
            <button type="submit">{t("me-token-create")}</button>
        </ActionForm>
    }
}
