//! A generated history of a help desk: tickets that were assigned, worked, waited on someone,
//! escalated, reopened, resolved, closed and rated, with notes and time logged. The demo adds a
//! few months of it so that reports have something to show, and the reports benchmark a year of
//! it at scale. Deterministic: the same seed writes the same history.

use super::db::{ImportEvent, ImportNote, ImportTicket};
use crate::domain::{
    Channel, Impact, NoteVisibility, Priority, PriorityMatrix, PriorityWhy, Status, TicketEvent,
    Urgency, WaitingOn,
};
use chrono::{DateTime, Duration, Utc};

const CATEGORIES: [&str; 6] = [
    "hardware",
    "software",
    "network",
    "account",
    "facilities",
    "other",
];
const CHANNELS: [Channel; 5] = [
    Channel::Portal,
    Channel::Portal,
    Channel::Portal,
    Channel::Phone,
    Channel::Email,
];
const COMMENTS: [&str; 8] = [
    "Quick and friendly, thank you",
    "Fixed before lunch",
    "Took a while, but it works now",
    "Had to explain the problem twice",
    "Great help with the printer",
    "Nobody told me it was waiting on a part",
    "Solved on the first call",
    "Works again, thanks",
];

/// Who takes part: the coordinator who assigns, the technicians who work, the requesters who ask.
pub struct Cast {
    pub coordinator: i64,
    pub technicians: Vec<i64>,
    pub requesters: Vec<i64>,
}

/// Tickets created evenly between `from` and `to`; the steps of a ticket that would come after
/// `now` have not happened yet, so recent tickets are still open.
pub struct Generator {
    rng: Rng,
    cast: Cast,
    count: usize,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
}

impl Generator {
    pub fn new(
        seed: u64,
        cast: Cast,
        count: usize,
        (from, to): (DateTime<Utc>, DateTime<Utc>),
        now: DateTime<Utc>,
    ) -> Generator {
        Generator {
            rng: Rng(seed.max(1)),
            cast,
            count: count.max(1),
            from,
            to,
            now,
        }
    }

    /// The `i`-th of the `count` tickets (call in order).
    pub fn ticket(&mut self, i: usize) -> ImportTicket {
        let created = self.from
            + (self.to - self.from) * i as i32 / self.count as i32
            + Duration::seconds(self.rng.below(600) as i64);
        ticket(i, created, &mut self.rng, self.now, &self.cast)
    }
}

/// A small deterministic generator (xorshift), so every run writes the same history.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn minutes(&mut self, max: i64) -> Duration {
        Duration::minutes(1 + self.below(max as u64) as i64)
    }
}

/// One generated ticket as it lives through its steps.
struct History<'a> {
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    events: Vec<ImportEvent>,
    status: Status,
    waiting_on: Option<WaitingOn>,
    rng: &'a mut Rng,
    requester: i64,
    /// Who works on it (a specialist after an escalation).
    tech: i64,
    assignee: Option<i64>,
    priority: Priority,
    notes: Vec<ImportNote>,
    rating: Option<(i64, Option<String>, DateTime<Utc>)>,
    escalated: bool,
    reopened: bool,
    resolution: Option<String>,
    /// How this kind of problem is fixed.
    fix: &'static str,
}

