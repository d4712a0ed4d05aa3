//! Who is told what about a change: in the app, and by email through a transactional outbox.
//!
//! `for_change` decides from a change's events who hears about it (a pure function); `deliver`
//! writes the notifications and the outbox rows in the transaction of the change, so a change and
//! what it tells people commit together. The mail worker (`mail.rs`) sends the outbox afterwards.
//! Replies by email would enter through the same service functions as the pages (`add_note`),
//! addressed by the ticket number in the subject; that is the seam for inbound mail.

use super::db::Conn;
use super::db::{Db, NewNotification, OutboxRow, Recipient};
use super::state::AppState;
use crate::domain::{
    Digest, FacilityStep, NoteVisibility, NotificationKind, Role, Status, Ticket, TicketEvent,
    TicketNumber, User, WaitingOn,
};
use crate::error::AppError;
use crate::i18n::{Locale, Msg, MsgArg};
use chrono::{DateTime, Duration, DurationRound, Timelike, Utc};

/// One thing to tell one person, in words chosen when it is delivered in their language.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub user_id: i64,
    pub kind: NotificationKind,
    pub subject: Msg,
    /// One line per reason.
    pub text: Vec<Msg>,
    /// A private link minted into the mail when it is sent (its address is never stored).
    pub link: Option<(&'static str, i64)>,
}

impl Outgoing {
    /// The subject and body in one reader's language.
    pub fn words(&self, locale: &Locale) -> (String, String) {
        let text: Vec<String> = self.text.iter().map(|m| m.render(locale)).collect();
        (self.subject.render(locale), text.join("\n"))
    }

    fn carries_link_slot(&self) -> bool {
        self.text.iter().any(|m| {
            m.args
                .iter()
                .any(|(_, a)| *a == MsgArg::Text(super::mail::LINK_SLOT.into()))
        })
    }
}

/// The people a change concerns, by id.
#[derive(Clone, Debug, Default)]
pub struct Audience {
    pub requester: i64,
    pub assignee: Option<i64>,
    pub previous_assignee: Option<i64>,
    pub coordinators: Vec<i64>,
    pub watchers: Vec<i64>,
    /// A private link (its id) for a requester who cannot sign in, sent with the confirmation.
    pub tracking_link: Option<i64>,
}

/// Who hears about the events of one change, one message per person (the first reason wins the
/// subject; every reason is in the text). Nobody is told about their own action, except the
/// confirmation of a request they filed.
pub fn for_change(
    t: &Ticket,
    who: &Audience,
    events: &[TicketEvent],
    actor: Option<&User>,
) -> Vec<Outgoing> {
    let mut told = Told {
        t,
        who,
        actor,
        out: Vec::new(),
    };
    for e in events {
        match e {
            TicketEvent::Created { .. } | TicketEvent::Planned { .. } => told.created(),
            TicketEvent::Assigned { .. } => told.assigned(),
            TicketEvent::Status { to, waiting_on, .. } => told.status(to, waiting_on),
            TicketEvent::Reopened { why } => told.reopened(why),
            TicketEvent::Note {
                visibility: NoteVisibility::Public,
                ..
            } => told.public_note(),
            TicketEvent::Escalated { why, .. } => told.escalated(why),
            TicketEvent::Facility { order, step } => told.facility(order, step),
            TicketEvent::Merged { into, .. } => told.merged(into),
            _ => {}
        }
    }
    let mut out = told.out;
    if let Some(link) = who.tracking_link {
        for o in out.iter_mut().filter(|o| o.user_id == who.requester) {
            if o.carries_link_slot() {
                o.link = Some(("tracking", link));
            }
        }
    }
    out
}

/// A request that came by mail was filed before anyone knew its category. Once a coordinator
/// puts it in one that asks questions, its requester is told what the technician will need, to
/// answer by replying to the mail or on the request's page.
pub async fn ask_for_details(
    state: &AppState,
    conn: &mut Conn,
    ticket_id: i64,
    t: &Ticket,
    who: &Audience,
    events: &[TicketEvent],
    told: &mut Vec<Outgoing>,
) -> Result<(), AppError> {
    let Some(slug) = events.iter().find_map(|e| match e {
        TicketEvent::Category { to, .. } => Some(to.as_str()),
        _ => None,
    }) else {
        return Ok(());
    };
    let Some((_, category)) = state.db.category_in(conn, slug).await? else {
        return Ok(());
    };
    if category.fields.is_empty() || Db::thread_root(conn, ticket_id).await?.is_none() {
        return Ok(());
    }
    let (intro, lines) = category.details_asked();
    let mut text = vec![intro];
    text.extend(lines);
    text.push(Msg::new("notify-details-reply").text("number", t.number.to_string()));
    told.push(Outgoing {
        user_id: who.requester,
        kind: NotificationKind::WaitingOnYou,
        subject: Msg::new("notify-details-subject").text("number", t.number.to_string()),
        text,
        link: None,
    });
    Ok(())
}

