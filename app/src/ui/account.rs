//! Signing in, creating an account, proving its address and setting a forgotten password.

use super::widgets::{action_error, not_field, ErrorBox, FieldMessage};
use crate::api::account::{
    reset_link_live, Register, RequestReset, ResetPassword, SignIn, VerifyEmail,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = expect_context::<ServerAction<SignIn>>();
    let error = action_error(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let notice = move || {
        let q = query.read();
        if q.get("verified").is_some() {
            Some("Your email is confirmed. Sign in with your password.")
        } else if q.get("reset").is_some() {
            Some("Your new password is set, and every earlier session ended. Sign in with it.")
        } else {
            None
        }
    };
    let (show, set_show) = signal(false);
    view! {
        <Title text="Sign in — Switchboard" />
        <section class="panel narrow">
            <h1>"Sign in"</h1>
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
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="next" value=next />
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="username" required />
                <label for="password">"Password"</label>
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
                        {move || if show.get() { "Hide" } else { "Show" }}
                    </button>
                </div>
                <ErrorBox error=error />
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
            <p class="muted">
                <a href="/forgot">"Forgot your password?"</a>
                " · No account yet? "
                <a href="/register">"Create one"</a>
            </p>
        </section>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = expect_context::<ServerAction<Register>>();
    let error = action_error(action);
    let sent = move || match action.value().get() {
        Some(Ok(email)) => Some(email),
        _ => None,
    };
    view! {
        <Title text="Create an account — Switchboard" />
        <section class="panel narrow">
            <h1>"Create an account"</h1>
            <Show
                when=move || sent().is_none()
                fallback=move || {
                    view! {
                        <div class="notice" role="status">
                            <p>
                                "We sent a link to " <strong>{sent().unwrap_or_default()}</strong>
                                ". Open it within 24 hours to confirm the address is yours; then sign in."
                            </p>
                        </div>
                    }
                }
            >
                <ActionForm action=action attr:class="form">
                    <label for="name">"Your name"</label>
                    <input id="name" name="name" autocomplete="name" maxlength="120" required />
                    <FieldMessage error=error field="name" />
                    <label for="email">"Work email"</label>
                    <input id="email" name="email" type="email" autocomplete="email" required />
                    <FieldMessage error=error field="email" />
                    <label for="password">"Password (at least 10 characters)"</label>
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
                        "Create account"
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
        <Title text="Confirm your email — Switchboard" />
        <section class="panel narrow">
            <h1>"Confirm your email"</h1>
            <ActionForm action=action attr:class="form">
                <input type="hidden" name="token" value=token />
                <p>"Confirm that this address is yours to finish creating your account."</p>
                <FieldMessage error=error field="token" />
                <ErrorBox error=not_field(error) />
                <button type="submit" class="primary">
                    "Confirm my email"
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn ForgotPage() -> impl IntoView {
    let action = ServerAction::<RequestReset>::new();
    let error = action_error(action);
    let done = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text="Forgot your password — Switchboard" />
        <section class="panel narrow">
            <h1>"Forgot your password"</h1>
            <Show
                when=move || !done()
                fallback=|| {
                    view! {
                        <div class="notice" role="status">
                            "If that address has an account, a link to set a new password is on its way. It works once, for 30 minutes."
                        </div>
                    }
                }
            >
                <ActionForm action=action attr:class="form">
                    <label for="email">"Email"</label>
                    <input id="email" name="email" type="email" autocomplete="username" required />
                    <FieldMessage error=error field="email" />
                    <ErrorBox error=not_field(error) />
                    <button type="submit" class="primary">
                        "Send me a link"
                    </button>
                </ActionForm>
            </Show>
        </section>
    }
}

#[component]
pub fn ResetPage() -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = action_error(action);
    let query = use_query_map();
    let token = move || query.read().get("token").unwrap_or_default();
    let live = Resource::new(token, |t| async move {
        reset_link_live(t).await.unwrap_or(false)
    });
    view! {
        <Title text="Set a new password — Switchboard" />
        <section class="panel narrow">
            <h1>"Set a new password"</h1>
            <Suspense fallback=|| {
                view! { <p class="muted">"Checking your link…"</p> }
            }>
                {move || Suspend::new(async move {
                    if !live.await {
                        return view! {
                            <p class="notice" role="alert">
                                "This link has expired or was used already. "
                                <a href="/forgot">"Ask for a new one"</a>
                                "."
                            </p>
                        }
                            .into_any();
                    }
                    view! {
                        <ActionForm action=action attr:class="form">
                            <input type="hidden" name="token" value=token />
                            <label for="password">"New password (at least 10 characters)"</label>
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
                                "Set password"
                            </button>
                        </ActionForm>
                    }
                        .into_any()
                })}
            </Suspense>
        </section>
    }
}
