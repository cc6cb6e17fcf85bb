//! How compliance is put into words: the kinds' names as people use them,
//! and the note shown when a record has just been saved, worked out here
//! with the shared rule from each supervisee's policy and schedule as the
//! server sends them (never the policies' defaults: someone on an
//! agreement, a unit's rule or the newly qualified schedule has their own).

use chrono::NaiveDate;
use supervision_shared::compliance::DueRule;
use supervision_shared::kind::counts_towards;
use supervision_shared::standing::category_label;
use supervision_shared::{Approach, SupervisionKind};
use uuid::Uuid;

use crate::dates;

/// What a newly saved record means for the supervisees' next due dates,
/// worked out with the shared rule from each supervisee's own policy and
/// schedule as the server sent them (`rules`), e.g. "This counts as formal
/// clinical supervision. The next one for Tom Reed is due by 17 January
/// 2027; for Ben Okafor by 30 November 2026." Someone whose rule has not
/// arrived (or whom the viewer may not judge) is left out of the dates.
pub fn saved_note(
    kind: SupervisionKind,
    approach: Option<Approach>,
    held_on: NaiveDate,
    supervisees: &[(Uuid, String)],
    rules: &[DueRule],
) -> String {
    let Some(category) = counts_towards(kind, approach) else {
        return "This is recorded but does not count as formal supervision.".to_owned();
    };
    let counts = format!(
        "This counts as formal {} supervision.",
        category_label(category).to_lowercase()
    );
    // Supervisees grouped by their date, earliest first, in the record's
    // order within a date.
    let mut by_date: Vec<(NaiveDate, Vec<String>)> = Vec::new();
    for (id, name) in supervisees {
        let Some(due) = rules
            .iter()
            .find(|r| r.staff_id == *id)
            .and_then(|r| r.next_due_after(category, held_on))
        else {
            continue;
        };
        match by_date.iter_mut().find(|(d, _)| *d == due) {
            Some((_, names)) => names.push(name.clone()),
            None => by_date.push((due, vec![name.clone()])),
        }
    }
    by_date.sort_by_key(|(d, _)| *d);
    let parts: Vec<String> = by_date
        .iter()
        .enumerate()
        .map(|(i, (due, names))| {
            let lead = if i == 0 { "The next one for " } else { "for " };
            format!(
                "{lead}{} is due by {}",
                join_names(names),
                dates::long(*due)
            )
        })
        .collect();
    if parts.is_empty() {
        counts
    } else {
        format!("{counts} {}.", parts.join("; "))
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
    use supervision_shared::Policy;
    use supervision_shared::schedule::Period;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    const TOM: Uuid = Uuid::from_u128(1);
    const BEN: Uuid = Uuid::from_u128(2);

    fn rule(staff_id: Uuid, periods: Vec<Period>) -> DueRule {
        DueRule {
            staff_id,
            policy: Policy::default(),
            periods,
            holds_caseload: false,
        }
    }

    fn people() -> Vec<(Uuid, String)> {
        vec![(TOM, "Tom Reed".into()), (BEN, "Ben Okafor".into())]
    }

    #[test]
    fn clinical_supervision_is_next_due_by_each_supervisees_own_rule() {
        let held = day(2026, 11, 22);
        let weekly = Period {
            from: day(2026, 11, 1),
            until: day(2026, 12, 13),
            every_days: 7,
        };
        let note = saved_note(
            SupervisionKind::ClinicalGroup,
            Some(Approach::StructuredReflection),
            held,
            &people(),
            &[rule(TOM, vec![]), rule(BEN, vec![weekly])],
        );
        assert_eq!(
            note,
            "This counts as formal clinical supervision. The next one for Ben Okafor is due by 29 November 2026; for Tom Reed is due by 17 January 2027."
        );
    }

    #[test]
    fn people_due_the_same_day_are_named_together_and_unknown_ones_left_out() {
        let note = saved_note(
            SupervisionKind::LineManagement,
            None,
            day(2026, 11, 2),
            &people(),
            &[rule(TOM, vec![]), rule(BEN, vec![])],
        );
        assert_eq!(
            note,
            "This counts as formal line management supervision. The next one for Tom Reed and Ben Okafor is due by 30 November 2026."
        );
        let note = saved_note(
            SupervisionKind::LineManagement,
            None,
            day(2026, 11, 2),
            &people(),
            &[],
        );
        assert_eq!(note, "This counts as formal line management supervision.");
        assert_eq!(
            join_names(&["Tom Reed".into(), "Aisha Khan".into(), "Sam Lee".into()]),
            "Tom Reed, Aisha Khan and Sam Lee"
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
            let note = saved_note(kind, approach, day(2026, 11, 22), &people(), &[]);
            assert_eq!(note, expected, "{kind:?}");
        }
    }
}
