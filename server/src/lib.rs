//! The Switchboard server: configuration, start-up, the REST API and routes beyond Leptos.

pub mod assets;
pub mod config;
pub mod rest;
pub mod sign_in;
pub mod startup;

pub use config::Config;
pub use startup::{build, Application};

/// mimalloc instead of the system allocator: with one SQLite worker thread per connection and
/// tokio's workers, glibc's per-thread arenas kept freed memory and the server's footprint grew
/// (118 MB against 100 MB in the board benchmark).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
