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
use std::sync::mpsc;
use std::time::Duration;

pub const CLIENT_ID: &str = "switchboard";
pub const CLIENT_SECRET: &str = "switchboard-test-secret";

pub struct Provider {
    pub issuer: String,
    child: Child,
    _stdin: ChildStdin,
}

impl Provider {
    /// Starts the provider. Node has been seen to stop before it listens (once in many runs: no
    /// port printed, no CPU used, the test waiting for ever), so a provider that has not printed
    /// its port within 30 s is stopped and started again, up to three times.
    pub fn start() -> Provider {
        for attempt in 1..=3 {
            if let Some(provider) = Self::try_start(Duration::from_secs(30)) {
                return provider;
            }
            eprintln!("the test provider printed no port within 30 s (try {attempt} of 3)");
        }
        panic!("the test provider did not start in three tries");
    }

    fn try_start(wait: Duration) -> Option<Provider> {
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
        let stdout = child.stdout.take().expect("stdout");
        // Read on a thread of its own: a read cannot be given up, a channel's wait can.
        let (sent, port_line) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let read = std::io::BufReader::new(stdout)
                .read_line(&mut line)
                .map(|_| line);
            let _ = sent.send(read);
        });
        let Ok(read) = port_line.recv_timeout(wait) else {
            // Killing it ends the reading thread too (its pipe closes).
            let _ = child.kill();
            let _ = child.wait();
            return None;
        };
        let line = read.expect("the provider prints its port");
        let port: u16 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the provider printed {line:?}, not its port"));
        Some(Provider {
            issuer: format!("http://127.0.0.1:{port}"),
            child,
            _stdin: stdin,
        })
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
