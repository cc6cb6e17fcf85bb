//! How someone's standing is told on a page: the words and tag style of a
//! verdict, each kind's name, and the home page's "When my next supervision
//! is due" section. The app draws them on every page that shows standings;
//! the server draws the home page's with the same words before the app has
//! loaded (issue 13), so the two cannot drift apart.

use chrono::NaiveDate;

use crate::first_page::long_date;
use crate::{ComplianceCategory, ComplianceStatus};

/// The home page's section of the person's own standings (F5.3, F5.4).
pub const STANDINGS_HEADING: &str = "When my next supervision is due";

/// Under that heading: the day judged, which is the end of this month.
pub fn standings_as_at(as_at: NaiveDate) -> String {
    format!(
        "As at {}, the end of this month, as the supervision reports count.",
        long_date(as_at)
    )
}

/// A kind of supervision as the reports name it.
pub fn category_label(category: ComplianceCategory) -> &'static str {
    match category {
        ComplianceCategory::Management => "Line management",
        other => other.label(),
    }
}

/// Clinical, then line management, then case: the order the policy lists them.
pub fn category_order(category: ComplianceCategory) -> usize {
    ComplianceCategory::ALL
        .iter()
        .position(|&c| c == category)
        .unwrap_or(usize::MAX)
}

/// The tag's style: overdue and due soon each look different from the rest
/// in shape and weight as well as colour (WCAG 1.4.1).
pub fn status_class(status: ComplianceStatus) -> &'static str {
    match status {
        ComplianceStatus::Compliant => "compliant",
        ComplianceStatus::DueSoon => "due-soon",
        ComplianceStatus::Overdue => "overdue",
        ComplianceStatus::DueByMonthEnd => "due-by-month-end",
        ComplianceStatus::NeverHad => "never-had",
        ComplianceStatus::NotApplicable => "not-applicable",
    }
}

/// A verdict in words: "Due by 24 December 2026" for someone due before
/// the month's end who is not yet overdue, the status's own word otherwise.
pub fn status_words(status: ComplianceStatus, next_due: Option<NaiveDate>) -> String {
    match (status, next_due) {
        (ComplianceStatus::DueByMonthEnd, Some(due)) => format!("Due by {}", long_date(due)),
        _ => status.label().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn someone_due_before_the_month_end_is_due_by_the_day_not_overdue() {
        let due = NaiveDate::from_ymd_opt(2026, 12, 24);
        assert_eq!(
            status_words(ComplianceStatus::DueByMonthEnd, due),
            "Due by 24 December 2026"
        );
        assert_eq!(status_words(ComplianceStatus::Overdue, due), "Overdue");
    }

    #[test]
    fn kinds_are_ordered_as_the_policy_lists_them_and_named_as_reports_do() {
        let mut kinds = vec![
            ComplianceCategory::Case,
            ComplianceCategory::Clinical,
            ComplianceCategory::Management,
        ];
        kinds.sort_by_key(|&c| category_order(c));
        assert_eq!(kinds, ComplianceCategory::ALL);
        assert_eq!(
            category_label(ComplianceCategory::Management),
            "Line management"
        );
    }

    #[test]
    fn the_section_says_the_day_it_judged_at() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default();
        assert_eq!(
            standings_as_at(day),
            "As at 31 December 2026, the end of this month, as the supervision reports count."
        );
    }
}
