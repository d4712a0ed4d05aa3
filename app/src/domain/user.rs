//! People and what their role lets them do.

use super::closed_enum;
use serde::{Deserialize, Serialize};

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
    /// Staff handle tickets; requesters only file and follow their own.
    pub fn is_staff(self) -> bool {
        matches!(self, Role::Technician | Role::Coordinator | Role::Admin)
    }

    /// Coordinators and admins see and may change every ticket.
    pub fn coordinates(self) -> bool {
        matches!(self, Role::Coordinator | Role::Admin)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Requester => "Requester",
            Role::Technician => "Technician",
            Role::Coordinator => "Coordinator",
            Role::Admin => "Admin",
            Role::Facility => "Facility manager",
        }
    }
}

/// A syntactically plausible email address, lower-cased.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim().to_lowercase();
        let valid = s.len() <= 254
            && s.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !s.chars().any(|c| c.is_whitespace() || c == '<' || c == '>')
                    && s.matches('@').count() == 1
            });
        if valid {
            Ok(Email(s))
        } else {
            Err("Enter an email address like name@example.org".into())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Email::parse(&s)
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
        for bad in [
            "",
            "ana",
            "ana@",
            "@example.org",
            "a@b",
            "a b@example.org",
            "a@@example.org",
            "a@example.org.",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
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
