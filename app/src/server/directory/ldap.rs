//! The company directory over LDAP (OpenLDAP, Active Directory): checking a password by binding as
//! the person, reading who they are and their groups, and listing who may still sign in for the
//! sync. Connections are TLS from the first byte (`ldaps://`) or upgraded with StartTLS
//! (`ldap://`); a bind in clear only with `--ldap-allow-insecure`, for a lab.

use super::Person;
use ldap3::adapters::{Adapter, EntriesOnly, PagedResults};
use ldap3::{dn_escape, ldap_escape, Ldap, LdapConnAsync, LdapConnSettings, Scope, SearchEntry};
use std::time::Duration;
use tokio_rustls::rustls::pki_types::CertificateDer;

/// LDAP's result code for a wrong password, an unknown DN or a disabled account.
const INVALID_CREDENTIALS: u32 = 49;

/// Where the directory is and how people are found in it.
#[derive(Clone)]
pub struct LdapSettings {
    /// `ldaps://host:636` or `ldap://host:389`.
    pub url: String,
    /// Plain `ldap://` without StartTLS (a lab only).
    pub insecure: bool,
    /// A service account that searches for people (and runs the sync).
    pub bind_dn: Option<String>,
    pub bind_password: Option<String>,
    /// Where people are searched.
    pub base_dn: String,
    /// Who may sign in, with `{login}` for what they typed, e.g.
    /// `(&(objectClass=person)(|(uid={login})(mail={login})))`. The sync lists everyone it
    /// matches with `{login}` as `*`.
    pub user_filter: String,
    /// Binds straight as `uid={login},ou=people,…` instead of searching (no service account).
    pub user_dn_template: Option<String>,
    /// Attributes read from a person's entry.
    pub mail_attr: String,
    pub name_attr: String,
    pub groups_attr: String,
    /// Certificates trusted besides the public roots (an internal CA).
    pub extra_roots: Vec<CertificateDer<'static>>,
    /// How long one exchange with the directory may take.
    pub timeout: Duration,
}

impl std::fmt::Debug for LdapSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LdapSettings")
            .field("url", &self.url)
            .field("insecure", &self.insecure)
            .field("bind_dn", &self.bind_dn)
            .field(
                "bind_password",
                &self.bind_password.as_ref().map(|_| "[redacted]"),
            )
            .field("base_dn", &self.base_dn)
            .field("user_filter", &self.user_filter)
            .field("user_dn_template", &self.user_dn_template)
            .finish_non_exhaustive()
    }
}

impl LdapSettings {
    /// Settings for `url` with the usual attributes (`mail`, `displayName`, `memberOf`), checked:
    /// the scheme, a base, a filter with `{login}` or a DN template.
    pub fn new(url: &str, base_dn: &str, user_filter: &str) -> Result<LdapSettings, String> {
        let url = url.trim();
        if !(url.starts_with("ldaps://") || url.starts_with("ldap://")) {
            return Err(format!(
                "the directory's address starts with ldaps:// or ldap://, not {url:?}"
            ));
        }
        if !user_filter.contains("{login}") {
            return Err("the user filter holds {login} where the person's login goes".into());
        }
        ldap3::parse_filter(user_filter.replace("{login}", "x"))
            .map_err(|_| format!("{user_filter:?} is not an LDAP filter"))?;
        Ok(LdapSettings {
            url: url.to_string(),
            insecure: false,
            bind_dn: None,
            bind_password: None,
            base_dn: base_dn.trim().to_string(),
            user_filter: user_filter.trim().to_string(),
            user_dn_template: None,
            mail_attr: "mail".into(),
            name_attr: "displayName".into(),
            groups_attr: "memberOf".into(),
            extra_roots: Vec::new(),
            timeout: Duration::from_secs(10),
        })
    }

    /// Whether the sync can list people (it needs the service account).
    pub fn can_sync(&self) -> bool {
        self.bind_dn.is_some()
    }

