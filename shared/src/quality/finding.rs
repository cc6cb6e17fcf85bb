//! An audit finding raised as an action (F8.1): what should change, who
//! will do it and by when. It is an action on the audited record, so its
//! owner meets it in their actions and in the next supervision with the
//! same people, like any action agreed in a session.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::FieldError;
use crate::limits::ACTION_MAX_CHARS;

/// An action an auditor raises from a record they scored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "AuditFindingInput"))]
pub struct FindingDraft {
    /// What should change, e.g. "Record the analysis and what was learned".
    pub description: String,
    /// Who will do it: the person who recorded the session or one of its
    /// supervisees.
    pub owner_id: Option<Uuid>,
    /// By when: a finding is always followed up by a date.
    pub due_on: Option<NaiveDate>,
}

/// A finding that passed [`check_finding`]: everything given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What should change, trimmed.
    pub description: String,
    /// Who will do it.
    pub owner_id: Uuid,
    /// By when.
    pub due_on: NaiveDate,
}

/// Checks a finding against the people of the audited session (`people`:
/// who recorded it and its supervisees) and the organisation's `today`.
pub fn check_finding(
    draft: &FindingDraft,
    people: &[Uuid],
    today: NaiveDate,
) -> Result<Finding, Vec<FieldError>> {
    let mut errors = Vec::new();
    let description = draft.description.trim();
    if description.is_empty() {
        errors.push(FieldError::new("description", "Say what should change."));
    } else if description.chars().count() > ACTION_MAX_CHARS {
        errors.push(FieldError::too_long("description", ACTION_MAX_CHARS));
    }
    match draft.owner_id {
        None => errors.push(FieldError::new(
            "ownerId",
            "Choose who will do it.",
        )),
        Some(owner) if !people.contains(&owner) => errors.push(FieldError::new(
            "ownerId",
            "A finding's action belongs to the person who recorded the session or one of its supervisees.",
        )),
        Some(_) => {}
    }
    match draft.due_on {
        None => errors.push(FieldError::new(
            "dueOn",
            "Give the date it should be done by.",
        )),
        Some(due) if due < today => errors.push(FieldError::new(
            "dueOn",
            "The due date cannot be in the past.",
        )),
        Some(_) => {}
    }
    match (draft.owner_id, draft.due_on) {
        (Some(owner_id), Some(due_on)) if errors.is_empty() => Ok(Finding {
            description: description.to_owned(),
            owner_id,
            due_on,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_finding_says_what_who_and_by_when_for_someone_in_the_session() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap_or_default();
        let (recorder, supervisee, stranger) =
            (Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3));
        let people = [recorder, supervisee];
        let good = FindingDraft {
            description: "Record the analysis and what was learned".to_owned(),
            owner_id: Some(recorder),
            due_on: Some(today),
        };
        assert_eq!(
            check_finding(&good, &people, today),
            Ok(Finding {
                description: good.description.clone(),
                owner_id: recorder,
                due_on: today,
            })
        );

        let empty = FindingDraft {
            description: "  ".to_owned(),
            owner_id: None,
            due_on: None,
        };
        assert_eq!(
            fields(
                &check_finding(&empty, &people, today)
                    .err()
                    .unwrap_or_default()
            ),
            ["description", "ownerId", "dueOn"]
        );
        let wrong = FindingDraft {
            description: "x".repeat(ACTION_MAX_CHARS + 1),
            owner_id: Some(stranger),
            due_on: today.pred_opt(),
        };
        let errors = check_finding(&wrong, &people, today)
            .err()
            .unwrap_or_default();
        assert_eq!(fields(&errors), ["description", "ownerId", "dueOn"]);
        assert!(errors[2].message.contains("past"));
    }
}
