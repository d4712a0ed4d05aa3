//! Canned replies: what staff say every day, kept once and inserted into a note by typing
//! `::` and its shortcut. A reply is a shortcut with a text per language; its placeholders are
//! filled from the ticket. No I/O: the server stores and chooses, the pages submit drafts
//! checked here.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// What a note box types before a shortcut to look for a reply.
pub const TRIGGER: &str = "::";
/// The longest reply, in characters.
pub const BODY_MAX: usize = 5_000;
/// The longest shortcut, in characters.
pub const SHORTCUT_MAX: usize = 40;

/// The placeholders a reply may hold, as written in it (`{first_name}`), with the catalogue key
/// that says what each becomes.
pub const PLACEHOLDERS: [(&str, &str); 5] = [
    ("first_name", "reply-placeholder-first-name"),
    ("ticket", "reply-placeholder-ticket"),
    ("title", "reply-placeholder-title"),
    ("my_name", "reply-placeholder-my-name"),
    ("assignee", "reply-placeholder-assignee"),
];

/// A canned reply as its owner (or, for a shared one, a coordinator) keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CannedReply {
    pub id: i64,
    pub shortcut: String,
    pub language: Lang,
    pub body: String,
    /// Shared with all staff (kept by coordinators); otherwise the reader's own.
    pub shared: bool,
    /// The reader may change or delete it.
    pub editable: bool,
    pub version: i64,
}

/// A reply offered in a ticket's note box: its text in the language chosen for the ticket's
/// requester, the placeholders filled.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReplyChoice {
    pub shortcut: String,
    pub language: Lang,
    pub shared: bool,
    pub text: String,
}

/// A reply as the page submits it; every field text, checked by `parse`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReplyDraft {
    pub shortcut: String,
    /// A language code (`en`, `de`, `it`).
    pub language: String,
    pub body: String,
    /// `mine` (or empty) or `shared`: shared with all staff, kept by coordinators.
    #[serde(default)]
    pub scope: String,
}

/// A checked reply.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidReply {
    pub shortcut: String,
    pub language: Lang,
    pub body: String,
    pub shared: bool,
}

impl ReplyDraft {
    /// The checked reply, or every bad field with the catalogue key of what is wrong.
    pub fn parse(&self) -> Result<ValidReply, Vec<(String, String)>> {
        let mut errors: Vec<(String, String)> = Vec::new();
        let mut fail = |field: &str, key: &str| errors.push((field.into(), key.into()));
        let shortcut = self
            .shortcut
            .trim()
            .trim_start_matches(TRIGGER)
            .to_lowercase();
        if shortcut.is_empty() {
            fail("shortcut", "err-reply-shortcut-empty");
        } else if shortcut.chars().count() > SHORTCUT_MAX || !shortcut.chars().all(shortcut_char) {
            fail("shortcut", "err-reply-shortcut");
        }
        let language = Lang::parse(&self.language).unwrap_or_else(|| {
            fail("language", "err-reply-language");
            Lang::En
        });
        let body = self.body.trim().replace("\r\n", "\n");
        if body.is_empty() {
            fail("body", "err-reply-body-empty");
        } else if body.chars().count() > BODY_MAX {
            fail("body", "err-reply-body-too-long");
        } else if placeholders_in(&body)
            .iter()
            .any(|p| !PLACEHOLDERS.iter().any(|(known, _)| known == p))
        {
            fail("body", "err-reply-placeholder");
        }
        let shared = match self.scope.trim() {
            "" | "mine" => false,
            "shared" => true,
            _ => {
                fail("scope", "err-reply-scope");
                false
            }
        };
        if errors.is_empty() {
            Ok(ValidReply {
                shortcut,
                language,
                body,
                shared,
            })
        } else {
            Err(errors)
        }
    }
}

/// Letters, digits, `-` and `_`: what a shortcut is made of, and where typing one ends.
pub fn shortcut_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// The names between braces in `body` that look like placeholders (`{word}`).
fn placeholders_in(body: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close)
                if after[..close]
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '_') =>
            {
                if close > 0 {
                    found.push(&after[..close]);
                }
                rest = &after[close + 1..];
            }
            _ => rest = after,
        }
    }
    found
}

