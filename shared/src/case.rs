//! Case discussions in supervision (F3.7). A case is named only by a
//! pseudonymous reference, never a person's name; each discussion records
//! a summary, analysis, decision and actions; a case not discussed within
//! the policy's interval is overdue for discussion until it is closed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::limits::{ACTION_MAX_CHARS, SECTION_MAX_CHARS};
use crate::record::FieldError;

/// Default interval between discussions of an open case: eight weeks.
pub const DEFAULT_DISCUSSION_DAYS: i64 = 56;
/// At most this many cases in one supervision.
pub const CASES_MAX: usize = 40;

/// One case as discussed in a supervision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "CaseInput"))]
pub struct CaseDraft {
    /// The pseudonymous case reference, e.g. `CN-204518`: never a name.
    pub reference: String,
    /// What the case is about now.
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub summary: String,
    /// Analysis: risks, evidence, what it means.
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub analysis: String,
    /// The decision reached.
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub decision: String,
    /// Actions for the case.
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub actions: String,
    /// The case is closed or transferred: no further discussion is due.
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub closed: bool,
    /// The worker whose case it is: one of the record's supervisees. With
    /// one supervisee it is them; a group record must say.
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub worker_id: Option<Uuid>,
}

/// The shape a case reference must have. Organisations use their case
/// management system's numbering; a mask names it: `A` a letter, `9` a
/// digit, anything else itself (e.g. `AA-999999`). With no mask, the
/// default accepts 4 to 20 capital letters, digits and hyphens with at
/// least three digits — which no name can satisfy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReferenceFormat {
    masks: Vec<String>,
}

impl ReferenceFormat {
    /// Masks separated by `|`, e.g. `AA-999999|9999999`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let masks: Vec<String> = text
            .split('|')
            .map(str::trim)
            .filter(|m| !m.is_empty())
            .map(str::to_owned)
            .collect();
        if masks.is_empty() {
            return Err("give at least one mask, e.g. AA-999999".into());
        }
        if masks.iter().any(|m| !m.contains('9')) {
            return Err("every mask needs at least one digit (9), so no name can match".into());
        }
        Ok(Self { masks })
    }

    /// Whether a reference has this shape.
    pub fn accepts(&self, reference: &str) -> bool {
        if self.masks.is_empty() {
            let length = reference.chars().count();
            return (4..=20).contains(&length)
                && reference
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-')
                && reference.chars().filter(char::is_ascii_digit).count() >= 3;
        }
        self.masks.iter().any(|mask| {
            mask.chars().count() == reference.chars().count()
                && mask.chars().zip(reference.chars()).all(|(m, c)| match m {
                    'A' => c.is_ascii_alphabetic(),
                    '9' => c.is_ascii_digit(),
                    literal => c == literal,
                })
        })
    }

    /// How to describe the expected shape to a person.
    pub fn hint(&self) -> String {
        if self.masks.is_empty() {
            "the case's reference number from the case management system, e.g. CN-204518 (capital letters, digits and hyphens; never a name)".into()
        } else {
            format!(
                "the case's reference number in the form {} (A a letter, 9 a digit; never a name)",
                self.masks.join(" or ")
            )
        }
    }
}

/// The worker a case belongs to: the one named, or the only supervisee.
pub fn worker_of(case: &CaseDraft, supervisees: &[Uuid]) -> Option<Uuid> {
    case.worker_id.or(match supervisees {
        [only] => Some(*only),
        _ => None,
    })
}

/// Checks the cases of a record with these supervisees.
pub fn check_cases(
    cases: &[CaseDraft],
    format: &ReferenceFormat,
    supervisees: &[Uuid],
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if cases.len() > CASES_MAX {
        errors.push(FieldError::new(
            "cases",
            format!("A record can discuss at most {CASES_MAX} cases."),
        ));
    }
    let mut seen = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let reference = case.reference.trim();
        if !format.accepts(reference) {
            errors.push(FieldError::new(
                format!("cases[{i}].reference"),
                format!("Give {}.", format.hint()),
            ));
        } else if seen.contains(&reference) {
            errors.push(FieldError::new(
                format!("cases[{i}].reference"),
                "This case is already in this record.",
            ));
        }
        seen.push(reference);
        match case.worker_id {
            Some(worker) if !supervisees.contains(&worker) => errors.push(FieldError::new(
                format!("cases[{i}].workerId"),
                "Choose whose case this is from the supervisees of this record.",
            )),
            None if supervisees.len() > 1 => errors.push(FieldError::new(
                format!("cases[{i}].workerId"),
                "Say whose case this is: choose one of the supervisees.",
            )),
            _ => {}
        }
        for (field, text, max) in [
            ("summary", &case.summary, SECTION_MAX_CHARS),
            ("analysis", &case.analysis, SECTION_MAX_CHARS),
            ("decision", &case.decision, SECTION_MAX_CHARS),
            ("actions", &case.actions, ACTION_MAX_CHARS * 4),
        ] {
            if text.chars().count() > max {
                errors.push(FieldError::too_long(format!("cases[{i}].{field}"), max));
            }
        }
    }
    errors
}

