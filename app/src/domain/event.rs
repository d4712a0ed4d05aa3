//! What kind of change a ticket event records, and what follows from the kind alone: whether
//! people outside IT see it, whether it answers the requester (the first-response clock and the
//! reports), and its letter in the reports' history codes. The encodings are the database's and
//! the REST API's and never change.

use super::closed_enum;
use super::coordination::WorkOrderStatus;
use super::{Impact, NoteVisibility, Priority, Status, TicketNumber, Urgency, WaitingOn};
use chrono::NaiveDate;

closed_enum! {
    /// The kind of one ticket event (`ticket_events.kind`).
    EventKind {
        /// Filed: `to` the first status, `detail` the channel (or who filed it for whom).
        Created => "created",
        /// `from`/`to` the assignee's name, `detail` the address and why.
        Assigned => "assigned",
        /// `from`/`to` the status, `detail` what a waiting ticket waits on.
        Status => "status",
        /// Priority set by hand or by triage: `from`/`to`, `detail` the reason.
        Priority => "priority",
        /// Priority raised by a service-level rule: `from`/`to`, `detail` the rule.
        RulePriority => "rule_priority",
        /// Handed up a tier: `to` who takes it, `detail` why.
        Escalated => "escalated",
        /// A note: `to` its visibility, `detail` its id.
        Note => "note",
        /// The requester said it is not fixed: `detail` why.
        Reopened => "reopened",
        /// The requester rated the help: `to` the score, `detail` the comment.
        Rated => "rated",
        /// A work order was requested, moved or finished: `to` its reference.
        Facility => "facility",
        /// Put into (`to`) or taken out of a project.
        Project => "project",
        /// Due date set (`to`) or removed.
        Due => "due",
        /// Linked to `to`, `detail` how.
        Linked => "linked",
        /// No longer linked to `to`.
        Unlinked => "unlinked",
        /// Merged into `to`, which it duplicated.
        Merged => "merged",
        /// The duplicate `from` was merged into this ticket.
        MergedFrom => "merged_from",
        /// A watcher was added: `to` their name.
        Watcher => "watcher",
        /// Impact and urgency set at triage: `to` "impact/urgency".
        Triage => "triage",
        /// Category changed.
        Category => "category",
        /// A service-level rule fired: `to` its key, `detail` what it did.
        Sla => "sla",
        /// A private tracking link was issued or revoked.
        TrackingLink => "tracking_link",
        /// A file was attached: `to` its name; internal when the file is.
        Attached => "attachment",
        /// A file was removed: `to` its name; internal when the file was.
        AttachmentRemoved => "attachment_removed",
        /// Announced to requesters as a known issue: `to` the notice (none: taken down).
        KnownIssue => "known_issue",
    }
}

impl EventKind {
    /// Kinds whose events are internal whatever their details: reasons for priorities and
    /// escalations are for IT.
    pub fn always_internal(self) -> bool {
        matches!(
            self,
            EventKind::Priority | EventKind::RulePriority | EventKind::Escalated | EventKind::Sla
        )
    }

    /// Whether an event of this kind, moving to `to` (a status or a note's visibility), by
    /// someone on the staff, is a response to the requester: a public note, or work started,
    /// waiting on someone, resolving or closing. The first such event stops the first-response
    /// clock; the reports measure time to respond the same way.
    pub fn responds(self, to: Option<&str>, internal: bool) -> bool {
        match self {
            EventKind::Note => !internal,
            EventKind::Status => to.and_then(|s| s.parse::<Status>().ok()).is_some_and(|s| {
                matches!(
                    s,
                    Status::InProgress | Status::Waiting | Status::Resolved | Status::Closed
                )
            }),
            _ => false,
        }
    }

    /// The same condition as `responds`, as SQL over an event row aliased `alias`.
    pub fn responds_sql(alias: &str) -> String {
        let to: Vec<String> = Status::ALL
            .iter()
            .filter(|s| EventKind::Status.responds(Some(s.as_str()), false))
            .map(|s| format!("'{s}'"))
            .collect();
        format!(
            "(({a}.kind = '{status}' AND {a}.to_value IN ({to})) OR ({a}.kind = '{note}' AND NOT {a}.internal))",
            a = alias,
            status = EventKind::Status,
            note = EventKind::Note,
            to = to.join(", "),
        )
    }

