//! Signing in, creating an account, proving its address and setting a forgotten password.

use super::widgets::{action_error, not_field, ErrorBox, FieldMessage};
use crate::api::account::{
    reset_link_live, sign_in_options, Register, RequestReset, ResetPassword, SignIn, VerifyEmail,
};
use crate::ui::{t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The browser's IANA time zone (`Intl.DateTimeFormat().resolvedOptions().timeZone`), read after
/// hydration.
#[cfg(feature = "hydrate")]
fn browser_zone() -> Option<String> {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()?
        .as_string()
}

/// `text` cut around the first `part` in it, so `part` can be marked up wherever a language puts
/// it in the sentence. Without `part` in it, all of `text` comes before.
fn around(text: &str, part: &str) -> (String, String) {
    match text.split_once(part).filter(|_| !part.is_empty()) {
        Some((before, after)) => (before.to_string(), after.to_string()),
        None => (text.to_string(), String::new()),
    }
}

#[component]
pub fn SignInPage() -> impl IntoView {
    let loc = use_locale();
    let action = expect_context::<ServerAction<SignIn>>();
    let error = action_error(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let notice = move || {
        let q = query.read();
        if q.get("verified").is_some() {
            Some(loc.t("account-verified-notice"))
        } else if q.get("reset").is_some() {
            Some(loc.t("account-reset-notice"))
        } else {
            None
        }
    };
    // Why a sign-in with the company account came back without signing anyone in.
    let refused = move || {
        let code = query.read().get("signin")?;
        let key = match code.as_str() {
            "cancelled" => "account-signin-cancelled",
            "outside" => "account-signin-outside",
            "expired" => "account-signin-expired",
            "refused" => "account-signin-refused",
            "unverified" => "account-signin-unverified",
            "unavailable" => "account-signin-unavailable",
            "deactivated" => "account-signin-deactivated",
            "conflict" => "account-signin-conflict",
            "unusable" => "account-signin-unusable",
            _ => return None,
        };
        Some(loc.t(key))
    };
    let (show, set_show) = signal(false);
    // With a company directory, people may type their user name there instead of an address;
    // with an OpenID provider, its button comes first.
    let options = Resource::new(|| (), |_| sign_in_options());
    // The browser's zone goes along with the sign-in, so times can be shown in it from the start.
    let zone = RwSignal::new(String::new());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(z) = browser_zone() {
            zone.set(z);
        }
    });
    view! {
        <Title text=t("account-sign-in-title") />
        <section class="panel narrow">
            <h1>{t("account-sign-in")}</h1>
            {move || {
                notice()
                    .map(|n| {
                        view! {
                            <div class="notice" role="status">
                                {n}
                            </div>
                        }
                    })
            }}
            {move || {
                refused()
                    .map(|r| {
                        view! {
                            <div class="error-box" role="alert">
                                {r}
                            </div>
                        }
                    })
            }}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    options
                        .await
                        .ok()
                        .and_then(|o| o.provider)
                        .map(|provider| {
                            let label = use_locale()
                                .t_with("account-sso-button", &[("provider", provider.into())]);
                            view! {
                                <a
                                    class="button primary sso"
                                    href="/auth/oidc/start"
                                    rel="external"
                                >
                                    {label}
                                </a>
                                <p class="sso-or">{t("account-sso-or")}</p>
                            }
                        })
                })}
            </Suspense>
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="next" value=next />
                <input type="hidden" name="time_zone" value=move || zone.get() />
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let logins = options.await.map(|o| o.logins).unwrap_or(false);
                        view! {
                            <label for="email">
                                {if logins { t("account-login") } else { t("account-email") }}
                            </label>
                            <input
                                id="email"
                                name="email"
                                type=if logins { "text" } else { "email" }
                                autocomplete="username"
                                required
                            />
                        }
                    })}
                </Suspense>
                <label for="password">{t("account-password")}</label>
                <div class="password">
                    <input
                        id="password"
                        name="password"
                        type=move || if show.get() { "text" } else { "password" }
                        autocomplete="current-password"
                        required
                    />
                    <button
                        type="button"
                        class="small"
                        aria-pressed=move || show.get().to_string()
                        on:click=move |_| set_show.update(|s| *s = !*s)
                    >
                        {move || {
                            if show.get() {
                                loc.t("account-hide-password")
                            } else {
                                loc.t("account-show-password")
                            }
                        }}
                    </button>
                </div>
                <ErrorBox error=error />
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || {
                        if action.pending().get() {
                            loc.t("account-signing-in")
                        } else {
                            loc.t("account-sign-in")
                        }
                    }}
                </button>
            </ActionForm>
            <p class="muted">
                <a href="/forgot">{t("account-forgot-link")}</a>
                " · "
                {t("account-no-account")}
                " "
                <a href="/register">{t("account-create-one")}</a>
            </p>
        </section>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let loc = use_locale();
    let action = expect_context::<ServerAction<Register>>();
    let error = action_error(action);
    let sent = move || match action.value().get() {
        Some(Ok(email)) => Some(email),
        _ => None,
    };
    view! {
        <Title text=t("account-register-title") />
        <section class="panel narrow">
            <h1>{t("account-register-heading")}</h1>
            <Show
                when=move || sent().is_none()
                fallback=move || {
                    let email = sent().unwrap_or_default();
                    let text = loc
                        .t_with("account-register-sent", &[("email", email.clone().into())]);
                    let (before, after) = around(&text, &email);
                    view! {
                        <div class="notice" role="status">
                            <p>{before} <strong>{email}</strong> {after}</p>
                        </div>
                    }
                }
            >
                <ActionForm action=action attr:class="form">
                    <label for="name">{t("account-your-name")}</label>
                    <input id="name" name="name" autocomplete="name" maxlength="120" required />
                    <FieldMessage error=error field="name" />
                    <label for="email">{t("account-work-email")}</label>
                    <input id="email" name="email" type="email" autocomplete="email" required />
                    <FieldMessage error=error field="email" />
                    <label for="password">{t("account-password-rule")}</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="new-password"
                        minlength="10"
                        required
                    />
                    <FieldMessage error=error field="password" />
                    <ErrorBox error=not_field(error) />
                    <button type="submit" class="primary">
                        {t("account-create-account")}
                    </button>
                </ActionForm>
            </Show>
        </section>
    }
}

