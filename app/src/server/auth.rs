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
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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
        return Err(AppError::field("password", "Use at least 10 characters"));
    }
    if password.len() > 1024 {
        return Err(AppError::field("password", "Use at most 1024 characters"));
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
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
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

/// The caller from a bearer token or the session cookie; `None` when neither is valid.
pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Result<Option<User>, AppError> {
    if let Some(token) = bearer_token(headers) {
        return state.db.token_user(&token_hash(&token)).await;
    }
    match session_token(headers) {
        Some(token) => {
            let now = state.clock.now();
            let idle = chrono::Duration::from_std(state.settings.session_idle).unwrap_or_default();
            state
                .db
                .session_user(&token_hash(&token), now - idle, now)
                .await
        }
        None => Ok(None),
    }
}

/// Checks an email and password, slowing down repeated failures per account and per address.
pub async fn check_credentials(
    state: &AppState,
    email: &str,
    password: &str,
    addr: Option<IpAddr>,
) -> Result<User, AppError> {
    let email = Email::parse(email).map_err(|_| AppError::BadCredentials)?;
    let keys = [
        format!("email:{}", email.as_str()),
        format!("addr:{}", addr.map(|a| a.to_string()).unwrap_or_default()),
    ];
    if let Some(wait) = keys.iter().filter_map(|k| state.limiter.blocked(k)).max() {
        return Err(AppError::RateLimited(wait.as_secs().max(1)));
    }
    let found = state.db.credentials(email.as_str()).await?;
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), hash),
        None => (None, None),
    };
    if verify_password(password.to_string(), hash).await {
        if let Some(user) = user {
            state.limiter.succeeded(&keys[0]);
            return Ok(user);
        }
    }
    for k in &keys {
        state.limiter.failed(k);
    }
    Err(AppError::BadCredentials)
}

/// Starts a session for `user`; returns the raw token for the cookie.
pub async fn start_session(db: &Db, user: &User, now: DateTime<Utc>) -> Result<String, AppError> {
    let (token, hash) = new_token();
    db.insert_session(&hash, user.id, now).await?;
    Ok(token)
}

/// Creates an account after checking every field; errors come back keyed by field.
pub async fn create_account(
    db: &Db,
    email: &str,
    name: &str,
    role: Role,
    password: Option<&str>,
    now: DateTime<Utc>,
) -> Result<User, AppError> {
    let mut errors = Vec::new();
    let email = Email::parse(email)
        .map_err(|m| errors.push(("email", m)))
        .ok();
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 {
        errors.push(("name", "Enter a name of at most 120 characters".to_string()));
    }
    if let Some(Err(AppError::Validation(v))) = password.map(check_new_password) {
        errors.extend(v.into_iter().map(|f| ("password", f.message)));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(
            errors
                .into_iter()
                .map(|(field, message)| crate::error::FieldError {
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
        .insert_user(email.as_str(), name, role, hash.as_deref(), now)
        .await?;
    Ok(User {
        id,
        email: email.as_str().to_string(),
        name: name.to_string(),
        role,
    })
}

/// Counts failed sign-ins per key (an account or an address) in a sliding window. Past the
/// allowance each further attempt waits longer, up to a few minutes, so a real user is never
/// locked out for long and a guesser gets a handful of tries an hour.
#[derive(Clone, Default)]
pub struct RateLimiter {
    inner: Arc<Mutex<HashMap<String, Failures>>>,
}

struct Failures {
    count: u32,
    last: Instant,
}

impl RateLimiter {
    const FREE_ATTEMPTS: u32 = 5;
    const WINDOW: Duration = Duration::from_secs(15 * 60);
    const MAX_WAIT: Duration = Duration::from_secs(300);

    fn wait_for(count: u32) -> Duration {
        let extra = count.saturating_sub(Self::FREE_ATTEMPTS).min(8);
        Duration::from_secs(2u64.pow(extra + 2)).min(Self::MAX_WAIT)
    }

    /// How long `key` must still wait, if it must.
    pub fn blocked(&self, key: &str) -> Option<Duration> {
        let map = self.inner.lock().ok()?;
        let f = map.get(key)?;
        if f.count < Self::FREE_ATTEMPTS || f.last.elapsed() > Self::WINDOW {
            return None;
        }
        Self::wait_for(f.count).checked_sub(f.last.elapsed())
    }

    pub fn failed(&self, key: &str) {
        if let Ok(mut map) = self.inner.lock() {
            if map.len() > 100_000 {
                map.retain(|_, f| f.last.elapsed() < Self::WINDOW);
            }
            let f = map.entry(key.to_string()).or_insert(Failures {
                count: 0,
                last: Instant::now(),
            });
            if f.last.elapsed() > Self::WINDOW {
                f.count = 0;
            }
            f.count += 1;
            f.last = Instant::now();
        }
    }

    pub fn succeeded(&self, key: &str) {
        if let Ok(mut map) = self.inner.lock() {
            map.remove(key);
        }
    }
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
    fn limiter_allows_a_few_failures_then_waits() {
        let l = RateLimiter::default();
        for _ in 0..RateLimiter::FREE_ATTEMPTS - 1 {
            l.failed("k");
            assert!(l.blocked("k").is_none());
        }
        l.failed("k");
        assert!(l.blocked("k").is_some());
        l.succeeded("k");
        assert!(l.blocked("k").is_none());
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