/// What the placeholders of a reply become on one ticket.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filling {
    pub first_name: String,
    pub ticket: String,
    pub title: String,
    pub my_name: String,
    /// The assignee's name, or the writer's when nobody is assigned.
    pub assignee: String,
}

/// The reply's text with its placeholders filled; anything else in braces is kept as written.
pub fn fill(body: &str, with: &Filling) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            let value = match name {
                "first_name" => &with.first_name,
                "ticket" => &with.ticket,
                "title" => &with.title,
                "my_name" => &with.my_name,
                "assignee" => &with.assignee,
                _ => return None,
            };
            Some((value, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One reply per shortcut, in the first of `languages` it exists in; in one language the
/// reader's own before a shared one. Sorted by shortcut.
pub fn choose(replies: &[CannedReply], languages: &[Lang]) -> Vec<CannedReply> {
    let rank = |r: &CannedReply| {
        let lang = languages
            .iter()
            .position(|l| *l == r.language)
            .unwrap_or(languages.len());
        (lang, r.shared, r.language.code())
    };
    let mut sorted: Vec<&CannedReply> = replies.iter().collect();
    sorted.sort_by(|a, b| a.shortcut.cmp(&b.shortcut).then(rank(a).cmp(&rank(b))));
    let mut chosen: Vec<CannedReply> = Vec::new();
    for r in sorted {
        if chosen.last().is_none_or(|c| c.shortcut != r.shortcut) {
            chosen.push(r.clone());
        }
    }
    chosen
}

/// The shortcut being typed at the end of `before` (the text before the caret): the word after
/// the last `::`, when nothing but shortcut characters follow it. `Some("")` right after `::`.
pub fn typed_shortcut(before: &str) -> Option<(usize, &str)> {
    let at = before.rfind(TRIGGER)?;
    let word = &before[at + TRIGGER.len()..];
    word.chars().all(shortcut_char).then_some((at, word))
}

/// The choices whose shortcut starts with `typed` (or holds it), best first, at most `limit`.
pub fn matching<'a>(choices: &'a [ReplyChoice], typed: &str, limit: usize) -> Vec<&'a ReplyChoice> {
    let typed = typed.to_lowercase();
    let mut found: Vec<&ReplyChoice> = choices
        .iter()
        .filter(|c| c.shortcut.starts_with(&typed))
        .collect();
    found.extend(
        choices
            .iter()
            .filter(|c| !c.shortcut.starts_with(&typed) && c.shortcut.contains(&typed)),
    );
    found.truncate(limit);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(shortcut: &str, language: &str, body: &str) -> ReplyDraft {
        ReplyDraft {
            shortcut: shortcut.into(),
            language: language.into(),
            body: body.into(),
            scope: String::new(),
        }
    }

    fn errors(d: ReplyDraft) -> Vec<String> {
        d.parse()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|(field, key)| format!("{field}:{key}"))
            .collect()
    }

    #[test]
    fn a_reply_is_checked_field_by_field() {
        let ok = draft(
            " ::Restart ",
            "de-CH",
            "Hallo {first_name},\r\nbitte neu starten.",
        )
        .parse()
        .unwrap();
        assert_eq!(ok.shortcut, "restart");
        assert_eq!(ok.language, Lang::De);
        assert_eq!(ok.body, "Hallo {first_name},\nbitte neu starten.");
        assert_eq!(
            errors(draft("", "xx", "")),
            [
                "shortcut:err-reply-shortcut-empty",
                "language:err-reply-language",
                "body:err-reply-body-empty"
            ]
        );
        let shared = ReplyDraft {
            scope: "shared".into(),
            ..draft("ok", "it", "Ciao")
        };
        assert!(shared.parse().unwrap().shared);
        let odd = ReplyDraft {
            scope: "everyone".into(),
            ..draft("ok", "it", "Ciao")
        };
        assert_eq!(errors(odd), ["scope:err-reply-scope"]);
        assert_eq!(
            errors(draft("no spaces", "en", "x")),
            ["shortcut:err-reply-shortcut"]
        );
        assert_eq!(
            errors(draft("<script>", "en", "x")),
            ["shortcut:err-reply-shortcut"]
        );
        assert_eq!(
            errors(draft(&"a".repeat(41), "en", "x")),
            ["shortcut:err-reply-shortcut"]
        );
        assert_eq!(
            errors(draft("ok", "en", &"x".repeat(BODY_MAX + 1))),
            ["body:err-reply-body-too-long"]
        );
        assert_eq!(
            errors(draft("ok", "en", "Hi {frist_name}")),
            ["body:err-reply-placeholder"]
        );
        // Braces that are not placeholders are text.
        assert!(draft("ok", "en", "if (x) { y } and {} and {a b}")
            .parse()
            .is_ok());
    }

    #[test]
    fn placeholders_are_filled_and_the_rest_kept() {
        let with = Filling {
            first_name: "Anna".into(),
            ticket: "SB-12".into(),
            title: "Printer".into(),
            my_name: "Tom Tech".into(),
            assignee: "Tina".into(),
        };
        assert_eq!(
            fill(
                "Hi {first_name}, {ticket} ({title}): {my_name}/{assignee} {x} {",
                &with
            ),
            "Hi Anna, SB-12 (Printer): Tom Tech/Tina {x} {"
        );
        // A value is never read again as a placeholder.
        let tricky = Filling {
            first_name: "{ticket}".into(),
            ..with
        };
        assert_eq!(fill("{first_name}", &tricky), "{ticket}");
        assert_eq!(fill("ünï {ticket}€", &tricky), "ünï SB-12€");
    }

    fn reply(id: i64, shortcut: &str, language: Lang, shared: bool) -> CannedReply {
        CannedReply {
            id,
            shortcut: shortcut.into(),
            language,
            body: format!("{id}"),
            shared,
            editable: !shared,
            version: 1,
        }
    }

    #[test]
    fn one_reply_per_shortcut_in_the_best_language() {
        let all = [
            reply(1, "restart", Lang::En, true),
            reply(2, "restart", Lang::De, true),
            reply(3, "vpn", Lang::It, true),
            reply(4, "vpn", Lang::En, false),
            reply(5, "hello", Lang::De, false),
        ];
        let ids =
            |langs: &[Lang]| -> Vec<i64> { choose(&all, langs).iter().map(|r| r.id).collect() };
        assert_eq!(ids(&[Lang::De, Lang::En]), [5, 2, 4]);
        // The requester's language wins over the writer's own reply in another.
        assert_eq!(ids(&[Lang::It]), [5, 2, 3]);
        assert_eq!(ids(&[]), [5, 2, 4]);
    }

    #[test]
    fn the_shortcut_being_typed_is_found_before_the_caret() {
        assert_eq!(typed_shortcut("Hello ::res"), Some((6, "res")));
        assert_eq!(typed_shortcut("::"), Some((0, "")));
        assert_eq!(typed_shortcut("::res tart"), None);
        assert_eq!(typed_shortcut("no trigger"), None);
        assert_eq!(typed_shortcut("a::b::grüße"), Some((4, "grüße")));
        let choices: Vec<ReplyChoice> = ["restart", "vpn-reset", "reset"]
            .iter()
            .map(|s| ReplyChoice {
                shortcut: s.to_string(),
                language: Lang::En,
                shared: true,
                text: String::new(),
            })
            .collect();
        let found = |typed| -> Vec<&str> {
            matching(&choices, typed, 5)
                .iter()
                .map(|c| c.shortcut.as_str())
                .collect()
        };
        assert_eq!(found("res"), ["restart", "reset", "vpn-reset"]);
        assert_eq!(found("RES"), ["restart", "reset", "vpn-reset"]);
        assert_eq!(found(""), ["restart", "vpn-reset", "reset"]);
        assert!(found("zzz").is_empty());
        assert_eq!(matching(&choices, "", 2).len(), 2);
    }
}