/// What people ask for help with, per category, and how it was fixed: (category, title,
/// description, resolution). Chosen by the ticket's number, so the random sequence (and with it
/// every other figure of the history) does not depend on this list.
const CASES: &[(&str, &str, &str, &str)] = &[
    (
        "hardware",
        "Printer on the second floor shows offline",
        "Nothing prints since this morning, the queue keeps growing.",
        "Cleared the spooler queue and reinstalled the printer driver.",
    ),
    (
        "hardware",
        "Laptop does not charge",
        "The battery stays at 3% with the charger plugged in.",
        "Replaced the power adapter; the old one had a broken cable.",
    ),
    (
        "hardware",
        "Second monitor stays black",
        "The docking station sees only one screen.",
        "Updated the docking station firmware and swapped the DisplayPort cable.",
    ),
    (
        "hardware",
        "Keyboard types wrong letters",
        "Y and Z are swapped and some keys repeat.",
        "Set the keyboard layout back to German and replaced the worn keyboard.",
    ),
    (
        "software",
        "Outlook keeps asking for the password",
        "The password prompt comes back every few minutes.",
        "Removed the stale credentials from the credential manager and signed in again.",
    ),
    (
        "software",
        "Excel crashes when opening a file",
        "Excel closes as soon as the budget file opens.",
        "Disabled the faulty add-in and repaired the Office installation.",
    ),
    (
        "software",
        "Teams has no sound in meetings",
        "Others cannot hear me and I hear nobody.",
        "Chose the headset as the speaker and microphone in the Teams device settings.",
    ),
    (
        "software",
        "PDF files open in the wrong program",
        "Double-clicking a PDF opens the browser.",
        "Set Acrobat Reader as the default app for PDF files.",
    ),
    (
        "network",
        "Wi-Fi drops every few minutes",
        "The laptop loses the office Wi-Fi and reconnects.",
        "Turned off power saving on the wireless adapter and updated its driver.",
    ),
    (
        "network",
        "Network socket in the meeting room is dead",
        "No link light on the wall outlet.",
        "Patched the outlet to the switch again; the cable had been unplugged in the cabinet.",
    ),
    (
        "network",
        "VPN does not connect from home",
        "The VPN client times out at the login step.",
        "Switched the VPN profile to TCP 443; the home router blocked UDP.",
    ),
    (
        "account",
        "Locked out of my account",
        "Too many wrong passwords after the holidays.",
        "Unlocked the account and the requester reset the password through self-service.",
    ),
    (
        "account",
        "No access to the finance share",
        "Access denied on the shared drive for the new colleague.",
        "Added the person to the finance group; access works after signing in again.",
    ),
    (
        "account",
        "Password expired on the phone",
        "Mail on the phone stopped after changing the password.",
        "Entered the new password in the phone's mail account settings.",
    ),
    (
        "facilities",
        "Desk lamp and socket without power",
        "The socket strip under the desk has no power.",
        "Reset the tripped fuse and replaced the socket strip.",
    ),
    (
        "other",
        "Need a headset for calls",
        "I start taking support calls next week.",
        "Handed out a headset from stock and paired it with the laptop.",
    ),
];

impl History<'_> {
    /// Moves time forward; `None` once it would pass `now` (the ticket is still open then).
    fn wait(&mut self, max_minutes: i64) -> Option<()> {
        let next = self.at + self.rng.minutes(max_minutes);
        if next >= self.now {
            return None;
        }
        self.at = next;
        Some(())
    }

    fn event(&mut self, actor: Option<i64>, e: TicketEvent) {
        let row = e.encode();
        self.events.push(ImportEvent {
            at: self.at,
            actor_id: actor,
            kind: row.kind,
            from: row.from,
            to: row.to,
            detail: row.detail,
            internal: row.internal,
        });
    }

    fn status(&mut self, actor: i64, to: Status, waiting_on: Option<WaitingOn>, why: Option<&str>) {
        let from = self.status;
        self.event(
            Some(actor),
            TicketEvent::Status {
                from,
                to,
                waiting_on,
                why: why.map(String::from),
            },
        );
        self.status = to;
        self.waiting_on = waiting_on;
    }

    /// A note by the technician (its event points at no stored note id).
    fn note(&mut self, body: String, visibility: NoteVisibility, minutes: Option<i64>) {
        self.event(Some(self.tech), TicketEvent::Note { id: 0, visibility });
        self.notes.push(ImportNote {
            at: self.at,
            author_id: self.tech,
            body,
            visibility,
            minutes,
        });
    }

    /// Each step happens only if its time has come; recent tickets are still on their way.
    fn live(&mut self, people: &Cast) -> Option<()> {
        self.wait(240)?;
        self.assignee = Some(self.tech);
        self.event(Some(people.coordinator), assigned(None, "Technician"));
        self.status(people.coordinator, Status::Assigned, None, None);
        self.wait(180)?;
        self.status(self.tech, Status::InProgress, None, None);
        self.note("Looking into it now".into(), NoteVisibility::Public, None);
        if self.rng.chance(30) {
            self.pause()?;
        }
        if self.rng.chance(10) {
            self.escalate(people)?;
        }
        self.resolve()?;
        self.close()
    }

    /// Waits on the requester, a third party or facility work for up to two days.
    fn pause(&mut self) -> Option<()> {
        let on = WaitingOn::ALL[self.rng.below(3) as usize];
        self.wait(120)?;
        self.status(self.tech, Status::Waiting, Some(on), None);
        self.wait(2 * 24 * 60)?;
        self.status(self.tech, Status::InProgress, None, None);
        Some(())
    }

    /// Raised a priority and handed to a specialist.
    fn escalate(&mut self, people: &Cast) -> Option<()> {
        self.wait(240)?;
        self.escalated = true;
        let raised = self.priority.raised();
        let why = PriorityWhy::Escalation("Needs a specialist".into());
        let (from, to) = (self.priority, raised);
        self.event(Some(self.tech), TicketEvent::Priority { from, to, why });
        self.priority = raised;
        self.tech = people.technicians[self.rng.below(people.technicians.len() as u64) as usize];
        self.assignee = Some(self.tech);
        self.event(Some(self.tech), assigned(Some("Technician"), "Specialist"));
        let escalated = TicketEvent::Escalated {
            to: Some("Specialist".into()),
            why: "Needs a specialist".into(),
        };
        self.event(Some(self.tech), escalated);
        Some(())
    }

    /// Fixed, with the time logged; now and then reopened by the requester and fixed again.
    fn resolve(&mut self) -> Option<()> {
        self.wait(8 * 60)?;
        let minutes = 5 + self.rng.below(120) as i64;
        let logged = format!("Time spent: {minutes} minutes");
        self.note(logged, NoteVisibility::Internal, Some(minutes));
        let says = "Fixed; please check it works for you".into();
        self.note(says, NoteVisibility::Public, None);
        self.resolution = Some(self.fix.to_string());
        let resolution = self.resolution.clone();
        self.status(self.tech, Status::Resolved, None, resolution.as_deref());
        if self.rng.chance(5) {
            self.wait(24 * 60)?;
            self.reopened = true;
            let why = "Still broken".into();
            self.event(Some(self.requester), TicketEvent::Reopened { why });
            self.status(self.requester, Status::InProgress, None, None);
            self.wait(4 * 60)?;
            self.status(self.tech, Status::Resolved, None, resolution.as_deref());
        }
        Some(())
    }

    /// Closed by the requester, who sometimes rates it.
    fn close(&mut self) -> Option<()> {
        self.wait(3 * 24 * 60)?;
        self.status(self.requester, Status::Closed, None, None);
        if self.rng.chance(30) {
            let score = 1 + self.rng.below(5) as i64;
            let comment = self
                .rng
                .chance(40)
                .then(|| COMMENTS[self.rng.below(COMMENTS.len() as u64) as usize].to_string());
            self.rating = Some((score, comment, self.at));
        }
        Some(())
    }
}

