//! Building the application around an already-bound listener, so tests use port 0.

use crate::config::Config;
use app::domain::PriorityMatrix;
use app::server::db::{Db, OpenError};
use app::server::state::{Clock, FeedHead, Settings, Shared};
use app::server::timings::Timings;
use app::server::AppState;
use app::{shell, App};
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tower_http::compression::predicate::{DefaultPredicate, Predicate};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Why the server could not start; printed and the process stops.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("configuration: {0}")]
    Config(String),
    #[error(transparent)]
    Database(#[from] OpenError),
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    pub state: AppState,
    sla_interval: Duration,
    mail_interval: Duration,
    /// The help desk's mailbox, when mail is read over IMAP.
    mailbox: Option<app::server::inbound::imap::ImapSettings>,
}

/// Opens the database (running migrations), loads demo data when asked and the database is
/// empty, and assembles the routes.
pub async fn build(config: &Config, listener: TcpListener) -> Result<Application, StartError> {
    let priority_matrix =
        PriorityMatrix::parse(&config.priority_matrix).map_err(StartError::Config)?;
    let mailbox = mailbox(config)?;
    let directories = directories(config)?;
    let db = Db::open_with(&config.database_url, config.sqlite_synchronous).await?;
    let head = db.feed_head().await.unwrap_or(0);
    let settings = Settings {
        session_idle: Duration::from_secs(config.session_idle_hours.max(1) * 3600),
        session_lifetime: Duration::from_secs(config.session_lifetime_days.max(1) * 86400),
        tracking_link_days: config.tracking_link_days.max(1) as i64,
        secure_cookies: config.secure_cookies,
        allow_registration: config.allow_registration,
        registration_domains: config
            .registration_domains
            .split(',')
            .map(|d| d.trim().to_lowercase())
            .filter(|d| !d.is_empty())
            .collect(),
        priority_matrix,
        public_url: config.public_url.trim_end_matches('/').to_string(),
        default_language: config.default_language,
        time_zone: config.time_zone,
        attachment_max_bytes: config.attachment_max_mb * app::server::state::MB,
        attachment_ticket_max_bytes: config.attachment_ticket_max_mb * app::server::state::MB,
        trusted_proxies: config
            .trusted_proxies
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| {
                a.parse().map_err(|_| {
                    StartError::Config(format!("--trusted-proxies: {a:?} is not an IP address"))
                })
            })
            .collect::<Result<_, _>>()?,
        outbound: app::server::webhooks::Outbound {
            allow_http: config.webhook_allow_http,
            allow_hosts: config
                .webhook_allow_hosts
                .split(',')
                .map(|h| {
                    h.trim()
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .to_lowercase()
                })
                .filter(|h| !h.is_empty())
                .collect(),
        },
        mail_intake: app::server::inbound::MailIntake {
            limits: app::server::inbound::Limits {
                max_bytes: config.mail_inbound_max_mb * app::server::state::MB,
                ..Default::default()
            },
            domains: config
                .mail_inbound_domains
                .split(',')
                .map(|d| d.trim().to_lowercase())
                .filter(|d| !d.is_empty())
                .collect(),
            per_hour: i64::from(config.mail_inbound_per_hour.max(1)),
            desk_address: config
                .mail_reply_address
                .clone()
                .or_else(|| {
                    mailbox
                        .as_ref()
                        .map(|m| m.user.clone())
                        .filter(|u| u.contains('@'))
                })
                .map(|a| a.trim().to_lowercase()),
            category: config.mail_inbound_category.trim().to_string(),
        },
        directories,
    };
    let mailer = match &config.smtp_host {
        None => None,
        Some(host) => Some(
            app::server::mail::Mailer::new(&app::server::mail::SmtpSettings {
                host: host.clone(),
                port: config.smtp_port,
                security: config.smtp_security.parse().map_err(StartError::Config)?,
                username: config.smtp_username.clone(),
                password: config.smtp_password.as_ref().map(|s| s.0.clone()),
                from: config.mail_from.clone(),
                timeout: smtp_timeout(config.smtp_timeout_secs)?,
            })
            .map_err(StartError::Config)?,
        ),
    };
    let assets = crate::assets::Assets::load(&config.site_root);
    let leptos_options = LeptosOptions::builder()
        .output_name(assets.output_name())
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(listener.local_addr().unwrap_or(config.addr))
        .build();
    let state = AppState::from(Shared {
        leptos_options,
        db,
        settings: Arc::new(settings),
        feed: FeedHead::new(head),
        clock: Clock::default(),
        mailer,
        timings: Timings::default(),
        workers: Default::default(),
    });
    if config.demo && state.db.count_users().await.unwrap_or(1) == 0 {
        match app::server::demo::load(&state).await {
            Ok(()) => tracing::info!("demo data loaded"),
            Err(e) => tracing::error!(error = %e, "demo data could not be loaded"),
        }
        state.feed.advance(state.db.feed_head().await.unwrap_or(0));
    }
    let router = router(state.clone());
    Ok(Application {
        listener,
        router,
        state,
        sla_interval: Duration::from_secs(config.sla_interval_secs.max(1)),
        mail_interval: Duration::from_secs(config.mail_interval_secs.max(1)),
        mailbox,
    })
}

