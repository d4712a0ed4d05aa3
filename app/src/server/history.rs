//! A generated history of a help desk: tickets that were assigned, worked, waited on someone,
//! escalated, reopened, resolved, closed and rated, with notes and time logged. The demo adds a
//! few months of it so that reports have something to show, and the reports benchmark a year of
//! it at scale. Deterministic: the same seed writes the same history.

use super::db::{ImportEvent, ImportNote, ImportTicket};
use crate::domain::{
    Channel, Impact, NoteVisibility, PriorityMatrix, PriorityWhy, Status, TicketEvent, Urgency,
    WaitingOn,
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

struct History<'a> {
    at: DateTime<Utc>,
    now: DateTime<Utc>,
    events: Vec<ImportEvent>,
    status: Status,
    waiting_on: Option<WaitingOn>,
    rng: &'a mut Rng,
}

impl History<'_> {
    /// Moves time forward; false once it would pass `now` (the ticket is still open then).
    fn wait(&mut self, max_minutes: i64) -> bool {
        let next = self.at + self.rng.minutes(max_minutes);
        if next >= self.now {
            return false;
        }
        self.at = next;
        true
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

/// The note events of the history point at no stored note id.
fn note(visibility: NoteVisibility) -> TicketEvent {
    TicketEvent::Note { id: 0, visibility }
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
    let mut priority = PriorityMatrix::default().priority(impact, urgency);
    let requester = people.requesters[rng.below(people.requesters.len() as u64) as usize];
    let mut tech = people.technicians[rng.below(people.technicians.len() as u64) as usize];
    let channel = CHANNELS[rng.below(CHANNELS.len() as u64) as usize];
    let mut h = History {
        at: created,
        now,
        events: Vec::with_capacity(12),
        status: Status::New,
        waiting_on: None,
        rng,
    };
    h.event(
        Some(requester),
        TicketEvent::Created {
            status: Status::New,
            via: channel.to_string(),
        },
    );
    let (mut notes, mut rating) = (Vec::new(), None);
    let (mut escalated, mut reopened, mut resolution) = (false, false, None);
    let mut assignee = None;
    // Each step happens only if its time has come; recent tickets are still on their way.
    'life: {
        if !h.wait(240) {
            break 'life;
        }
        assignee = Some(tech);
        h.event(Some(people.coordinator), assigned(None, "Technician"));
        h.status(people.coordinator, Status::Assigned, None, None);
        if !h.wait(180) {
            break 'life;
        }
        h.status(tech, Status::InProgress, None, None);
        h.event(Some(tech), note(NoteVisibility::Public));
        notes.push(ImportNote {
            at: h.at,
            author_id: tech,
            body: "Looking into it now".into(),
            visibility: NoteVisibility::Public,
            minutes: None,
        });
        if h.rng.chance(30) {
            let on = WaitingOn::ALL[h.rng.below(3) as usize];
            if !h.wait(120) {
                break 'life;
            }
            h.status(tech, Status::Waiting, Some(on), None);
            if !h.wait(2 * 24 * 60) {
                break 'life;
            }
            h.status(tech, Status::InProgress, None, None);
        }
        if h.rng.chance(10) {
            if !h.wait(240) {
                break 'life;
            }
            escalated = true;
            let raised = priority.raised();
            h.event(
                Some(tech),
                TicketEvent::Priority {
                    from: priority,
                    to: raised,
                    why: PriorityWhy::Escalation("Needs a specialist".into()),
                },
            );
            priority = raised;
            tech = people.technicians[h.rng.below(people.technicians.len() as u64) as usize];
            assignee = Some(tech);
            h.event(Some(tech), assigned(Some("Technician"), "Specialist"));
            h.event(
                Some(tech),
                TicketEvent::Escalated {
                    to: Some("Specialist".into()),
                    why: "Needs a specialist".into(),
                },
            );
        }
        if !h.wait(8 * 60) {
            break 'life;
        }
        let minutes = 5 + h.rng.below(120) as i64;
        h.event(Some(tech), note(NoteVisibility::Internal));
        notes.push(ImportNote {
            at: h.at,
            author_id: tech,
            body: format!("Time spent: {minutes} minutes"),
            visibility: NoteVisibility::Internal,
            minutes: Some(minutes),
        });
        h.event(Some(tech), note(NoteVisibility::Public));
        notes.push(ImportNote {
            at: h.at,
            author_id: tech,
            body: "Fixed; please check it works for you".into(),
            visibility: NoteVisibility::Public,
            minutes: None,
        });
        resolution = Some("Fixed and checked with the requester".to_string());
        h.status(tech, Status::Resolved, None, resolution.as_deref());
        if h.rng.chance(5) {
            if !h.wait(24 * 60) {
                break 'life;
            }
            reopened = true;
            h.event(
                Some(requester),
                TicketEvent::Reopened {
                    why: "Still broken".into(),
                },
            );
            h.status(requester, Status::InProgress, None, None);
            if !h.wait(4 * 60) {
                break 'life;
            }
            h.status(tech, Status::Resolved, None, resolution.as_deref());
        }
        if !h.wait(3 * 24 * 60) {
            break 'life;
        }
        h.status(requester, Status::Closed, None, None);
        if h.rng.chance(30) {
            let score = 1 + h.rng.below(5) as i64;
            let comment = h
                .rng
                .chance(40)
                .then(|| COMMENTS[h.rng.below(COMMENTS.len() as u64) as usize].to_string());
            rating = Some((score, comment, h.at));
        }
    }
    ImportTicket {
        title: format!("{category} problem number {i}"),
        description: format!("Ticket {i} of a generated help desk history"),
        category: category.into(),
        requester_id: requester,
        assignee_id: assignee,
        impact,
        urgency,
        priority,
        status: h.status,
        waiting_on: h.waiting_on,
        channel,
        created_at: created,
        updated_at: h.at,
        resolution,
        escalated,
        reopened,
        events: h.events,
        notes,
        rating,
    }
}
