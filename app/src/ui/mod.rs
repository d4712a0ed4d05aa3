//! Pages and components, grouped by who uses them.

mod account;
mod admin;
mod board;
mod coordination;
mod facility;
mod live;
mod notifications;
pub(crate) mod portal;
mod projects;
mod reports;
mod service_levels;
mod tech;
mod widgets;

use crate::api::account::{current_user, Register, SignIn, SignOut};
use crate::domain::{Role, User};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::{path, SsrMode};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Each page gets a fresh nonce for its inline hydration and resource scripts, and a policy that
/// allows only those, the app's own files and its wasm: an injected `<script>` never runs.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    leptos::nonce::provide_nonce();
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
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
    // The count the bell starts from, read with the page (anonymous visitors have none).
    let unread = UnreadAtLoad(Resource::new(
        move || (sign_in.version().get(), sign_out.version().get()),
        |_| async { crate::api::notifications::unread_count().await.unwrap_or(0) },
    ));
    provide_context(unread);
    // Marks the page as interactive once the browser has hydrated it (tests wait for this).
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/switchboard.css" />
        <Title text="Switchboard" />
        <Router>
            <Header />
            <main id="main">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=Home ssr=SsrMode::InOrder />
                    <Route path=path!("/login") view=account::SignInPage ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/register")
                        view=account::RegisterPage
                        ssr=SsrMode::InOrder
                    />
                    <Route path=path!("/verify") view=account::VerifyPage ssr=SsrMode::InOrder />
                    <Route path=path!("/forgot") view=account::ForgotPage ssr=SsrMode::InOrder />
                    <Route path=path!("/reset") view=account::ResetPage ssr=SsrMode::InOrder />
                    <Route path=path!("/requests") view=portal::MyRequests ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/requests/new")
                        view=portal::NewRequest
                        ssr=SsrMode::InOrder
                    />
                    <Route
                        path=path!("/tickets/:number")
                        view=portal::TicketPage
                        ssr=SsrMode::InOrder
                    />
                    <Route
                        path=path!("/track/:token")
                        view=portal::TrackPage
                        ssr=SsrMode::InOrder
                    />
                    <Route path=path!("/board") view=board::Board ssr=SsrMode::InOrder />
                    <Route path=path!("/work") view=tech::MyWork ssr=SsrMode::InOrder />
                    <Route path=path!("/roster") view=admin::RosterPage ssr=SsrMode::InOrder />
                    <Route path=path!("/reports") view=reports::ReportsPage ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/projects")
                        view=projects::ProjectsPage
                        ssr=SsrMode::InOrder
                    />
                    <Route
                        path=path!("/projects/:id")
                        view=projects::ProjectPage
                        ssr=SsrMode::InOrder
                    />
                    <Route
                        path=path!("/facility")
                        view=facility::WorkOrdersPage
                        ssr=SsrMode::InOrder
                    />
                    <Route path=path!("/people") view=admin::PeoplePage ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/service-levels")
                        view=service_levels::ServiceLevelsPage
                        ssr=SsrMode::InOrder
                    />
                    <Route path=path!("/account") view=admin::AccountPage ssr=SsrMode::InOrder />
                    <Route
                        path=path!("/notifications")
                        view=notifications::NotificationsPage
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
                "Skip to content"
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
                {move || if menu_open.get() { "Close menu" } else { "Menu" }}
            </button>
            <nav id="primary-nav" class="nav" class:open=move || menu_open.get() aria-label="Main">
                <Transition fallback=|| ()>
                    {move || Suspend::new(async move {
                        match session.0.await {
                            Ok(Some(user)) => {
                                let role = user.role;
                                let unread = unread.await;
                                view! {
                                    {role
                                        .coordinates()
                                        .then(|| view! { <A href="/board">"Board"</A> })}
                                    {role
                                        .is_staff()
                                        .then(|| view! { <A href="/work">"My work"</A> })}
                                    <A href="/requests">"My requests"</A>
                                    <A href="/requests/new">"New request"</A>
                                    {role
                                        .coordinates()
                                        .then(|| view! { <A href="/roster">"Roster"</A> })}
                                    {role
                                        .coordinates()
                                        .then(|| view! { <A href="/reports">"Reports"</A> })}
                                    {role
                                        .coordinates()
                                        .then(|| view! { <A href="/projects">"Projects"</A> })}
                                    {(role.coordinates() || role == Role::Facility)
                                        .then(|| view! { <A href="/facility">"Work orders"</A> })}
                                    {(role == Role::Admin)
                                        .then(|| view! { <A href="/people">"People"</A> })}
                                    {(role == Role::Admin)
                                        .then(|| {
                                            view! { <A href="/service-levels">"Service levels"</A> }
                                        })}
                                    <notifications::Bell initial=unread />
                                    <A
                                        href="/account"
                                        attr:class="whoami"
                                        attr:title=user.email.clone()
                                    >
                                        {user.name.clone()}
                                        <small>{role.label()}</small>
                                    </A>
                                    <ActionForm action=sign_out attr:class="inline">
                                        <button type="submit" class="link">
                                            "Sign out"
                                        </button>
                                    </ActionForm>
                                }
                                    .into_any()
                            }
                            _ => view! { <A href="/login">"Sign in"</A> }.into_any(),
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
        <Title text="Switchboard — IT help desk" />
        <section class="hero">
            <h1>"IT help, without the phone tag"</h1>
            <p class="lead">
                "Tell us what is wrong, follow your request to the end, and get the right technician on it."
            </p>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match session.0.await {
                        Ok(Some(user)) => {
                            view! {
                                <p>"Signed in as " <strong>{user.name.clone()}</strong> "."</p>
                                <div class="actions">
                                    <A href=user.role.home() attr:class="button primary">
                                        "Go to my "
                                        {match user.role {
                                            Role::Requester => "requests",
                                            Role::Facility => "work orders",
                                            Role::Technician => "work",
                                            _ => "board",
                                        }}
                                    </A>
                                    <A href="/requests/new" attr:class="button">
                                        "Report a problem"
                                    </A>
                                </div>
                            }
                                .into_any()
                        }
                        _ => {
                            view! {
                                <div class="actions">
                                    <A href="/login" attr:class="button primary">
                                        "Sign in"
                                    </A>
                                    <A href="/register" attr:class="button">
                                        "Create an account"
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

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <section class="panel narrow">
            <h1>"Not found"</h1>
            <p>"There is nothing here, or you may not see it."</p>
            <A href="/">"Back to the start"</A>
        </section>
    }
}

/// Renders `children` for a signed-in user whose role passes `allowed`; otherwise asks to sign
/// in or says the page is not for them. The data itself is protected by the server functions.
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
            view! { <p class="muted">"Loading…"</p> }
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
                                        <h1>"Not allowed"</h1>
                                        <p>"This page is not part of your role."</p>
                                        <A href="/">"Back to the start"</A>
                                    </section>
                                }
                                    .into_any()
                            }
                            _ => {
                                let next = location.pathname.get_untracked();
                                view! {
                                    <section class="panel narrow">
                                        <h1>"Please sign in"</h1>
                                        <p>"You need to sign in to see this page."</p>
                                        <a
                                            class="button primary"
                                            href=format!("/login?next={next}")
                                        >
                                            "Sign in"
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