    /// How the connection is secured, for the admin page.
    pub fn security(&self) -> &'static str {
        if self.url.starts_with("ldaps://") {
            "ldaps"
        } else if self.insecure {
            "none"
        } else {
            "starttls"
        }
    }

    fn attrs(&self) -> Vec<&str> {
        vec![
            self.mail_attr.as_str(),
            self.name_attr.as_str(),
            "cn",
            self.groups_attr.as_str(),
        ]
    }
}

/// What the directory said of a login and password.
#[derive(Debug)]
pub enum Verdict {
    /// The password is right and the person may sign in.
    Person(Person),
    /// Wrong password, unknown login, or excluded by the filter (disabled): the same to the user.
    Refused,
}

/// A failure to talk to the directory (unreachable, TLS, timeout, a search refused).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Unreachable(pub String);

impl From<ldap3::LdapError> for Unreachable {
    fn from(e: ldap3::LdapError) -> Self {
        Unreachable(e.to_string())
    }
}

async fn connect(s: &LdapSettings) -> Result<Ldap, Unreachable> {
    let conn = LdapConnSettings::new()
        .set_conn_timeout(s.timeout)
        .set_config(crate::server::tls::client_config(&s.extra_roots))
        .set_starttls(s.url.starts_with("ldap://") && !s.insecure);
    let (conn, ldap) = LdapConnAsync::with_settings(conn, &s.url).await?;
    ldap3::drive!(conn);
    Ok(ldap)
}

/// Checks `login` and `password` against the directory: finds the person (by the service
/// account's search, or by the DN template), binds as them, and reads their entry.
pub async fn verify(s: &LdapSettings, login: &str, password: &str) -> Result<Verdict, Unreachable> {
    let login = login.trim();
    // An empty password is an "unauthenticated bind", which servers answer with success.
    if login.is_empty() || password.is_empty() || login.len() > 256 || password.len() > 1024 {
        return Ok(Verdict::Refused);
    }
    tokio::time::timeout(s.timeout, verify_inner(s, login, password))
        .await
        .map_err(|_| Unreachable("the directory did not answer in time".into()))?
}

async fn verify_inner(
    s: &LdapSettings,
    login: &str,
    password: &str,
) -> Result<Verdict, Unreachable> {
    let mut ldap = connect(s).await?;
    let filter = s.user_filter.replace("{login}", &ldap_escape(login));
    let verdict = match &s.user_dn_template {
        Some(template) => {
            let dn = template.replace("{login}", &dn_escape(login));
            if !bind(&mut ldap, &dn, password).await? {
                return Ok(Verdict::Refused);
            }
            // Read as the person: their own entry, if the filter still admits them.
            match find(&mut ldap, &dn, Scope::Base, &filter, s).await? {
                Some(person) => Verdict::Person(person),
                None => Verdict::Refused,
            }
        }
        None => {
            service_bind(&mut ldap, s).await?;
            let Some(person) = find(&mut ldap, &s.base_dn, Scope::Subtree, &filter, s).await?
            else {
                return Ok(Verdict::Refused);
            };
            if bind(&mut ldap, &person.id, password).await? {
                Verdict::Person(person)
            } else {
                Verdict::Refused
            }
        }
    };
    let _ = ldap.unbind().await;
    Ok(verdict)
}

/// Binds; `false` for invalid credentials, an error for anything else.
async fn bind(ldap: &mut Ldap, dn: &str, password: &str) -> Result<bool, Unreachable> {
    let result = ldap.simple_bind(dn, password).await?;
    match result.rc {
        0 => Ok(true),
        INVALID_CREDENTIALS => Ok(false),
        _ => Err(Unreachable(format!("bind refused: {result}"))),
    }
}

