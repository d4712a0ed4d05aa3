//! The roster (coordinators and admins), accounts (admins) and the caller's own password.

use super::widgets::{action_error, ErrorBox, FieldMessage};
use super::Gate;
use crate::api::account::{my_tokens, CreateApiToken, RevokeApiToken};
use crate::api::people::{
    accounts, get_roster, AddAccount, ChangePassword, RouteCategory, SaveCategory, SaveTeam,
    SetActive, SetRole, UpdateTechnician,
};
use crate::api::tickets::categories;
use crate::domain::Role;
use crate::types::{RosterEntry, RosterUpdate};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RosterPage() -> impl IntoView {
    view! {
        <Title text="Roster — Switchboard" />
        <Gate allowed=|r| r.coordinates() children=|_| view! { <RosterView /> } />
    }
}

#[component]
fn RosterView() -> impl IntoView {
    let update = ServerAction::<UpdateTechnician>::new();
    let team = ServerAction::<SaveTeam>::new();
    let route = ServerAction::<RouteCategory>::new();
    // Reload after successful saves only, so a refused edit keeps what was typed.
    let saved = RwSignal::new(0u32);
    let reload_on_success =
        move |value: MappedSignal<Option<Result<(), crate::error::AppError>>>| {
            Effect::new(move |_| {
                if matches!(value.get(), Some(Ok(()))) {
                    saved.update(|n| *n += 1);
                }
            });
        };
    reload_on_success(update.value());
    reload_on_success(team.value());
    reload_on_success(route.value());
    let data = Resource::new(move || saved.get(), |_| get_roster());
    let editing = RwSignal::new(String::new());
    let update_error = action_error(update);
    let team_error = action_error(team);
    let route_error = action_error(route);
    view! {
        <section class="panel wide">
            <h1>"Technician roster"</h1>
            <p class="lead">
                "Tier, skills, capacity and availability decide who is suggested for a ticket."
            </p>
            {move || {
                matches!(update.value().get(), Some(Ok(())))
                    .then(|| {
                        view! {
                            <div class="notice" role="status">
                                "Saved."
                            </div>
                        }
                    })
            }}
            <Transition fallback=|| {
                view! { <p class="muted">"Loading…"</p> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error-box">{e.to_string()}</p> }.into_any(),
                        Ok(r) => {
                            let categories = r.categories.clone();
                            let teams = r.teams.clone();
                            let auto = r.auto_assign.clone();
                            view! {
                                <ul class="roster">
                                    {r
                                        .people
                                        .into_iter()
                                        .map(|p| {
                                            view! {
                                                <RosterRow
                                                    person=p
                                                    update=update
                                                    editing=editing
                                                    error=update_error
                                                />
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                <h2>"Teams"</h2>
                                <ul class="plain">
                                    {teams
                                        .iter()
                                        .map(|t| {
                                            view! {
                                                <li>
                                                    {t.clone()}
                                                    {auto
                                                        .contains(t)
                                                        .then(|| {
                                                            view! { <span class="flag">"assigns automatically"</span> }
                                                        })}
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                <ActionForm action=team attr:class="form inline-form">
                                    <label for="team">"Team name"</label>
                                    <input id="team" name="team" placeholder="e.g. Network" />
                                    <FieldMessage error=team_error field="team" />
                                    <label for="members">"Members (emails, comma separated)"</label>
                                    <input
                                        id="members"
                                        name="members"
                                        placeholder="nina@example.org, erin@example.org"
                                    />
                                    <FieldMessage error=team_error field="members" />
                                    <label class="check">
                                        <input type="checkbox" name="auto_assign" />
                                        "Assign new requests automatically (balanced among qualified, available members with room)"
                                    </label>
                                    <button type="submit">"Save team"</button>
                                </ActionForm>
                                <h2>"Routing"</h2>
                                <ul class="plain">
                                    {r
                                        .routes
                                        .iter()
                                        .map(|(c, t)| {
                                            view! { <li>{c.clone()} " → " {t.clone()}</li> }
                                        })
                                        .collect_view()}
                                </ul>
                                <ActionForm action=route attr:class="form inline-form">
                                    <label for="route_category">"Category"</label>
                                    <select id="route_category" name="route_category">
                                        {categories
                                            .iter()
                                            .map(|c| {
                                                view! { <option value=c.clone()>{c.clone()}</option> }
                                            })
                                            .collect_view()}
                                    </select>
                                    <label for="route_team">"goes to the queue of"</label>
                                    <select id="route_team" name="route_team">
                                        <option value="">"every technician"</option>
                                        {teams
                                            .iter()
                                            .map(|t| {
                                                view! { <option value=t.clone()>{t.clone()}</option> }
                                            })
                                            .collect_view()}
                                    </select>
                                    <FieldMessage error=route_error field="route_team" />
                                    <button type="submit">"Route"</button>
                                </ActionForm>
                                <h2>"Recent changes"</h2>
                                <ol class="timeline">
                                    {r
                                        .audit
                                        .into_iter()
                                        .map(|a| view! { <li>{a}</li> })
                                        .collect_view()}
                                </ol>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn RosterRow(
    person: RosterEntry,
    update: ServerAction<UpdateTechnician>,
    editing: RwSignal<String>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let email = person.email.clone();
    let id = |f: &str| format!("{}-{}", f, person.email.replace(['@', '.'], "-"));
    let tier = RwSignal::new(person.tier.to_string());
    let capacity = RwSignal::new(person.capacity.to_string());
    let availability = RwSignal::new(person.availability.as_str().to_string());
    let off_until = RwSignal::new(person.off_until.clone().unwrap_or_default());
    let skills = RwSignal::new(
        person
            .skills
            .iter()
            .map(|(s, l)| format!("{s}:{l}"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    let mine = {
        let email = email.clone();
        Signal::derive(move || {
            if editing.get() == email {
                error.get()
            } else {
                None
            }
        })
    };
    let save = {
        let email = email.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            editing.set(email.clone());
            update.dispatch(UpdateTechnician {
                update: RosterUpdate {
                    email: email.clone(),
                    tier: tier.get_untracked().parse().unwrap_or(0),
                    capacity: capacity.get_untracked().parse().unwrap_or(-1),
                    availability: availability.get_untracked(),
                    off_until: Some(off_until.get_untracked()),
                    skills: skills.get_untracked(),
                },
            });
        }
    };
    view! {
        <li class="roster-row" class:away=!person.available>
            <form on:submit=save aria-label=format!("Roster entry for {}", person.name)>
                <p class="row spread">
                    <strong>{person.name.clone()}</strong>
                    <span class="muted">
                        {person.open_load} " open · " {person.teams.join(", ")}
                    </span>
                </p>
                <div class="roster-grid">
                    <label for=id("tier")>"Tier"</label>
                    <select
                        id=id("tier")
                        prop:value=tier
                        on:change=move |ev| tier.set(event_target_value(&ev))
                    >
                        <option value="1">"1 front line"</option>
                        <option value="2">"2 specialist"</option>
                        <option value="3">"3 expert"</option>
                    </select>
                    <label for=id("capacity")>"Capacity"</label>
                    <input
                        id=id("capacity")
                        type="number"
                        min="0"
                        max="100"
                        prop:value=capacity
                        on:input=move |ev| capacity.set(event_target_value(&ev))
                    />
                    <label for=id("availability")>"Availability"</label>
                    <select
                        id=id("availability")
                        prop:value=availability
                        on:change=move |ev| availability.set(event_target_value(&ev))
                    >
                        <option value="on_duty">"On duty"</option>
                        <option value="away">"Away"</option>
                        <option value="off">"Off until…"</option>
                    </select>
                    <label for=id("off")>"Off until"</label>
                    <input
                        id=id("off")
                        type="date"
                        prop:value=off_until
                        on:input=move |ev| off_until.set(event_target_value(&ev))
                    />
                    <label for=id("skills")>"Skills"</label>
                    <input
                        id=id("skills")
                        prop:value=skills
                        on:input=move |ev| skills.set(event_target_value(&ev))
                        placeholder="hardware:2, network:3"
                    />
                </div>
                <FieldMessage error=mine field="tier" />
                <FieldMessage error=mine field="capacity" />
                <FieldMessage error=mine field="availability" />
                <FieldMessage error=mine field="off_until" />
                <FieldMessage error=mine field="skills" />
                <button type="submit" class="primary small">
                    "Save "
                    {person.name.clone()}
                </button>
            </form>
        </li>
    }
}

#[component]
pub fn PeoplePage() -> impl IntoView {
    view! {
        <Title text="People — Switchboard" />
        <Gate
            allowed=|r| r == Role::Admin
            children=|_| {
                let add = ServerAction::<AddAccount>::new();
                let set_role = ServerAction::<SetRole>::new();
                let set_active = ServerAction::<SetActive>::new();
                let add_error = action_error(add);
                let role_error = action_error(set_role);
                let active_error = action_error(set_active);
                let list = Resource::new(
                    move || (
                        add.version().get(),
                        set_role.version().get(),
                        set_active.version().get(),
                    ),
                    |_| accounts(),
                );
                view! {
                    <section class="panel">
                        <h1>"People"</h1>
                        <ErrorBox error=role_error />
                        <ErrorBox error=active_error />
                        <Transition fallback=|| {
                            view! { <p class="muted">"Loading…"</p> }
                        }>
                            {move || Suspend::new(async move {
                                let people = list.await.unwrap_or_default();
                                view! {
                                    <ul class="ticket-list">
                                        {people
                                            .into_iter()
                                            .map(|a| {
                                                let off = a.deactivated;
                                                let u = a.user;
                                                let email = u.email.clone();
                                                let role_id = format!("role-{}", u.id);
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
                                                                "Role of "
                                                                {u.name.clone()}
                                                            </label>
                                                            <select id=role_id name="role" class="small">
                                                                {Role::ALL
                                                                    .iter()
                                                                    .map(|r| {
                                                                        view! {
                                                                            <option value=r.as_str() selected=*r == u.role>
                                                                                {r.label()}
                                                                            </option>
                                                                        }
                                                                    })
                                                                    .collect_view()}
                                                            </select>
                                                            <button type="submit" class="small">
                                                                "Change role"
                                                            </button>
                                                        </ActionForm>
                                                        <ActionForm action=set_active attr:class="row">
                                                            <input type="hidden" name="email" value=email />
                                                            <input type="hidden" name="active" value=off.to_string() />
                                                            {off
                                                                .then(|| {
                                                                    view! { <span class="badge off">"Deactivated"</span> }
                                                                })}
                                                            <button type="submit" class="small">
                                                                {if off { "Reactivate" } else { "Deactivate" }}
                                                            </button>
                                                        </ActionForm>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                            })}
                        </Transition>
                        <CategoryEditor />
                        <h2>"Add an account"</h2>
                        <ActionForm action=add attr:class="form">
                            <label for="new-name">"Name"</label>
                            <input id="new-name" name="name" required />
                            <FieldMessage error=add_error field="name" />
                            <label for="new-email">"Email"</label>
                            <input id="new-email" name="email" type="email" required />
                            <FieldMessage error=add_error field="email" />
                            <label for="new-role">"Role"</label>
                            <select id="new-role" name="role">
                                {Role::ALL
                                    .iter()
                                    .map(|r| {
                                        view! { <option value=r.as_str()>{r.label()}</option> }
                                    })
                                    .collect_view()}
                            </select>
                            <label for="new-password">
                                "First password (at least 10 characters)"
                            </label>
                            <input
                                id="new-password"
                                name="password"
                                type="password"
                                autocomplete="new-password"
                                required
                            />
                            <FieldMessage error=add_error field="password" />
                            <button type="submit" class="primary">
                                "Add account"
                            </button>
                        </ActionForm>
                    </section>
                }
            }
        />
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
        <h2>"Categories"</h2>
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
                                            format!("{} (required)", f.label)
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
                                            "no extra questions".to_string()
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
            <label for="cat-slug">"Category key (new or existing)"</label>
            <input id="cat-slug" name="slug" placeholder="printing" required />
            <FieldMessage error=error field="slug" />
            <label for="cat-name">"Name"</label>
            <input id="cat-name" name="name" placeholder="Printing" required />
            <FieldMessage error=error field="name" />
            <label for="cat-fields">
                "Questions, one per line: key | Label | required or optional | hint"
            </label>
            <textarea
                id="cat-fields"
                name="fields"
                rows="4"
                placeholder="printer | Printer name | required | on the sticker"
            ></textarea>
            <FieldMessage error=error field="fields" />
            <button type="submit">"Save category"</button>
        </ActionForm>
    }
}

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
                        <super::notifications::PreferencesForm role=user.role />
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