/// The mailbox to read, from `--mail-inbound` and its secrets (checked before anything starts).
fn mailbox(
    config: &Config,
) -> Result<Option<app::server::inbound::imap::ImapSettings>, StartError> {
    use app::server::inbound::imap::{Auth, ImapSettings};
    let Some(url) = config
        .mail_inbound
        .as_deref()
        .filter(|u| !u.trim().is_empty())
    else {
        return Ok(None);
    };
    let auth = match (
        &config.mail_inbound_oauth_token_url,
        &config.mail_inbound_oauth_client_id,
        &config.mail_inbound_oauth_client_secret,
        &config.mail_inbound_oauth_refresh_token,
        &config.mail_inbound_password,
    ) {
        (Some(token_url), Some(client_id), Some(secret), Some(refresh), _) => Auth::OAuth2 {
            token_url: token_url.clone(),
            client_id: client_id.clone(),
            client_secret: secret.0.clone(),
            refresh_token: refresh.0.clone(),
        },
        (None, None, None, None, Some(password)) => Auth::Password(password.0.clone()),
        (None, None, None, None, None) => {
            return Err(StartError::Config(
                "--mail-inbound needs SWITCHBOARD_MAIL_INBOUND_PASSWORD, or the four \
                 --mail-inbound-oauth-* settings"
                    .into(),
            ))
        }
        _ => {
            return Err(StartError::Config(
                "OAuth2 for the mailbox needs all of --mail-inbound-oauth-token-url, \
                 --mail-inbound-oauth-client-id, SWITCHBOARD_MAIL_INBOUND_OAUTH_CLIENT_SECRET \
                 and SWITCHBOARD_MAIL_INBOUND_OAUTH_REFRESH_TOKEN"
                    .into(),
            ))
        }
    };
    let mut settings = ImapSettings::parse(url.trim(), auth)
        .map_err(|e| StartError::Config(format!("--mail-inbound: {e}")))?;
    settings.interval = Duration::from_secs(config.mail_inbound_interval_secs.max(1));
    settings.done_folder =
        Some(config.mail_inbound_done_folder.trim().to_string()).filter(|f| !f.is_empty());
    if let Some(path) = &config.mail_inbound_ca_file {
        let pem = read_ca_file("--mail-inbound-ca-file", path)?;
        settings
            .trust_pem(&pem)
            .map_err(|e| StartError::Config(format!("--mail-inbound-ca-file: {e}")))?;
    }
    Ok(Some(settings))
}

/// The certificates in a `--*-ca-file`, or why it cannot be read.
fn read_ca_file(flag: &str, path: &std::path::Path) -> Result<Vec<u8>, StartError> {
    std::fs::read(path).map_err(|e| StartError::Config(format!("{flag} {}: {e}", path.display())))
}

