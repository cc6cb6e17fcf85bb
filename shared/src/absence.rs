//! Extended absence (F6.2): York's guidance renews a supervision agreement
//! "after an interval such as an extended period of sickness absence or
//! other extended leave". A person's line manager or HR records the first
//! day away and the first day back; once they are back, the agreement in
//! force before it is to be renewed. Only the dates are kept: why someone
//! was away is HR's record, not the supervision file's.

use chrono::NaiveDate;

use crate::record::FieldError;

/// The shortest absence recorded here: four weeks, the point at which
/// Portsmouth's policy calls an absence one that needs other arrangements.
pub const EXTENDED_ABSENCE_DAYS: i64 = 28;

/// Checks an absence from `starts_on` (first day away) to `back_on` (first
/// day back), recorded on `today`: it has begun, ends after it starts, and
/// is extended. A return in the future is a planned one.
pub fn check_absence(
    starts_on: NaiveDate,
    back_on: NaiveDate,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if starts_on > today {
        errors.push(FieldError::new(
            "startsOn",
            "The first day away must be today or earlier.",
        ));
    }
    if back_on <= starts_on {
        errors.push(FieldError::new(
            "backOn",
            "The first day back must be after the first day away.",
        ));
    } else if (back_on - starts_on).num_days() < EXTENDED_ABSENCE_DAYS {
        errors.push(FieldError::new(
            "backOn",
            "Only absences of four weeks or more are recorded here.",
        ));
    }
    errors
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
    fn an_extended_absence_is_four_weeks_or_more_and_has_begun() {
        let today = day(2026, 12, 5);
        assert!(check_absence(day(2026, 9, 1), day(2026, 9, 29), today).is_empty());
        assert_eq!(
            fields(&check_absence(day(2026, 9, 1), day(2026, 9, 28), today)),
            vec!["backOn"],
            "27 days is not extended"
        );
        assert!(
            check_absence(day(2026, 11, 1), day(2027, 1, 4), today).is_empty(),
            "a planned return"
        );
        assert_eq!(
            fields(&check_absence(day(2026, 12, 6), day(2027, 2, 1), today)),
            vec!["startsOn"]
        );
        assert_eq!(
            fields(&check_absence(day(2026, 9, 1), day(2026, 9, 1), today)),
            vec!["backOn"]
        );
    }
}
