//! Mail to the help desk: a message read from the mailbox (`imap.rs`) or a mail server's pipe
//! (`switchboard mail ingest`) files a ticket, becomes a note on the ticket it answers, or is
//! ignored (machines) or held for a coordinator (limits, rate, unknown domains) — never lost and
//! never acted on twice: its Message-ID is recorded in the transaction of the change it makes.

pub mod imap;
pub mod message;

pub use message::Limits;

use super::db::{Db, InboundRow};
use super::service::Upload;
use super::service::{change_ticket, file_ticket, load_visible, may_reply, note_on_reply, Filing};
use super::state::AppState;
use crate::domain::inbound::{self, Why};
use crate::domain::{ActionKind, Role, Status, TicketNumber, User};
use crate::error::AppError;
use crate::i18n::Msg;
use crate::types::{HeldMessage, NewTicket, TicketChange};
use chrono::{DateTime, Duration, Utc};
use message::{Envelope, Incoming};

/// How the desk takes mail.
#[derive(Clone, Debug)]
pub struct MailIntake {
    pub limits: Limits,
    /// When non-empty, mail from people without an account is taken only from these domains.
    pub domains: Vec<String>,
    /// Messages one sender may send in an hour before the next is held.
    pub per_hour: i64,
    /// The address mail reaches the desk at: replies go to its plus addresses, and mail from
    /// it is a loop.
    pub desk_address: Option<String>,
    /// The category a request by mail is filed in until a coordinator triages it.
    pub category: String,
}

impl Default for MailIntake {
    fn default() -> Self {
        MailIntake {
            limits: Limits::default(),
            domains: Vec::new(),
            per_hour: 20,
            desk_address: None,
            category: "other".into(),
        }
    }
}

impl MailIntake {
    fn is_desk(&self, address: &str) -> bool {
        let Some(desk) = &self.desk_address else {
            return false;
        };
        let base = |a: &str| {
            let (local, domain) = a.rsplit_once('@').unwrap_or((a, ""));
            let local = local.split('+').next().unwrap_or(local);
            format!("{local}@{domain}").to_lowercase()
        };
        base(desk) == base(address)
    }
}

/// What became of a message: printed by `mail ingest` as one JSON line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Created(TicketNumber),
    Noted(TicketNumber),
    Ignored(Why),
    Held(Why),
}

impl Outcome {
    pub fn json(&self) -> serde_json::Value {
        match self {
            Outcome::Created(n) => {
                serde_json::json!({"outcome": "created", "ticket": n.to_string()})
            }
            Outcome::Noted(n) => serde_json::json!({"outcome": "noted", "ticket": n.to_string()}),
            Outcome::Ignored(why) => serde_json::json!({"outcome": "ignored", "why": why.code()}),
            Outcome::Held(why) => serde_json::json!({"outcome": "held", "why": why.code()}),
        }
    }
}

/// The longest text a ticket's description or a note takes from a message; the whole text
/// then comes along as a file.
const TEXT_KEPT: usize = 19_000;

/// Takes one message. Answers what became of it once that is committed; an error means
/// nothing was kept (the caller leaves the message where it is and tries again later).
#[tracing::instrument(skip_all, fields(mail.size = raw.len()))]
pub async fn ingest(state: &AppState, raw: &[u8]) -> Result<Outcome, AppError> {
    match take(state, raw).await {
        // The database is away, or the change met another: nothing was kept; try again later.
        Err(e @ (AppError::Internal | AppError::Conflict | AppError::Transport(_))) => Err(e),
        // Anything the rules refused is a message for a coordinator to look at.
        Err(e) => {
            tracing::warn!(error = %e, "mail refused by the ticket rules; held");
            hold(
                state,
                &message::envelope(raw),
                raw,
                Why::Unreadable,
                state.clock.now(),
            )
            .await
        }
        Ok(outcome) => Ok(outcome),
    }
}

