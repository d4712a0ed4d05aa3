//! Configuration from flags and the environment.

use clap::{Args, Parser, Subcommand};
use std::net::SocketAddr;

#[derive(Parser, Debug)]
#[command(name = "switchboard", version, about = "Switchboard, the IT help desk")]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web app and the API (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Manage accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// Load demo data into an empty database.
    Demo,
    /// Write every table of the database (--database-url) as JSON lines to standard output.
    Export,
    /// Read an export from standard input into a new, empty database (--database-url), such as a
    /// PostgreSQL database taking over from SQLite. Prints the rows per table.
    Import,
    /// Copy the SQLite database (--database-url) to a new file while it is in use: a consistent
    /// snapshot, taken without stopping anyone's work. (PostgreSQL: pg_dump.)
    Backup {
        /// The new file to write.
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Restore a backup into a new SQLite database (--database-url, which must not exist yet),
    /// upgrading it to this release's schema. (PostgreSQL: pg_restore.)
    Restore {
        /// The backup file to read.
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Mail to the help desk.
    #[command(subcommand)]
    Mail(MailCommand),
    /// Ask the server listening at --addr whether it is ready (exit 0) or not (exit 1): for a
    /// container's health check, where no HTTP client is installed.
    CheckReady,
}

#[derive(Subcommand, Debug)]
pub enum MailCommand {
    /// Take one RFC 5322 message from standard input, as a mail server's pipe delivers it
    /// (e.g. Postfix `mailbox_command` or an alias `|switchboard mail ingest`). Prints one JSON
    /// line (`{"outcome":"created","ticket":"SB-1234"}`, or noted, ignored or held with why)
    /// and exits 0 once the message is kept; exits 75 (try again later) when it could not be.
    Ingest,
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account; the password is read from standard input.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// requester, technician, coordinator, admin or facility
        #[arg(long)]
        role: String,
        /// Read the password from standard input (required).
        #[arg(long)]
        password_stdin: bool,
    },
}

/// A secret from the command line or environment, never shown in logs or `Debug` output.
#[derive(Clone)]
pub struct Secret(pub String);

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Secret(s.to_string()))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// The usual ITIL table squeezed to four levels (see `PriorityMatrix::default`).
pub const DEFAULT_PRIORITY_MATRIX: &str = "P4,P4,P3;P4,P3,P2;P3,P2,P1";

