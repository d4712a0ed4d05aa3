//! A real IMAP mailbox for the mail tests and `make bench`: Debian's Dovecot, started in a
//! temporary folder on a free loopback port with a test certificate authority (made by openssl)
//! and removed afterwards. Signs in by password, or by OAuth2 (XOAUTH2) checked against an
//! introspection endpoint. (Included by path from `tests/api` and `src/bin/bench_mail.rs`.)
#![allow(dead_code)]

use crate::test_ca::{free_port, run};
use app::server::inbound::imap::{self, Auth, ImapSettings};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const USER: &str = "helpdesk@example.org";
pub const PASSWORD: &str = "mailbox secret";

pub struct Dovecot {
    pub port: u16,
    pub dir: PathBuf,
    /// The CA that signed the server's certificate, in PEM.
    pub ca_pem: Vec<u8>,
    child: Child,
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl Dovecot {
    /// Starts Dovecot; with `introspection`, XOAUTH2 tokens are checked at that URL.
    pub async fn start(introspection: Option<&str>) -> Dovecot {
        assert!(
            std::path::Path::new("/usr/sbin/dovecot").exists(),
            "the mail tests need Dovecot: `make services` installs Debian's dovecot-imapd"
        );
        // Unix socket paths are short: a folder right under /tmp.
        let dir = PathBuf::from(format!(
            "/tmp/sb-imap-{}-{}",
            std::process::id(),
            free_port()
        ));
        std::fs::create_dir_all(dir.join("mail")).unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o711)).unwrap();
        run(Command::new("chown")
            .arg("nobody:nogroup")
            .arg(dir.join("mail")));
        // A certificate authority of the test's own, and the server's certificate for 127.0.0.1.
        crate::test_ca::certificates(&dir);
        std::fs::write(dir.join("users"), format!("{USER}:{{PLAIN}}{PASSWORD}\n")).unwrap();
        let port = free_port();
        let d = dir.display();
        let oauth = match introspection {
            Some(url) => {
                std::fs::write(
                    dir.join("oauth2.conf.ext"),
                    format!(
                        "introspection_mode = post\nintrospection_url = {url}\n\
                         username_attribute = username\nactive_attribute = active\nactive_value = true\n"
                    ),
                )
                .unwrap();
                format!(
                    "passdb {{\n  driver = oauth2\n  args = {d}/oauth2.conf.ext\n  mechanisms = xoauth2\n}}\n"
                )
            }
            None => String::new(),
        };
        let conf = format!(
            "base_dir = {d}/run\nstate_dir = {d}/state\nlog_path = {d}/dovecot.log\n\
             protocols = imap\nlisten = 127.0.0.1\n\
             ssl = required\nssl_cert = <{d}/server.pem\nssl_key = <{d}/server.key\n\
             auth_mechanisms = plain login xoauth2\nauth_failure_delay = 0\n\
             default_internal_user = root\ndefault_internal_group = root\n\
             default_login_user = nobody\nmail_uid = nobody\nmail_gid = nogroup\n\
             mail_location = maildir:{d}/mail/%u\n\
             passdb {{\n  driver = passwd-file\n  args = {d}/users\n  mechanisms = plain login\n}}\n\
             {oauth}\
             userdb {{\n  driver = static\n  args = home={d}/mail/%u\n}}\n\
             service imap-login {{\n  inet_listener imap {{\n    port = 0\n  }}\n  \
             inet_listener imaps {{\n    address = 127.0.0.1\n    port = {port}\n    ssl = yes\n  }}\n}}\n\
             service anvil {{\n  unix_listener anvil-auth-penalty {{\n    mode = 0\n  }}\n}}\n"
        );
        std::fs::write(dir.join("dovecot.conf"), conf).unwrap();
        let child = Command::new("/usr/sbin/dovecot")
            .arg("-F")
            .arg("-c")
            .arg(dir.join("dovecot.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dovecot starts");
        let ca_pem = std::fs::read(dir.join("ca.pem")).unwrap();
        let dovecot = Dovecot {
            port,
            dir,
            ca_pem,
            child,
        };
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return dovecot;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!(
            "dovecot did not start: {}",
            std::fs::read_to_string(dovecot.dir.join("dovecot.log")).unwrap_or_default()
        );
    }

    /// The `--mail-inbound` address of the mailbox.
    pub fn url(&self) -> String {
        format!(
            "imaps://helpdesk%40example.org@127.0.0.1:{}/INBOX",
            self.port
        )
    }

    /// Settings that read the mailbox with the password, trusting the test CA.
    pub fn settings(&self) -> ImapSettings {
        let mut s = ImapSettings::parse(&self.url(), Auth::Password(PASSWORD.into())).unwrap();
        s.trust_pem(&self.ca_pem).unwrap();
        s.interval = Duration::from_millis(500);
        s
    }

    /// Delivers messages into the mailbox over one session, as a mail server would.
    pub async fn deliver_all(&self, messages: impl IntoIterator<Item = Vec<u8>>) {
        let mut session = imap::connect(&self.settings()).await.expect("sign in");
        for raw in messages {
            session
                .append("INBOX", None, None, &raw)
                .await
                .expect("append");
        }
        session.logout().await.ok();
    }

    /// Delivers a message into the mailbox, as a mail server would.
    pub async fn deliver(&self, raw: &[u8]) {
        let mut session = imap::connect(&self.settings()).await.expect("sign in");
        session
            .append("INBOX", None, None, raw)
            .await
            .expect("append");
        session.logout().await.ok();
    }

    /// How many messages in the mailbox are not yet taken by Switchboard.
    pub async fn waiting(&self) -> usize {
        let mut session = imap::connect(&self.settings()).await.expect("sign in");
        let found = session
            .uid_search(format!("UNKEYWORD {} NOT DELETED", imap::DONE_KEYWORD))
            .await
            .expect("search");
        session.logout().await.ok();
        found.len()
    }

    /// How many messages the mailbox holds in all.
    pub async fn total(&self) -> usize {
        let mut session = imap::connect(&self.settings()).await.expect("sign in");
        let found = session.uid_search("ALL").await.expect("search");
        session.logout().await.ok();
        found.len()
    }
}