/// The demo's people have no addresses in its history: names stand for who took the ticket.
fn assigned(from: Option<&str>, to: &str) -> TicketEvent {
    TicketEvent::Assigned {
        from: from.map(String::from),
        to: to.into(),
        address: String::new(),
        automatic_for: None,
    }
}

fn ticket(
    i: usize,
    created: DateTime<Utc>,
    rng: &mut Rng,
    now: DateTime<Utc>,
    people: &Cast,
) -> ImportTicket {
    let category = CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize];
    let impact = Impact::ALL[rng.below(3) as usize];
    let urgency = Urgency::ALL[rng.below(3) as usize];
    let priority = PriorityMatrix::default().priority(impact, urgency);
    let requester = people.requesters[rng.below(people.requesters.len() as u64) as usize];
    let tech = people.technicians[rng.below(people.technicians.len() as u64) as usize];
    let channel = CHANNELS[rng.below(CHANNELS.len() as u64) as usize];
    let cases: Vec<&(&str, &str, &str, &str)> = CASES.iter().filter(|c| c.0 == category).collect();
    let case = match cases.len() {
        0 => CASES[i % CASES.len()],
        n => *cases[i % n],
    };
    let mut h = History {
        at: created,
        now,
        events: Vec::with_capacity(12),
        status: Status::New,
        waiting_on: None,
        rng,
        requester,
        tech,
        assignee: None,
        priority,
        notes: Vec::new(),
        rating: None,
        escalated: false,
        reopened: false,
        resolution: None,
        fix: case.3,
    };
    let via = channel.to_string();
    h.event(
        Some(requester),
        TicketEvent::Created {
            status: Status::New,
            via,
        },
    );
    // `None` only says the ticket's life stops at `now`.
    let _ = h.live(people);
    ImportTicket {
        title: case.1.to_string(),
        description: case.2.to_string(),
        category: category.into(),
        requester_id: requester,
        assignee_id: h.assignee,
        impact,
        urgency,
        priority: h.priority,
        status: h.status,
        waiting_on: h.waiting_on,
        channel,
        created_at: created,
        updated_at: h.at,
        resolution: h.resolution,
        escalated: h.escalated,
        reopened: h.reopened,
        events: h.events,
        notes: h.notes,
        rating: h.rating,
    }
}