    /// The letter of this kind in the reports' history codes, for the kinds the reports read.
    pub fn report_code(self) -> Option<char> {
        Some(match self {
            EventKind::Status => 'S',
            EventKind::Assigned => 'A',
            EventKind::Escalated => 'E',
            EventKind::Reopened => 'R',
            EventKind::Note => 'N',
            EventKind::RulePriority => 'L',
            _ => return None,
        })
    }
}

closed_enum! {
    /// How a linked ticket stands to the one whose history names it.
    LinkRole { Parent => "parent", Child => "child", Related => "related" }
}

/// Why a priority changed.
#[derive(Clone, Debug, PartialEq)]
pub enum PriorityWhy {
    /// Set by hand, with the reason given.
    Manual(String),
    /// Computed from impact and urgency at triage.
    Triage { impact: Impact, urgency: Urgency },
    /// Raised when the ticket was escalated, with the escalation's reason.
    Escalation(String),
    /// Raised by a service-level rule, described.
    SlaRule(String),
}

/// How far a work order for facility work has come, as a ticket waiting on it records it.
#[derive(Clone, Debug, PartialEq)]
pub enum FacilityStep {
    /// Asked for: what is to be done, and where.
    Requested { what: String, location: String },
    /// The facility manager expects to finish on this day (none: no date yet).
    Expected(Option<NaiveDate>),
    /// Done or cancelled, with what the facility manager said.
    Finished {
        status: WorkOrderStatus,
        outcome: Option<String>,
    },
}

/// One change to a ticket, as the service records it: each variant carries what its history
/// line, its notifications and the reports need, typed. `encode` gives the one stable database
/// row for it (`ticket_events`), and `decode` reads a stored row back.
#[derive(Clone, Debug, PartialEq)]
pub enum TicketEvent {
    /// Filed in its first status, through a channel (or by someone for someone else: `via`).
    Created {
        status: Status,
        via: String,
    },
    /// Planned as a task of a project, due on a day.
    Planned {
        project: String,
        due_on: NaiveDate,
    },
    /// Given to `to` (name and address); `automatic_for` names the team when Switchboard chose.
    Assigned {
        from: Option<String>,
        to: String,
        address: String,
        automatic_for: Option<String>,
    },
    /// A status change; `waiting_on` what a waiting ticket waits on, `why` the resolution notes
    /// or what moved it (a reply, finished facility work, a merge).
    Status {
        from: Status,
        to: Status,
        waiting_on: Option<WaitingOn>,
        why: Option<String>,
    },
    Priority {
        from: Priority,
        to: Priority,
        why: PriorityWhy,
    },
    /// Handed up a tier to `to` (none: to the coordinators), and why.
    Escalated {
        to: Option<String>,
        why: String,
    },
    Note {
        id: i64,
        visibility: NoteVisibility,
    },
    /// The requester said it is not fixed.
    Reopened {
        why: String,
    },
    Rated {
        score: i64,
        comment: Option<String>,
    },
    /// A work order (`order`, its reference) this ticket waits on moved.
    Facility {
        order: String,
        step: FacilityStep,
    },
    /// Put into, moved between or taken out of projects.
    Project {
        from: Option<String>,
        to: Option<String>,
    },
    Due {
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    },
    Linked {
        to: TicketNumber,
        role: LinkRole,
    },
    Unlinked {
        from: TicketNumber,
    },
    /// Merged into the ticket it duplicated.
    Merged {
        into: TicketNumber,
        title: String,
    },
    /// The duplicate `from` was merged into this ticket.
    MergedFrom {
        from: TicketNumber,
        title: String,
    },
    Watcher {
        name: String,
    },
    /// Impact and urgency set at triage.
    Triage {
        from: (Impact, Urgency),
        to: (Impact, Urgency),
    },
    /// Category changed (slugs).
    Category {
        from: String,
        to: String,
    },
    /// A service-level rule fired: its key, and what it did.
    Sla {
        rule: String,
        what: String,
    },
    /// A private tracking link was issued.
    TrackingLink,
    /// A file was attached (for IT only when `internal`).
    Attached {
        name: String,
        internal: bool,
    },
    /// A file was removed; the history keeps that it existed.
    AttachmentRemoved {
        name: String,
        internal: bool,
    },
    /// Announced to requesters as a known issue with a public notice (none: taken down).
    KnownIssue {
        notice: Option<String>,
    },
}