/// The company directory to sign people in with, from the `--ldap-*` settings (checked before
/// anything starts).
fn directories(config: &Config) -> Result<app::server::directory::Directories, StartError> {
    use app::server::directory::{ldap::LdapSettings, Directories, LdapDirectory};
    let bad = |what: &str, e: String| StartError::Config(format!("{what}: {e}"));
    let ldap = match config.ldap_url.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(url) => {
            let mut server = LdapSettings::new(url, &config.ldap_base_dn, &config.ldap_user_filter)
                .map_err(|e| bad("--ldap-url / --ldap-user-filter", e))?;
            server.insecure = config.ldap_allow_insecure;
            server.user_dn_template = config
                .ldap_user_dn_template
                .clone()
                .filter(|t| !t.trim().is_empty());
            server.bind_dn = config.ldap_bind_dn.clone().filter(|d| !d.trim().is_empty());
            server.bind_password = config.ldap_bind_password.as_ref().map(|s| s.0.clone());
            // An empty password would make the service account's bind anonymous.
            if server.bind_password.as_deref() == Some("") {
                return Err(StartError::Config(
                    "SWITCHBOARD_LDAP_BIND_PASSWORD is empty".into(),
                ));
            }
            server.mail_attr = config.ldap_mail_attribute.trim().to_string();
            server.name_attr = config.ldap_name_attribute.trim().to_string();
            server.groups_attr = config.ldap_groups_attribute.trim().to_string();
            if server.user_dn_template.is_none() && server.bind_dn.is_none() {
                return Err(StartError::Config(
                    "--ldap-url needs a service account (--ldap-bind-dn and \
                     SWITCHBOARD_LDAP_BIND_PASSWORD) or --ldap-user-dn-template"
                        .into(),
                ));
            }
            if server.bind_dn.is_some() && server.bind_password.is_none() {
                return Err(StartError::Config(
                    "--ldap-bind-dn needs SWITCHBOARD_LDAP_BIND_PASSWORD".into(),
                ));
            }
            if server.bind_dn.is_some() && server.base_dn.is_empty() {
                return Err(StartError::Config(
                    "--ldap-bind-dn searches under --ldap-base-dn, which is empty".into(),
                ));
            }
            if let Some(path) = &config.ldap_ca_file {
                let pem = read_ca_file("--ldap-ca-file", path)?;
                server.extra_roots =
                    app::server::tls::read_pem(&pem).map_err(|e| bad("--ldap-ca-file", e))?;
            }
            let roles = app::domain::directory::RoleMap::parse(&config.ldap_role_map)
                .map_err(|e| bad("--ldap-role-map", e))?;
            Some(LdapDirectory {
                sync_every: (config.ldap_sync_hours > 0 && server.can_sync())
                    .then(|| Duration::from_secs(config.ldap_sync_hours * 3600)),
                server,
                roles,
            })
        }
    };
    Ok(Directories {
        ldap,
        oidc: openid_provider(config)?,
        password_sign_in: config.password_sign_in,
    })
}

/// The OpenID provider to sign people in with, from the `--oidc-*` settings.
fn openid_provider(
    config: &Config,
) -> Result<Option<app::server::directory::oidc::OidcProvider>, StartError> {
    use app::server::directory::oidc::{OidcProvider, OidcSettings, CALLBACK_PATH};
    let bad = |what: &str, e: String| StartError::Config(format!("{what}: {e}"));
    let issuer = match config.oidc_issuer.as_deref().map(str::trim) {
        None | Some("") => return Ok(None),
        Some(issuer) => issuer.to_string(),
    };
    let label = config
        .oidc_button_label
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .unwrap_or_else(|| app::server::directory::oidc::host_of(&issuer));
    let settings = OidcSettings {
        redirect_url: format!("{}{CALLBACK_PATH}", config.public_url.trim_end_matches('/')),
        issuer,
        client_id: config.oidc_client_id.trim().to_string(),
        client_secret: config
            .oidc_client_secret
            .as_ref()
            .map(|s| app::server::directory::oidc::ClientSecret::new(s.0.clone())),
        label: label.chars().take(60).collect(),
        scopes: config
            .oidc_scopes
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        role_claim: config
            .oidc_role_claim
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string),
        roles: app::domain::directory::RoleMap::parse(&config.oidc_role_map)
            .map_err(|e| bad("--oidc-role-map", e))?,
        trust_email: config.oidc_trust_email,
        email_domains: config
            .oidc_email_domains
            .split(',')
            .map(|d| d.trim().trim_start_matches('@').to_lowercase())
            .filter(|d| !d.is_empty())
            .collect(),
    };
    // A map without a claim to read groups from would take every mapped role away.
    if settings.role_claim.is_none() && !settings.roles.is_empty() {
        return Err(StartError::Config(
            "--oidc-role-map needs --oidc-role-claim (the claim with the groups)".into(),
        ));
    }
    let roots = match &config.oidc_ca_file {
        Some(path) => Some(read_ca_file("--oidc-ca-file", path)?),
        None => None,
    };
    OidcProvider::new(settings, roots.as_deref())
        .map(Some)
        .map_err(|e| bad("--oidc-issuer / --oidc-client-id", e))
}

