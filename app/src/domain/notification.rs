//! What a person was told about a ticket, in the app (and by email when configured).

use super::TicketNumber;
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
