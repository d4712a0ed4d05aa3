//! A real company directory for the sign-in tests: Debian's OpenLDAP `slapd`, started in a
//! temporary folder on free loopback ports (LDAPS, and plain LDAP offering StartTLS) with a test
//! certificate authority made by openssl, filled through the running server (so that the
//! memberOf overlay sees the groups) and removed afterwards. Changes to the directory go through
//! Debian's `ldap-utils` as the directory's administrator.
#![allow(dead_code)]

use crate::test_ca::free_port;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const BASE: &str = "dc=example,dc=org";
pub const PEOPLE: &str = "ou=people,dc=example,dc=org";
pub const READER: &str = "cn=reader,dc=example,dc=org";
pub const READER_PASSWORD: &str = "reader-pass";
const ADMIN: &str = "cn=admin,dc=example,dc=org";
const ADMIN_PASSWORD: &str = "admin-pass";

/// Two requesters (rita, paul), a technician (tina, in it-staff) and a coordinator (cora, in
/// it-coordinators); each one's password is `<uid>-pass`.
const DATA: &str = "\
dn: dc=example,dc=org
objectClass: dcObject
objectClass: organization
dc: example
o: Example

dn: cn=reader,dc=example,dc=org
objectClass: organizationalRole
objectClass: simpleSecurityObject
cn: reader
userPassword: reader-pass

dn: ou=people,dc=example,dc=org
objectClass: organizationalUnit
ou: people

dn: ou=groups,dc=example,dc=org
objectClass: organizationalUnit
ou: groups

dn: uid=rita,ou=people,dc=example,dc=org
objectClass: inetOrgPerson
uid: rita
cn: Rita Requester
displayName: Rita Rossi
sn: Rossi
mail: rita@example.org
userPassword: rita-pass

dn: uid=paul,ou=people,dc=example,dc=org
objectClass: inetOrgPerson
uid: paul
cn: Paul Requester
sn: Requester
mail: paul@example.org
userPassword: paul-pass

dn: uid=tina,ou=people,dc=example,dc=org
objectClass: inetOrgPerson
uid: tina
cn: Tina Technician
sn: Technician
mail: tina@example.org
userPassword: tina-pass

dn: uid=cora,ou=people,dc=example,dc=org
objectClass: inetOrgPerson
uid: cora
cn: Cora Coordinator
sn: Coordinator
mail: cora@example.org
userPassword: cora-pass

dn: cn=it-staff,ou=groups,dc=example,dc=org
objectClass: groupOfNames
cn: it-staff
member: uid=tina,ou=people,dc=example,dc=org

dn: cn=it-coordinators,ou=groups,dc=example,dc=org
objectClass: groupOfNames
cn: it-coordinators
member: uid=cora,ou=people,dc=example,dc=org
";

pub struct Slapd {
    /// The LDAPS port.
    pub port: u16,
    /// The plain port, which offers StartTLS.
    pub plain_port: u16,
    pub dir: PathBuf,
    child: Child,
}

