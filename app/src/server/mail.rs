//! Sending the email outbox over SMTP. A worker claims each due message with a lease (so two
//! processes never send it at the same time), sends it, and records the outcome; a failure is
//! retried with back-off and nothing is lost while the SMTP server is away.

use super::db::{Db, Mail};
use super::state::AppState;
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Where a message's private link goes in its bodies. The address is minted when the message is
/// sent (`mint_link`), so the database never holds a usable token, not even in the outbox.
pub const LINK_SLOT: &str = "[[switchboard:private-link]]";

/// What the in-app copy of a message says instead of the link.
pub const LINK_IN_APP: &str = "(the private link is in the email we sent)";

/// Gives the message's private link a fresh token and puts its address into the bodies.
async fn mint_link(state: &AppState, m: &mut Mail) -> Result<(), AppError> {
    let Some((kind, id)) = m.link.clone() else {
        return Ok(());
    };
    let (token, hash) = super::auth::new_token();
    let base = &state.settings.public_url;
    let url = match kind.as_str() {
        "tracking" => format!("{base}/track/{token}"),
        "verify" => format!("{base}/verify?token={token}"),
        _ => format!("{base}/reset?token={token}"),
    };
    let url = if state.db.mint_link(&kind, id, &hash).await? {
        url
    } else {
        "(this link was withdrawn)".to_string()
    };
    m.text_body = m.text_body.replace(LINK_SLOT, &url);
    m.html_body = m
        .html_body
        .replace(LINK_SLOT, &LinkHtml { url: &url }.to_string());
    Ok(())
}

#[derive(askama::Template)]
#[template(source = r#"<a href="{{ url }}">{{ url }}</a>"#, ext = "html")]
struct LinkHtml<'a> {
    url: &'a str,
}

/// A verification or password-reset mail; the link goes where `link_slot` is.
#[derive(askama::Template)]
#[template(path = "mail/account_link.txt")]
struct AccountLinkText<'a> {
    greeting: &'a str,
    why: &'a str,
    link_slot: &'a str,
    signature: &'a str,
}

#[derive(askama::Template)]
#[template(path = "mail/account_link.html")]
struct AccountLinkHtml<'a> {
    greeting: &'a str,
    why: &'a str,
    link_slot: &'a str,
    signature: &'a str,
}

/// How mail templates escape HTML (named in app/askama.toml): askama's own escaper, spelling the
/// five special characters as named entities as the bodies always have.
#[derive(Clone, Copy, Debug, Default)]
pub struct HtmlEntities;

impl askama::filters::Escaper for HtmlEntities {
    fn write_escaped_str<W: std::fmt::Write>(&self, mut dest: W, text: &str) -> std::fmt::Result {
        let mut plain = 0;
        for (i, c) in text.char_indices() {
            let entity = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => continue,
            };
            dest.write_str(&text[plain..i])?;
            dest.write_str(entity)?;
            plain = i + 1;
        }
        dest.write_str(&text[plain..])
    }
}

/// Queues a verification or password-reset mail for `to`, inside the caller's transaction.
pub async fn queue_account_link(
    conn: &mut super::db::Conn,
    state: &AppState,
    to: &crate::domain::User,
    purpose: super::db::LinkPurpose,
    asked: Option<crate::i18n::Lang>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use super::db::{Db, LinkPurpose, OutboxRow};
    let (lifetime, kind, subject, why) = match purpose {
        LinkPurpose::Verify => (
            Duration::hours(24),
            "verify",
            "mail-verify-subject",
            "mail-verify-why",
        ),
        LinkPurpose::Reset => (
            Duration::minutes(30),
            "reset",
            "mail-reset-subject",
            "mail-reset-why",
        ),
    };
    let (_, unknown) = super::auth::new_token();
    let id = Db::insert_account_link(conn, to.id, purpose, &unknown, now, now + lifetime).await?;
    // In their language when they chose one, else the one their browser asked for, else the
    // desk's.
    let mut locale = super::locale::for_person(&state.settings, Some(to), None);
    if to.language.is_none() {
        if let Some(lang) = asked {
            locale.lang = lang;
        }
    }
    let first = to.name.split_whitespace().next().unwrap_or_default();
    let greeting = crate::i18n::Msg::new("mail-greeting")
        .text("name", first)
        .render(&locale);
    let (why, signature) = (locale.t(why), locale.t("mail-signature"));
    let text = AccountLinkText {
        greeting: &greeting,
        why: &why,
        link_slot: LINK_SLOT,
        signature: &signature,
    }
    .to_string();
    let html = AccountLinkHtml {
        greeting: &greeting,
        why: &why,
        link_slot: LINK_SLOT,
        signature: &signature,
    }
    .to_string();
    Db::insert_outbox(
        conn,
        &OutboxRow {
            user_id: to.id,
            ticket_id: None,
            to_email: to.email.clone(),
            subject: locale.t(subject),
            text_body: text,
            html_body: html,
            digest: false,
            next_attempt_at: now,
            held: (!state.mail_configured())
                .then(|| "SMTP is not configured: mail is kept in the app only".to_string()),
            link: Some((kind, id)),
        },
        now,
    )
    .await?;
    Ok(())
}

