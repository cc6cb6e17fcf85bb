//! A compliance verdict as a tag, and a percentage compliant in words, as the
//! supervisee list and the team report show them.

use chrono::NaiveDate;
use leptos::prelude::*;
use supervision_shared::ComplianceStatus;
use supervision_shared::standing::{category_label, category_order, status_class, status_words};

use crate::api::compliance::ComplianceStanding;
use crate::dates;

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
}
