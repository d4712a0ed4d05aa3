//! The technician roster: tier, skills, capacity and availability, teams and category routing.

use super::*;
use crate::error::AppError;
use crate::ui::{t, use_locale};

#[component]
pub fn RosterPage() -> impl IntoView {
    view! {
        <Title text=t("admin-roster-title") />
        <Gate allowed=may_open::coordinators children=|_| view! { <RosterView /> } />
    }
}

#[component]
fn RosterView() -> impl IntoView {
    let update = ServerAction::<UpdateTechnician>::new();
    let team = ServerAction::<SaveTeam>::new();
    let route = ServerAction::<RouteCategory>::new();
    // Reload after successful saves only, so a refused edit keeps what was typed.
    let saved = RwSignal::new(0u32);
    let reload_on_success = move |value: MappedSignal<Option<Result<(), AppError>>>| {
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
    view! {
        <section class="panel wide">
            <h1>{t("admin-roster-heading")}</h1>
            <p class="lead">{t("admin-roster-lead")}</p>
            {move || {
                matches!(update.value().get(), Some(Ok(())))
                    .then(|| {
                        view! {
                            <div class="notice" role="status">
                                {t("admin-roster-saved")}
                            </div>
                        }
                    })
            }}
            <Transition fallback=|| {
                view! { <p class="muted">{t("admin-loading")}</p> }
            }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => {
                            view! { <p class="error-box">{e.message(&use_locale())}</p> }.into_any()
                        }
                        Ok(r) => {
                            view! {
                                <ul class="roster">
                                    {r
                                        .people
                                        .into_iter()
                                        .map(|person| {
                                            view! {
                                                <RosterRow person update editing error=update_error />
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                                <Teams teams=r.teams.clone() auto=r.auto_assign.clone() save=team />
                                <Routing
                                    routes=r.routes.clone()
                                    categories=r.categories.clone()
                                    teams=r.teams.clone()
                                    save=route
                                />
                                <h2>{t("admin-roster-recent-changes")}</h2>
                                <ol class="timeline">
                                    {r
                                        .audit
                                        .into_iter()
                                        .map(|(at, words)| {
                                            view! {
                                                <li>
                                                    {crate::ui::widgets::soon(at)} " — "
                                                    {words.render(&use_locale())}
                                                </li>
                                            }
                                        })
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

/// The teams, which of them assign automatically, and the form that saves one.
#[component]
fn Teams(teams: Vec<String>, auto: Vec<String>, save: ServerAction<SaveTeam>) -> impl IntoView {
    let error = action_error(save);
    view! {
        <h2>{t("admin-teams-heading")}</h2>
        <ul class="plain">
            {teams
                .iter()
                .map(|team| {
                    view! {
                        <li>
                            {team.clone()}
                            {auto
                                .contains(team)
                                .then(|| {
                                    view! {
                                        <span class="flag">
                                            {t("admin-teams-assigns-automatically")}
                                        </span>
                                    }
                                })}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <ActionForm action=save attr:class="form inline-form">
            <label for="team">{t("admin-teams-name")}</label>
            <input id="team" name="team" placeholder=t("admin-teams-name-placeholder") />
            <FieldMessage error=error field="team" />
            <label for="members">{t("admin-teams-members")}</label>
            <input id="members" name="members" placeholder="nina@example.org, erin@example.org" />
            <FieldMessage error=error field="members" />
            <label class="check">
                <input type="checkbox" name="auto_assign" />
                {t("admin-teams-auto-assign")}
            </label>
            <button type="submit">{t("admin-teams-save")}</button>
        </ActionForm>
    }
}

/// Which team's queue each category goes to, and the form that routes one.
#[component]
fn Routing(
    routes: Vec<(String, String)>,
    categories: Vec<String>,
    teams: Vec<String>,
    save: ServerAction<RouteCategory>,
) -> impl IntoView {
    let error = action_error(save);
    let loc = use_locale();
    view! {
        <h2>{t("admin-routing-heading")}</h2>
        <ul class="plain">
            {routes
                .iter()
                .map(|(category, team)| {
                    let name = crate::domain::category::slug_words(&loc, category);
                    view! { <li>{name} " → " {team.clone()}</li> }
                })
                .collect_view()}
        </ul>
        <ActionForm action=save attr:class="form inline-form">
            <label for="route_category">{t("admin-routing-category")}</label>
            <select id="route_category" name="route_category">
                {categories
                    .iter()
                    .map(|c| {
                        let name = crate::domain::category::slug_words(&loc, c);
                        view! { <option value=c.clone()>{name}</option> }
                    })
                    .collect_view()}
            </select>
            <label for="route_team">{t("admin-routing-goes-to")}</label>
            <select id="route_team" name="route_team">
                <option value="">{t("admin-routing-every-technician")}</option>
                {teams
                    .iter()
                    .map(|team| view! { <option value=team.clone()>{team.clone()}</option> })
                    .collect_view()}
            </select>
            <FieldMessage error=error field="route_team" />
            <button type="submit">{t("admin-routing-route")}</button>
        </ActionForm>
    }
}

/// What a coordinator is typing into one person's roster entry.
#[derive(Clone, Copy)]
struct RosterDraft {
    tier: RwSignal<String>,
    capacity: RwSignal<String>,
    availability: RwSignal<String>,
    off_until: RwSignal<String>,
    skills: RwSignal<String>,
}

impl RosterDraft {
    fn of(person: &RosterEntry) -> Self {
        let skills = person
            .skills
            .iter()
            .map(|(s, l)| format!("{s}:{l}"))
            .collect::<Vec<_>>();
        RosterDraft {
            tier: RwSignal::new(person.tier.to_string()),
            capacity: RwSignal::new(person.capacity.to_string()),
            availability: RwSignal::new(person.availability.as_str().to_string()),
            off_until: RwSignal::new(person.off_until.clone().unwrap_or_default()),
            skills: RwSignal::new(skills.join(", ")),
        }
    }

    /// The update to send; what does not parse is sent out of range so the server names the field.
    fn update(&self, email: String) -> RosterUpdate {
        RosterUpdate {
            email,
            tier: self.tier.get_untracked().parse().unwrap_or(0),
            capacity: self.capacity.get_untracked().parse().unwrap_or(-1),
            availability: self.availability.get_untracked(),
            off_until: Some(self.off_until.get_untracked()),
            skills: self.skills.get_untracked(),
        }
    }
}

#[component]
fn RosterRow(
    person: RosterEntry,
    update: ServerAction<UpdateTechnician>,
    editing: RwSignal<String>,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let loc = use_locale();
    let name = person.name.clone();
    let entry_label = loc.t_with("admin-roster-entry-for", &[("name", name.clone().into())]);
    let save_label = loc.t_with("admin-roster-save-person", &[("name", name.into())]);
    let teams = person.teams.join(", ");
    let load = loc.t_with(
        "admin-roster-open-load",
        &[("count", person.open_load.into()), ("teams", teams.into())],
    );
    let email = person.email.clone();
    let draft = RosterDraft::of(&person);
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
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        editing.set(email.clone());
        update.dispatch(UpdateTechnician {
            update: draft.update(email.clone()),
        });
    };
    view! {
        <li class="roster-row" class:away=!person.available>
            <form on:submit=save aria-label=entry_label>
                <p class="row spread">
                    <strong>{person.name.clone()}</strong>
                    <span class="muted">{load}</span>
                </p>
                <RosterFields draft key=person.email.replace(['@', '.'], "-") />
                <FieldMessage error=mine field="tier" />
                <FieldMessage error=mine field="capacity" />
                <FieldMessage error=mine field="availability" />
                <FieldMessage error=mine field="off_until" />
                <FieldMessage error=mine field="skills" />
                <button type="submit" class="primary small">
                    {save_label}
                </button>
            </form>
        </li>
    }
}

/// The inputs of one roster entry; `key` keeps their ids unique on the page.
#[component]
fn RosterFields(draft: RosterDraft, key: String) -> impl IntoView {
    let id = |f: &str| format!("{f}-{key}");
    let RosterDraft {
        tier,
        capacity,
        availability,
        off_until,
        skills,
    } = draft;
    view! {
        <div class="roster-grid">
            <label for=id("tier")>{t("admin-roster-tier")}</label>
            <select
                id=id("tier")
                prop:value=tier
                on:change=move |ev| tier.set(event_target_value(&ev))
            >
                <option value="1">{t("admin-roster-tier-1")}</option>
                <option value="2">{t("admin-roster-tier-2")}</option>
                <option value="3">{t("admin-roster-tier-3")}</option>
            </select>
            <label for=id("capacity")>{t("admin-roster-capacity")}</label>
            <input
                id=id("capacity")
                type="number"
                min="0"
                max="100"
                prop:value=capacity
                on:input=move |ev| capacity.set(event_target_value(&ev))
            />
            <label for=id("availability")>{t("admin-roster-availability")}</label>
            <select
                id=id("availability")
                prop:value=availability
                on:change=move |ev| availability.set(event_target_value(&ev))
            >
                <option value="on_duty">{t("availability-on-duty")}</option>
                <option value="away">{t("availability-away")}</option>
                <option value="off">{t("admin-roster-off-until-option")}</option>
            </select>
            <label for=id("off")>{t("admin-roster-off-until")}</label>
            <input
                id=id("off")
                type="date"
                prop:value=off_until
                on:input=move |ev| off_until.set(event_target_value(&ev))
            />
            <label for=id("skills")>{t("admin-roster-skills")}</label>
            <input
                id=id("skills")
                prop:value=skills
                on:input=move |ev| skills.set(event_target_value(&ev))
                placeholder="hardware:2, network:3"
            />
        </div>
    }
}