/// When an open case last discussed on `last` is next due for discussion.
pub fn next_discussion(last: NaiveDate, interval_days: i64) -> NaiveDate {
    last + chrono::Duration::days(interval_days)
}

/// Whether a case is overdue for discussion on `today`: open, and not
/// discussed within the interval.
pub fn discussion_overdue(
    last: NaiveDate,
    closed: bool,
    interval_days: i64,
    today: NaiveDate,
) -> bool {
    !closed && next_discussion(last, interval_days) < today
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
    }

    #[test]
    fn a_case_is_named_by_its_reference_never_by_a_name() {
        let format = ReferenceFormat::default();
        assert!(format.accepts("CN-204518"));
        assert!(format.accepts("2045187"));
        assert!(!format.accepts("John Smith"));
        assert!(!format.accepts("JSMITH"), "letters alone could be a name");
        assert!(!format.accepts("cn-204518"));
        let errors = check_cases(
            &[CaseDraft {
                reference: "Mrs Jones".into(),
                ..CaseDraft::default()
            }],
            &format,
            &[WORKER],
        );
        assert_eq!(errors[0].field, "cases[0].reference");
    }

    #[test]
    fn an_organisation_can_require_its_own_numbering() -> Result<(), String> {
        let format = ReferenceFormat::parse("AA-999999|9999999")?;
        assert!(format.accepts("CN-204518"));
        assert!(format.accepts("1234567"));
        assert!(!format.accepts("CN-2045"));
        assert!(
            ReferenceFormat::parse("AAAA").is_err(),
            "a mask without digits could match a name"
        );
        Ok(())
    }

    #[test]
    fn an_open_case_not_discussed_for_eight_weeks_is_overdue() {
        let last = day(9, 1);
        assert!(!discussion_overdue(
            last,
            false,
            DEFAULT_DISCUSSION_DAYS,
            day(10, 27)
        ));
        assert!(discussion_overdue(
            last,
            false,
            DEFAULT_DISCUSSION_DAYS,
            day(10, 28)
        ));
    }

    #[test]
    fn a_closed_case_is_never_overdue_for_discussion() {
        assert!(!discussion_overdue(
            day(1, 1),
            true,
            DEFAULT_DISCUSSION_DAYS,
            day(11, 1)
        ));
    }

    const WORKER: Uuid = Uuid::from_u128(1);
    const OTHER: Uuid = Uuid::from_u128(2);

    #[test]
    fn a_case_in_a_group_record_belongs_to_the_member_named() {
        let mut case = CaseDraft {
            reference: "CN-204518".into(),
            ..CaseDraft::default()
        };
        let group = [WORKER, OTHER];
        let errors = check_cases(
            std::slice::from_ref(&case),
            &ReferenceFormat::default(),
            &group,
        );
        assert_eq!(errors.len(), 1, "a group record must say whose case");
        assert_eq!(errors[0].field, "cases[0].workerId");
        assert_eq!(worker_of(&case, &group), None);
        assert_eq!(
            worker_of(&case, &[WORKER]),
            Some(WORKER),
            "one supervisee: theirs"
        );
        case.worker_id = Some(Uuid::from_u128(9));
        let errors = check_cases(
            std::slice::from_ref(&case),
            &ReferenceFormat::default(),
            &group,
        );
        assert_eq!(errors[0].field, "cases[0].workerId", "not a member");
        case.worker_id = Some(OTHER);
        assert!(
            check_cases(
                std::slice::from_ref(&case),
                &ReferenceFormat::default(),
                &group
            )
            .is_empty()
        );
        assert_eq!(worker_of(&case, &group), Some(OTHER));
    }

    #[test]
    fn the_same_case_twice_in_one_record_is_refused() {
        let case = CaseDraft {
            reference: "CN-204518".into(),
            ..CaseDraft::default()
        };
        let errors = check_cases(
            &[case.clone(), case],
            &ReferenceFormat::default(),
            &[WORKER],
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "cases[1].reference");
    }
}
