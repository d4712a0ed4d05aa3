//! Company sign-in (admins, on the people page): how the directory is connected, its last sync
//! and its result, and who it created, linked, changed or deactivated lately.

use super::*;
use crate::api::people::{directory_status, SyncDirectory};
use crate::domain::directory::{Change, DirectoryStatus, LdapStatus, OidcStatus};
use crate::ui::widgets::when;
use crate::ui::{t, use_locale};

/// `sync` belongs to the page, so that the list of people refreshes after a sync too.
#[component]
pub fn CompanySignIn(sync: ServerAction<SyncDirectory>) -> impl IntoView {
    let status = Resource::new(move || sync.version().get(), |_| directory_status());
    view! {
        <section class="directory" aria-labelledby="directory-heading">
            <h2 id="directory-heading">{t("directory-heading")}</h2>
            <ErrorBox error=action_error(sync) />
            <Transition fallback=|| {
                view! { <p class="muted">{t("admin-loading")}</p> }
            }>
                {move || Suspend::new(async move {
                    match status.await {
                        Err(e) => {
                            view! { <p class="error-box">{e.message(&use_locale())}</p> }.into_any()
                        }
                        Ok(s) => view! { <Status status=s sync /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Status(status: DirectoryStatus, sync: ServerAction<SyncDirectory>) -> impl IntoView {
    let loc = use_locale();
    let password = if status.admins_only {
        loc.t("directory-passwords-admins")
    } else {
        loc.t("directory-passwords-everyone")
    };
    let nothing = status.ldap.is_none() && status.oidc.is_none();
    view! {
        {nothing.then(|| view! { <p class="muted">{t("directory-none")}</p> })}
        {status.oidc.map(|oidc| view! { <Oidc oidc /> })}
        {match status.ldap {
            None => ().into_any(),
            Some(ldap) => {
                let can_sync = ldap.searches;
                view! {
                    <Ldap ldap />
                    <LastSync run=status.last_sync />
                    {can_sync
                        .then(|| {
                            view! {
                                <ActionForm action=sync attr:class="inline">
                                    <button type="submit" disabled=move || sync.pending().get()>
                                        {t("directory-sync-now")}
                                    </button>
                                </ActionForm>
                            }
                        })}
                }
                    .into_any()
            }
        }}
        <p class="muted">{password}</p>
        <Changes changes=status.changes />
    }
}

#[component]
fn Ldap(ldap: LdapStatus) -> impl IntoView {
    let loc = use_locale();
    let security = match ldap.security.as_str() {
        "ldaps" => loc.t("directory-security-ldaps"),
        "starttls" => loc.t("directory-security-starttls"),
        _ => loc.t("directory-security-none"),
    };
    let (finding, how) = match &ldap.template {
        Some(template) if !ldap.searches => (loc.t("directory-finds-template"), template.clone()),
        _ => (loc.t("directory-finds-search"), ldap.filter.clone()),
    };
    let roles = if ldap.roles.is_empty() {
        loc.t("directory-roles-none")
    } else {
        role_map(&ldap.roles, &loc)
    };
    let sync = match ldap.sync_hours {
        Some(h) => loc.t_with("directory-sync-every", &[("hours", (h as i64).into())]),
        None => loc.t("directory-sync-off"),
    };
    view! {
        <dl class="facts">
            <dt>{t("directory-ldap")}</dt>
            <dd>
                <code>{ldap.url}</code>
                " · "
                {security}
            </dd>
            <dt>{t("directory-finding")}</dt>
            <dd>{finding} " " <code>{how}</code></dd>
            <dt>{t("directory-roles")}</dt>
            <dd>{roles}</dd>
            <dt>{t("directory-sync")}</dt>
            <dd>{sync}</dd>
        </dl>
    }
}

/// Which group gives which role: `it-staff → Technician, …`.
fn role_map(roles: &[(String, Role)], loc: &crate::i18n::Locale) -> String {
    roles
        .iter()
        .map(|(group, role)| format!("{group} → {}", role.label(loc)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
fn Oidc(oidc: OidcStatus) -> impl IntoView {
    let loc = use_locale();
    let roles = match &oidc.role_claim {
        Some(claim) if !oidc.roles.is_empty() => (
            loc.t_with("directory-oidc-roles", &[("claim", claim.clone().into())]),
            role_map(&oidc.roles, &loc),
        ),
        _ => (loc.t("directory-roles"), loc.t("directory-roles-none")),
    };
    let domains = if oidc.email_domains.is_empty() {
        loc.t("directory-oidc-domains-any")
    } else {
        oidc.email_domains.join(", ")
    };
    let email = if oidc.trust_email {
        loc.t("directory-oidc-email-trusted")
    } else {
        loc.t("directory-oidc-email-verified")
    };
    view! {
        <dl class="facts oidc">
            <dt>{t("directory-oidc")}</dt>
            <dd>
                <strong>{oidc.label}</strong>
                " · "
                <code>{oidc.issuer}</code>
            </dd>
            <dt>{t("directory-oidc-client")}</dt>
            <dd>
                <code>{oidc.client_id}</code>
            </dd>
            <dt>{t("directory-oidc-callback")}</dt>
            <dd>
                <code>{oidc.redirect_url}</code>
            </dd>
            <dt>{t("directory-oidc-scopes")}</dt>
            <dd>
                <code>{oidc.scopes}</code>
            </dd>
            <dt>{roles.0}</dt>
            <dd>{roles.1}</dd>
            <dt>{t("directory-oidc-domains")}</dt>
            <dd>{domains}</dd>
        </dl>
        <p class="muted">{email}</p>
    }
}

#[component]
fn LastSync(run: Option<crate::domain::directory::SyncRun>) -> impl IntoView {
    let loc = use_locale();
    let text = match &run {
        None => loc.t("directory-never-synced"),
        Some(r) => match r.outcome.as_str() {
            "ok" => loc.t_with(
                "directory-synced",
                &[
                    ("when", when(r.started_at).into()),
                    ("count", r.seen.into()),
                ],
            ),
            "running" => loc.t_with("directory-syncing", &[("when", when(r.started_at).into())]),
            _ => loc.t_with(
                "directory-sync-failed",
                &[
                    ("when", when(r.started_at).into()),
                    ("why", loc.text(&r.detail).into()),
                ],
            ),
        },
    };
    let failed = run.as_ref().is_some_and(|r| r.outcome == "failed");
    view! {
        <p class="last-sync" class:error-box=failed role="status">
            {text}
        </p>
    }
}

#[component]
fn Changes(changes: Vec<Change>) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p class="empty">{t("directory-no-changes")}</p> }.into_any();
    }
    let loc = use_locale();
    view! {
        <h3>{t("directory-changes")}</h3>
        <ul class="directory-changes">
            {changes
                .into_iter()
                .map(|c| {
                    let action = match c.action.as_str() {
                        "created" => loc.t("directory-created"),
                        "linked" => loc.t("directory-linked"),
                        "role" => loc.t("directory-role-changed"),
                        "deactivated" => loc.t("directory-deactivated"),
                        other => other.to_string(),
                    };
                    let detail = match c.action.as_str() {
                        "role" | "created" => {
                            c.detail
                                .split('>')
                                .map(|r| {
                                    r.parse::<crate::domain::Role>()
                                        .map(|r| r.label(&loc))
                                        .unwrap_or_else(|_| r.to_string())
                                })
                                .collect::<Vec<_>>()
                                .join(" → ")
                        }
                        _ => c.detail.clone(),
                    };
                    view! {
                        <li data-action=c.action.clone()>
                            <strong>{c.name}</strong>
                            " "
                            <span class="muted">{c.email}</span>
                            " · "
                            {action}
                            {(!detail.is_empty()).then(|| format!(" ({detail})"))}
                            " · "
                            <time>{when(c.at)}</time>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
