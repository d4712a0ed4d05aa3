//! Pages and components, grouped by who uses them.

mod account;
mod admin;
mod board;
mod coordination;
mod facility;
pub(crate) mod help;
mod known;
mod live;
mod mail;
mod notifications;
pub(crate) mod portal;
mod projects;
mod recurring;
pub(crate) mod replies;
mod reports;
mod service_levels;
mod tech;
mod upload;
mod widgets;

use crate::api::account::{current_user, Register, SignIn, SignOut};
use crate::domain::{Role, User};
use crate::error::AppError;
use crate::i18n::words::{need, Shelf};
use crate::i18n::Locale;
use futures_util::future::join;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::Lazy;
use leptos_router::{path, SsrMode};
use std::future::Future;
use std::pin::Pin;

/// The pages, in groups whose code the browser fetches when one of the group's pages is first
/// opened: `cargo leptos build --split` moves each group's `#[lazy]` function, and what only it
/// uses, out of the main file, so a requester's phone never downloads the board or the reports.
/// The shell (header, sign-in state, translations, the home and offline pages) stays in the main
/// file. Pages are grouped by who uses them: code shared by several groups goes into a file per
/// set of groups sharing it, so each further group multiplies the files a page loads.
///
/// Each group names the words its pages show beyond every page's (`i18n::words::Shelf`): the
/// router waits for them as for the group's code, before it hydrates or shows one of its pages.
macro_rules! lazy_pages {
    ($($(#[$doc:meta])* $group:ident($pages:ident, $shelf:ident) { $($route:ident => $page:path,)* })*) => {$(
        #[derive(Clone, Copy)]
        #[allow(clippy::enum_variant_names)]
        enum $pages {
            $($route,)*
            /// Only loads the group's code (the router does, before it hydrates or shows a page
            /// of the group): makes no page.
            Load,
        }

        $(#[$doc])*
        #[leptos::lazy]
        fn $group(page: $pages) -> AnyView {
            match page {
                $($pages::$route => $page().into_any(),)*
                $pages::Load => ().into_any(),
            }
        }

        $(
            struct $route;

            impl $route {
                fn lazy() -> Lazy<$route> {
                    Lazy::new()
                }
            }

            impl leptos_router::LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn preload() {
                    with_words(Shelf::$shelf, Box::pin($group($pages::Load))).await;
                }

                async fn view(_this: Self) -> AnyView {
                    with_words(Shelf::$shelf, Box::pin($group($pages::$route))).await
                }
            }
        )*
    )*};
}

/// A group's code and its shelf of words, fetched together (one function for every page, so the
/// main part holds its code once).
async fn with_words<T>(shelf: Shelf, code: Pin<Box<dyn Future<Output = T>>>) -> T {
    join(code, need(shelf)).await.0
}

lazy_pages! {
    /// Signed-out pages: signing in, registering, proving an address, a new password.
    account_pages(AccountPages, Account) {
        SignInRoute => account::SignInPage,
        RegisterRoute => account::RegisterPage,
        VerifyRoute => account::VerifyPage,
        ForgotRoute => account::ForgotPage,
        ResetRoute => account::ResetPage,
    }
    /// A requester's requests and the request form.
    request_pages(RequestPages, Pages) {
        MyRequestsRoute => portal::MyRequests,
        NewRequestRoute => portal::NewRequest,
    }
    /// The help articles.
    help_pages(HelpPages, Pages) {
        HelpRoute => help::HelpPage,
        ArticleRoute => help::ArticleRoute,
    }
    /// A ticket, for everyone who may open it, and its public side behind a tracking link.
    ticket_pages(TicketPages, Pages) {
        TicketRoute => portal::TicketPage,
        TrackRoute => portal::TrackPage,
    }
    /// A technician's and a facility manager's work.
    technician_pages(TechnicianPages, Pages) {
        MyWorkRoute => tech::MyWork,
        WorkOrdersRoute => facility::WorkOrdersPage,
    }
    /// Everyone's own settings and notifications.
    personal_pages(PersonalPages, Pages) {
        AccountRoute => admin::AccountPage,
        NotificationsRoute => notifications::NotificationsPage,
    }
    /// The coordinators' and admins' pages.
    desk_pages(DeskPages, Desk) {
        BoardRoute => board::Board,
        RosterRoute => admin::RosterPage,
        ReportsRoute => reports::ReportsPage,
        ProjectsRoute => projects::ProjectsPage,
        ProjectRoute => projects::ProjectPage,
        HeldMailRoute => mail::HeldMailPage,
        NewArticleRoute => help::NewArticlePage,
        EditArticleRoute => help::EditArticlePage,
        RepliesRoute => replies::RepliesPage,
        RecurringRoute => recurring::RecurringPage,
        PeopleRoute => admin::PeoplePage,
        ServiceLevelsRoute => service_levels::ServiceLevelsPage,
        WebhooksRoute => admin::WebhooksPage,
    }
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy();
    #[cfg(feature = "ssr")]
    status_of_named_page();
    let locale = page_locale();
    provide_context(locale);
    view! {
        <!DOCTYPE html>
        <html lang=locale.lang.code() data-tz=locale.tz.name() data-zone=zone_description(&locale)>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="apple-touch-icon" href="/icon-192.png" />
                <meta name="theme-color" content="#1f4e8c" />
                // Named like the client's script (`switchboard.<hash>`), so it is cached as long.
                <link
                    id="leptos"
                    rel="stylesheet"
                    href=format!("/{}/{}.css", options.site_pkg_dir, options.output_name)
                />
                <AutoReload options=options.clone() />
                <ClientImportMap options=options.clone() />
                // The page's language's words, which the client reads before it hydrates, and
                // where the signed-out pages and the desk's find theirs.
                <link
                    id="words"
                    rel="preload"
                    href=words_path(&locale, Shelf::Pages)
                    data-account=words_path(&locale, Shelf::Account)
                    data-desk=words_path(&locale, Shelf::Desk)
                    r#as="fetch"
                    crossorigin=""
                />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The reader's zone as the browser reads it (`i18n::zone`): written by the server only.
#[cfg(feature = "ssr")]
fn zone_description(locale: &Locale) -> Option<String> {
    Some(crate::i18n::zone::describe(locale.tz).to_string())
}

#[cfg(not(feature = "ssr"))]
fn zone_description(_: &Locale) -> Option<String> {
    None
}

/// Where the browser reads the page's words (`i18n::words`): written by the server only.
#[cfg(feature = "ssr")]
fn words_path(locale: &Locale, shelf: Shelf) -> Option<String> {
    Some(crate::i18n::words::path(locale.lang, shelf))
}

#[cfg(not(feature = "ssr"))]
fn words_path(_: &Locale, _: Shelf) -> Option<String> {
    None
}

/// The pages' code split out of the client (`__wasm_split.*.js`) imports the client's script as
/// `./switchboard.js`, while pages load it by its hashed name: this maps the one name to the
/// other, so both are one module with one wasm instance. Comes before any script is loaded.
#[component]
fn ClientImportMap(options: LeptosOptions) -> impl IntoView {
    let pkg = options.site_pkg_dir.to_string();
    let name = options.output_name.to_string();
    name.split_once('.').map(|(plain, _hash)| {
        let map = serde_json::json!({
            "imports": { format!("/{pkg}/{plain}.js"): format!("/{pkg}/{name}.js") }
        });
        view! {
            <script
                type="importmap"
                nonce=leptos::nonce::use_nonce()
                inner_html=map.to_string()
            ></script>
        }
    })
}

/// Each page gets a fresh nonce for its inline hydration and resource scripts, and a policy that
/// allows only those, the app's own files and its wasm: an injected `<script>` never runs. The
/// server's `page_policy` layer puts the policy on the answer, with the nonce the page wrote here.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    leptos::nonce::provide_nonce();
    let (Some(nonce), Some(parts)) = (
        leptos::nonce::use_nonce(),
        use_context::<axum::http::request::Parts>(),
    ) else {
        return;
    };
    if let Some(slot) = parts.extensions.get::<PageNonce>() {
        slot.write(nonce.to_string());
    }
}

/// Where a page rendered for a request leaves its nonce (the request carries it to the page),
/// for the server to send the page's policy with its answer. Set through Leptos'
/// `ResponseOptions`, the policy was now and then missing from a page a browser loaded (4 of
/// about 600 in one series, none of 800 in the next; the status set the same way arrived), and
/// without it the strict default applies and none of the page's scripts run.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, Default)]
pub struct PageNonce(std::sync::Arc<std::sync::Mutex<Option<String>>>);

#[cfg(feature = "ssr")]
impl PageNonce {
    fn write(&self, nonce: String) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(nonce);
        }
    }

    /// The page's policy, once a page was rendered.
    pub fn policy(&self) -> Option<String> {
        let nonce = self.0.lock().ok()?.clone()?;
        Some(format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
             object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        ))
    }
}