#[derive(Args, Clone, Debug)]
pub struct Config {
    /// Address to listen on.
    #[arg(
        long,
        env = "SWITCHBOARD_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,
    /// Database URL; a SQLite file by default.
    #[arg(
        long,
        env = "SWITCHBOARD_DATABASE_URL",
        default_value = "sqlite://data/switchboard.db",
        global = true
    )]
    pub database_url: String,
    /// Load demo data when the database has no accounts yet.
    #[arg(long, env = "SWITCHBOARD_DEMO", global = true)]
    pub demo: bool,
    /// Set the Secure flag on session cookies (serve behind TLS).
    #[arg(long, env = "SWITCHBOARD_SECURE_COOKIES", global = true)]
    pub secure_cookies: bool,
    /// Hours of inactivity after which a session ends.
    #[arg(
        long,
        env = "SWITCHBOARD_SESSION_IDLE_HOURS",
        default_value_t = 8,
        global = true
    )]
    pub session_idle_hours: u64,
    /// Days after sign-in at which a session ends however busy it is (absolute lifetime).
    #[arg(
        long,
        env = "SWITCHBOARD_SESSION_LIFETIME_DAYS",
        default_value_t = 7,
        global = true
    )]
    pub session_lifetime_days: u64,
    /// Days after a ticket is closed or cancelled at which its private tracking links stop working.
    #[arg(
        long,
        env = "SWITCHBOARD_TRACKING_LINK_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub tracking_link_days: u64,
    /// Allow requesters to create their own accounts.
    #[arg(long, env = "SWITCHBOARD_ALLOW_REGISTRATION", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub allow_registration: bool,
    /// Comma-separated email domains allowed to register (empty: any).
    #[arg(
        long,
        env = "SWITCHBOARD_REGISTRATION_DOMAINS",
        default_value = "",
        global = true
    )]
    pub registration_domains: String,
    /// Impact × urgency → priority, rows for impact low/medium/high, columns for urgency low/medium/high.
    #[arg(
        long,
        env = "SWITCHBOARD_PRIORITY_MATRIX",
        default_value = DEFAULT_PRIORITY_MATRIX,
        global = true
    )]
    pub priority_matrix: String,
    /// Seconds between runs of the SLA scheduler (escalation rules and recurring tickets).
    #[arg(
        long,
        env = "SWITCHBOARD_SLA_INTERVAL_SECS",
        default_value_t = 15,
        global = true
    )]
    pub sla_interval_secs: u64,
    /// The address people use to reach Switchboard, for links in email.
    #[arg(
        long,
        env = "SWITCHBOARD_PUBLIC_URL",
        default_value = "http://127.0.0.1:3000",
        global = true
    )]
    pub public_url: String,
    /// SMTP server for email; without it notifications stay in the app.
    #[arg(long, env = "SWITCHBOARD_SMTP_HOST", global = true)]
    pub smtp_host: Option<String>,
    #[arg(
        long,
        env = "SWITCHBOARD_SMTP_PORT",
        default_value_t = 587,
        global = true
    )]
    pub smtp_port: u16,
    /// none, starttls or tls.
    #[arg(
        long,
        env = "SWITCHBOARD_SMTP_SECURITY",
        default_value = "starttls",
        global = true
    )]
    pub smtp_security: String,
    #[arg(long, env = "SWITCHBOARD_SMTP_USERNAME", global = true)]
    pub smtp_username: Option<String>,
    #[arg(
        long,
        env = "SWITCHBOARD_SMTP_PASSWORD",
        hide_env_values = true,
        global = true
    )]
    pub smtp_password: Option<Secret>,
    /// The sender of Switchboard's email.
    #[arg(
        long,
        env = "SWITCHBOARD_MAIL_FROM",
        default_value = "Switchboard <helpdesk@localhost>",
        global = true
    )]
    pub mail_from: String,
    /// Seconds one message may take to hand over to the SMTP server (1 to 100; a message is
    /// reserved for its sender for 120 s).
    #[arg(
        long,
        env = "SWITCHBOARD_SMTP_TIMEOUT_SECS",
        default_value_t = 60,
        global = true
    )]
    pub smtp_timeout_secs: u64,
    /// Seconds between runs of the mail worker.
    #[arg(
        long,
        env = "SWITCHBOARD_MAIL_INTERVAL_SECS",
        default_value_t = 5,
        global = true
    )]
    pub mail_interval_secs: u64,
    /// Reverse proxies (comma-separated addresses) whose `X-Forwarded-For` names the client, so
    /// that sign-in throttling counts each client rather than the proxy. Empty: the header is
    /// ignored (a client could send it itself).
    #[arg(
        long,
        env = "SWITCHBOARD_TRUSTED_PROXIES",
        default_value = "",
        global = true
    )]
    pub trusted_proxies: String,
    /// SQLite only: `normal` (WAL, safe against crashes, the last commits may be lost on power
    /// loss) or `full` (every commit on disk before the answer; slower writes).
    #[arg(
        long,
        env = "SWITCHBOARD_SQLITE_SYNCHRONOUS",
        default_value = "normal",
        global = true
    )]
    pub sqlite_synchronous: app::server::db::Durability,
    /// The desk's language (en, de or it): for people who have not chosen one and whose browser
    /// asks for none Switchboard speaks, and for the desk's reports.
    #[arg(
        long,
        env = "SWITCHBOARD_DEFAULT_LANGUAGE",
        default_value = "en",
        value_parser = parse_language,
        global = true
    )]
    pub default_language: app::i18n::Lang,
    /// The desk's IANA time zone (Europe/Berlin): for people who have not chosen one, and for the
    /// days and hours of reports.
    #[arg(
        long,
        env = "SWITCHBOARD_TIME_ZONE",
        default_value = "UTC",
        value_parser = parse_time_zone,
        global = true
    )]
    pub time_zone: chrono_tz::Tz,
    /// The largest file a person may attach, in megabytes.
    #[arg(
        long,
        env = "SWITCHBOARD_ATTACHMENT_MAX_MB",
        default_value_t = 10,
        value_parser = clap::value_parser!(u64).range(1..=1024),
        global = true
    )]
    pub attachment_max_mb: u64,
    /// The most all files of one ticket may hold together, in megabytes.
    #[arg(
        long,
        env = "SWITCHBOARD_ATTACHMENT_TICKET_MAX_MB",
        default_value_t = 100,
        value_parser = clap::value_parser!(u64).range(1..=10240),
        global = true
    )]
    pub attachment_ticket_max_mb: u64,
    /// The help desk's mailbox, read over IMAP: `imaps://USER@HOST:PORT/MAILBOX` (TLS), or
    /// `imap://…` (STARTTLS). A user that is an address is written with %40 or a plain @.
    #[arg(long, env = "SWITCHBOARD_MAIL_INBOUND", global = true)]
    pub mail_inbound: Option<String>,
    /// The mailbox's password (for OAuth2, set the --mail-inbound-oauth-* settings instead).
    #[arg(
        long,
        env = "SWITCHBOARD_MAIL_INBOUND_PASSWORD",
        hide_env_values = true,
        global = true
    )]
    pub mail_inbound_password: Option<Secret>,
    /// OAuth2 (SASL XOAUTH2) for the mailbox: the identity provider's token endpoint.
    #[arg(long, env = "SWITCHBOARD_MAIL_INBOUND_OAUTH_TOKEN_URL", global = true)]
    pub mail_inbound_oauth_token_url: Option<String>,
    #[arg(long, env = "SWITCHBOARD_MAIL_INBOUND_OAUTH_CLIENT_ID", global = true)]
    pub mail_inbound_oauth_client_id: Option<String>,
    #[arg(
        long,
        env = "SWITCHBOARD_MAIL_INBOUND_OAUTH_CLIENT_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub mail_inbound_oauth_client_secret: Option<Secret>,
    #[arg(
        long,
        env = "SWITCHBOARD_MAIL_INBOUND_OAUTH_REFRESH_TOKEN",
        hide_env_values = true,
        global = true
    )]
    pub mail_inbound_oauth_refresh_token: Option<Secret>,
    /// Seconds between reads of the mailbox (the longest wait where the server offers IDLE).
    #[arg(
        long,
        env = "SWITCHBOARD_MAIL_INBOUND_INTERVAL_SECS",
        default_value_t = 30,
        global = true
    )]
    pub mail_inbound_interval_secs: u64,
    /// The largest message taken, in megabytes; a larger one is held for a coordinator.
    #[arg(
        long,
        env = "SWITCHBOARD_MAIL_INBOUND_MAX_MB",
        default_value_t = 25,
        value_parser = clap::value_parser!(u64).range(1..=1024),
        global = true
    )]
    pub mail_inbound_max_mb: u64,
    /// Comma-separated domains mail from people without an account is taken from (empty: any).
    #[arg(
        long,
        env = "SWITCHBOARD_MAIL_INBOUND_DOMAINS",
        default_value = "",
        global = true
    )]
    pub mail_inbound_domains: String,
    /// Webhooks may use plain `http://` (a lab; production receivers take `https://` only).
    #[arg(
        long,
        env = "SWITCHBOARD_WEBHOOK_ALLOW_HTTP",
        default_value_t = false,
        global = true
    )]
    pub webhook_allow_http: bool,
    /// Hosts (comma-separated names or addresses) webhooks may reach although they resolve to
    /// loopback, private or link-local addresses. Empty: none.
    #[arg(
        long,
        env = "SWITCHBOARD_WEBHOOK_ALLOW_HOSTS",
        default_value = "",
        global = true
    )]
    pub webhook_allow_hosts: String,
    /// Messages one sender may send in an hour before the next is held.
    #[arg(
        long,
        env = "SWITCHBOARD_MAIL_INBOUND_PER_HOUR",
        default_value_t = 20,
        global = true
    )]
    pub mail_inbound_per_hour: u32,
    /// A folder taken messages are moved to (empty: they stay, flagged $Switchboard and seen).
    #[arg(
        long,
        env = "SWITCHBOARD_MAIL_INBOUND_DONE_FOLDER",
        default_value = "",
        global = true
    )]
    pub mail_inbound_done_folder: String,
    /// A PEM file of certificates to trust for the mailbox besides the public roots (an
    /// internal certificate authority).
    #[arg(long, env = "SWITCHBOARD_MAIL_INBOUND_CA_FILE", global = true)]
    pub mail_inbound_ca_file: Option<std::path::PathBuf>,
    /// The category requests by mail are filed in until triaged.
    #[arg(
        long,
        env = "SWITCHBOARD_MAIL_INBOUND_CATEGORY",
        default_value = "other",
        global = true
    )]
    pub mail_inbound_category: String,
    /// The address that reaches Switchboard (the mailbox or the pipe): mail about a ticket
    /// asks for replies at its plus address (helpdesk+sb-1042@…). Default: the mailbox's user
    /// when it is an address.
    #[arg(long, env = "SWITCHBOARD_MAIL_REPLY_ADDRESS", global = true)]
    pub mail_reply_address: Option<String>,
    /// The company directory people sign in with: `ldaps://HOST:636` (TLS), or `ldap://HOST:389`
    /// (upgraded with StartTLS).
    #[arg(long, env = "SWITCHBOARD_LDAP_URL", global = true)]
    pub ldap_url: Option<String>,
    /// Where people are searched, e.g. `ou=people,dc=example,dc=org`.
    #[arg(
        long,
        env = "SWITCHBOARD_LDAP_BASE_DN",
        default_value = "",
        global = true
    )]
    pub ldap_base_dn: String,
    /// Who may sign in, with `{login}` for what the person typed (a user name or an address).
    /// Active Directory: `(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2))(|(sAMAccountName={login})(mail={login})))`.
    #[arg(
        long,
        env = "SWITCHBOARD_LDAP_USER_FILTER",
        default_value = "(&(objectClass=person)(|(uid={login})(mail={login})))",
        global = true
    )]
    pub ldap_user_filter: String,
    /// Bind straight as this DN with `{login}` in it (no service account), e.g.
    /// `uid={login},ou=people,dc=example,dc=org`.
    #[arg(long, env = "SWITCHBOARD_LDAP_USER_DN_TEMPLATE", global = true)]
    pub ldap_user_dn_template: Option<String>,
    /// The service account that searches for people and runs the sync.
    #[arg(long, env = "SWITCHBOARD_LDAP_BIND_DN", global = true)]
    pub ldap_bind_dn: Option<String>,
    #[arg(
        long,
        env = "SWITCHBOARD_LDAP_BIND_PASSWORD",
        hide_env_values = true,
        global = true
    )]
    pub ldap_bind_password: Option<Secret>,
    /// Groups that give roles, re-read at every sign-in: `it-coordinators=coordinator,it-staff=technician`
    /// (a group by its name or its whole DN; with DNs, separate the pairs with `;`).
    #[arg(
        long,
        env = "SWITCHBOARD_LDAP_ROLE_MAP",
        default_value = "",
        global = true
    )]
    pub ldap_role_map: String,
    /// The attributes holding a person's address, name and groups.
    #[arg(
        long,
        env = "SWITCHBOARD_LDAP_MAIL_ATTRIBUTE",
        default_value = "mail",
        global = true
    )]
    pub ldap_mail_attribute: String,
    #[arg(
        long,
        env = "SWITCHBOARD_LDAP_NAME_ATTRIBUTE",
        default_value = "displayName",
        global = true
    )]
    pub ldap_name_attribute: String,
    #[arg(
        long,
        env = "SWITCHBOARD_LDAP_GROUPS_ATTRIBUTE",
        default_value = "memberOf",
        global = true
    )]
    pub ldap_groups_attribute: String,
    /// A PEM file of certificates to trust for the directory besides the public roots.
    #[arg(long, env = "SWITCHBOARD_LDAP_CA_FILE", global = true)]
    pub ldap_ca_file: Option<std::path::PathBuf>,
    /// Allow `ldap://` without StartTLS: passwords cross the network in clear (a lab only).
    #[arg(
        long,
        env = "SWITCHBOARD_LDAP_ALLOW_INSECURE",
        default_value_t = false,
        global = true
    )]
    pub ldap_allow_insecure: bool,
    /// Hours between syncs that switch off the accounts of people the directory no longer admits
    /// (0: never by itself). Runs need the service account.
    #[arg(
        long,
        env = "SWITCHBOARD_LDAP_SYNC_HOURS",
        default_value_t = 24,
        global = true
    )]
    pub ldap_sync_hours: u64,
    /// Who may sign in with a password kept by Switchboard: `everyone`, or `admins-only` (everyone
    /// else signs in with the company account).
    #[arg(
        long,
        env = "SWITCHBOARD_PASSWORD_SIGN_IN",
        default_value = "everyone",
        global = true
    )]
    pub password_sign_in: app::server::directory::PasswordSignIn,
    /// An OpenID provider people sign in with ("Sign in with …"): its issuer, exactly as its
    /// metadata writes it, e.g. `https://login.microsoftonline.com/TENANT-ID/v2.0`,
    /// `https://accounts.google.com`, `https://keycloak.example.org/realms/it`. The redirect
    /// address to register there is the public URL followed by `/auth/oidc/callback`.
    #[arg(long, env = "SWITCHBOARD_OIDC_ISSUER", global = true)]
    pub oidc_issuer: Option<String>,
    /// The client (application) id registered at the provider.
    #[arg(
        long,
        env = "SWITCHBOARD_OIDC_CLIENT_ID",
        default_value = "",
        global = true
    )]
    pub oidc_client_id: String,
    #[arg(
        long,
        env = "SWITCHBOARD_OIDC_CLIENT_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub oidc_client_secret: Option<Secret>,
    /// The name on the button: "Sign in with <label>" (default: the issuer's host).
    #[arg(long, env = "SWITCHBOARD_OIDC_BUTTON_LABEL", global = true)]
    pub oidc_button_label: Option<String>,
    /// Scopes asked for (space separated).
    #[arg(
        long,
        env = "SWITCHBOARD_OIDC_SCOPES",
        default_value = "openid email profile",
        global = true
    )]
    pub oidc_scopes: String,
    /// The ID token claim listing someone's groups or app roles (`groups`, `roles`), read at
    /// every sign-in for --oidc-role-map.
    #[arg(long, env = "SWITCHBOARD_OIDC_ROLE_CLAIM", global = true)]
    pub oidc_role_claim: Option<String>,
    /// Groups that give roles: `it-coordinators=coordinator,it-staff=technician`.
    #[arg(
        long,
        env = "SWITCHBOARD_OIDC_ROLE_MAP",
        default_value = "",
        global = true
    )]
    pub oidc_role_map: String,
    /// Take the provider's `email` claim as proven without `email_verified` (Entra ID, whose
    /// addresses the organisation assigns, sends none).
    #[arg(
        long,
        env = "SWITCHBOARD_OIDC_TRUST_EMAIL",
        default_value_t = false,
        global = true
    )]
    pub oidc_trust_email: bool,
    /// Only addresses in these domains sign in with the provider (comma separated; empty: any
    /// it vouches for). Set it with a provider anyone can have an account at, such as Google.
    #[arg(
        long,
        env = "SWITCHBOARD_OIDC_EMAIL_DOMAINS",
        default_value = "",
        global = true
    )]
    pub oidc_email_domains: String,
    /// A PEM file of certificates to trust for the provider besides the public roots.
    #[arg(long, env = "SWITCHBOARD_OIDC_CA_FILE", global = true)]
    pub oidc_ca_file: Option<std::path::PathBuf>,
    /// Folder with the built site (wasm, js, css); cargo-leptos sets LEPTOS_SITE_ROOT.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,
}

