//! Rules for mail that reaches the help desk, without any I/O: which messages were sent by a
//! machine (and must never be answered), which ticket a reply names, what of a reply's text is
//! new, and the title a new request gets.

use super::TicketNumber;

/// Why a message is ignored or held: a stable code, stored with the message and put into words
/// by the catalogue (`mail-why-<code>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Why {
    /// The same Message-ID was acted on already (a copy, or the mailbox fetched twice).
    Duplicate,
    /// An automatic answer (out of office, `Auto-Submitted`).
    AutoReply,
    /// A newsletter or list (`Precedence: bulk/junk/list`, `List-Id`).
    Bulk,
    /// A delivery status report: the address it names is marked as bouncing.
    Bounce,
    /// Mail from Switchboard's own address (a loop).
    OwnMail,
    /// Over the size limit.
    TooLarge,
    /// More parts than the limit.
    TooManyParts,
    /// Parts nested deeper than the limit.
    TooDeep,
    /// Not a readable message, or no sender address.
    Unreadable,
    /// The sender sent more than the hourly limit.
    Rate,
    /// From a domain the desk does not take mail from.
    Domain,
}

impl Why {
    pub fn code(self) -> &'static str {
        match self {
            Why::Duplicate => "duplicate",
            Why::AutoReply => "auto-reply",
            Why::Bulk => "bulk",
            Why::Bounce => "bounce",
            Why::OwnMail => "own-mail",
            Why::TooLarge => "too-large",
            Why::TooManyParts => "too-many-parts",
            Why::TooDeep => "too-deep",
            Why::Unreadable => "unreadable",
            Why::Rate => "rate",
            Why::Domain => "domain",
        }
    }

    /// The catalogue key of the reason, for any stored code (unknown ones read as unreadable).
    pub fn key_of(code: &str) -> &'static str {
        match code {
            "duplicate" => "mail-why-duplicate",
            "auto-reply" => "mail-why-auto-reply",
            "bulk" => "mail-why-bulk",
            "bounce" => "mail-why-bounce",
            "own-mail" => "mail-why-own-mail",
            "too-large" => "mail-why-too-large",
            "too-many-parts" => "mail-why-too-many-parts",
            "too-deep" => "mail-why-too-deep",
            "rate" => "mail-why-rate",
            "domain" => "mail-why-domain",
            _ => "mail-why-unreadable",
        }
    }
}

/// What a message's headers say about who sent it.
#[derive(Clone, Debug, Default)]
pub struct Signals<'a> {
    pub auto_submitted: Option<&'a str>,
    pub precedence: Option<&'a str>,
    pub list_id: bool,
    /// Microsoft's `X-Auto-Response-Suppress` or an `X-Autoreply`/`X-Autorespond` header.
    pub autoreply_header: bool,
    pub sender: &'a str,
    /// `multipart/report; report-type=delivery-status`.
    pub delivery_report: bool,
}

/// Whether a message was sent by a machine and must file nothing and answer nothing (RFC 3834):
/// answers why, or `None` for mail from a person.
pub fn automatic(s: &Signals<'_>) -> Option<Why> {
    let local = s
        .sender
        .rsplit_once('@')
        .map_or(s.sender, |(l, _)| l)
        .to_ascii_lowercase();
    if s.delivery_report || local == "mailer-daemon" || local == "postmaster" {
        return Some(Why::Bounce);
    }
    if s.auto_submitted
        .is_some_and(|v| !v.trim().eq_ignore_ascii_case("no"))
        || s.autoreply_header
    {
        return Some(Why::AutoReply);
    }
    if s.precedence.is_some_and(|p| {
        matches!(
            p.trim().to_ascii_lowercase().as_str(),
            "bulk" | "junk" | "list"
        )
    }) || s.list_id
    {
        return Some(Why::Bulk);
    }
    None
}

/// A Message-ID without its angle brackets and spaces.
pub fn bare_id(id: &str) -> String {
    id.trim()
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim()
        .to_string()
}

/// The outbox row a Message-ID that Switchboard sent names (`outbox-7@host` or, for a digest,
/// `outbox-7-8@host`).
pub fn outbox_id(message_id: &str) -> Option<i64> {
    let id = bare_id(message_id);
    let (local, _) = id.split_once('@')?;
    let rest = local.strip_prefix("outbox-")?;
    rest.split('-').next()?.parse().ok()
}

