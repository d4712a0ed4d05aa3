mod attachments;
mod authz;
mod backends;
mod board;
mod bulk;
mod coordination;
mod directory;
mod docs;
#[path = "../support/dovecot.rs"]
mod dovecot;
mod health;
mod helpers;
mod inbound;
mod knowledge;
mod known;
mod language;
mod live;
mod mailbox;
mod notifications;
#[path = "../support/oidc_provider.rs"]
mod oidc_provider;
mod openid;
mod operations;
mod portal;
mod properties;
mod recurring;
mod replies;
mod reports;
mod security;
mod sessions;
mod sla;
#[path = "../support/slapd.rs"]
mod slapd;
mod smtp_sink;
#[path = "../support/test_ca.rs"]
mod test_ca;
mod tickets;
mod visibility;
mod webhooks;
mod wire;