impl Drop for Slapd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Slapd {
    pub async fn start() -> Slapd {
        assert!(
            std::path::Path::new("/usr/sbin/slapd").exists(),
            "the directory tests need OpenLDAP: `make services` installs Debian's slapd and ldap-utils"
        );
        let dir = PathBuf::from(format!(
            "/tmp/sb-ldap-{}-{}",
            std::process::id(),
            free_port()
        ));
        std::fs::create_dir_all(dir.join("data")).unwrap();
        // A certificate authority of the test's own, and the server's certificate for 127.0.0.1.
        crate::test_ca::certificates(&dir);
        let d = dir.display();
        // Anonymous clients may only bind; people read the directory, never others' passwords.
        let conf = format!(
            "include /etc/ldap/schema/core.schema\n\
             include /etc/ldap/schema/cosine.schema\n\
             include /etc/ldap/schema/inetorgperson.schema\n\
             pidfile {d}/slapd.pid\nargsfile {d}/slapd.args\n\
             modulepath /usr/lib/ldap\nmoduleload back_mdb\nmoduleload memberof\n\
             TLSCACertificateFile {d}/ca.pem\nTLSCertificateFile {d}/server.pem\n\
             TLSCertificateKeyFile {d}/server.key\n\n\
             database mdb\nsuffix \"{BASE}\"\nrootdn \"{ADMIN}\"\nrootpw {ADMIN_PASSWORD}\n\
             directory {d}/data\ndbnosync\noverlay memberof\nmemberof-refint TRUE\n\n\
             access to attrs=userPassword\n  by self write\n  by anonymous auth\n  by * none\n\
             access to *\n  by dn.exact=\"{READER}\" read\n  by users read\n  by * none\n"
        );
        std::fs::write(dir.join("slapd.conf"), conf).unwrap();
        let (port, plain_port) = (free_port(), free_port());
        let log = std::fs::File::create(dir.join("slapd.log")).unwrap();
        // `-d none` keeps it in the foreground and still reports why it could not start.
        let child = Command::new("/usr/sbin/slapd")
            .args(["-d", "none", "-f"])
            .arg(dir.join("slapd.conf"))
            .arg("-h")
            .arg(format!(
                "ldaps://127.0.0.1:{port}/ ldap://127.0.0.1:{plain_port}/"
            ))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("slapd starts");
        let slapd = Slapd {
            port,
            plain_port,
            dir,
            child,
        };
        let mut up = false;
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", plain_port))
                .await
                .is_ok()
            {
                up = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert!(
            up,
            "slapd did not start: {}",
            std::fs::read_to_string(slapd.dir.join("slapd.log")).unwrap_or_default()
        );
        slapd.admin("ldapadd", DATA);
        slapd
    }

    /// Runs an ldap-utils command as the directory's administrator over StartTLS, with `ldif` as
    /// its input.
    pub fn admin(&self, tool: &str, ldif: &str) {
        let mut child = Command::new(tool)
            .env("LDAPTLS_CACERT", self.dir.join("ca.pem"))
            .args(["-H", &format!("ldap://127.0.0.1:{}", self.plain_port)])
            .args(["-ZZ", "-x", "-D", ADMIN, "-w", ADMIN_PASSWORD])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{tool} runs (make services installs ldap-utils): {e}"));
        child
            .stdin
            .take()
            .unwrap()
            .write_all(ldif.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{tool} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Removes a person from the directory.
    pub fn remove(&self, uid: &str) {
        self.admin("ldapdelete", &format!("uid={uid},{PEOPLE}\n"));
    }

    /// Sets an attribute of a person (such as `description: disabled`).
    pub fn set(&self, uid: &str, attr: &str, value: &str) {
        self.admin(
            "ldapmodify",
            &format!(
                "dn: uid={uid},{PEOPLE}\nchangetype: modify\nreplace: {attr}\n{attr}: {value}\n"
            ),
        );
    }

    /// Adds a person to a group.
    pub fn join(&self, uid: &str, group: &str) {
        self.admin(
            "ldapmodify",
            &format!(
                "dn: cn={group},ou=groups,{BASE}\nchangetype: modify\nadd: member\nmember: uid={uid},{PEOPLE}\n"
            ),
        );
    }

    /// The CA that signed the server's certificate, as a file for `--ldap-ca-file`.
    pub fn ca_file(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    pub fn ldaps_url(&self) -> String {
        format!("ldaps://127.0.0.1:{}", self.port)
    }

    pub fn starttls_url(&self) -> String {
        format!("ldap://127.0.0.1:{}", self.plain_port)
    }

    /// Configures Switchboard to sign people in with this directory: LDAPS, the reader as the
    /// service account, a filter that leaves out people marked disabled, and groups → roles.
    pub fn configure(&self, config: &mut switchboard::Config) {
        config.ldap_url = Some(self.ldaps_url());
        config.ldap_base_dn = PEOPLE.into();
        config.ldap_bind_dn = Some(READER.into());
        config.ldap_bind_password = Some(READER_PASSWORD.parse().unwrap());
        config.ldap_user_filter =
            "(&(objectClass=inetOrgPerson)(!(description=disabled))(|(uid={login})(mail={login})))"
                .into();
        config.ldap_role_map = "it-coordinators=coordinator,it-staff=technician".into();
        config.ldap_ca_file = Some(self.ca_file());
        config.ldap_sync_hours = 0;
    }
}
