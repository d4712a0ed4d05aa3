//! The roster (coordinators and admins), accounts (admins) and the caller's own password.

use super::widgets::{action_error, ErrorBox, FieldMessage};
use super::{may_open, Gate};
use crate::api::account::{my_tokens, CreateApiToken, RevokeApiToken};
use crate::api::people::{
    accounts, get_roster, AddAccount, ChangePassword, RouteCategory, SaveCategory, SaveTeam,
    SetActive, SetRole, UpdateTechnician,
};
use crate::api::tickets::categories;
use crate::domain::Role;
use crate::types::{RosterEntry, RosterUpdate};
use leptos::prelude::*;
use leptos_meta::Title;

mod account;
mod directory;
mod people;
mod roster;
mod webhooks;

pub use account::AccountPage;
pub use people::PeoplePage;
pub use roster::RosterPage;
pub use webhooks::WebhooksPage;
