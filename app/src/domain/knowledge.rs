//! The knowledge base and past fixes: what an article is, who reads it, and how text is turned
//! into the words that find similar articles and resolved tickets. No I/O: the server stores
//! and searches, the pages and the REST API submit drafts checked here.

use super::closed_enum;
use serde::{Deserialize, Serialize};

closed_enum!(
    /// Who may read an article: everyone (requesters too, and the public help pages) or staff.
    Audience { Everyone => "everyone", Staff => "staff" }
);

closed_enum!(
    /// A draft is read by staff only; coordinators publish.
    ArticleState { Draft => "draft", Published => "published" }
);

impl Audience {
    pub fn label_key(self) -> &'static str {
        match self {
            Audience::Everyone => "kb-audience-everyone",
            Audience::Staff => "kb-audience-staff",
        }
    }
}

impl ArticleState {
    pub fn label_key(self) -> &'static str {
        match self {
            ArticleState::Draft => "kb-state-draft",
            ArticleState::Published => "kb-state-published",
        }
    }
}

/// The longest article body, in characters.
pub const BODY_MAX: usize = 50_000;
/// The most tags an article keeps.
pub const TAGS_MAX: usize = 12;

/// An article as a form or the API submits it; every field text, checked by `parse`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ArticleDraft {
    pub title: String,
    /// Markdown (CommonMark).
    pub body: String,
    /// A category's slug, or empty for none.
    #[serde(default)]
    pub category: String,
    /// Comma-separated.
    #[serde(default)]
    pub tags: String,
    /// `everyone` or `staff`.
    #[serde(default)]
    pub audience: String,
    /// `draft` or `published`; empty keeps what the article is (a new one starts as a draft).
    #[serde(default)]
    pub state: String,
    /// The resolved ticket the article was made from (`SB-1042`), or empty.
    #[serde(default)]
    pub source_ticket: String,
}

/// A checked article draft.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidArticle {
    pub title: String,
    pub body: String,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub audience: Audience,
    pub state: Option<ArticleState>,
    pub source_ticket: Option<super::TicketNumber>,
}

impl ArticleDraft {
    /// The checked article, or every bad field with the catalogue key of what is wrong.
    pub fn parse(&self) -> Result<ValidArticle, Vec<(String, String)>> {
        let mut errors: Vec<(String, String)> = Vec::new();
        let mut fail = |field: &str, key: &str| errors.push((field.into(), key.into()));
        let title = self.title.trim().to_string();
        match title.chars().count() {
            0..=2 => fail("title", "err-kb-title-too-short"),
            161.. => fail("title", "err-kb-title-too-long"),
            _ => {}
        }
        let body = self.body.trim().replace("\r\n", "\n");
        if body.is_empty() {
            fail("body", "err-kb-body-empty");
        } else if body.chars().count() > BODY_MAX {
            fail("body", "err-kb-body-too-long");
        }
        let tags = tags_of(&self.tags);
        if tags.len() > TAGS_MAX || tags.iter().any(|t| t.chars().count() > 40) {
            fail("tags", "err-kb-tags");
        }
        let audience = match self.audience.trim() {
            "" => Audience::Everyone,
            a => a.parse().unwrap_or_else(|_| {
                fail("audience", "err-kb-audience");
                Audience::Everyone
            }),
        };
        let state = match self.state.trim() {
            "" => None,
            s => s.parse().map(Some).unwrap_or_else(|_| {
                fail("state", "err-kb-state");
                None
            }),
        };
        let source_ticket = match self.source_ticket.trim() {
            "" => None,
            n => super::TicketNumber::parse(n).or_else(|| {
                fail("source_ticket", "err-ticket-number");
                None
            }),
        };
        let category = Some(self.category.trim().to_string()).filter(|c| !c.is_empty());
        if errors.is_empty() {
            Ok(ValidArticle {
                title,
                body,
                category,
                tags,
                audience,
                state,
                source_ticket,
            })
        } else {
            Err(errors)
        }
    }
}