/// How the SMTP connection is secured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Security {
    /// Plain SMTP (a relay on the same machine or network).
    None,
    /// Upgrade with STARTTLS (usually port 587).
    StartTls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

impl std::str::FromStr for Security {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "none" => Ok(Security::None),
            "starttls" => Ok(Security::StartTls),
            "tls" => Ok(Security::Tls),
            other => Err(format!(
                "SMTP security is none, starttls or tls, not '{other}'"
            )),
        }
    }
}

/// Where and how to send mail.
#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: String,
    /// How long one message may take to hand over, connecting included.
    pub timeout: std::time::Duration,
}

impl std::fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("from", &self.from)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// A configured SMTP transport.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    timeout: std::time::Duration,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer").field("from", &self.from).finish()
    }
}

impl Mailer {
    pub fn new(s: &SmtpSettings) -> Result<Mailer, String> {
        let from: Mailbox = s
            .from
            .parse()
            .map_err(|e| format!("mail sender '{}': {e}", s.from))?;
        let builder = match s.security {
            Security::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host),
            Security::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host)
                .map_err(|e| format!("SMTP host '{}': {e}", s.host))?,
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host)
                .map_err(|e| format!("SMTP host '{}': {e}", s.host))?,
        };
        let mut builder = builder.port(s.port).timeout(Some(s.timeout));
        if let (Some(user), Some(password)) = (&s.username, &s.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer {
            transport: builder.build(),
            from,
            timeout: s.timeout,
        })
    }

    async fn send(
        &self,
        to: &str,
        subject: &str,
        text: &str,
        html: &str,
        id: &str,
        thread: &Thread,
    ) -> Result<(), String> {
        let to: Mailbox = to.parse().map_err(|e| format!("recipient '{to}': {e}"))?;
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            // Nothing Switchboard sends is to be answered by a machine (RFC 3834).
            .header(AutoSubmitted)
            // The same id on every attempt lets a mail server drop a repeated delivery.
            .message_id(Some(id.to_string()));
        let subject = match thread.number {
            Some(n) => crate::domain::inbound::subject_with_number(subject, n),
            None => subject.to_string(),
        };
        builder = builder.subject(subject);
        if let Some(reply_to) = thread.reply_to.as_deref().and_then(|a| a.parse().ok()) {
            builder = builder.reply_to(reply_to);
        }
        if let Some(root) = &thread.root {
            builder = builder
                .in_reply_to(format!("<{root}>"))
                .references(format!("<{root}>"));
        }
        let message = builder
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(text.to_string()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(html.to_string()),
                    ),
            )
            .map_err(|e| format!("message: {e}"))?;
        // The transport's own timeout covers connecting only: a server that stops answering in
        // the middle of a conversation would hold the outbox for good.
        match tokio::time::timeout(self.timeout, self.transport.send(message)).await {
            Ok(sent) => sent.map(|_| ()).map_err(|e| e.to_string()),
            Err(_) => Err(format!(
                "the mail server did not finish within {} s",
                self.timeout.as_secs()
            )),
        }
    }
}

/// `Auto-Submitted: auto-generated`: mail programs and other desks never answer it
/// automatically.
#[derive(Clone)]
struct AutoSubmitted;

impl lettre::message::header::Header for AutoSubmitted {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Auto-Submitted")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(AutoSubmitted)
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), "auto-generated".into())
    }
}

/// Where a message about a ticket belongs: its number in the subject, replies to the ticket's
/// plus address, and the conversation it continues (the mail the ticket was filed from).
#[derive(Clone, Debug, Default)]
struct Thread {
    number: Option<crate::domain::TicketNumber>,
    reply_to: Option<String>,
    root: Option<String>,
}

async fn thread_of(state: &AppState, ticket_id: Option<i64>) -> Result<Thread, AppError> {
    let Some(id) = ticket_id else {
        return Ok(Thread::default());
    };
    let number = crate::domain::TicketNumber::from_id(id);
    Ok(Thread {
        number: Some(number),
        reply_to: state
            .settings
            .mail_intake
            .desk_address
            .as_deref()
            .and_then(|desk| crate::domain::inbound::reply_address(desk, number)),
        root: Db::thread_root(&mut *state.db.conn().await?, id).await?,
    })
}

