//! Who is calling: argon2id passwords, server-side sessions behind an HttpOnly cookie, bearer
//! tokens for the REST API, and slowing down password guessing.

use super::db::Db;
use super::state::{AppState, Settings};
use crate::domain::{Email, Role, User};
use crate::error::AppError;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::http::{header, HeaderMap};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use std::net::IpAddr;

pub const SESSION_COOKIE: &str = "sb_session";

/// Hashes with argon2id off the async runtime: a hash takes tens of milliseconds of CPU.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|e| {
        tracing::error!(error = %e, "password hashing failed");
        AppError::Internal
    })
}

/// A hash of a random password nobody knows, checked when the email is unknown so that the
/// answer takes as long as for a real account.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let (password, _) = new_token();
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    let known = hash.is_some();
    tokio::task::spawn_blocking(move || {
        let hash = hash.unwrap_or_else(|| decoy_hash().to_string());
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
        && known
}

pub fn check_new_password(password: &str) -> Result<(), AppError> {
    if password.chars().count() < 10 {
        return Err(AppError::field("password", "err-password-short"));
    }
    if password.len() > 1024 {
        return Err(AppError::field("password", "err-password-long"));
    }
    Ok(())
}

/// A fresh random token (sent to the client) and its SHA-256 (stored): a stolen database
/// yields no usable session, and checking a token costs one indexed lookup.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = hex::encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub fn session_cookie(token: &str, settings: &Settings) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        settings.session_idle.as_secs(),
        if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

pub fn clear_session_cookie(settings: &Settings) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if settings.secure_cookies {
            "; Secure"
        } else {
            ""
        }
    )
}

pub fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, SESSION_COOKIE)
}

/// The value of the cookie `name`, when the request carries a non-empty one.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_string())
        .filter(|v| !v.is_empty())
}

pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_string())
}

/// The caller from a bearer token or the session cookie; `None` when neither is valid (unknown,
/// expired, past the idle or absolute lifetime, or the account is deactivated).
/// The client's address, for throttling: the connection's peer, unless the peer is one of the
/// `trusted` proxies, in which case the nearest address in `X-Forwarded-For` that is not itself a
/// trusted proxy. A client cannot choose its address by sending the header itself: without
/// trusted proxies, or from a peer that is not one, the header is ignored.
pub fn client_addr(
    trusted: &[IpAddr],
    peer: Option<IpAddr>,
    headers: &HeaderMap,
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    Some(
        forwarded
            .into_iter()
            .rev()
            .find(|a| !trusted.contains(a))
            .unwrap_or(peer),
    )
}

pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Option<User>, AppError> {
    let now = state.clock.now();
    if let Some(token) = bearer_token(headers) {
        return state.db.token_user(&token_hash(&token), now).await;
    }
    match session_token(headers) {
        Some(token) => {
            let idle = chrono::Duration::from_std(state.settings.session_idle).unwrap_or_default();
            let lifetime =
                chrono::Duration::from_std(state.settings.session_lifetime).unwrap_or_default();
            state
                .db
                .session_user(&token_hash(&token), now - idle, now - lifetime, now)
                .await
        }
        None => Ok(None),
    }
}

/// How failed sign-ins slow down the next attempt. Failures are counted per (account, address)
/// pair and per address, never per account alone: a guesser elsewhere cannot lock the owner out.
pub struct Throttle {
    /// Failures allowed before each further attempt has to wait.
    pub free: i64,
}

impl Throttle {
    /// One address trying one account: a handful of passwords a minute at most.
    pub const PAIR: Throttle = Throttle { free: 5 };
    /// One address trying any accounts (an office behind one address shares it).
    pub const ADDRESS: Throttle = Throttle { free: 30 };
    /// Failures older than this are forgotten.
    pub const WINDOW_MINUTES: i64 = 15;
    const MAX_WAIT_SECS: i64 = 300;

