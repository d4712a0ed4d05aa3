//! Recurring work: when a scheduled ticket files itself. A schedule is a first date, a local time
//! of day and a repetition, read in the desk's time zone, so "every Monday at 08:00" stays 08:00
//! in Berlin across the clock changes.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc, Weekday,
};
use serde::{Deserialize, Serialize};

/// How a schedule repeats after its first date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "every", rename_all = "snake_case")]
pub enum Repeat {
    /// Every `n` days.
    Days { n: u32 },
    /// Every `n` weeks, on the first date's weekday.
    Weeks { n: u32 },
    /// The `nth` (1 to 4, or 5 for the last) `weekday` of each month, such as the first Tuesday.
    MonthWeekday { nth: u8, weekday: Weekday },
    /// Each year on the first date's day (29 February falls on the 28th in other years).
    Year,
}

/// When a recurring ticket files itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    /// The first date it may fall on (for `MonthWeekday`, the first such weekday on or after it).
    pub first: NaiveDate,
    /// The desk's local time of day.
    pub at: NaiveTime,
    pub repeat: Repeat,
}

/// Why a schedule cannot be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    /// Days from 1 to 366, weeks from 1 to 52.
    Interval,
    /// The nth weekday of a month is 1 to 5 (5: the last).
    Nth,
    /// Not one of days, weeks, month_weekday, year; or no such weekday.
    Repeat,
    /// Not a date such as 2027-01-31.
    First,
    /// Not a time such as 08:00.
    At,
}

impl ScheduleError {
    /// The form field it belongs to.
    pub fn field(self) -> &'static str {
        match self {
            ScheduleError::Interval => "every",
            ScheduleError::Nth => "nth",
            ScheduleError::Repeat => "repeat",
            ScheduleError::First => "first",
            ScheduleError::At => "at",
        }
    }

    /// The catalogue key of its message.
    pub fn message_key(self) -> &'static str {
        match self {
            ScheduleError::Interval => "err-recurring-interval",
            ScheduleError::Nth => "err-recurring-nth",
            ScheduleError::Repeat => "err-recurring-repeat",
            ScheduleError::First => "err-recurring-first",
            ScheduleError::At => "err-recurring-at",
        }
    }
}

/// The `nth` `weekday` of a month (5: the last one).
fn month_weekday(year: i32, month: u32, nth: u8, weekday: Weekday) -> Option<NaiveDate> {
    if nth >= 5 {
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)
        }?;
        let last = next.pred_opt()?;
        let back = (last.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        return Some(last - Duration::days(back.into()));
    }
    NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth)
}

/// A year's date for a yearly schedule: 29 February becomes the 28th in other years.
fn yearly(first: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, first.month(), first.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, first.month(), 28))
}