async fn take(state: &AppState, raw: &[u8]) -> Result<Outcome, AppError> {
    let intake = &state.settings.mail_intake;
    let now = state.clock.now();
    let incoming = match message::read(raw, &intake.limits) {
        Ok(m) => m,
        Err((why, envelope)) => return hold(state, &envelope, raw, why, now).await,
    };
    let envelope = &incoming.envelope;
    if known(state, &envelope.message_id).await? {
        return Ok(Outcome::Ignored(Why::Duplicate));
    }
    if let Some(why) = incoming.automatic {
        if why == Why::Bounce {
            for address in &incoming.bounced {
                state.db.mark_bounced(address, now).await?;
            }
        }
        return ignore(state, envelope, raw.len(), why, now).await;
    }
    if intake.is_desk(&envelope.sender) {
        return ignore(state, envelope, raw.len(), Why::OwnMail, now).await;
    }
    let recent = state
        .db
        .inbound_count_since(&envelope.sender, now - Duration::hours(1))
        .await?;
    if recent >= intake.per_hour {
        return hold(state, envelope, raw, Why::Rate, now).await;
    }
    // A file larger than anyone may attach: the whole message waits for a coordinator.
    let max_file = state.settings.attachment_max_bytes;
    if incoming
        .files
        .iter()
        .any(|f| f.bytes.len() as u64 > max_file)
    {
        return hold(state, envelope, raw, Why::TooLarge, now).await;
    }
    let sender = state.db.user_by_email(&envelope.sender).await?;
    if let Some(user) = &sender {
        if state.db.is_deactivated(user.id).await? {
            return hold(state, envelope, raw, Why::Domain, now).await;
        }
    }
    let answered = answered_ticket(state, &incoming).await?;
    let mut related = None;
    if let Some(number) = answered {
        match &sender {
            Some(user) if may_reply(state, user, number).await? => {
                return reply(state, user, number, incoming, raw.len()).await;
            }
            // Someone not allowed on the ticket: their mail files a ticket of their own,
            // linked to it, and tells them nothing about the other.
            _ => related = Some(number.id()),
        }
    }
    let user = match sender {
        Some(user) => user,
        None => {
            let allowed = intake.domains.is_empty()
                || inbound::domain_of(&envelope.sender)
                    .is_some_and(|d| intake.domains.contains(&d));
            if !allowed {
                return hold(state, envelope, raw, Why::Domain, now).await;
            }
            match sender_account(state, envelope, now).await {
                Ok(user) => user,
                // An address the account rules refuse is not one to file for.
                Err(AppError::Validation(_)) => {
                    return hold(state, envelope, raw, Why::Unreadable, now).await
                }
                Err(e) => return Err(e),
            }
        }
    };
    file(state, &user, incoming, raw.len(), related).await
}

/// Whether a message with this id was taken already.
async fn known(state: &AppState, message_id: &str) -> Result<bool, AppError> {
    let mut conn = state.db.conn().await?;
    Ok(Db::inbound_outcome(&mut conn, message_id).await?.is_some())
}

/// The ticket a message answers: a message the desk sent or received for it, the ticket's reply
/// address, or its number in the subject.
async fn answered_ticket(state: &AppState, m: &Incoming) -> Result<Option<TicketNumber>, AppError> {
    for id in &m.answers {
        if let Some(ticket) = state
            .db
            .ticket_of_message(id, inbound::outbox_id(id))
            .await?
        {
            return Ok(Some(TicketNumber::from_id(ticket)));
        }
    }
    if let Some(n) = m
        .recipients
        .iter()
        .find_map(|a| inbound::ticket_in_address(a))
    {
        return Ok(Some(n));
    }
    Ok(inbound::ticket_in_subject(&m.envelope.subject))
}

