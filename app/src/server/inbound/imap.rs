//! Fetching the help desk's mailbox over IMAP (`imaps://` TLS from the first byte, or `imap://`
//! upgraded with STARTTLS), signed in with a password or OAuth2 (SASL XOAUTH2, as Microsoft 365
//! and Google Workspace require). Each message is taken by `ingest` and only then marked done on
//! the server (moved to a folder, or flagged `$Switchboard`): a crash in between fetches it
//! again, and its recorded Message-ID keeps it from being filed twice. Between rounds the
//! worker waits with IDLE where the server offers it, so new mail is taken at once.

use super::{message, AppState, Outcome};
use crate::error::AppError;
use async_imap::Session;
use futures_util::TryStreamExt;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use tokio_rustls::TlsConnector;

/// The keyword a message gets once taken (when no done folder is set).
pub const DONE_KEYWORD: &str = "$Switchboard";

/// How the connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tls {
    /// `imaps://`: TLS from the first byte (port 993).
    Implicit,
    /// `imap://`: STARTTLS before signing in (port 143); refused when the server lacks it.
    StartTls,
}

/// How Switchboard signs in.
#[derive(Clone)]
pub enum Auth {
    Password(String),
    /// SASL XOAUTH2 with an access token fetched from `token_url` with the refresh token.
    OAuth2 {
        token_url: String,
        client_id: String,
        client_secret: String,
        refresh_token: String,
    },
}

/// Where the mailbox is and how to read it.
#[derive(Clone)]
pub struct ImapSettings {
    pub host: String,
    pub port: u16,
    pub tls: Tls,
    pub user: String,
    pub mailbox: String,
    pub auth: Auth,
    /// Seconds between rounds (and the longest IDLE wait).
    pub interval: Duration,
    /// Where taken messages go; without one they are flagged.
    pub done_folder: Option<String>,
    /// Certificates trusted besides the public roots (an internal CA), in PEM.
    pub extra_roots: Vec<CertificateDer<'static>>,
}

impl std::fmt::Debug for ImapSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImapSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("user", &self.user)
            .field("mailbox", &self.mailbox)
            .field(
                "auth",
                &match self.auth {
                    Auth::Password(_) => "password [redacted]",
                    Auth::OAuth2 { .. } => "oauth2 [redacted]",
                },
            )
            .field("interval", &self.interval)
            .field("done_folder", &self.done_folder)
            .finish()
    }
}

impl ImapSettings {
    /// Reads `imaps://USER@HOST:PORT/MAILBOX` (user percent-encoded: `helpdesk%40example.org`,
    /// or with a plain `@` before the host's).
    pub fn parse(url: &str, auth: Auth) -> Result<ImapSettings, String> {
        let (tls, rest) = if let Some(r) = url.strip_prefix("imaps://") {
            (Tls::Implicit, r)
        } else if let Some(r) = url.strip_prefix("imap://") {
            (Tls::StartTls, r)
        } else {
            return Err(format!(
                "the mailbox address starts with imaps:// or imap://, not '{url}'"
            ));
        };
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let (user, host_port) = authority
            .rsplit_once('@')
            .ok_or("the mailbox address names its user: imaps://USER@HOST/INBOX")?;
        let user = percent_decode(user);
        let (host, port) = match host_port.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => (
                h.to_string(),
                p.parse::<u16>()
                    .map_err(|_| format!("'{p}' is not a port number"))?,
            ),
            _ => (
                host_port.to_string(),
                if tls == Tls::Implicit { 993 } else { 143 },
            ),
        };
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        if host.is_empty() || user.is_empty() {
            return Err("the mailbox address names a user and a host".into());
        }
        let mailbox = match percent_decode(path) {
            m if m.is_empty() => "INBOX".to_string(),
            m => m,
        };
        Ok(ImapSettings {
            host,
            port,
            tls,
            user,
            mailbox,
            auth,
            interval: Duration::from_secs(30),
            done_folder: None,
            extra_roots: Vec::new(),
        })
    }

    /// Adds the certificates of a PEM file to those trusted.
    pub fn trust_pem(&mut self, pem: &[u8]) -> Result<(), String> {
        self.extra_roots.extend(crate::server::tls::read_pem(pem)?);
        Ok(())
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Any stream the session runs over (TLS from the start, or after STARTTLS).
pub trait Stream: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send + std::fmt::Debug> Stream for T {}

pub type Imap = Session<Box<dyn Stream>>;

/// Why a round failed, for the log (never with a secret in it).
#[derive(Debug)]
pub struct ImapError(pub String);

impl std::fmt::Display for ImapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err(what: &str) -> impl Fn(async_imap::error::Error) -> ImapError + '_ {
    move |e| ImapError(format!("{what}: {e}"))
}

fn io(what: &str) -> impl Fn(std::io::Error) -> ImapError + '_ {
    move |e| ImapError(format!("{what}: {e}"))
}

