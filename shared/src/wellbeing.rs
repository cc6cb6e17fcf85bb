//! Wellbeing (F3.9): a wellbeing check, or a wellbeing action plan (such as
//! the actions agreed in a stress risk assessment), kept with the person
//! and reviewed in supervision. Only the person and their supervisor see
//! it; reports say no more than that a review is due.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::limits::SECTION_MAX_CHARS;
use crate::record::FieldError;

/// A review falls due this many days before its date, so that it is on the
/// agenda of the supervision before it.
pub const REVIEW_DUE_SOON_DAYS: i64 = 14;

/// What is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "WellbeingKind::parse",
        to_str = "(|v: &WellbeingKind| v.as_str())"
    )
)]
pub enum WellbeingKind {
    /// A wellbeing check: how the person is, in their words and the
    /// supervisor's.
    Check,
    /// A wellbeing action plan: what was agreed to support them (for
    /// example after a stress risk assessment).
    ActionPlan,
}

coded_enum!(WellbeingKind, "wellbeing record", {
    Check => ("check", "Wellbeing check"),
    ActionPlan => ("action_plan", "Wellbeing action plan"),
});

/// What is written, as checked before it is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WellbeingEntry {
    /// Which.
    pub kind: WellbeingKind,
    /// How the person is, or what the plan is for.
    pub summary: String,
    /// What was agreed (the plan's actions).
    pub actions: String,
    /// When it is reviewed.
    pub review_by: NaiveDate,
}

/// Every problem with an entry, by field.
pub fn check_entry(entry: &WellbeingEntry, today: NaiveDate) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if entry.summary.trim().is_empty() {
        errors.push(FieldError::new(
            "summary",
            "Write how they are, or what the plan is for.",
        ));
    } else if entry.summary.chars().count() > SECTION_MAX_CHARS {
        errors.push(FieldError::new(
            "summary",
            "Keep it under 20,000 characters.",
        ));
    }
    if entry.kind == WellbeingKind::ActionPlan && entry.actions.trim().is_empty() {
        errors.push(FieldError::new("actions", "Write the actions agreed."));
    } else if entry.actions.chars().count() > SECTION_MAX_CHARS {
        errors.push(FieldError::new(
            "actions",
            "Keep it under 20,000 characters.",
        ));
    }
    let latest = today
        .checked_add_months(chrono::Months::new(12))
        .unwrap_or(NaiveDate::MAX);
    if entry.review_by < today || entry.review_by > latest {
        errors.push(FieldError::new(
            "reviewBy",
            "Set a review date from today to a year ahead.",
        ));
    }
    errors
}

/// Whether a review is due: its date has come, or is within two weeks.
pub fn review_due(review_by: NaiveDate, today: NaiveDate) -> bool {
    (review_by - today).num_days() <= REVIEW_DUE_SOON_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn plan() -> WellbeingEntry {
        WellbeingEntry {
            kind: WellbeingKind::ActionPlan,
            summary: "Stress risk assessment after a difficult case".into(),
            actions: "Caseload capped at 18; weekly check-in; referral to occupational health"
                .into(),
            review_by: day(2027, 1, 15),
        }
    }

    #[test]
    fn a_stress_risk_assessments_agreed_actions_make_a_plan() {
        assert!(check_entry(&plan(), day(2026, 12, 5)).is_empty());
        let mut no_actions = plan();
        no_actions.actions = " ".into();
        let fields: Vec<String> = check_entry(&no_actions, day(2026, 12, 5))
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["actions"]);
    }

    #[test]
    fn a_review_is_set_within_the_year_and_due_two_weeks_ahead() {
        let mut late = plan();
        late.review_by = day(2028, 1, 1);
        assert_eq!(check_entry(&late, day(2026, 12, 5)).len(), 1);
        assert!(!review_due(day(2027, 1, 15), day(2026, 12, 31)));
        assert!(review_due(day(2027, 1, 15), day(2027, 1, 1)));
        assert!(review_due(day(2027, 1, 15), day(2027, 2, 1)));
    }
}