/// The pages' routes, worked out once per process. Working them out renders the app with every
/// resource held back by a flag leptos keeps for the whole process (leptos-rs/leptos#4773): a page
/// another server in the same process is rendering meanwhile, whose resource first looks at the
/// flag then, waits for good. Two servers share a process in the tests (CI saw a ticket page stop
/// at its `<main>` until the client gave up), and an embedding program could do the same.
static ROUTES: std::sync::LazyLock<Vec<leptos_axum::AxumRouteListing>> =
    std::sync::LazyLock::new(|| generate_route_list(App));

pub fn router(state: AppState) -> Router {
    let routes = ROUTES.clone();
    // Over TLS, browsers are told to use nothing else for a year.
    let hsts = state.settings.secure_cookies.then(|| {
        SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        )
    });
    let assets = crate::assets::Assets::of(&state.leptos_options);
    let worker = worker_script(&state.leptos_options);
    Router::new()
        .route(
            "/pkg/{*file}",
            get(move |req: Request| async move { assets.serve(req).await }),
        )
        .route(
            "/words/{file}",
            get(|Path(file): Path<String>, headers: HeaderMap| crate::assets::words(file, headers)),
        )
        .route(
            "/sw.js",
            get(move || {
                let worker = worker.clone();
                async move { service_worker(worker) }
            }),
        )
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .route(
            "/favicon.ico",
            get(|| async { axum::response::Redirect::permanent("/favicon.svg") }),
        )
        .route("/help/open/{kind}/{id}", get(crate::rest::open_offered))
        .route("/auth/oidc/start", get(crate::sign_in::start))
        .route("/auth/oidc/callback", get(crate::sign_in::callback))
        .route("/api/docs", get(crate::rest::reference::page))
        .route("/api/docs.css", get(crate::rest::reference::stylesheet))
        .nest("/api/v1", crate::rest::routes().into())
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(middleware::from_fn(page_policy))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            merged_redirect,
        ))
        .layer(middleware::from_fn(server_fn_status))
        .layer(middleware::from_fn(crate::assets::lower_part_preloads))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            files_with_the_request_form,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            resolve_locale,
        ))
        .layer(CompressionLayer::new().compress_when(DefaultPredicate::new().and(small_enough)))
        .layer(refuse_cross_site())
        // Pages and API answers hold one person's data as it is now: never reused from a cache
        // without asking (the client's files say otherwise for themselves).
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        // Pages set their own policy with a nonce (app::shell); everything else (JSON, files)
        // may run nothing and be framed by no one.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'; sandbox"),
        ))
        .layer(tower::util::option_layer(hsts))
        .layer(middleware::map_response(challenge))
        .layer(middleware::from_fn_with_state(
            state.timings.clone(),
            time_requests,
        ))
        .with_state(state)
}

/// A 401 says how to authenticate (RFC 9110, 15.5.2): with a bearer token (RFC 6750), as API
/// clients do; a browser signs in on `/login` and sends its session instead.
async fn challenge(mut response: Response) -> Response {
    if response.status() == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .entry(header::WWW_AUTHENTICATE)
            .or_insert(HeaderValue::from_static("Bearer realm=\"Switchboard\""));
    }
    response
}

/// How often SQLite's write-ahead log is copied back into the database file (`Db::checkpoint`).
const CHECKPOINT_EVERY: Duration = Duration::from_millis(250);

/// How long a client has to send a request's headers once it has begun (or, on a kept-alive
/// connection, the next request's): a browser on a slow phone sends them in well under a second.
pub const HEADER_DEADLINE: Duration = Duration::from_secs(10);

/// How long a stop waits for open requests to finish before closing their connections.
pub const STOP_GRACE: Duration = Duration::from_secs(10);

