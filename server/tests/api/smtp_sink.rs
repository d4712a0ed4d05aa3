//! A real SMTP server for the tests: it speaks the protocol over TCP on a loopback port and keeps
//! every message it accepts. It can be stopped and started again on the same port to play an
//! outage, or stall: take a message's data and never answer, like a server that hangs.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpSocket, TcpStream};
use tokio::task::JoinHandle;

#[derive(Clone, Debug)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    pub data: String,
}

impl Received {
    pub fn subject(&self) -> String {
        self.data
            .lines()
            .find_map(|l| l.strip_prefix("Subject: "))
            .unwrap_or_default()
            .to_string()
    }
}

pub struct SmtpSink {
    pub addr: SocketAddr,
    pub received: Arc<Mutex<Vec<Received>>>,
    server: Option<JoinHandle<()>>,
    stall: Stall,
}

/// Whether sessions answer a message's data; stalled ones wait for `release`, then hang up
/// without keeping the message.
#[derive(Clone, Default)]
struct Stall {
    on: Arc<std::sync::atomic::AtomicBool>,
    released: Arc<tokio::sync::Notify>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        Self::start_on("127.0.0.1:0".parse().unwrap(), Default::default()).await
    }

    async fn start_on(addr: SocketAddr, received: Arc<Mutex<Vec<Received>>>) -> SmtpSink {
        let stall = Stall::default();
        let socket = TcpSocket::new_v4().unwrap();
        socket.set_reuseaddr(true).unwrap();
        socket.bind(addr).unwrap();
        let listener = socket.listen(64).unwrap();
        let addr = listener.local_addr().unwrap();
        let store = received.clone();
        let stalls = stall.clone();
        let server = tokio::spawn(async move {
            loop {
                // A failed accept (a connection reset before it was taken) ends that one only.
                let Ok((stream, _)) = listener.accept().await else {
                    tokio::time::sleep(std::time::Duration::from_millis(10)).await;
                    continue;
                };
                let (store, stall) = (store.clone(), stalls.clone());
                tokio::spawn(async move {
                    let _ = session(stream, store, stall).await;
                });
            }
        });
        SmtpSink {
            addr,
            received,
            server: Some(server),
            stall,
        }
    }

    /// From now on a message's data is taken and never answered.
    pub fn stall(&self) {
        self.stall
            .on
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    /// Answers again; the sessions left hanging hang up.
    pub fn release(&self) {
        self.stall
            .on
            .store(false, std::sync::atomic::Ordering::SeqCst);
        self.stall.released.notify_waiters();
    }

    /// Stops listening: connections are refused until `restart`.
    pub fn stop(&mut self) {
        if let Some(s) = self.server.take() {
            s.abort();
        }
    }

    pub async fn restart(&mut self) {
        self.stop();
        let again = Self::start_on(self.addr, self.received.clone()).await;
        *self = again;
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    pub fn to(&self, email: &str) -> Vec<Received> {
        self.messages()
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t == email))
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn session(
    stream: TcpStream,
    store: Arc<Mutex<Vec<Received>>>,
    stall: Stall,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read).lines();
    write.write_all(b"220 sink ESMTP ready\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    while let Some(line) = lines.next_line().await? {
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") {
            write
                .write_all(b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                .await?;
        } else if upper.starts_with("HELO") || upper.starts_with("NOOP") {
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("RSET") {
            (from, to) = (String::new(), Vec::new());
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&line[10..]);
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("RCPT TO:") {
            to.push(address(&line[8..]));
            write.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("DATA") {
            write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
            let mut data = String::new();
            while let Some(l) = lines.next_line().await? {
                if l == "." {
                    break;
                }
                data.push_str(l.strip_prefix('.').unwrap_or(&l));
                data.push('\n');
            }
            if stall.on.load(std::sync::atomic::Ordering::SeqCst) {
                let released = stall.released.notified();
                // Released meanwhile: nothing to wait for.
                if stall.on.load(std::sync::atomic::Ordering::SeqCst) {
                    released.await;
                }
                return Ok(());
            }
            store.lock().unwrap().push(Received {
                from: std::mem::take(&mut from),
                to: std::mem::take(&mut to),
                data,
            });
            write.write_all(b"250 OK queued\r\n").await?;
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            write.write_all(b"502 not implemented\r\n").await?;
        }
    }
    Ok(())
}

fn address(text: &str) -> String {
    let t = text.trim();
    let t = t.split_whitespace().next().unwrap_or(t);
    t.trim_start_matches('<').trim_end_matches('>').to_string()
}