/// The ticket a subject names in brackets (`[SB-1042]`), or plainly after a reply prefix
/// (`Re: SB-1042 received`).
pub fn ticket_in_subject(subject: &str) -> Option<TicketNumber> {
    let lower = subject.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("[sb-") {
        let start = from + at + 1;
        if let Some(end) = lower[start..].find(']') {
            if let Some(n) = TicketNumber::parse(&subject[start..start + end]) {
                return Some(n);
            }
        }
        from = start;
    }
    let (stripped, replied) = strip_prefixes(subject);
    if !replied {
        return None;
    }
    stripped
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | '(' | ')'))
        .find_map(|w| {
            w.to_ascii_lowercase()
                .starts_with("sb-")
                .then(|| TicketNumber::parse(w))
                .flatten()
        })
}

/// The ticket a per-ticket reply address names: `helpdesk+sb-1042@example.org`.
pub fn ticket_in_address(address: &str) -> Option<TicketNumber> {
    let (local, _) = address.rsplit_once('@')?;
    let (_, tag) = local.split_once('+')?;
    let tag = tag.to_ascii_lowercase();
    tag.starts_with("sb-")
        .then(|| TicketNumber::parse(&tag))
        .flatten()
}

/// The reply address of a ticket on the desk's address: `helpdesk@x` → `helpdesk+sb-1042@x`.
pub fn reply_address(desk: &str, number: TicketNumber) -> Option<String> {
    let (local, domain) = desk.rsplit_once('@')?;
    let local = local.split('+').next().unwrap_or(local);
    Some(format!(
        "{local}+{}@{domain}",
        number.to_string().to_ascii_lowercase()
    ))
}

/// A subject with the number in brackets so every reply carries it: the first plain mention
/// of the number is bracketed, or the number goes in front.
pub fn subject_with_number(subject: &str, number: TicketNumber) -> String {
    let n = number.to_string();
    let bracketed = format!("[{n}]");
    if subject.contains(&bracketed) {
        subject.to_string()
    } else if subject.contains(&n) {
        subject.replacen(&n, &bracketed, 1)
    } else {
        format!("{bracketed} {subject}")
    }
}

/// Reply and forward prefixes mail programs put before a subject, in the desk's languages.
const PREFIXES: &[&str] = &[
    "re",
    "aw",
    "r",
    "rif",
    "fw",
    "fwd",
    "wg",
    "i",
    "tr",
    "sv",
    "antw",
    "automatic reply",
    "automatische antwort",
    "risposta automatica",
];

/// A subject without its reply and forward prefixes, and whether it had any.
fn strip_prefixes(subject: &str) -> (&str, bool) {
    let mut s = subject.trim();
    let mut replied = false;
    'again: loop {
        for p in PREFIXES {
            if s.len() > p.len()
                && s.is_char_boundary(p.len())
                && s[..p.len()].eq_ignore_ascii_case(p)
            {
                let rest = s[p.len()..].trim_start();
                // "Re:", "AW:", "Re[2]:"
                let rest = rest
                    .strip_prefix('[')
                    .and_then(|r| r.split_once(']').map(|(_, r)| r))
                    .unwrap_or(rest);
                if let Some(rest) = rest.strip_prefix(':') {
                    s = rest.trim_start();
                    replied = true;
                    continue 'again;
                }
            }
        }
        return (s, replied);
    }
}

/// The title a request by mail gets: its subject without prefixes, else the first line of its
/// text, cut to the title's limit; none when neither has three characters.
pub fn title_from(subject: &str, text: &str) -> Option<String> {
    let (s, _) = strip_prefixes(subject);
    let s = s.trim();
    let title = if s.chars().count() >= 3 {
        Some(s)
    } else {
        text.lines().map(str::trim).find(|l| l.chars().count() >= 3)
    };
    title.map(|t| cut(t, 200))
}

/// At most `max` characters, with an ellipsis when cut.
pub fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// Where the earlier conversation starts in an HTML body: Gmail's and Outlook's quote
/// containers and a cited blockquote. The text before it is what is new.
pub fn html_before_quote(html: &str) -> &str {
    let lower = html.to_ascii_lowercase();
    let marks = [
        "<div class=\"gmail_quote",
        "<div id=\"divrplyfwdmsg\"",
        "<div id=\"appendonsend\"",
        "<blockquote type=\"cite\"",
        "<div class=\"moz-cite-prefix\"",
        "<hr id=\"stopspelling\"",
    ];
    let cut = marks.iter().filter_map(|m| lower.find(m)).min();
    match cut {
        Some(at) if html.is_char_boundary(at) => &html[..at],
        _ => html,
    }
}

