//! People administration: the technician roster, teams, accounts and passwords. Every change
//! is checked here and recorded in the audit log in the same transaction.

use super::auth;
use super::db::{Db, Profile};
use super::state::AppState;
use crate::domain::{Availability, CategoryField, Email, Role, User};
use crate::error::{AppError, FieldError};
use crate::i18n::Msg;
use crate::types::{Roster, RosterEntry, RosterUpdate};
use chrono::{NaiveDate, TimeZone, Utc};

fn require(actor: &User, allowed: fn(Role) -> bool) -> Result<(), AppError> {
    if allowed(actor.role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The roster: technicians with tier, skills, capacity, availability and teams (coordinators, admins).
pub async fn roster(state: &AppState, actor: &User) -> Result<Roster, AppError> {
    require(actor, Role::coordinates)?;
    let now = state.clock.now();
    let people = state
        .db
        .technicians()
        .await?
        .into_iter()
        .filter(|t| t.user.role == Role::Technician)
        .map(|t| RosterEntry {
            available: t.available(now),
            email: t.user.email,
            name: t.user.name,
            tier: t.tier,
            capacity: t.capacity,
            availability: t.availability,
            off_until: t.off_until.map(|d| d.format("%Y-%m-%d").to_string()),
            open_load: t.open_load,
            skills: t.skills,
            teams: t.teams,
        })
        .collect();
    let teams = state
        .db
        .teams()
        .await?
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    let routes = state.db.category_routes().await?;
    let auto_assign = state.db.auto_assign_teams().await?;
    let categories = state
        .db
        .categories()
        .await?
        .into_iter()
        .map(|c| c.slug)
        .collect();
    let audit = state.db.audit(30).await?;
    Ok(Roster {
        people,
        teams,
        auto_assign,
        routes,
        categories,
        audit: audit.iter().map(|a| (a.at, audit_words(a))).collect(),
    })
}

/// Parses `hardware:2, network:3` into skills, checking categories and levels.
fn parse_skills(text: &str, categories: &[String]) -> Result<Vec<(String, i64)>, Msg> {
    let mut out: Vec<(String, i64)> = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (slug, level) = part
            .split_once(':')
            .map_or((part, "1"), |(s, l)| (s.trim(), l.trim()));
        let slug = slug.to_lowercase();
        if !categories.contains(&slug) {
            return Err(Msg::new("err-skill-not-category")
                .text("slug", slug.clone())
                .text("categories", categories.join(", ")));
        }
        let level: i64 = level
            .parse()
            .ok()
            .filter(|l| (1..=3).contains(l))
            .ok_or_else(|| Msg::new("err-skill-level").text("slug", slug.clone()))?;
        if out.iter().any(|(s, _)| *s == slug) {
            return Err(Msg::new("err-skill-twice").text("slug", slug));
        }
        out.push((slug, level));
    }
    Ok(out)
}

/// Saves a technician's tier, capacity, availability and skills.
pub async fn update_technician(
    state: &AppState,
    actor: &User,
    u: RosterUpdate,
) -> Result<(), AppError> {
    require(actor, Role::coordinates)?;
    let now = state.clock.now();
    let person = state
        .db
        .user_by_email(&u.email.trim().to_lowercase())
        .await?
        .filter(|p| p.role == Role::Technician)
        .ok_or(AppError::NotFound)?;
    let categories: Vec<String> = state
        .db
        .categories()
        .await?
        .into_iter()
        .map(|c| c.slug)
        .collect();
    let profile = check_profile(&u, &categories)?;
    let mut tx = state.db.begin_write().await?;
    Db::update_profile(&mut tx, person.id, &profile).await?;
    let detail = profile_words(&profile);
    Db::insert_audit(
        &mut tx,
        actor.id,
        now,
        &format!("user {}", person.email),
        "updated",
        &detail,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A technician's profile as the roster form gives it, every field checked.
fn check_profile(u: &RosterUpdate, categories: &[String]) -> Result<Profile, AppError> {
    let mut errors = Vec::new();
    let mut field = |f: &str, m: Msg| {
        errors.push(FieldError {
            field: f.into(),
            message: m.key,
            args: m.args,
        })
    };
    if !(1..=3).contains(&u.tier) {
        field("tier", Msg::new("err-tier"));
    }
    if !(0..=100).contains(&u.capacity) {
        field("capacity", Msg::new("err-capacity"));
    }
    let availability = u.availability.trim().parse::<Availability>().ok();
    if availability.is_none() {
        field("availability", Msg::new("err-availability"));
    }
    let off_until = match u
        .off_until
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        None => None,
        Some(d) => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(date) => Utc
                .from_utc_datetime(&date.and_hms_opt(0, 0, 0).unwrap_or_default())
                .into(),
            Err(_) => {
                field("off_until", Msg::new("err-off-until-date"));
                None
            }
        },
    };
    if availability == Some(Availability::Off)
        && off_until.is_none()
        && u.off_until.as_deref().is_none_or(|d| d.trim().is_empty())
    {
        field("off_until", Msg::new("err-off-until-missing"));
    }
    let skills = match parse_skills(&u.skills, categories) {
        Ok(s) => s,
        Err(m) => {
            field("skills", m);
            Vec::new()
        }
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(Profile {
        tier: u.tier,
        capacity: u.capacity,
        availability: availability.unwrap_or(Availability::OnDuty),
        off_until,
        skills,
    })
}

/// An audit entry in the reader's language. The log stores a stable encoding: the subject as
/// `user EMAIL`, `team NAME`, `category SLUG` or `SLA policy NAME`, the action as a code, and a
/// detail that is data (a profile, a role change, a team) or nothing a reader needs translated.
fn audit_words(a: &crate::server::db::AuditEntry) -> Msg {
    let subject = [
        ("user ", "audit-subject-user"),
        ("team ", "audit-subject-team"),
        ("category ", "audit-subject-category"),
        ("SLA policy ", "audit-subject-policy"),
    ]
    .iter()
    .find_map(|(prefix, key)| {
        a.subject
            .strip_prefix(prefix)
            .map(|name| Msg::new(key).text("name", name))
    })
    .unwrap_or_else(|| Msg::new("history-text").text("text", a.subject.clone()));
    let detail = a.detail.clone().unwrap_or_default();
    let written = |t: &str| Msg::new("history-text").text("text", t);
    let (key, detail) = match a.action.as_str() {
        "updated" => (
            "audit-updated",
            profile_msg(&detail).unwrap_or_else(|| written(&detail)),
        ),
        "saved" => ("audit-saved", written(&detail)),
        "deactivated" => ("audit-deactivated", written("")),
        "reactivated" => ("audit-reactivated", written("")),
        "password changed" => ("audit-password", written("")),
        "routed" if detail == "everyone" => ("audit-routed", Msg::new("audit-everyone")),
        "routed" => ("audit-routed", written(&detail)),
        "created" => (
            "audit-created",
            match detail.parse::<Role>() {
                Ok(role) => Msg::new(role.label_key()),
                Err(_) => written(&detail),
            },
        ),
        "role" => (
            "audit-role",
            match detail
                .split_once(" → ")
                .and_then(|(f, t)| Some((f.parse::<Role>().ok()?, t.parse::<Role>().ok()?)))
            {
                Some((from, to)) => Msg::new("audit-detail-role")
                    .key("from", from.label_key())
                    .key("to", to.label_key()),
                None => written(&detail),
            },
        ),
        other => {
            return Msg::new("audit-other")
                .text("actor", a.actor.clone().unwrap_or_default())
                .text("action", other)
                .msg("subject", subject)
                .msg("detail", written(&detail));
        }
    };
    let actor = match &a.actor {
        Some(name) => written(name),
        None => Msg::new("audit-someone"),
    };
    Msg::new(key)
        .msg("actor", actor)
        .msg("subject", subject)
        .msg("detail", detail)
}

/// Reads a profile as `profile_words` wrote it, in the reader's language.
fn profile_msg(detail: &str) -> Option<Msg> {
    let (tier, rest) = detail.strip_prefix("tier ")?.split_once(", capacity ")?;
    let (capacity, rest) = rest.split_once(", ")?;
    let (availability, skills) = rest.split_once(", skills ")?;
    let (availability, until) = match availability.split_once(" until ") {
        Some((a, d)) => (a, Some(d.parse::<NaiveDate>().ok()?)),
        None => (availability, None),
    };
    let availability = availability.parse::<Availability>().ok()?;
    let msg = match until {
        Some(day) => Msg::new("audit-detail-profile-until").date("until", day),
        None => Msg::new("audit-detail-profile"),
    };
    Some(
        msg.number("tier", tier.parse().ok()?)
            .number("capacity", capacity.parse().ok()?)
            .key("availability", availability.label_key())
            .text("skills", skills),
    )
}

/// How the audit log words a profile.
fn profile_words(p: &Profile) -> String {
    format!(
        "tier {}, capacity {}, {}{}, skills {}",
        p.tier,
        p.capacity,
        p.availability,
        p.off_until
            .map(|d| format!(" until {}", d.format("%Y-%m-%d")))
            .unwrap_or_default(),
        p.skills
            .iter()
            .map(|(s, l)| format!("{s}:{l}"))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Creates or replaces a team with the given members (emails of technicians).
pub async fn save_team(
    state: &AppState,
    actor: &User,
    name: &str,
    members: &str,
    auto_assign: bool,
) -> Result<(), AppError> {
    require(actor, Role::coordinates)?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::field("team", "err-team-name"));
    }
    let mut ids = Vec::new();
    for email in members
        .split([',', '\n', ' '])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        match state.db.user_by_email(&email.to_lowercase()).await? {
            Some(u) if u.role.is_staff() => ids.push(u.id),
            _ => {
                return Err(AppError::field_msg(
                    "members",
                    Msg::new("err-not-staff").text("email", email),
                ))
            }
        }
    }
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    Db::save_team(&mut tx, name, &ids, auto_assign, now).await?;
    Db::insert_audit(
        &mut tx,
        actor.id,
        now,
        &format!("team {name}"),
        "saved",
        &format!(
            "{}{}",
            members.trim(),
            if auto_assign {
                " (assigns automatically)"
            } else {
                ""
            }
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Routes a category's new requests to a team's queue (or to everyone, with no team).
pub async fn route_category(
    state: &AppState,
    actor: &User,
    category: &str,
    team: &str,
) -> Result<(), AppError> {
    require(actor, Role::coordinates)?;
    let team_id = match team.trim() {
        "" => None,
        name => Some(
            state
                .db
                .teams()
                .await?
                .into_iter()
                .find(|(_, n)| n == name)
                .ok_or_else(|| AppError::field("route_team", "err-no-team"))?
                .0,
        ),
    };
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    if !Db::route_category(&mut tx, category, team_id).await? {
        return Err(AppError::field("route_category", "err-no-category"));
    }
    Db::insert_audit(
        &mut tx,
        actor.id,
        now,
        &format!("category {category}"),
        "routed",
        if team.is_empty() { "everyone" } else { team },
    )
    .await?;
    tx.commit().await?;
    // The category may now fall under another team's service-level policy.
    super::sla::refresh_all(state, true).await?;
    Ok(())
}

/// Creates an account (admins only).
pub async fn add_account(
    state: &AppState,
    actor: &User,
    email: &str,
    name: &str,
    role: &str,
    password: &str,
) -> Result<User, AppError> {
    require(actor, |r| r == Role::Admin)?;
    let role: Role = role
        .parse()
        .map_err(|_| AppError::field("role", "err-choose-role"))?;
    let now = state.clock.now();
    let user = auth::create_account(&state.db, email, name, role, Some(password), now).await?;
    let mut tx = state.db.begin_write().await?;
    Db::insert_audit(
        &mut tx,
        actor.id,
        now,
        &format!("user {}", user.email),
        "created",
        role.as_str(),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Changes a person's role (admins only; an admin cannot demote themselves).
pub async fn set_role(
    state: &AppState,
    actor: &User,
    email: &str,
    role: &str,
) -> Result<(), AppError> {
    require(actor, |r| r == Role::Admin)?;
    let role: Role = role
        .parse()
        .map_err(|_| AppError::field("role", "err-choose-role"))?;
    let email = Email::parse(email).map_err(|m| AppError::field("email", m))?;
    let person = state
        .db
        .user_by_email(email.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    if person.id == actor.id && role != Role::Admin {
        return Err(AppError::field("role", "err-demote-self"));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    Db::set_role(&mut tx, person.id, role).await?;
    Db::insert_audit(
        &mut tx,
        actor.id,
        now,
        &format!("user {}", person.email),
        "role",
        &format!("{} → {}", person.role, role),
    )
    .await?;
    tx.commit().await?;
    state.db.forget_sessions_of(person.id);
    Ok(())
}

/// Changes the caller's password after checking the current one. Every session and API token
/// issued before it ends, the caller's own session too (the page then starts a fresh one).
pub async fn change_password(
    state: &AppState,
    actor: &User,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let found = state.db.credentials(&actor.email).await?;
    if found.as_ref().is_some_and(|c| c.directory.is_some()) {
        return Err(AppError::field("current", "err-password-in-directory"));
    }
    let hash = found.and_then(|c| c.password_hash);
    if !auth::verify_password(current.to_string(), hash).await {
        return Err(AppError::field("current", "err-wrong-password"));
    }
    auth::check_new_password(new).map_err(|_| AppError::field("new", "err-password-short"))?;
    let hash = auth::hash_password(new.to_string()).await?;
    let mut tx = state.db.begin_write().await?;
    Db::replace_password(&mut tx, actor.id, &hash).await?;
    Db::insert_audit(
        &mut tx,
        actor.id,
        state.clock.now(),
        &format!("user {}", actor.email),
        "password changed",
        "every session and API token ended",
    )
    .await?;
    tx.commit().await?;
    state.db.forget_sessions_of(actor.id);
    Ok(())
}

/// Reads category fields written one per line as `key | Label | required | hint`.
pub fn parse_fields_text(text: &str) -> Result<Vec<CategoryField>, Msg> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let parts: Vec<&str> = line.split('|').map(str::trim).collect();
            let key = parts.first().copied().unwrap_or_default();
            let label = parts
                .get(1)
                .copied()
                .filter(|l| !l.is_empty())
                .unwrap_or(key);
            let required = match parts.get(2).copied().unwrap_or("optional") {
                "required" | "yes" => true,
                "optional" | "no" | "" => false,
                other => {
                    return Err(Msg::new("err-field-required-word")
                        .text("word", other)
                        .text("line", line))
                }
            };
            let hint = parts
                .get(3)
                .map(|h| h.to_string())
                .filter(|h| !h.is_empty());
            Ok(CategoryField {
                key: key.to_string(),
                label: label.to_string(),
                required,
                hint,
            })
        })
        .collect()
}

/// Creates or updates a category and the fields it asks requesters for (admins only).
pub async fn save_category(
    state: &AppState,
    actor: &User,
    slug: &str,
    name: &str,
    fields: Vec<CategoryField>,
) -> Result<(), AppError> {
    require(actor, |r| r == Role::Admin)?;
    let mut errors = Vec::new();
    let slug = slug.trim().to_lowercase();
    let is_key = |k: &str| {
        !k.is_empty()
            && k.len() <= 40
            && k.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    };
    let about_field = |key: &str, f: &CategoryField| {
        let m = Msg::new(key).text("key", f.key.clone());
        FieldError {
            field: "fields".into(),
            message: m.key,
            args: m.args,
        }
    };
    if !is_key(&slug) {
        errors.push(FieldError::new("slug", "err-category-slug"));
    }
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        errors.push(FieldError::new("name", "err-category-name"));
    }
    for (i, f) in fields.iter().enumerate() {
        if !is_key(&f.key) || f.key.contains('-') {
            errors.push(about_field("err-field-key", f));
        } else if fields[..i].iter().any(|g| g.key == f.key) {
            errors.push(about_field("err-field-twice", f));
        }
        if f.label.trim().is_empty() || f.label.chars().count() > 120 {
            errors.push(about_field("err-field-label", f));
        }
    }
    if fields.len() > 20 {
        errors.push(FieldError::new("fields", "err-too-many-fields"));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin_write().await?;
    Db::upsert_category(&mut tx, &slug, name, &fields).await?;
    let summary = fields
        .iter()
        .map(|f| {
            if f.required {
                format!("{}*", f.key)
            } else {
                f.key.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    Db::insert_audit(
        &mut tx,
        actor.id,
        now,
        &format!("category {slug}"),
        "saved",
        &format!("{name}: {summary}"),
    )
    .await?;
    tx.commit().await?;
    state.db.forget_categories();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_parse_with_levels_and_refuse_unknowns() {
        let cats = vec!["hardware".to_string(), "network".to_string()];
        assert_eq!(
            parse_skills("hardware:2, Network:3", &cats).unwrap(),
            vec![("hardware".into(), 2), ("network".into(), 3)]
        );
        assert_eq!(
            parse_skills("hardware", &cats).unwrap(),
            vec![("hardware".into(), 1)]
        );
        assert!(parse_skills("printing:2", &cats).is_err());
        assert!(parse_skills("hardware:5", &cats).is_err());
        assert!(parse_skills("hardware:1, hardware:2", &cats).is_err());
        assert_eq!(parse_skills("", &cats).unwrap(), vec![]);
    }

    #[test]
    fn category_fields_parse_from_lines() {
        let f =
            parse_fields_text("printer | Printer name | required | on the sticker\nfloor").unwrap();
        assert_eq!(f.len(), 2);
        assert_eq!(
            (
                f[0].key.as_str(),
                f[0].label.as_str(),
                f[0].required,
                f[0].hint.as_deref()
            ),
            ("printer", "Printer name", true, Some("on the sticker"))
        );
        assert_eq!(
            (f[1].key.as_str(), f[1].label.as_str(), f[1].required),
            ("floor", "floor", false)
        );
        assert!(parse_fields_text("x | X | maybe").is_err());
    }
}