/// A page answers with the status of what it shows. A page behind a [`Gate`] answers 401 when the
/// reader must sign in first and 403 when it is not for their role; a page that names what it
/// shows (a ticket, a private link, a project, an article) answers 404 when that is not there or
/// not the reader's to see. The page finds out itself once its answer has begun (pages stream in
/// order: the head and the header go out first), too late to set the status line. So the server
/// asks first (the session, and a cheaper read than the page's), and holds the start of the answer
/// until it knows. (Sending such pages whole, `SsrMode::Async`, was tried: Leptos then left out
/// the page's split parts on about half of the loads, and on about one in fifty its security
/// policy, which left the page dead.)
///
/// The gates here are the pages' own ([`may_open`]); the sweep of every page in the browser suite
/// fails when a page refuses its reader with another status.
#[cfg(feature = "ssr")]
fn status_of_named_page() {
    use axum::extract::Query;
    use leptos::reactive::{computed::ScopedFuture, owner::Owner};
    use std::{collections::HashMap, future::Future, pin::Pin};
    type Check = Pin<Box<dyn Future<Output = Result<(), crate::error::AppError>> + Send>>;
    let (Some(parts), Some(response), Some(shared)) = (
        use_context::<axum::http::request::Parts>(),
        use_context::<leptos_axum::ResponseOptions>(),
        Owner::current_shared_context(),
    ) else {
        return;
    };
    let path = parts.uri.path().trim_matches('/').to_owned();
    let segments: Vec<&str> = path.split('/').collect();
    let gate: Option<fn(Role) -> bool> = match segments[..] {
        ["requests"] | ["requests", "new"] | ["projects"] | ["account"] | ["notifications"] => {
            Some(may_open::anyone_signed_in)
        }
        ["work"] | ["replies"] | ["help", "new"] | ["help", _, "edit"] => Some(may_open::staff),
        ["board"] | ["roster"] | ["reports"] | ["mail"] | ["recurring"] => {
            Some(may_open::coordinators)
        }
        ["facility"] => Some(may_open::facility_work),
        ["people"] | ["service-levels"] | ["webhooks"] => Some(may_open::admins),
        _ => None,
    };
    let gated: Check = Box::pin(async move {
        let Some(allowed) = gate else {
            return Ok(());
        };
        match crate::api::ssr::caller().await? {
            (_, Some(user)) if allowed(user.role) => Ok(()),
            (_, Some(_)) => Err(crate::error::AppError::Forbidden),
            (_, None) => Err(crate::error::AppError::Unauthenticated),
        }
    });
    let named: Check = match segments[..] {
        ["tickets", number] => {
            let number = number.to_owned();
            Box::pin(async move {
                crate::api::tickets::ticket_version(number, None, None)
                    .await
                    .map(drop)
            })
        }
        ["track", token] => {
            let token = token.to_owned();
            Box::pin(async move {
                let state = crate::api::ssr::state()?;
                crate::server::portal::tracked_ticket_id(&state, &token)
                    .await
                    .map(drop)
            })
        }
        ["projects", id] => {
            let id = id.to_owned();
            Box::pin(async move {
                let (state, user) = crate::api::ssr::signed_in().await?;
                let id = crate::api::coordination::project_id(&id)?;
                crate::server::coordination::visible_project(&state, &user, id)
                    .await
                    .map(drop)
            })
        }
        ["help", id] | ["help", id, "edit"] if id != "new" => {
            // The page reads an id that is not a number as 0, which no article has. (Only
            // whether the reader may read it: reading the article counts a view.)
            let id = id.parse::<i64>().unwrap_or(0);
            Box::pin(async move {
                let (state, user) = crate::api::ssr::caller().await?;
                crate::server::knowledge::readable(&state, user.as_ref(), id)
                    .await
                    .map(drop)
            })
        }
        // An article started from a ticket (`?from=SB-1042`) reads its draft as the page does.
        ["help", "new"] => {
            let from = Query::<HashMap<String, String>>::try_from_uri(&parts.uri)
                .ok()
                .and_then(|query| query.0.get("from").cloned())
                .filter(|from| !from.is_empty());
            match from {
                Some(from) => Box::pin(async move {
                    crate::api::knowledge::article_from_ticket(from)
                        .await
                        .map(drop)
                }),
                None => Box::pin(async { Ok(()) }),
            }
        }
        _ if gate.is_some() => Box::pin(async { Ok(()) }),
        _ => return,
    };
    // The reads run as a task of the page's owner (its request's contexts); the answer waits
    // for them to be done. The gate comes first: a page not for the reader names nothing.
    let (done, known) = tokio::sync::oneshot::channel::<()>();
    leptos::task::spawn(ScopedFuture::new(async move {
        let checked = match gated.await {
            Ok(()) => named.await,
            refused => refused,
        };
        if let Err(e) = checked {
            response.set_status(
                axum::http::StatusCode::from_u16(e.status_code())
                    .unwrap_or(axum::http::StatusCode::NOT_FOUND),
            );
        }
        let _ = done.send(());
    }));
    shared.defer_stream(Box::pin(async move {
        let _ = known.await;
    }));
}

