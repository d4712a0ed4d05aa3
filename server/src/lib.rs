//! The Switchboard server: configuration, start-up, the REST API and routes beyond Leptos.

pub mod config;
pub mod rest;
pub mod startup;

pub use config::Config;
pub use startup::{build, Application};
