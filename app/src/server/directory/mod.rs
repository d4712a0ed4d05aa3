//! Signing in with the company directory. A person the directory vouches for gets an account on
//! their first sign-in (a requester, or the role their groups map to) or has the account with
//! their address linked to it; the map's roles are re-read at every sign-in. A linked account's
//! password is the directory's alone, and the sync switches off the accounts of people the
//! directory no longer admits (their sessions and tokens end; their history stays).

pub mod ldap;
pub mod oidc;

use crate::domain::directory::RoleMap;
pub use crate::domain::directory::{
    Change, DirectoryStatus, LdapStatus, OidcStatus, SignInOptions, SyncRun,
};
use crate::domain::{Email, Role, User};
use crate::error::AppError;
use crate::server::db::Db;
use crate::server::AppState;
use std::time::Duration;

/// The directory's name for LDAP in the database.
pub const LDAP: &str = "ldap";

/// A person as a directory describes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Their id in the directory (an LDAP entry's DN).
    pub id: String,
    pub email: String,
    pub name: String,
    pub groups: Vec<String>,
}

/// Who may still sign in with a password kept by Switchboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PasswordSignIn {
    /// Everyone with a Switchboard password (people without a directory account).
    #[default]
    Everyone,
    /// Admins only: everyone else signs in with the company account.
    AdminsOnly,
}

impl std::str::FromStr for PasswordSignIn {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "everyone" => Ok(PasswordSignIn::Everyone),
            "admins-only" => Ok(PasswordSignIn::AdminsOnly),
            other => Err(format!("{other:?} is not everyone or admins-only")),
        }
    }
}

/// An LDAP directory people sign in with.
#[derive(Clone, Debug)]
pub struct LdapDirectory {
    pub server: ldap::LdapSettings,
    pub roles: RoleMap,
    /// How often the sync runs (`None`: never by itself).
    pub sync_every: Option<Duration>,
}

/// The company directories Switchboard is connected to.
#[derive(Clone, Debug, Default)]
pub struct Directories {
    pub ldap: Option<LdapDirectory>,
    pub oidc: Option<oidc::OidcProvider>,
    pub password_sign_in: PasswordSignIn,
}

impl Directories {
    /// Whether people may sign in with something other than an email (a directory login).
    pub fn takes_logins(&self) -> bool {
        self.ldap.is_some()
    }
}

/// The account of someone the directory `directory` just vouched for: found by their directory
/// id, else by their address (and linked), else created. Their name, address and (with a map)
/// role follow the directory. Deactivated accounts stay deactivated (the caller refuses them).
pub async fn account_for(
    state: &AppState,
    directory: &str,
    person: &Person,
    roles: &RoleMap,
) -> Result<(User, bool), AppError> {
    let email = Email::parse(&person.email).map_err(|_| {
        tracing::warn!(directory, id = %person.id, "directory entry without a usable email address");
        AppError::DirectoryUnusable
    })?;
    let name: String = person
        .name
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let name = match name.trim() {
        "" => email.as_str().to_string(),
        n => n.to_string(),
    };
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let linked = Db::directory_account(&mut tx, directory, &person.id).await?;
    let (user, active) = match linked {
        Some(found) => found,
        None => match Db::account_by_email(&mut tx, email.as_str()).await? {
            Some((user, active, other)) => {
                if other.is_some() {
                    // The address belongs to an account of another directory entry.
                    tracing::warn!(directory, id = %person.id, user.id = user.id, "address already linked to another directory entry");
                    return Err(AppError::DirectoryUnusable);
                }
                // Admins keep their own password, for when the directory is down; and an entry
                // whose address someone could set must not take an admin's account.
                if user.role == Role::Admin {
                    tracing::warn!(directory, id = %person.id, user.id = user.id, "directory entry has an admin's address; not linked");
                    return Err(AppError::DirectoryConflict);
                }
                Db::link_directory(&mut tx, user.id, directory, &person.id).await?;
                Db::insert_directory_change(&mut tx, directory, user.id, "linked", "", None, now)
                    .await?;
                (user, active)
            }
            None => {
                let role = roles.role_for(&person.groups, None);
                let id = Db::insert_directory_user(
                    &mut tx,
                    email.as_str(),
                    &name,
                    role,
                    directory,
                    &person.id,
                    now,
                )
                .await?;
                Db::insert_directory_change(
                    &mut tx,
                    directory,
                    id,
                    "created",
                    role.as_str(),
                    None,
                    now,
                )
                .await?;
                tx.commit().await?;
                tracing::info!(directory, user.id = id, %role, "account created from the directory");
                let user = User {
                    id,
                    email: email.as_str().to_string(),
                    name,
                    role,
                    language: None,
                    time_zone: None,
                };
                return Ok((user, true));
            }
        },
    };
    let role = roles.role_for(&person.groups, Some(user.role));
    let mut changed = user.clone();
    if role != user.role {
        Db::set_role(&mut tx, user.id, role).await?;
        Db::insert_directory_change(
            &mut tx,
            directory,
            user.id,
            "role",
            &role_change(user.role, role),
            None,
            now,
        )
        .await?;
        changed.role = role;
    }
    if name != user.name || email.as_str() != user.email {
        let moved = Db::rename_from_directory(&mut tx, user.id, &name, email.as_str()).await?;
        changed.name = name;
        if moved {
            changed.email = email.as_str().to_string();
        }
    }
    tx.commit().await?;
    if changed.role != user.role {
        state.db.forget_sessions_of(user.id);
    }
    Ok((changed, active))
}

