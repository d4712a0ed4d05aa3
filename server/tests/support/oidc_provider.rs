//! A real OpenID provider for the sign-in tests: the certified `oidc-provider` package for Node.js
//! (end2end/oidc/provider.mjs, installed with the browser suite's packages), started on a free
//! loopback port and stopped when the test ends — it also exits when this process dies, as it
//! reads its standard input until the end. Its people are the directory tests' (rita, paul,
//! tina in it-staff, cora in it-coordinators, uma whose address is not verified), each with the
//! password `<login>-pass`; a login `tina+expired` (or `+wrong-aud`, `+bad-nonce`, `+bad-iss`,
//! `+bad-sig`) gets an ID token broken in that one way.
#![allow(dead_code)]

use std::io::BufRead;
use std::process::{Child, ChildStdin, Command, Stdio};

pub const CLIENT_ID: &str = "switchboard";
pub const CLIENT_SECRET: &str = "switchboard-test-secret";

pub struct Provider {
    pub issuer: String,
    child: Child,
    _stdin: ChildStdin,
}

impl Provider {
    pub fn start() -> Provider {
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../end2end/oidc/provider.mjs");
        let mut child = Command::new("node")
            .arg(script)
            .arg("0")
            .arg("--exit-with-stdin")
            .env("OIDC_QUIET", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs the test provider (`make browser` installs end2end/node_modules)");
        let stdin = child.stdin.take().expect("stdin");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the provider prints its port");
        let port: u16 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the provider printed {line:?}, not its port"));
        Provider {
            issuer: format!("http://127.0.0.1:{port}"),
            child,
            _stdin: stdin,
        }
    }

    /// Connects Switchboard to this provider, asking for groups and mapping them to roles.
    pub fn configure(&self, config: &mut switchboard::config::Config) {
        config.oidc_issuer = Some(self.issuer.clone());
        config.oidc_client_id = CLIENT_ID.into();
        config.oidc_client_secret = Some(switchboard::config::Secret(CLIENT_SECRET.into()));
        config.oidc_button_label = Some("Example Corp".into());
        config.oidc_scopes = "openid email profile groups".into();
        config.oidc_role_claim = Some("groups".into());
        config.oidc_role_map = "it-coordinators=coordinator,it-staff=technician".into();
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
