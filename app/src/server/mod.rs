//! Server-only parts: persistence, authentication, the ticket service and demo data.

pub mod accounts;
pub mod auth;
pub mod coordination;
pub mod db;
pub mod demo;
pub mod directory;
pub mod history;
pub mod inbound;
pub mod knowledge;
pub mod locale;
pub mod mail;
pub mod notify;
pub mod people;
pub mod portal;
pub mod replies;
pub mod reports;
pub mod service;
pub mod sla;
pub mod state;
pub mod ticket_json;
pub mod timings;
pub mod tls;
pub mod webhooks;
pub mod write;

pub use state::AppState;
