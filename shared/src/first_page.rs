//! The words of the pages the server draws before the app has loaded (issue
//! 13): the home page's "waiting for you" list and the development sign-in's
//! introduction. The app draws the same words once it runs, so the page a
//! phone shows first is the page it keeps, not a placeholder replaced a
//! second later; keeping the wording here keeps the two the same.

use chrono::NaiveDate;

use crate::SupervisionKind;

/// The product's name, after every page's own title.
pub const PRODUCT: &str = "Supervision records";

/// A page's title in the browser's tab, which screen readers announce on
/// each page: "Sign in – Supervision records".
pub fn page_title(page: &str) -> String {
    format!("{page} – {PRODUCT}")
}

/// The home page's heading.
pub const HOME_TITLE: &str = "My own supervisions";

/// The development sign-in page's heading.
pub const SIGN_IN_TITLE: &str = "Sign in";

/// What the development sign-in page says first.
pub const DEV_SIGN_IN_LEAD: &str = "This is a development sign-in. Choose who to sign in as.";

/// Under the "waiting for you" heading.
pub const AWAITING_INTRO: &str =
    "Read each record and say whether it is an accurate record of your session.";

/// The heading of the records waiting for the person's validation (F4.1).
pub fn awaiting_heading(count: usize) -> String {
    format!("Waiting for you to agree or disagree ({count})")
}

/// A record named by its kind and the day it was held, as links to it read.
pub fn record_name(kind: SupervisionKind, held_on: NaiveDate) -> String {
    format!("{}, {}", kind.label(), long_date(held_on))
}

/// Who wrote a record waiting for validation.
pub fn recorded_by(name: &str) -> String {
    format!("Recorded by {name}")
}

/// A date written out, e.g. "22 November 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_named_by_its_kind_and_the_day_written_out() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default();
        assert_eq!(long_date(day), "2 November 2026");
        assert_eq!(
            record_name(SupervisionKind::ClinicalOneToOne, day),
            format!(
                "{}, 2 November 2026",
                SupervisionKind::ClinicalOneToOne.label()
            )
        );
        assert_eq!(page_title(SIGN_IN_TITLE), "Sign in – Supervision records");
        assert_eq!(
            awaiting_heading(3),
            "Waiting for you to agree or disagree (3)"
        );
    }
}
