//! What a person was told about a ticket, in the app (and by email when configured).

use super::{closed_enum, TicketNumber};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    pub id: i64,
    pub ticket: Option<TicketNumber>,
    /// A stable kind such as `assigned`, `sla_warning`, `public_note`.
    pub kind: String,
    pub subject: String,
    pub body: String,
    pub at: DateTime<Utc>,
    pub read: bool,
}

closed_enum! {
    /// Why someone is told something; people mute the kinds they do not want.
    NotificationKind {
        Received => "received",
        Assigned => "assigned",
        WaitingOnYou => "waiting_on_you",
        PublicNote => "public_note",
        Resolved => "resolved",
        Closed => "closed",
        AssignedToYou => "assigned_to_you",
        RequesterReplied => "requester_replied",
        Reopened => "reopened",
        SlaWarning => "sla_warning",
        SlaBreach => "sla_breach",
        Escalation => "escalation",
        NewRequest => "new_request",
        EscalationRequested => "escalation_requested",
        WatchedUpdate => "watched_update",
        FacilityWork => "facility_work",
        FacilityDone => "facility_done",
        Merged => "merged",
    }
}

impl NotificationKind {
    /// How the preferences page names it.
    pub fn label(self) -> &'static str {
        use NotificationKind::*;
        match self {
            Received => "My request was received",
            Assigned => "My request was assigned",
            WaitingOnYou => "IT is waiting on me",
            PublicNote => "A message on my request",
            Resolved => "My request was resolved",
            Closed => "My request was closed",
            AssignedToYou => "A ticket was assigned to me",
            RequesterReplied => "A requester replied",
            Reopened => "A ticket was reopened",
            SlaWarning => "A service-level target is near",
            SlaBreach => "A service-level target was missed",
            Escalation => "A ticket was escalated to me",
            NewRequest => "A new request came in",
            EscalationRequested => "A technician asked for escalation",
            WatchedUpdate => "A ticket I watch changed",
            FacilityWork => "Facility work was asked of me",
            FacilityDone => "Facility work on my ticket moved on",
            Merged => "My request was merged into another",
        }
    }

    /// Whether the kind concerns staff only (the preferences page shows requesters theirs).
    pub fn for_staff(self) -> bool {
        use NotificationKind::*;
        !matches!(
            self,
            Received
                | Assigned
                | WaitingOnYou
                | PublicNote
                | Resolved
                | Closed
                | WatchedUpdate
                | FacilityWork
                | Merged
        )
    }
}

closed_enum! {
    /// How often a person's email comes.
    Digest {
        Off => "off",
        Hourly => "hourly",
        Daily => "daily",
    }
}

/// What a person wants to be told and how.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preferences {
    pub muted: Vec<NotificationKind>,
    pub email: bool,
    pub digest: Digest,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            muted: Vec::new(),
            email: true,
            digest: Digest::Off,
        }
    }
}
