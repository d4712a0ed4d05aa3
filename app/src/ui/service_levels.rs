//! Service-level policies (admins): targets per priority, the calendar they count in, which
//! categories they cover and the escalation rules.

use super::widgets::{action_error, ErrorBox, FieldMessage};
use super::{may_open, Gate};
use crate::api::sla::{sla_policies, SaveSlaPolicy};
use crate::domain::sla::Target;
use crate::domain::Priority;
use crate::i18n::Arg;
use crate::types::PolicyForm;
use crate::ui::{t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ServiceLevelsPage() -> impl IntoView {
    view! {
        <Title text=t("sla-page-title") />
        <Gate allowed=may_open::admins children=|_| view! { <ServiceLevels /> } />
    }
}

#[component]
fn ServiceLevels() -> impl IntoView {
    let saved = RwSignal::new(0u32);
    let notice = RwSignal::new(None::<String>);
    let list = Resource::new(move || saved.get(), |_| sla_policies());
    view! {
        <section class="panel wide">
            <h1>{t("sla-page-heading")}</h1>
            <p class="lead">{t("sla-page-lead-clock")} " " {t("sla-page-lead-choice")}</p>
            {move || {
                notice
                    .get()
                    .map(|n| {
                        view! {
                            <div class="notice" role="status">
                                {n}
                            </div>
                        }
                    })
            }}
            <Transition fallback=|| {
                view! { <p class="muted">{t("sla-page-loading")}</p> }
            }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => {
                            view! { <p class="error-box">{e.message(&use_locale())}</p> }.into_any()
                        }
                        Ok(policies) => {
                            let blank = PolicyForm {
                                time_zone: "UTC".into(),
                                hours: "mon-fri 08:00-18:00".into(),
                                at_risk_percent: 75,
                                targets: policies
                                    .first()
                                    .map(|p| p.targets.clone())
                                    .unwrap_or_default(),
                                ..PolicyForm::default()
                            };
                            view! {
                                {policies
                                    .into_iter()
                                    .map(|p| {
                                        view! {
                                            <PolicyEditor policy=p saved=saved notice=notice />
                                        }
                                    })
                                    .collect_view()}
                                <details class="new-policy">
                                    <summary>{t("sla-page-add-policy")}</summary>
                                    <PolicyEditor policy=blank saved=saved notice=notice />
                                </details>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// One priority's row: first-response minutes, resolution minutes, around the clock.
type TargetInputs = (Priority, RwSignal<String>, RwSignal<String>, RwSignal<bool>);

/// What an admin is typing into one policy's form.
#[derive(Clone)]
struct PolicyDraft {
    id: Option<i64>,
    name: RwSignal<String>,
    categories: RwSignal<String>,
    teams: RwSignal<String>,
    time_zone: RwSignal<String>,
    hours: RwSignal<String>,
    holidays: RwSignal<String>,
    at_risk: RwSignal<String>,
    rules: RwSignal<String>,
    targets: Vec<TargetInputs>,
}

impl PolicyDraft {
    fn of(policy: &PolicyForm) -> Self {
        PolicyDraft {
            id: policy.id,
            name: RwSignal::new(policy.name.clone()),
            categories: RwSignal::new(policy.categories.clone()),
            teams: RwSignal::new(policy.teams.clone()),
            time_zone: RwSignal::new(policy.time_zone.clone()),
            hours: RwSignal::new(policy.hours.clone()),
            holidays: RwSignal::new(policy.holidays.clone()),
            at_risk: RwSignal::new(policy.at_risk_percent.to_string()),
            rules: RwSignal::new(policy.rules.clone()),
            targets: target_inputs(policy),
        }
    }

    /// The policy to send; numbers that do not parse are sent as 0 so the server names the field.
    fn form(&self) -> PolicyForm {
        let minutes = |s: RwSignal<String>| s.get_untracked().trim().parse::<i64>().unwrap_or(0);
        PolicyForm {
            id: self.id,
            name: self.name.get_untracked(),
            categories: self.categories.get_untracked(),
            teams: self.teams.get_untracked(),
            time_zone: self.time_zone.get_untracked(),
            hours: self.hours.get_untracked(),
            holidays: self.holidays.get_untracked(),
            targets: self
                .targets
                .iter()
                .map(|(_, r, s, a)| Target {
                    response_minutes: minutes(*r),
                    resolution_minutes: minutes(*s),
                    around_the_clock: a.get_untracked(),
                })
                .collect(),
            at_risk_percent: self.at_risk.get_untracked().trim().parse().unwrap_or(0),
            rules: self.rules.get_untracked(),
        }
    }
}

#[component]
fn PolicyEditor(
    policy: PolicyForm,
    saved: RwSignal<u32>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let loc = use_locale();
    let save = ServerAction::<SaveSlaPolicy>::new();
    let error = action_error(save);
    Effect::new(move |_| {
        if let Some(Ok(p)) = save.value().get() {
            notice.set(Some(
                loc.t_with("sla-page-saved", &[("name", p.name.into())]),
            ));
            saved.update(|n| *n += 1);
        }
    });
    let key = policy.id.map_or("new".to_string(), |id| id.to_string());
    let draft = PolicyDraft::of(&policy);
    let rows = draft.targets.clone();
    let rules = draft.rules;
    let fields = draft.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveSlaPolicy {
            policy: draft.form(),
        });
    };
    let title = if policy.name.is_empty() {
        t("sla-page-new-policy")
    } else {
        policy.name.clone()
    };
    view! {
        <form class="form policy" on:submit=submit>
            <h2>{title}</h2>
            <ErrorBox error=Signal::derive(move || {
                error.get().filter(|e| !matches!(e, crate::error::AppError::Validation(_)))
            }) />
            <PolicyFields draft=fields key=key.clone() error />
            <TargetsTable rows=rows />
            <FieldMessage error=error field="targets" />
            <label for=format!("rules-{key}")>{t("sla-page-rules")}</label>
            <textarea
                id=format!("rules-{key}")
                rows="4"
                bind:value=rules
                placeholder="75% resolution: notify assignee"
            ></textarea>
            <p class="hint">{t("sla-page-rules-hint")}</p>
            <FieldMessage error=error field="rules" />
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {t("sla-page-save")}
            </button>
        </form>
    }
}

/// What a policy applies to and when its clocks run; `key` keeps the ids unique on the page.
#[component]
fn PolicyFields(
    draft: PolicyDraft,
    key: String,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let field = move |f: &str| format!("{f}-{key}");
    let PolicyDraft {
        name,
        categories,
        teams,
        time_zone,
        hours,
        holidays,
        at_risk,
        ..
    } = draft;
    view! {
        <div class="grid-2">
            <div>
                <label for=field("name")>{t("sla-page-name")}</label>
                <input id=field("name") bind:value=name required />
                <FieldMessage error=error field="name" />
            </div>
            <div>
                <label for=field("categories")>{t("sla-page-categories")}</label>
                <input
                    id=field("categories")
                    bind:value=categories
                    placeholder="network, hardware"
                />
                <FieldMessage error=error field="categories" />
            </div>
            <div>
                <label for=field("teams")>{t("sla-page-teams")}</label>
                <input
                    id=field("teams")
                    bind:value=teams
                    placeholder=t("sla-page-teams-placeholder")
                />
                <FieldMessage error=error field="teams" />
            </div>
            <div>
                <label for=field("tz")>{t("sla-page-time-zone")}</label>
                <input id=field("tz") bind:value=time_zone placeholder="Europe/Paris" />
                <FieldMessage error=error field="time_zone" />
            </div>
            <div>
                <label for=field("hours")>{t("sla-page-hours")}</label>
                <input
                    id=field("hours")
                    bind:value=hours
                    placeholder="mon-fri 08:00-12:00, 13:00-17:00"
                />
                <FieldMessage error=error field="hours" />
            </div>
            <div>
                <label for=field("holidays")>{t("sla-page-holidays")}</label>
                <input
                    id=field("holidays")
                    bind:value=holidays
                    placeholder="2026-12-25 2027-01-01"
                />
                <FieldMessage error=error field="holidays" />
            </div>
            <div>
                <label for=field("risk")>{t("sla-page-at-risk")}</label>
                <input id=field("risk") type="number" min="1" max="100" bind:value=at_risk />
                <FieldMessage error=error field="at_risk_percent" />
            </div>
        </div>
    }
}

/// The editable targets of a policy, one row per priority (a missing one starts at 1 h / 8 h).
fn target_inputs(policy: &PolicyForm) -> Vec<TargetInputs> {
    Priority::ALL
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let t = policy.targets.get(i).copied().unwrap_or(Target {
                response_minutes: 60,
                resolution_minutes: 480,
                around_the_clock: false,
            });
            (
                *p,
                RwSignal::new(t.response_minutes.to_string()),
                RwSignal::new(t.resolution_minutes.to_string()),
                RwSignal::new(t.around_the_clock),
            )
        })
        .collect()
}

/// The targets of each priority, in minutes of working time.
#[component]
fn TargetsTable(rows: Vec<TargetInputs>) -> impl IntoView {
    view! {
        <table class="targets">
            <caption>{t("sla-page-targets-caption")}</caption>
            <thead>
                <tr>
                    <th scope="col">{t("sla-page-priority")}</th>
                    <th scope="col">{t("sla-page-first-response")}</th>
                    <th scope="col">{t("sla-page-resolution")}</th>
                    <th scope="col">{t("sla-page-around-the-clock")}</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(p, r, s, a)| {
                        let loc = use_locale();
                        let label = p.label(&loc);
                        let code: Arg = ("priority", p.to_string().into());
                        let response_label = loc
                            .t_with("sla-page-response-minutes", std::slice::from_ref(&code));
                        let resolution_label = loc
                            .t_with("sla-page-resolution-minutes", std::slice::from_ref(&code));
                        let clock_label = loc.t_with("sla-page-around-the-clock-label", &[code]);
                        view! {
                            <tr>
                                <th scope="row">{label}</th>
                                <td>
                                    <input
                                        type="number"
                                        min="1"
                                        aria-label=response_label
                                        bind:value=r
                                    />
                                </td>
                                <td>
                                    <input
                                        type="number"
                                        min="1"
                                        aria-label=resolution_label
                                        bind:value=s
                                    />
                                </td>
                                <td>
                                    <input type="checkbox" aria-label=clock_label bind:checked=a />
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
