//! Reading one received message with `mail-parser`: who sent it, what it answers, its new text
//! (HTML turned into text, the quoted conversation folded away) and its files.

use crate::domain::inbound::{self, Signals, Why};
use crate::server::service::Upload;
use mail_parser::{
    Address, HeaderValue, Message, MessageParser, MessagePart, MimeHeaders, PartType,
};
use sha2::{Digest, Sha256};

/// The limits a message must keep to be read.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_bytes: u64,
    pub max_parts: usize,
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 25 * 1024 * 1024,
            max_parts: 200,
            max_depth: 8,
        }
    }
}

/// An inline image this small that the text names by `cid:` is a signature's logo, not a file
/// someone meant to send.
const SIGNATURE_IMAGE_BYTES: usize = 16 * 1024;

/// What every message has, read or not: enough to record and list it.
#[derive(Clone, Debug, Default)]
pub struct Envelope {
    /// Without angle brackets; a digest of the bytes when the message has none.
    pub message_id: String,
    /// Lower-cased; empty when the message names none.
    pub sender: String,
    pub sender_name: Option<String>,
    pub subject: String,
}

/// A message read for filing.
#[derive(Debug)]
pub struct Incoming {
    pub envelope: Envelope,
    /// Every address it was sent to (To, Cc, Delivered-To), lower-cased.
    pub recipients: Vec<String>,
    /// The messages it answers, nearest first (In-Reply-To, then References from the end).
    pub answers: Vec<String>,
    /// Sent by a machine: never filed, never answered.
    pub automatic: Option<Why>,
    /// For a delivery report: the addresses that failed.
    pub bounced: Vec<String>,
    /// What is new in it, as plain text.
    pub text: String,
    pub files: Vec<Upload>,
}

/// The envelope of a message, read from its headers only (cheap, and possible for a message that
/// is refused).
pub fn envelope(raw: &[u8]) -> Envelope {
    match MessageParser::default().parse_headers(raw) {
        Some(m) => envelope_of(&m, raw),
        None => Envelope {
            message_id: digest_id(raw),
            ..Envelope::default()
        },
    }
}

fn envelope_of(m: &Message<'_>, raw: &[u8]) -> Envelope {
    let (sender, sender_name) = match m.from().and_then(Address::first) {
        // Folded as account addresses are, so no look-alike address becomes someone's; an
        // address that is not one reads as none.
        Some(a) => (
            crate::domain::Email::parse(a.address.as_deref().unwrap_or_default())
                .map(String::from)
                .unwrap_or_default(),
            a.name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(String::from),
        ),
        None => (String::new(), None),
    };
    Envelope {
        message_id: m
            .message_id()
            .map(inbound::bare_id)
            .filter(|id| !id.is_empty() && id.len() <= 500)
            .unwrap_or_else(|| digest_id(raw)),
        sender,
        sender_name,
        subject: inbound::cut(m.subject().unwrap_or_default().trim(), 500),
    }
}

/// An id for a message without one: the same bytes always get the same id.
fn digest_id(raw: &[u8]) -> String {
    format!(
        "sha256-{}@switchboard.invalid",
        hex::encode(Sha256::digest(raw))
    )
}

/// Reads a message, or says why it cannot be filed (with its envelope, to record it by).
pub fn read(raw: &[u8], limits: &Limits) -> Result<Incoming, (Why, Envelope)> {
    if raw.len() as u64 > limits.max_bytes {
        return Err((Why::TooLarge, envelope(raw)));
    }
    let Some(m) = MessageParser::default().parse(raw) else {
        return Err((Why::Unreadable, envelope(raw)));
    };
    let envelope = envelope_of(&m, raw);
    if envelope.sender.is_empty() || !envelope.sender.contains('@') {
        return Err((Why::Unreadable, envelope));
    }
    if m.parts.len() > limits.max_parts {
        return Err((Why::TooManyParts, envelope));
    }
    if depth(&m, 0, limits.max_depth + 1) > limits.max_depth {
        return Err((Why::TooDeep, envelope));
    }
    let header_text = |name: &'static str| m.header_raw(name).map(str::trim);
    let content_type = m.content_type();
    let delivery_report = content_type.is_some_and(|ct| {
        ct.c_type.eq_ignore_ascii_case("multipart")
            && ct
                .c_subtype
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("report"))
            && ct
                .attribute("report-type")
                .is_some_and(|t| t.eq_ignore_ascii_case("delivery-status"))
    });
    let automatic = inbound::automatic(&Signals {
        auto_submitted: header_text("Auto-Submitted"),
        precedence: header_text("Precedence"),
        list_id: m.header_raw("List-Id").is_some(),
        autoreply_header: m.header_raw("X-Autoreply").is_some()
            || m.header_raw("X-Autorespond").is_some()
            || header_text("X-Auto-Response-Suppress").is_some_and(|v| {
                // Outlook sets it on its own automatic replies and on ordinary mail alike;
                // only "All" together with an automatic subject marks an automatic reply.
                v.eq_ignore_ascii_case("all") && automatic_subject(&envelope.subject)
            }),
        sender: &envelope.sender,
        delivery_report,
    });
    let bounced = if automatic == Some(Why::Bounce) {
        failed_recipients(raw)
    } else {
        Vec::new()
    };
    let mut recipients = Vec::new();
    for list in [m.to(), m.cc()].into_iter().flatten() {
        for a in list.iter() {
            if let Some(address) = a.address.as_deref() {
                recipients.push(address.trim().to_lowercase());
            }
        }
    }
    for value in m.header_values("Delivered-To") {
        if let Some(t) = value.as_text() {
            recipients.push(t.trim().to_lowercase());
        }
    }
    let mut answers = ids_of(m.in_reply_to());
    let mut references = ids_of(m.references());
    references.reverse();
    answers.extend(references);
    answers.dedup();
    let text = new_text(&m);
    let files = files_of(m);
    Ok(Incoming {
        envelope,
        recipients,
        answers,
        automatic,
        bounced,
        text,
        files,
    })
}

