//! Accounts (admins): each person's role and whether they may sign in, new accounts, categories.

use super::*;
use crate::domain::Account;
use crate::ui::{t, use_locale};

#[component]
pub fn PeoplePage() -> impl IntoView {
    view! {
        <Title text=t("admin-people-title") />
        <Gate allowed=may_open::admins children=|_| view! { <PeopleView /> } />
    }
}

#[component]
fn PeopleView() -> impl IntoView {
    let add = ServerAction::<AddAccount>::new();
    let set_role = ServerAction::<SetRole>::new();
    let set_active = ServerAction::<SetActive>::new();
    let sync = ServerAction::<crate::api::people::SyncDirectory>::new();
    let list = Resource::new(
        move || {
            (
                add.version().get(),
                set_role.version().get(),
                set_active.version().get(),
                sync.version().get(),
            )
        },
        |_| accounts(),
    );
    view! {
        <section class="panel">
            <h1>{t("admin-people-heading")}</h1>
            <ErrorBox error=action_error(set_role) />
            <ErrorBox error=action_error(set_active) />
            <Transition fallback=|| {
                view! { <p class="muted">{t("admin-loading")}</p> }
            }>
                {move || Suspend::new(async move {
                    let people = list.await.unwrap_or_default();
                    view! {
                        <ul class="ticket-list">
                            {people
                                .into_iter()
                                .map(|account| view! { <PersonRow account set_role set_active /> })
                                .collect_view()}
                        </ul>
                    }
                })}
            </Transition>
            <CategoryEditor />
            <AddAccountForm add />
            <super::directory::CompanySignIn sync />
        </section>
    }
}

/// One account: its role, and deactivating or reactivating it.
#[component]
fn PersonRow(
    account: Account,
    set_role: ServerAction<SetRole>,
    set_active: ServerAction<SetActive>,
) -> impl IntoView {
    let off = account.deactivated;
    let u = account.user;
    let role_id = format!("role-{}", u.id);
    let email = u.email.clone();
    let role_of = use_locale().t_with("admin-people-role-of", &[("name", u.name.clone().into())]);
    view! {
        <li class="person" class:deactivated=off>
            <ActionForm action=set_role attr:class="row">
                <input type="hidden" name="email" value=u.email.clone() />
                <span>
                    <strong>{u.name.clone()}</strong>
                    " "
                    <span class="muted">{u.email.clone()}</span>
                </span>
                <label class="sr-only" for=role_id.clone()>
                    {role_of}
                </label>
                <select id=role_id name="role" class="small">
                    {Role::ALL
                        .iter()
                        .map(|r| {
                            view! {
                                <option value=r.as_str() selected=*r == u.role>
                                    {r.label(&use_locale())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="small">
                    {t("admin-people-change-role")}
                </button>
            </ActionForm>
            <ActionForm action=set_active attr:class="row">
                <input type="hidden" name="email" value=email />
                <input type="hidden" name="active" value=off.to_string() />
                {off
                    .then(|| {
                        view! { <span class="badge off">{t("admin-people-deactivated")}</span> }
                    })}
                <button type="submit" class="small">
                    {if off { t("admin-people-reactivate") } else { t("admin-people-deactivate") }}
                </button>
            </ActionForm>
        </li>
    }
}

/// A new account with its role and first password.
#[component]
fn AddAccountForm(add: ServerAction<AddAccount>) -> impl IntoView {
    let error = action_error(add);
    view! {
        <h2>{t("admin-account-add-heading")}</h2>
        <ActionForm action=add attr:class="form">
            <label for="new-name">{t("admin-name")}</label>
            <input id="new-name" name="name" required />
            <FieldMessage error=error field="name" />
            <label for="new-email">{t("admin-email")}</label>
            <input id="new-email" name="email" type="email" required />
            <FieldMessage error=error field="email" />
            <label for="new-role">{t("admin-role")}</label>
            <select id="new-role" name="role">
                {Role::ALL
                    .iter()
                    .map(|r| view! { <option value=r.as_str()>{r.label(&use_locale())}</option> })
                    .collect_view()}
            </select>
            <label for="new-password">{t("admin-account-first-password")}</label>
            <input
                id="new-password"
                name="password"
                type="password"
                autocomplete="new-password"
                required
            />
            <FieldMessage error=error field="password" />
            <button type="submit" class="primary">
                {t("admin-account-add")}
            </button>
        </ActionForm>
    }
}

/// Categories and the questions each asks requesters (admins).
#[component]
fn CategoryEditor() -> impl IntoView {
    let save = ServerAction::<SaveCategory>::new();
    let error = action_error(save);
    let saved = RwSignal::new(0u32);
    Effect::new(move |_| {
        if matches!(save.value().get(), Some(Ok(()))) {
            saved.update(|n| *n += 1);
        }
    });
    let list = Resource::new(move || saved.get(), |_| categories());
    view! {
        <h2>{t("admin-categories-heading")}</h2>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let cats = list.await.unwrap_or_default();
                view! {
                    <ul class="plain categories">
                        {cats
                            .into_iter()
                            .map(|c| {
                                let fields = c
                                    .fields
                                    .iter()
                                    .map(|f| {
                                        if f.required {
                                            use_locale()
                                                .t_with(
                                                    "admin-category-field-required",
                                                    &[("label", f.label.clone().into())],
                                                )
                                        } else {
                                            f.label.clone()
                                        }
                                    })
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                view! {
                                    <li>
                                        <strong>{c.name}</strong>
                                        " "
                                        <code>{c.slug}</code>
                                        " — "
                                        {if fields.is_empty() {
                                            t("admin-category-no-questions")
                                        } else {
                                            fields
                                        }}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        </Transition>
        <ActionForm action=save attr:class="form">
            <label for="cat-slug">{t("admin-category-slug")}</label>
            <input id="cat-slug" name="slug" placeholder="printing" required />
            <FieldMessage error=error field="slug" />
            <label for="cat-name">{t("admin-name")}</label>
            <input
                id="cat-name"
                name="name"
                placeholder=t("admin-category-name-placeholder")
                required
            />
            <FieldMessage error=error field="name" />
            <label for="cat-fields">{t("admin-category-fields")}</label>
            <textarea
                id="cat-fields"
                name="fields"
                rows="4"
                placeholder=t("admin-category-fields-placeholder")
            ></textarea>
            <FieldMessage error=error field="fields" />
            <button type="submit">{t("admin-category-save")}</button>
        </ActionForm>
    }
}
