//! The reader's time zone in the browser, without the time zone database.
//!
//! The server knows every IANA zone (`chrono_tz`). The browser shows times in one zone only, the
//! reader's, so the server writes that zone's offsets and abbreviations for the years a desk's
//! times fall in onto the page (`<html data-zone>`, see [`describe`]) and the client reads them
//! into a [`SpanZone`]. The whole database would be most of the client's data (its transitions up
//! to 2100 for some 600 zones); one zone is a few hundred bytes of the page.
//!
//! A `SpanZone` gives the same offsets and abbreviations as `chrono_tz` from [`FIRST`] until
//! [`LAST`]; before, the zone's first offset then is used, after, its last.

use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};
#[cfg(feature = "ssr")]
use chrono_tz::Tz;
use std::fmt;

/// The first instant described (2000-01-01T00:00:00Z): no ticket is older.
pub const FIRST: i64 = 946_684_800;
/// The end of the instants described (2070-01-01T00:00:00Z): far beyond any deadline.
pub const LAST: i64 = 3_155_760_000;

/// A stretch of time in which a zone keeps one offset and abbreviation, from `from` (seconds
/// since 1970, UTC) until the next one's `from`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub from: i64,
    /// Seconds east of UTC, daylight saving included.
    pub offset: i32,
    /// What `%Z` writes: "CET", "CEST", "+03".
    pub name: &'static str,
}

/// A time zone known by its spans (see the module's description).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpanZone {
    /// The IANA name, as the server wrote it: the client does not carry the database's list of
    /// names (with its lookup table, a few KiB every page would download for this one check).
    name: &'static str,
    spans: &'static [Span],
}

static UTC_SPANS: [Span; 1] = [Span {
    from: i64::MIN,
    offset: 0,
    name: "UTC",
}];

impl SpanZone {
    pub const UTC: SpanZone = SpanZone {
        name: "UTC",
        spans: &UTC_SPANS,
    };

    /// The zone `name` from its description by [`describe`]; None when either is unreadable.
    /// The spans are kept for the life of the program (a page reads one zone, once).
    pub fn read(name: &str, description: &str) -> Option<SpanZone> {
        let name = name.trim();
        if !is_zone_name(name) {
            return None;
        }
        let mut read = Vec::new();
        for item in description.split(';') {
            let mut parts = item.split(' ');
            let (Some(from), Some(offset), Some(abbr), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                return None;
            };
            let offset: i32 = offset.parse().ok()?;
            FixedOffset::east_opt(offset)?;
            read.push((from.parse::<i64>().ok()?, offset, abbr));
        }
        let ordered = read.windows(2).all(|w| w[0].0 < w[1].0);
        if read.is_empty() || !ordered {
            return None;
        }
        let spans: Vec<Span> = read
            .into_iter()
            .enumerate()
            .map(|(i, (from, offset, abbr))| Span {
                // Before the first span described, its offset holds.
                from: if i == 0 { i64::MIN } else { from },
                offset,
                name: Box::leak(abbr.to_string().into_boxed_str()),
            })
            .collect();
        Some(SpanZone {
            name: Box::leak(name.to_string().into_boxed_str()),
            spans: Box::leak(spans.into_boxed_slice()),
        })
    }

    /// The IANA name: "Europe/Berlin".
    pub fn name(&self) -> &'static str {
        self.name
    }

    fn at(&self, utc: i64) -> SpanOffset {
        let after = self.spans.partition_point(|s| s.from <= utc);
        SpanOffset {
            zone: *self,
            span: self.spans[after.saturating_sub(1)],
        }
    }
}

/// Whether `name` is written as an IANA zone's name is ("UTC", "Europe/Rome",
/// "America/Argentina/Buenos_Aires", "Etc/GMT-14"): letters, digits, `_`, `-` and `+` in parts
/// joined by `/`.
fn is_zone_name(name: &str) -> bool {
    name.len() <= 64
        && name.split('/').all(|part| {
            part.starts_with(|c: char| c.is_ascii_alphabetic())
                && part
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'+'))
        })
}