/// "Automatic reply:", "Out of office", "Abwesenheitsnotiz", "Risposta automatica".
fn automatic_subject(subject: &str) -> bool {
    let s = subject.to_lowercase();
    [
        "automatic reply",
        "auto reply",
        "autoreply",
        "out of office",
        "automatische antwort",
        "abwesenheit",
        "risposta automatica",
        "fuori sede",
    ]
    .iter()
    .any(|p| s.contains(p))
}

fn ids_of(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(t) => vec![inbound::bare_id(t)],
        HeaderValue::TextList(list) => list.iter().map(|t| inbound::bare_id(t)).collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|id| !id.is_empty())
    .collect()
}

/// How deeply the parts nest (multiparts and attached messages), counted up to `stop`.
fn depth(m: &Message<'_>, level: usize, stop: usize) -> usize {
    fn part_depth(m: &Message<'_>, part: &MessagePart<'_>, level: usize, stop: usize) -> usize {
        if level >= stop {
            return level;
        }
        match &part.body {
            PartType::Multipart(children) => children
                .iter()
                .filter_map(|&i| m.parts.get(i as usize))
                .map(|p| part_depth(m, p, level + 1, stop))
                .max()
                .unwrap_or(level),
            PartType::Message(inner) => depth(inner, level + 1, stop),
            _ => level,
        }
    }
    match m.parts.first() {
        Some(root) => part_depth(m, root, level, stop),
        None => level,
    }
}

/// The new text: the plain text part when there is one, else the HTML part turned into text,
/// without the quoted earlier conversation.
fn new_text(m: &Message<'_>) -> String {
    let plain = m
        .text_body
        .iter()
        .filter_map(|&i| m.parts.get(i as usize))
        .find_map(|p| match &p.body {
            PartType::Text(t) => Some(t.to_string()),
            _ => None,
        });
    let text = match plain {
        Some(t) => t,
        None => m
            .html_body
            .iter()
            .filter_map(|&i| m.parts.get(i as usize))
            .find_map(|p| match &p.body {
                PartType::Html(h) => Some(mail_parser::decoders::html::html_to_text(
                    inbound::html_before_quote(h),
                )),
                _ => None,
            })
            .unwrap_or_default(),
    };
    let text = text.replace("\r\n", "\n").replace('\u{a0}', " ");
    inbound::new_text(&text)
}

