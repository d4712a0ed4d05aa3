//! Languages and time zones: every word a person reads comes from `app/locales/<lang>/*.ftl`
//! (Project Fluent, through `fluent-templates`, with CLDR plural rules), and every time is shown in
//! the person's own IANA zone, formatted for their language.
//!
//! The whole catalogue is compiled into the server (pages and mail in any language); the browser
//! reads the page's language only, from the same files (`words`), and the reader's zone as the
//! server described it (`zone`), so server-rendered and hydrated text agree without the client
//! carrying every language and the time zone database.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Tz;
use fluent_templates::fluent_bundle::FluentValue;
#[cfg(feature = "ssr")]
use fluent_templates::Loader;
use fluent_templates::{langid, LanguageIdentifier};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
#[cfg(feature = "ssr")]
use std::collections::HashMap;

pub mod words;
pub mod zone;

/// The zone a person's times are shown in: on the server any zone of the time zone database; in
/// the browser, the reader's zone as the server described it on the page (see `zone`).
#[cfg(feature = "ssr")]
pub type Zone = Tz;
#[cfg(not(feature = "ssr"))]
pub type Zone = zone::SpanZone;

#[cfg(feature = "ssr")]
const UTC_ZONE: Zone = Tz::UTC;
#[cfg(not(feature = "ssr"))]
const UTC_ZONE: Zone = zone::SpanZone::UTC;

#[cfg(feature = "ssr")]
fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around each argument would end up inside mail subjects and
        // form values; all three languages are left-to-right.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static EN: LanguageIdentifier = langid!("en");
static DE: LanguageIdentifier = langid!("de");
static IT: LanguageIdentifier = langid!("it");

/// A language Switchboard speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    De,
    It,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::De, Lang::It];

    /// The BCP 47 code, as in `<html lang>` and the API.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::It => "it",
        }
    }

    /// Reads a language tag by its primary subtag: `de`, `de-CH` and `DE_de` are all German.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The best supported language of an `Accept-Language` header, by its quality values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in header.split(',') {
            let mut parts = item.split(';');
            let Some(lang) = parts.next().and_then(Lang::parse) else {
                continue;
            };
            let quality = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
                .unwrap_or(0.0);
            if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
                best = Some((lang, quality));
            }
        }
        best.map(|(lang, _)| lang)
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::De => &DE,
            Lang::It => &IT,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Reads an IANA zone name (`Europe/Rome`); `None` for anything else.
pub fn parse_zone(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// One argument of a message: a name and a text or number.
pub type Arg = (&'static str, FluentValue<'static>);

/// What one person reads: their language and their time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Locale {
    pub lang: Lang,
    pub tz: Zone,
}

impl Default for Locale {
    fn default() -> Self {
        Locale {
            lang: Lang::En,
            tz: UTC_ZONE,
        }
    }
}

impl Locale {
    pub fn new(lang: Lang, tz: Zone) -> Self {
        Locale { lang, tz }
    }

    /// The message `key` in this language.
    pub fn t(&self, key: &str) -> String {
        self.lookup(key, &[]).unwrap_or_else(|| key.to_string())
    }

    /// The message `key` with `args`: from the whole catalogue on the server (with English for
    /// what a language lacks), from the page's language's words in the browser (`words`).
    fn lookup(
        &self,
        key: &str,
        args: &[(Cow<'static, str>, FluentValue<'static>)],
    ) -> Option<String> {
        #[cfg(feature = "ssr")]
        {
            let args: HashMap<Cow<'static, str>, FluentValue<'static>> =
                args.iter().cloned().collect();
            LOCALES.try_lookup_with_args(self.lang.id(), key, &args)
        }
        #[cfg(not(feature = "ssr"))]
        words::lookup(key, args)
    }

    /// A message that may be a catalogue key (a field error from the server) or text written by a
    /// person (shown as it is).
    pub fn text(&self, message: &str) -> String {
        let is_key = !message.is_empty()
            && message
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        match is_key {
            true => self
                .lookup(message, &[])
                .unwrap_or_else(|| message.to_string()),
            false => message.to_string(),
        }
    }

