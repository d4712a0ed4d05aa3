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
}

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
        self.resolution = Some("Fixed and checked with the requester".to_string());
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
        title: format!("{category} problem number {i}"),
        description: format!("Ticket {i} of a generated help desk history"),
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
