mod authz;
mod docs;
mod health;
mod helpers;
mod properties;
mod sessions;
mod sla;
mod tickets;
