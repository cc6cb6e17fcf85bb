//! How compliance is put into words: the kinds' names as people use them,
//! and the note shown when a record has just been saved, worked out here with
//! the shared rule so it needs no second request.

use chrono::{Days, NaiveDate};
use supervision_shared::kind::counts_towards;
use supervision_shared::{Approach, ComplianceCategory, Policy, Schedule, SupervisionKind};

use crate::dates;

/// A kind of supervision as staff call it: "Management" is line management.
pub fn category_label(category: ComplianceCategory) -> &'static str {
    match category {
        ComplianceCategory::Management => "Line management",
        other => other.label(),
    }
}

/// When the next formal supervision of `category` falls due after one held
/// on `held_on`, on the policy's normal schedule.
pub fn next_due_after(category: ComplianceCategory, held_on: NaiveDate) -> NaiveDate {
    let days = Schedule::NORMAL.interval_on(&Policy::default(), category, held_on);
    held_on
        .checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// What a newly saved record means for the supervisees' next due date, e.g.
/// "This counts as formal clinical supervision. The next one for Tom Reed is
/// due by 17 January 2027."
pub fn saved_note(
    kind: SupervisionKind,
    approach: Option<Approach>,
    held_on: NaiveDate,
    supervisees: &[String],
) -> String {
    match counts_towards(kind, approach) {
        Some(category) => format!(
            "This counts as formal {} supervision. The next one for {} is due by {}.",
            category_label(category).to_lowercase(),
            join_names(supervisees),
            dates::long(next_due_after(category, held_on)),
        ),
        None => "This is recorded but does not count as formal supervision.".to_owned(),
    }
}

/// Names as a sentence lists them: "A", "A and B", "A, B and C".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => "the supervisees".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|&n| n.to_owned()).collect()
    }

    #[test]
    fn clinical_supervision_is_next_due_eight_weeks_after_it_was_held() {
        let note = saved_note(
            SupervisionKind::ClinicalOneToOne,
            Some(Approach::StructuredReflection),
            day(2026, 11, 22),
            &names(&["Tom Reed"]),
        );
        assert_eq!(
            note,
            "This counts as formal clinical supervision. The next one for Tom Reed is due by 17 January 2027."
        );
    }

    #[test]
    fn line_management_is_named_as_staff_say_it_and_lists_every_supervisee() {
        let note = saved_note(
            SupervisionKind::LineManagement,
            None,
            day(2026, 11, 2),
            &names(&["Tom Reed"]),
        );
        assert!(note.starts_with("This counts as formal line management supervision."));
        assert!(note.ends_with("due by 30 November 2026."));
        assert_eq!(
            join_names(&names(&["Tom Reed", "Aisha Khan", "Sam Lee"])),
            "Tom Reed, Aisha Khan and Sam Lee"
        );
        assert_eq!(
            join_names(&names(&["Tom Reed", "Aisha Khan"])),
            "Tom Reed and Aisha Khan"
        );
    }

    #[test]
    fn wellbeing_support_personal_reflection_and_ad_hoc_discussion_do_not_count() {
        let expected = "This is recorded but does not count as formal supervision.";
        for (kind, approach) in [
            (
                SupervisionKind::ClinicalOneToOne,
                Some(Approach::WellbeingSupport),
            ),
            (SupervisionKind::PersonalReflection, None),
            (SupervisionKind::AdHocCaseDiscussion, None),
        ] {
            let note = saved_note(kind, approach, day(2026, 11, 22), &names(&["Tom Reed"]));
            assert_eq!(note, expected, "{kind:?}");
        }
    }
}
