//! A change of line manager or clinical supervisor (F2.5).

use async_graphql::{Context, InputObject, Object, Result};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::allocation::AllocationKind;
use crate::service::allocations::{self, Change};

/// A change of supervisor or line manager.
#[derive(Debug, InputObject)]
pub struct ChangeAllocationInput {
    /// Whose.
    pub staff_id: Uuid,
    /// Line manager or clinical supervisor.
    pub kind: AllocationKind,
    /// The new one.
    pub to_id: Uuid,
    /// The first day they hold it.
    pub from: NaiveDate,
}

/// Mutations about allocations.
#[derive(Debug, Default)]
pub struct AllocationMutation;

#[Object(guard = "SignedIn")]
impl AllocationMutation {
    /// An HR administrator, or the person's line manager, changes who
    /// supervises or manages them from a day; the person is told by email.
    /// Anyone else, or a person they may not change, is not found. Audited.
    async fn change_allocation(
        &self,
        ctx: &Context<'_>,
        input: ChangeAllocationInput,
    ) -> Result<bool> {
        let change = Change {
            staff_id: input.staff_id,
            relationship: input.kind.into(),
            to: input.to_id,
            from: input.from,
        };
        allocations::change(ctx.db()?, ctx.links()?, ctx.viewer()?, change).await?;
        Ok(true)
    }
}
