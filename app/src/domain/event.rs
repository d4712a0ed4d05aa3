//! What kind of change a ticket event records, and what follows from the kind alone: whether
//! people outside IT see it, whether it answers the requester (the first-response clock and the
//! reports), and its letter in the reports' history codes. The encodings are the database's and
//! the REST API's and never change.

use super::closed_enum;
use super::Status;

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

#[cfg(test)]
mod tests {
    use super::*;

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
