//! The organisation's BI tools reading compliance (F9.5): a system
//! administrator makes a read-only token for a named BI client, scoped to
//! units like a senior manager, with an expiry. Trusts refresh a dashboard
//! daily (seed 001's BI Hub), so the token lives for months, not minutes;
//! the limits here keep one from outliving a year or reaching everywhere by
//! accident.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::limits::SHORT_TEXT_MAX_CHARS;
use crate::record::FieldError;

/// People per page of the BI query: a trust of 30,000 is 30 pages.
pub const PAGE_SIZE_MAX: u32 = 1000;
/// The longest a token may live, in days from the day it is made.
pub const TOKEN_DAYS_MAX: u64 = 366;
/// The most units one token may name (each with everything below it).
pub const TOKEN_UNITS_MAX: usize = 50;

/// A token to make.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "BiTokenInput"))]
pub struct BiTokenDraft {
    /// The BI client it is for, e.g. "Power BI supervision dashboard".
    pub label: String,
    /// The units it reaches, each with everything below it.
    pub unit_ids: Vec<Uuid>,
    /// Its last day of use.
    pub expires_on: NaiveDate,
}

/// Checks a token to make on `today`: named, reaching at least one unit,
/// and expiring within a year.
pub fn check_token(draft: &BiTokenDraft, today: NaiveDate) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let label = draft.label.trim();
    if label.is_empty() || label.chars().count() > SHORT_TEXT_MAX_CHARS {
        errors.push(FieldError::new(
            "label",
            format!(
                "Name the BI client it is for (at most {SHORT_TEXT_MAX_CHARS} characters), \
                 e.g. \"Power BI supervision dashboard\"."
            ),
        ));
    }
    if draft.unit_ids.is_empty() {
        errors.push(FieldError::new(
            "unitIds",
            "Choose the units it may read (the top of the organisation for everyone).",
        ));
    } else if draft.unit_ids.len() > TOKEN_UNITS_MAX {
        errors.push(FieldError::new(
            "unitIds",
            format!("Choose at most {TOKEN_UNITS_MAX} units; a unit includes every unit below it."),
        ));
    } else if has_duplicates(&draft.unit_ids) {
        errors.push(FieldError::new("unitIds", "A unit is chosen twice."));
    }
    let latest = today.checked_add_days(chrono::Days::new(TOKEN_DAYS_MAX));
    if draft.expires_on < today {
        errors.push(FieldError::new(
            "expiresOn",
            "The last day of use cannot be in the past.",
        ));
    } else if latest.is_some_and(|latest| draft.expires_on > latest) {
        errors.push(FieldError::new(
            "expiresOn",
            format!("A token lasts at most {TOKEN_DAYS_MAX} days: make a new one when it ends."),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn has_duplicates(ids: &[Uuid]) -> bool {
    let mut seen = std::collections::HashSet::new();
    ids.iter().any(|id| !seen.insert(id))
}

/// Whether a token is live on a day: not revoked, not past its last day.
pub fn is_live(expires_on: NaiveDate, revoked: bool, today: NaiveDate) -> bool {
    !revoked && today <= expires_on
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap_or(NaiveDate::MIN)
    }

    fn draft(label: &str, units: Vec<Uuid>, expires_on: &str) -> BiTokenDraft {
        BiTokenDraft {
            label: label.to_owned(),
            unit_ids: units,
            expires_on: day(expires_on),
        }
    }

    fn fields(result: Result<(), Vec<FieldError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_token_is_named_reaches_some_units_and_ends_within_a_year() {
        let today = day("2026-12-07");
        let unit = Uuid::from_u128(1);
        assert!(check_token(&draft("Power BI", vec![unit], "2027-12-07"), today).is_ok());
        assert!(check_token(&draft("Power BI", vec![unit], "2026-12-07"), today).is_ok());
        assert_eq!(
            fields(check_token(&draft("  ", vec![], "2026-12-06"), today)),
            ["label", "unitIds", "expiresOn"]
        );
        assert_eq!(
            fields(check_token(&draft("BI", vec![unit], "2027-12-09"), today)),
            ["expiresOn"]
        );
        assert_eq!(
            fields(check_token(
                &draft("BI", vec![unit, unit], "2027-01-01"),
                today
            )),
            ["unitIds"]
        );
        let many: Vec<Uuid> = (0..=TOKEN_UNITS_MAX as u128).map(Uuid::from_u128).collect();
        assert_eq!(
            fields(check_token(&draft("BI", many, "2027-01-01"), today)),
            ["unitIds"]
        );
    }

    #[test]
    fn a_token_is_live_through_its_last_day_until_revoked() {
        let last = day("2027-01-31");
        assert!(is_live(last, false, day("2027-01-31")));
        assert!(!is_live(last, false, day("2027-02-01")));
        assert!(!is_live(last, true, day("2027-01-01")));
    }
}