impl Application {
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// Serves until `shutdown` resolves, then finishes in-flight requests (for at most
    /// [`STOP_GRACE`]).
    ///
    /// The accept loop is this server's own rather than `axum::serve`, which sets no deadline
    /// for a request's headers: a client that sent half a request and then nothing held its
    /// connection for good, and kept the server from stopping until it went away. Here a
    /// request's headers must arrive within [`HEADER_DEADLINE`] and a stop waits for open
    /// connections at most [`STOP_GRACE`].
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        use hyper_util::rt::{TokioIo, TokioTimer};
        use hyper_util::server::graceful::GracefulShutdown;
        use hyper_util::service::TowerToHyperService;
        use tower::ServiceExt;

        let workers = self.start_workers();
        // HTTP/1.1, as axum's loop served it (HTTP/2 is for the TLS proxy in front).
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_DEADLINE);
        let connections = GracefulShutdown::new();
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            let (tcp, remote) = tokio::select! {
                accepted = self.listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    Err(e) => {
                        // A connection that failed before it was accepted needs nothing; out
                        // of file descriptors and the like, wait before trying again.
                        tracing::debug!(error = %e, "accept failed");
                        if !matches!(
                            e.kind(),
                            std::io::ErrorKind::ConnectionAborted
                                | std::io::ErrorKind::ConnectionReset
                                | std::io::ErrorKind::ConnectionRefused
                        ) {
                            tokio::time::sleep(Duration::from_millis(100)).await;
                        }
                        continue;
                    }
                },
                () = &mut shutdown => break,
            };
            // Pages stream in several writes: with Nagle's algorithm on, each small write after
            // the first waits for the client's delayed acknowledgement (40 ms on loopback).
            if let Err(e) = tcp.set_nodelay(true) {
                tracing::debug!(error = %e, "TCP_NODELAY not set");
            }
            // Who is asking, for the rate limits (`ConnectInfo`, as axum's own loop gives it).
            let service = self.router.clone().map_request(
                move |mut request: axum::extract::Request<hyper::body::Incoming>| {
                    request
                        .extensions_mut()
                        .insert(axum::extract::ConnectInfo(remote));
                    request
                },
            );
            let connection =
                builder.serve_connection(TokioIo::new(tcp), TowerToHyperService::new(service));
            let connection = connections.watch(connection);
            tokio::spawn(async move {
                if let Err(e) = connection.await {
                    tracing::trace!(error = %e, "connection ended");
                }
            });
        }
        drop(self.listener);
        // Long polls are answered at once when stopping, rather than holding the stop for 25 s.
        self.state.feed.close();
        if tokio::time::timeout(STOP_GRACE, connections.shutdown())
            .await
            .is_err()
        {
            tracing::warn!(
                "connections still open {} s after the stop: closing them",
                STOP_GRACE.as_secs()
            );
        }
        drop(workers);
        Ok(())
    }

    /// Background work that lives as long as the server: folding request timings into their
    /// histograms, WAL checkpoints, and the SLA scheduler
    /// (which first computes clocks missing from older tickets, then fires whatever came due while
    /// the server was down). Dropping the set stops them.
    fn start_workers(&self) -> tokio::task::JoinSet<()> {
        let mut workers = tokio::task::JoinSet::new();
        let timings = self.state.timings.clone();
        workers.spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(5));
            loop {
                every.tick().await;
                timings.upkeep();
            }
        });
        let (db, feed) = (self.state.db.clone(), self.state.feed.clone());
        workers.spawn(async move { db.follow_feed(|id| feed.advance(id)).await });
        let (db, beats) = (self.state.db.clone(), self.state.workers.clone());
        // Often enough that the write-ahead log never reaches `wal_autocheckpoint` (16,384 pages)
        // under a full filing load (a filing writes about 30 pages, 600 a second): past it, the
        // writer that commits copies the whole log back itself, and every request waits ~120 ms.
        // With nothing to copy, a checkpoint is one cheap statement.
        beats.expect("checkpoint", CHECKPOINT_EVERY);
        workers.spawn(async move {
            let mut every = tokio::time::interval(CHECKPOINT_EVERY);
            loop {
                every.tick().await;
                match db.checkpoint().await {
                    Ok(()) => beats.beat("checkpoint"),
                    Err(e) => tracing::warn!(error = %e, "background checkpoint failed"),
                }
            }
        });
        let state = self.state.clone();
        let interval = self.sla_interval;
        state.workers.expect("sla", interval);
        workers.spawn(async move {
            match app::server::sla::refresh_all(&state, false).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(tickets = n, "service-level clocks computed"),
                Err(e) => tracing::error!(error = %e, "service-level clocks could not be computed"),
            }
            let mut every = tokio::time::interval(interval);
            loop {
                every.tick().await;
                match app::server::sla::run_due(&state).await {
                    Ok(0) => state.workers.beat("sla"),
                    Ok(n) => {
                        state.workers.beat("sla");
                        tracing::info!(rules = n, "escalation rules fired");
                    }
                    Err(e) => tracing::warn!(error = %e, "escalation rules could not run"),
                }
                // Recurring tickets come due on the same clock.
                if let Err(e) = app::server::service::file_due_recurring(&state).await {
                    tracing::warn!(error = %e, "recurring tickets could not be filed");
                }
            }
        });
        let interval = self.mail_interval;
        if self.state.mail_configured() {
            workers.spawn(outbox_worker(
                self.state.clone(),
                "mail",
                interval,
                |state| Box::pin(app::server::mail::deliver_due(state)),
            ));
        }
        // Webhooks go out on the mail worker's interval, whether or not mail is configured.
        workers.spawn(outbox_worker(
            self.state.clone(),
            "webhooks",
            interval,
            |state| Box::pin(app::server::webhooks::deliver_due(state)),
        ));
        if let Some(every) = self
            .state
            .settings
            .directories
            .ldap
            .as_ref()
            .and_then(|l| l.sync_every)
        {
            workers.spawn(app::server::directory::run_scheduled(
                self.state.clone(),
                every,
            ));
        }
        if let Some(mailbox) = self.mailbox.clone() {
            let state = self.state.clone();
            // A round ends with a beat; IDLE waits at most the interval between rounds.
            state.workers.expect(
                "mail-inbound",
                mailbox.interval.max(Duration::from_secs(60)),
            );
            tracing::info!(host = %mailbox.host, mailbox = %mailbox.mailbox, "reading the help desk's mailbox");
            workers.spawn(app::server::inbound::imap::run(state, mailbox));
        }
        workers
    }
}

