//! Dates as people in the UK read them, and "today" in the browser's zone.

use chrono::{DateTime, Local, Months, NaiveDate, Utc};

/// Today's date where the user is (the date held may not be after it).
pub fn today() -> NaiveDate {
    Local::now().date_naive()
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
    date.format("%-d %B %Y").to_string()
}

/// A date in the `YYYY-MM-DD` form `<input type=date>` uses.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Reads an `<input type=date>` value.
pub fn parse_iso(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
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
