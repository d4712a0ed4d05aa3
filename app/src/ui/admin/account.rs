//! The caller's own account: password, notification preferences and API tokens.

use super::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    view! {
        <Title text="Your account — Switchboard" />
        <Gate
            allowed=|_| true
            children=|user| {
                let change = ServerAction::<ChangePassword>::new();
                let error = action_error(change);
                view! {
                    <section class="panel narrow">
                        <h1>"Your account"</h1>
                        <p>
                            {user.name.clone()} " · " {user.email.clone()} " · "
                            {user.role.label()}
                        </p>
                        <h2>"Change password"</h2>
                        {move || {
                            matches!(change.value().get(), Some(Ok(())))
                                .then(|| {
                                    view! {
                                        <div class="notice" role="status">
                                            "Password changed. Your other sessions and API tokens were ended."
                                        </div>
                                    }
                                })
                        }}
                        <ActionForm action=change attr:class="form">
                            <label for="current">"Current password"</label>
                            <input
                                id="current"
                                name="current"
                                type="password"
                                autocomplete="current-password"
                                required
                            />
                            <FieldMessage error=error field="current" />
                            <label for="new">"New password (at least 10 characters)"</label>
                            <input
                                id="new"
                                name="new"
                                type="password"
                                autocomplete="new-password"
                                required
                            />
                            <FieldMessage error=error field="new" />
                            <button type="submit" class="primary">
                                "Change password"
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
    view! {
        <h2>"API tokens"</h2>
        <p class="muted">"For scripts and other tools that use Switchboard's REST API as you."</p>
        {move || match create.value().get() {
            Some(Ok(token)) => {
                Some(
                    view! {
                        <div class="notice" role="status">
                            <p>"Copy your new token now; it is not shown again:"</p>
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
                    return view! { <p class="muted">"No tokens."</p> }.into_any();
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
                                                " · expires "
                                                {t.expires_at.format("%d %b %Y").to_string()}
                                                " · "
                                                {t
                                                    .last_used_at
                                                    .map(|u| {
                                                        format!("last used {}", u.format("%d %b %Y, %H:%M UTC"))
                                                    })
                                                    .unwrap_or_else(|| "never used".into())}
                                            </span>
                                            <button type="submit" class="small">
                                                "Revoke"
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
            <label for="token-name">"Token name"</label>
            <input id="token-name" name="name" maxlength="80" placeholder="Monitoring" required />
            <FieldMessage error=error field="name" />
            <label for="token-days">"Expires after (days, at most 366)"</label>
            <input id="token-days" name="days" inputmode="numeric" value="90" />
            <FieldMessage error=error field="days" />
            <button type="submit">"Create token"</button>
        </ActionForm>
    }
}