/// Tags as typed (`vpn, Printer ,vpn`): trimmed, lower-cased, each once, in order.
pub fn tags_of(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(|t| t.trim().to_lowercase()) {
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

/// Words too common in English, German or Italian help requests to say what one is about.
const STOP_WORDS: &[&str] = &[
    // English
    "the",
    "and",
    "for",
    "not",
    "but",
    "with",
    "from",
    "this",
    "that",
    "have",
    "has",
    "was",
    "are",
    "can",
    "cannot",
    "cant",
    "does",
    "doesnt",
    "dont",
    "any",
    "all",
    "our",
    "you",
    "your",
    "its",
    "when",
    "what",
    "since",
    "again",
    "there",
    "please",
    "help",
    "hello",
    "thanks",
    "thank",
    "get",
    "got",
    "into",
    "out",
    "now",
    "any",
    "some",
    "after",
    "before",
    "work",
    "working",
    "works",
    "problem",
    "issue",
    "today",
    "morning",
    "still",
    "just",
    "also",
    "will",
    "would",
    "could",
    "should",
    "how",
    "why",
    "who",
    "which",
    "they",
    "them",
    "their",
    "then",
    "than",
    // German
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einen",
    "einem",
    "einer",
    "und",
    "oder",
    "aber",
    "nicht",
    "kein",
    "keine",
    "mit",
    "von",
    "für",
    "auf",
    "ist",
    "sind",
    "war",
    "bei",
    "seit",
    "mein",
    "meine",
    "meinen",
    "mir",
    "mich",
    "ich",
    "wir",
    "sie",
    "hallo",
    "bitte",
    "danke",
    "geht",
    "funktioniert",
    "mehr",
    "noch",
    "auch",
    "nur",
    "wenn",
    "wie",
    "was",
    "heute",
    "problem",
    "kann",
    "können",
    "wird",
    "wurde",
    "habe",
    "hat",
    "haben",
    // Italian
    "il",
    "lo",
    "la",
    "gli",
    "le",
    "un",
    "uno",
    "una",
    "che",
    "non",
    "per",
    "con",
    "del",
    "della",
    "dei",
    "delle",
    "nel",
    "nella",
    "sul",
    "sulla",
    "mio",
    "mia",
    "miei",
    "mie",
    "sono",
    "è",
    "ho",
    "ha",
    "hanno",
    "anche",
    "più",
    "ciao",
    "grazie",
    "funziona",
    "problema",
    "oggi",
    "come",
    "quando",
    "dal",
    "dalla",
    "alla",
    "allo",
    "questo",
    "questa",
    "posso",
];

/// Endings cut from a word so that its other forms are found by prefix (`printing` → `print`,
/// `Druckers` → `drucker`, `stampante` → `stampant`): a light stemmer for English, German and
/// Italian that behaves the same on both database backends. Longest first.
const ENDINGS: &[&str] = &[
    "ations", "ation", "zioni", "zione", "ungen", "ments", "ment", "ings", "ung", "ing", "ers",
    "ern", "ies", "ied", "ed", "es", "en", "er", "e", "s", "i", "o", "a", "n",
];

/// The stem of a lower-cased word: an ending cut off while at least four letters stay.
pub fn stem(word: &str) -> String {
    let len = word.chars().count();
    for ending in ENDINGS {
        let cut = ending.chars().count();
        if word.ends_with(ending) && len >= cut + 4 {
            return word[..word.len() - ending.len()].to_string();
        }
    }
    word.to_string()
}

/// The words of `text` that say what it is about, stemmed, each once, the first `max` of them:
/// letters and digits only (no search syntax survives), lower-cased, at least three characters,
/// none of the common words of the three languages.
pub fn keywords(text: &str, max: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if words.len() >= max {
            break;
        }
        let word = word.to_lowercase();
        if word.chars().count() < 3
            || STOP_WORDS.contains(&word.as_str())
            || word.chars().all(|c| c.is_ascii_digit())
        {
            continue;
        }
        let stem = stem(&word);
        if !words.contains(&stem) {
            words.push(stem);
        }
    }
    words
}

/// The weights of a past fix's parts when it is ranked: its title, description and resolution.
pub const SOLVED_WEIGHTS: [f64; 3] = [2.0, 1.0, 2.0];

/// Orders `docs` (each one's parts, weighed by `weights`) by how well they answer `words`
/// (stems, found as word prefixes, accents ignored), best first; ties keep their given order.
/// BM25 as the full-text engines compute it, with each word's rarity judged among `docs`:
/// the same ranking on both database backends, and cheaper than the engines' own, which
/// count every word across the whole index.
pub fn rank<const N: usize>(words: &[String], docs: &[[&str; N]], weights: [f64; N]) -> Vec<usize> {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    let words: Vec<String> = words.iter().map(|w| folded(w)).collect();
    // Per document: each word's weighted count, and its length in words.
    let mut counts = vec![0.0f64; docs.len() * words.len()];
    let mut lengths = Vec::with_capacity(docs.len());
    let mut token = String::new();
    for (d, parts) in docs.iter().enumerate() {
        let mut length = 0usize;
        for (part, weight) in parts.iter().zip(weights) {
            for raw in part
                .split(|c: char| !c.is_alphanumeric())
                .filter(|t| !t.is_empty())
            {
                length += 1;
                token.clear();
                token.extend(raw.chars().flat_map(char::to_lowercase).map(unaccented));
                for (w, word) in words.iter().enumerate() {
                    if token.starts_with(word.as_str()) {
                        counts[d * words.len() + w] += weight;
                    }
                }
            }
        }
        lengths.push(length as f64);
    }
    let n = docs.len() as f64;
    let average = (lengths.iter().sum::<f64>() / n.max(1.0)).max(1.0);
    let rarity: Vec<f64> = (0..words.len())
        .map(|w| {
            let having = (0..docs.len())
                .filter(|d| counts[d * words.len() + w] > 0.0)
                .count() as f64;
            ((n - having + 0.5) / (having + 0.5) + 1.0).ln()
        })
        .collect();
    let scores: Vec<f64> = (0..docs.len())
        .map(|d| {
            let norm = K1 * (1.0 - B + B * lengths[d] / average);
            (0..words.len())
                .map(|w| {
                    let f = counts[d * words.len() + w];
                    rarity[w] * f * (K1 + 1.0) / (f + norm)
                })
                .sum()
        })
        .collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]));
    order
}

