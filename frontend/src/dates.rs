//! Dates as people in the UK read them, and "today" in the organisation's
//! time zone, as the server judges it.

use std::cell::RefCell;

use chrono::{DateTime, Local, Months, NaiveDate, Utc};

thread_local! {
    /// The organisation's time zone, once the signed-in person is known.
    static ZONE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Judges "today" in this time zone from now on (the signed-in person's
/// organisation's, as the server does). A laptop left on another zone then
/// neither lets a session "held today" through that the server would refuse
/// as in the future, nor refuses one the server would take.
pub fn judge_days_in(zone: &str) {
    ZONE.with(|z| *z.borrow_mut() = Some(zone.to_owned()));
}

/// Today's date in the organisation's time zone (the date held may not be
/// after it); in the browser's own zone until that is known.
pub fn today() -> NaiveDate {
    ZONE.with(|z| z.borrow().as_deref().and_then(today_in))
        .unwrap_or_else(|| Local::now().date_naive())
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
