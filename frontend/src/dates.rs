//! Dates as people in the UK read them, and "today" in the organisation's
//! time zone, as the server judges it.

use std::cell::{Cell, RefCell};

use chrono::{DateTime, Local, Months, NaiveDate, TimeDelta, Utc};

use crate::api::me::Today;

thread_local! {
    /// The organisation's time zone, once the signed-in person is known.
    static ZONE: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The organisation's day as the server last said, and when it ends by
    /// this browser's clock.
    static SERVER_DAY: Cell<Option<(NaiveDate, DateTime<Utc>)>> = const { Cell::new(None) };
}

/// Judges "today" in this time zone from now on (the signed-in person's
/// organisation's, as the server does). A laptop left on another zone then
/// neither lets a session "held today" through that the server would refuse
/// as in the future, nor refuses one the server would take. Until `day`
/// ends, it is today.
pub fn judge_days_in(zone: &str, day: Today) {
    ZONE.with(|z| *z.borrow_mut() = Some(zone.to_owned()));
    SERVER_DAY.set(Some(ends(day, Utc::now())));
}

/// Today's date in the organisation's time zone (the date held may not be
/// after it); in the browser's own zone until that is known.
pub fn today() -> NaiveDate {
    // The browser's own time zone database (`Intl`) is asked only once the
    // server's day has ended, in a page left open past midnight: its first
    // use loads the database, which on a slow phone held the first page up
    // for a tenth of a second.
    server_day_at(SERVER_DAY.get(), Utc::now())
        .or_else(|| ZONE.with(|z| z.borrow().as_deref().and_then(today_in)))
        .unwrap_or_else(|| Local::now().date_naive())
}

/// The server's day, answered at `received` by this browser's clock, and
/// when it ends by the same clock.
fn ends(day: Today, received: DateTime<Utc>) -> (NaiveDate, DateTime<Utc>) {
    (day.date, received + TimeDelta::seconds(day.seconds_left))
}

/// The server's day, if it has not ended by `now`.
fn server_day_at(day: Option<(NaiveDate, DateTime<Utc>)>, now: DateTime<Utc>) -> Option<NaiveDate> {
    day.filter(|(_, ends_at)| now < *ends_at)
        .map(|(date, _)| date)
}

/// Today in an IANA time zone, by the browser's own time zone database
/// (`Intl`), so the WebAssembly carries none of its own.
fn today_in(zone: &str) -> Option<NaiveDate> {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
    ] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    // en-GB writes day/month/year, e.g. "5/12/2026".
    let written: String = js_sys::Date::new_0()
        .to_locale_date_string("en-GB", &options)
        .into();
    let mut parts = written
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(str::parse::<u32>);
    let (day, month, year) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// The date `months` months before today, for the list's range.
pub fn months_ago(months: u32) -> NaiveDate {
    let today = today();
    today
        .checked_sub_months(Months::new(months))
        .unwrap_or(today)
}

/// A date written out, e.g. "22 November 2026".
pub fn long(date: NaiveDate) -> String {
    supervision_shared::first_page::long_date(date)
}

/// A date in the `YYYY-MM-DD` form `<input type=date>` uses.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Reads a `YYYY-MM-DD` date in an answer, by [`parse_iso`].
pub fn deserialize_iso<'de, D: serde::Deserializer<'de>>(from: D) -> Result<NaiveDate, D::Error> {
    let written = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(from)?;
    parse_iso(&written)
        .ok_or_else(|| serde::de::Error::custom(format!("{written:?} is not a YYYY-MM-DD date")))
}

/// Reads a date as kept: `YYYY-MM-DD`, or the date input's three boxes
/// joined the same way, where the day and month may have one figure. The
/// year must have four, so "26" is not taken for the year 26.
pub fn parse_iso(value: &str) -> Option<NaiveDate> {
    let mut parts = value.trim().splitn(3, '-').map(str::trim);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    let figures = |part: &str, most: usize| {
        (1..=most).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit())
    };
    if year.len() != 4 || !figures(year, 4) || !figures(month, 2) || !figures(day, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// A moment written out in the user's zone, e.g. "22 November 2026 at 14:05".
pub fn long_time(moment: DateTime<Utc>) -> String {
    let local = moment.with_timezone(&Local);
    format!("{} at {}", long(local.date_naive()), local.format("%H:%M"))
}

/// When something ends, e.g. "14:05", "14:05 tomorrow" or
/// "14:05 on 24 November 2026", said relative to `today`.
pub fn until(moment: DateTime<Utc>, today: NaiveDate) -> String {
    let local = moment.with_timezone(&Local);
    let time = local.format("%H:%M");
    let day = local.date_naive();
    if day == today {
        time.to_string()
    } else if today.succ_opt() == Some(day) {
        format!("{time} tomorrow")
    } else {
        format!("{time} on {}", long(day))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_day_is_today_until_the_instant_it_ends() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap_or_default();
        let Some(date) = NaiveDate::from_ymd_opt(2026, 7, 1) else {
            panic!("valid date")
        };
        // Asked at 23:30 UTC on 30 June, 00:30 BST on 1 July: 1 July in the
        // UK ends 23 hours and 30 minutes later, at 23:00 UTC.
        let day = Some(ends(
            Today {
                date,
                seconds_left: 23 * 3600 + 30 * 60,
            },
            at("2026-06-30T23:30:00Z"),
        ));
        assert_eq!(server_day_at(day, at("2026-06-30T23:30:00Z")), Some(date));
        assert_eq!(server_day_at(day, at("2026-07-01T22:59:59Z")), Some(date));
        assert_eq!(
            server_day_at(day, at("2026-07-01T23:00:00Z")),
            None,
            "once it has ended the browser judges the day itself"
        );
        assert_eq!(server_day_at(None, at("2026-07-01T12:00:00Z")), None);
    }

    #[test]
    fn a_date_in_an_answer_is_read_by_the_small_reader() {
        #[derive(serde::Deserialize)]
        struct Answer {
            #[serde(deserialize_with = "deserialize_iso")]
            date: NaiveDate,
        }
        let read = |json: &str| serde_json::from_str::<Answer>(json).map(|a| a.date);
        assert_eq!(
            read(r#"{"date":"2026-12-07"}"#).ok(),
            NaiveDate::from_ymd_opt(2026, 12, 7)
        );
        let Err(err) = read(r#"{"date":"7 December 2026"}"#) else {
            panic!("not a date")
        };
        assert!(
            err.to_string().contains("is not a YYYY-MM-DD date"),
            "{err}"
        );
    }

    #[test]
    fn dates_are_written_out_in_full() {
        let Some(date) = NaiveDate::from_ymd_opt(2026, 11, 2) else {
            panic!("valid date")
        };
        assert_eq!(long(date), "2 November 2026");
        assert_eq!(parse_iso(&iso(date)), Some(date));
        assert_eq!(parse_iso("not a date"), None);
    }

    #[test]
    fn an_end_time_says_which_day_when_it_is_not_today() {
        let moment = Utc::now();
        let day = moment.with_timezone(&Local).date_naive();
        let time = moment.with_timezone(&Local).format("%H:%M").to_string();
        assert_eq!(until(moment, day), time);
        if let Some(yesterday) = day.pred_opt() {
            assert_eq!(until(moment, yesterday), format!("{time} tomorrow"));
        }
    }
}
