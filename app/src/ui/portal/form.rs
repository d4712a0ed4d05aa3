//! The request form, with the category's questions, similar tickets and a draft kept while typing.

use super::*;
use crate::domain::category_words;
use crate::ui::{t, use_locale};

/// What the requester typed before a refused post, so the form comes back filled in.
#[derive(Clone, Copy)]
pub(super) struct Draft(StoredValue<BTreeMap<String, String>>);

impl Draft {
    fn new(typed: BTreeMap<String, String>) -> Self {
        Draft(StoredValue::new(typed))
    }

    /// What was typed into the field `key`, or nothing.
    fn get(&self, key: &str) -> String {
        self.0
            .with_value(|d| d.get(key).cloned().unwrap_or_default())
    }
}

#[component]
pub(super) fn RequestForm(
    staff: bool,
    draft: BTreeMap<String, String>,
    list: Vec<crate::domain::Category>,
    answers: crate::types::KnownAnswers,
) -> impl IntoView {
    let draft = Draft::new(draft);
    let action = ServerAction::<FileRequest>::new();
    let error = action_error(action);
    let query = use_query_map();
    let (category, set_category) = signal(
        Some(draft.get("category"))
            .filter(|c| !c.is_empty())
            .or_else(|| query.read_untracked().get("category"))
            .unwrap_or_else(|| "hardware".into()),
    );
    let (title, set_title) = signal(draft.get("title"));
    let similar = similar_as_typed(title);
    let (description, set_description) = signal(draft.get("description"));
    let known = answers_as_typed(title, description, answers);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <section class="panel form-page">
            <h1>{if staff { t("portal-file-a-request") } else { t("portal-report-a-problem") }}</h1>
            <p class="lead">{t("portal-form-lead")}</p>
            <ActionForm
                action=action
                attr:class="form"
                attr:novalidate=""
                attr:enctype="multipart/form-data"
            >
                {staff.then(|| view! { <OnBehalf draft=draft error=error /> })}
                <label for="category">
                    {t("portal-form-category")} <span class="req">{t("portal-required")}</span>
                </label>
                <CategoryChoice
                    list=list
                    draft=draft
                    category=category
                    set_category=set_category
                    error=error
                />
                <label for="title">
                    {t("portal-form-title")} <span class="req">{t("portal-required")}</span>
                </label>
                <input
                    id="title"
                    name="title"
                    maxlength="200"
                    required
                    value=draft.get("title")
                    on:input=move |ev| set_title.set(event_target_value(&ev))
                />
                <FieldMessage error=error field="title" />
                <SimilarTickets similar=similar />
                <label for="description">
                    {t("portal-form-description")} <span class="req">{t("portal-required")}</span>
                </label>
                <textarea
                    id="description"
                    name="description"
                    rows="5"
                    required
                    on:input=move |ev| set_description.set(event_target_value(&ev))
                >
                    {draft.get("description")}
                </textarea>
                <FieldMessage error=error field="description" />
                <crate::ui::help::RequestAnswers known />
                // Without JavaScript the form asks the server for answers as a GET to this page.
                <Show when=move || !hydrated.get()>
                    <button
                        type="submit"
                        formaction="/requests/new"
                        formmethod="get"
                        formenctype="application/x-www-form-urlencoded"
                        formnovalidate=""
                        name="check"
                        value="1"
                    >
                        {t("kb-check-answers")}
                    </button>
                </Show>
                <ImpactUrgency draft error />
                <label for="location">{t("portal-form-location")}</label>
                <input
                    id="location"
                    name="location"
                    autocomplete="off"
                    value=draft.get("location")
                />
                <FieldMessage error=error field="location" />
                <label for="contact">{t("portal-form-contact")}</label>
                <input id="contact" name="contact" autocomplete="tel" value=draft.get("contact") />
                <FieldMessage error=error field="contact" />
                <RequestFiles error=error />
                <ErrorBox error=Signal::derive(move || {
                    error.get().filter(|e| !matches!(e, crate::error::AppError::Validation(_)))
                }) />
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || {
                        if action.pending().get() {
                            t("portal-sending")
                        } else {
                            t("portal-send-request")
                        }
                    }}
                </button>
            </ActionForm>
        </section>
    }
}