/// How long one message may take to hand over: at most 100 s, well within the 120 s a claimed
/// message is reserved for, so no other worker sends it meanwhile.
fn smtp_timeout(secs: u64) -> Result<Duration, StartError> {
    if (1..=100).contains(&secs) {
        Ok(Duration::from_secs(secs))
    } else {
        Err(StartError::Config(format!(
            "--smtp-timeout-secs is between 1 and 100, not {secs}"
        )))
    }
}

/// What an outbox worker sends each round (mail, webhook deliveries): how many went out.
type Round = for<'a> fn(
    &'a AppState,
) -> std::pin::Pin<
    Box<dyn std::future::Future<Output = Result<usize, app::error::AppError>> + Send + 'a>,
>;

/// Sends an outbox's due items every `interval`, beating as `name` after each round.
async fn outbox_worker(state: AppState, name: &'static str, interval: Duration, round: Round) {
    state.workers.expect(name, interval);
    let mut every = tokio::time::interval(interval);
    loop {
        every.tick().await;
        match round(&state).await {
            Ok(n) => {
                state.workers.beat(name);
                if n > 0 {
                    tracing::info!(worker = name, sent = n, "outbox sent");
                }
            }
            Err(e) => tracing::warn!(worker = name, error = %e, "outbox worker could not run"),
        }
    }
}

/// Records how long the server took to answer, by route (a long poll's wait left out).
async fn time_requests(State(timings): State<Timings>, req: Request, next: Next) -> Response {
    let route = route_label(&req);
    let started = std::time::Instant::now();
    let (response, waited) = app::server::timings::leaving_out_waits(next.run(req)).await;
    timings.record(route, started.elapsed().saturating_sub(waited));
    response
}

/// A request's route for the timings: the pattern it matched (`/api/v1/tickets/{number}`, a
/// server function's path, a page's route), so ids never become labels and the set of routes stays
/// as small as the route table. What no route matched is a static file or else "other".
fn route_label(req: &Request) -> String {
    match req.extensions().get::<axum::extract::MatchedPath>() {
        Some(matched) => matched.as_str().to_string(),
        None if req.uri().path().starts_with("/pkg/")
            || req.uri().path().starts_with("/favicon") =>
        {
            "static".to_string()
        }
        None => "other".to_string(),
    }
}

