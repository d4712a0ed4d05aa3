//! Switchboard: the IT help desk shared between the server and the browser.
#![recursion_limit = "512"]

pub mod api;
pub mod domain;
pub mod error;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod server;
pub mod types;
pub mod ui;

pub use ui::{shell, App};
