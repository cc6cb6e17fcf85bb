//! Who manages and supervises whom, and when (F2.5).

use async_graphql::{Context, Enum, Object, Result};
use chrono::NaiveDate;

use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::allocations::Period;
use crate::service::directory::Relationship;

/// Which allocation changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum AllocationKind {
    /// Line manager (management supervision).
    LineManager,
    /// Clinical supervisor.
    ClinicalSupervisor,
}

impl From<Relationship> for AllocationKind {
    fn from(relationship: Relationship) -> Self {
        match relationship {
            Relationship::LineManager => Self::LineManager,
            Relationship::ClinicalSupervisor => Self::ClinicalSupervisor,
        }
    }
}

impl From<AllocationKind> for Relationship {
    fn from(kind: AllocationKind) -> Self {
        match kind {
            AllocationKind::LineManager => Self::LineManager,
            AllocationKind::ClinicalSupervisor => Self::ClinicalSupervisor,
        }
    }
}

/// One period in which someone was a person's line manager or clinical
/// supervisor.
#[derive(Debug, Clone)]
pub struct AllocationPeriod(pub Period);

#[Object]
impl AllocationPeriod {
    /// Line manager or clinical supervisor.
    async fn kind(&self) -> AllocationKind {
        self.0.relationship.into()
    }

    /// Who held it.
    async fn holder(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.holder_id).await
    }

    /// The first day.
    async fn from(&self) -> NaiveDate {
        self.0.from
    }

    /// The last day; null while it lasts.
    async fn to(&self) -> Option<NaiveDate> {
        self.0.to
    }
}