/// Keeps reading the mailbox until the process ends: a failed round is logged and tried again
/// after the interval (longer while it keeps failing).
pub async fn run(state: AppState, settings: ImapSettings) {
    let mut failures = 0u32;
    loop {
        match session_rounds(&state, &settings).await {
            Ok(()) => failures = 0,
            Err(e) => {
                failures += 1;
                tracing::warn!(error = %e, mailbox = %settings.mailbox, host = %settings.host, "mailbox not read");
            }
        }
        let wait = settings.interval * 2u32.pow(failures.min(4));
        tokio::time::sleep(wait.min(Duration::from_secs(600))).await;
    }
}

/// One connection: rounds until the server or the network drops it.
async fn session_rounds(state: &AppState, settings: &ImapSettings) -> Result<(), ImapError> {
    let mut session = connect(settings).await?;
    let idle = session
        .capabilities()
        .await
        .map_err(err("capabilities"))?
        .has_str("IDLE");
    loop {
        take_waiting(state, settings, &mut session).await?;
        state.workers.beat("mail-inbound");
        if idle {
            let mut handle = session.idle();
            handle.init().await.map_err(err("idle"))?;
            let (wait, _stop) =
                handle.wait_with_timeout(settings.interval.max(Duration::from_secs(1)));
            wait.await.map_err(err("idle"))?;
            session = handle.done().await.map_err(err("idle done"))?;
        } else {
            tokio::time::sleep(settings.interval).await;
            session.noop().await.map_err(err("noop"))?;
        }
    }
}

/// Opens a session on the mailbox: TLS, sign-in, and the mailbox selected.
pub async fn connect(settings: &ImapSettings) -> Result<Imap, ImapError> {
    let tcp = tokio::time::timeout(
        Duration::from_secs(15),
        TcpStream::connect((settings.host.as_str(), settings.port)),
    )
    .await
    .map_err(|_| ImapError("connect: timed out".into()))?
    .map_err(io("connect"))?;
    tcp.set_nodelay(true).ok();
    let tls = tls_connector(settings);
    let name = ServerName::try_from(settings.host.clone())
        .map_err(|e| ImapError(format!("host name: {e}")))?;
    let stream: Box<dyn Stream> = match settings.tls {
        Tls::Implicit => Box::new(tls.connect(name, tcp).await.map_err(io("tls"))?),
        Tls::StartTls => {
            let mut client = async_imap::Client::new(tcp);
            client
                .read_response()
                .await
                .map_err(io("greeting"))?
                .ok_or_else(|| ImapError("the server closed at once".into()))?;
            client
                .run_command_and_check_ok("STARTTLS", None)
                .await
                .map_err(err("starttls"))?;
            let tcp = client.into_inner();
            Box::new(tls.connect(name, tcp).await.map_err(io("tls"))?)
        }
    };
    let mut client = async_imap::Client::new(stream);
    if settings.tls == Tls::Implicit {
        client
            .read_response()
            .await
            .map_err(io("greeting"))?
            .ok_or_else(|| ImapError("the server closed at once".into()))?;
    }
    let mut session = match &settings.auth {
        Auth::Password(password) => client
            .login(&settings.user, password)
            .await
            .map_err(|(e, _)| ImapError(format!("sign-in: {e}")))?,
        Auth::OAuth2 {
            token_url,
            client_id,
            client_secret,
            refresh_token,
        } => {
            let token = access_token(token_url, client_id, client_secret, refresh_token).await?;
            client
                .authenticate(
                    "XOAUTH2",
                    XOAuth2 {
                        user: settings.user.clone(),
                        token,
                        sent: false,
                    },
                )
                .await
                .map_err(|(e, _)| ImapError(format!("sign-in (XOAUTH2): {e}")))?
        }
    };
    session
        .select(&settings.mailbox)
        .await
        .map_err(err("select"))?;
    Ok(session)
}

fn tls_connector(settings: &ImapSettings) -> TlsConnector {
    TlsConnector::from(crate::server::tls::client_config(&settings.extra_roots))
}

/// The XOAUTH2 exchange: `user=…^Aauth=Bearer …^A^A`.
struct XOAuth2 {
    user: String,
    token: String,
    sent: bool,
}

impl async_imap::Authenticator for XOAuth2 {
    type Response = String;

    /// The first challenge gets the credentials; a second one is the server's error report
    /// (RFC 7628), answered with nothing so the server says NO.
    fn process(&mut self, _challenge: &[u8]) -> String {
        if std::mem::replace(&mut self.sent, true) {
            return String::new();
        }
        format!("user={}\x01auth=Bearer {}\x01\x01", self.user, self.token)
    }
}