impl Config {
    /// The defaults, on an ephemeral loopback port with the given database, for programs that
    /// start Switchboard themselves (the integration tests, the load generator) without reading
    /// flags or the environment.
    pub fn local(database_url: String) -> Config {
        Config {
            addr: ([127, 0, 0, 1], 0).into(),
            database_url,
            demo: false,
            secure_cookies: false,
            session_idle_hours: 8,
            session_lifetime_days: 7,
            tracking_link_days: 30,
            allow_registration: true,
            registration_domains: String::new(),
            priority_matrix: DEFAULT_PRIORITY_MATRIX.into(),
            sla_interval_secs: 15,
            public_url: "http://127.0.0.1:3000".into(),
            smtp_host: None,
            smtp_port: 587,
            smtp_security: "starttls".into(),
            smtp_username: None,
            smtp_password: None,
            mail_from: "Switchboard <helpdesk@localhost>".into(),
            smtp_timeout_secs: 60,
            mail_interval_secs: 5,
            sqlite_synchronous: Default::default(),
            trusted_proxies: String::new(),
            site_root: "target/site".into(),
            default_language: app::i18n::Lang::En,
            time_zone: chrono_tz::Tz::UTC,
            attachment_max_mb: 10,
            attachment_ticket_max_mb: 100,
            mail_inbound: None,
            mail_inbound_password: None,
            mail_inbound_oauth_token_url: None,
            mail_inbound_oauth_client_id: None,
            mail_inbound_oauth_client_secret: None,
            mail_inbound_oauth_refresh_token: None,
            mail_inbound_interval_secs: 30,
            mail_inbound_max_mb: 25,
            mail_inbound_domains: String::new(),
            mail_inbound_per_hour: 20,
            webhook_allow_http: false,
            webhook_allow_hosts: String::new(),
            mail_inbound_done_folder: String::new(),
            mail_inbound_ca_file: None,
            mail_inbound_category: "other".into(),
            mail_reply_address: None,
            ldap_url: None,
            ldap_base_dn: String::new(),
            ldap_user_filter: "(&(objectClass=person)(|(uid={login})(mail={login})))".into(),
            ldap_user_dn_template: None,
            ldap_bind_dn: None,
            ldap_bind_password: None,
            ldap_role_map: String::new(),
            ldap_mail_attribute: "mail".into(),
            ldap_name_attribute: "displayName".into(),
            ldap_groups_attribute: "memberOf".into(),
            ldap_ca_file: None,
            ldap_allow_insecure: false,
            ldap_sync_hours: 24,
            password_sign_in: Default::default(),
            oidc_issuer: None,
            oidc_client_id: String::new(),
            oidc_client_secret: None,
            oidc_button_label: None,
            oidc_scopes: "openid email profile".into(),
            oidc_role_claim: None,
            oidc_role_map: String::new(),
            oidc_trust_email: false,
            oidc_email_domains: String::new(),
            oidc_ca_file: None,
        }
    }
}

fn parse_language(s: &str) -> Result<app::i18n::Lang, String> {
    app::i18n::Lang::parse(s).ok_or_else(|| format!("{s:?} is not one of en, de, it"))
}

fn parse_time_zone(s: &str) -> Result<chrono_tz::Tz, String> {
    app::i18n::parse_zone(s)
        .ok_or_else(|| format!("{s:?} is not an IANA time zone such as Europe/Rome"))
}