/// The reader's language and zone. The server decides them for each page (their setting, their
/// browser's language, the desk's default) and writes them on `<html>`, where the browser reads
/// them back, so both render the same words and times.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// The message `key` in the reader's language.
pub fn t(key: &str) -> String {
    use_locale().t(key)
}

/// The locale the server resolved for this request (see the server's `resolve_locale`).
#[cfg(feature = "ssr")]
fn page_locale() -> Locale {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<Locale>().copied())
        .unwrap_or_default()
}

/// The locale written on `<html>` by the server.
#[cfg(not(feature = "ssr"))]
fn page_locale() -> Locale {
    let root = document().document_element();
    let attr = |name: &str| root.as_ref().and_then(|r| r.get_attribute(name));
    Locale::new(
        attr("lang")
            .and_then(|l| crate::i18n::Lang::parse(&l))
            .unwrap_or_default(),
        attr("data-tz")
            .zip(attr("data-zone"))
            .and_then(|(name, spans)| crate::i18n::zone::SpanZone::read(&name, &spans))
            .unwrap_or(crate::i18n::zone::SpanZone::UTC),
    )
}

/// Loads where a sign-in leads as a whole new page (not a step of the running one).
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn full_load(input: &Option<SignIn>, user: &User) {
    #[cfg(feature = "hydrate")]
    {
        let next = input.as_ref().and_then(|i| i.next.clone());
        let to = crate::api::account::safe_next(next.as_deref(), user.role.home());
        let _ = window().location().set_href(&to);
    }
}