/// The offset in force at an instant of a [`SpanZone`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpanOffset {
    zone: SpanZone,
    span: Span,
}

impl Offset for SpanOffset {
    fn fix(&self) -> FixedOffset {
        // `read` accepted only offsets FixedOffset takes.
        FixedOffset::east_opt(self.span.offset).unwrap_or(FixedOffset::east_opt(0).expect("zero"))
    }
}

impl fmt::Display for SpanOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.span.name)
    }
}

impl TimeZone for SpanZone {
    type Offset = SpanOffset;

    fn from_offset(offset: &SpanOffset) -> Self {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<SpanOffset> {
        self.offset_from_local_datetime(&local.and_time(chrono::NaiveTime::MIN))
    }

    /// The spans in which `local` is a wall-clock time: none in a gap (spring forward), two when
    /// the clock falls back (earlier instant first).
    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<SpanOffset> {
        let wall = local.and_utc().timestamp();
        // Offsets are within ±26 hours, so only spans around `wall` can hold it.
        let first = self
            .spans
            .partition_point(|s| s.from <= wall - 26 * 3600)
            .saturating_sub(1);
        let mut found = self.spans[first..]
            .iter()
            .enumerate()
            .take_while(|(_, s)| s.from <= wall + 26 * 3600)
            .filter(|(i, s)| {
                let utc = wall - i64::from(s.offset);
                let until = self.spans.get(first + i + 1).map_or(i64::MAX, |n| n.from);
                s.from <= utc && utc < until
            })
            .map(|(_, s)| SpanOffset {
                zone: *self,
                span: *s,
            });
        match (found.next(), found.next()) {
            (None, _) => LocalResult::None,
            (Some(one), None) => LocalResult::Single(one),
            (Some(earlier), Some(later)) => LocalResult::Ambiguous(earlier, later),
        }
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> SpanOffset {
        self.at(utc.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> SpanOffset {
        self.at(utc.and_utc().timestamp())
    }
}

/// `tz`'s spans from [`FIRST`] until [`LAST`] as the page carries them: "from offset name"
/// separated by ";" ("946684800 3600 CET;954032400 7200 CEST;…"). Worked out once per zone and
/// process by asking `chrono_tz` every six hours (no zone has changed twice within six hours
/// since 2000) and narrowing each change down to its second.
#[cfg(feature = "ssr")]
pub fn describe(tz: Tz) -> std::sync::Arc<str> {
    use std::collections::HashMap;
    use std::sync::{Arc, LazyLock, Mutex};
    static KNOWN: LazyLock<Mutex<HashMap<Tz, Arc<str>>>> = LazyLock::new(Default::default);
    if let Some(known) = KNOWN.lock().ok().and_then(|k| k.get(&tz).cloned()) {
        return known;
    }
    let at = |t: i64| {
        let offset = chrono::DateTime::from_timestamp(t, 0)
            .map(|utc| tz.offset_from_utc_datetime(&utc.naive_utc()));
        offset.map(|o| (o.fix().local_minus_utc(), o.to_string()))
    };
    let mut spans = vec![(FIRST, at(FIRST))];
    const STEP: i64 = 6 * 3600;
    let mut t = FIRST;
    while t < LAST {
        let next = (t + STEP).min(LAST);
        let now = at(next);
        if spans.last().is_some_and(|(_, last)| *last != now) {
            // The change is within (t, next]: find its first second.
            let (mut before, mut after) = (t, next);
            while after - before > 1 {
                let mid = before + (after - before) / 2;
                match at(mid) == now {
                    true => after = mid,
                    false => before = mid,
                }
            }
            spans.push((after, now));
        }
        t = next;
    }
    let text: String = spans
        .iter()
        .filter_map(|(from, o)| {
            o.as_ref()
                .map(|(offset, name)| format!("{from} {offset} {name}"))
        })
        .collect::<Vec<_>>()
        .join(";");
    let text: Arc<str> = text.into();
    if let Ok(mut known) = KNOWN.lock() {
        known.insert(tz, text.clone());
    }
    text
}
