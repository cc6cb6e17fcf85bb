//! Validation of a record by its supervisee (F4.1): an e-signature that
//! either agrees or gives the supervisee's own account.

use serde::{Deserialize, Serialize};

use crate::coded_enum;

/// Where a supervisee's validation of a record stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "ValidationState::parse",
        to_str = "(|v: &ValidationState| v.as_str())"
    )
)]
pub enum ValidationState {
    /// Shared with the supervisee, not yet validated.
    Awaiting,
    /// The supervisee agrees the record is accurate.
    Agreed,
    /// The supervisee disagrees and has given their own account.
    Disagreed,
}

coded_enum!(ValidationState, "validation state", {
    Awaiting => ("awaiting", "Awaiting validation"),
    Agreed => ("agreed", "Agreed"),
    Disagreed => ("disagreed", "Disagreed"),
});

/// What a supervisee says when validating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
pub enum ValidationDecision {
    /// The record is accurate.
    Agree,
    /// The record is not accurate; the comment holds the supervisee's account.
    Disagree,
}

impl ValidationDecision {
    /// The state a record reaches after this decision.
    pub fn resulting_state(self) -> ValidationState {
        match self {
            Self::Agree => ValidationState::Agreed,
            Self::Disagree => ValidationState::Disagreed,
        }
    }
}

/// Checks a validation before it is stored: a disagreement must say why, so
/// that both views stay visible on the record.
pub fn validate_decision(
    decision: ValidationDecision,
    comment: &str,
) -> Result<(), Vec<crate::FieldError>> {
    let mut errors = Vec::new();
    let trimmed = comment.trim();
    if decision == ValidationDecision::Disagree && trimmed.is_empty() {
        errors.push(crate::FieldError::new(
            "comment",
            "Say what you disagree with: your account is kept alongside the record.",
        ));
    }
    if trimmed.chars().count() > crate::limits::COMMENT_MAX_CHARS {
        errors.push(crate::FieldError::too_long(
            "comment",
            crate::limits::COMMENT_MAX_CHARS,
        ));
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

    #[test]
    fn a_disagreement_must_give_the_supervisees_own_account() {
        assert!(validate_decision(ValidationDecision::Disagree, "  ").is_err());
        assert!(
            validate_decision(ValidationDecision::Disagree, "The actions were not agreed").is_ok()
        );
    }

    #[test]
    fn agreeing_needs_no_comment() {
        assert!(validate_decision(ValidationDecision::Agree, "").is_ok());
        assert_eq!(
            ValidationDecision::Agree.resulting_state(),
            ValidationState::Agreed
        );
    }
}
