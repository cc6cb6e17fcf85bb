//! SMART actions after the session (F3.6): open actions are carried forward
//! to the next supervision with the same person until they are done or
//! dropped; an open action past its due date is overdue; completing or
//! re-dating one is recorded.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::limits::COMMENT_MAX_CHARS;
use crate::record::FieldError;

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "ActionStatus::parse",
        to_str = "(|v: &ActionStatus| v.as_str())"
    )
)]
pub enum ActionStatus {
    /// Still to do: carried forward.
    Open,
    /// Done.
    Done,
    /// No longer needed.
    Dropped,
}

coded_enum!(ActionStatus, "action status", {
    Open => ("open", "Open"),
    Done => ("done", "Done"),
    Dropped => ("dropped", "Dropped"),
});

/// Whether an action is overdue on `today`: open, with a due date passed.
pub fn is_overdue(status: ActionStatus, due_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    status == ActionStatus::Open && due_on.is_some_and(|due| due < today)
}

/// A change to an action: a new status, a new due date, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "UpdateActionInput"))]
pub struct ActionChange {
    /// The new status.
    pub status: ActionStatus,
    /// The new due date (re-dating); none keeps the date it has.
    pub due_on: Option<NaiveDate>,
    /// Why, in a few words (optional).
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub note: String,
}

/// Checks a change against the action as it stands.
pub fn validate_action_change(
    change: &ActionChange,
    current_status: ActionStatus,
    current_due: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if change.status == current_status && change.due_on == current_due {
        errors.push(FieldError::new(
            "input",
            "Nothing has changed: choose a new status or due date.",
        ));
    }
    if change.status == ActionStatus::Open
        && change.due_on != current_due
        && change.due_on.is_some_and(|d| d < today)
    {
        errors.push(FieldError::new(
            "dueOn",
            "A new due date cannot be in the past.",
        ));
    }
    if change.note.trim().chars().count() > COMMENT_MAX_CHARS {
        errors.push(FieldError::too_long("note", COMMENT_MAX_CHARS));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
    }

    #[test]
    fn an_open_action_past_its_due_date_is_overdue() {
        assert!(is_overdue(ActionStatus::Open, Some(day(10)), day(11)));
        assert!(!is_overdue(ActionStatus::Open, Some(day(11)), day(11)));
        assert!(!is_overdue(ActionStatus::Open, None, day(11)));
    }

    #[test]
    fn a_done_or_dropped_action_is_never_overdue() {
        assert!(!is_overdue(ActionStatus::Done, Some(day(1)), day(20)));
        assert!(!is_overdue(ActionStatus::Dropped, Some(day(1)), day(20)));
    }

    #[test]
    fn re_dating_needs_a_date_not_in_the_past() {
        let change = ActionChange {
            status: ActionStatus::Open,
            due_on: Some(day(5)),
            note: String::new(),
        };
        let errors = validate_action_change(&change, ActionStatus::Open, Some(day(1)), day(10))
            .err()
            .unwrap_or_default();
        assert_eq!(errors[0].field, "dueOn");
        let later = ActionChange {
            due_on: Some(day(30)),
            ..change
        };
        assert!(validate_action_change(&later, ActionStatus::Open, Some(day(1)), day(10)).is_ok());
    }

    #[test]
    fn completing_an_overdue_action_is_allowed_and_a_change_must_change_something() {
        let done = ActionChange {
            status: ActionStatus::Done,
            due_on: Some(day(1)),
            note: String::new(),
        };
        assert!(validate_action_change(&done, ActionStatus::Open, Some(day(1)), day(10)).is_ok());
        let same = ActionChange {
            status: ActionStatus::Open,
            ..done
        };
        assert!(validate_action_change(&same, ActionStatus::Open, Some(day(1)), day(10)).is_err());
    }
}
