//! The knowledge base: `/help` to browse and search (anyone, also without an account or
//! JavaScript), an article's page with "did this help?", the editor for staff, and the past
//! fixes and articles beside a ticket.

use super::widgets::{action_error, not_field, when, ErrorBox, FieldMessage};
use super::{may_open, t, use_locale, Gate, Session};
use crate::api::knowledge::{
    article_from_ticket, articles, read_article, ticket_answers, AnswerArticle, SaveArticle,
};
use crate::domain::category_words;
use crate::domain::knowledge::{ArticleDraft, ArticleState, Audience, Reused};
use crate::types::{ArticlePage, ArticleSummary, KnownAnswers};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

/// Whether the signed-in reader (if any) is staff.
async fn reader_is_staff() -> bool {
    let session = expect_context::<Session>();
    matches!(session.0.await, Ok(Some(u)) if u.role.is_staff())
}

#[component]
pub fn HelpPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let list = Resource::new(q, articles);
    let loc = use_locale();
    view! {
        <Title text=loc.t("kb-page-title") />
        <section class="panel wide help">
            <header class="help-head">
                <h1>{loc.t("kb-heading")}</h1>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        reader_is_staff()
                            .await
                            .then(|| {
                                view! {
                                    <a class="button" href="/help/new">
                                        {t("kb-new-article")}
                                    </a>
                                }
                            })
                    })}
                </Suspense>
            </header>
            <p class="muted">{loc.t("kb-lead")}</p>
            <form method="get" action="/help" class="row help-search" role="search">
                <label for="help-q" class="sr-only">
                    {loc.t("kb-search-label")}
                </label>
                <input
                    id="help-q"
                    name="q"
                    type="search"
                    maxlength="200"
                    placeholder=loc.t("kb-search-placeholder")
                    value=q
                />
                <button type="submit">{loc.t("kb-search")}</button>
            </form>
            <Transition fallback=move || {
                view! { <p class="muted">{t("page-loading")}</p> }
            }>
                {move || Suspend::new(async move {
                    match list.await {
                        Err(e) => {
                            view! { <p class="error-box">{e.message(&use_locale())}</p> }.into_any()
                        }
                        Ok(items) if items.is_empty() => {
                            view! { <p class="empty">{t("kb-none")}</p> }.into_any()
                        }
                        Ok(items) => view! { <ArticleList items /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ArticleList(items: Vec<ArticleSummary>) -> impl IntoView {
    view! {
        <ul class="articles">
            {items
                .into_iter()
                .map(|a| {
                    view! {
                        <li class="article-item">
                            <a href=format!("/help/{}", a.id)>{a.title.clone()}</a>
                            <ArticleChips audience=a.audience state=a.state />
                            <p class="muted">{a.excerpt.clone()}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// "Draft" and "Staff only" where they apply (only staff ever see such articles).
#[component]
fn ArticleChips(audience: Audience, state: ArticleState) -> impl IntoView {
    view! {
        {(state == ArticleState::Draft)
            .then(|| view! { <span class="flag">{t(state.label_key())}</span> })}
        {(audience == Audience::Staff)
            .then(|| view! { <span class="flag internal">{t(audience.label_key())}</span> })}
    }
}

#[component]
pub fn ArticleRoute() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let page = Resource::new(id, read_article);
    view! {
        <Transition fallback=move || {
            view! { <p class="muted">{t("page-loading")}</p> }
        }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(p) => view! { <ArticleView page=p /> }.into_any(),
                    Err(_) => view! { <super::NotFound /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ArticleView(page: ArticlePage) -> impl IntoView {
    let loc = use_locale();
    let a = page.article.clone();
    let answer = ServerAction::<AnswerArticle>::new();
    let first_answer = page.answered;
    let answered = Signal::derive(move || match answer.value().get() {
        Some(Ok(helped)) => Some(helped),
        _ => first_answer,
    });
    let id = a.id.to_string();
    let (id_yes, id_no) = (id.clone(), id.clone());
    view! {
        <Title text=format!("{} — Switchboard", a.title) />
        <article class="panel article">
            <p class="muted">
                <a href="/help">{loc.t("kb-back")}</a>
            </p>
            <h1>{a.title.clone()}</h1>
            <p class="muted article-meta">
                <ArticleChips audience=a.audience state=a.state />
                {a
                    .category_name
                    .as_deref()
                    .map(|c| category_words(&loc, c))
                    .into_iter()
                    .chain([
                        loc.t_with("kb-updated", &[("when", when(a.updated_at).into())]),
                        a.owner.name.clone(),
                    ])
                    .collect::<Vec<_>>()
                    .join(" · ")}
            </p>
            <div class="article-body" inner_html=a.html.clone()></div>
            {(!a.tags.is_empty())
                .then(|| {
                    view! {
                        <p class="tags">
                            {a
                                .tags
                                .iter()
                                .map(|tag| view! { <span class="tag">{tag.clone()}</span> })
                                .collect_view()}
                        </p>
                    }
                })}
            <section class="article-feedback" aria-live="polite">
                {move || match answered.get() {
                    Some(_) => view! { <p class="notice">{t("kb-thanks")}</p> }.into_any(),
                    None => {
                        let (yes, no) = (id_yes.clone(), id_no.clone());
                        view! {
                            <div class="row">
                                <span>{t("kb-did-it-help")}</span>
                                <ActionForm action=answer attr:class="inline">
                                    <input type="hidden" name="id" value=yes />
                                    <input type="hidden" name="helped" value="yes" />
                                    <button type="submit">{t("kb-yes")}</button>
                                </ActionForm>
                                <ActionForm action=answer attr:class="inline">
                                    <input type="hidden" name="id" value=no />
                                    <input type="hidden" name="helped" value="no" />
                                    <button type="submit">{t("kb-no")}</button>
                                </ActionForm>
                            </div>
                        }
                            .into_any()
                    }
                }}
            </section>
            {page.can_edit.then(|| view! { <StaffSide page=page.clone() /> })}
        </article>
    }
}

/// What staff see below an article: its numbers, where it came from, its history and the way
/// to edit it.
#[component]
fn StaffSide(page: ArticlePage) -> impl IntoView {
    let loc = use_locale();
    let a = page.article;
    view! {
        <section class="article-staff">
            <p>
                <a class="button" href=format!("/help/{}/edit", a.id)>
                    {loc.t("kb-edit")}
                </a>
            </p>
            <p class="muted">
                {loc
                    .t_with(
                        "kb-numbers",
                        &[
                            ("views", a.views.into()),
                            ("helped", a.helped.into()),
                            ("not_helped", a.not_helped.into()),
                        ],
                    )}
                {a
                    .source_ticket
                    .map(|n| {
                        view! {
                            " · "
                            {loc.t("kb-from-ticket")}
                            " "
                            <a href=format!("/tickets/{n}")>{n.to_string()}</a>
                        }
                    })}
            </p>
            <h2>{loc.t("kb-history")}</h2>
            <ol class="timeline">
                {page
                    .revisions
                    .into_iter()
                    .map(|r| {
                        view! {
                            <li>
                                <time>{when(r.edited_at)}</time>
                                <span>
                                    {use_locale()
                                        .t_with(
                                            "kb-revision",
                                            &[
                                                ("version", r.version.into()),
                                                ("title", r.title.into()),
                                                ("state", use_locale().t(r.state.label_key()).into()),
                                            ],
                                        )}
                                </span>
                                <span class="muted">" — " {r.edited_by}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// `/help/new` (optionally `?from=SB-1042`, a resolved ticket to start from).
#[component]
pub fn NewArticlePage() -> impl IntoView {
    let query = use_query_map();
    let from = move || query.read().get("from").unwrap_or_default();
    let start = Resource::new(from, |from| async move {
        if from.is_empty() {
            Ok(ArticleDraft::default())
        } else {
            article_from_ticket(from).await
        }
    });
    // Loaded with the draft, before the editor renders: a Suspense of its own inside the editor
    // hydrated against a different tree and left the page dead.
    let cats = Resource::new(|| (), |_| crate::api::tickets::categories());
    view! {
        <Title text=t("kb-new-title") />
        <Gate
            allowed=may_open::staff
            children=move |user| {
                let coordinates = user.role.coordinates();
                view! {
                    <Transition fallback=move || {
                        view! { <p class="muted">{t("page-loading")}</p> }
                    }>
                        {move || Suspend::new(async move {
                            let categories = cats.await.unwrap_or_default();
                            match start.await {
                                Ok(draft) => {
                                    view! {
                                        <ArticleEditor
                                            draft
                                            categories
                                            id=None
                                            version=None
                                            coordinates
                                            state=ArticleState::Draft
                                        />
                                    }
                                        .into_any()
                                }
                                Err(e) => {
                                    let loc = use_locale();
                                    let why = e
                                        .field_message("source_ticket", &loc)
                                        .unwrap_or_else(|| e.message(&loc));
                                    // The ticket to start from is the only thing asked: say
                                    // what is wrong with it, and offer a blank article.
                                    view! {
                                        <section class="panel narrow">
                                            <h1>{loc.t("kb-new-heading")}</h1>
                                            <p class="error-box" role="alert">
                                                {why}
                                            </p>
                                            <A href="/help/new">{loc.t("kb-new-article")}</A>
                                        </section>
                                    }
                                        .into_any()
                                }
                            }
                        })}
                    </Transition>
                }
            }
        />
    }
}

/// `/help/:id/edit`.
#[component]
pub fn EditArticlePage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let page = Resource::new(id, read_article);
    let cats = Resource::new(|| (), |_| crate::api::tickets::categories());
    view! {
        <Title text=t("kb-edit-title") />
        <Gate
            allowed=may_open::staff
            children=move |user| {
                let coordinates = user.role.coordinates();
                view! {
                    <Transition fallback=move || {
                        view! { <p class="muted">{t("page-loading")}</p> }
                    }>
                        {move || Suspend::new(async move {
                            let categories = cats.await.unwrap_or_default();
                            match page.await {
                                Ok(p) => {
                                    let a = p.article;
                                    let draft = ArticleDraft {
                                        title: a.title,
                                        body: a.body,
                                        category: a.category.unwrap_or_default(),
                                        tags: a.tags.join(", "),
                                        audience: a.audience.as_str().into(),
                                        state: a.state.as_str().into(),
                                        source_ticket: String::new(),
                                    };
                                    view! {
                                        <ArticleEditor
                                            draft
                                            categories
                                            id=Some(a.id)
                                            version=Some(a.version)
                                            coordinates
                                            state=a.state
                                        />
                                    }
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

#[component]
fn ArticleEditor(
    draft: ArticleDraft,
    categories: Vec<crate::domain::Category>,
    id: Option<i64>,
    version: Option<i64>,
    coordinates: bool,
    state: ArticleState,
) -> impl IntoView {
    let loc = use_locale();
    let save = ServerAction::<SaveArticle>::new();
    let error = action_error(save);
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(a)) = save.value().get() {
            navigate(&format!("/help/{}", a.id), Default::default());
        }
    });
    let audience = draft.audience.clone();
    let category = draft.category.clone();
    view! {
        <section class="panel wide">
            <h1>{if id.is_some() { loc.t("kb-edit-heading") } else { loc.t("kb-new-heading") }}</h1>
            <ActionForm action=save attr:class="form article-form">
                {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string() /> })}
                {version
                    .map(|v| view! { <input type="hidden" name="version" value=v.to_string() /> })}
                <input
                    type="hidden"
                    name="draft[source_ticket]"
                    value=draft.source_ticket.clone()
                />
                <label for="kb-title">{loc.t("kb-field-title")}</label>
                <input
                    id="kb-title"
                    name="draft[title]"
                    required
                    maxlength="160"
                    value=draft.title.clone()
                />
                <FieldMessage error field="title" />
                <label for="kb-body">{loc.t("kb-field-body")}</label>
                <textarea id="kb-body" name="draft[body]" rows="14" required>
                    {draft.body.clone()}
                </textarea>
                <p class="hint">{loc.t("kb-field-body-hint")}</p>
                <FieldMessage error field="body" />
                <label for="kb-category">{loc.t("kb-field-category")}</label>
                <select id="kb-category" name="draft[category]">
                    <option value="" selected=category.is_empty()>
                        {loc.t("kb-field-no-category")}
                    </option>
                    {categories
                        .into_iter()
                        .map(|c| {
                            let selected = c.slug == category;
                            view! {
                                <option value=c.slug.clone() selected=selected>
                                    {category_words(&loc, &c.name)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldMessage error field="category" />
                <label for="kb-tags">{loc.t("kb-field-tags")}</label>
                <input id="kb-tags" name="draft[tags]" value=draft.tags.clone() />
                <FieldMessage error field="tags" />
                <label for="kb-audience">{loc.t("kb-field-audience")}</label>
                <select id="kb-audience" name="draft[audience]">
                    {Audience::ALL
                        .iter()
                        .map(|a| {
                            view! {
                                <option value=a.as_str() selected=audience == a.as_str()>
                                    {loc.t(a.label_key())}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                {if coordinates {
                    view! {
                        <label for="kb-state">{loc.t("kb-field-state")}</label>
                        <select id="kb-state" name="draft[state]">
                            {ArticleState::ALL
                                .iter()
                                .map(|s| {
                                    view! {
                                        <option value=s.as_str() selected=*s == state>
                                            {loc.t(s.label_key())}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                        <FieldMessage error field="state" />
                    }
                        .into_any()
                } else {
                    view! {
                        <input type="hidden" name="draft[state]" value="" />
                        <p class="hint">{loc.t("kb-field-state-hint")}</p>
                    }
                        .into_any()
                }}
                <ErrorBox error=not_field(error) />
                <button type="submit" class="primary">
                    {loc.t("kb-save")}
                </button>
            </ActionForm>
        </section>
    }
}

/// Past fixes and articles like a ticket, for staff on its page; "Insert" adds the fix or a link
/// to the article to the note being written. Asked for once the page runs in the browser (the
/// buttons need it anyway), so the server-rendered page never waits for the search.
#[component]
pub fn KnownAnswersPanel(
    number: String,
    note: RwSignal<String>,
    /// What was inserted, sent with the note for the reports.
    reused: RwSignal<Vec<Reused>>,
    staff: bool,
    /// The answers last found and the ticket they were for, kept by the page: a ticket that is
    /// read again rebuilds this panel, which shows them until it has asked again.
    last: RwSignal<Option<(String, KnownAnswers)>>,
) -> impl IntoView {
    let shown = number.clone();
    Effect::new(move |_| {
        if staff {
            let number = number.clone();
            leptos::task::spawn_local(async move {
                if let Ok(answers) = ticket_answers(number.clone()).await {
                    // The page may have been left meanwhile.
                    let _ = last.try_set(Some((number, answers)));
                }
            });
        }
    });
    view! {
        <div class="known-answers-slot">
            {move || {
                last.get()
                    .filter(|(n, found)| {
                        *n == shown && (!found.fixes.is_empty() || !found.articles.is_empty())
                    })
                    .map(|(_, found)| view! { <Answers found=found note reused /> })
            }}
        </div>
    }
}

#[component]
fn Answers(
    found: KnownAnswers,
    note: RwSignal<String>,
    reused: RwSignal<Vec<Reused>>,
) -> impl IntoView {
    let loc = use_locale();
    let insert = move |text: String, source: Reused| {
        reused.update(|r| {
            if !r.contains(&source) {
                r.push(source);
            }
        });
        note.update(|n| {
            if !n.trim().is_empty() {
                n.push_str("\n\n");
            }
            n.push_str(&text);
        });
    };
    view! {
        <section class="known-answers">
            <h2>{loc.t("kb-known-heading")}</h2>
            <ul>
                {found
                    .fixes
                    .into_iter()
                    .map(|f| {
                        let (text, id) = (f.resolution.clone(), f.number.id());
                        let who = f.fixed_by.clone().unwrap_or_default();
                        view! {
                            <li class="past-fix">
                                <p>
                                    {if f.open {
                                        view! {
                                            <a href=format!(
                                                "/tickets/{}",
                                                f.number,
                                            )>{f.number.to_string()}</a>
                                        }
                                            .into_any()
                                    } else {
                                        view! { <span>{f.number.to_string()}</span> }.into_any()
                                    }} " " <strong>{f.title.clone()}</strong>
                                </p>
                                <p class="body-text">{f.resolution.clone()}</p>
                                <p class="muted">
                                    {use_locale()
                                        .t_with(
                                            "kb-fixed-by",
                                            &[("who", who.into()), ("when", when(f.fixed_at).into())],
                                        )}
                                </p>
                                <button
                                    type="button"
                                    class="small"
                                    on:click=move |_| insert(text.clone(), Reused::Ticket(id))
                                >
                                    {use_locale().t("kb-insert-fix")}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
                {found
                    .articles
                    .into_iter()
                    .map(|a| {
                        let (title, id) = (a.title.clone(), a.id);
                        view! {
                            <li class="past-article">
                                <p>
                                    <a href=format!("/help/{}", a.id)>{a.title.clone()}</a>
                                </p>
                                <p class="muted">{a.excerpt.clone()}</p>
                                <button
                                    type="button"
                                    class="small"
                                    on:click=move |_| {
                                        let origin = window()
                                            .location()
                                            .origin()
                                            .unwrap_or_default();
                                        insert(
                                            format!("{title} — {origin}/help/{id}"),
                                            Reused::Article(id),
                                        )
                                    }
                                >
                                    {use_locale().t("kb-insert-link")}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </section>
    }
}

/// "These may already answer it": articles and the requester's own past fixes like the request
/// being typed. Each opens in a new tab (the form stays) through `/help/open/…`, which counts the
/// open: one followed by no request is a request avoided.
#[component]
pub fn RequestAnswers(known: RwSignal<KnownAnswers>) -> impl IntoView {
    move || {
        let found = known.get();
        (!found.fixes.is_empty() || !found.articles.is_empty()).then(|| {
            let loc = use_locale();
            view! {
                <div class="similar answers" role="status">
                    <p>
                        <strong>{loc.t("kb-suggest-heading")}</strong>
                        " "
                        {loc.t("kb-suggest-hint")}
                    </p>
                    <ul>
                        {found
                            .articles
                            .into_iter()
                            .map(|a| {
                                view! {
                                    <li>
                                        <a
                                            href=format!("/help/open/article/{}", a.id)
                                            target="_blank"
                                            rel="noopener"
                                        >
                                            {a.title.clone()}
                                        </a>
                                        <span class="muted">" — " {a.excerpt.clone()}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                        {found
                            .fixes
                            .into_iter()
                            .map(|f| {
                                view! {
                                    <li>
                                        <a
                                            href=format!("/help/open/ticket/{}", f.number)
                                            target="_blank"
                                            rel="noopener"
                                        >
                                            {f.number.to_string()}
                                            " — "
                                            {f.title.clone()}
                                        </a>
                                        <span class="muted">
                                            " — " {use_locale().t("kb-suggest-your-fix")} " "
                                            {f.resolution.clone()}
                                        </span>
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