/// The unread notifications when the page loaded.
#[derive(Clone, Copy)]
struct UnreadAtLoad(Resource<i64>);

/// The signed-in user, loaded once per page and shared by every component.
#[derive(Clone, Copy)]
pub struct Session(pub Resource<Result<Option<User>, AppError>>);

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // The shell provides it on the server; the browser hydrates `App` alone and reads `<html>`.
    if use_context::<Locale>().is_none() {
        provide_context(page_locale());
    }
    let sign_in = ServerAction::<SignIn>::new();
    let register = ServerAction::<Register>::new();
    let sign_out = ServerAction::<SignOut>::new();
    // Who is signed in changes only through these actions, so the session reloads after each.
    let session = Session(Resource::new(
        move || {
            (
                sign_in.version().get(),
                register.version().get(),
                sign_out.version().get(),
            )
        },
        |_| current_user(),
    ));
    provide_context(session);
    provide_context(sign_in);
    provide_context(register);
    provide_context(sign_out);
    provide_context(notifications::Unread(RwSignal::new(None)));
    // The count the bell starts from, read with the page (anonymous visitors have none), and
    // again after a sign-in; not after a sign-out, whose answer would be a refusal.
    let unread = UnreadAtLoad(Resource::new(
        move || sign_in.version().get(),
        |_| async { crate::api::notifications::unread_count().await.unwrap_or(0) },
    ));
    provide_context(unread);
    // The page's words and times were chosen for whoever loaded it. Someone who signs in with a
    // language or zone of their own, or signs out of one, gets their next page from the server.
    // The action forgets its input when it resolves: keep where the sign-in was meant to lead.
    let signing_in = StoredValue::new(None::<SignIn>);
    Effect::new(move |_| {
        if let Some(input) = sign_in.input().get() {
            signing_in.set_value(Some(input));
        }
    });
    let locale = use_locale();
    Effect::new(move |_| {
        if let Some(Ok(user)) = sign_in.value().get() {
            // The server keeps only zones it knows, by name: the names are compared as they
            // are (the browser carries no list of zones).
            let differs = user.language.is_some_and(|l| l != locale.lang)
                || user
                    .time_zone
                    .as_deref()
                    .is_some_and(|z| z != locale.tz.name());
            if differs {
                full_load(&signing_in.get_value(), &user);
            }
        }
    });
    Effect::new(move |_| {
        if matches!(sign_out.value().get(), Some(Ok(()))) {
            #[cfg(feature = "hydrate")]
            let _ = window().location().set_href("/");
        }
    });
    install_service_worker();
    view! {
        <Title text="Switchboard" />
        <Router>
            <Header />
            <OfflineBanner />
            <main id="main">
                <Routes fallback=|| {
                    #[cfg(feature = "ssr")]
                    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                        response.set_status(axum::http::StatusCode::NOT_FOUND);
                    }
                    view! { <NotFound /> }
                }>
                    <Route path=path!("/") view=Home ssr=SsrMode::InOrder />
                    <Route path=path!("/offline") view=OfflinePage ssr=SsrMode::InOrder />
                    <Route path=path!("/login") view=SignInRoute::lazy() ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/register")
                        view=RegisterRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route path=path!("/verify") view=VerifyRoute::lazy() ssr=SsrMode::InOrder />
                    <Route path=path!("/forgot") view=ForgotRoute::lazy() ssr=SsrMode::InOrder />
                    <Route path=path!("/reset") view=ResetRoute::lazy() ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/requests")
                        view=MyRequestsRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route
                        path=path!("/requests/new")
                        view=NewRequestRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route
                        path=path!("/tickets/:number")
                        view=TicketRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route
                        path=path!("/track/:token")
                        view=TrackRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route path=path!("/board") view=BoardRoute::lazy() ssr=SsrMode::InOrder />
                    <Route path=path!("/work") view=MyWorkRoute::lazy() ssr=SsrMode::InOrder />
                    <Route path=path!("/roster") view=RosterRoute::lazy() ssr=SsrMode::InOrder />
                    <Route path=path!("/reports") view=ReportsRoute::lazy() ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/projects")
                        view=ProjectsRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route
                        path=path!("/projects/:id")
                        view=ProjectRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route
                        path=path!("/facility")
                        view=WorkOrdersRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route path=path!("/mail") view=HeldMailRoute::lazy() ssr=SsrMode::InOrder />
                    <Route path=path!("/help") view=HelpRoute::lazy() ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/help/new")
                        view=NewArticleRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route path=path!("/help/:id") view=ArticleRoute::lazy() ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/help/:id/edit")
                        view=EditArticleRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route path=path!("/replies") view=RepliesRoute::lazy() ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/recurring")
                        view=RecurringRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route path=path!("/people") view=PeopleRoute::lazy() ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/service-levels")
                        view=ServiceLevelsRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route
                        path=path!("/webhooks")
                        view=WebhooksRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                    <Route path=path!("/account") view=AccountRoute::lazy() ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/notifications")
                        view=NotificationsRoute::lazy()
                        ssr=SsrMode::InOrder
                    />
                </Routes>
            </main>
        </Router>
    }
}

