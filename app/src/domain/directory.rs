//! Rules of signing in with the company directory (LDAP / Active Directory, later OpenID Connect):
//! which role a person's groups give, and how a group is named. No I/O.

use super::Role;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Which groups give which role: `it-coordinators=coordinator,it-staff=technician`. A group is
/// named by its name (an LDAP group's common name, a groups claim's value) or by its whole DN.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleMap(Vec<(String, Role)>);

impl RoleMap {
    /// Reads `group=role` pairs separated by commas or semicolons. A group named by a DN (which
    /// has commas of its own) is written with semicolons between the pairs.
    pub fn parse(text: &str) -> Result<RoleMap, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(RoleMap::default());
        }
        let separator = if text.contains(';') { ';' } else { ',' };
        let mut pairs = Vec::new();
        for pair in text
            .split(separator)
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let (group, role) = pair
                .rsplit_once('=')
                .ok_or_else(|| format!("{pair:?} is not group=role"))?;
            let role: Role = role.trim().parse().map_err(|_| {
                format!(
                    "{:?} is not a role (requester, technician, coordinator, admin, facility)",
                    role.trim()
                )
            })?;
            let group = group.trim();
            if group.is_empty() {
                return Err(format!("{pair:?} names no group"));
            }
            pairs.push((group.to_lowercase(), role));
        }
        Ok(RoleMap(pairs))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn pairs(&self) -> &[(String, Role)] {
        &self.0
    }

    /// The role a person in `groups` gets, who has `current` today (`None` when new). Without a
    /// map the directory leaves roles alone (new people are requesters). With one, the highest
    /// role of their mapped groups, or requester when none maps; a role the map never gives
    /// (an admin made in Switchboard, when no group maps to admin) is managed in Switchboard and
    /// kept.
    pub fn role_for<S: AsRef<str>>(&self, groups: &[S], current: Option<Role>) -> Role {
        if self.0.is_empty() {
            return current.unwrap_or(Role::Requester);
        }
        if let Some(current) = current {
            if current != Role::Requester && !self.0.iter().any(|(_, r)| *r == current) {
                return current;
            }
        }
        self.0
            .iter()
            .filter(|(key, _)| groups.iter().any(|g| group_matches(g.as_ref(), key)))
            .map(|(_, role)| *role)
            .max_by_key(|role| rank(*role))
            .unwrap_or(Role::Requester)
    }
}

/// How much a role may do, to choose among several mapped groups.
fn rank(role: Role) -> u8 {
    match role {
        Role::Requester => 0,
        Role::Facility => 1,
        Role::Technician => 2,
        Role::Coordinator => 3,
        Role::Admin => 4,
    }
}

/// Whether a group (a name, or a DN such as `cn=IT-Staff,ou=groups,dc=example,dc=org`) is the
/// map's `key` (lower-case): a key with `=` is a whole DN; a plain key is a group's name, the
/// value of its DN's first part (in any branch of the directory: map admins by DN).
fn group_matches(group: &str, key: &str) -> bool {
    let group = group.trim().to_lowercase();
    if key.contains('=') {
        // A key written as a DN is that group and no other (a group whose name merely reads
        // like the DN does not count).
        return group == key;
    }
    group == key || first_rdn_value(&group).is_some_and(|v| v == key)
}

/// `it-staff` of `cn=it-staff,ou=groups,…` (escaped commas kept); `None` for a plain name.
fn first_rdn_value(dn: &str) -> Option<String> {
    let (_, rest) = dn.split_once('=')?;
    let mut value = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => value.extend(chars.next()),
            ',' | '+' => break,
            c => value.push(c),
        }
    }
    Some(value.trim().to_string())
}

/// One run of a directory's sync, as the admin page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncRun {
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    /// `running`, `ok` or `failed`.
    pub outcome: String,
    /// Why it failed, in the directory's words (for the admin).
    pub detail: String,
    /// How many people the directory admitted.
    pub seen: i64,
}

/// What a directory did to one account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub at: DateTime<Utc>,
    pub email: String,
    pub name: String,
    /// `created`, `linked`, `role` or `deactivated`.
    pub action: String,
    pub detail: String,
}

/// How the sign-in page asks for who someone is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInOptions {
    /// A directory login (a user name) is taken as well as an address.
    pub logins: bool,
    /// The OpenID provider's name on the "Sign in with …" button, when one is connected.
    pub provider: Option<String>,
}

