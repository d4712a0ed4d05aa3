//! Signing in and creating an account.

use super::widgets::{action_error, ErrorBox, FieldMessage};
use crate::api::account::{Register, SignIn};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = expect_context::<ServerAction<SignIn>>();
    let error = action_error(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let (show, set_show) = signal(false);
    view! {
        <Title text="Sign in — Switchboard" />
        <section class="panel narrow">
            <h1>"Sign in"</h1>
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
            <p class="muted">"No account yet? " <a href="/register">"Create one"</a></p>
        </section>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    let action = expect_context::<ServerAction<Register>>();
    let error = action_error(action);
    view! {
        <Title text="Create an account — Switchboard" />
        <section class="panel narrow">
            <h1>"Create an account"</h1>
            <ActionForm action=action attr:class="form">
                <label for="name">"Your name"</label>
                <input id="name" name="name" autocomplete="name" required />
                <FieldMessage error=error field="name" />
                <label for="email">"Work email"</label>
                <input id="email" name="email" type="email" autocomplete="email" required />
                <FieldMessage error=error field="email" />
                <label for="password">"Password (at least 10 characters)"</label>
                <input id="password" name="password" type="password" autocomplete="new-password" minlength="10" required />
                <FieldMessage error=error field="password" />
                <button type="submit" class="primary">"Create account"</button>
            </ActionForm>
        </section>
    }
}