/// Request timings for monitoring, in Prometheus' text format; admins only (bearer token).
async fn metrics(
    State(state): State<AppState>,
    crate::rest::Caller(user): crate::rest::Caller,
) -> Response {
    if user.role != app::domain::Role::Admin {
        return crate::rest::error_response(&app::error::AppError::Forbidden);
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.timings.prometheus(),
    )
        .into_response()
}

/// The service worker (`public/sw.js`), read once at start-up. It names its cache after the
/// client build, so a new build's worker replaces the old one and its files.
fn worker_script(options: &LeptosOptions) -> Option<axum::body::Bytes> {
    let path = std::path::Path::new(options.site_root.as_ref()).join("sw.js");
    let build = options
        .output_name
        .strip_prefix(crate::assets::OUTPUT_NAME)
        .and_then(|v| v.strip_prefix('.'))
        .unwrap_or("dev");
    let script = std::fs::read_to_string(path).ok()?;
    // Every page's words; the desk's are kept once a desk's page has read them.
    let words: Vec<String> = app::i18n::Lang::ALL
        .into_iter()
        .map(|lang| app::i18n::words::path(lang, app::i18n::words::Shelf::Pages))
        .collect();
    Some(
        script
            .replace("__BUILD__", build)
            .replace("__WORDS__", &words.join(" "))
            .into(),
    )
}