#[component]
fn Header() -> impl IntoView {
    let session = expect_context::<Session>();
    let sign_out = expect_context::<ServerAction<SignOut>>();
    let UnreadAtLoad(unread) = expect_context::<UnreadAtLoad>();
    let (menu_open, set_menu_open) = signal(false);
    view! {
        <header class="topbar">
            <a class="skip" href="#main">
                {t("nav-skip")}
            </a>
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">
                    "◎"
                </span>
                "Switchboard"
            </A>
            <button
                class="menu-toggle"
                aria-controls="primary-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| set_menu_open.update(|o| *o = !*o)
            >
                {move || if menu_open.get() { t("nav-close-menu") } else { t("nav-menu") }}
            </button>
            <nav
                id="primary-nav"
                class="nav"
                class:open=move || menu_open.get()
                aria-label=t("nav-main")
            >
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match session.0.await {
                            Ok(Some(user)) => {
                                let role = user.role;
                                let unread = unread.await;
                                view! {
                                    {role
                                        .coordinates()
                                        .then(|| view! { <A href="/board">{t("nav-board")}</A> })}
                                    {role
                                        .is_staff()
                                        .then(|| view! { <A href="/work">{t("nav-my-work")}</A> })}
                                    <A href="/requests">{t("nav-my-requests")}</A>
                                    <A href="/requests/new">{t("nav-new-request")}</A>
                                    <A href="/help">{t("nav-help")}</A>
                                    {role
                                        .coordinates()
                                        .then(|| view! { <A href="/roster">{t("nav-roster")}</A> })}
                                    {role
                                        .coordinates()
                                        .then(|| {
                                            view! { <A href="/reports">{t("nav-reports")}</A> }
                                        })}
                                    {role
                                        .coordinates()
                                        .then(|| {
                                            view! { <A href="/projects">{t("nav-projects")}</A> }
                                        })}
                                    {role
                                        .coordinates()
                                        .then(|| {
                                            view! { <A href="/recurring">{t("nav-recurring")}</A> }
                                        })}
                                    {(role.coordinates() || role == Role::Facility)
                                        .then(|| {
                                            view! { <A href="/facility">{t("nav-work-orders")}</A> }
                                        })}
                                    {role
                                        .coordinates()
                                        .then(|| {
                                            view! { <A href="/mail">{t("nav-held-mail")}</A> }
                                        })}
                                    {(role == Role::Admin)
                                        .then(|| view! { <A href="/people">{t("nav-people")}</A> })}
                                    {(role == Role::Admin)
                                        .then(|| {
                                            view! {
                                                <A href="/service-levels">{t("nav-service-levels")}</A>
                                            }
                                        })}
                                    {(role == Role::Admin)
                                        .then(|| {
                                            view! { <A href="/webhooks">{t("nav-webhooks")}</A> }
                                        })}
                                    <notifications::Bell initial=unread />
                                    <A
                                        href="/account"
                                        attr:class="whoami"
                                        attr:title=user.email.clone()
                                    >
                                        {user.name.clone()}
                                        <small>{role.label(&use_locale())}</small>
                                    </A>
                                    <ActionForm action=sign_out attr:class="inline">
                                        <button type="submit" class="link">
                                            {t("nav-sign-out")}
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                            _ => {
                                view! {
                                    <A href="/help">{t("nav-help")}</A>
                                    <A href="/login">{t("nav-sign-in")}</A>
                                }
                                    .into_any()
                            }
                        }
                    })}
                </Transition>
            </nav>
        </header>
    }
}

