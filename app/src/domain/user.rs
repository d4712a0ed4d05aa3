//! People and what their role lets them do.

use super::closed_enum;
use serde::{Deserialize, Serialize};

closed_enum!(
    /// Whether a technician takes new work: on duty, away for now, or off until a date.
    Availability { OnDuty => "on_duty", Away => "away", Off => "off" }
);

impl Availability {
    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Availability::OnDuty => "availability-on-duty",
            Availability::Away => "availability-away",
            Availability::Off => "availability-off",
        }
    }
}

closed_enum!(
    Role {
        Requester => "requester",
        Technician => "technician",
        Coordinator => "coordinator",
        Admin => "admin",
        /// A facility manager: sees and updates the work orders addressed to them, and may file
        /// requests of their own like any requester.
        Facility => "facility",
    }
);

impl Role {
    /// The page where this role starts.
    pub fn home(self) -> &'static str {
        match self {
            Role::Requester => "/requests",
            Role::Facility => "/facility",
            Role::Technician => "/work",
            Role::Coordinator | Role::Admin => "/board",
        }
    }

    /// Staff handle tickets; requesters only file and follow their own.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Technician | Role::Coordinator | Role::Admin)
    }

    /// Coordinators and admins see and may change every ticket.
    pub fn coordinates(self) -> bool {
        matches!(self, Role::Coordinator | Role::Admin)
    }

    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Requester => "role-requester",
            Role::Technician => "role-technician",
            Role::Coordinator => "role-coordinator",
            Role::Admin => "role-admin",
            Role::Facility => "role-facility",
        }
    }
}

/// A syntactically plausible email address, lower-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// The address, or the catalogue key of what is wrong with it.
    pub fn parse(s: &str) -> Result<Self, String> {
        // Lower-casing folds a few non-ASCII letters into ASCII ones (the Kelvin sign into `k`,
        // `İ` into `i` and a combining dot): such an address would become someone else's.
        let mut folded = false;
        let s: String = s
            .trim()
            .chars()
            .flat_map(|c| {
                let lower: Vec<char> = c.to_lowercase().collect();
                folded |= !c.is_ascii() && lower.iter().any(char::is_ascii);
                lower
            })
            .collect();
        let valid = !folded
            && s.len() <= 254
            && s.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s
                        .chars()
                        .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>')
                    && s.matches('@').count() == 1
            });
        if valid {
            Ok(Email(s))
        } else {
            Err("err-email".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    /// Deserializing answers the message in words (English), not its key.
    fn try_from(s: String) -> Result<Self, String> {
        Email::parse(&s).map_err(|key| crate::i18n::Locale::default().t(&key))
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

/// The signed-in person, as every surface sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The language they chose; `None` follows their browser, then the desk's default.
    #[serde(default)]
    pub language: Option<crate::i18n::Lang>,
    /// The IANA zone they chose; `None` follows the desk's zone.
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// A person as an admin manages them: whether they can sign in at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub user: User,
    /// Switched off by an admin: no sign-in, no mail, history kept under their name.
    pub deactivated: bool,
}

/// A REST API token as its owner sees it (never the token itself, which is shown once).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub last_used_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// How long a new API token lives unless its owner says otherwise, and the most it may.
pub const TOKEN_DEFAULT_DAYS: i64 = 90;
pub const TOKEN_MAX_DAYS: i64 = 366;

/// Where to go after signing in, read as a browser reads a URL: tabs and line breaks are dropped
/// and `\` counts as `/`. Only a path on this site passes; anything else gives `None`.
pub fn same_site_path(next: &str) -> Option<String> {
    let cleaned: String = next
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .map(|c| if c == '\\' { '/' } else { c })
        .collect();
    let cleaned = cleaned.trim_start_matches(|c: char| c.is_ascii_whitespace() || c.is_control());
    let ok = cleaned.starts_with('/')
        && !cleaned.starts_with("//")
        && !cleaned.chars().any(|c| c.is_control())
        && cleaned.len() <= 2048;
    ok.then(|| cleaned.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_and_lowercased() {
        assert_eq!(
            Email::parse(" Ana@Example.ORG ").unwrap().as_str(),
            "ana@example.org"
        );
        // Letters outside ASCII stay themselves, lower-cased.
        assert_eq!(
            Email::parse("JÜRGEN@Müller.DE").unwrap().as_str(),
            "jürgen@müller.de"
        );
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "a@b",
            "a b@example.org",
            "a@@example.org",
            "a@example.org.",
            "a\0b@example.org",
            "a\u{7f}@example.org",
            "\u{212a}im@example.org",
            "ana@\u{212a}pmg.com",
            "\u{130}nci@example.org",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn only_same_site_paths_are_followed_after_sign_in() {
        assert_eq!(same_site_path("/board").as_deref(), Some("/board"));
        assert_eq!(
            same_site_path("/tickets/SB-1?x=1").as_deref(),
            Some("/tickets/SB-1?x=1")
        );
        for hostile in [
            "//evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "\\\\evil.example",
            "/\\evil.example",
            "\t//evil.example",
            " //evil.example",
            "https://evil.example",
            "evil.example",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(same_site_path(hostile), None, "{hostile:?}");
        }
        // A line break is dropped as a browser drops it, never passed into a header.
        assert_eq!(
            same_site_path("/\r\nSet-Cookie: x=1").as_deref(),
            Some("/Set-Cookie: x=1")
        );
    }

    #[test]
    fn only_coordinators_and_admins_coordinate() {
        assert!(Role::Admin.coordinates());
        assert!(!Role::Technician.coordinates());
        assert!(Role::Technician.is_staff());
        assert!(!Role::Requester.is_staff());
        assert!(!Role::Facility.is_staff());
        assert!(!Role::Facility.coordinates());
    }
}
