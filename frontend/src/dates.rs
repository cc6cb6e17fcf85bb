//! Dates as people in the UK read them, and "today" in the browser's zone.

use chrono::{Local, Months, NaiveDate};

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
}