/// An access token for the mailbox, from the identity provider's token endpoint with the
/// refresh token (RFC 6749 §6).
async fn access_token(
    token_url: &str,
    client_id: &str,
    client_secret: &str,
    refresh_token: &str,
) -> Result<String, ImapError> {
    #[derive(serde::Deserialize)]
    struct Answer {
        access_token: String,
    }
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(15))
        .build()
        .map_err(|e| ImapError(format!("token endpoint: {e}")))?;
    let answer = client
        .post(token_url)
        .form(&[
            ("grant_type", "refresh_token"),
            ("client_id", client_id),
            ("client_secret", client_secret),
            ("refresh_token", refresh_token),
        ])
        .send()
        .await
        .map_err(|e| ImapError(format!("token endpoint: {}", e.without_url())))?;
    if !answer.status().is_success() {
        return Err(ImapError(format!(
            "token endpoint answered {}",
            answer.status()
        )));
    }
    let answer: Answer = answer
        .json()
        .await
        .map_err(|_| ImapError("token endpoint: no access_token in its answer".into()))?;
    Ok(answer.access_token)
}

/// Takes every message waiting in the mailbox, oldest first. Answers how many were taken.
pub async fn take_waiting(
    state: &AppState,
    settings: &ImapSettings,
    session: &mut Imap,
) -> Result<usize, ImapError> {
    let query = format!("UNKEYWORD {DONE_KEYWORD} NOT DELETED");
    let mut uids: Vec<u32> = session
        .uid_search(&query)
        .await
        .map_err(err("search"))?
        .into_iter()
        .collect();
    uids.sort_unstable();
    let max = state.settings.mail_intake.limits.max_bytes;
    let sizes = fetch_sizes(session, &uids).await?;
    let mut taken = 0;
    for uid in uids {
        let Some(&size) = sizes.get(&uid) else {
            continue;
        };
        let outcome = if u64::from(size) > max {
            let header = fetch_part(session, uid, "BODY.PEEK[HEADER]").await?;
            let envelope = message::envelope(&header.unwrap_or_default());
            super::hold_unfetched(state, &envelope, u64::from(size))
                .await
                .map_err(db)?
        } else {
            // The message is read where the fetch holds it, not copied.
            let fetched = fetch(session, uid, "BODY.PEEK[]").await?;
            let Some(raw) = fetched
                .iter()
                .find(|f| f.uid == Some(uid))
                .and_then(|f| f.body())
            else {
                continue;
            };
            super::ingest(state, raw).await.map_err(db)?
        };
        tracing::debug!(uid, outcome = %outcome.json(), "mailbox message taken");
        mark_done(session, settings, uid, &outcome).await?;
        taken += 1;
    }
    Ok(taken)
}

fn db(e: AppError) -> ImapError {
    ImapError(format!("message not taken (left in the mailbox): {e}"))
}

/// The sizes of the waiting messages, asked in one command per thousand.
async fn fetch_sizes(
    session: &mut Imap,
    uids: &[u32],
) -> Result<std::collections::HashMap<u32, u32>, ImapError> {
    let mut sizes = std::collections::HashMap::new();
    for chunk in uids.chunks(1000) {
        let set: Vec<String> = chunk.iter().map(u32::to_string).collect();
        let fetches: Vec<_> = session
            .uid_fetch(set.join(","), "(UID RFC822.SIZE)")
            .await
            .map_err(err("fetch"))?
            .try_collect()
            .await
            .map_err(err("fetch"))?;
        sizes.extend(fetches.iter().filter_map(|f| Some((f.uid?, f.size?))));
    }
    Ok(sizes)
}

async fn fetch(
    session: &mut Imap,
    uid: u32,
    what: &str,
) -> Result<Vec<async_imap::types::Fetch>, ImapError> {
    session
        .uid_fetch(uid.to_string(), format!("(UID {what})"))
        .await
        .map_err(err("fetch"))?
        .try_collect()
        .await
        .map_err(err("fetch"))
}

async fn fetch_part(
    session: &mut Imap,
    uid: u32,
    what: &str,
) -> Result<Option<Vec<u8>>, ImapError> {
    let fetches = fetch(session, uid, what).await?;
    Ok(fetches
        .iter()
        .find(|f| f.uid == Some(uid))
        .and_then(|f| f.header().or_else(|| f.body()))
        .map(<[u8]>::to_vec))
}

/// Marks a taken message done: moved to the done folder, or flagged. A message held because it
/// was too large to fetch is flagged too and stays where it is.
async fn mark_done(
    session: &mut Imap,
    settings: &ImapSettings,
    uid: u32,
    outcome: &Outcome,
) -> Result<(), ImapError> {
    let flag = async |session: &mut Imap| -> Result<(), ImapError> {
        let _: Vec<_> = session
            .uid_store(
                uid.to_string(),
                format!("+FLAGS.SILENT (\\Seen {DONE_KEYWORD})"),
            )
            .await
            .map_err(err("store"))?
            .try_collect()
            .await
            .map_err(err("store"))?;
        Ok(())
    };
    match (&settings.done_folder, outcome) {
        (Some(folder), o) if !matches!(o, Outcome::Held(crate::domain::inbound::Why::TooLarge)) => {
            flag(session).await?;
            session
                .uid_mv(uid.to_string(), folder)
                .await
                .map_err(err("move"))
        }
        _ => flag(session).await,
    }
}