/// The company directory as the admin page shows it: how it is connected, its last sync, and
/// what it did to accounts lately.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryStatus {
    pub ldap: Option<LdapStatus>,
    pub oidc: Option<OidcStatus>,
    /// Switchboard passwords are for admins only.
    pub admins_only: bool,
    pub last_sync: Option<SyncRun>,
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LdapStatus {
    pub url: String,
    /// `ldaps`, `starttls` or `none`.
    pub security: String,
    /// People are found by the service account's search (`true`) or a DN template.
    pub searches: bool,
    /// The DN people are bound as, when not searched.
    pub template: Option<String>,
    pub filter: String,
    pub roles: Vec<(String, Role)>,
    /// Hours between syncs, when they run by themselves.
    pub sync_hours: Option<u64>,
}

/// An OpenID provider as the admin page shows it (never its secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OidcStatus {
    pub issuer: String,
    pub client_id: String,
    pub label: String,
    /// The callback address to register at the provider.
    pub redirect_url: String,
    pub scopes: String,
    pub role_claim: Option<String>,
    pub roles: Vec<(String, Role)>,
    /// Addresses are taken as proven without `email_verified`.
    pub trust_email: bool,
    /// The domains whose addresses may sign in (empty: any).
    pub email_domains: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(text: &str) -> RoleMap {
        RoleMap::parse(text).unwrap()
    }

    #[test]
    fn groups_give_the_highest_mapped_role() {
        let m = map("it-coordinators=coordinator, it-staff=technician");
        let groups = [
            "cn=IT-Staff,ou=groups,dc=example,dc=org",
            "cn=it-coordinators,ou=groups,dc=example,dc=org",
        ];
        assert_eq!(m.role_for(&groups, None), Role::Coordinator);
        assert_eq!(m.role_for(&groups[..1], None), Role::Technician);
        assert_eq!(m.role_for(&["it-staff"], None), Role::Technician);
        let none: [&str; 0] = [];
        assert_eq!(m.role_for(&none, None), Role::Requester);
    }

    #[test]
    fn leaving_a_mapped_group_takes_its_role_away() {
        let m = map("it-staff=technician");
        let none: [&str; 0] = [];
        assert_eq!(m.role_for(&none, Some(Role::Technician)), Role::Requester);
    }

    #[test]
    fn roles_the_map_never_gives_stay_with_switchboard() {
        let m = map("it-staff=technician");
        let none: [&str; 0] = [];
        assert_eq!(m.role_for(&none, Some(Role::Admin)), Role::Admin);
        assert_eq!(m.role_for(&none, Some(Role::Facility)), Role::Facility);
        let with_admins = map("it-staff=technician,it-admins=admin");
        assert_eq!(
            with_admins.role_for(&none, Some(Role::Admin)),
            Role::Requester
        );
    }

    #[test]
    fn without_a_map_roles_are_left_alone() {
        let m = RoleMap::default();
        assert_eq!(
            m.role_for(&["it-staff"], Some(Role::Technician)),
            Role::Technician
        );
        assert_eq!(m.role_for(&["it-staff"], None), Role::Requester);
    }

    #[test]
    fn a_dn_is_matched_whole_and_groups_with_commas_use_semicolons() {
        let m = map("cn=Help\\, Desk,ou=groups,dc=example,dc=org=coordinator; it-staff=technician");
        assert_eq!(m.pairs().len(), 2);
        assert_eq!(
            m.role_for(&["CN=Help\\, Desk,OU=groups,DC=example,DC=org"], None),
            Role::Coordinator
        );
        assert_eq!(
            first_rdn_value("cn=help\\, desk,ou=x").as_deref(),
            Some("help, desk")
        );
        assert_eq!(first_rdn_value("plain-name"), None);
    }

    #[test]
    fn a_group_named_like_a_dn_is_not_that_dn() {
        let m = map("cn=it-admins,ou=groups,dc=corp=admin;");
        let spoof = ["cn=cn\\=it-admins\\,ou\\=groups\\,dc\\=corp,ou=self-service,dc=corp"];
        assert_eq!(m.role_for(&spoof, None), Role::Requester);
        assert_eq!(
            m.role_for(&["CN=IT-Admins,OU=Groups,DC=corp"], None),
            Role::Admin
        );
    }

    #[test]
    fn a_bad_map_says_what_is_wrong() {
        assert!(RoleMap::parse("it-staff")
            .unwrap_err()
            .contains("group=role"));
        assert!(RoleMap::parse("it-staff=wizard")
            .unwrap_err()
            .contains("not a role"));
        assert!(RoleMap::parse("=admin").unwrap_err().contains("no group"));
        assert!(RoleMap::parse("  ").unwrap().is_empty());
    }
}