/// The service worker with a policy of its own: it may fetch from this site and nothing else.
/// The `sandbox` every other file gets would keep it from running at all.
fn service_worker(script: Option<axum::body::Bytes>) -> Response {
    match script {
        Some(script) => (
            [
                (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (header::CONTENT_SECURITY_POLICY, "default-src 'self'"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            script,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn healthz(State(state): State<AppState>) -> Response {
    match state.db.schema_version().await {
        Ok(v) => {
            axum::Json(serde_json::json!({"status": "ok", "schema_version": v})).into_response()
        }
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({"status": "unavailable"})),
        )
            .into_response(),
    }
}

/// Ready to serve: the database answers, carries every migration of this release, and the
/// background workers (checkpoints, service-level rules, mail) are going round. A load balancer
/// sends no one to a process that answers 503 here; `/healthz` only says the process is up.
async fn readyz(State(state): State<AppState>) -> Response {
    let mut problems = Vec::new();
    let expected = state.db.expected_schema_version();
    let schema = match state.db.schema_version().await {
        Ok(v) => {
            if v < expected {
                problems.push(format!("database schema {v} is older than {expected}"));
            }
            Some(v)
        }
        Err(_) => {
            problems.push("database unreachable".to_string());
            None
        }
    };
    let (workers, stalled) = state.workers.check();
    problems.extend(stalled.iter().map(|w| format!("worker {w} stalled")));
    let ready = problems.is_empty();
    let body = serde_json::json!({
        "status": if ready { "ready" } else { "not ready" },
        "schema_version": schema,
        "workers": workers,
        "problems": problems,
    });
    let status = if ready {
        StatusCode::OK
    } else {
        tracing::warn!(?problems, "not ready");
        StatusCode::SERVICE_UNAVAILABLE
    };
    (status, axum::Json(body)).into_response()
}

/// The largest answer compressed while it is sent. Pages, API answers and a release's client are
/// far smaller, and a release sends its client's precompressed copies anyway. Larger is a debug
/// build's client (~50 MB: a debug server took 15 seconds to gzip it for each page load), or any
/// file the server should not be made to compress again for each request.
const COMPRESS_AT_MOST: u64 = 16 * 1024 * 1024;

/// Whether an answer is small enough to compress as it is sent (`COMPRESS_AT_MOST`). One of
/// unknown length is compressed as it streams.
fn small_enough(
    _: StatusCode,
    _: axum::http::Version,
    headers: &axum::http::HeaderMap,
    _: &axum::http::Extensions,
) -> bool {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<u64>().ok())
        .is_none_or(|len| len <= COMPRESS_AT_MOST)
}

/// Refuses state-changing requests that a browser marks as coming from another origin, so a
/// signed-in user's cookie cannot be used by a third-party page (CSRF): tower-http's layer, which
/// trusts `Sec-Fetch-Site: same-origin`/`none`, refuses any other `Sec-Fetch-Site`, and otherwise
/// compares `Origin` with the request's host (no `Origin` at all is an API client, not a browser).
/// The refusal is our usual 403 body.
fn refuse_cross_site(
) -> tower_http::csrf::CsrfLayer<impl Fn(tower_http::csrf::ProtectionError) -> Response + Clone> {
    tower_http::csrf::CsrfLayer::new().with_rejection_response(
        |error: tower_http::csrf::ProtectionError| {
            tracing::warn!(%error, "cross-site request refused");
            crate::rest::error_response(&app::error::AppError::Forbidden)
        },
    )
}

/// Pages are rendered in the reader's language and zone: the shell reads the locale resolved here
/// (API calls, server functions and files skip the work).
async fn resolve_locale(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let path = req.uri().path();
    let page = req.method() == Method::GET
        && !["/api/", "/pkg/", "/healthz", "/readyz", "/metrics"]
            .iter()
            .any(|p| path.starts_with(p));
    if page {
        let locale = app::server::locale::for_request(&state, req.headers()).await;
        req.extensions_mut().insert(locale);
    }
    next.run(req).await
}

/// A merged duplicate's page redirects to the ticket it was merged into, for whoever may see that
/// ticket; everyone else gets the page they asked for (which tells them nothing more).
async fn merged_redirect(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let asked = (req.method() == Method::GET)
        .then(|| req.uri().path().strip_prefix("/tickets/"))
        .flatten()
        .and_then(app::domain::TicketNumber::parse);
    if let Some(asked) = asked {
        if let Ok(Some(user)) = app::server::auth::authenticate(&state, req.headers()).await {
            if let Ok(to) = app::server::coordination::follow_merges(&state, &user, asked).await {
                if to != asked {
                    return axum::response::Redirect::to(&format!("/tickets/{to}?merged={asked}"))
                        .into_response();
                }
            }
        }
    }
    next.run(req).await
}

/// A request form posted with files by a browser without JavaScript arrives as multipart, which
/// the `file_request` server function does not read: its files are read here (within the
/// attachment limits) and handed on beside the form's fields, which go on as the URL-encoded form
/// the function expects.
async fn files_with_the_request_form(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    use axum::extract::FromRequest;
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if req.method() != Method::POST || req.uri().path() != "/api/file_request" || !multipart {
        return next.run(req).await;
    }
    // Nobody's files are read before they are known to be signed in.
    if !matches!(
        app::server::auth::authenticate(&state, req.headers()).await,
        Ok(Some(_))
    ) {
        return crate::rest::error_response(&app::error::AppError::Unauthenticated);
    }
    let (mut parts, body) = req.into_parts();
    let read = match axum::extract::Multipart::from_request(
        Request::from_parts(parts.clone(), body),
        &state,
    )
    .await
    {
        Ok(form) => crate::rest::attachments::read_post(&state, form).await,
        Err(_) => Err(app::error::AppError::field(
            app::server::service::FILE_FIELD,
            "err-attachment-upload",
        )),
    };
    let (fields, files) = match read {
        Ok(posted) => {
            let files = match posted.refused {
                Some(e) => Err(e),
                None => Ok(posted.files),
            };
            (posted.fields, files)
        }
        Err(e) => (Vec::new(), Err(e)),
    };
    let body: String = fields
        .iter()
        .map(|(k, v)| format!("{}={}", form_encode(k), form_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-www-form-urlencoded"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    parts
        .extensions
        .insert(app::server::service::PostedFiles::new(files));
    next.run(Request::from_parts(parts, axum::body::Body::from(body)))
        .await
}

/// Percent-encodes a form value (`application/x-www-form-urlencoded`).
fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A page's security policy, with the nonce its render left in the request
/// (`app::ui::PageNonce`): set here on the answer itself rather than through Leptos'
/// `ResponseOptions`, which lost it now and then. Answers that are not pages get the strict
/// default policy further out.
async fn page_policy(mut req: Request, next: Next) -> Response {
    let nonce = app::ui::PageNonce::default();
    req.extensions_mut().insert(nonce.clone());
    let mut response = next.run(req).await;
    if let Some(value) = nonce.policy().and_then(|p| HeaderValue::from_str(&p).ok()) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// Server functions answer every error with 500; give the browser and API clients the status the
/// error means (401, 403, 404, 422, …) so that only real server faults are 500s.
async fn server_fn_status(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 1024 * 1024)
        .await
        .unwrap_or_default();
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}