/// A word lower-cased without its accents, as the search engines index it.
fn folded(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(unaccented)
        .collect()
}

/// A lower-case letter without its accent (the letters of English, German and Italian).
fn unaccented(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        other => other,
    }
}

/// A plain-text excerpt of Markdown: the first `max` characters of its words, without marks.
pub fn excerpt(markdown: &str, max: usize) -> String {
    let plain: String = markdown
        .lines()
        .map(|l| l.trim_start_matches(['#', '>', '-', '*', ' ', '`']).trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['*', '_', '`'], "");
    if plain.chars().count() <= max {
        plain
    } else {
        let cut: String = plain.chars().take(max).collect();
        let end = cut.rfind(' ').unwrap_or(cut.len());
        format!("{}…", cut[..end].trim_end())
    }
}

/// Who asked, as far as a ticket names them: taken out of an article made from the ticket.
#[derive(Clone, Debug, Default)]
pub struct Personal<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub contact: Option<&'a str>,
    pub asset_tag: Option<&'a str>,
}

/// `text` without the requester's personal details: their name (and first and last name on
/// their own), address, contact and asset tag, any other email address and any phone number,
/// each replaced by `placeholder`.
pub fn without_personal(text: &str, who: &Personal<'_>, placeholder: &str) -> String {
    let mut out = text.to_string();
    let mut known: Vec<&str> = vec![who.name, who.email];
    known.extend(
        who.name
            .split_whitespace()
            .filter(|p| p.chars().count() >= 3),
    );
    known.extend(who.contact);
    known.extend(who.asset_tag);
    known.retain(|k| !k.trim().is_empty());
    // Longest first, so a full name goes before its parts.
    known.sort_by_key(|k| std::cmp::Reverse(k.len()));
    for k in known {
        out = replace_word_ci(&out, k.trim(), placeholder);
    }
    out.split_inclusive(char::is_whitespace)
        .map(|token| {
            let word = token.trim_end();
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '+');
            let is_email = bare.contains('@') && bare.contains('.');
            let digits = bare.chars().filter(|c| c.is_ascii_digit()).count();
            let is_phone = digits >= 7
                && bare
                    .chars()
                    .all(|c| c.is_ascii_digit() || "+-/(). ".contains(c));
            if (is_email || is_phone) && !bare.is_empty() {
                token.replacen(bare, placeholder, 1)
            } else {
                token.to_string()
            }
        })
        .collect()
}