    /// The wait after `failures` failures: none within the allowance, then 4 s doubling to 5 min.
    pub fn wait_secs(&self, failures: i64) -> i64 {
        if failures < self.free {
            return 0;
        }
        let extra = (failures - self.free).clamp(0, 8) as u32;
        (1i64 << (extra + 2)).min(Self::MAX_WAIT_SECS)
    }
}

fn throttle_keys(email: &str, addr: Option<IpAddr>) -> [(String, Throttle); 2] {
    let addr = addr.map(|a| a.to_string()).unwrap_or_default();
    [
        (format!("pair:{email}|{addr}"), Throttle::PAIR),
        (format!("addr:{addr}"), Throttle::ADDRESS),
    ]
}

/// Seconds `addr` must still wait before trying `email` again, if it must.
async fn throttled(
    state: &AppState,
    email: &str,
    addr: Option<IpAddr>,
) -> Result<Option<u64>, AppError> {
    let now = state.clock.now();
    let since = now - chrono::Duration::minutes(Throttle::WINDOW_MINUTES);
    let mut wait = 0i64;
    for (key, throttle) in throttle_keys(email, addr) {
        if let Some((failures, last)) = state.db.sign_in_failures(&key, since).await? {
            let left = throttle.wait_secs(failures) - (now - last).num_seconds();
            wait = wait.max(left);
        }
    }
    Ok((wait > 0).then_some(wait as u64))
}

/// Checks a login and password, slowing down repeated failures per (account, address) and per
/// address. With a company directory configured, the directory is asked first (the login may be
/// a user name there); else, or when it does not know the person, the password kept by
/// Switchboard — never for an account linked to the directory. A deactivated account, or one
/// whose address is not yet proven, cannot sign in.
pub async fn check_credentials(
    state: &AppState,
    login: &str,
    password: &str,
    addr: Option<IpAddr>,
) -> Result<User, AppError> {
    let directories = &state.settings.directories;
    let key = login.trim().to_lowercase();
    let email = Email::parse(login).ok();
    if email.is_none() && !directories.takes_logins() {
        return Err(AppError::BadCredentials);
    }
    // Control characters (a NUL above all) are in no login, and PostgreSQL refuses them in text.
    if key.is_empty() || key.len() > 256 || key.chars().any(char::is_control) {
        return Err(AppError::BadCredentials);
    }
    if let Some(wait) = throttled(state, &key, addr).await? {
        return Err(AppError::RateLimited(wait));
    }
    let mut unreachable = false;
    if let Some(ldap) = &directories.ldap {
        match super::directory::ldap::verify(&ldap.server, login, password).await {
            Ok(super::directory::ldap::Verdict::Person(person)) => {
                let (user, active) = super::directory::account_for(
                    state,
                    super::directory::LDAP,
                    &person,
                    &ldap.roles,
                )
                .await?;
                let [(pair, _), _] = throttle_keys(&key, addr);
                state.db.sign_in_succeeded(&pair).await?;
                if !active {
                    return Err(AppError::Deactivated);
                }
                return Ok(user);
            }
            Ok(super::directory::ldap::Verdict::Refused) => {}
            Err(e) => {
                tracing::warn!(error = %e, "the company directory cannot be reached");
                unreachable = true;
            }
        }
    }
    let found = match &email {
        Some(email) => state.db.credentials(email.as_str()).await?,
        None => None,
    };
    // A linked account's password is the directory's alone.
    let found = found.filter(|c| c.directory.is_none());
    let hash = found.as_ref().and_then(|c| c.password_hash.clone());
    if verify_password(password.to_string(), hash).await {
        if let Some(c) = found {
            let [(pair, _), _] = throttle_keys(&key, addr);
            state.db.sign_in_succeeded(&pair).await?;
            // Only someone who knows the password learns why they cannot come in.
            if !c.active {
                return Err(AppError::Deactivated);
            }
            if !c.verified {
                return Err(AppError::Unverified);
            }
            if directories.password_sign_in == super::directory::PasswordSignIn::AdminsOnly
                && c.user.role != Role::Admin
            {
                return Err(AppError::CompanySignInOnly);
            }
            return Ok(c.user);
        }
    }
    // Counted while the directory is down too: otherwise a local password could be guessed
    // without limit, told apart by the answer.
    let now = state.clock.now();
    let since = now - chrono::Duration::minutes(Throttle::WINDOW_MINUTES);
    for (key, _) in throttle_keys(&key, addr) {
        state.db.sign_in_failed(&key, since, now).await?;
    }
    if unreachable {
        return Err(AppError::DirectoryUnavailable);
    }
    Err(AppError::BadCredentials)
}