/// A reply from someone who may write on the ticket: a public note with its files, in one
/// change with the message's record. A requester's reply on a resolved ticket then says it is
/// not fixed, as the page's button would.
async fn reply(
    state: &AppState,
    user: &User,
    number: TicketNumber,
    m: Incoming,
    size: usize,
) -> Result<Outcome, AppError> {
    let Incoming {
        envelope,
        text,
        files,
        ..
    } = m;
    let (text, files) = text_and_files(&text, files);
    let record = InboundRow {
        message_id: &envelope.message_id,
        sender: &envelope.sender,
        subject: &envelope.subject,
        size: size as i64,
        outcome: "noted",
        why: None,
        ticket_id: None,
        raw: None,
    };
    let before = match note_on_reply(state, user, number, &text, files, record).await {
        Ok(before) => before,
        Err(AppError::Conflict) => return Ok(Outcome::Ignored(Why::Duplicate)),
        Err(e) => return Err(e),
    };
    // A reply that only says thank you stays a note: it is no report that the fix failed.
    if before == Status::Resolved && !text.trim().is_empty() && !inbound::only_thanks(&text) {
        let mut conn = state.db.conn().await?;
        let row = load_visible(&mut conn, user, number).await?;
        drop(conn);
        if row.requester_id == user.id && row.ticket.status == Status::Resolved {
            let change = TicketChange {
                action: Some(ActionKind::Reopen),
                text: Some(inbound::cut(&text, 2000)),
                ..TicketChange::default()
            };
            if let Err(e) = change_ticket(state, user, number, None, change).await {
                tracing::info!(error = %e, "a reply by mail did not reopen the ticket");
            }
        }
    }
    tracing::info!(ticket.number = %number, "mail added as a note");
    Ok(Outcome::Noted(number))
}

/// Files a new request for `user` from the message.
async fn file(
    state: &AppState,
    user: &User,
    m: Incoming,
    size: usize,
    related: Option<i64>,
) -> Result<Outcome, AppError> {
    let Incoming {
        envelope,
        text,
        files,
        ..
    } = m;
    let (input, files) = request(state, user, &envelope, &text, files);
    let record = InboundRow {
        message_id: &envelope.message_id,
        sender: &envelope.sender,
        subject: &envelope.subject,
        size: size as i64,
        outcome: "created",
        why: None,
        ticket_id: None,
        raw: None,
    };
    let with = Filing {
        mail: Some(record),
        files,
        related,
        run: None,
        under: None,
    };
    match file_ticket(state, user, input, with).await {
        Ok(ticket) => {
            tracing::info!(ticket.number = %ticket.number, "request filed by mail");
            Ok(Outcome::Created(ticket.number))
        }
        Err(AppError::Conflict) => Ok(Outcome::Ignored(Why::Duplicate)),
        Err(e) => Err(e),
    }
}

/// The account of a sender new to the desk: a requester without a password, named as their
/// mail names them.
async fn sender_account(
    state: &AppState,
    envelope: &Envelope,
    now: DateTime<Utc>,
) -> Result<User, AppError> {
    let name = envelope.sender_name.clone().unwrap_or_else(|| {
        envelope
            .sender
            .split('@')
            .next()
            .unwrap_or_default()
            .to_string()
    });
    super::auth::create_account(
        &state.db,
        &envelope.sender,
        &inbound::cut(&name, 100),
        Role::Requester,
        None,
        now,
    )
    .await
}

/// The request a message files for `user`: its title (from the subject, else the text, else
/// "Request by email from …" in the sender's language), its text, and its files, waiting in the
/// desk's mail category for triage.
fn request(
    state: &AppState,
    user: &User,
    envelope: &Envelope,
    text: &str,
    files: Vec<Upload>,
) -> (NewTicket, Vec<Upload>) {
    let title = inbound::title_from(&envelope.subject, text).unwrap_or_else(|| {
        let locale = super::locale::for_person(&state.settings, Some(user), None);
        Msg::new("mail-untitled")
            .text("sender", envelope.sender.clone())
            .render(&locale)
    });
    let (mut description, files) = text_and_files(text, files);
    if description.trim().is_empty() {
        description = title.clone();
    }
    let input = NewTicket {
        title,
        description,
        category: state.settings.mail_intake.category.clone(),
        impact: "medium".into(),
        urgency: "medium".into(),
        channel: Some("email".into()),
        ..NewTicket::default()
    };
    (input, files)
}

/// The text a ticket keeps, cut to its limit, and the files with the whole text added when
/// it was cut.
fn text_and_files(text: &str, files: Vec<Upload>) -> (String, Vec<Upload>) {
    let mut out = files;
    if text.chars().count() <= TEXT_KEPT {
        return (text.to_string(), out);
    }
    out.push(Upload {
        name: "message.txt".into(),
        bytes: text.as_bytes().to_vec(),
    });
    (inbound::cut(text, TEXT_KEPT), out)
}