/// `text` with every whole-word, case-insensitive occurrence of `needle` replaced.
fn replace_word_ci(text: &str, needle: &str, with: &str) -> String {
    if needle.is_empty() {
        return text.to_string();
    }
    let lower = text.to_lowercase();
    let target = needle.to_lowercase();
    // Lower-casing can change lengths outside ASCII; keep the text as it is then.
    if lower.len() != text.len() || target.len() != needle.len() {
        return text.replace(needle, with);
    }
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    while let Some(found) = lower[at..].find(&target) {
        let start = at + found;
        let end = start + target.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        out.push_str(&text[at..start]);
        if is_word(before) || is_word(after) {
            out.push_str(&text[start..end]);
        } else {
            out.push_str(with);
        }
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// A past fix or an article inserted into a note ("Insert" beside a ticket), as the note form
/// carries it: `ticket:12 article:4` (row ids, separated by spaces).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reused {
    Article(i64),
    Ticket(i64),
}

impl Reused {
    /// The most kept from one note; more are ignored.
    pub const MAX: usize = 10;

    pub fn token(self) -> String {
        match self {
            Reused::Article(id) => format!("article:{id}"),
            Reused::Ticket(id) => format!("ticket:{id}"),
        }
    }

    /// The tokens of a form field; anything else in it is ignored, each source counted once.
    pub fn parse_list(field: &str) -> Vec<Reused> {
        let mut found = Vec::new();
        for token in field.split_whitespace() {
            let parsed = match token.split_once(':') {
                Some(("article", id)) => id.parse().ok().map(Reused::Article),
                Some(("ticket", id)) => id.parse().ok().map(Reused::Ticket),
                _ => None,
            };
            if let Some(r) = parsed.filter(|r| !found.contains(r)) {
                found.push(r);
            }
            if found.len() == Self::MAX {
                break;
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reused_answers_are_read_from_the_note_form() {
        assert_eq!(
            Reused::parse_list("ticket:12 article:4 ticket:12 article:x tickets:3 <b> article:-1"),
            vec![Reused::Ticket(12), Reused::Article(4), Reused::Article(-1)]
        );
        assert_eq!(Reused::parse_list(&"article:1 ".repeat(50)).len(), 1);
        let many: String = (0..50).map(|i| format!("ticket:{i} ")).collect();
        assert_eq!(Reused::parse_list(&many).len(), Reused::MAX);
        assert_eq!(
            Reused::parse_list(&Reused::Article(7).token()),
            vec![Reused::Article(7)]
        );
    }

    fn draft(title: &str, body: &str) -> ArticleDraft {
        ArticleDraft {
            title: title.into(),
            body: body.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_draft_needs_a_title_and_a_body() {
        let errors = draft(" ", "").parse().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["title", "body"]);
        let long = draft(&"x".repeat(161), &"y".repeat(BODY_MAX + 1))
            .parse()
            .unwrap_err();
        assert_eq!(long[0].1, "err-kb-title-too-long");
        assert_eq!(long[1].1, "err-kb-body-too-long");
    }

    #[test]
    fn a_draft_refuses_unknown_audiences_states_and_numbers() {
        let mut d = draft("VPN on a hotel network", "Use the TCP profile.");
        d.audience = "robots".into();
        d.state = "archived".into();
        d.source_ticket = "SB-x".into();
        let fields: Vec<String> = d.parse().unwrap_err().into_iter().map(|e| e.0).collect();
        assert_eq!(fields, ["audience", "state", "source_ticket"]);
        d.audience = "staff".into();
        d.state = "".into();
        d.source_ticket = "SB-1042".into();
        d.tags = "VPN, hotel ,vpn,".into();
        let v = d.parse().unwrap();
        assert_eq!(v.audience, Audience::Staff);
        assert_eq!(v.state, None);
        assert_eq!(v.tags, ["vpn", "hotel"]);
        assert_eq!(
            v.source_ticket.map(|n| n.to_string()).as_deref(),
            Some("SB-1042")
        );
    }

    #[test]
    fn keywords_drop_common_words_and_stem_in_three_languages() {
        assert_eq!(
            keywords("My printer is not printing since Monday!", 12),
            ["print", "monday"]
        );
        assert_eq!(
            keywords("Der Drucker druckt nicht mehr", 12),
            ["druck", "druckt"]
        );
        assert_eq!(
            keywords("La stampante non stampa più", 12),
            ["stampant", "stamp"]
        );
        // Search syntax is only ever letters and digits.
        assert_eq!(
            keywords("\" OR title:* NEAR( -- 2024", 12),
            ["titl", "near"]
        );
        assert_eq!(keywords("a b c", 12), Vec::<String>::new());
        assert_eq!(keywords("alpha beta gamma delta", 2).len(), 2);
    }

    #[test]
    fn an_excerpt_is_plain_and_cut_at_a_word() {
        assert_eq!(
            excerpt("# Reset\n\n* Open **Settings**\n* Press `Reset`", 200),
            "Reset Open Settings Press Reset"
        );
        assert_eq!(excerpt("one two three four", 10), "one two…");
    }

    #[test]
    fn personal_details_are_left_out() {
        let who = Personal {
            name: "Rita Requester",
            email: "rita@example.org",
            contact: Some("+49 30 1234567"),
            asset_tag: Some("LT-0042"),
        };
        let text = "Rita Requester (rita@example.org, call +49 30 1234567) says laptop LT-0042 \
                    fails. Rita also wrote to boss@example.org; margarita is a pizza; 0301234567.";
        let clean = without_personal(text, &who, "…");
        assert!(!clean.contains("Rita"), "{clean}");
        assert!(!clean.contains("rita@"), "{clean}");
        assert!(!clean.contains("1234567"), "{clean}");
        assert!(!clean.contains("LT-0042"), "{clean}");
        assert!(!clean.contains("boss@"), "{clean}");
        assert!(clean.contains("margarita is a pizza"), "{clean}");
        assert!(clean.contains("laptop … fails"), "{clean}");
    }

    #[test]
    fn stems_keep_four_letters() {
        assert_eq!(stem("vpn"), "vpn");
        assert_eq!(stem("printers"), "print");
        assert_eq!(stem("outlook"), "outlook");
        assert_eq!(stem("connessione"), "connession");
    }

    #[test]
    fn ranking_prefers_rare_words_in_weighty_parts_and_keeps_ties_in_order() {
        let words = keywords("printer toner Drucker", 8);
        let docs = [
            [
                "VPN drops",
                "the printer is mentioned once in passing",
                "reset VPN",
            ],
            [
                "Printer out of toner",
                "toner empty",
                "replaced the toner cartridge",
            ],
            ["Drücker klemmt", "Papierstau", "Walze gereinigt"],
            ["Laptop slow", "nothing in common", "more memory"],
            ["Laptop slow again", "nothing in common", "more memory"],
        ];
        let order = rank(&words, &docs, SOLVED_WEIGHTS);
        // Two words in title and resolution beat one word in a description; accents do not
        // hide a word; the ones matching nothing keep their given (most recent first) order.
        assert_eq!(order[0], 1);
        assert!(order.iter().position(|&d| d == 2) < order.iter().position(|&d| d == 0));
        assert_eq!(&order[3..], &[3, 4]);
        assert!(rank(&words, &[] as &[[&str; 3]], SOLVED_WEIGHTS).is_empty());
        assert_eq!(rank(&[], &docs, SOLVED_WEIGHTS), vec![0, 1, 2, 3, 4]);
    }
}
