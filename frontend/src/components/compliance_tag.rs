//! A compliance verdict as a tag, and a percentage compliant in words, as the
//! supervisee list and the team report show them.

use chrono::NaiveDate;
use leptos::prelude::*;
use supervision_shared::{ComplianceCategory, ComplianceStatus};

use crate::api::compliance::ComplianceStanding;
use crate::compliance::category_label;
use crate::dates;

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

/// A verdict in words: "Due by 24 December" for someone due before the
/// month's end who is not yet overdue, the status's own word otherwise.
pub fn status_words(status: ComplianceStatus, next_due: Option<NaiveDate>) -> String {
    match (status, next_due) {
        (ComplianceStatus::DueByMonthEnd, Some(due)) => format!("Due by {}", dates::long(due)),
        _ => status.label().to_owned(),
    }
}

/// "Compliant", "Overdue", "Due by 24 December"… in the tag style the home
/// page uses.
pub fn status_tag(status: ComplianceStatus, next_due: Option<NaiveDate>) -> impl IntoView {
    view! {
        <span class=format!("tag tag-status tag-{}", status_class(status))>
            {status_words(status, next_due)}
        </span>
    }
}

/// Someone's standing per kind, in the policy's order: the kind, its
/// verdict, and when it is next due.
pub fn standings_list(mut standings: Vec<ComplianceStanding>) -> impl IntoView {
    standings.sort_by_key(|s| category_order(s.category));
    view! {
        <dl class="standings">
            {standings
                .into_iter()
                .map(|s| {
                    view! {
                        <div class="standing">
                            <dt>{category_label(s.category)}</dt>
                            <dd>
                                {status_tag(s.status, s.next_due)}
                                // "Due by …" already says when.
                                {s.next_due.filter(|_| s.status != ComplianceStatus::DueByMonthEnd).map(|due| {
                                    view! {
                                        " "
                                        <span class="standing-due">
                                            "next due "
                                            <time datetime=dates::iso(due)>{dates::long(due)}</time>
                                        </span>
                                    }
                                })}
                            </dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

/// Clinical, then line management, then case: the order the policy lists them.
pub fn category_order(category: ComplianceCategory) -> usize {
    ComplianceCategory::ALL
        .iter()
        .position(|&c| c == category)
        .unwrap_or(usize::MAX)
}

/// A unit's percentage for one kind: "Not applicable" when there are
/// people but the kind is required of none of them (case supervision where
/// nobody holds a caseload), "No one" when there is nobody at all.
pub fn figure_text(people: u32, percent: Option<f64>) -> String {
    match percent {
        None if people > 0 => "Not applicable".to_owned(),
        _ => percent_text(percent),
    }
}

/// A percentage compliant as a whole number, e.g. "83%"; "No one" when
/// nobody was counted, so an empty unit is not read as 0% compliant.
pub fn percent_text(percent: Option<f64>) -> String {
    match percent {
        Some(p) => format!("{}%", p.clamp(0.0, 100.0).round()),
        None => "No one".to_owned(),
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
    fn a_kind_required_of_nobody_in_a_unit_of_people_is_not_applicable() {
        assert_eq!(figure_text(12, None), "Not applicable");
        assert_eq!(figure_text(0, None), "No one");
        assert_eq!(figure_text(12, Some(50.0)), "50%");
    }

    #[test]
    fn percentages_are_rounded_to_whole_numbers_and_nobody_is_not_zero() {
        assert_eq!(percent_text(Some(83.333)), "83%");
        assert_eq!(percent_text(Some(99.5)), "100%");
        assert_eq!(percent_text(Some(0.0)), "0%");
        assert_eq!(percent_text(None), "No one");
    }

    #[test]
    fn kinds_are_ordered_as_the_policy_lists_them() {
        let mut kinds = vec![
            ComplianceCategory::Case,
            ComplianceCategory::Clinical,
            ComplianceCategory::Management,
        ];
        kinds.sort_by_key(|&c| category_order(c));
        assert_eq!(kinds, ComplianceCategory::ALL);
    }
}
