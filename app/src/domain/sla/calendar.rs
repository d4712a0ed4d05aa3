//! Working calendars: weekly hours in a time zone, minus holidays, and business time in them.

use crate::i18n::Msg;
use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;
use std::collections::BTreeSet;

const DAY_MINUTES: u32 = 24 * 60;
const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/// How far `add` looks for working time before giving up on a calendar (a decade of holidays).
const SEARCH_DAYS: i64 = 3660;

/// Weekly working hours in a time zone, minus holidays.
#[derive(Clone, Debug, PartialEq)]
pub struct Calendar {
    tz: Tz,
    /// Working spans per weekday, Monday first, in minutes after local midnight; sorted and
    /// non-overlapping.
    week: [Vec<(u32, u32)>; 7],
    holidays: BTreeSet<NaiveDate>,
}

impl Calendar {
    /// Every minute of every day.
    pub fn around_the_clock() -> Calendar {
        Calendar {
            tz: Tz::UTC,
            week: std::array::from_fn(|_| vec![(0, DAY_MINUTES)]),
            holidays: BTreeSet::new(),
        }
    }

    /// Reads a time zone (IANA name), weekly hours such as `mon-fri 08:00-12:00, 13:00-17:00;
    /// sat 09:00-12:00` (or `24x7`), and holidays as `YYYY-MM-DD` dates separated by spaces,
    /// commas or lines. The error says what is wrong in the reader's words.
    pub fn parse(tz: &str, hours: &str, holidays: &str) -> Result<Calendar, Msg> {
        let tz: Tz = tz
            .trim()
            .parse()
            .map_err(|_| Msg::new("err-unknown-time-zone").text("zone", tz.trim()))?;
        let week = parse_week(hours)?;
        let mut days = BTreeSet::new();
        for word in holidays
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .filter(|w| !w.is_empty())
        {
            let date = NaiveDate::parse_from_str(word, "%Y-%m-%d")
                .map_err(|_| Msg::new("err-holiday-not-date").text("word", word))?;
            days.insert(date);
        }
        Ok(Calendar {
            tz,
            week,
            holidays: days,
        })
    }

    pub fn time_zone(&self) -> &str {
        self.tz.name()
    }

    /// The weekly hours in the form `parse` reads.
    pub fn hours_text(&self) -> String {
        if self.week.iter().all(|d| d == &[(0, DAY_MINUTES)]) {
            return "24x7".into();
        }
        let mut parts: Vec<String> = Vec::new();
        let mut day = 0;
        while day < 7 {
            if self.week[day].is_empty() {
                day += 1;
                continue;
            }
            let mut last = day;
            while last + 1 < 7 && self.week[last + 1] == self.week[day] {
                last += 1;
            }
            let days = if last == day {
                DAYS[day].to_string()
            } else {
                format!("{}-{}", DAYS[day], DAYS[last])
            };
            let spans: Vec<String> = self.week[day]
                .iter()
                .map(|&(a, b)| format!("{}-{}", clock_text(a), clock_text(b)))
                .collect();
            parts.push(format!("{days} {}", spans.join(", ")));
            day = last + 1;
        }
        parts.join("; ")
    }

    pub fn holidays_text(&self) -> String {
        self.holidays
            .iter()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Working spans of one local date, as instants.
    fn spans_on(&self, date: NaiveDate) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        if self.holidays.contains(&date) {
            return Vec::new();
        }
        self.week[date.weekday().num_days_from_monday() as usize]
            .iter()
            .map(|&(a, b)| (self.instant(date, a), self.instant(date, b)))
            .filter(|(a, b)| a < b)
            .collect()
    }

    /// The instant of a local wall-clock time; a time skipped by a DST change becomes the first
    /// time after the gap, a repeated one its first occurrence.
    fn instant(&self, date: NaiveDate, minutes: u32) -> DateTime<Utc> {
        let mut local =
            date.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(i64::from(minutes));
        for _ in 0..8 {
            match self.tz.from_local_datetime(&local) {
                LocalResult::Single(t) => return t.with_timezone(&Utc),
                LocalResult::Ambiguous(first, _) => return first.with_timezone(&Utc),
                LocalResult::None => local += Duration::minutes(15),
            }
        }
        Utc.from_utc_datetime(&local)
    }

    fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.tz).date_naive()
    }

    /// The instant when `amount` of working time has passed after `start`.
    pub fn add(&self, start: DateTime<Utc>, amount: Duration) -> DateTime<Utc> {
        if amount <= Duration::zero() {
            return start;
        }
        let mut left = amount;
        let mut date = self.local_date(start) - Duration::days(1);
        for _ in 0..SEARCH_DAYS {
            for (a, b) in self.spans_on(date) {
                if b <= start {
                    continue;
                }
                let from = a.max(start);
                let available = b - from;
                if left <= available {
                    return from + left;
                }
                left -= available;
            }
            date += Duration::days(1);
        }
        start + amount
    }

    /// Working time between two instants (zero when `to` is not after `from`).
    pub fn measure(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Duration {
        if to <= from {
            return Duration::zero();
        }
        let mut total = Duration::zero();
        let mut date = self.local_date(from) - Duration::days(1);
        let last = self.local_date(to) + Duration::days(1);
        while date <= last {
            for (a, b) in self.spans_on(date) {
                let (s, e) = (a.max(from), b.min(to));
                if s < e {
                    total += e - s;
                }
            }
            date += Duration::days(1);
        }
        total
    }
}

fn clock_text(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

fn parse_clock(text: &str) -> Result<u32, Msg> {
    let bad = || Msg::new("err-not-a-time").text("text", text);
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    let minutes = h * 60 + m;
    if m >= 60 || minutes > DAY_MINUTES {
        return Err(bad());
    }
    Ok(minutes)
}

fn parse_day(text: &str) -> Result<usize, Msg> {
    let t = text.trim().to_lowercase();
    DAYS.iter()
        .position(|d| t.starts_with(d) && d.len() <= t.len())
        .ok_or_else(|| Msg::new("err-not-a-day").text("text", text))
}

fn parse_week(text: &str) -> Result<[Vec<(u32, u32)>; 7], Msg> {
    let mut week: [Vec<(u32, u32)>; 7] = Default::default();
    if text.trim().eq_ignore_ascii_case("24x7") {
        return Ok(std::array::from_fn(|_| vec![(0, DAY_MINUTES)]));
    }
    for entry in text
        .split([';', '\n'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        let (days, spans) = entry
            .split_once(char::is_whitespace)
            .ok_or_else(|| Msg::new("err-hours-need-days").text("entry", entry))?;
        let mut chosen = Vec::new();
        for part in days.split(',') {
            match part.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (parse_day(a)?, parse_day(b)?);
                    if b < a {
                        return Err(Msg::new("err-days-backwards").text("part", part));
                    }
                    chosen.extend(a..=b);
                }
                None => chosen.push(parse_day(part)?),
            }
        }
        for span in spans.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (a, b) = span
                .split_once('-')
                .ok_or_else(|| Msg::new("err-not-a-span").text("span", span))?;
            let (a, b) = (parse_clock(a)?, parse_clock(b)?);
            if b <= a {
                return Err(Msg::new("err-span-backwards").text("span", span));
            }
            for &d in &chosen {
                week[d].push((a, b));
            }
        }
    }
    for day in &mut week {
        day.sort_unstable();
        if day.windows(2).any(|w| w[1].0 < w[0].1) {
            return Err(Msg::new("err-hours-overlap"));
        }
    }
    if week.iter().all(Vec::is_empty) {
        return Err(Msg::new("err-no-working-hours"));
    }
    Ok(week)
}
