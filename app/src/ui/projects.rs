//! Projects: the list with progress, and a project's page (progress, who works on what, upcoming
//! due dates, every ticket), where coordinators plan tasks. Project managers and watchers see the
//! projects they follow, and nothing else.

use super::widgets::{action_error, not_field, ErrorBox, FieldMessage, PriorityBadge, StatusChip};
use super::{may_open, Gate};
use crate::api::coordination::{
    get_project, list_projects, AddProjectWatcher, CreateProject, PlanTask,
};
use crate::domain::coordination::Progress;
use crate::domain::{Priority, Ticket};
use crate::i18n::Locale;
use crate::types::{ProjectPage as Page, ProjectSummary};
use crate::ui::{t, use_locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// Done / open / overdue as a bar and words.
#[component]
fn ProgressBar(progress: Progress) -> impl IntoView {
    let loc = use_locale();
    let percent = progress.percent();
    let done = loc.t_with("projects-percent-done", &[("percent", percent.into())]);
    view! {
        <div class="progress" role="img" aria-label=done.clone()>
            <span style=format!("width: {percent}%")></span>
        </div>
        <p class="progress-words">
            <strong>{done}</strong>
            {format!(
                " · {}",
                loc
                    .t_with(
                        "projects-done-open",
                        &[("done", progress.done.into()), ("open", progress.open.into())],
                    ),
            )}
            {(progress.overdue > 0)
                .then(|| {
                    view! {
                        " · "
                        <span class="overdue">
                            {loc
                                .t_with(
                                    "projects-overdue-count",
                                    &[("count", progress.overdue.into())],
                                )}
                        </span>
                    }
                })}
        </p>
    }
}

#[component]
pub fn ProjectsPage() -> impl IntoView {
    view! {
        <Title text=t("projects-title") />
        <Gate
            allowed=may_open::anyone_signed_in
            children=|user| view! { <ProjectsView coordinates=user.role.coordinates() /> }
        />
    }
}

#[component]
fn ProjectsView(coordinates: bool) -> impl IntoView {
    let create = ServerAction::<CreateProject>::new();
    let list = Resource::new(move || create.version().get(), |_| list_projects());
    let loc = use_locale();
    view! {
        <section class="panel wide">
            <h1>{t("projects-heading")}</h1>
            <p class="muted">{t("projects-lead")}</p>
            <Transition fallback=move || {
                view! { <p class="muted">{loc.t("projects-loading")}</p> }
            }>
                {move || Suspend::new(async move {
                    let projects = list.await.unwrap_or_default();
                    if projects.is_empty() {
                        return view! { <p class="empty">{loc.t("projects-none-yet")}</p> }
                            .into_any();
                    }
                    view! {
                        <ul class="project-list">
                            {projects
                                .into_iter()
                                .map(|s| view! { <ProjectCard summary=s /> })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                })}
            </Transition>
            {coordinates.then(|| view! { <NewProject create /> })}
            {move || {
                create
                    .value()
                    .get()
                    .and_then(|r| r.ok())
                    .map(|p| {
                        view! {
                            <p class="notice" role="status">
                                {loc.t("projects-created")}
                                " "
                                <a href=format!("/projects/{}", p.id)>{p.name}</a>
                            </p>
                        }
                    })
            }}
        </section>
    }
}

/// A project in the list: its dates, manager, next due task and progress.
#[component]
fn ProjectCard(summary: ProjectSummary) -> impl IntoView {
    let s = summary;
    let loc = use_locale();
    view! {
        <li class="project-card">
            <a href=format!("/projects/{}", s.project.id)>
                <strong>{s.project.name.clone()}</strong>
            </a>
            <p class="muted">
                {loc
                    .t_with(
                        "projects-card-facts",
                        &[
                            ("starts", loc.date(s.project.starts_on).into()),
                            ("ends", loc.date(s.project.ends_on).into()),
                            ("manager", s.project.manager.name.clone().into()),
                        ],
                    )}
                {s
                    .next_due
                    .map(|d| {
                        format!(
                            " · {}",
                            loc.t_with("projects-next-due", &[("date", loc.date(d).into())]),
                        )
                    })}
            </p>
            <ProgressBar progress=s.progress />
        </li>
    }
}

/// A coordinator starts a project: name, manager, dates and what it is about.
#[component]
fn NewProject(create: ServerAction<CreateProject>) -> impl IntoView {
    let error = action_error(create);
    view! {
        <details class="new-project" open=move || error.get().is_some()>
            <summary>{t("projects-new")}</summary>
            <ActionForm action=create attr:class="form">
                <ErrorBox error=not_field(error) />
                <label for="project-name">{t("projects-name")}</label>
                <input id="project-name" name="name" required />
                <FieldMessage error=error field="name" />
                <label for="project-manager">{t("projects-manager-email")}</label>
                <input id="project-manager" name="manager" type="email" required />
                <FieldMessage error=error field="manager" />
                <div class="two">
                    <div>
                        <label for="project-start">{t("projects-starts")}</label>
                        <input id="project-start" name="starts_on" type="date" required />
                        <FieldMessage error=error field="starts_on" />
                    </div>
                    <div>
                        <label for="project-end">{t("projects-ends")}</label>
                        <input id="project-end" name="ends_on" type="date" required />
                        <FieldMessage error=error field="ends_on" />
                    </div>
                </div>
                <label for="project-description">{t("projects-about")}</label>
                <textarea id="project-description" name="description" rows="3"></textarea>
                <FieldMessage error=error field="description" />
                <button type="submit" class="primary" disabled=move || create.pending().get()>
                    {t("projects-create")}
                </button>
            </ActionForm>
        </details>
    }
}

#[component]
pub fn ProjectPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let loc = use_locale();
    view! {
        <Gate
            allowed=may_open::anyone_signed_in
            children=move |_user| {
                let plan = ServerAction::<PlanTask>::new();
                let watch = ServerAction::<AddProjectWatcher>::new();
                let page = Resource::new(
                    move || (id(), plan.version().get(), watch.version().get()),
                    |(id, _, _)| get_project(id),
                );
                let (tick, set_tick) = signal(0u32);
                super::live::poll(
                    30_000,
                    120_000,
                    move || async move {
                        set_tick.update(|t| *t += 1);
                        (true, false)
                    },
                );
                Effect::new(move |prev: Option<u32>| {
                    let t = tick.get();
                    if prev.is_some_and(|p| p != t) {
                        page.refetch();
                    }
                    t
                });
                // Others change tickets meanwhile: the page reloads its figures every half minute.
                view! {
                    <Transition fallback=move || {
                        view! { <p class="muted">{loc.t("projects-loading")}</p> }
                    }>
                        {move || Suspend::new(async move {
                            match page.await {
                                Ok(p) => {
                                    view! { <ProjectView page=p plan=plan watch=watch /> }
                                        .into_any()
                                }
                                Err(_) => view! { <super::NotFound /> }.into_any(),
                            }
                        })}
                    </Transition>
                }
            }
        />
    }
}

fn due_words(t: &Ticket, today: chrono::NaiveDate, loc: &Locale) -> Option<String> {
    let due = t.due_on?;
    let date = loc.date(due);
    Some(if t.overdue(today) {
        loc.t_with("projects-overdue-since", &[("date", date.into())])
    } else if due == today {
        loc.t("projects-due-today")
    } else {
        loc.t_with("projects-due-on", &[("date", date.into())])
    })
}

#[component]
fn ProjectView(
    page: Page,
    plan: ServerAction<PlanTask>,
    watch: ServerAction<AddProjectWatcher>,
) -> impl IntoView {
    let p = page.project.clone();
    let today = page.today;
    let watch_error = action_error(watch);
    let loc = use_locale();
    view! {
        <Title text=format!("{} — Switchboard", p.name) />
        <article class="panel wide project">
            <header>
                <p class="num">
                    <a href="/projects">{loc.t("projects-heading")}</a>
                </p>
                <h1>{p.name.clone()}</h1>
                <p class="muted">
                    {loc
                        .t_with(
                            "projects-page-facts",
                            &[
                                ("starts", loc.date(p.starts_on).into()),
                                ("ends", loc.date(p.ends_on).into()),
                                ("manager", p.manager.name.clone().into()),
                            ],
                        )}
                </p>
                {(!p.description.is_empty())
                    .then(|| view! { <p class="body-text">{p.description.clone()}</p> })}
            </header>
            <section aria-labelledby="progress-h">
                <h2 id="progress-h">{loc.t("projects-progress")}</h2>
                <ProgressBar progress=page.progress />
            </section>
            <Workload page=page.clone() today=today />
            <ProjectTickets page=page.clone() today=today />
            {page.can_manage.then(|| view! { <PlanTaskForm page=page.clone() plan=plan /> })}
            <section aria-labelledby="followers-h">
                <h2 id="followers-h">{loc.t("projects-following")}</h2>
                <p>
                    {loc
                        .t_with(
                            "projects-following-manager",
                            &[("name", p.manager.name.clone().into())],
                        )} {p.watchers.iter().map(|w| format!(", {}", w.name)).collect::<String>()}
                </p>
                {page
                    .can_add_watchers
                    .then(|| {
                        view! {
                            <ActionForm action=watch attr:class="row">
                                <input type="hidden" name="id" value=p.id.to_string() />
                                <label for="project-watcher">
                                    {loc.t("projects-watcher-email")}
                                </label>
                                <input id="project-watcher" name="email" type="email" required />
                                <button type="submit">{loc.t("projects-add-watcher")}</button>
                                <FieldMessage error=watch_error field="email" />
                            </ActionForm>
                        }
                    })}
            </section>
        </article>
    }
    .into_any()
}

/// Who works on what in the project, and the next due dates.
#[component]
fn Workload(page: Page, today: chrono::NaiveDate) -> impl IntoView {
    let loc = use_locale();
    view! {
        <div class="project-grid">
            <section aria-labelledby="who-h">
                <h2 id="who-h">{loc.t("projects-who-works-on-what")}</h2>
                {page
                    .workload
                    .is_empty()
                    .then(|| view! { <p class="empty">{loc.t("projects-nothing-open")}</p> })}
                <ul class="workload">
                    {page
                        .workload
                        .iter()
                        .map(|w| {
                            view! {
                                <li>
                                    <strong>
                                        {w
                                            .person
                                            .as_ref()
                                            .map(|p| p.name.clone())
                                            .unwrap_or_else(|| loc.t("projects-not-yet-assigned"))}
                                    </strong>
                                    <ul>
                                        {w
                                            .tickets
                                            .iter()
                                            .map(|t| {
                                                view! {
                                                    <li>
                                                        <a href=format!(
                                                            "/tickets/{}",
                                                            t.number,
                                                        )>{t.number.to_string()}</a>
                                                        " "
                                                        {t.title.clone()}
                                                        " "
                                                        <StatusChip status=t.status />
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
            <section aria-labelledby="due-h">
                <h2 id="due-h">{loc.t("projects-upcoming-due")}</h2>
                {page
                    .upcoming
                    .is_empty()
                    .then(|| view! { <p class="empty">{loc.t("projects-no-due-dates")}</p> })}
                <ol class="upcoming">
                    {page
                        .upcoming
                        .iter()
                        .map(|t| {
                            view! {
                                <li class:overdue=t.overdue(today)>
                                    <time>{due_words(t, today, &loc)}</time>
                                    " "
                                    <a href=format!(
                                        "/tickets/{}",
                                        t.number,
                                    )>{t.number.to_string()}</a>
                                    " "
                                    {t.title.clone()}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </section>
        </div>
    }
    .into_any()
}

/// Every ticket and task of the project, with its state.
#[component]
fn ProjectTickets(page: Page, today: chrono::NaiveDate) -> impl IntoView {
    let loc = use_locale();
    view! {
        <section aria-labelledby="tickets-h">
            <h2 id="tickets-h">
                {loc
                    .t_with(
                        "projects-tickets-heading",
                        &[("count", (page.tickets.len() as i64).into())],
                    )}
            </h2>
            <div class="table-scroll">
                <table class="report-table project-tickets">
                    <thead>
                        <tr>
                            <th>{loc.t("projects-col-ticket")}</th>
                            <th>{loc.t("projects-col-status")}</th>
                            <th>{loc.t("projects-priority")}</th>
                            <th>{loc.t("projects-due")}</th>
                            <th>{loc.t("projects-col-assigned-to")}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {page
                            .tickets
                            .iter()
                            .map(|t| {
                                view! {
                                    <tr class:overdue=t.overdue(today)>
                                        <td>
                                            <a href=format!(
                                                "/tickets/{}",
                                                t.number,
                                            )>{t.number.to_string()}</a>
                                            " "
                                            {t.title.clone()}
                                        </td>
                                        <td>
                                            <StatusChip status=t.status />
                                        </td>
                                        <td>
                                            <PriorityBadge priority=t.priority />
                                        </td>
                                        <td>{due_words(t, today, &loc).unwrap_or_default()}</td>
                                        <td>
                                            {t
                                                .assignee
                                                .as_ref()
                                                .map(|a| a.name.clone())
                                                .unwrap_or_default()}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

/// The project manager's form to plan a new task.
#[component]
fn PlanTaskForm(page: Page, plan: ServerAction<PlanTask>) -> impl IntoView {
    let plan_error = action_error(plan);
    let id = page.project.id.to_string();
    let loc = use_locale();
    view! {
        <section aria-labelledby="plan-h">
            <h2 id="plan-h">{loc.t("projects-plan-task")}</h2>
            <ActionForm action=plan attr:class="form">
                <ErrorBox error=not_field(plan_error) />
                <input type="hidden" name="project" value=id.clone() />
                <label for="task-title">{loc.t("projects-task")}</label>
                <input id="task-title" name="title" required />
                <FieldMessage error=plan_error field="title" />
                <div class="two">
                    <div>
                        <label for="task-category">{loc.t("projects-category")}</label>
                        <select id="task-category" name="category">
                            {page
                                .categories
                                .iter()
                                .map(|c| {
                                    let name = crate::domain::category_words(&loc, &c.name);
                                    view! { <option value=c.slug.clone()>{name}</option> }
                                })
                                .collect_view()}
                        </select>
                        <FieldMessage error=plan_error field="category" />
                    </div>
                    <div>
                        <label for="task-due">{loc.t("projects-due")}</label>
                        <input id="task-due" name="due_on" type="date" required />
                        <FieldMessage error=plan_error field="due_on" />
                    </div>
                    <div>
                        <label for="task-priority">{loc.t("projects-priority")}</label>
                        <select id="task-priority" name="priority">
                            {Priority::ALL
                                .iter()
                                .map(|p| {
                                    view! {
                                        <option value=p.as_str() selected=*p == Priority::P3>
                                            {p.label(&loc)}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div>
                        <label for="task-assignee">{loc.t("projects-assignee-email")}</label>
                        <input id="task-assignee" name="assignee" type="email" />
                        <FieldMessage error=plan_error field="assignee" />
                    </div>
                </div>
                <label for="task-description">{loc.t("projects-details")}</label>
                <textarea id="task-description" name="description" rows="2"></textarea>
                <FieldMessage error=plan_error field="description" />
                <button type="submit" class="primary" disabled=move || plan.pending().get()>
                    {loc.t("projects-add-task")}
                </button>
            </ActionForm>
        </section>
    }
    .into_any()
}
