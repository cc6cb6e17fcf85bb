//! Purpose-bound access (F7.3): content beyond the recorder and supervisees is
//! opened only for a stated purpose, with a written reason, for a limited time.

use serde::{Deserialize, Serialize};

use crate::coded_enum;

/// Why someone outside a record opens its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "AccessPurpose::parse",
        to_str = "(|v: &AccessPurpose| v.as_str())"
    )
)]
pub enum AccessPurpose {
    /// Supervision is moving to a new supervisor.
    Transfer,
    /// A formal concern about practice or conduct is being looked into.
    FormalConcern,
    /// Audit and quality assurance dip-sampling (F8.1).
    AuditQa,
    /// A legal request, such as a court order or a claim.
    Legal,
}

coded_enum!(AccessPurpose, "access purpose", {
    Transfer => ("transfer", "Transfer of supervision"),
    FormalConcern => ("formal_concern", "Formal concern"),
    AuditQa => ("audit_qa", "Audit / quality assurance"),
    Legal => ("legal", "Legal"),
});

/// Shortest reason accepted: a reason must say something a reader can check.
pub const REASON_MIN_CHARS: usize = 10;
/// Longest reason accepted.
pub const REASON_MAX_CHARS: usize = 2_000;

/// Checks the written reason for opening records.
pub fn validate_reason(reason: &str) -> Result<(), crate::FieldError> {
    let length = reason.trim().chars().count();
    if length < REASON_MIN_CHARS {
        return Err(crate::FieldError::new(
            "reason",
            format!(
                "Give the reason in at least {REASON_MIN_CHARS} characters: it is shown to the person whose records you open."
            ),
        ));
    }
    if length > REASON_MAX_CHARS {
        return Err(crate::FieldError::too_long("reason", REASON_MAX_CHARS));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_for_a_purpose_needs_a_written_reason() {
        assert!(validate_reason("audit").is_err());
        assert!(validate_reason("Quarterly dip-sample for the clinical audit").is_ok());
        assert!(validate_reason(&"x".repeat(REASON_MAX_CHARS + 1)).is_err());
    }

    #[test]
    fn every_purpose_reads_back_from_its_code() {
        for purpose in AccessPurpose::ALL {
            assert_eq!(AccessPurpose::parse(purpose.as_str()), Ok(*purpose));
        }
    }
}
