//! The life of an account beyond signing in: registering with a proven address, resetting a
//! forgotten password, API tokens with names and expiry, and admins switching accounts off.
//! Every page, server function and REST route reaches these rules here.

use super::auth;
use super::db::{Db, LinkPurpose};
use super::mail::queue_account_link;
use super::state::AppState;
use crate::domain::user::{TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS};
use crate::domain::{Account, ApiToken, Email, Role, User};
use crate::error::AppError;
use crate::i18n::Msg;
use chrono::Duration;
use std::net::IpAddr;

/// Attempts one address may make at something throttled within a window; past it, the answer is
/// "try again later" with the seconds left.
async fn limit_per_address(
    state: &AppState,
    what: &str,
    addr: Option<IpAddr>,
    allowed: i64,
    window: Duration,
) -> Result<(), AppError> {
    let key = format!("{what}:{}", addr.map(|a| a.to_string()).unwrap_or_default());
    let now = state.clock.now();
    if let Some((count, last)) = state.db.sign_in_failures(&key, now - window).await? {
        if count >= allowed {
            let left = (window - (now - last)).num_seconds().max(1);
            return Err(AppError::RateLimited(left as u64));
        }
    }
    state.db.sign_in_failed(&key, now - window, now).await
}

/// Self-registration of a requester: the account exists at once but cannot sign in, get a token
/// or be told of tickets filed for the address until its owner opens the link mailed to it.
pub async fn register(
    state: &AppState,
    email: &str,
    name: &str,
    password: &str,
    addr: Option<IpAddr>,
    asked: Option<crate::i18n::Lang>,
) -> Result<(), AppError> {
    if !state.settings.allow_registration {
        return Err(AppError::Forbidden);
    }
    if !state.mail_configured() {
        return Err(AppError::field("email", "err-registration-no-mail"));
    }
    if let Ok(e) = Email::parse(email) {
        let domains = &state.settings.registration_domains;
        let domain = e.as_str().rsplit('@').next().unwrap_or_default();
        if !domains.is_empty() && !domains.iter().any(|d| d.eq_ignore_ascii_case(domain)) {
            return Err(AppError::field_msg(
                "email",
                Msg::new("err-work-email").text("domains", domains.join(", ")),
            ));
        }
    }
    limit_per_address(state, "register", addr, 5, Duration::hours(1)).await?;
    let now = state.clock.now();
    let mut user = auth::create_unverified_account(&state.db, email, name, password, now).await?;
    // The language the browser asked for becomes theirs: the link, their pages before they
    // choose, and every later mail speak it. The account page changes it.
    if let Some(lang) = asked {
        state
            .db
            .set_language_and_zone(user.id, Some(lang), None)
            .await?;
        user.language = Some(lang);
    }
    let mut tx = state.db.begin_write().await?;
    queue_account_link(&mut tx, state, &user, LinkPurpose::Verify, None, now).await?;
    tx.commit().await?;
    tracing::info!(
        user.id = user.id,
        "account registered, waiting for its address to be proven"
    );
    Ok(())
}

/// Opens a verification link: the account can sign in from now on.
pub async fn verify_email(state: &AppState, token: &str) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let user = Db::use_account_link(
        &mut tx,
        &auth::token_hash(token.trim()),
        LinkPurpose::Verify,
        now,
    )
    .await?
    .ok_or_else(|| AppError::field("token", "err-verify-link"))?;
    tx.commit().await?;
    state.db.mark_verified(user, now).await?;
    tracing::info!(user.id = user, "email address proven");
    Ok(())
}

