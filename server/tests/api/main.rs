mod health;
mod helpers;
mod sessions;
mod tickets;