#[component]
fn Home() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <Title text=t("home-title") />
        <section class="hero">
            <h1>{t("home-heading")}</h1>
            <p class="lead">{t("home-lead")}</p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match session.0.await {
                        Ok(Some(user)) => {
                            view! {
                                <p>
                                    {t("home-signed-in-as")} " "
                                    <strong>{user.name.clone()}</strong>
                                </p>
                                <div class="actions">
                                    <A href=user.role.home() attr:class="button primary">
                                        {t(
                                            match user.role {
                                                Role::Requester => "home-go-requests",
                                                Role::Facility => "home-go-work-orders",
                                                Role::Technician => "home-go-work",
                                                _ => "home-go-board",
                                            },
                                        )}
                                    </A>
                                    <A href="/requests/new" attr:class="button">
                                        {t("home-report-problem")}
                                    </A>
                                </div>
                            }
                                .into_any()
                        }
                        _ => {
                            view! {
                                <div class="actions">
                                    <A href="/login" attr:class="button primary">
                                        {t("nav-sign-in")}
                                    </A>
                                    <A href="/register" attr:class="button">
                                        {t("home-create-account")}
                                    </A>
                                </div>
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

/// Registers the service worker (`public/sw.js`), which keeps the client's files for an installed
/// app to open at once and answers a page asked for offline with [`OfflinePage`].
fn install_service_worker() {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            // Browsers offer service workers over HTTPS and on this machine only.
            let workers = window().navigator().service_worker();
            if !AsRef::<leptos::wasm_bindgen::JsValue>::as_ref(&workers).is_undefined() {
                let _ = workers.register("/sw.js");
            }
        }
    });
}