/// Mails a password-reset link when the address belongs to an active account. The answer is the
/// same whether it does or not, and both the address asking and the account are throttled.
pub async fn request_reset(
    state: &AppState,
    email: &str,
    addr: Option<IpAddr>,
    asked: Option<crate::i18n::Lang>,
) -> Result<(), AppError> {
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    limit_per_address(state, "reset", addr, 10, Duration::minutes(30)).await?;
    let Some(found) = state.db.credentials(email.as_str()).await? else {
        return Ok(());
    };
    let now = state.clock.now();
    let recent = state
        .db
        .recent_account_links(
            found.user.id,
            LinkPurpose::Reset,
            now - Duration::minutes(30),
        )
        .await?;
    // A directory account's password is changed in the directory, never here.
    if !found.active || recent >= 3 || found.directory.is_some() {
        return Ok(());
    }
    let mut tx = state.db.begin_write().await?;
    queue_account_link(&mut tx, state, &found.user, LinkPurpose::Reset, asked, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether a reset link can still be used (the reset page asks before showing its form).
pub async fn reset_link_live(state: &AppState, token: &str) -> Result<bool, AppError> {
    state
        .db
        .account_link_live(
            &auth::token_hash(token.trim()),
            LinkPurpose::Reset,
            state.clock.now(),
        )
        .await
}

/// Sets a new password through a reset link: the link works once, and every session and token
/// issued before it ends. Opening the link also proves the address.
pub async fn reset_password(state: &AppState, token: &str, new: &str) -> Result<(), AppError> {
    auth::check_new_password(new).map_err(|e| rename_field(e, "password"))?;
    let hash = auth::hash_password(new.to_string()).await?;
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    let user = Db::use_account_link(
        &mut tx,
        &auth::token_hash(token.trim()),
        LinkPurpose::Reset,
        now,
    )
    .await?
    .ok_or_else(|| AppError::field("password", "err-reset-link"))?;
    Db::replace_password(&mut tx, user, &hash).await?;
    tx.commit().await?;
    state.db.mark_verified(user, now).await?;
    state.db.forget_sessions_of(user);
    tracing::info!(
        user.id = user,
        "password reset; every session and token ended"
    );
    Ok(())
}

fn rename_field(e: AppError, to: &str) -> AppError {
    match e {
        AppError::Validation(v) => AppError::Validation(
            v.into_iter()
                .map(|f| crate::error::FieldError {
                    field: to.into(),
                    message: f.message,
                    args: f.args,
                })
                .collect(),
        ),
        other => other,
    }
}

/// A new API token for the caller: shown once, named, and expiring after `days` (90 by default,
/// a year at most).
pub async fn create_token(
    state: &AppState,
    user: &User,
    name: Option<&str>,
    days: Option<i64>,
) -> Result<(String, ApiToken), AppError> {
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or("API token");
    if name.chars().count() > 80 {
        return Err(AppError::field("name", "err-token-name"));
    }
    let days = days.unwrap_or(TOKEN_DEFAULT_DAYS);
    if !(1..=TOKEN_MAX_DAYS).contains(&days) {
        return Err(AppError::field_msg(
            "expires_in_days",
            Msg::new("err-token-days").number("max", TOKEN_MAX_DAYS),
        ));
    }
    let now = state.clock.now();
    let expires_at = now + Duration::days(days);
    let (token, hash) = auth::new_token();
    let id = state
        .db
        .insert_token(&hash, user.id, name, now, expires_at)
        .await?;
    Ok((
        token,
        ApiToken {
            id,
            name: name.to_string(),
            created_at: now,
            expires_at,
            last_used_at: None,
        },
    ))
}

/// The caller's tokens, or (for admins) anyone's.
pub async fn tokens(
    state: &AppState,
    actor: &User,
    of: Option<i64>,
) -> Result<Vec<ApiToken>, AppError> {
    match of {
        Some(other) if other != actor.id => {
            if actor.role != Role::Admin {
                return Err(AppError::Forbidden);
            }
            state.db.tokens_of(other).await
        }
        _ => state.db.tokens_of(actor.id).await,
    }
}

/// Revokes one of the caller's tokens; admins may revoke anyone's. Someone else's id answers
/// "not found", like an unknown one.
pub async fn revoke_token(state: &AppState, actor: &User, id: i64) -> Result<(), AppError> {
    match state.db.token_owner(id).await? {
        Some(owner) if owner == actor.id || actor.role == Role::Admin => {
            state.db.delete_token_by_id(id).await?;
            Ok(())
        }
        _ => Err(AppError::NotFound),
    }
}

/// Every account with whether it is switched off (admins only).
pub async fn accounts(state: &AppState, actor: &User) -> Result<Vec<Account>, AppError> {
    if actor.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let off = state.db.deactivated_ids().await?;
    Ok(state
        .db
        .users()
        .await?
        .into_iter()
        .map(|user| Account {
            deactivated: off.contains(&user.id),
            user,
        })
        .collect())
}

/// Switches an account off (its sessions and tokens end at once, it cannot sign in and gets no
/// mail, its history keeps its name) or on again. Admins only; never oneself.
pub async fn set_active(
    state: &AppState,
    actor: &User,
    email: &str,
    active: bool,
) -> Result<(), AppError> {
    if actor.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    let person = state
        .db
        .user_by_email(email.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    if person.id == actor.id {
        return Err(AppError::field("email", "err-deactivate-self"));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    Db::set_deactivated(&mut tx, person.id, (!active).then_some(now)).await?;
    Db::insert_audit(
        &mut tx,
        actor.id,
        now,
        &format!("user {}", person.email),
        if active { "reactivated" } else { "deactivated" },
        if active {
            "may sign in again"
        } else {
            "sessions and tokens ended"
        },
    )
    .await?;
    tx.commit().await?;
    state.db.forget_sessions_of(person.id);
    tracing::info!(user.id = person.id, active, "account switched");
    Ok(())
}