/// Runs the LDAP sync if no process has run it for this period (`claim`: a period's number for
/// the scheduled runs, a timestamp for one an admin asked for). Answers whether it ran. Whatever
/// stops it is written on its run, which never stays "running".
pub async fn sync_ldap(state: &AppState, claim: &str) -> Result<bool, AppError> {
    let Some(dir) = &state.settings.directories.ldap else {
        return Ok(false);
    };
    let Some(run) = state
        .db
        .claim_directory_sync(LDAP, claim, state.clock.now())
        .await?
    else {
        return Ok(false);
    };
    let (outcome, detail, seen) = match sync_run(state, dir, run).await {
        Ok(seen) => ("ok", String::new(), seen),
        Err(why) => {
            tracing::warn!(why = %why, "directory sync failed");
            ("failed", why, 0)
        }
    };
    state
        .db
        .finish_directory_sync(run, outcome, &detail, seen, state.clock.now())
        .await?;
    Ok(true)
}

/// One sync: everyone the directory admits, then linked accounts it no longer admits switched off
/// and the others' roles brought in line with the map. Answers how many it admitted, or why it
/// failed (a catalogue key, or the directory's own words).
async fn sync_run(state: &AppState, dir: &LdapDirectory, run: i64) -> Result<i64, String> {
    let people = tokio::time::timeout(Duration::from_secs(300), ldap::everyone(&dir.server))
        .await
        .map_err(|_| "directory-sync-timeout".to_string())?
        .map_err(|e| e.0)?;
    let by_id: std::collections::HashMap<String, &Person> =
        people.iter().map(|p| (p.id.to_lowercase(), p)).collect();
    let linked = state
        .db
        .directory_accounts(LDAP)
        .await
        .map_err(|e| e.to_string())?;
    let gone: Vec<i64> = linked
        .iter()
        .filter(|(_, id, _)| !by_id.contains_key(&id.to_lowercase()))
        .map(|(user_id, _, _)| *user_id)
        .collect();
    // A directory that lists no one at all is more likely misconfigured than empty.
    if people.is_empty() && !gone.is_empty() {
        return Err("directory-sync-listed-no-one".into());
    }
    let roles: Vec<(i64, Role, Role)> = linked
        .iter()
        .filter_map(|(user_id, id, role)| {
            let person = by_id.get(&id.to_lowercase())?;
            let wanted = dir.roles.role_for(&person.groups, Some(*role));
            (wanted != *role).then_some((*user_id, *role, wanted))
        })
        .collect();
    let now = state.clock.now();
    let write = async {
        let mut tx = state.db.begin_write().await?;
        for user_id in &gone {
            Db::set_deactivated(&mut tx, *user_id, Some(now)).await?;
            Db::insert_directory_change(&mut tx, LDAP, *user_id, "deactivated", "", Some(run), now)
                .await?;
        }
        for (user_id, from, to) in &roles {
            Db::set_role(&mut tx, *user_id, *to).await?;
            Db::insert_directory_change(
                &mut tx,
                LDAP,
                *user_id,
                "role",
                &role_change(*from, *to),
                Some(run),
                now,
            )
            .await?;
        }
        tx.commit().await
    };
    write.await.map_err(|e: AppError| e.to_string())?;
    for user_id in gone.iter().chain(roles.iter().map(|(id, _, _)| id)) {
        state.db.forget_sessions_of(*user_id);
    }
    tracing::info!(
        seen = people.len(),
        deactivated = gone.len(),
        roles = roles.len(),
        "directory sync done"
    );
    Ok(people.len() as i64)
}

