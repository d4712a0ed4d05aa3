//! The requester's surface: file a request, list one's requests, follow a ticket. The ticket page
//! is shared with staff, who see internal notes and more actions.

use super::widgets::{
    action_error, age, expectation, when, ErrorBox, FieldMessage, PriorityBadge, SlaBadge,
    StatusChip, TicketLine,
};
use super::Gate;
use crate::api::board::suggest_assignees;
use crate::api::tickets::{
    categories, create_tracking_link, get_ticket_detail, my_requests, request_draft,
    revoke_tracking_link, similar_tickets, ticket_version, tracked_ticket, AddNote, AddWatcher,
    ChangeTicket, Decide, FileRequest, RateTicket,
};
use crate::domain::{ActionKind, Impact, NoteVisibility, Role, Ticket, Urgency};
use crate::types::{TicketChange, TicketDetail};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeMap;

#[component]
pub fn MyRequests() -> impl IntoView {
    view! {
        <Title text="My requests — Switchboard" />
        <Gate allowed=|_| true children=|user| {
            let tickets = Resource::new(|| (), |_| my_requests());
            view! {
                <section class="panel">
                    <div class="row spread">
                        <h1>"My requests"</h1>
                        <a class="button primary" href="/requests/new">"Report a problem"</a>
                    </div>
                    <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
                        {move || Suspend::new(async move {
                            match tickets.await {
                                Ok(list) if list.is_empty() => view! {
                                    <p class="empty">"You have no requests yet."</p>
                                }.into_any(),
                                Ok(list) => view! {
                                    <ul class="ticket-list">
                                        {list.into_iter().map(|t| view! { <TicketLine ticket=t /> }).collect_view()}
                                    </ul>
                                }.into_any(),
                                Err(e) => view! { <p class="error-box">{e.to_string()}</p> }.into_any(),
                            }
                        })}
                    </Transition>
                </section>
                {(!user.role.coordinates()).then(|| view! { <FollowedProjects /> })}
            }
        } />
    }
}

/// Projects someone outside IT manages or watches (shown only when there are some).
#[component]
fn FollowedProjects() -> impl IntoView {
    let projects = Resource::new(|| (), |_| crate::api::coordination::list_projects());
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                let list = projects.await.unwrap_or_default();
                (!list.is_empty()).then(|| view! {
                    <section class="panel">
                        <h2>"Projects you follow"</h2>
                        <ul class="ticket-list">
                            {list.into_iter().map(|s| view! {
                                <li class="ticket-line">
                                    <a href=format!("/projects/{}", s.project.id)><strong>{s.project.name.clone()}</strong></a>
                                    <span class="muted">{format!(" · {}% done · {} open", s.progress.percent(), s.progress.open)}
                                        {(s.progress.overdue > 0).then(|| format!(" · {} overdue", s.progress.overdue))}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Transition>
    }
}

#[component]
pub fn NewRequest() -> impl IntoView {
    view! {
        <Title text="Report a problem — Switchboard" />
        <Gate allowed=|_| true children=|user| view! { <DraftedForm staff=user.role.is_staff() /> } />
    }
}

#[component]
fn DraftedForm(staff: bool) -> impl IntoView {
    // Sent back here without JavaScript after a refusal: show what was typed again.
    let refused = use_query_map().read_untracked().get("__err").is_some();
    let draft = Resource::new(
        || (),
        move |_| async move {
            if refused {
                request_draft().await.unwrap_or_default()
            } else {
                BTreeMap::new()
            }
        },
    );
    // Both loaded before the form renders: a Suspense inside the form (which is already inside
    // this one and the page's) hydrated against a different tree and left the page dead.
    let cats = Resource::new(|| (), |_| categories());
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let draft = draft.await;
                let list = cats.await.unwrap_or_default();
                view! { <RequestForm staff=staff draft=draft list=list /> }
            })}
        </Suspense>
    }
}

