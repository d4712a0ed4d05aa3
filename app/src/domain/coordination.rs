//! Coordination beyond single tickets: projects and their progress, facility work orders that
//! tickets wait on, and links between tickets (parent/child, related, merged duplicates).

use super::{closed_enum, PersonRef, Status, TicketNumber};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A calendar date as typed in a form or sent by the API (`YYYY-MM-DD`). The error is the
/// catalogue key `required` (nothing typed) or `invalid` (not such a date).
pub fn parse_date(s: &str, required: &str, invalid: &str) -> Result<NaiveDate, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err(required.to_string());
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| invalid.to_string())
}

/// The project a ticket belongs to, as its card and page show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectTag {
    pub id: i64,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub manager: PersonRef,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    /// People following the project besides its manager.
    pub watchers: Vec<PersonRef>,
}

/// A project as a form or the API submits it, checked field by field.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ProjectDraft {
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// The project manager's email.
    pub manager: String,
    pub starts_on: String,
    pub ends_on: String,
}

/// A draft that passed every check (the manager is still an email to look up).
#[derive(Clone, Debug, PartialEq)]
pub struct ValidProject {
    pub name: String,
    pub description: String,
    pub manager: super::Email,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl ProjectDraft {
    /// The checked project, or every bad field with the catalogue key of what is wrong.
    pub fn parse(&self) -> Result<ValidProject, Vec<(String, String)>> {
        let mut errors = Vec::new();
        let mut check = |field: &str, r: Result<(), String>| {
            if let Err(m) = r {
                errors.push((field.to_string(), m));
            }
        };
        let name = self.name.trim().to_string();
        check(
            "name",
            match name.chars().count() {
                0..=2 => Err("err-project-name-too-short".into()),
                121.. => Err("err-project-name-too-long".into()),
                _ => Ok(()),
            },
        );
        let description = self.description.trim().to_string();
        check(
            "description",
            if description.chars().count() > 5000 {
                Err("err-project-description-too-long".into())
            } else {
                Ok(())
            },
        );
        let manager = super::Email::parse(&self.manager);
        check(
            "manager",
            manager.as_ref().map(|_| ()).map_err(Clone::clone),
        );
        let starts_on = parse_date(
            &self.starts_on,
            "err-start-date-required",
            "err-start-date-invalid",
        );
        check(
            "starts_on",
            starts_on.as_ref().map(|_| ()).map_err(Clone::clone),
        );
        let ends_on = parse_date(
            &self.ends_on,
            "err-end-date-required",
            "err-end-date-invalid",
        );
        check(
            "ends_on",
            ends_on.as_ref().map(|_| ()).map_err(Clone::clone),
        );
        if let (Ok(s), Ok(e)) = (&starts_on, &ends_on) {
            check(
                "ends_on",
                if e < s {
                    Err("err-end-before-start".into())
                } else {
                    Ok(())
                },
            );
        }
        match (manager, starts_on, ends_on) {
            (Ok(manager), Ok(starts_on), Ok(ends_on)) if errors.is_empty() => Ok(ValidProject {
                name,
                description,
                manager,
                starts_on,
                ends_on,
            }),
            _ => Err(errors),
        }
    }
}

/// How far a project has come: its tickets and tasks by state. Cancelled ones do not count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Progress {
    pub total: u32,
    pub done: u32,
    pub open: u32,
    /// Open with a due date before today.
    pub overdue: u32,
}

impl Progress {
    pub fn of(
        items: impl IntoIterator<Item = (Status, Option<NaiveDate>)>,
        today: NaiveDate,
    ) -> Self {
        let mut p = Progress::default();
        for (status, due) in items {
            match status {
                Status::Cancelled => continue,
                Status::Resolved | Status::Closed => p.done += 1,
                _ => {
                    p.open += 1;
                    if due.is_some_and(|d| d < today) {
                        p.overdue += 1;
                    }
                }
            }
            p.total += 1;
        }
        p
    }

    /// Done as a whole percentage of everything that counts (0 for an empty project).
    pub fn percent(&self) -> u32 {
        (self.done * 100).checked_div(self.total).unwrap_or(0)
    }
}

closed_enum!(
    WorkOrderStatus { Open => "open", Done => "done", Cancelled => "cancelled" }
);

impl WorkOrderStatus {
    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            WorkOrderStatus::Open => "work-order-status-open",
            WorkOrderStatus::Done => "work-order-status-done",
            WorkOrderStatus::Cancelled => "work-order-status-cancelled",
        }
    }
}

/// A ticket as another ticket, a work order or a project lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkedTicket {
    pub number: TicketNumber,
    pub title: String,
    pub status: Status,
}

/// Building work IT needs from a facility manager (cabling, power, access), which tickets wait on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkOrder {
    pub id: i64,
    pub what: String,
    pub location: String,
    pub manager: PersonRef,
    pub expected_on: Option<NaiveDate>,
    pub status: WorkOrderStatus,
    /// What the facility manager reported when finishing it.
    pub outcome: Option<String>,
    pub requested_by: Option<PersonRef>,
    pub created_at: DateTime<Utc>,
    pub completed_at: Option<DateTime<Utc>>,
    /// The tickets waiting on it (staff only; the facility manager sees how many).
    pub tickets: Vec<LinkedTicket>,
    pub ticket_count: usize,
}

impl WorkOrder {
    pub fn reference(&self) -> String {
        format!("WO-{}", self.id)
    }
}

/// A work order as a form or the API submits it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WorkOrderDraft {
    pub what: String,
    pub location: String,
    /// The facility manager's email.
    pub manager: String,
    #[serde(default)]
    pub expected_on: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ValidWorkOrder {
    pub what: String,
    pub location: String,
    pub manager: super::Email,
    pub expected_on: Option<NaiveDate>,
}