/// Files for the request. With JavaScript the picker lists them and they are attached right after
/// the ticket is filed; without it they post with the form as multipart.
#[component]
fn RequestFiles(error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <fieldset class="group files-group">
            <legend>{t("attachment-heading")}</legend>
            <Show
                when=move || hydrated.get()
                fallback=|| {
                    view! {
                        <label for="attach-file">{t("attachment-choose")}</label>
                        <input id="attach-file" type="file" name="file" multiple />
                        <label for="attach-photo" class="photo">
                            {t("attachment-take-photo")}
                        </label>
                        <input
                            id="attach-photo"
                            type="file"
                            name="file"
                            accept="image/*"
                            capture="environment"
                        />
                    }
                }
            >
                <crate::ui::upload::FilePicker max_mb=0 named=false />
            </Show>
            <FieldMessage error=error field="file" />
        </fieldset>
    }
}

/// Open requests with a title like the one being typed, asked in the browser as it is typed (the
/// server renders none).
fn similar_as_typed(title: ReadSignal<String>) -> RwSignal<Vec<Ticket>> {
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
            // An answer to an older title is dropped, and so is one for a form already gone.
            if title.try_get_untracked().as_ref() == Some(&typed_title) {
                let _ = similar.try_set(found);
            }
        });
    });
    similar
}

/// Articles and the requester's own past fixes like what they are typing, asked of the server a
/// moment after they stop typing; starts with what a check without JavaScript found.
fn answers_as_typed(
    title: ReadSignal<String>,
    description: ReadSignal<String>,
    first: crate::types::KnownAnswers,
) -> RwSignal<crate::types::KnownAnswers> {
    let known = RwSignal::new(first);
    let asked = StoredValue::new(None::<(String, String)>);
    Effect::new(move |_| {
        let typed = (title.get(), description.get());
        // The first run only reads what the page came with.
        if asked.get_value().is_none() {
            asked.set_value(Some(typed));
            return;
        }
        asked.set_value(Some(typed.clone()));
        // The form may be gone (filed, or left) by the time the answer comes: every access to
        // its state afterwards is a `try_`.
        leptos::task::spawn_local(async move {
            #[cfg(feature = "hydrate")]
            gloo_timers::future::TimeoutFuture::new(350).await;
            // Still typing: a later run asks.
            if asked.try_get_value().flatten().as_ref() != Some(&typed) {
                return;
            }
            let (t, d) = typed.clone();
            let found = if t.trim().chars().count() + d.trim().chars().count() < 4 {
                Default::default()
            } else {
                crate::api::knowledge::request_answers(t, d)
                    .await
                    .unwrap_or_default()
            };
            if asked.try_get_value().flatten().as_ref() == Some(&typed) {
                let _ = known.try_set(found);
            }
        });
    });
    known
}