/// Starts a session for `user`; returns the raw token for the cookie.
pub async fn start_session(db: &Db, user: &User, now: DateTime<Utc>) -> Result<String, AppError> {
    let (token, hash) = new_token();
    db.insert_session(&hash, user.id, now).await?;
    Ok(token)
}

/// Creates an account after checking every field; errors come back keyed by field. Accounts
/// made by an admin, by staff filing for someone, or on the command line count as proven.
pub async fn create_account(
    db: &Db,
    email: &str,
    name: &str,
    role: Role,
    password: Option<&str>,
    now: DateTime<Utc>,
) -> Result<User, AppError> {
    new_account(db, email, name, role, password, true, now).await
}

/// A self-registered requester, who cannot sign in until the address is proven.
pub async fn create_unverified_account(
    db: &Db,
    email: &str,
    name: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<User, AppError> {
    new_account(db, email, name, Role::Requester, Some(password), false, now).await
}

async fn new_account(
    db: &Db,
    email: &str,
    name: &str,
    role: Role,
    password: Option<&str>,
    verified: bool,
    now: DateTime<Utc>,
) -> Result<User, AppError> {
    let mut errors = Vec::new();
    let email = Email::parse(email)
        .map_err(|m| errors.push(("email", m)))
        .ok();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        errors.push(("name", "err-name".to_string()));
    }
    if let Some(Err(AppError::Validation(v))) = password.map(check_new_password) {
        errors.extend(v.into_iter().map(|f| ("password", f.message)));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(
            errors
                .into_iter()
                .map(|(field, message)| crate::error::FieldError {
                    args: Vec::new(),
                    field: field.into(),
                    message,
                })
                .collect(),
        ));
    }
    let email = email.expect("checked above");
    let hash = match password {
        Some(p) => Some(hash_password(p.to_string()).await?),
        None => None,
    };
    let id = db
        .insert_user(email.as_str(), name, role, hash.as_deref(), verified, now)
        .await?;
    Ok(User {
        id,
        email: email.as_str().to_string(),
        name: name.to_string(),
        role,
        language: None,
        time_zone: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, ha) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_hash(&a), ha);
        assert_ne!(a, ha);
    }

    #[test]
    fn throttle_allows_a_few_failures_then_waits_longer() {
        let t = Throttle::PAIR;
        assert_eq!(t.wait_secs(t.free - 1), 0);
        assert_eq!(t.wait_secs(t.free), 4);
        assert_eq!(t.wait_secs(t.free + 1), 8);
        assert_eq!(t.wait_secs(t.free + 50), 300);
        const { assert!(Throttle::ADDRESS.free > Throttle::PAIR.free) };
    }

    #[test]
    fn cookie_is_httponly_and_samesite() {
        let c = session_cookie("t", &Settings::default());
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        let secure = Settings {
            secure_cookies: true,
            ..Settings::default()
        };
        assert!(session_cookie("t", &secure).ends_with("; Secure"));
    }

    #[tokio::test]
    async fn passwords_verify_only_with_the_right_password() {
        let h = hash_password("correct horse battery".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery".into(), Some(h.clone())).await);
        assert!(!verify_password("wrong".into(), Some(h)).await);
        assert!(!verify_password("anything".into(), None).await);
    }
}
