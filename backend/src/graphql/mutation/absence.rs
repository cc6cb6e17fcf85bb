//! Recording extended absences (F6.2).

use async_graphql::{Context, Object, Result};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::absence::StaffAbsence;
use crate::service::absence;

/// Mutations of absences.
#[derive(Debug, Default)]
pub struct AbsenceMutation;

#[Object(guard = "SignedIn")]
impl AbsenceMutation {
    /// Records a person's absence of four weeks or more, by its first day
    /// away and first day back; once they are back, their supervision
    /// agreements made before it are to be renewed. Their supervisor,
    /// management chain or HR. Audited.
    async fn record_absence(
        &self,
        ctx: &Context<'_>,
        staff_id: Uuid,
        starts_on: NaiveDate,
        back_on: NaiveDate,
    ) -> Result<StaffAbsence> {
        let row = absence::record(ctx.db()?, ctx.viewer()?, staff_id, starts_on, back_on).await?;
        Ok(StaffAbsence(row))
    }

    /// Removes an absence recorded in error. Audited.
    async fn remove_absence(&self, ctx: &Context<'_>, id: Uuid) -> Result<bool> {
        absence::remove(ctx.db()?, ctx.viewer()?, id).await?;
        Ok(true)
    }
}
