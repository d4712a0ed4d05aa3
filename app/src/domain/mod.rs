//! Pure rules of the help desk: no I/O and no feature gates, so both the server and the browser
//! use the same answers (the UI asks `lifecycle` which actions to offer).

pub mod assignment;
pub mod attachment;
pub mod category;
pub mod coordination;
pub mod directory;
pub mod event;
pub mod inbound;
pub mod knowledge;
pub mod lifecycle;
pub mod notification;
pub mod priority;
pub mod recurring;
pub mod replies;
pub mod report;
pub mod sla;
pub mod ticket;
pub mod user;
pub mod visibility;
pub mod webhook;

pub use category::{category_words, Category, CategoryField};
pub use event::{EventKind, EventRow, FacilityStep, LinkRole, PriorityWhy, TicketEvent};
pub use lifecycle::{Action, ActionKind, Lifecycle, Status, TransitionError, WaitingOn};
pub use notification::{Digest, Notification, NotificationKind, Preferences};
pub use priority::{Impact, Priority, PriorityMatrix, Urgency};
pub use sla::{Calendar, Policy, Sla, SlaState};
pub use ticket::{
    Channel, Event, KnownNotice, Note, NoteBody, NoteVisibility, PersonRef, Reader,
    ResolutionNotes, Ticket, TicketNumber, TicketTitle,
};
pub use user::{same_site_path, Account, ApiToken, Availability, Email, Role, User};
pub use visibility::{Relation, Visibility};

/// Declares a closed enum with a stable text encoding used by the database, the REST API and
/// forms. Decoding an unknown value is an error, never a default.
macro_rules! closed_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::domain::UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(crate::domain::UnknownValue {
                        kind: stringify!($name),
                        value: other.to_string(),
                    }),
                }
            }
        }

        /// The API's description of it: one of its texts (written here, since a derive does not
        /// see a `rename` passed through this macro).
        #[cfg(feature = "ssr")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($text),+]))
                    .into()
            }
        }

        #[cfg(feature = "ssr")]
        impl utoipa::ToSchema for $name {}

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }
    };
}
pub(crate) use closed_enum;

/// A stored or submitted value that is not one of an enum's known encodings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} '{value}'")]
pub struct UnknownValue {
    pub kind: &'static str,
    pub value: String,
}
