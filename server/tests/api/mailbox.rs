//! Mail for the tests: fixture messages shaped like real mail programs', and plain ones; the
//! mailbox itself is `tests/support/dovecot.rs`.

pub use crate::dovecot::{Dovecot, USER};

/// A fixture message from `tests/fixtures/mail`, with its placeholders filled in.
pub fn fixture(name: &str, number: &str, in_reply_to: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/mail")
        .join(name);
    let raw = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    replace(
        &replace(&raw, b"{{NUMBER}}", number.as_bytes()),
        b"{{IN_REPLY_TO}}",
        in_reply_to.as_bytes(),
    )
}

fn replace(raw: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if raw[i..].starts_with(from) {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(raw[i]);
            i += 1;
        }
    }
    out
}

/// A plain message from `from` with its own Message-ID.
pub fn plain(from: &str, subject: &str, body: &str, message_id: &str) -> Vec<u8> {
    format!(
        "From: {from}\r\nTo: {USER}\r\nSubject: {subject}\r\nMessage-ID: <{message_id}>\r\n\
         Date: Tue, 1 Dec 2026 09:00:00 +0000\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\n{body}\r\n"
    )
    .into_bytes()
}