/// The columns of one `ticket_events` row: the stable encoding of a `TicketEvent`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    pub kind: EventKind,
    pub from: Option<String>,
    pub to: Option<String>,
    pub detail: Option<String>,
    pub internal: bool,
}

/// How a service-level rule's reason reads in a priority or escalation event.
pub(super) const SLA_RULE: &str = "SLA rule: ";
/// How a ticket filed by someone for someone else records it: `filed by NAME (CHANNEL)`.
pub const FILED_BY: &str = "filed by ";
/// What moved a status, as the service records it (`TicketEvent::Status::why`).
pub const REQUESTER_REPLIED: &str = "requester replied";
pub const FACILITY_FINISHED: &str = "facility work finished";
pub const DUPLICATE_OF: &str = "duplicate of ";
pub const WITH_PARENT: &str = "with ";
const EXPECTED: &str = "expected ";
const NO_DATE_YET: &str = "no date yet";
const PLANNED_DUE: &str = "planned task, due ";
const AUTOMATIC: &str = " (assigned automatically for ";

/// The reason an escalation records when a service-level rule fired.
pub fn sla_rule_reason(rule: &str) -> String {
    format!("{SLA_RULE}{rule}")
}

impl TicketEvent {
    pub fn kind(&self) -> EventKind {
        self.encode().kind
    }

    /// Whether only IT sees this event: reasons for priorities and escalations, internal notes,
    /// triage, links, projects and tracking links.
    pub fn internal(&self) -> bool {
        self.encode().internal
    }

    /// The event's database row.
    pub fn encode(&self) -> EventRow {
        use TicketEvent as E;
        let row =
            |kind, from: Option<String>, to: Option<String>, detail: Option<String>| EventRow {
                kind,
                from,
                to,
                detail,
                internal: false,
            };
        let hidden = |mut r: EventRow| {
            r.internal = true;
            r
        };
        match self {
            E::Created { status, via } => row(
                EventKind::Created,
                None,
                Some(status.to_string()),
                Some(via.clone()),
            ),
            E::Planned { project, due_on } => row(
                EventKind::Created,
                None,
                Some(project.clone()),
                Some(format!("{PLANNED_DUE}{due_on}")),
            ),
            E::Assigned {
                from,
                to,
                address,
                automatic_for,
            } => row(
                EventKind::Assigned,
                from.clone(),
                Some(to.clone()),
                Some(match automatic_for {
                    Some(team) => format!("{address}{AUTOMATIC}{team})"),
                    None => address.clone(),
                }),
            ),
            E::Status {
                from,
                to,
                waiting_on,
                why,
            } => row(
                EventKind::Status,
                Some(from.to_string()),
                Some(to.to_string()),
                waiting_on.map(|w| w.to_string()).or_else(|| why.clone()),
            ),
            E::Priority { from, to, why } => {
                let (kind, detail) = match why {
                    PriorityWhy::Manual(r) | PriorityWhy::Escalation(r) => {
                        (EventKind::Priority, r.clone())
                    }
                    PriorityWhy::Triage { impact, urgency } => (
                        EventKind::Priority,
                        format!("impact {impact}, urgency {urgency}"),
                    ),
                    PriorityWhy::SlaRule(rule) => {
                        (EventKind::RulePriority, format!("{SLA_RULE}{rule}"))
                    }
                };
                hidden(row(
                    kind,
                    Some(from.to_string()),
                    Some(to.to_string()),
                    Some(detail),
                ))
            }
            E::Escalated { to, why } => hidden(row(
                EventKind::Escalated,
                None,
                to.clone(),
                Some(why.clone()),
            )),
            E::Note { id, visibility } => {
                let r = row(
                    EventKind::Note,
                    None,
                    Some(visibility.to_string()),
                    Some(id.to_string()),
                );
                match visibility {
                    NoteVisibility::Internal => hidden(r),
                    NoteVisibility::Public => r,
                }
            }
            E::Reopened { why } => row(EventKind::Reopened, None, None, Some(why.clone())),
            E::Rated { score, comment } => row(
                EventKind::Rated,
                None,
                Some(score.to_string()),
                comment.clone().filter(|c| !c.is_empty()),
            ),
            E::Facility { order, step } => row(
                EventKind::Facility,
                None,
                Some(order.clone()),
                Some(match step {
                    FacilityStep::Requested { what, location } => format!("{what} ({location})"),
                    FacilityStep::Expected(day) => match day {
                        Some(d) => format!("{EXPECTED}{d}"),
                        None => format!("{EXPECTED}{NO_DATE_YET}"),
                    },
                    FacilityStep::Finished { status, outcome } => match outcome {
                        Some(o) => format!("{status}: {o}"),
                        None => status.to_string(),
                    },
                }),
            ),
            E::Project { from, to } => {
                hidden(row(EventKind::Project, from.clone(), to.clone(), None))
            }
            E::Due { from, to } => row(
                EventKind::Due,
                from.map(|d| d.to_string()),
                to.map(|d| d.to_string()),
                None,
            ),
            E::Linked { to, role } => hidden(row(
                EventKind::Linked,
                None,
                Some(to.to_string()),
                Some(role.to_string()),
            )),
            E::Unlinked { from } => {
                hidden(row(EventKind::Unlinked, None, Some(from.to_string()), None))
            }
            E::Merged { into, title } => row(
                EventKind::Merged,
                None,
                Some(into.to_string()),
                Some(title.clone()),
            ),
            E::MergedFrom { from, title } => row(
                EventKind::MergedFrom,
                Some(from.to_string()),
                None,
                Some(title.clone()),
            ),
            E::Watcher { name } => row(EventKind::Watcher, None, Some(name.clone()), None),
            E::Triage { from, to } => hidden(row(
                EventKind::Triage,
                Some(format!("{}/{}", from.0, from.1)),
                Some(format!("{}/{}", to.0, to.1)),
                None,
            )),
            E::Category { from, to } => row(
                EventKind::Category,
                Some(from.clone()),
                Some(to.clone()),
                None,
            ),
            E::Sla { rule, what } => hidden(row(
                EventKind::Sla,
                None,
                Some(rule.clone()),
                Some(what.clone()),
            )),
            E::TrackingLink => hidden(row(
                EventKind::TrackingLink,
                None,
                Some("created".into()),
                None,
            )),
            E::Attached { name, internal } | E::AttachmentRemoved { name, internal } => {
                let kind = match self {
                    E::Attached { .. } => EventKind::Attached,
                    _ => EventKind::AttachmentRemoved,
                };
                let r = row(kind, None, Some(name.clone()), None);
                if *internal {
                    hidden(r)
                } else {
                    r
                }
            }
            E::KnownIssue { notice } => row(EventKind::KnownIssue, None, notice.clone(), None),
        }
    }