impl WorkOrderDraft {
    /// The checked work order, or every bad field with the catalogue key of what is wrong.
    pub fn parse(&self) -> Result<ValidWorkOrder, Vec<(String, String)>> {
        let mut errors = Vec::new();
        // `short` and `long` are the catalogue keys of what is wrong.
        let mut text = |field: &str, short: &str, long: &str, value: &str, max: usize| {
            let v = value.trim().to_string();
            let n = v.chars().count();
            if n < 3 {
                errors.push((field.into(), short.to_string()));
            } else if n > max {
                errors.push((field.into(), long.to_string()));
            }
            v
        };
        let what = text(
            "what",
            "err-work-what-too-short",
            "err-work-what-too-long",
            &self.what,
            2000,
        );
        let location = text(
            "location",
            "err-work-where-too-short",
            "err-work-where-too-long",
            &self.location,
            200,
        );
        let manager = super::Email::parse(&self.manager)
            .map_err(|m| errors.push(("manager".into(), m)))
            .ok();
        let expected_on = match self.expected_on.trim() {
            "" => None,
            s => parse_date(s, "err-expected-date-required", "err-expected-date-invalid")
                .map_err(|m| errors.push(("expected_on".into(), m)))
                .ok(),
        };
        match manager {
            Some(manager) if errors.is_empty() => Ok(ValidWorkOrder {
                what,
                location,
                manager,
                expected_on,
            }),
            _ => Err(errors),
        }
    }
}

closed_enum!(
    /// How a ticket is linked to another, as the ticket page offers it.
    LinkChoice {
        /// The other ticket is this one's parent (the wider problem).
        Parent => "parent",
        /// The other ticket is one of this one's children.
        Child => "child",
        Related => "related",
        /// This ticket duplicates the other: it is merged into it.
        Duplicate => "duplicate",
    }
);

impl LinkChoice {
    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            LinkChoice::Parent => "link-choice-parent",
            LinkChoice::Child => "link-choice-child",
            LinkChoice::Related => "link-choice-related",
            LinkChoice::Duplicate => "link-choice-duplicate",
        }
    }
}

/// A ticket's links to others, as its page shows them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TicketLinks {
    pub parent: Option<LinkedTicket>,
    pub children: Vec<LinkedTicket>,
    pub related: Vec<LinkedTicket>,
    /// Duplicates merged into this ticket.
    pub merged: Vec<LinkedTicket>,
}

impl TicketLinks {
    pub fn is_empty(&self) -> bool {
        self.parent.is_none()
            && self.children.is_empty()
            && self.related.is_empty()
            && self.merged.is_empty()
    }

    /// Children still open: resolving the parent offers to resolve them too.
    pub fn open_children(&self) -> usize {
        self.children.iter().filter(|c| c.status.is_open()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn progress_counts_done_open_and_overdue_but_not_cancelled() {
        let today = day("2026-11-30");
        let p = Progress::of(
            [
                (Status::Closed, Some(day("2026-11-01"))),
                (Status::Resolved, None),
                (Status::InProgress, Some(day("2026-11-29"))),
                (Status::Waiting, Some(day("2026-11-30"))),
                (Status::New, None),
                (Status::Cancelled, Some(day("2026-01-01"))),
            ],
            today,
        );
        assert_eq!(
            p,
            Progress {
                total: 5,
                done: 2,
                open: 3,
                overdue: 1
            }
        );
        assert_eq!(p.percent(), 40);
        assert_eq!(Progress::default().percent(), 0);
    }

    #[test]
    fn project_drafts_report_every_bad_field() {
        let bad = ProjectDraft {
            name: "x".into(),
            description: String::new(),
            manager: "nobody".into(),
            starts_on: "2026-12-10".into(),
            ends_on: "2026-12-01".into(),
        };
        let errors = bad.parse().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["name", "manager", "ends_on"]);
        let good = ProjectDraft {
            name: " Move finance to building B ".into(),
            manager: "Paul@Example.org".into(),
            starts_on: "2026-12-01".into(),
            ends_on: "2026-12-01".into(),
            ..bad
        };
        let p = good.parse().unwrap();
        assert_eq!(p.name, "Move finance to building B");
        assert_eq!(p.manager.as_str(), "paul@example.org");
        assert_eq!(
            ProjectDraft::default().parse().unwrap_err().len(),
            4,
            "name, manager and both dates are required"
        );
    }

    #[test]
    fn work_order_drafts_need_what_where_and_who() {
        let errors = WorkOrderDraft {
            expected_on: "next week".into(),
            ..WorkOrderDraft::default()
        }
        .parse()
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["what", "location", "manager", "expected_on"]);
        let ok = WorkOrderDraft {
            what: "Pull a network cable to desk 12".into(),
            location: "Building B, room 2.14".into(),
            manager: "felix@example.org".into(),
            expected_on: String::new(),
        }
        .parse()
        .unwrap();
        assert_eq!(ok.expected_on, None);
    }

    #[test]
    fn dates_must_be_calendar_dates() {
        let due = |s: &str| parse_date(s, "err-due-date-required", "err-due-date-invalid");
        let en = crate::i18n::Locale::default();
        assert_eq!(due("2026-02-28"), Ok(day("2026-02-28")));
        assert_eq!(
            en.t(&due("2026-02-30").unwrap_err()),
            "Due date must be a date like 2026-12-31"
        );
        assert_eq!(en.t(&due(" ").unwrap_err()), "Due date is required");
    }
}