/// How a role change is recorded: `technician>coordinator` (the page puts it in words).
fn role_change(from: Role, to: Role) -> String {
    format!("{from}>{to}")
}

/// The scheduled sync: once per `every`, by whichever process claims the period first.
pub async fn run_scheduled(state: AppState, every: Duration) {
    let mut tick = tokio::time::interval(Duration::from_secs(60).min(every));
    loop {
        tick.tick().await;
        let period = state.clock.now().timestamp_millis() / every.as_millis().max(1) as i64;
        if let Err(e) = sync_ldap(&state, &format!("every-{}-{period}", every.as_secs())).await {
            tracing::warn!(error = %e, "directory sync could not run");
        }
    }
}

/// The directory's connection, last sync and recent changes (admins).
pub async fn status(state: &AppState, actor: &User) -> Result<DirectoryStatus, AppError> {
    if actor.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let dirs = &state.settings.directories;
    let ldap = dirs.ldap.as_ref().map(|l| LdapStatus {
        url: l.server.url.clone(),
        security: l.server.security().to_string(),
        searches: l.server.user_dn_template.is_none(),
        template: l.server.user_dn_template.clone(),
        filter: l.server.user_filter.clone(),
        roles: l.roles.pairs().to_vec(),
        sync_hours: l.sync_every.map(|d| d.as_secs() / 3600),
    });
    let oidc = dirs.oidc.as_ref().map(|o| OidcStatus {
        issuer: o.settings.issuer.clone(),
        client_id: o.settings.client_id.clone(),
        label: o.settings.label.clone(),
        redirect_url: o.settings.redirect_url.clone(),
        scopes: o.settings.scopes.join(" "),
        role_claim: o.settings.role_claim.clone(),
        roles: o.settings.roles.pairs().to_vec(),
        trust_email: o.settings.trust_email,
        email_domains: o.settings.email_domains.clone(),
    });
    Ok(DirectoryStatus {
        oidc,
        last_sync: match &ldap {
            Some(_) => state.db.last_directory_sync(LDAP).await?,
            None => None,
        },
        changes: state.db.directory_changes(50).await?,
        admins_only: dirs.password_sign_in == PasswordSignIn::AdminsOnly,
        ldap,
    })
}

/// Runs the sync now (admins), whatever the schedule.
pub async fn sync_now(state: &AppState, actor: &User) -> Result<(), AppError> {
    if actor.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    match &state.settings.directories.ldap {
        Some(l) if l.server.can_sync() => {}
        _ => return Err(AppError::BadRequest("directory-sync-unavailable".into())),
    }
    let claim = format!(
        "manual-{}-{}",
        actor.id,
        state.clock.now().timestamp_millis()
    );
    // Its own task: a page closed meanwhile does not stop the sync halfway.
    let state = state.clone();
    tokio::spawn(async move { sync_ldap(&state, &claim).await })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "directory sync task failed");
            AppError::Internal
        })??;
    Ok(())
}