/// Quotes the public notes of a change in every message about it (everyone told of a ticket may
/// read its public notes), with the names of their files: a reply by mail then answers what
/// was written, not a pointer to it.
pub async fn quote_notes(
    conn: &mut Conn,
    events: &[TicketEvent],
    told: &mut [Outgoing],
) -> Result<(), AppError> {
    if told.is_empty() {
        return Ok(());
    }
    for e in events {
        let TicketEvent::Note {
            id,
            visibility: NoteVisibility::Public,
        } = e
        else {
            continue;
        };
        let Some((body, files)) = Db::public_note_words(conn, *id).await? else {
            continue;
        };
        let quote =
            Msg::new("notify-note-quote").text("text", crate::domain::inbound::cut(&body, 4000));
        let files = (!files.is_empty())
            .then(|| Msg::new("notify-note-files").text("files", files.join(", ")));
        for o in told.iter_mut() {
            o.text.push(quote.clone());
            o.text.extend(files.clone());
        }
    }
    Ok(())
}

/// The messages of one change, built up reason by reason.
struct Told<'a> {
    t: &'a Ticket,
    who: &'a Audience,
    actor: Option<&'a User>,
    out: Vec<Outgoing>,
}

impl Told<'_> {
    /// A message about this ticket: its number and title are there for every text to use.
    fn msg(&self, key: &str) -> Msg {
        Msg::new(key)
            .text("number", self.t.number.to_string())
            .text("title", self.t.title.clone())
    }

    /// Adds a reason to tell `user_id`: the first reason makes the message, later ones add
    /// their text to it.
    fn tell(&mut self, user_id: i64, kind: NotificationKind, subject: Msg, text: Msg) {
        // A requester filing their own request still gets the confirmation with its number.
        if self.actor.is_some_and(|a| a.id == user_id) && kind != NotificationKind::Received {
            return;
        }
        match self.out.iter_mut().find(|o| o.user_id == user_id) {
            Some(o) => {
                if !o.text.contains(&text) {
                    o.text.push(text);
                }
            }
            None => self.out.push(Outgoing {
                user_id,
                kind,
                subject,
                text: vec![text],
                link: None,
            }),
        }
    }

    /// Tells the watchers what happened: the subject and text keys, and the ticket's new status
    /// when that is the news.
    fn watchers(&mut self, (subject, text): (&str, &str), status: Option<Status>) {
        let with_status = |m: Msg| match status {
            Some(s) => m.key("status", s.label_key()),
            None => m,
        };
        let subject = with_status(self.msg(subject));
        let text = with_status(self.msg(text));
        for w in self.who.watchers.clone() {
            self.tell(
                w,
                NotificationKind::WatchedUpdate,
                subject.clone(),
                text.clone(),
            );
        }
    }

    /// The confirmation to the requester and the news to the coordinators.
    fn created(&mut self) {
        let (t, who) = (self.t, self.who);
        let confirmation = match &who.tracking_link {
            None => self.msg("notify-received-text"),
            Some(_) => self
                .msg("notify-received-link-text")
                .text("link", super::mail::LINK_SLOT),
        };
        self.tell(
            who.requester,
            NotificationKind::Received,
            self.msg("notify-received-subject"),
            confirmation,
        );
        let news = |m: Msg| {
            m.text("priority", t.priority.to_string())
                .text("category", t.category.clone())
                .text("requester", t.requester.name.clone())
        };
        for c in &who.coordinators {
            self.tell(
                *c,
                NotificationKind::NewRequest,
                news(self.msg("notify-new-request-subject")),
                news(self.msg("notify-new-request-text")),
            );
        }
    }

    /// The requester hears who has it; the new assignee that it is theirs.
    fn assigned(&mut self) {
        let (t, who) = (self.t, self.who);
        let assignee = |m: Msg| match &t.assignee {
            Some(a) => m.text("assignee", a.first_name()),
            None => m.key("assignee", "notify-a-technician"),
        };
        self.tell(
            who.requester,
            NotificationKind::Assigned,
            assignee(self.msg("notify-assigned-subject")),
            assignee(self.msg("notify-assigned-text")),
        );
        if let Some(a) = who.assignee.filter(|a| Some(*a) != who.previous_assignee) {
            let details = |m: Msg| {
                m.text("priority", t.priority.to_string())
                    .text("category", t.category.clone())
                    .text("requester", t.requester.name.clone())
            };
            self.tell(
                a,
                NotificationKind::AssignedToYou,
                details(self.msg("notify-yours-subject")),
                details(self.msg("notify-yours-text")),
            );
        }
    }

    /// The requester hears what the status means for them; watchers hear it too.
    fn status(&mut self, to: &Status, waiting_on: &Option<WaitingOn>) {
        let (t, who) = (self.t, self.who);
        match to {
            Status::Waiting if *waiting_on == Some(WaitingOn::Requester) => self.tell(
                who.requester,
                NotificationKind::WaitingOnYou,
                self.msg("notify-waiting-subject"),
                self.msg("notify-waiting-text"),
            ),
            Status::Resolved => {
                let text = match &t.resolution {
                    Some(r) => self.msg("notify-resolved-text").text("solution", r.clone()),
                    None => self
                        .msg("notify-resolved-text")
                        .key("solution", "notify-see-ticket"),
                };
                self.tell(
                    who.requester,
                    NotificationKind::Resolved,
                    self.msg("notify-resolved-subject"),
                    text,
                )
            }
            Status::Closed => self.tell(
                who.requester,
                NotificationKind::Closed,
                self.msg("notify-closed-subject"),
                self.msg("notify-closed-text"),
            ),
            _ => {}
        }
        self.watchers(
            ("notify-watch-status-subject", "notify-watch-status-text"),
            Some(*to),
        );
    }

    /// The assignee and the coordinators hear that the solution did not work.
    fn reopened(&mut self, why: &str) {
        let who = self.who;
        for id in who.assignee.iter().chain(&who.coordinators) {
            self.tell(
                *id,
                NotificationKind::Reopened,
                self.msg("notify-reopened-subject"),
                self.msg("notify-reopened-text").text("why", why),
            );
        }
    }

    /// A public note from IT reaches the requester and watchers; a reply reaches the assignee.
    fn public_note(&mut self) {
        let (t, who) = (self.t, self.who);
        let by_staff = self.actor.is_some_and(|a| a.role.is_staff());
        if by_staff {
            self.tell(
                who.requester,
                NotificationKind::PublicNote,
                self.msg("notify-message-subject"),
                self.msg("notify-message-text"),
            );
            self.watchers(
                ("notify-watch-note-subject", "notify-watch-note-text"),
                None,
            );
        } else if let Some(a) = who.assignee {
            let requester = t.requester.name.clone();
            self.tell(
                a,
                NotificationKind::RequesterReplied,
                self.msg("notify-replied-subject"),
                self.msg("notify-replied-text").text("requester", requester),
            );
        }
    }

    /// The new assignee hears why; the coordinators hear a technician ask for help.
    fn escalated(&mut self, why: &str) {
        let (t, who, actor) = (self.t, self.who, self.actor);
        if let Some(a) = who.assignee {
            self.tell(
                a,
                NotificationKind::Escalation,
                self.msg("notify-escalated-subject")
                    .text("priority", t.priority.to_string()),
                self.msg("notify-escalated-text").text("why", why),
            );
        }
        if let Some(actor) = actor.filter(|a| a.role == Role::Technician) {
            for c in &who.coordinators {
                self.tell(
                    *c,
                    NotificationKind::EscalationRequested,
                    self.msg("notify-escalation-asked-subject"),
                    self.msg("notify-escalation-asked-text")
                        .text("technician", actor.name.clone())
                        .text("why", why),
                );
            }
        }
    }

    /// The assignee hears how the work order their ticket waits on came along.
    fn facility(&mut self, order: &str, step: &FacilityStep) {
        let (subject, text) = match step {
            FacilityStep::Finished { status, outcome } => {
                let text = match outcome {
                    Some(o) => self
                        .msg("notify-facility-finished-note-text")
                        .text("outcome", o.clone()),
                    None => self.msg("notify-facility-finished-text"),
                };
                (
                    self.msg("notify-facility-finished-subject")
                        .text("status", status.as_str()),
                    text.text("status", status.as_str()),
                )
            }
            FacilityStep::Expected(day) => {
                let when = |m: Msg| match day {
                    Some(d) => m.date("when", *d),
                    None => m.key("when", "notify-facility-no-date"),
                };
                (
                    when(self.msg("notify-facility-expected-subject")),
                    when(self.msg("notify-facility-expected-text")),
                )
            }
            FacilityStep::Requested { what, location } => {
                let what = format!("{what} ({location})");
                (
                    self.msg("notify-facility-asked-subject"),
                    self.msg("notify-facility-asked-text").text("what", what),
                )
            }
        };
        if let Some(a) = self.who.assignee {
            self.tell(
                a,
                NotificationKind::FacilityDone,
                subject,
                text.text("order", order),
            );
        }
    }

    /// The requester hears where their request went.
    fn merged(&mut self, into: &TicketNumber) {
        let requester = self.who.requester;
        self.tell(
            requester,
            NotificationKind::Merged,
            self.msg("notify-merged-subject")
                .text("into", into.to_string()),
            self.msg("notify-merged-text")
                .text("into", into.to_string()),
        );
    }
}

