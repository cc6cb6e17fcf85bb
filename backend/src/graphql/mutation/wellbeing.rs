//! Keeping wellbeing checks and action plans (F3.9).

use async_graphql::{Context, InputObject, Object, Result};
use chrono::NaiveDate;
use supervision_shared::wellbeing::{WellbeingEntry, WellbeingKind};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::wellbeing::WellbeingPlan;
use crate::service::wellbeing;

/// A wellbeing check or action plan as written.
#[derive(Debug, Clone, InputObject)]
pub struct WellbeingPlanInput {
    /// The record to change; none for a new one.
    pub id: Option<Uuid>,
    /// Whose it is.
    pub staff_id: Uuid,
    /// A check or an action plan.
    pub kind: WellbeingKind,
    /// How they are, or what the plan is for.
    pub summary: String,
    /// What was agreed (required for a plan).
    #[graphql(default)]
    pub actions: String,
    /// When it is reviewed (within a year).
    pub review_by: NaiveDate,
}

/// Mutations of wellbeing records.
#[derive(Debug, Default)]
pub struct WellbeingMutation;

#[Object(guard = "SignedIn")]
impl WellbeingMutation {
    /// Keeps a wellbeing check or action plan for myself or a supervisee,
    /// or changes one. Audited (without its content).
    async fn save_wellbeing_plan(
        &self,
        ctx: &Context<'_>,
        input: WellbeingPlanInput,
    ) -> Result<WellbeingPlan> {
        let entry = WellbeingEntry {
            kind: input.kind,
            summary: input.summary,
            actions: input.actions,
            review_by: input.review_by,
        };
        let row =
            wellbeing::save(ctx.db()?, ctx.viewer()?, input.id, input.staff_id, entry).await?;
        Ok(WellbeingPlan(row))
    }

    /// Closes one no longer needed. Audited.
    async fn close_wellbeing_plan(&self, ctx: &Context<'_>, id: Uuid) -> Result<WellbeingPlan> {
        Ok(WellbeingPlan(
            wellbeing::close(ctx.db()?, ctx.viewer()?, id).await?,
        ))
    }
}
