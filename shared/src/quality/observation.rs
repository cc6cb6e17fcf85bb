//! Observation of a supervisor's practice in supervision (F8.3). Once a
//! year someone who oversees a supervisor watches them supervise, writes
//! down the strengths they saw and what to develop, and both sign it
//! (Portsmouth: "observe (on an annual basis) practice supervisors working
//! in supervision, and ... use observation as an opportunity to support
//! them to further develop their skills").

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::FieldError;
use crate::limits::{COMMENT_MAX_CHARS, SECTION_MAX_CHARS};

/// How often a supervisor's practice is observed.
pub const OBSERVATION_INTERVAL_MONTHS: u32 = 12;

/// An observation as the observer writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "PracticeObservationInput"))]
pub struct ObservationDraft {
    /// The supervisor whose practice was observed.
    pub supervisor_id: Uuid,
    /// The day of the supervision session observed.
    pub observed_on: Option<NaiveDate>,
    /// What they did well.
    pub strengths: String,
    /// What they could develop.
    pub development_points: String,
}

/// An observation that passed [`check_observation`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    /// The day observed.
    pub observed_on: NaiveDate,
    /// Strengths, trimmed.
    pub strengths: String,
    /// Development points, trimmed.
    pub development_points: String,
}

/// Checks an observation on the organisation's `today`. One observed more
/// than a year ago is refused: it would be overdue the day it was saved.
pub fn check_observation(
    draft: &ObservationDraft,
    today: NaiveDate,
) -> Result<Observation, Vec<FieldError>> {
    let mut errors = Vec::new();
    let year_ago = today
        .checked_sub_months(Months::new(OBSERVATION_INTERVAL_MONTHS))
        .unwrap_or(today);
    match draft.observed_on {
        None => errors.push(FieldError::new(
            "observedOn",
            "Enter the date of the session you observed.",
        )),
        Some(day) if day > today => errors.push(FieldError::new(
            "observedOn",
            "The date observed cannot be in the future.",
        )),
        Some(day) if day < year_ago => errors.push(FieldError::new(
            "observedOn",
            "The date observed must be within the last year.",
        )),
        Some(_) => {}
    }
    let strengths = written(
        &mut errors,
        "strengths",
        &draft.strengths,
        "Write the strengths you saw.",
    );
    let development_points = written(
        &mut errors,
        "developmentPoints",
        &draft.development_points,
        "Write what they could develop.",
    );
    match draft.observed_on {
        Some(observed_on) if errors.is_empty() => Ok(Observation {
            observed_on,
            strengths,
            development_points,
        }),
        _ => Err(errors),
    }
}

/// A required text, trimmed; its problem added to `errors`.
fn written(errors: &mut Vec<FieldError>, field: &str, text: &str, missing: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        errors.push(FieldError::new(field, missing));
    } else if text.chars().count() > SECTION_MAX_CHARS {
        errors.push(FieldError::too_long(field, SECTION_MAX_CHARS));
    }
    text.to_owned()
}

/// Checks what the observed supervisor adds when they sign: optional.
pub fn check_signing_comment(comment: &str) -> Result<String, Vec<FieldError>> {
    let comment = comment.trim();
    if comment.chars().count() > COMMENT_MAX_CHARS {
        return Err(vec![FieldError::too_long("comment", COMMENT_MAX_CHARS)]);
    }
    Ok(comment.to_owned())
}

/// When a supervisor's next observation is due: a year after the last one
/// both signed, or, never observed, a year after they began supervising
/// (a new supervisor is observed within their first year).
pub fn observation_due(last_signed: Option<NaiveDate>, supervising_since: NaiveDate) -> NaiveDate {
    let from = last_signed.unwrap_or(supervising_since);
    from.checked_add_months(Months::new(OBSERVATION_INTERVAL_MONTHS))
        .unwrap_or(from)
}

/// Whether an observation due on `due` is overdue on `day` (the due day
/// itself is still in time).
pub fn observation_overdue(due: NaiveDate, day: NaiveDate) -> bool {
    day > due
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn an_observation_needs_a_date_in_the_last_year_strengths_and_development_points() {
        let today = day(2026, 12, 7);
        let good = ObservationDraft {
            supervisor_id: Uuid::from_u128(1),
            observed_on: Some(day(2025, 12, 7)),
            strengths: "  Warm, boundaried, used the cycle well ".to_owned(),
            development_points: "Slow down at analysis".to_owned(),
        };
        assert_eq!(
            check_observation(&good, today),
            Ok(Observation {
                observed_on: day(2025, 12, 7),
                strengths: "Warm, boundaried, used the cycle well".to_owned(),
                development_points: "Slow down at analysis".to_owned(),
            })
        );
        let empty = ObservationDraft {
            observed_on: None,
            strengths: " ".to_owned(),
            development_points: String::new(),
            ..good.clone()
        };
        assert_eq!(
            fields(&check_observation(&empty, today).err().unwrap_or_default()),
            ["observedOn", "strengths", "developmentPoints"]
        );
        let tomorrow = ObservationDraft {
            observed_on: Some(day(2026, 12, 8)),
            ..good.clone()
        };
        let errors = check_observation(&tomorrow, today)
            .err()
            .unwrap_or_default();
        assert!(errors[0].message.contains("future"), "{errors:?}");
        let too_old = ObservationDraft {
            observed_on: Some(day(2025, 12, 6)),
            strengths: "x".repeat(SECTION_MAX_CHARS + 1),
            ..good
        };
        let errors = check_observation(&too_old, today).err().unwrap_or_default();
        assert_eq!(fields(&errors), ["observedOn", "strengths"]);
        assert!(errors[0].message.contains("last year"), "{errors:?}");
    }

    #[test]
    fn the_next_observation_is_due_a_year_after_the_last_or_after_supervising_began() {
        let since = day(2026, 3, 1);
        assert_eq!(observation_due(None, since), day(2027, 3, 1));
        assert_eq!(
            observation_due(Some(day(2026, 6, 30)), since),
            day(2027, 6, 30)
        );
        // 29 February: the year after has none, so the last day of February.
        assert_eq!(
            observation_due(Some(day(2028, 2, 29)), since),
            day(2029, 2, 28)
        );
        assert!(!observation_overdue(day(2027, 3, 1), day(2027, 3, 1)));
        assert!(observation_overdue(day(2027, 3, 1), day(2027, 3, 2)));
    }

    #[test]
    fn a_signing_comment_is_optional_and_bounded() {
        assert_eq!(check_signing_comment("  "), Ok(String::new()));
        assert_eq!(check_signing_comment(" Agreed "), Ok("Agreed".to_owned()));
        let errors = check_signing_comment(&"x".repeat(COMMENT_MAX_CHARS + 1))
            .err()
            .unwrap_or_default();
        assert_eq!(fields(&errors), ["comment"]);
    }
}