/// The people a ticket concerns, read in the change's transaction.
pub async fn audience(
    conn: &mut Conn,
    ticket_id: i64,
    requester: i64,
    assignee: Option<i64>,
    previous_assignee: Option<i64>,
) -> Result<Audience, AppError> {
    Ok(Audience {
        requester,
        assignee,
        previous_assignee,
        coordinators: Db::coordinator_ids(conn).await?,
        watchers: Db::watcher_ids(conn, ticket_id).await?,
        tracking_link: None,
    })
}

/// Writes each message as an in-app notification and, for those who want email, an outbox row:
/// pending when SMTP is configured, held (with the reason) when it is not.
pub async fn deliver(
    conn: &mut Conn,
    state: &AppState,
    ticket: Option<(i64, &Ticket)>,
    outgoing: Vec<Outgoing>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if outgoing.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = outgoing.iter().map(|o| o.user_id).collect();
    let people = Db::recipients(conn, &ids).await?;
    for o in outgoing {
        let Some(person) = people.iter().find(|p| p.id == o.user_id) else {
            continue;
        };
        if person.prefs.muted.contains(&o.kind) {
            continue;
        }
        // Each person reads it in their own language and zone.
        let locale = person.locale(&state.settings);
        let (subject, body) = o.words(&locale);
        Db::insert_notification(
            conn,
            &NewNotification {
                user_id: o.user_id,
                ticket_id: ticket.map(|(id, _)| id),
                kind: o.kind.as_str(),
                subject: subject.clone(),
                body: body.replace(super::mail::LINK_SLOT, &locale.t("mail-link-in-app")),
            },
            now,
        )
        .await?;
        if !person.prefs.email {
            continue;
        }
        let (text, html) = render(
            &state.settings.public_url,
            person,
            &locale,
            ticket.map(|t| t.1),
            &body,
        );
        let digest =
            person.role.is_staff() && person.prefs.digest != Digest::Off && o.link.is_none();
        let held = (!state.mail_configured())
            .then(|| "SMTP is not configured: mail is kept in the app only".to_string());
        Db::insert_outbox(
            conn,
            &OutboxRow {
                user_id: o.user_id,
                ticket_id: ticket.map(|(id, _)| id),
                to_email: person.email.clone(),
                subject,
                text_body: text,
                html_body: html,
                digest,
                next_attempt_at: if digest {
                    next_digest(person.prefs.digest, now, locale.tz)
                } else {
                    now
                },
                held,
                link: o.link,
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// The caller's notifications, newest first.
pub async fn list(
    state: &AppState,
    actor: &User,
    unread_only: bool,
    limit: i64,
) -> Result<Vec<crate::domain::Notification>, AppError> {
    if !(1..=200).contains(&limit) {
        return Err(AppError::BadRequest(
            "limit must be between 1 and 200".into(),
        ));
    }
    state.db.notifications(actor.id, unread_only, limit).await
}

/// Marks one of the caller's notifications (or all of them) read; someone else's id changes
/// nothing.
pub async fn mark_read(state: &AppState, actor: &User, id: Option<i64>) -> Result<u64, AppError> {
    state.db.mark_read(actor.id, id, state.clock.now()).await
}

pub async fn save_preferences(
    state: &AppState,
    actor: &User,
    prefs: crate::domain::Preferences,
) -> Result<crate::domain::Preferences, AppError> {
    let mut prefs = prefs;
    prefs.muted.sort_unstable();
    prefs.muted.dedup();
    if !actor.role.is_staff() {
        // Digests are for staff; a requester hears about their own ticket as it happens.
        prefs.digest = Digest::Off;
    }
    state.db.set_preferences(actor.id, &prefs).await?;
    Ok(prefs)
}

/// When a digest goes out: at the top of the next hour, or at 07:00 in the reader's zone (their
/// morning, whatever the season).
pub fn next_digest(digest: Digest, now: DateTime<Utc>, zone: chrono_tz::Tz) -> DateTime<Utc> {
    let hour = now.duration_trunc(Duration::hours(1)).unwrap_or(now) + Duration::hours(1);
    match digest {
        Digest::Off => now,
        Digest::Hourly => hour,
        Digest::Daily => {
            let mut at = hour;
            while at.with_timezone(&zone).hour() != 7 {
                at += Duration::hours(1);
            }
            at
        }
    }
}

/// A message's ticket, as its bodies show it.
struct TicketLines<'a> {
    number: crate::domain::TicketNumber,
    title: &'a str,
    status: String,
    link: String,
}

/// The fixed words around a message, in the reader's language.
struct Frame {
    greeting: String,
    status: String,
    open_it: String,
    open_ticket: String,
    signature: String,
    choose: String,
}

impl Frame {
    fn new(locale: &Locale, first_name: &str) -> Frame {
        Frame {
            greeting: Msg::new("mail-greeting")
                .text("name", first_name)
                .render(locale),
            status: locale.t("mail-status"),
            open_it: locale.t("mail-open-it"),
            open_ticket: locale.t("mail-open-ticket"),
            signature: locale.t("mail-signature"),
            choose: locale.t("mail-choose"),
        }
    }
}

#[derive(askama::Template)]
#[template(path = "mail/notification.txt")]
struct NotificationText<'a> {
    frame: &'a Frame,
    text: &'a str,
    ticket: Option<&'a TicketLines<'a>>,
    base: &'a str,
}

/// Escapes everything a person typed (names, titles, notes).
#[derive(askama::Template)]
#[template(path = "mail/notification.html")]
struct NotificationHtml<'a> {
    frame: &'a Frame,
    lines: Vec<&'a str>,
    ticket: Option<&'a TicketLines<'a>>,
    base: &'a str,
}

/// The plain-text and HTML bodies of one message.
fn render(
    base: &str,
    to: &Recipient,
    locale: &Locale,
    ticket: Option<&Ticket>,
    body: &str,
) -> (String, String) {
    let base = base.trim_end_matches('/');
    let ticket = ticket.map(|t| TicketLines {
        number: t.number,
        title: &t.title,
        status: locale.t(t.status_words()),
        link: format!("{base}/tickets/{}", t.number),
    });
    let frame = Frame::new(locale, to.first_name());
    let text = NotificationText {
        frame: &frame,
        text: body,
        ticket: ticket.as_ref(),
        base,
    };
    let html = NotificationHtml {
        frame: &frame,
        lines: body.split('\n').filter(|l| !l.is_empty()).collect(),
        ticket: ticket.as_ref(),
        base,
    };
    (text.to_string(), html.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{EventKind, EventRow, Impact, PersonRef, Priority, TicketNumber, Urgency};

    fn ticket() -> Ticket {
        Ticket {
            number: TicketNumber::from_id(4),
            title: "Outlook <asks> for my password".into(),
            description: String::new(),
            category: "software".into(),
            status: Status::Assigned,
            waiting_on: None,
            priority: Priority::P3,
            impact: Impact::Low,
            urgency: Urgency::Medium,
            requester: PersonRef {
                email: "rita@example.org".into(),
                name: "Rita Requester".into(),
            },
            assignee: Some(PersonRef {
                email: "tina@example.org".into(),
                name: "Tina Front".into(),
            }),
            location: None,
            asset_tag: None,
            contact: None,
            fields: Default::default(),
            escalated: false,
            reopened: false,
            resolution: Some("Reset the profile".into()),
            created_at: Utc::now(),
            updated_at: Utc::now(),
            version: 2,
            sla: None,
            project: None,
            due_on: None,
            merged_into: None,
        }
    }

    /// A change as its stored row would read back.
    fn event(kind: &str, to: Option<&str>, detail: Option<&str>, internal: bool) -> TicketEvent {
        let kind: EventKind = kind.parse().unwrap();
        let from = (kind == EventKind::Status).then(|| "in_progress".to_string());
        let detail = match kind {
            EventKind::Note => Some("1".to_string()),
            _ => detail.map(String::from),
        };
        let row = EventRow {
            kind,
            from,
            to: to.map(String::from),
            detail,
            internal,
        };
        TicketEvent::decode(&row).unwrap()
    }

    fn user(id: i64, role: Role) -> User {
        User {
            id,
            email: format!("u{id}@example.org"),
            name: format!("User {id}"),
            role,
            language: None,
            time_zone: None,
        }
    }

    const RITA: i64 = 1;
    const TINA: i64 = 2;
    const CARLA: i64 = 3;
    const PAUL: i64 = 4;

    fn audience() -> Audience {
        Audience {
            requester: RITA,
            assignee: Some(TINA),
            previous_assignee: None,
            coordinators: vec![CARLA],
            watchers: vec![PAUL],
            tracking_link: None,
        }
    }

    fn english(o: &Outgoing) -> (String, String) {
        o.words(&Locale::default())
    }

    fn kinds(out: &[Outgoing]) -> Vec<(i64, NotificationKind)> {
        out.iter().map(|o| (o.user_id, o.kind)).collect()
    }

    #[test]
    fn assignment_tells_the_requester_and_the_new_assignee_not_the_coordinator_who_did_it() {
        let out = for_change(
            &ticket(),
            &audience(),
            &[
                event("assigned", Some("Tina Front"), None, false),
                event("status", Some("assigned"), None, false),
            ],
            Some(&user(CARLA, Role::Coordinator)),
        );
        assert_eq!(
            kinds(&out),
            vec![
                (RITA, NotificationKind::Assigned),
                (TINA, NotificationKind::AssignedToYou),
                (PAUL, NotificationKind::WatchedUpdate)
            ]
        );
        assert_eq!(english(&out[0]).0, "SB-1004 assigned to Tina");
        // The requester's status line was folded into one message.
        assert_eq!(out.iter().filter(|o| o.user_id == RITA).count(), 1);
    }

    #[test]
    fn internal_notes_tell_nobody_outside_and_replies_reach_the_assignee() {
        let tech = user(TINA, Role::Technician);
        let out = for_change(
            &ticket(),
            &audience(),
            &[event("note", Some("internal"), None, true)],
            Some(&tech),
        );
        assert!(out.is_empty());
        let out = for_change(
            &ticket(),
            &audience(),
            &[event("note", Some("public"), None, false)],
            Some(&tech),
        );
        assert_eq!(
            kinds(&out),
            vec![
                (RITA, NotificationKind::PublicNote),
                (PAUL, NotificationKind::WatchedUpdate)
            ]
        );
        let rita = user(RITA, Role::Requester);
        let out = for_change(
            &ticket(),
            &audience(),
            &[event("note", Some("public"), None, false)],
            Some(&rita),
        );
        assert_eq!(
            kinds(&out),
            vec![(TINA, NotificationKind::RequesterReplied)]
        );
    }

    #[test]
    fn resolution_carries_the_solution_and_waiting_on_you_only_when_it_is_you() {
        let tech = user(TINA, Role::Technician);
        let out = for_change(
            &ticket(),
            &audience(),
            &[event(
                "status",
                Some("resolved"),
                Some("Reset the profile"),
                false,
            )],
            Some(&tech),
        );
        assert_eq!(out[0].kind, NotificationKind::Resolved);
        assert!(english(&out[0]).1.contains("Reset the profile"));
        let out = for_change(
            &ticket(),
            &audience(),
            &[event("status", Some("waiting"), Some("facility"), false)],
            Some(&tech),
        );
        assert_eq!(kinds(&out), vec![(PAUL, NotificationKind::WatchedUpdate)]);
        let out = for_change(
            &ticket(),
            &audience(),
            &[event("status", Some("waiting"), Some("requester"), false)],
            Some(&tech),
        );
        assert_eq!(out[0].kind, NotificationKind::WaitingOnYou);
    }

    #[test]
    fn escalation_and_reopening_reach_coordinators() {
        let tech = user(TINA, Role::Technician);
        let mut who = audience();
        who.assignee = Some(9);
        who.previous_assignee = Some(TINA);
        let out = for_change(
            &ticket(),
            &who,
            &[event(
                "escalated",
                Some("Erin"),
                Some("needs an expert"),
                true,
            )],
            Some(&tech),
        );
        assert_eq!(
            kinds(&out),
            vec![
                (9, NotificationKind::Escalation),
                (CARLA, NotificationKind::EscalationRequested)
            ]
        );
        let out = for_change(
            &ticket(),
            &audience(),
            &[event("reopened", None, Some("still broken"), false)],
            Some(&user(RITA, Role::Requester)),
        );
        assert_eq!(
            kinds(&out),
            vec![
                (TINA, NotificationKind::Reopened),
                (CARLA, NotificationKind::Reopened)
            ]
        );
        assert!(english(&out[0]).1.contains("still broken"));
    }

    #[test]
    fn email_bodies_escape_what_people_typed() {
        let to = Recipient {
            id: RITA,
            email: "rita@example.org".into(),
            name: "Rita <b>Requester</b>".into(),
            role: Role::Requester,
            prefs: Default::default(),
            language: None,
            time_zone: None,
        };
        let body = "<script>alert(1)</script>";
        let (text, html) = render(
            "https://help.example.org/",
            &to,
            &Locale::default(),
            Some(&ticket()),
            body,
        );
        assert!(text.contains("https://help.example.org/tickets/SB-1004"));
        assert!(!html.contains("<script>"));
        assert!(html.contains("&lt;script&gt;"));
        assert!(html.contains("Outlook &lt;asks&gt;"));
        assert!(html.contains("Hello Rita,"));
    }

    #[test]
    fn one_change_reads_in_each_recipients_language() {
        let t = ticket();
        let out = for_change(
            &t,
            &audience(),
            &[event("status", Some("resolved"), None, false)],
            Some(&user(TINA, Role::Technician)),
        );
        let rita = out.iter().find(|o| o.user_id == RITA).unwrap();
        let words = |lang| rita.words(&Locale::new(lang, chrono_tz::Tz::UTC));
        assert_eq!(words(crate::i18n::Lang::En).0, "SB-1004 resolved");
        assert_eq!(words(crate::i18n::Lang::De).0, "SB-1004 gelöst");
        assert_eq!(words(crate::i18n::Lang::It).0, "SB-1004 risolta");
        assert!(words(crate::i18n::Lang::De)
            .1
            .starts_with("Lösung: Reset the profile"));
        let (_, html) = render(
            "https://help.example.org",
            &Recipient {
                id: RITA,
                email: "rita@example.org".into(),
                name: "Rita Requester".into(),
                role: Role::Requester,
                prefs: Default::default(),
                language: Some(crate::i18n::Lang::It),
                time_zone: None,
            },
            &Locale::new(crate::i18n::Lang::It, chrono_tz::Tz::UTC),
            Some(&t),
            &words(crate::i18n::Lang::It).1,
        );
        assert!(html.contains("Gentile Rita,"), "{html}");
        assert!(html.contains("Apri il ticket"));
    }

    #[test]
    fn digests_wait_for_the_next_hour_or_the_morning() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let now = at("2026-11-25T15:20:00Z");
        let utc = chrono_tz::Tz::UTC;
        assert_eq!(
            next_digest(Digest::Hourly, now, utc),
            at("2026-11-25T16:00:00Z")
        );
        assert_eq!(
            next_digest(Digest::Daily, now, utc),
            at("2026-11-26T07:00:00Z")
        );
        assert_eq!(next_digest(Digest::Off, now, utc), now);
        // 07:00 in Rome is 06:00 UTC in winter, 05:00 UTC in summer.
        let rome = chrono_tz::Europe::Rome;
        assert_eq!(
            next_digest(Digest::Daily, now, rome),
            at("2026-11-26T06:00:00Z")
        );
        let summer = at("2026-07-01T12:00:00Z");
        assert_eq!(
            next_digest(Digest::Daily, summer, rome),
            at("2026-07-02T05:00:00Z")
        );
    }
}