async fn service_bind(ldap: &mut Ldap, s: &LdapSettings) -> Result<(), Unreachable> {
    let (Some(dn), Some(password)) = (&s.bind_dn, &s.bind_password) else {
        return Err(Unreachable(
            "searching the directory needs the service account (--ldap-bind-dn)".into(),
        ));
    };
    if bind(ldap, dn, password).await? {
        Ok(())
    } else {
        Err(Unreachable(
            "the directory refused the service account's password".into(),
        ))
    }
}

/// The one entry `filter` finds under `base`; none when it finds none or several (a login that
/// names two people signs in neither).
async fn find(
    ldap: &mut Ldap,
    base: &str,
    scope: Scope,
    filter: &str,
    s: &LdapSettings,
) -> Result<Option<Person>, Unreachable> {
    let result = ldap.search(base, scope, filter, s.attrs()).await?;
    // "No such object": the template's DN does not exist.
    if result.1.rc == 32 {
        return Ok(None);
    }
    let (entries, _) = result.success()?;
    if entries.len() > 1 {
        tracing::warn!(
            matches = entries.len(),
            "a login matches several directory entries; refused"
        );
        return Ok(None);
    }
    Ok(entries
        .into_iter()
        .next()
        .map(|e| person(SearchEntry::construct(e), s)))
}

/// Whether an attribute's name as the server sent it is `attr` (in any case, and with options
/// such as Active Directory's `memberOf;range=0-1499`).
fn is_attr(name: &str, attr: &str) -> bool {
    name.split(';')
        .next()
        .is_some_and(|n| n.eq_ignore_ascii_case(attr))
}

fn person(entry: SearchEntry, s: &LdapSettings) -> Person {
    let first = |attr: &str| {
        entry
            .attrs
            .iter()
            .find(|(k, _)| is_attr(k, attr))
            .and_then(|(_, v)| v.first().cloned())
    };
    let email = first(&s.mail_attr).unwrap_or_default();
    let name = first(&s.name_attr)
        .or_else(|| first("cn"))
        .unwrap_or_else(|| email.clone());
    let groups = entry
        .attrs
        .iter()
        .filter(|(k, _)| is_attr(k, &s.groups_attr))
        .flat_map(|(_, v)| v.iter().cloned())
        .collect();
    Person {
        id: entry.dn,
        email,
        name,
        groups,
    }
}

/// Everyone the filter admits (with `{login}` as `*`), read in pages, for the sync.
pub async fn everyone(s: &LdapSettings) -> Result<Vec<Person>, Unreachable> {
    let mut ldap = connect(s).await?;
    service_bind(&mut ldap, s).await?;
    let filter = s.user_filter.replace("{login}", "*");
    let adapters: Vec<Box<dyn Adapter<_, _>>> = vec![
        Box::new(EntriesOnly::new()),
        Box::new(PagedResults::new(500)),
    ];
    let mut search = ldap
        .streaming_search_with(adapters, &s.base_dn, Scope::Subtree, &filter, s.attrs())
        .await?;
    let mut people = Vec::new();
    while let Some(entry) = search.next().await? {
        people.push(person(SearchEntry::construct(entry), s));
    }
    search.finish().await.success()?;
    let _ = ldap.unbind().await;
    Ok(people)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_matched_without_case_and_options() {
        assert!(is_attr("memberOf", "memberof"));
        assert!(is_attr("memberOf;range=0-1499", "memberOf"));
        assert!(!is_attr("memberOfX", "memberOf"));
    }

    #[test]
    fn settings_refuse_what_cannot_work() {
        assert!(LdapSettings::new("http://x", "", "(uid={login})").is_err());
        assert!(LdapSettings::new("ldaps://x", "", "(uid=rita)").is_err());
        assert!(LdapSettings::new("ldaps://x", "", "(uid={login}").is_err());
        let mut ok = LdapSettings::new("ldap://x", "dc=x", "(uid={login})").unwrap();
        assert_eq!(ok.security(), "starttls");
        ok.bind_password = Some("s3cret".into());
        assert!(
            !format!("{ok:?}").contains("s3cret"),
            "the password stays out of logs"
        );
    }
}