/// How long a claimed message is reserved for the worker that claimed it.
const LEASE_SECONDS: i64 = 120;
/// Attempts before a message is marked failed (about a day of back-off).
const MAX_ATTEMPTS: i64 = 12;

/// The wait before the next attempt: 30 s doubling up to 4 h.
pub fn backoff(attempts: i64) -> Duration {
    Duration::seconds(30 * (1i64 << attempts.clamp(0, 9))).min(Duration::hours(4))
}

/// Sends every due message (a person's due digest messages as one email). Returns how many
/// messages went out.
pub async fn deliver_due(state: &AppState) -> Result<usize, AppError> {
    let Some(mailer) = state.mailer.clone() else {
        return Ok(0);
    };
    let now = state.clock.now();
    let due = state.db.due_mail(now, 100).await?;
    let mut sent = 0;
    let (digests, singles): (Vec<Mail>, Vec<Mail>) = due.into_iter().partition(|m| m.digest);
    for mut m in singles {
        if !state
            .db
            .claim_mail(m.id, now, now + Duration::seconds(LEASE_SECONDS))
            .await?
        {
            continue;
        }
        mint_link(state, &mut m).await?;
        let id = message_id(&[m.id], &state.settings.public_url);
        let thread = thread_of(state, m.ticket_id).await?;
        match mailer
            .send(
                &m.to_email,
                &m.subject,
                &m.text_body,
                &m.html_body,
                &id,
                &thread,
            )
            .await
        {
            Ok(()) => {
                state.db.mail_sent(&[m.id], state.clock.now()).await?;
                sent += 1;
            }
            Err(e) => failed(state, &m, &e, now).await?,
        }
    }
    let mut people: Vec<i64> = digests.iter().map(|m| m.user_id).collect();
    people.dedup();
    for user in people {
        let mut batch = Vec::new();
        for m in digests.iter().filter(|m| m.user_id == user) {
            if state
                .db
                .claim_mail(m.id, now, now + Duration::seconds(LEASE_SECONDS))
                .await?
            {
                batch.push(m.clone());
            }
        }
        let Some(first) = batch.first() else { continue };
        // In the reader's language, like every message in it.
        let reader = state.db.user_by_id(user).await?;
        let locale = super::locale::for_person(&state.settings, reader.as_ref(), None);
        let count = i64::try_from(batch.len()).unwrap_or(i64::MAX);
        let subject = locale.t_with("mail-digest-subject", &[("count", count.into())]);
        let text = batch
            .iter()
            .map(|m| format!("\u{2022} {}\n{}", m.subject, m.text_body))
            .collect::<Vec<_>>()
            .join("\n");
        let html = batch
            .iter()
            .map(|m| m.html_body.as_str())
            .collect::<Vec<_>>()
            .join("<hr>");
        let ids: Vec<i64> = batch.iter().map(|m| m.id).collect();
        let id = message_id(&ids, &state.settings.public_url);
        match mailer
            .send(
                &first.to_email,
                &subject,
                &text,
                &html,
                &id,
                &Thread::default(),
            )
            .await
        {
            Ok(()) => {
                state.db.mail_sent(&ids, state.clock.now()).await?;
                sent += ids.len();
            }
            Err(e) => {
                for m in &batch {
                    failed(state, m, &e, now).await?;
                }
            }
        }
    }
    Ok(sent)
}

async fn failed(
    state: &AppState,
    m: &Mail,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let retry = (m.attempts + 1 < MAX_ATTEMPTS).then(|| now + backoff(m.attempts));
    tracing::warn!(outbox.id = m.id, mail.attempts = m.attempts + 1, error = %error, "mail not sent");
    state.db.mail_failed(m.id, error, retry).await
}

fn message_id(ids: &[i64], base: &str) -> String {
    let host = base
        .split("://")
        .nth(1)
        .unwrap_or("switchboard.local")
        .split(['/', ':'])
        .next()
        .filter(|h| !h.is_empty())
        .unwrap_or("switchboard.local");
    let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
    format!("<outbox-{}@{host}>", ids.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_and_is_capped() {
        assert_eq!(backoff(0), Duration::seconds(30));
        assert_eq!(backoff(1), Duration::seconds(60));
        assert_eq!(backoff(5), Duration::seconds(960));
        assert_eq!(backoff(40), Duration::hours(4));
    }

    #[test]
    fn message_ids_are_stable_per_message() {
        assert_eq!(
            message_id(&[7], "https://help.example.org:8443/"),
            "<outbox-7@help.example.org>"
        );
        assert_eq!(message_id(&[1, 2], ""), "<outbox-1-2@switchboard.local>");
        assert!("none".parse::<Security>().is_ok());
        assert!("ssl".parse::<Security>().is_err());
    }
}