impl Schedule {
    /// A schedule from a form's words (see `types::ScheduleForm`), every wrong part reported.
    pub fn parse(
        repeat: &str,
        every: &str,
        nth: &str,
        weekday: &str,
        first: &str,
        at: &str,
    ) -> Result<Schedule, Vec<ScheduleError>> {
        let mut errors = Vec::new();
        let first = NaiveDate::parse_from_str(first.trim(), "%Y-%m-%d")
            .map_err(|_| errors.push(ScheduleError::First))
            .ok();
        let at = NaiveTime::parse_from_str(at.trim(), "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(at.trim(), "%H:%M:%S"))
            .map_err(|_| errors.push(ScheduleError::At))
            .ok();
        let every = || every.trim().parse::<u32>().unwrap_or(0);
        let repeat = match repeat.trim() {
            "days" => Some(Repeat::Days { n: every() }),
            "weeks" => Some(Repeat::Weeks { n: every() }),
            "month_weekday" => match weekday.trim().parse::<Weekday>() {
                Ok(weekday) => Some(Repeat::MonthWeekday {
                    nth: nth.trim().parse().unwrap_or(0),
                    weekday,
                }),
                Err(_) => {
                    errors.push(ScheduleError::Repeat);
                    None
                }
            },
            "year" => Some(Repeat::Year),
            _ => {
                errors.push(ScheduleError::Repeat);
                None
            }
        };
        match (first, at, repeat) {
            (Some(first), Some(at), Some(repeat)) if errors.is_empty() => {
                let schedule = Schedule { first, at, repeat };
                schedule.check().map_err(|e| vec![e])?;
                Ok(schedule)
            }
            _ => Err(errors),
        }
    }

    pub fn check(&self) -> Result<(), ScheduleError> {
        match self.repeat {
            Repeat::Days { n } if !(1..=366).contains(&n) => Err(ScheduleError::Interval),
            Repeat::Weeks { n } if !(1..=52).contains(&n) => Err(ScheduleError::Interval),
            Repeat::MonthWeekday { nth, .. } if !(1..=5).contains(&nth) => Err(ScheduleError::Nth),
            _ => Ok(()),
        }
    }

    /// The local dates it falls on from `from` (or its first date, if later), in order.
    fn dates_from(&self, from: NaiveDate) -> Box<dyn Iterator<Item = NaiveDate>> {
        let first = self.first;
        let from = from.max(first);
        match self.repeat {
            Repeat::Days { n } => step(first, from, i64::from(n.max(1))),
            Repeat::Weeks { n } => step(first, from, 7 * i64::from(n.max(1))),
            Repeat::MonthWeekday { nth, weekday } => {
                let start = from.year() * 12 + from.month0() as i32;
                Box::new(
                    (start..)
                        .filter_map(move |m| {
                            month_weekday(m / 12, (m % 12) as u32 + 1, nth, weekday)
                        })
                        .filter(move |d| *d >= from),
                )
            }
            Repeat::Year => Box::new(
                (from.year()..)
                    .filter_map(move |y| yearly(first, y))
                    .filter(move |d| *d >= from),
            ),
        }
    }

    /// The first time it falls on strictly after `after`, in the zone `tz`. A time the clock
    /// skips (spring forward) moves on by the skipped hour; one it passes twice counts once.
    pub fn next_after<Tz: TimeZone>(&self, tz: &Tz, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        // A day early: the local date of `after` may be behind UTC's.
        let from = after.with_timezone(tz).date_naive().pred_opt()?;
        self.dates_from(from)
            .take(800)
            .filter_map(|d| local(tz, d, self.at))
            .find(|t| *t > after)
    }

    /// The next `count` times after `after`: the preview shown while scheduling.
    pub fn upcoming<Tz: TimeZone>(
        &self,
        tz: &Tz,
        after: DateTime<Utc>,
        count: usize,
    ) -> Vec<DateTime<Utc>> {
        let mut out = Vec::with_capacity(count);
        let mut at = after;
        while out.len() < count {
            match self.next_after(tz, at) {
                Some(t) => {
                    out.push(t);
                    at = t;
                }
                None => break,
            }
        }
        out
    }
}

/// Every `days` days from `first`, starting at the first on or after `from`.
fn step(first: NaiveDate, from: NaiveDate, days: i64) -> Box<dyn Iterator<Item = NaiveDate>> {
    let behind = (from - first).num_days().max(0);
    let k0 = (behind + days - 1) / days;
    Box::new((k0..).map_while(move |k| first.checked_add_signed(Duration::days(k * days))))
}

/// A local date and time in `tz` as an instant.
fn local<Tz: TimeZone>(tz: &Tz, date: NaiveDate, at: NaiveTime) -> Option<DateTime<Utc>> {
    let naive = date.and_time(at);
    match tz.from_local_datetime(&naive) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(earlier, _) => Some(earlier.with_timezone(&Utc)),
        LocalResult::None => tz
            .from_local_datetime(&(naive + Duration::hours(1)))
            .earliest()
            .map(|t| t.with_timezone(&Utc)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Berlin;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn eight() -> NaiveTime {
        NaiveTime::from_hms_opt(8, 0, 0).unwrap()
    }

    #[test]
    fn the_first_tuesday_of_each_month_crosses_month_and_year_boundaries() {
        let s = Schedule {
            first: day("2026-11-01"),
            at: eight(),
            repeat: Repeat::MonthWeekday {
                nth: 1,
                weekday: Weekday::Tue,
            },
        };
        let next = s.upcoming(&Berlin, at("2026-11-03T06:59:00Z"), 4);
        assert_eq!(
            next,
            vec![
                at("2026-11-03T07:00:00Z"),
                at("2026-12-01T07:00:00Z"),
                at("2027-01-05T07:00:00Z"),
                at("2027-02-02T07:00:00Z"),
            ]
        );
    }

    #[test]
    fn the_last_friday_is_the_last_one_whatever_the_months_length() {
        let s = Schedule {
            first: day("2027-01-01"),
            at: eight(),
            repeat: Repeat::MonthWeekday {
                nth: 5,
                weekday: Weekday::Fri,
            },
        };
        let dates: Vec<NaiveDate> = s
            .upcoming(&Berlin, at("2027-01-01T00:00:00Z"), 3)
            .iter()
            .map(|t| t.with_timezone(&Berlin).date_naive())
            .collect();
        assert_eq!(
            dates,
            vec![day("2027-01-29"), day("2027-02-26"), day("2027-03-26")]
        );
    }

    #[test]
    fn a_weekly_run_keeps_its_local_hour_across_both_clock_changes() {
        let s = Schedule {
            first: day("2027-03-22"),
            at: eight(),
            repeat: Repeat::Weeks { n: 1 },
        };
        let runs = s.upcoming(&Berlin, at("2027-03-01T00:00:00Z"), 2);
        // Before the change (28 March 2027) 08:00 is 07:00 UTC, after it 06:00 UTC.
        assert_eq!(
            runs,
            vec![at("2027-03-22T07:00:00Z"), at("2027-03-29T06:00:00Z")]
        );
        let autumn = Schedule {
            first: day("2027-10-25"),
            ..s
        };
        let runs = autumn.upcoming(&Berlin, at("2027-10-20T00:00:00Z"), 2);
        // Before the change (31 October 2027) 08:00 is 06:00 UTC, after it 07:00 UTC.
        assert_eq!(
            runs,
            vec![at("2027-10-25T06:00:00Z"), at("2027-11-01T07:00:00Z")]
        );
    }

    #[test]
    fn a_time_the_clock_skips_moves_on_and_one_it_repeats_counts_once() {
        let daily = |hh: u32, mm: u32, first: &str| Schedule {
            first: day(first),
            at: NaiveTime::from_hms_opt(hh, mm, 0).unwrap(),
            repeat: Repeat::Days { n: 1 },
        };
        // 02:30 does not exist in Berlin on 28 March 2027: it files at 03:30 local.
        let spring = daily(2, 30, "2027-03-28");
        assert_eq!(
            spring.next_after(&Berlin, at("2027-03-27T12:00:00Z")),
            Some(at("2027-03-28T01:30:00Z"))
        );
        // 02:30 happens twice on 31 October 2027: the first one only.
        let autumn = daily(2, 30, "2027-10-31");
        let runs = autumn.upcoming(&Berlin, at("2027-10-30T12:00:00Z"), 2);
        assert_eq!(
            runs,
            vec![at("2027-10-31T00:30:00Z"), at("2027-11-01T01:30:00Z")]
        );
    }

    #[test]
    fn every_n_days_counts_from_the_first_date_and_never_before_it() {
        let s = Schedule {
            first: day("2027-01-10"),
            at: eight(),
            repeat: Repeat::Days { n: 10 },
        };
        assert_eq!(
            s.next_after(&Berlin, at("2026-12-01T00:00:00Z")),
            Some(at("2027-01-10T07:00:00Z"))
        );
        // Long after: the next step on the same grid, not ten days from now.
        assert_eq!(
            s.next_after(&Berlin, at("2027-03-01T00:00:00Z")),
            Some(at("2027-03-01T07:00:00Z"))
        );
        assert_eq!(
            s.next_after(&Berlin, at("2027-03-01T07:00:00Z")),
            Some(at("2027-03-11T07:00:00Z"))
        );
    }

    #[test]
    fn a_yearly_leap_day_falls_on_the_28th_in_other_years() {
        let s = Schedule {
            first: day("2028-02-29"),
            at: eight(),
            repeat: Repeat::Year,
        };
        let dates: Vec<NaiveDate> = s
            .upcoming(&Berlin, at("2028-01-01T00:00:00Z"), 3)
            .iter()
            .map(|t| t.with_timezone(&Berlin).date_naive())
            .collect();
        assert_eq!(
            dates,
            vec![day("2028-02-29"), day("2029-02-28"), day("2030-02-28")]
        );
    }

    #[test]
    fn intervals_and_weeks_of_the_month_are_checked() {
        let s = |repeat| Schedule {
            first: day("2027-01-01"),
            at: eight(),
            repeat,
        };
        assert_eq!(
            s(Repeat::Days { n: 0 }).check(),
            Err(ScheduleError::Interval)
        );
        assert_eq!(
            s(Repeat::Weeks { n: 53 }).check(),
            Err(ScheduleError::Interval)
        );
        assert_eq!(
            s(Repeat::MonthWeekday {
                nth: 6,
                weekday: Weekday::Mon
            })
            .check(),
            Err(ScheduleError::Nth)
        );
        assert_eq!(s(Repeat::Days { n: 1 }).check(), Ok(()));
    }

    #[test]
    fn a_form_is_read_with_every_wrong_part_named() {
        let s = Schedule::parse("month_weekday", "", "5", "fri", "2027-01-01", "08:30").unwrap();
        assert_eq!(
            s.repeat,
            Repeat::MonthWeekday {
                nth: 5,
                weekday: Weekday::Fri
            }
        );
        assert_eq!(s.at, NaiveTime::from_hms_opt(8, 30, 0).unwrap());
        assert_eq!(
            Schedule::parse("hourly", "1", "", "", "31/01/2027", "8 Uhr"),
            Err(vec![
                ScheduleError::First,
                ScheduleError::At,
                ScheduleError::Repeat
            ])
        );
        assert_eq!(
            Schedule::parse("days", "0", "", "", "2027-01-31", "08:00"),
            Err(vec![ScheduleError::Interval])
        );
        assert_eq!(
            Schedule::parse("month_weekday", "", "1", "<script>", "2027-01-31", "08:00"),
            Err(vec![ScheduleError::Repeat])
        );
    }
}