/// Where the link mailed after registration leads: one button proves the address (a button, so
/// a mail scanner fetching the link proves nothing on its own).
#[component]
pub fn VerifyPage() -> impl IntoView {
    let action = ServerAction::<VerifyEmail>::new();
    let error = action_error(action);
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    view! {
        <Title text=t("account-verify-title") />
        <section class="panel narrow">
            <h1>{t("account-verify-heading")}</h1>
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="token" value=token />
                <p>{t("account-verify-intro")}</p>
                <FieldMessage error=error field="token" />
                <ErrorBox error=not_field(error) />
                <button type="submit" class="primary">
                    {t("account-verify-button")}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let loc = use_locale();
    let action = ServerAction::<RequestReset>::new();
    let error = action_error(action);
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=t("account-forgot-title") />
        <section class="panel narrow">
            <h1>{t("account-forgot-heading")}</h1>
            <Show
                when=move || !done()
                fallback=move || {
                    view! {
                        <div class="notice" role="status">
                            {loc.t("account-forgot-sent")}
                        </div>
                    }
                }
            >
                <ActionForm action=action attr:class="form">
                    <label for="email">{t("account-email")}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required />
                    <FieldMessage error=error field="email" />
                    <ErrorBox error=not_field(error) />
                    <button type="submit" class="primary">
                        {t("account-send-link")}
                    </button>
                </ActionForm>
            </Show>
        </section>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let loc = use_locale();
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let live = Resource::new(token, |t| async move {
        reset_link_live(t).await.unwrap_or(false)
    });
    view! {
        <Title text=t("account-reset-title") />
        <section class="panel narrow">
            <h1>{t("account-reset-heading")}</h1>
            <Suspense fallback=move || {
                view! { <p class="muted">{loc.t("account-checking-link")}</p> }
            }>
                {move || Suspend::new(async move {
                    if !live.await {
                        return view! {
                            <p class="notice" role="alert">
                                {loc.t("account-link-expired")}
                                " "
                                <a href="/forgot">{loc.t("account-ask-new-link")}</a>
                                "."
                            </p>
                        }
                            .into_any();
                    }
                    view! {
                        <ActionForm action=action attr:class="form">
                            <input type="hidden" name="token" value=token />
                            <label for="password">{loc.t("account-new-password-rule")}</label>
                            <input
                                id="password"
                                name="password"
                                type="password"
                                autocomplete="new-password"
                                minlength="10"
                                required
                            />
                            <FieldMessage error=error field="password" />
                            <ErrorBox error=not_field(error) />
                            <button type="submit" class="primary">
                                {loc.t("account-set-password")}
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                })}
            </Suspense>
        </section>
    }
}