    /// Reads a stored row back; `None` for a row no version of Switchboard writes.
    pub fn decode(row: &EventRow) -> Option<TicketEvent> {
        use TicketEvent as E;
        let from = row.from.clone();
        let to = row.to.clone();
        let detail = row.detail.clone();
        let number = |v: &Option<String>| v.as_deref().and_then(TicketNumber::parse);
        let day = |v: &Option<String>| v.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        let pair = |v: &Option<String>| {
            let (i, u) = v.as_deref()?.split_once('/')?;
            Some((i.parse().ok()?, u.parse().ok()?))
        };
        Some(match row.kind {
            EventKind::Created => match to.as_deref().map(str::parse::<Status>) {
                Some(Ok(status)) => E::Created {
                    status,
                    via: detail.unwrap_or_default(),
                },
                _ => E::Planned {
                    project: to?,
                    due_on: detail?.strip_prefix(PLANNED_DUE)?.parse().ok()?,
                },
            },
            EventKind::Assigned => {
                let detail = detail.unwrap_or_default();
                let (address, automatic_for) = match detail.split_once(AUTOMATIC) {
                    Some((a, team)) => {
                        (a.to_string(), Some(team.trim_end_matches(')').to_string()))
                    }
                    None => (detail, None),
                };
                E::Assigned {
                    from,
                    to: to?,
                    address,
                    automatic_for,
                }
            }
            EventKind::Status => {
                let waiting_on = detail.as_deref().and_then(|d| d.parse().ok());
                E::Status {
                    from: from?.parse().ok()?,
                    to: to?.parse().ok()?,
                    why: detail.filter(|_| waiting_on.is_none()),
                    waiting_on,
                }
            }
            EventKind::Priority | EventKind::RulePriority => {
                let reason = detail.unwrap_or_default();
                let why = if let Some(rule) = reason.strip_prefix(SLA_RULE) {
                    PriorityWhy::SlaRule(rule.to_string())
                } else if let Some((i, u)) = reason
                    .strip_prefix("impact ")
                    .and_then(|r| r.split_once(", urgency "))
                    .and_then(|(i, u)| Some((i.parse().ok()?, u.parse().ok()?)))
                {
                    PriorityWhy::Triage {
                        impact: i,
                        urgency: u,
                    }
                } else {
                    PriorityWhy::Manual(reason)
                };
                E::Priority {
                    from: from?.parse().ok()?,
                    to: to?.parse().ok()?,
                    why,
                }
            }
            EventKind::Escalated => E::Escalated {
                to,
                why: detail.unwrap_or_default(),
            },
            EventKind::Note => E::Note {
                id: detail?.parse().ok()?,
                visibility: to?.parse().ok()?,
            },
            EventKind::Reopened => E::Reopened {
                why: detail.unwrap_or_default(),
            },
            EventKind::Rated => E::Rated {
                score: to?.parse().ok()?,
                comment: detail,
            },
            EventKind::Facility => {
                let d = detail.unwrap_or_default();
                let step = if let Some(when) = d.strip_prefix(EXPECTED) {
                    FacilityStep::Expected(when.parse().ok())
                } else if let Some(status) = WorkOrderStatus::ALL
                    .iter()
                    .copied()
                    .filter(|s| *s != WorkOrderStatus::Open)
                    .find(|s| d == s.as_str() || d.starts_with(&format!("{s}: ")))
                {
                    FacilityStep::Finished {
                        status,
                        outcome: d.split_once(": ").map(|(_, o)| o.to_string()),
                    }
                } else {
                    let (what, location) = d
                        .rsplit_once(" (")
                        .map(|(w, l)| (w.to_string(), l.trim_end_matches(')').to_string()))
                        .unwrap_or((d, String::new()));
                    FacilityStep::Requested { what, location }
                };
                E::Facility {
                    order: to.unwrap_or_default(),
                    step,
                }
            }
            EventKind::Project => E::Project { from, to },
            EventKind::Due => E::Due {
                from: day(&from),
                to: day(&to),
            },
            EventKind::Linked => E::Linked {
                to: number(&to)?,
                role: detail
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(LinkRole::Related),
            },
            EventKind::Unlinked => E::Unlinked { from: number(&to)? },
            EventKind::Merged => E::Merged {
                into: number(&to)?,
                title: detail.unwrap_or_default(),
            },
            EventKind::MergedFrom => E::MergedFrom {
                from: number(&from)?,
                title: detail.unwrap_or_default(),
            },
            EventKind::Watcher => E::Watcher { name: to? },
            EventKind::Triage => E::Triage {
                from: pair(&from)?,
                to: pair(&to)?,
            },
            EventKind::Category => E::Category {
                from: from.unwrap_or_default(),
                to: to?,
            },
            EventKind::Sla => E::Sla {
                rule: to?,
                what: detail.unwrap_or_default(),
            },
            EventKind::TrackingLink => E::TrackingLink,
            EventKind::Attached => E::Attached {
                name: to?,
                internal: row.internal,
            },
            EventKind::AttachmentRemoved => E::AttachmentRemoved {
                name: to?,
                internal: row.internal,
            },
            EventKind::KnownIssue => E::KnownIssue { notice: to },
        })
    }

