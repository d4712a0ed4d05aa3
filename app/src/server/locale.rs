//! Which language and zone each person reads: their own choice, else (for language) what their
//! browser asks for, else the desk's defaults.

use crate::domain::User;
use crate::error::AppError;
use crate::i18n::{parse_zone, Lang, Locale};
use crate::server::state::Settings;
use crate::server::{auth, AppState};
use axum::http::{header, HeaderMap};

/// The locale of whoever sent these headers (signed in or not).
pub async fn for_request(state: &AppState, headers: &HeaderMap) -> Locale {
    let user = auth::authenticate(state, headers).await.ok().flatten();
    for_person(&state.settings, user.as_ref(), Some(headers))
}

/// The language a browser asks for (`Accept-Language`), when it names one Switchboard speaks.
pub fn asked_language(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
}

/// The locale for a person, with their browser's `Accept-Language` when they are at one.
pub fn for_person(settings: &Settings, user: Option<&User>, headers: Option<&HeaderMap>) -> Locale {
    let asked = headers.and_then(asked_language);
    let lang = user
        .and_then(|u| u.language)
        .or(asked)
        .unwrap_or(settings.default_language);
    let tz = user
        .and_then(|u| u.time_zone.as_deref())
        .and_then(parse_zone)
        .unwrap_or(settings.time_zone);
    Locale::new(lang, tz)
}

/// The desk's own locale, for its reports and for mail to people it knows nothing about.
pub fn desk(settings: &Settings) -> Locale {
    Locale::new(settings.default_language, settings.time_zone)
}

/// Checks a language code and a zone name as a person typed or picked them.
pub fn check_preferences(
    language: &str,
    time_zone: &str,
) -> Result<(Lang, chrono_tz::Tz), AppError> {
    let mut errors = Vec::new();
    let lang = Lang::ALL.into_iter().find(|l| l.code() == language.trim());
    if lang.is_none() {
        errors.push(crate::error::FieldError::new("language", "err-language"));
    }
    let zone = parse_zone(time_zone);
    if zone.is_none() {
        errors.push(crate::error::FieldError::new("time_zone", "err-time-zone"));
    }
    match (lang, zone) {
        (Some(lang), Some(zone)) => Ok((lang, zone)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Saves a person's language and zone; their next page is in them.
pub async fn set_preferences(
    state: &AppState,
    user: &User,
    language: &str,
    time_zone: &str,
) -> Result<User, AppError> {
    let (lang, zone) = check_preferences(language, time_zone)?;
    state
        .db
        .set_language_and_zone(user.id, Some(lang), Some(zone.name()))
        .await?;
    Ok(User {
        language: Some(lang),
        time_zone: Some(zone.name().to_string()),
        ..user.clone()
    })
}

/// Keeps the zone a browser reported at sign-in, for someone who has not chosen one yet; answers
/// the person as they now are.
pub async fn adopt_browser_zone(
    state: &AppState,
    user: User,
    reported: Option<&str>,
) -> Result<User, AppError> {
    match reported.and_then(parse_zone) {
        Some(zone) if user.time_zone.is_none() => {
            state
                .db
                .set_language_and_zone(user.id, user.language, Some(zone.name()))
                .await?;
            Ok(User {
                time_zone: Some(zone.name().to_string()),
                ..user
            })
        }
        _ => Ok(user),
    }
}