async fn ignore(
    state: &AppState,
    envelope: &Envelope,
    size: usize,
    why: Why,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    record(state, envelope, size, "ignored", why, None, now).await?;
    tracing::info!(why = why.code(), "mail ignored");
    Ok(Outcome::Ignored(why))
}

async fn hold(
    state: &AppState,
    envelope: &Envelope,
    raw: &[u8],
    why: Why,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    if !record(state, envelope, raw.len(), "held", why, Some(raw), now).await? {
        return Ok(Outcome::Ignored(Why::Duplicate));
    }
    tracing::info!(why = why.code(), "mail held for a coordinator");
    Ok(Outcome::Held(why))
}

async fn record(
    state: &AppState,
    envelope: &Envelope,
    size: usize,
    outcome: &str,
    why: Why,
    raw: Option<&[u8]>,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let mut conn = state.db.conn().await?;
    Db::record_inbound(
        &mut conn,
        &InboundRow {
            message_id: &envelope.message_id,
            sender: &envelope.sender,
            subject: &envelope.subject,
            size: size as i64,
            outcome,
            why: Some(why.code()),
            ticket_id: None,
            raw,
        },
        now,
    )
    .await
}

/// A message too large to fetch stays in the mailbox; it is recorded as held so coordinators
/// know it is there.
pub async fn hold_unfetched(
    state: &AppState,
    envelope: &Envelope,
    size: u64,
) -> Result<Outcome, AppError> {
    let why = Why::TooLarge;
    record(
        state,
        envelope,
        size as usize,
        "held",
        why,
        None,
        state.clock.now(),
    )
    .await?;
    Ok(Outcome::Held(why))
}

/// Held messages, for coordinators.
pub async fn held(state: &AppState, actor: &User) -> Result<Vec<HeldMessage>, AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    state.db.held_mail(200).await
}

/// What a coordinator does with a held message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    /// File it as a new request from its sender (the limits that held it set aside).
    File,
    /// Add it to a ticket as an internal note by the coordinator, with its files.
    Attach(TicketNumber),
    Drop,
}

/// Settles a held message. Answers the ticket it went to.
#[tracing::instrument(skip_all, fields(user.id = actor.id, mail.id = id))]
pub async fn decide(
    state: &AppState,
    actor: &User,
    id: i64,
    decision: Decision,
) -> Result<Option<TicketNumber>, AppError> {
    if !actor.role.coordinates() {
        return Err(AppError::Forbidden);
    }
    let now = state.clock.now();
    if decision == Decision::Drop {
        let mut conn = state.db.conn().await?;
        return if Db::decide_held(&mut conn, id, "dropped", None, actor.id, now).await? {
            Ok(None)
        } else {
            Err(AppError::NotFound)
        };
    }
    let raw = state.db.held_raw(id).await?.ok_or(AppError::NotFound)?;
    let limits = Limits {
        max_bytes: u64::MAX,
        ..state.settings.mail_intake.limits
    };
    let m = message::read(&raw, &limits)
        .map_err(|_| AppError::field("decision", "err-mail-unreadable"))?;
    let text = format!(
        "{} — {}\n\n{}",
        m.envelope.sender, m.envelope.subject, m.text
    );
    let number = match decision {
        Decision::Attach(number) => {
            super::service::attach_held(state, actor, number, &text, &m.files).await?;
            number
        }
        _ => {
            let user = match state.db.user_by_email(&m.envelope.sender).await? {
                Some(u) => u,
                None => sender_account(state, &m.envelope, now)
                    .await
                    .map_err(|_| AppError::field("decision", "err-mail-unreadable"))?,
            };
            let (input, files) = request(state, &user, &m.envelope, &m.text, m.files.clone());
            let with = Filing {
                files,
                ..Filing::default()
            };
            file_ticket(state, &user, input, with).await?.number
        }
    };
    let mut conn = state.db.conn().await?;
    let outcome = match decision {
        Decision::Attach(_) => "noted",
        _ => "created",
    };
    Db::decide_held(&mut conn, id, outcome, Some(number.id()), actor.id, now).await?;
    Ok(Some(number))
}