#[component]
fn RequestForm(
    staff: bool,
    draft: BTreeMap<String, String>,
    list: Vec<crate::domain::Category>,
) -> impl IntoView {
    let draft = StoredValue::new(draft);
    let typed = move |k: &str| draft.with_value(|d| d.get(k).cloned().unwrap_or_default());
    let action = ServerAction::<FileRequest>::new();
    let error = action_error(action);
    let query = use_query_map();
    let (category, set_category) = signal(
        Some(typed("category"))
            .filter(|c| !c.is_empty())
            .or_else(|| query.read_untracked().get("category"))
            .unwrap_or_else(|| "hardware".into()),
    );
    let (title, set_title) = signal(typed("title"));
    let (impact, urgency) = (typed("impact"), typed("urgency"));
    // Asked in the browser as the title is typed; the server renders none.
    let similar = RwSignal::new(Vec::<Ticket>::new());
    Effect::new(move |_| {
        let typed_title = title.get();
        leptos::task::spawn_local(async move {
            let found = if typed_title.trim().chars().count() < 4 {
                Vec::new()
            } else {
                similar_tickets(typed_title.clone())
                    .await
                    .unwrap_or_default()
            };
            // An answer to an older title is dropped.
            if title.get_untracked() == typed_title {
                similar.set(found);
            }
        });
    });
    view! {
        <section class="panel form-page">
            <h1>{if staff { "File a request" } else { "Report a problem" }}</h1>
            <p class="lead">"Tell us what happened; we ask only for what the technician needs."</p>
            <ActionForm action=action attr:class="form" attr:novalidate="">
                {staff.then(|| view! {
                    <fieldset class="group">
                        <legend>"On behalf of (phone or walk-in)"</legend>
                        <label for="requester_email">"Requester's email (leave empty for yourself)"</label>
                        <input id="requester_email" name="requester_email" type="email" value=typed("requester_email") />
                        <FieldMessage error=error field="requester_email" />
                        <label for="requester_name">"Requester's name"</label>
                        <input id="requester_name" name="requester_name" maxlength="120" value=typed("requester_name") />
                        <FieldMessage error=error field="requester_name" />
                        <label for="channel">"How did it come in?"</label>
                        <select id="channel" name="channel">
                            <option value="phone">"Phone"</option>
                            <option value="walk_in">"Walk-in"</option>
                            <option value="email">"Email"</option>
                            <option value="portal">"Portal"</option>
                        </select>
                    </fieldset>
                })}
                <label for="category">"What is it about?" <span class="req">"required"</span></label>
                {
                        let current = category.get_untracked();
                        // Without JavaScript, CSS shows the chosen category's questions.
                        let css = list
                            .iter()
                            .map(|c| format!(
                                "form:has(#category option[value=\"{0}\"]:checked) .category-fields[data-category=\"{0}\"] {{ display: block; }}",
                                c.slug
                            ))
                            .collect::<Vec<_>>()
                            .join("\n");
                        let fieldsets = list.iter().map(|c| {
                            let slug = c.slug.clone();
                            view! {
                                <fieldset class="group category-fields" data-category=slug.clone()
                                    class:shown={let slug = slug.clone(); move || category.get() == slug}>
                                    <legend>{format!("{} details", c.name)}</legend>
                                    {if c.fields.is_empty() { Some(view! { <p class="muted">"Nothing more to add."</p> }) } else { None }}
                                    {c.fields.iter().map(|f| {
                                        let id = format!("f-{}-{}", slug, f.key);
                                        let name = format!("fields[{}__{}]", slug, f.key);
                                        let value = typed(&name);
                                        let err_key = format!("fields.{}", f.key);
                                        view! {
                                            <label for=id.clone()>{f.label.clone()} {f.required.then(|| view! { <span class="req">"required"</span> })}</label>
                                            <input id=id name=name value=value placeholder=f.hint.clone().unwrap_or_default() />
                                            {
                                                let slug = slug.clone();
                                                move || (category.get() == slug).then(|| view! { <FieldMessage error=error field=err_key.clone() /> })
                                            }
                                        }
                                    }).collect_view()}
                                </fieldset>
                            }
                        }).collect_view();
                        view! {
                            <select id="category" name="category" on:change=move |ev| set_category.set(event_target_value(&ev))>
                                {list.iter().map(|c| view! {
                                    <option value=c.slug.clone() selected=c.slug == current>{c.name.clone()}</option>
                                }).collect_view()}
                            </select>
                            <FieldMessage error=error field="category" />
                            <style>{css}</style>
                            {fieldsets}
                        }
                }
                <label for="title">"In one line, what is wrong?" <span class="req">"required"</span></label>
                <input id="title" name="title" maxlength="200" required value=typed("title")
                    on:input=move |ev| set_title.set(event_target_value(&ev)) />
                <FieldMessage error=error field="title" />
                {move || {
                        let list = similar.get();
                        (!list.is_empty()).then(|| view! {
                            <div class="similar" role="status">
                                <p><strong>"Is it one of these?"</strong> " You can follow an open request instead of filing a new one."</p>
                                <ul>
                                    {list.into_iter().map(|t| view! {
                                        <li><a href=format!("/tickets/{}", t.number)>{t.number.to_string()} " — " {t.title.clone()}</a> " (" {t.status_words()} ")"</li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        })
                    }}
                <label for="description">"What happened? What did you try?" <span class="req">"required"</span></label>
                <textarea id="description" name="description" rows="5" required>{typed("description")}</textarea>
                <FieldMessage error=error field="description" />
                <fieldset class="group choice">
                    <legend>"Who is affected?" <span class="req">"required"</span></legend>
                    {Impact::ALL.iter().map(|i| view! {
                        <label class="radio"><input type="radio" name="impact" value=i.as_str() checked=if impact.is_empty() { *i == Impact::Low } else { i.as_str() == impact } /> {i.label()}</label>
                    }).collect_view()}
                </fieldset>
                <FieldMessage error=error field="impact" />
                <fieldset class="group choice">
                    <legend>"How badly does it stop your work?" <span class="req">"required"</span></legend>
                    {Urgency::ALL.iter().map(|u| view! {
                        <label class="radio"><input type="radio" name="urgency" value=u.as_str() checked=if urgency.is_empty() { *u == Urgency::Medium } else { u.as_str() == urgency } /> {u.label()}</label>
                    }).collect_view()}
                </fieldset>
                <FieldMessage error=error field="urgency" />
                <label for="location">"Where are you? (building, room)"</label>
                <input id="location" name="location" autocomplete="off" value=typed("location") />
                <FieldMessage error=error field="location" />
                <label for="contact">"How can we reach you? (phone, desk)"</label>
                <input id="contact" name="contact" autocomplete="tel" value=typed("contact") />
                <FieldMessage error=error field="contact" />
                <ErrorBox error=Signal::derive(move || error.get().filter(|e| !matches!(e, crate::error::AppError::Validation(_)))) />
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Sending…" } else { "Send request" }}
                </button>
            </ActionForm>
        </section>
    }
}

/// State of the ticket page that must outlive a refresh of the ticket: the actions in flight,
/// their errors, and whatever the user is typing.
#[derive(Clone, Copy)]
struct TicketUi {
    change: ServerAction<ChangeTicket>,
    add: ServerAction<AddNote>,
    watch: ServerAction<AddWatcher>,
    decide: ServerAction<Decide>,
    rate: ServerAction<RateTicket>,
    /// The specialist a technician hands an escalation to (empty: the coordinator decides).
    escalate_to: RwSignal<String>,
    /// Minutes spent, logged with a resolution.
    minutes: RwSignal<String>,
    text: RwSignal<String>,
    assignee: RwSignal<String>,
    note: RwSignal<String>,
    key: RwSignal<String>,
    /// Bumped when something beside the ticket (links, work orders, project) changed.
    reload: RwSignal<u32>,
    /// Resolve the parent's open children with the same solution.
    resolve_children: RwSignal<bool>,
}

#[component]
pub fn TicketPage() -> impl IntoView {
    let params = use_params_map();
    let number = Signal::derive(move || params.read().get("number").unwrap_or_default());
    view! { <Gate allowed=|_| true children=move |_user| view! { <TicketPanel number=number /> } /> }
}

/// A live ticket: its page, or the board's drawer. Reloads when someone else changes it.
#[component]
pub fn TicketPanel(#[prop(into)] number: Signal<String>) -> impl IntoView {
    let number = move || number.get();
    let (tick, set_tick) = signal(0u32);
    let reload = RwSignal::new(0u32);
    let detail = Resource::new(
        move || (number(), tick.get(), reload.get()),
        |(n, _, _)| get_ticket_detail(n),
    );
    let ui = TicketUi {
        change: ServerAction::<ChangeTicket>::new(),
        add: ServerAction::<AddNote>::new(),
        watch: ServerAction::<AddWatcher>::new(),
        decide: ServerAction::<Decide>::new(),
        rate: ServerAction::<RateTicket>::new(),
        escalate_to: RwSignal::new(String::new()),
        minutes: RwSignal::new(String::new()),
        text: RwSignal::new(String::new()),
        assignee: RwSignal::new(String::new()),
        note: RwSignal::new(String::new()),
        key: RwSignal::new(new_key()),
        reload,
        resolve_children: RwSignal::new(true),
    };
    Effect::new(move |_| {
        if let Some(Ok(_)) = ui.change.value().get() {
            ui.text.set(String::new());
            ui.assignee.set(String::new());
            set_tick.update(|t| *t += 1);
        }
    });
    Effect::new(move |_| {
        let done = matches!(ui.watch.value().get(), Some(Ok(_)))
            | matches!(ui.decide.value().get(), Some(Ok(_)))
            | matches!(ui.rate.value().get(), Some(Ok(_)));
        if done {
            set_tick.update(|t| *t += 1);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = ui.add.value().get() {
            ui.note.set(String::new());
            ui.key.set(new_key());
            super::live::forget_draft(&note_draft_key(&number()));
            set_tick.update(|t| *t += 1);
        }
    });
    // A note typed before a reload, a lost connection or a failed send comes back.
    Effect::new(move |_| {
        if let Some(saved) = super::live::load_draft(&note_draft_key(&number())) {
            if ui.note.get_untracked().is_empty() {
                ui.note.set(saved);
            }
        }
    });
    // Poll the version only; reload the ticket when someone changed it.
    super::live::poll(3000, 30_000, move || async move {
        let Some(seen) = detail
            .get_untracked()
            .and_then(|d| d.ok())
            .map(|d| d.ticket.version)
        else {
            // Nothing shown ("not found", or not loaded yet): nothing to keep current.
            return (true, false);
        };
        match ticket_version(number()).await {
            Ok(v) => {
                if seen != v {
                    set_tick.update(|t| *t += 1);
                }
                (true, false)
            }
            Err(_) => (false, false),
        }
    });
    view! {
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! { <TicketView detail=d ui=ui /> }.into_any(),
                    Err(_) => view! { <super::NotFound /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A ticket's public side for whoever holds its private link; no account needed.
#[component]
pub fn TrackPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let (tick, set_tick) = signal(0u32);
    let detail = Resource::new(move || (token(), tick.get()), |(t, _)| tracked_ticket(t));
    let ui = TicketUi {
        change: ServerAction::<ChangeTicket>::new(),
        add: ServerAction::<AddNote>::new(),
        watch: ServerAction::<AddWatcher>::new(),
        decide: ServerAction::<Decide>::new(),
        rate: ServerAction::<RateTicket>::new(),
        escalate_to: RwSignal::new(String::new()),
        minutes: RwSignal::new(String::new()),
        text: RwSignal::new(String::new()),
        assignee: RwSignal::new(String::new()),
        note: RwSignal::new(String::new()),
        key: RwSignal::new(String::new()),
        reload: RwSignal::new(0),
        resolve_children: RwSignal::new(false),
    };
    super::live::poll(10_000, 60_000, move || async move {
        set_tick.update(|t| *t += 1);
        (true, false)
    });
    view! {
        <Title text="Your request — Switchboard" />
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match detail.await {
                    Ok(d) => view! {
                        <p class="tracking-note">"You are following this request through a private link. Keep it to yourself."</p>
                        <TicketView detail=d ui=ui />
                    }.into_any(),
                    Err(_) => view! { <super::NotFound /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TicketView(detail: TicketDetail, ui: TicketUi) -> impl IntoView {
    let t = detail.ticket.clone();
    let query = use_query_map();
    let filed = query.read_untracked().get("filed").is_some();
    // Arriving from a merged duplicate's number (the redirect names it).
    let merged_notice = detail.merged_from.or_else(|| {
        query
            .read_untracked()
            .get("merged")
            .and_then(|n| crate::domain::TicketNumber::parse(&n))
    });
    let staff = detail.staff_view;
    let number = t.number.to_string();
    let version = t.version;
    let change = ui.change;
    let change_error = action_error(change);
    let requester_view = detail.viewer_role == Role::Requester;
    let fields: Vec<(String, String)> = t
        .fields
        .iter()
        .filter(|(k, _)| !(k.as_str() == "asset_tag" && t.asset_tag.is_some()))
        .map(|(k, v)| {
            (
                k.replace('_', " "),
                v.as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    // A merged duplicate's page moves to the survivor's address (the server redirects a fresh
    // load; this covers navigation inside the app).
    if let Some(from) = detail.merged_from {
        let to = format!("/tickets/{}?merged={from}", t.number);
        let navigate = leptos_router::hooks::use_navigate();
        let path = leptos_router::hooks::use_location().pathname;
        Effect::new(move |_| {
            if path.get_untracked().starts_with("/tickets/") {
                navigate(
                    &to,
                    leptos_router::NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
            }
        });
    }
    view! {
        <Title text=format!("{} {} — Switchboard", t.number, t.title) />
        <article class="ticket panel">
            {filed.then(|| view! {
                <div class="notice" role="status">
                    "Request " <strong>{t.number.to_string()}</strong> " received. We will keep you informed here."
                </div>
            })}
            {merged_notice.map(|from| view! {
                <div class="notice" role="status">
                    <strong>{from.to_string()}</strong> " was merged into this request, which it duplicated. Follow it here."
                </div>
            })}
            <TicketHead ticket=t.clone() requester_view=requester_view />
            <Facts ticket=t.clone() staff=staff requester_view=requester_view fields=fields />
            <section>
                <h2>"Description"</h2>
                <p class="body-text">{t.description.clone()}</p>
            </section>
            {t.resolution.clone().filter(|_| matches!(t.status, crate::domain::Status::Resolved | crate::domain::Status::Closed)).map(|r| view! {
                <section class="resolution">
                    <h2>"Solution"</h2>
                    <p class="body-text">{r}</p>
                </section>
            })}
            <Actions detail=detail.clone() number=number.clone() version=version ui=ui />
            <ErrorBox error=Signal::derive(move || {
                change_error.get().filter(|e| !matches!(e, crate::error::AppError::Validation(_)))
            }) />
            <Notes detail=detail.clone() number=number.clone() ui=ui />
            <RatingPanel detail=detail.clone() number=number.clone() ui=ui />
            <Watchers detail=detail.clone() number=number.clone() ui=ui />
            {staff.then(|| view! { <super::coordination::TicketCoordination extras=detail.extras.clone() number=number.clone() project=t.project.as_ref().map(|p| p.id) due_on=t.due_on reload=ui.reload /> })}
            <TrackingLinks detail=detail.clone() number=number.clone() />
            <History events=detail.events.clone() staff=staff />
        </article>
    }
    .into_any()
}

/// The ticket's number, title, status line and what the requester may expect.
#[component]
fn TicketHead(ticket: Ticket, requester_view: bool) -> impl IntoView {
    let t = ticket;
    view! {
        <header class="ticket-head">
            <p class="num">{t.number.to_string()}</p>
            <h1>{t.title.clone()}</h1>
            <p class="status-line">
                <StatusChip status=t.status />
                <strong class="status-words">{t.status_words()}</strong>
                <PriorityBadge priority=t.priority />
                {t.escalated.then(|| view! { <span class="flag">"Escalated"</span> })}
                {t.reopened.then(|| view! { <span class="flag">"Reopened"</span> })}
                {(!requester_view).then(|| view! { <SlaBadge sla=t.sla.clone() /> })}
            </p>
            {t.sla.as_ref().and_then(expectation).map(|words| view! { <p class="expectation">{words}</p> })}
        </header>
    }
    .into_any()
}

/// The ticket's facts: category, people, place, device, answers and dates.
#[component]
fn Facts(
    ticket: Ticket,
    staff: bool,
    requester_view: bool,
    fields: Vec<(String, String)>,
) -> impl IntoView {
    let t = ticket;
    view! {
        <dl class="facts">
            <dt>"Category"</dt><dd>{t.category.clone()}</dd>
            <dt>"Requester"</dt><dd>{t.requester.name.clone()} {staff.then(|| view! { " · " <a href=format!("mailto:{}", t.requester.email)>{t.requester.email.clone()}</a> })}</dd>
            <dt>"Assigned to"</dt><dd>{t.assignee.as_ref().map(|a| if requester_view { a.first_name().to_string() } else { a.name.clone() }).unwrap_or_else(|| "Not yet assigned".into())}</dd>
            {t.location.clone().map(|l| view! { <dt>"Location"</dt><dd>{l}</dd> })}
            {t.asset_tag.clone().map(|a| view! { <dt>"Asset"</dt><dd>{a}</dd> })}
            {t.contact.clone().map(|c| {
                let tel = phone_link(&c);
                view! {
                    <dt>"Contact"</dt>
                    <dd>
                        {c}
                        {tel.map(|href| view! { " " <a class="button small call" href=href>"Call"</a> })}
                    </dd>
                }
            })}
            {fields.into_iter().map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
            {t.project.clone().map(|p| view! { <dt>"Project"</dt><dd><a href=format!("/projects/{}", p.id)>{p.name}</a></dd> })}
            {t.due_on.map(|d| view! { <dt>"Due"</dt><dd>{d.to_string()}</dd> })}
            {t.merged_into.map(|n| view! { <dt>"Merged into"</dt><dd><a href=format!("/tickets/{n}")>{n.to_string()}</a></dd> })}
            <dt>"Filed"</dt><dd>{when(t.created_at)}</dd>
        </dl>
    }
    .into_any()
}

/// The ticket's timeline, newest first; staff see who and the details.
#[component]
fn History(events: Vec<crate::domain::Event>, staff: bool) -> impl IntoView {
    view! {
        <section>
            <h2>"History"</h2>
            <ol class="timeline">
                {events.iter().rev().map(|e| {
                    let words = e.public_words();
                    let who = e.actor.as_ref().map(|a| a.name.clone()).unwrap_or_default();
                    let extra = if staff { e.detail.clone().filter(|_| e.kind != crate::domain::EventKind::Note) } else { None };
                    view! {
                        <li class:internal=e.internal>
                            <time>{when(e.at)}</time>
                            <span>{words}</span>
                            {staff.then(|| view! { <span class="muted">" — " {who}</span> })}
                            {extra.map(|x| view! { <span class="muted detail">" (" {x} ")"</span> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

/// The next actions the lifecycle allows for this caller, as big buttons.
#[component]
fn Actions(detail: TicketDetail, number: String, version: i64, ui: TicketUi) -> impl IntoView {
    let requester_view = detail.viewer_role == Role::Requester;
    let change = ui.change;
    let error = action_error(change);
    let (text, assignee) = (ui.text, ui.assignee);
    let actions = detail.actions.clone();
    let needs_text = actions.iter().any(|a| {
        matches!(
            a,
            ActionKind::Resolve | ActionKind::Escalate | ActionKind::Reopen
        )
    });
    let can_assign = actions.contains(&ActionKind::Assign) && detail.viewer_role.coordinates();
    let open_children = detail.extras.links.open_children();
    let buttons = actions
        .iter()
        .copied()
        .filter(|a| *a != ActionKind::Assign || !detail.viewer_role.coordinates())
        .map(|kind| {
            let number = number.clone();
            let label = match (kind, requester_view) {
                (ActionKind::Close, true) => "Accept the solution",
                (ActionKind::Reopen, true) => "It is not fixed",
                (ActionKind::Assign, false) => "Take it",
                _ => kind.label(),
            };
            let primary = matches!(kind, ActionKind::Start | ActionKind::Resolve | ActionKind::Close | ActionKind::Resume);
            view! {
                <button type="button" class:primary=primary
                    disabled=move || change.pending().get()
                    on:click=move |_| {
                        let to = ui.escalate_to.get_untracked();
                        let assignee = (kind == ActionKind::Escalate && !to.is_empty()).then_some(to);
                        let minutes = if kind == ActionKind::Resolve { ui.minutes.get_untracked().trim().parse().ok() } else { None };
                        let resolve_children = kind == ActionKind::Resolve && open_children > 0 && ui.resolve_children.get_untracked();
                        let change_req = TicketChange { action: Some(kind), text: Some(text.get_untracked()), reason: Some(text.get_untracked()), assignee, minutes, resolve_children, ..TicketChange::default() };
                        change.dispatch(ChangeTicket { number: number.clone(), version, change: change_req });
                    }>
                    {label}
                </button>
            }
        })
        .collect_view();
    if requester_view {
        return (!actions.is_empty()).then(|| {
            view! { <Decision actions=actions.clone() number=number.clone() version=version ui=ui /> }
                .into_any()
        });
    }
    (!actions.is_empty()).then(|| view! {
        <section class="actions-panel">
            <h2>"Next step"</h2>
            {needs_text.then(|| view! {
                <label for="action-text">{if requester_view { "What is still wrong? (needed to reopen)" } else { "Resolution notes or reason (needed to resolve, reopen or escalate)" }}</label>
                <textarea id="action-text" rows="3" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                <FieldMessage error=error field="resolution" />
                <FieldMessage error=error field="reason" />
            })}
            {actions.contains(&ActionKind::Resolve).then(|| view! {
                <label for="resolve-minutes">"Minutes spent (logged when you resolve)"</label>
                <input id="resolve-minutes" type="number" min="0" max="1440" inputmode="numeric" class="short" prop:value=ui.minutes on:input=move |ev| ui.minutes.set(event_target_value(&ev)) />
                <FieldMessage error=error field="minutes" />
            })}
            {(actions.contains(&ActionKind::Resolve) && open_children > 0).then(|| view! {
                <label class="check">
                    <input type="checkbox" prop:checked=ui.resolve_children on:change=move |ev| ui.resolve_children.set(event_target_checked(&ev)) />
                    {format!("Also resolve its {open_children} open child ticket{} with this solution (each requester is told)", if open_children == 1 { "" } else { "s" })}
                </label>
            })}
            {actions.contains(&ActionKind::Escalate).then(|| view! { <EscalateTo number=number.clone() to=ui.escalate_to /> })}
            <div class="button-row">{buttons}</div>
            {(!can_assign).then(|| view! { <FieldMessage error=error field="assignee" /> })}
            {can_assign.then(|| {
                let number = number.clone();
                view! {
                    <div class="assign">
                        <label for="assignee">"Assign to (email)"</label>
                        <input id="assignee" type="email" prop:value=assignee on:input=move |ev| assignee.set(event_target_value(&ev)) />
                        <button type="button" on:click=move |_| {
                            let change_req = TicketChange { action: Some(ActionKind::Assign), assignee: Some(assignee.get_untracked()), ..TicketChange::default() };
                            change.dispatch(ChangeTicket { number: number.clone(), version, change: change_req });
                        }>"Assign"</button>
                        <FieldMessage error=error field="assignee" />
                    </div>
                }
            })}
        </section>
    }.into_any())
}

/// Who could take an escalation: higher-tier technicians ranked for this ticket, with the reasons.
#[component]
fn EscalateTo(number: String, to: RwSignal<String>) -> impl IntoView {
    // Loaded by the browser after the page is up, so the server-rendered page stays the same.
    let options = RwSignal::new(Vec::<crate::types::Suggestion>::new());
    Effect::new(move |_| {
        let number = number.clone();
        leptos::task::spawn_local(async move {
            if let Ok(list) = suggest_assignees(number, true).await {
                options.set(list);
            }
        });
    });
    view! {
        <label for="escalate-to">"If you escalate, hand it to"</label>
        <select id="escalate-to" on:change=move |ev| to.set(event_target_value(&ev))>
            <option value="">"The coordinator decides"</option>
            <For each=move || options.get() key=|s| s.person.email.clone() let:s>
                {
                    let words = format!("{} — {}", s.person.name, s.reasons.join(", "));
                    let email = s.person.email.clone();
                    view! { <option value=s.person.email.clone() selected=move || to.get() == email>{words}</option> }
                }
            </For>
        </select>
    }
}

/// The requester's choice on a resolved ticket, as plain forms that work without JavaScript.
#[component]
fn Decision(actions: Vec<ActionKind>, number: String, version: i64, ui: TicketUi) -> impl IntoView {
    let decide = ui.decide;
    let error = action_error(decide);
    let reopen_number = number.clone();
    view! {
        <section class="actions-panel">
            <h2>"Is it solved?"</h2>
            <ErrorBox error=Signal::derive(move || error.get().filter(|e| !matches!(e, crate::error::AppError::Validation(_)))) />
            <div class="decisions">
                {actions.contains(&ActionKind::Close).then(|| view! {
                    <ActionForm action=decide attr:class="form">
                        <input type="hidden" name="number" value=number.clone() />
                        <input type="hidden" name="version" value=version />
                        <input type="hidden" name="action" value="close" />
                        <p>"If it works again, tell us and we close it."</p>
                        <button type="submit" class="primary" disabled=move || decide.pending().get()>"Accept the solution"</button>
                    </ActionForm>
                })}
                {actions.contains(&ActionKind::Reopen).then(|| view! {
                    <ActionForm action=decide attr:class="form">
                        <input type="hidden" name="number" value=reopen_number.clone() />
                        <input type="hidden" name="version" value=version />
                        <input type="hidden" name="action" value="reopen" />
                        <label for="reopen-reason">"What is still wrong? (needed to reopen)"</label>
                        <textarea id="reopen-reason" name="reason" rows="3" required></textarea>
                        <FieldMessage error=error field="reason" />
                        <button type="submit" disabled=move || decide.pending().get()>"It is not fixed"</button>
                    </ActionForm>
                })}
            </div>
        </section>
    }
}

/// How was the help? A 1–5 rating with a comment, by the requester once it is resolved; staff
/// read it.
#[component]
fn RatingPanel(detail: TicketDetail, number: String, ui: TicketUi) -> impl IntoView {
    let rate = ui.rate;
    let error = action_error(rate);
    let rating = detail.rating.clone();
    let staff = detail.staff_view;
    let given = rating.as_ref().map(|r| {
        let who = if staff {
            "The requester rated the help"
        } else {
            "You rated the help"
        };
        view! {
            <p class="rating-given">
                {who} " " <strong>{format!("{}/5", r.score)}</strong>
                {r.comment.clone().map(|c| view! { ": “" {c} "”" })}
            </p>
        }
    });
    let current = rating.as_ref().map(|r| r.score);
    let form = detail.can_rate.then(|| view! {
        <ActionForm action=rate attr:class="form rating-form">
            <input type="hidden" name="number" value=number.clone() />
            <fieldset class="stars">
                <legend>{if current.is_some() { "Change your rating" } else { "How was the help? (1 poor – 5 excellent)" }}</legend>
                {(1..=5i64).map(|n| view! {
                    <label class="star"><input type="radio" name="score" value=n required checked=current == Some(n) /> {n}</label>
                }).collect_view()}
            </fieldset>
            <FieldMessage error=error field="score" />
            <label for="rating-comment">"Anything to add? (optional)"</label>
            <textarea id="rating-comment" name="comment" rows="2"></textarea>
            <FieldMessage error=error field="comment" />
            <button type="submit" disabled=move || rate.pending().get()>"Send rating"</button>
        </ActionForm>
    });
    (given.is_some() || form.is_some()).then(|| {
        view! {
            <section class="rating">
                <h2>{if staff { "Rating" } else { "Your opinion" }}</h2>
                {given}
                {form}
            </section>
        }
    })
}

/// Private links that let someone without an account follow this ticket's public side.
#[component]
fn TrackingLinks(detail: TicketDetail, number: String) -> impl IntoView {
    let links = detail.tracking_links.clone();
    let created = RwSignal::new(None::<String>);
    let failed = RwSignal::new(None::<String>);
    let create = {
        let number = number.clone();
        move |_| {
            let number = number.clone();
            leptos::task::spawn_local(async move {
                match create_tracking_link(number).await {
                    Ok(url) => {
                        created.set(Some(url));
                        failed.set(None);
                    }
                    Err(e) => failed.set(Some(e.to_string())),
                }
            });
        }
    };
    detail.can_manage_links.then(|| view! {
        <section class="tracking">
            <h2>"Private tracking links"</h2>
            <p class="hint">"For a requester without an account: the link shows this ticket's public side only, until revoked."</p>
            {move || created.get().map(|url| view! {
                <div class="notice" role="status">
                    <label for="new-link">"Copy the link now; it is shown only once"</label>
                    <input id="new-link" readonly value=url />
                </div>
            })}
            {move || failed.get().map(|m| view! { <p class="error-box" role="alert">{m}</p> })}
            <ul class="plain">
                {links.into_iter().map(|l| {
                    let number = number.clone();
                    let gone = RwSignal::new(false);
                    let label = format!("Link {} created {}{}", l.id, when(l.created_at), l.created_by.map(|b| format!(" by {b}")).unwrap_or_default());
                    view! {
                        <li>
                            {label} " "
                            {move || if gone.get() {
                                view! { <span class="muted">"revoked"</span> }.into_any()
                            } else {
                                let number = number.clone();
                                view! {
                                    <button type="button" class="small" on:click=move |_| {
                                        let number = number.clone();
                                        leptos::task::spawn_local(async move {
                                            match revoke_tracking_link(number, l.id).await {
                                                Ok(()) => gone.set(true),
                                                Err(e) => failed.set(Some(e.to_string())),
                                            }
                                        });
                                    }>"Revoke"</button>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="button" on:click=create>"Create a private link"</button>
        </section>
    })
}

#[component]
fn Notes(detail: TicketDetail, number: String, ui: TicketUi) -> impl IntoView {
    let add = ui.add;
    let error = action_error(add);
    let staff = detail.staff_view;
    let can_write = staff || detail.can_reply;
    let (key, note) = (ui.key, ui.note);
    view! {
        <section class="notes">
            <h2>{if staff { "Notes" } else { "Messages" }}</h2>
            {if detail.notes.is_empty() { Some(view! { <p class="muted">"No notes yet."</p> }) } else { None }}
            <ul>
                {detail.notes.iter().map(|n| {
                    let internal = n.visibility == NoteVisibility::Internal;
                    view! {
                        <li class="note" class:internal=internal>
                            <p class="note-head">
                                <strong>{n.author.name.clone()}</strong>
                                " · " <time>{age(n.created_at)} " ago"</time>
                                {internal.then(|| view! { <span class="flag">"Internal"</span> })}
                                {n.minutes.map(|m| view! { <span class="muted">" · " {m} " min"</span> })}
                            </p>
                            <p class="body-text">{n.body.clone()}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {can_write.then(|| view! {
                <ActionForm action=add attr:class="form note-form">
                    <input type="hidden" name="number" value=number.clone() />
                    <input type="hidden" name="idempotency_key" prop:value=key />
                    <label for="note-body">{if staff { "Add a note" } else { "Reply" }}</label>
                    <textarea id="note-body" name="body" rows="3" required prop:value=note on:input={
                        let draft = note_draft_key(&number);
                        move |ev| {
                            let text = event_target_value(&ev);
                            super::live::save_draft(&draft, &text);
                            note.set(text);
                        }
                    }></textarea>
                    <FieldMessage error=error field="body" />
                    {move || error.get().filter(|e| !matches!(e, crate::error::AppError::Validation(_))).map(|e| view! {
                        <p class="error-box" role="alert">{format!("Not sent: {e}. Your text is kept here; press the button again to retry.")}</p>
                    })}
                    {staff.then(|| view! {
                        <div class="row">
                            <label class="check"><input type="checkbox" name="internal" checked /> "Internal (staff only)"</label>
                            <label for="minutes">"Minutes spent"</label>
                            <input id="minutes" name="minutes" type="number" min="0" max="1440" inputmode="numeric" class="short" />
                        </div>
                        <p class="hint">"Untick “Internal” and the requester will see this note."</p>
                        <FieldMessage error=error field="minutes" />
                    })}
                    <button type="submit" class="primary" disabled=move || add.pending().get()>
                        {if staff { "Add note" } else { "Send reply" }}
                    </button>
                </ActionForm>
            })}
        </section>
    }
}

/// Who follows the ticket, and a way to add someone (a project manager, a facility manager).
#[component]
fn Watchers(detail: TicketDetail, number: String, ui: TicketUi) -> impl IntoView {
    let watch = ui.watch;
    let error = action_error(watch);
    let names: Vec<String> = detail.watchers.iter().map(|w| w.name.clone()).collect();
    (detail.can_add_watchers || !names.is_empty()).then(|| view! {
        <section class="watchers">
            <h2>"Following this ticket"</h2>
            {if names.is_empty() {
                view! { <p class="muted">"Nobody else yet."</p> }.into_any()
            } else {
                view! { <p>{names.join(", ")}</p> }.into_any()
            }}
            {detail.can_add_watchers.then(|| view! {
                <ActionForm action=watch attr:class="form inline-form">
                    <input type="hidden" name="number" value=number.clone() />
                    <label for="watcher-email">"Keep someone informed (their email)"</label>
                    <div class="row">
                        <input id="watcher-email" name="email" type="email" required placeholder="name@example.org" />
                        <button type="submit" disabled=move || watch.pending().get()>"Add"</button>
                    </div>
                    <FieldMessage error=error field="email" />
                </ActionForm>
            })}
        </section>
    })
}

fn note_draft_key(number: &str) -> String {
    format!("switchboard.note.{number}")
}

/// A `tel:` link when the contact looks like a phone number (tap to call from a phone).
fn phone_link(contact: &str) -> Option<String> {
    let number: String = contact
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect();
    (number.chars().filter(char::is_ascii_digit).count() >= 6).then(|| format!("tel:{number}"))
}

/// A fresh idempotency key per note, so a double tap or a retry files it once.
fn new_key() -> String {
    #[cfg(feature = "hydrate")]
    {
        format!(
            "{:x}{:x}",
            (js_sys_random() * 1e15) as u64,
            chrono::Utc::now().timestamp_millis()
        )
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}

#[cfg(feature = "hydrate")]
fn js_sys_random() -> f64 {
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| {
            let mut buf = [0u8; 8];
            c.get_random_values_with_u8_array(&mut buf).ok()?;
            Some(u64::from_le_bytes(buf) as f64 / u64::MAX as f64)
        })
        .unwrap_or(0.5)
}