/// The files: attachments and inline images, but not a signature's small logos, nor the text
/// and HTML bodies themselves. Takes the message so each file's decoded bytes move out of it
/// rather than being copied (a 25 MB message is held once, not twice).
fn files_of(mut m: Message<'_>) -> Vec<Upload> {
    let html: String = m
        .html_body
        .iter()
        .filter_map(|&i| m.parts.get(i as usize))
        .filter_map(|p| match &p.body {
            PartType::Html(h) => Some(h.to_lowercase()),
            _ => None,
        })
        .collect();
    let mut kept = Vec::new();
    for (n, &i) in m.attachments.iter().enumerate() {
        let Some(part) = m.parts.get(i as usize) else {
            continue;
        };
        let len = match &part.body {
            PartType::Binary(b) | PartType::InlineBinary(b) => b.len(),
            PartType::Text(t) | PartType::Html(t) => t.len(),
            PartType::Message(inner) => inner.raw_message.len(),
            PartType::Multipart(_) => continue,
        };
        if len == 0 {
            continue;
        }
        // A logo in a signature is shown by the HTML through `cid:`; an inline photo someone
        // meant to send (Apple Mail marks attached images inline) is not.
        let named_in_html = part
            .content_id()
            .map(|id| inbound::bare_id(id).to_lowercase())
            .is_some_and(|id| !id.is_empty() && html.contains(&format!("cid:{id}")));
        let image = part
            .content_type()
            .is_some_and(|ct| ct.c_type.eq_ignore_ascii_case("image"));
        if image && named_in_html && len < SIGNATURE_IMAGE_BYTES {
            continue;
        }
        let name = part
            .attachment_name()
            .map(String::from)
            .unwrap_or_else(|| match &part.body {
                PartType::Message(_) => format!("message-{}.eml", n + 1),
                _ => format!("attachment-{}", n + 1),
            });
        kept.push((i as usize, name));
    }
    kept.into_iter()
        .filter_map(|(i, name)| {
            let bytes = match std::mem::take(&mut m.parts.get_mut(i)?.body) {
                PartType::Binary(b) | PartType::InlineBinary(b) => b.into_owned(),
                PartType::Text(t) | PartType::Html(t) => t.into_owned().into_bytes(),
                PartType::Message(inner) => inner.raw_message.into_owned(),
                PartType::Multipart(_) => return None,
            };
            Some(Upload { name, bytes })
        })
        .collect()
}

/// The addresses a delivery status report says failed (`Final-Recipient: rfc822; x@y` with
/// `Action: failed`).
fn failed_recipients(raw: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(raw);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let lower = line.trim().to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("final-recipient:") {
            current = rest
                .split(';')
                .next_back()
                .map(|a| a.trim().trim_matches(['<', '>']).to_string())
                .filter(|a| a.contains('@'));
        } else if lower.starts_with("action:") && lower.contains("failed") {
            if let Some(a) = current.take() {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_without_an_id_gets_one_from_its_bytes() {
        let raw = b"From: a@example.org\r\nSubject: hi\r\n\r\nbody\r\n";
        let a = envelope(raw);
        assert_eq!(a.message_id, envelope(raw).message_id);
        assert!(a.message_id.starts_with("sha256-"));
        assert_eq!(a.sender, "a@example.org");
    }

    #[test]
    fn a_sender_that_folds_into_another_address_is_nobody() {
        let raw = "From: \u{212a}im@example.org\r\nSubject: hi\r\n\r\nbody\r\n";
        let (why, held) = read(raw.as_bytes(), &Limits::default()).unwrap_err();
        assert_eq!((why, held.sender.as_str()), (Why::Unreadable, ""));
        let raw = b"From: Kim <KIM@Example.org>\r\nSubject: hi\r\n\r\nbody\r\n";
        assert_eq!(envelope(raw).sender, "kim@example.org");
    }

    #[test]
    fn limits_are_kept() {
        let raw = b"From: a@example.org\r\nSubject: hi\r\n\r\nbody\r\n";
        let tiny = Limits {
            max_bytes: 10,
            ..Limits::default()
        };
        assert_eq!(read(raw, &tiny).unwrap_err().0, Why::TooLarge);
        let mut nested = String::from("From: a@example.org\r\nSubject: deep\r\n");
        for i in 0..12 {
            nested.push_str(&format!(
                "Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\n"
            ));
        }
        nested.push_str("Content-Type: text/plain\r\n\r\nx\r\n");
        for i in (0..12).rev() {
            nested.push_str(&format!("--b{i}--\r\n"));
        }
        assert_eq!(
            read(nested.as_bytes(), &Limits::default()).unwrap_err().0,
            Why::TooDeep
        );
        let mut many = String::from(
            "From: a@example.org\r\nSubject: many\r\nContent-Type: multipart/mixed; boundary=\"x\"\r\n\r\n",
        );
        for _ in 0..300 {
            many.push_str("--x\r\nContent-Type: text/plain\r\n\r\npart\r\n");
        }
        many.push_str("--x--\r\n");
        assert_eq!(
            read(many.as_bytes(), &Limits::default()).unwrap_err().0,
            Why::TooManyParts
        );
        assert_eq!(
            read(b"Subject: nobody\r\n\r\nx", &Limits::default())
                .unwrap_err()
                .0,
            Why::Unreadable
        );
    }

    #[test]
    fn failed_recipients_come_from_the_report() {
        let report = "Final-Recipient: rfc822; gone@example.org\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\nFinal-Recipient: rfc822; slow@example.org\r\nAction: delayed\r\n";
        assert_eq!(
            failed_recipients(report.as_bytes()),
            vec!["gone@example.org".to_string()]
        );
    }
}