/// The new part of a reply's plain text: the earlier conversation (an attribution line such
/// as "On … wrote:", Outlook's "From: … Sent: …" block, "-----Original Message-----") and
/// everything after it, lines quoted with `>`, and a signature after "-- " are folded away.
/// A message that is nothing but quotation keeps its text.
pub fn new_text(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        if starts_earlier_conversation(&lines, i) {
            end = i;
            break;
        }
        if *line == "-- " || *line == "--" {
            end = i;
            break;
        }
    }
    let kept: Vec<&str> = lines[..end]
        .iter()
        .copied()
        .filter(|l| !l.trim_start().starts_with('>'))
        // Outlook's plain text names inline images: "[cid:image001.png@01DA…]".
        .filter(|l| !(l.trim().starts_with("[cid:") && l.trim().ends_with(']')))
        .collect();
    let joined = kept.join("\n");
    let trimmed = joined.trim();
    if trimmed.is_empty() {
        text.trim().to_string()
    } else {
        trimmed.to_string()
    }
}

/// Whether line `i` starts the quoted earlier conversation.
fn starts_earlier_conversation(lines: &[&str], i: usize) -> bool {
    let line = lines[i].trim();
    let lower = line.to_lowercase();
    if lower.starts_with("-----original message")
        || lower.starts_with("-----ursprüngliche nachricht")
        || lower.starts_with("-----messaggio originale")
        || lower.starts_with("-------- original message")
        || lower.starts_with("-------- ursprüngliche nachricht")
        || lower.starts_with("-------- messaggio originale")
    {
        return true;
    }
    // Outlook: a rule, then "From:"/"Von:"/"Da:" and "Sent:"/"Gesendet:"/"Inviato:".
    let header = |l: &str, names: &[&str]| {
        let l = l.trim().to_lowercase();
        names.iter().any(|n| l.starts_with(n))
    };
    if header(line, &["from:", "von:", "da:"]) {
        let next: Vec<&str> = lines.iter().skip(i + 1).take(4).copied().collect();
        if next.iter().any(|l| {
            header(
                l,
                &["sent:", "gesendet:", "inviato:", "date:", "datum:", "data:"],
            )
        }) {
            return true;
        }
    }
    if line.starts_with("________________") {
        return lines
            .iter()
            .skip(i + 1)
            .find(|l| !l.trim().is_empty())
            .is_some_and(|l| header(l, &["from:", "von:", "da:"]));
    }
    // "On Tue, 1 Dec 2026 at 09:14, X <x@y> wrote:" (perhaps wrapped over two lines),
    // "Am … schrieb …:", "Il giorno … ha scritto:".
    let two = match lines.get(i + 1) {
        Some(next) => format!("{lower} {}", next.trim().to_lowercase()),
        None => lower.clone(),
    };
    let attribution = |s: &str| {
        (s.starts_with("on ") && s.ends_with("wrote:"))
            || (s.starts_with("am ") && s.ends_with("schrieb:"))
            || (s.starts_with("am ") && s.contains(" schrieb ") && s.ends_with(':'))
            || (s.starts_with("il ") && s.ends_with("ha scritto:"))
            || (s.starts_with("le ") && s.ends_with("a écrit :"))
    };
    attribution(&lower)
        || (attribution(&two)
            && lines
                .get(i + 2)
                .is_some_and(|l| l.trim_start().starts_with('>') || l.trim().is_empty()))
}

/// Words of thanks in English, German and Italian.
const THANKS: &[&str] = &[
    "thanks", "thank", "thx", "cheers", "danke", "dank", "vielen", "merci", "grazie", "mille",
];

/// Words that say something is still wrong, whatever else a short reply says.
const STILL_WRONG: &[&str] = &[
    "not",
    "still",
    "again",
    "but",
    "doesn",
    "don",
    "isn",
    "won",
    "can",
    "cannot",
    "broken",
    "nicht",
    "noch",
    "wieder",
    "aber",
    "kein",
    "keine",
    "leider",
    "geht",
    "non",
    "ancora",
    "però",
    "pero",
    "ma",
    "purtroppo",
    "di",
    "nuovo",
];

/// Whether a reply's new text only says thank you ("Thanks, works now!", "Vielen Dank!",
/// "Grazie mille"): a short reply with a word of thanks and nothing saying it is still wrong.
/// Such a reply to a resolved ticket is kept as a note and does not reopen it.
pub fn only_thanks(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() <= 12
        && words.iter().any(|w| THANKS.contains(&w.as_str()))
        && !words.iter().any(|w| STILL_WRONG.contains(&w.as_str()))
}

/// The domain of an address, lower-cased.
pub fn domain_of(address: &str) -> Option<String> {
    address
        .rsplit_once('@')
        .map(|(_, d)| d.trim().to_ascii_lowercase())
        .filter(|d| !d.is_empty())
}

#[cfg(test)]
mod tests;