    /// The message `key` with its arguments filled in (plurals chosen by the language's rules).
    pub fn t_with(&self, key: &str, args: &[Arg]) -> String {
        let args: Vec<(Cow<'static, str>, FluentValue<'static>)> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), value.clone()))
            .collect();
        self.lookup(key, &args).unwrap_or_else(|| key.to_string())
    }

    /// A date and time in this person's zone, with the zone's abbreviation: "01.12.2026, 13:00 MEZ".
    pub fn when(&self, at: DateTime<Utc>) -> String {
        self.format(at, "format-datetime")
    }

    /// "14:30" today, a weekday and time within a week, else a short date — all in this zone.
    pub fn soon(&self, at: DateTime<Utc>) -> String {
        self.soon_from(at, Utc::now())
    }

    fn soon_from(&self, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
        let (local, today) = (at.with_timezone(&self.tz), now.with_timezone(&self.tz));
        let key = if local.date_naive() == today.date_naive() {
            "format-time"
        } else if (at - now).num_days().abs() < 6 {
            "format-weekday-time"
        } else {
            "format-day-time"
        };
        self.format(at, key)
    }

    /// A number as this language writes it: "1,234.5" in English, "1.234,5" in German and
    /// Italian (the separators are the catalogue's `format-decimal` and `format-group`).
    pub fn number(&self, value: f64, decimals: u8) -> String {
        let text = format!("{:.*}", usize::from(decimals), value.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let group = self.t("format-group");
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push_str(&group);
            }
            grouped.push(digit);
        }
        let sign = if value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
            "-"
        } else {
            ""
        };
        match fraction.is_empty() {
            true => format!("{sign}{grouped}"),
            false => format!("{sign}{grouped}{}{fraction}", self.t("format-decimal")),
        }
    }

    /// A calendar date (no time, so no zone): "1. Dezember 2026".
    pub fn date(&self, day: NaiveDate) -> String {
        let pattern = self.named(&self.t("format-date"), day);
        day.format(&pattern).to_string()
    }

    fn format(&self, at: DateTime<Utc>, pattern_key: &str) -> String {
        let local = at.with_timezone(&self.tz);
        let pattern = self.named(&self.t(pattern_key), local.date_naive());
        local.format(&pattern).to_string()
    }

    /// `pattern` with this language's names of `day`'s month and weekday in place of `%B`, `%b`,
    /// `%A` and `%a`, which chrono itself writes only in English. (Its locale data would do it,
    /// for some 300 locales: 40 KiB of the browser's compressed download, for three languages.)
    fn named(&self, pattern: &str, day: NaiveDate) -> String {
        let month = day.month0();
        let weekday = day.weekday().num_days_from_monday();
        let mut out = String::with_capacity(pattern.len() + 16);
        let mut chars = pattern.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            let (key, index) = match chars.next() {
                Some('B') => ("format-months", month),
                Some('b') => ("format-months-short", month),
                Some('A') => ("format-weekdays", weekday),
                Some('a') => ("format-weekdays-short", weekday),
                Some(other) => {
                    out.push('%');
                    out.push(other);
                    continue;
                }
                None => {
                    out.push('%');
                    continue;
                }
            };
            let names = self.t(key);
            let name = names
                .split_whitespace()
                .nth(index as usize)
                .unwrap_or_default();
            // A name is text, not a directive, in the pattern chrono reads next.
            out.push_str(&name.replace('%', "%%"));
        }
        out
    }
}

/// A message to be put into words later, in each reader's language: a catalogue key and its
/// arguments. One change can so become a German mail for one person and an Italian one for
/// another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub key: String,
    pub args: Vec<(String, MsgArg)>,
}

/// An argument of a `Msg`: words a person wrote (kept as they are), another message's key (put
/// into the reader's language too), or a number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MsgArg {
    Text(String),
    Key(String),
    Number(i64),
    Date(NaiveDate),
    Msg(Box<Msg>),
}

impl Msg {
    pub fn new(key: &str) -> Self {
        Msg {
            key: key.to_string(),
            args: Vec::new(),
        }
    }

    pub fn text(mut self, name: &str, value: impl Into<String>) -> Self {
        self.args
            .push((name.to_string(), MsgArg::Text(value.into())));
        self
    }

    pub fn key(mut self, name: &str, key: &str) -> Self {
        self.args
            .push((name.to_string(), MsgArg::Key(key.to_string())));
        self
    }

    pub fn date(mut self, name: &str, day: NaiveDate) -> Self {
        self.args.push((name.to_string(), MsgArg::Date(day)));
        self
    }

    pub fn msg(mut self, name: &str, inner: Msg) -> Self {
        self.args
            .push((name.to_string(), MsgArg::Msg(Box::new(inner))));
        self
    }

    pub fn number(mut self, name: &str, value: i64) -> Self {
        self.args.push((name.to_string(), MsgArg::Number(value)));
        self
    }

    pub fn render(&self, locale: &Locale) -> String {
        let args: Vec<(Cow<'static, str>, FluentValue<'static>)> = self
            .args
            .iter()
            .map(|(name, arg)| {
                let value = match arg {
                    MsgArg::Text(t) => FluentValue::from(t.clone()),
                    MsgArg::Key(k) => FluentValue::from(locale.t(k)),
                    MsgArg::Number(n) => FluentValue::from(*n),
                    MsgArg::Date(d) => FluentValue::from(locale.date(*d)),
                    MsgArg::Msg(m) => FluentValue::from(m.render(locale)),
                };
                (Cow::Owned(name.clone()), value)
            })
            .collect();
        locale
            .lookup(&self.key, &args)
            .unwrap_or_else(|| self.key.clone())
    }
}

#[cfg(test)]
pub(crate) mod tests;