/// Says so while the device has no network: what is typed stays, nothing is sent.
#[component]
fn OfflineBanner() -> impl IntoView {
    let online = RwSignal::new(true);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        online.set(window().navigator().on_line());
    });
    let down = window_event_listener(leptos::ev::offline, move |_| online.set(false));
    let up = window_event_listener(leptos::ev::online, move |_| online.set(true));
    on_cleanup(move || {
        down.remove();
        up.remove();
    });
    view! {
        <Show when=move || !online.get()>
            <p class="offline-banner" role="status">
                {t("offline-banner")}
            </p>
        </Show>
    }
}

/// What the installed app shows for a page asked for without a network (kept by the service
/// worker, fetched as nobody so it names no one).
#[component]
fn OfflinePage() -> impl IntoView {
    view! {
        <section class="panel narrow offline">
            <Title text=t("offline-title") />
            <h1>{t("offline-title")}</h1>
            <p>{t("offline-body")}</p>
            <a class="button primary" href="/">
                {t("offline-try-again")}
            </a>
        </section>
    }
}

/// "Not found", for an address no page answers (whose status the router's fallback sets) and
/// for what a page names but cannot find or show (whose status `status_of_named_page` sets).
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="panel narrow">
            <Title text=t("page-not-found-title") />
            <h1>{t("error-not_found")}</h1>
            <p>{t("page-not-found")}</p>
            <A href="/">{t("page-back-to-start")}</A>
        </section>
    }
}

/// Who may open a page behind a [`Gate`]: each page's gate is one of these, and the server answers
/// a page's status by the same rule (`status_of_named_page`).
pub mod may_open {
    use crate::domain::Role;

    pub fn anyone_signed_in(_: Role) -> bool {
        true
    }

    pub fn staff(role: Role) -> bool {
        role.is_staff()
    }

    pub fn coordinators(role: Role) -> bool {
        role.coordinates()
    }

    pub fn admins(role: Role) -> bool {
        role == Role::Admin
    }

    /// Work orders: the facility team and the coordinators who ask for the work.
    pub fn facility_work(role: Role) -> bool {
        role == Role::Facility || role.coordinates()
    }
}

/// Renders `children` for a signed-in user whose role passes `allowed` (one of [`may_open`]);
/// otherwise asks to sign in or says the page is not for them. The data itself is protected by
/// the server functions.
#[component]
pub fn Gate<F, V>(allowed: fn(Role) -> bool, children: F) -> impl IntoView
where
    F: Fn(User) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let session = expect_context::<Session>();
    let location = leptos_router::hooks::use_location();
    view! {
        <Suspense fallback=|| {
            view! { <p class="muted">{t("page-loading")}</p> }
        }>
            {
                let children = children.clone();
                move || {
                    let children = children.clone();
                    Suspend::new(async move {
                        match session.0.await {
                            Ok(Some(user)) if allowed(user.role) => children(user).into_any(),
                            Ok(Some(_)) => {
                                view! {
                                    <section class="panel narrow" role="alert">
                                        <h1>{t("page-not-allowed")}</h1>
                                        <p>{t("page-not-your-role")}</p>
                                        <A href="/">{t("page-back-to-start")}</A>
                                    </section>
                                }
                                    .into_any()
                            }
                            _ => {
                                let next = location.pathname.get_untracked();
                                view! {
                                    <section class="panel narrow">
                                        <h1>{t("error-unauthenticated")}</h1>
                                        <p>{t("page-sign-in-to-see")}</p>
                                        <a
                                            class="button primary"
                                            href=format!("/login?next={next}")
                                        >
                                            {t("nav-sign-in")}
                                        </a>
                                    </section>
                                }
                                    .into_any()
                            }
                        }
                    })
                }
            }
        </Suspense>
    }
}
