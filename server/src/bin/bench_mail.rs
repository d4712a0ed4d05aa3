//! `switchboard-bench-mail` (`make bench`): mail to the help desk against a real mailbox
//! (Dovecot, started in a temporary folder as the tests start it). Measures how fast 1,000
//! waiting messages are filed, and how much a 25 MB message raises the process's memory.
//! BENCH_DATABASE_URL names an empty PostgreSQL database to measure that backend instead.

#[path = "../../tests/support/dovecot.rs"]
mod dovecot;
#[path = "../../tests/support/test_ca.rs"]
mod test_ca;

use app::server::inbound::imap;
use dovecot::{Dovecot, USER};
use std::time::Instant;

const MESSAGES: usize = 1000;

fn status_kb(field: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .unwrap_or(0.0)
}

fn mb(kb: f64) -> f64 {
    kb / 1024.0
}

/// Bytes that do not compress or repeat (as a photo's), different for every seed.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed ^ 0x9e37_79b9_7f4a_7c15;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A message from `from` with a text part and, when `attachment` is not empty, a file.
fn message(i: usize, from: &str, attachment: &[u8]) -> Vec<u8> {
    use base64::Engine;
    let mut m = format!(
        "From: Person {i} <{from}>\r\nTo: {USER}\r\nSubject: Laptop {i} will not start\r\n\
         Message-ID: <bench-{i}-{}@example.org>\r\nDate: Tue, 1 Dec 2026 09:00:00 +0000\r\n\
         MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n\
         --b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
         Since this morning laptop {i} shows a black screen after the logo.\r\n\
         I tried another charger.\r\n\r\nOn Mon, 30 Nov 2026, IT wrote:\r\n> earlier text\r\n",
        std::process::id()
    )
    .into_bytes();
    if !attachment.is_empty() {
        m.extend_from_slice(
            b"--b\r\nContent-Type: image/png; name=\"screen.png\"\r\n\
              Content-Disposition: attachment; filename=\"screen.png\"\r\n\
              Content-Transfer-Encoding: base64\r\n\r\n",
        );
        let encoded = base64::engine::general_purpose::STANDARD.encode(attachment);
        for line in encoded.as_bytes().chunks(76) {
            m.extend_from_slice(line);
            m.extend_from_slice(b"\r\n");
        }
    }
    m.extend_from_slice(b"--b--\r\n");
    m
}

/// The highest resident memory seen while `work` runs, sampled every 2 ms, in MB.
async fn peak_during<T>(work: impl std::future::Future<Output = T>) -> (T, f64) {
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sampler = std::thread::spawn({
        let stop = stop.clone();
        move || {
            let mut peak = 0.0f64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(status_kb("VmRSS:"));
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            peak
        }
    });
    let out = work.await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    (out, mb(sampler.join().unwrap_or(0.0)))
}

/// The 25 MB message, put into the mailbox by a process of its own so that building it does
/// not count in the memory measured here.
fn big_message() -> Vec<u8> {
    message(0, "big@example.org", &noise(0, 18 * 1024 * 1024))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("append-big") {
        let mut settings =
            imap::ImapSettings::parse(&args[2], imap::Auth::Password(dovecot::PASSWORD.into()))
                .expect("mailbox");
        settings
            .trust_pem(&std::fs::read(&args[3]).expect("ca"))
            .expect("ca");
        let mut session = imap::connect(&settings).await.expect("mailbox");
        session
            .append("INBOX", None, None, big_message())
            .await
            .expect("append");
        return;
    }
    let dir = std::env::temp_dir().join(format!("switchboard-bench-mail-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("bench dir");
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.join("bench.db").display()));
    let backend = url.split("://").next().unwrap_or_default().to_string();
    let mut config = switchboard::Config::local(url);
    config.mail_inbound_max_mb = 30;
    config.attachment_max_mb = 30;
    config.mail_inbound_per_hour = 100_000;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let app = switchboard::build(&config, listener).await.expect("app");
    let state = app.state.clone();
    let dovecot = Dovecot::start(None).await;
    let settings = dovecot.settings();

    // One 25 MB message: how much it raises the process's memory while it is filed.
    let appended = std::process::Command::new(std::env::current_exe().expect("bench"))
        .arg("append-big")
        .arg(dovecot.url())
        .arg(dovecot.dir.join("ca.pem"))
        .status()
        .expect("append");
    assert!(appended.success());
    let mut session = imap::connect(&settings).await.expect("mailbox");
    let before = mb(status_kb("VmRSS:"));
    let started = Instant::now();
    let (taken, peak) = peak_during(imap::take_waiting(&state, &settings, &mut session)).await;
    let big_secs = started.elapsed().as_secs_f64();
    assert_eq!(taken.expect("taken"), 1);
    let raised = peak - before;
    // Its size, counted after the measurement.
    let big_mb = big_message().len() as f64 / 1024.0 / 1024.0;

    // 1,000 messages waiting: one in ten with a 40 KB screenshot, every sender new to the desk.
    let shot = noise(1, 40 * 1024);
    dovecot
        .deliver_all((1..=MESSAGES).map(|i| {
            let file: &[u8] = if i % 10 == 0 { &shot } else { &[] };
            message(i, &format!("person{i}@example.org"), file)
        }))
        .await;
    // A new session, as the worker has after IDLE tells it of new mail.
    let mut session = imap::connect(&settings).await.expect("mailbox");
    let started = Instant::now();
    let taken = imap::take_waiting(&state, &settings, &mut session)
        .await
        .expect("taken");
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(taken, MESSAGES);
    assert_eq!(dovecot.waiting().await, 0);
    let rss = mb(status_kb("VmRSS:"));

    println!(
        "\nSwitchboard mail benchmark ({} cores, {backend}; the mailbox is Dovecot over TLS on loopback)\n",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
    );
    println!("| scenario | messages | seconds | messages/s | memory |");
    println!("|---|---|---|---|---|");
    println!(
        "| {MESSAGES} waiting messages filed (new senders, 1 in 10 with a 40 KB file) | {MESSAGES} | {secs:.2} | {:.0} | RSS after: {rss:.0} MB |",
        MESSAGES as f64 / secs
    );
    println!(
        "| one {big_mb:.1} MB message (18 MB file) | 1 | {big_secs:.2} | – | peak raised by {raised:.0} MB ({:.1} × its size) |",
        raised / big_mb
    );
    drop(dovecot);
    let _ = std::fs::remove_dir_all(&dir);
}