/// Who is affected and how badly: the requester's two answers the priority is computed from.
#[component]
fn ImpactUrgency(draft: Draft, error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    let (impact, urgency) = (draft.get("impact"), draft.get("urgency"));
    view! {
        <fieldset class="group choice">
            <legend>
                {t("portal-form-impact")} <span class="req">{t("portal-required")}</span>
            </legend>
            {Impact::ALL
                .iter()
                .map(|i| {
                    let checked = if impact.is_empty() {
                        *i == Impact::Low
                    } else {
                        i.as_str() == impact
                    };
                    view! {
                        <label class="radio">
                            <input type="radio" name="impact" value=i.as_str() checked=checked />
                            {i.label(&use_locale())}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        <FieldMessage error=error field="impact" />
        <fieldset class="group choice">
            <legend>
                {t("portal-form-urgency")} <span class="req">{t("portal-required")}</span>
            </legend>
            {Urgency::ALL
                .iter()
                .map(|u| {
                    let checked = if urgency.is_empty() {
                        *u == Urgency::Medium
                    } else {
                        u.as_str() == urgency
                    };
                    view! {
                        <label class="radio">
                            <input type="radio" name="urgency" value=u.as_str() checked=checked />
                            {u.label(&use_locale())}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        <FieldMessage error=error field="urgency" />
    }
}

/// Staff filing for someone: whose request it is and how it came in.
#[component]
fn OnBehalf(draft: Draft, error: Signal<Option<crate::error::AppError>>) -> impl IntoView {
    view! {
        <fieldset class="group">
            <legend>{t("portal-on-behalf")}</legend>
            <label for="requester_email">{t("portal-requester-email")}</label>
            <input
                id="requester_email"
                name="requester_email"
                type="email"
                value=draft.get("requester_email")
            />
            <FieldMessage error=error field="requester_email" />
            <label for="requester_name">{t("portal-requester-name")}</label>
            <input
                id="requester_name"
                name="requester_name"
                maxlength="120"
                value=draft.get("requester_name")
            />
            <FieldMessage error=error field="requester_name" />
            <label for="channel">{t("portal-channel")}</label>
            <select id="channel" name="channel">
                <option value="phone">{t("channel-phone")}</option>
                <option value="walk_in">{t("channel-walk-in")}</option>
                <option value="email">{t("channel-email")}</option>
                <option value="portal">{t("channel-portal")}</option>
            </select>
        </fieldset>
    }
}

/// The category, and the chosen category's own questions (shown by CSS without JavaScript).
#[component]
fn CategoryChoice(
    list: Vec<crate::domain::Category>,
    draft: Draft,
    category: ReadSignal<String>,
    set_category: WriteSignal<String>,
    error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let current = category.get_untracked();
    let loc = use_locale();
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
            <fieldset
                class="group category-fields"
                data-category=slug.clone()
                class:shown={
                    let slug = slug.clone();
                    move || category.get() == slug
                }
            >
                <legend>
                    {loc
                        .t_with(
                            "portal-category-details",
                            &[("category", category_words(&loc, &c.name).into())],
                        )}
                </legend>
                {if c.fields.is_empty() {
                    Some(view! { <p class="muted">{loc.t("portal-category-nothing-more")}</p> })
                } else {
                    None
                }}
                {c
                    .fields
                    .iter()
                    .map(|f| {
                        let id = format!("f-{}-{}", slug, f.key);
                        let name = format!("fields[{}__{}]", slug, f.key);
                        let value = draft.get(&name);
                        let err_key = format!("fields.{}", f.key);
                        view! {
                            <label for=id
                                .clone()>
                                {category_words(&loc, &f.label)}
                                {f
                                    .required
                                    .then(|| {
                                        view! {
                                            <span class="req">{loc.t("portal-required")}</span>
                                        }
                                    })}
                            </label>
                            <input
                                id=id
                                name=name
                                value=value
                                placeholder=f
                                    .hint
                                    .as_deref()
                                    .map(|h| category_words(&loc, h))
                                    .unwrap_or_default()
                            />
                            {
                                let slug = slug.clone();
                                move || {
                                    (category.get() == slug)
                                        .then(|| {
                                            view! { <FieldMessage error=error field=err_key.clone() /> }
                                        })
                                }
                            }
                        }
                    })
                    .collect_view()}
            </fieldset>
        }
    }).collect_view();
    view! {
        <select
            id="category"
            name="category"
            on:change=move |ev| set_category.set(event_target_value(&ev))
        >
            {list
                .iter()
                .map(|c| {
                    view! {
                        <option value=c.slug.clone() selected=c.slug == current>
                            {category_words(&loc, &c.name)}
                        </option>
                    }
                })
                .collect_view()}
        </select>
        <FieldMessage error=error field="category" />
        <style>{css}</style>
        {fieldsets}
    }
}

/// Open requests with a similar title, asked for as the title is typed.
#[component]
fn SimilarTickets(similar: RwSignal<Vec<Ticket>>) -> impl IntoView {
    let loc = use_locale();
    move || {
        let list = similar.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="similar" role="status">
                    <p>
                        <strong>{loc.t("portal-similar-question")}</strong>
                        " "
                        {loc.t("portal-similar-hint")}
                    </p>
                    <ul>
                        {list
                            .into_iter()
                            .map(|t| {
                                view! {
                                    <li>
                                        <a href=format!(
                                            "/tickets/{}",
                                            t.number,
                                        )>{t.number.to_string()} " — " {t.title.clone()}</a>
                                        " ("
                                        {loc.t(t.status_words())}
                                        ")"
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
