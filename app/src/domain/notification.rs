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
    pub fn label(self, locale: &crate::i18n::Locale) -> String {
        locale.t(self.label_key())
    }

    /// The catalogue key of its name.
    pub fn label_key(self) -> &'static str {
        use NotificationKind::*;
        match self {
            Received => "notification-kind-received",
            Assigned => "notification-kind-assigned",
            WaitingOnYou => "notification-kind-waiting-on-you",
            PublicNote => "notification-kind-public-note",
            Resolved => "notification-kind-resolved",
            Closed => "notification-kind-closed",
            AssignedToYou => "notification-kind-assigned-to-you",
            RequesterReplied => "notification-kind-requester-replied",
            Reopened => "notification-kind-reopened",
            SlaWarning => "notification-kind-sla-warning",
            SlaBreach => "notification-kind-sla-breach",
            Escalation => "notification-kind-escalation",
            NewRequest => "notification-kind-new-request",
            EscalationRequested => "notification-kind-escalation-requested",
            WatchedUpdate => "notification-kind-watched-update",
            FacilityWork => "notification-kind-facility-work",
            FacilityDone => "notification-kind-facility-done",
            Merged => "notification-kind-merged",
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