    /// Whether this event, by someone on the staff, answers the requester (see
    /// `EventKind::responds`).
    pub fn responds(&self) -> bool {
        let row = self.encode();
        row.kind.responds(row.to.as_deref(), row.internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event as the pages receive it, from the row a change writes.
    fn as_read(change: &TicketEvent) -> crate::domain::Event {
        let row = change.encode();
        crate::domain::Event {
            id: 1,
            number: TicketNumber(1001),
            actor: None,
            at: chrono::Utc::now(),
            kind: row.kind,
            from: row.from,
            to: row.to,
            detail: row.detail,
            internal: row.internal,
        }
    }

    #[test]
    fn the_staff_history_reads_every_change_in_each_language() {
        use crate::i18n::{Lang, Locale};
        use TicketEvent as E;
        for change in every_kind_of_change() {
            for lang in Lang::ALL {
                let words = as_read(&change)
                    .staff_words()
                    .render(&Locale::new(lang, chrono_tz::UTC));
                assert!(
                    !words.trim().is_empty() && !words.contains('{') && !words.contains("history-"),
                    "{change:?} in {lang}: {words}"
                );
            }
        }
        // What Switchboard wrote reads in the reader's language; what a person wrote stays.
        let german = Locale::new(Lang::De, chrono_tz::UTC);
        let words = |e: E| as_read(&e).staff_words().render(&german);
        assert_eq!(
            words(E::Priority {
                from: Priority::P2,
                to: Priority::P1,
                why: PriorityWhy::SlaRule("80% resolution: raise priority".into()),
            }),
            "Priorität jetzt P1 — Service-Level-Regel: 80 % des Lösungs-Ziels sind verbraucht; raise priority"
        );
        assert_eq!(
            words(E::Created {
                status: Status::New,
                via: format!("{FILED_BY}Carla Coord (phone)"),
            }),
            "Anfrage eingegangen — erfasst von Carla Coord (Telefon)"
        );
        assert_eq!(
            words(E::Status {
                from: Status::Waiting,
                to: Status::InProgress,
                waiting_on: None,
                why: Some(REQUESTER_REPLIED.into()),
            }),
            "In Bearbeitung — die anfragende Person hat geantwortet"
        );
        assert_eq!(
            words(E::Escalated {
                to: None,
                why: "needs the switch vendor".into(),
            }),
            "An die Koordination eskaliert — needs the switch vendor"
        );
        assert_eq!(
            words(E::Triage {
                from: (Impact::Low, Urgency::Low),
                to: (Impact::High, Urgency::High),
            }),
            format!(
                "Auswirkung: {}; Dringlichkeit: {}",
                german.t("impact-high"),
                german.t("urgency-high")
            )
        );
    }

    fn every_kind_of_change() -> Vec<TicketEvent> {
        use TicketEvent as E;
        let day = NaiveDate::from_ymd_opt(2026, 3, 29).unwrap();
        vec![
            E::Created {
                status: Status::New,
                via: "email".into(),
            },
            E::Planned {
                project: "Move (floor 2)".into(),
                due_on: day,
            },
            E::Assigned {
                from: None,
                to: "Tom Baker".into(),
                address: "tom@example.com".into(),
                automatic_for: Some("network".into()),
            },
            E::Assigned {
                from: Some("Ann Lee".into()),
                to: "Tom Baker".into(),
                address: "tom@example.com".into(),
                automatic_for: None,
            },
            E::Status {
                from: Status::InProgress,
                to: Status::Waiting,
                waiting_on: Some(WaitingOn::ThirdParty),
                why: None,
            },
            E::Status {
                from: Status::InProgress,
                to: Status::Resolved,
                waiting_on: None,
                why: Some("Replaced the cable: works".into()),
            },
            E::Priority {
                from: Priority::P3,
                to: Priority::P2,
                why: PriorityWhy::Manual("CEO's laptop".into()),
            },
            E::Priority {
                from: Priority::P3,
                to: Priority::P1,
                why: PriorityWhy::Triage {
                    impact: Impact::High,
                    urgency: Urgency::High,
                },
            },
            E::Priority {
                from: Priority::P2,
                to: Priority::P1,
                why: PriorityWhy::SlaRule("80% of the resolution target was used".into()),
            },
            E::Escalated {
                to: Some("Eve Network".into()),
                why: "needs a switch reset: level 2".into(),
            },
            E::Escalated {
                to: None,
                why: "SLA rule: resolution".into(),
            },
            E::Note {
                id: 42,
                visibility: NoteVisibility::Public,
            },
            E::Note {
                id: 43,
                visibility: NoteVisibility::Internal,
            },
            E::Reopened {
                why: "still no sound (in room 2)".into(),
            },
            E::Rated {
                score: 5,
                comment: Some("quick: thanks".into()),
            },
            E::Rated {
                score: 2,
                comment: None,
            },
            E::Facility {
                order: "WO-7".into(),
                step: FacilityStep::Requested {
                    what: "New socket (double)".into(),
                    location: "Room 2.14".into(),
                },
            },
            E::Facility {
                order: "WO-7".into(),
                step: FacilityStep::Expected(Some(day)),
            },
            E::Facility {
                order: "WO-7".into(),
                step: FacilityStep::Expected(None),
            },
            E::Facility {
                order: "WO-7".into(),
                step: FacilityStep::Finished {
                    status: WorkOrderStatus::Done,
                    outcome: Some("patched: port 12".into()),
                },
            },
            E::Facility {
                order: "WO-7".into(),
                step: FacilityStep::Finished {
                    status: WorkOrderStatus::Cancelled,
                    outcome: None,
                },
            },
            E::Project {
                from: None,
                to: Some("Office move".into()),
            },
            E::Due {
                from: Some(day),
                to: None,
            },
            E::Linked {
                to: TicketNumber(1042),
                role: LinkRole::Parent,
            },
            E::Unlinked {
                from: TicketNumber(1042),
            },
            E::Merged {
                into: TicketNumber(1042),
                title: "Printer (2nd floor) jams".into(),
            },
            E::MergedFrom {
                from: TicketNumber(1043),
                title: "Printer jams".into(),
            },
            E::Watcher {
                name: "Ann Lee".into(),
            },
            E::Triage {
                from: (Impact::Low, Urgency::Low),
                to: (Impact::High, Urgency::Medium),
            },
            E::Category {
                from: "network".into(),
                to: "hardware".into(),
            },
            E::Sla {
                rule: "resolution-80".into(),
                what: "80% used; notify".into(),
            },
            E::TrackingLink,
            E::Attached {
                name: "error dialog.png".into(),
                internal: false,
            },
            E::AttachmentRemoved {
                name: "router.log".into(),
                internal: true,
            },
            E::KnownIssue {
                notice: Some("Mail is down in building B".into()),
            },
            E::KnownIssue { notice: None },
        ]
    }

    #[test]
    fn every_change_reads_back_from_its_row() {
        let all = every_kind_of_change();
        for e in &all {
            let row = e.encode();
            assert_eq!(TicketEvent::decode(&row).as_ref(), Some(e), "{row:?}");
        }
        for k in EventKind::ALL {
            assert!(all.iter().any(|e| e.kind() == *k), "no example of {k}");
        }
    }

    #[test]
    fn a_raise_at_escalation_is_stored_as_its_reason() {
        let e = TicketEvent::Priority {
            from: Priority::P3,
            to: Priority::P2,
            why: PriorityWhy::Escalation("level 2".into()),
        };
        let row = e.encode();
        assert_eq!(
            (row.kind, row.detail.as_deref(), row.internal),
            (EventKind::Priority, Some("level 2"), true)
        );
    }

    #[test]
    fn only_what_the_requester_may_read_is_public() {
        let public: Vec<EventKind> = every_kind_of_change()
            .iter()
            .filter(|e| !e.internal())
            .map(|e| e.kind())
            .collect();
        for k in [
            EventKind::Priority,
            EventKind::RulePriority,
            EventKind::Escalated,
            EventKind::Sla,
            EventKind::Triage,
            EventKind::Linked,
            EventKind::TrackingLink,
        ] {
            assert!(!public.contains(&k), "{k} must be internal");
        }
        assert!(TicketEvent::Note {
            id: 1,
            visibility: NoteVisibility::Public
        }
        .responds());
        assert!(!TicketEvent::Note {
            id: 1,
            visibility: NoteVisibility::Internal
        }
        .responds());
    }

    #[test]
    fn every_kind_reads_back_from_its_encoding() {
        for k in EventKind::ALL {
            assert_eq!(k.as_str().parse::<EventKind>().unwrap(), *k);
        }
        assert!("SLA rule".parse::<EventKind>().is_err());
    }

    #[test]
    fn responses_are_public_notes_and_work_on_the_ticket() {
        assert!(EventKind::Note.responds(Some("public"), false));
        assert!(!EventKind::Note.responds(Some("internal"), true));
        for s in ["in_progress", "waiting", "resolved", "closed"] {
            assert!(EventKind::Status.responds(Some(s), false), "{s}");
        }
        for s in ["new", "assigned", "cancelled"] {
            assert!(!EventKind::Status.responds(Some(s), false), "{s}");
        }
        assert!(!EventKind::Assigned.responds(None, false));
        let sql = EventKind::responds_sql("e");
        assert!(
            sql.contains("'in_progress', 'waiting', 'resolved', 'closed'"),
            "{sql}"
        );
        assert!(sql.contains("e.kind = 'note' AND NOT e.internal"), "{sql}");
    }

    #[test]
    fn report_codes_are_distinct() {
        let codes: Vec<char> = EventKind::ALL
            .iter()
            .filter_map(|k| k.report_code())
            .collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(codes.len(), unique.len());
    }
}
