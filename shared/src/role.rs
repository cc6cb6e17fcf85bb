//! Roles a person can hold (F1.5). One person may hold several; the server
//! decides every access question, the browser only uses roles to choose what
//! to show.

use serde::{Deserialize, Serialize};

use crate::coded_enum;

/// A role in the supervision system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "Role::parse",
        to_str = "(|v: &Role| v.as_str())"
    )
)]
pub enum Role {
    /// Everyone: sees and validates their own supervision.
    Staff,
    /// Has supervisees allocated (clinical supervisor).
    Supervisor,
    /// Has line reports.
    LineManager,
    /// Oversees compliance for one or more org-unit subtrees.
    SeniorManager,
    /// Quality assurance: dip-samples records for a stated purpose.
    Auditor,
    /// Human resources administration.
    HrAdmin,
    /// Runs the system.
    SystemAdmin,
}

coded_enum!(Role, "role", {
    Staff => ("staff", "Staff"),
    Supervisor => ("supervisor", "Supervisor"),
    LineManager => ("line_manager", "Line manager"),
    SeniorManager => ("senior_manager", "Senior manager"),
    Auditor => ("auditor", "Auditor"),
    HrAdmin => ("hr_admin", "HR administrator"),
    SystemAdmin => ("system_admin", "System administrator"),
});

impl Role {
    /// Roles granted by an entry in the directory's role table rather than
    /// derived from allocations.
    pub fn is_directory_granted(self) -> bool {
        matches!(
            self,
            Self::SeniorManager | Self::Auditor | Self::HrAdmin | Self::SystemAdmin
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_roles_are_not_granted_by_the_role_table() {
        assert!(!Role::Supervisor.is_directory_granted());
        assert!(!Role::LineManager.is_directory_granted());
        assert!(Role::Auditor.is_directory_granted());
    }
}
