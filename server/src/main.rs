//! `switchboard`: serve the help desk, migrate, manage accounts, load demo data.

use anyhow::{bail, Context};
use clap::Parser;
use std::io::Read;
use std::process::ExitCode;
use switchboard::config::{Cli, Command, MailCommand, UserCommand};
use switchboard::Config;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    // Leptos' streaming renderer has been seen to leave a page unfinished on a runtime with a
    // single worker (leptos-rs/leptos#4647): a one-CPU server still gets two.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().max(2));
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(start()),
        Err(e) => {
            eprintln!("switchboard: cannot start the runtime: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn start() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    let cli = Cli::parse();
    if let Some(Command::Mail(MailCommand::Ingest)) = &cli.command {
        return ingest(&cli.config).await;
    }
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("switchboard: {}", explain(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error with its causes ("cannot open the database: …"), each said once: many errors
/// already include their cause's words.
fn explain(error: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in error.chain() {
        let words = cause.to_string();
        if !out.contains(&words) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&words);
        }
    }
    out
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(&config).await,
        Command::Migrate => {
            let version = open_db(&config).await?.schema_version().await?;
            println!("database is at schema version {version}");
            Ok(())
        }
        Command::Export => export(&open_db(&config).await?).await,
        Command::Import => {
            let counts = open_db(&config)
                .await?
                .import(std::io::BufReader::new(std::io::stdin().lock()))
                .await?;
            for (table, n) in counts {
                println!("{table:<20} {n:>9}");
            }
            Ok(())
        }
        Command::Backup { to } => {
            open_db(&config).await?.backup_to(&to).await?;
            println!("backed up to {}", to.display());
            Ok(())
        }
        Command::Restore { from } => {
            let db = app::server::db::backup::restore(&from, &config.database_url).await?;
            let version = db.schema_version().await?;
            println!("restored {} at schema version {version}", from.display());
            Ok(())
        }
        Command::CheckReady => check_ready(config.addr).await,
        Command::Mail(MailCommand::Ingest) => unreachable!("taken before"),
        Command::Demo => {
            let state = state_for_cli(&config).await?;
            app::server::demo::load(&state).await?;
            print_demo_accounts();
            Ok(())
        }
        Command::User(UserCommand::Add {
            email,
            name,
            role,
            password_stdin,
        }) => add_user(&config, &email, &name, &role, password_stdin).await,
    }
}

/// `mail ingest`: one message from standard input. Exit 0 only once it is kept; 75
/// (EX_TEMPFAIL) tells the mail server to try again later; 65 (EX_DATAERR) that it never will.
async fn ingest(config: &Config) -> ExitCode {
    const TEMPFAIL: u8 = 75;
    let mut raw = Vec::new();
    let limit = config.mail_inbound_max_mb * app::server::state::MB;
    // A message over the limit is held (kept whole) for a coordinator; one over four times the
    // limit is refused, so the mail server returns it to its sender rather than anyone keeping
    // a part of it.
    let cap = limit.saturating_mul(4);
    if let Err(e) = std::io::stdin().lock().take(cap + 1).read_to_end(&mut raw) {
        eprintln!("switchboard: cannot read the message: {e}");
        return ExitCode::from(TEMPFAIL);
    }
    if raw.len() as u64 > cap {
        eprintln!(
            "switchboard: the message is larger than {} MB; refused",
            cap / app::server::state::MB
        );
        return ExitCode::from(65);
    }
    if raw.is_empty() {
        eprintln!("switchboard: no message on standard input");
        return ExitCode::from(65);
    }
    let state = match state_for_cli(config).await {
        Ok(state) => state,
        Err(e) => {
            eprintln!("switchboard: {}", explain(&e));
            return ExitCode::from(TEMPFAIL);
        }
    };
    match app::server::inbound::ingest(&state, &raw).await {
        Ok(outcome) => {
            println!("{}", outcome.json());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("switchboard: the message was not kept: {e}");
            ExitCode::from(TEMPFAIL)
        }
    }
}

async fn open_db(config: &Config) -> anyhow::Result<app::server::db::Db> {
    app::server::db::Db::open(&config.database_url)
        .await
        .context("cannot open the database")
}

/// Serves Switchboard until a shutdown signal.
async fn serve(config: &Config) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on {}", config.addr))?;
    let app = switchboard::build(config, listener).await?;
    if config.demo {
        print_demo_accounts();
    }
    println!("Switchboard is listening on http://{}", config.addr);
    app.run_until(shutdown_signal())
        .await
        .context("the server stopped")
}

/// Writes every table to standard output, and how many rows each had to standard error.
async fn export(db: &app::server::db::Db) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let counts = db.export(&mut out).await.context("export")?;
    std::io::Write::flush(&mut out).context("cannot write the export")?;
    for (table, n) in counts {
        eprintln!("{table:<20} {n:>9}");
    }
    Ok(())
}

/// Creates an account with the password given on standard input.
async fn add_user(
    config: &Config,
    email: &str,
    name: &str,
    role: &str,
    password_stdin: bool,
) -> anyhow::Result<()> {
    let role: app::domain::Role = role.parse().map_err(|e: app::domain::UnknownValue| {
        anyhow::anyhow!("{e}; use requester, technician, coordinator or admin")
    })?;
    if !password_stdin {
        bail!("pass --password-stdin and the password on standard input");
    }
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .context("cannot read the password")?;
    let password = password.trim_end_matches(['\n', '\r']);
    let state = state_for_cli(config).await?;
    let user = app::server::auth::create_account(
        &state.db,
        email,
        name,
        role,
        Some(password),
        state.clock.now(),
    )
    .await
    .map_err(|e| match e {
        app::error::AppError::Validation(fields) => anyhow::anyhow!(fields
            .iter()
            .map(|f| format!("{}: {}", f.field, f.message))
            .collect::<Vec<_>>()
            .join("; ")),
        other => other.into(),
    })?;
    println!("created {} ({}) as {}", user.email, user.name, user.role);
    Ok(())
}

async fn state_for_cli(config: &switchboard::Config) -> anyhow::Result<app::server::AppState> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .context("cannot open a local port")?;
    let cli_config = switchboard::Config {
        demo: false,
        ..config.clone()
    };
    Ok(switchboard::build(&cli_config, listener).await?.state)
}

/// `GET /readyz` on the local server, with nothing but a TCP connection.
async fn check_ready(addr: std::net::SocketAddr) -> anyhow::Result<()> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let ask = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await?;
        stream
            .write_all(b"GET /readyz HTTP/1.0\r\nHost: localhost\r\n\r\n")
            .await?;
        let mut answer = Vec::new();
        stream.read_to_end(&mut answer).await?;
        Ok::<_, std::io::Error>(answer)
    };
    let answer = tokio::time::timeout(std::time::Duration::from_secs(5), ask)
        .await
        .with_context(|| format!("{addr} did not answer in 5 s"))?
        .with_context(|| format!("cannot reach {addr}"))?;
    let text = String::from_utf8_lossy(&answer);
    let status = text.lines().next().unwrap_or_default();
    if status.split_whitespace().nth(1) == Some("200") {
        Ok(())
    } else {
        bail!(
            "not ready: {}",
            text.split("\r\n\r\n").nth(1).unwrap_or(status)
        )
    }
}

fn print_demo_accounts() {
    println!(
        "Demo accounts (password: {}):",
        app::server::demo::DEMO_PASSWORD
    );
    for (email, name, role) in app::server::demo::DEMO_ACCOUNTS {
        println!("  {role:<12} {email:<28} {name}");
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down; finishing requests in flight");
}
