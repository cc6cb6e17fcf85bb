//! Wellbeing checks and action plans (F3.9).

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::wellbeing::WellbeingPlan;
use crate::service::wellbeing;

/// Queries about wellbeing.
#[derive(Debug, Default)]
pub struct WellbeingQuery;

#[Object(guard = "SignedIn")]
impl WellbeingQuery {
    /// A person's wellbeing checks and action plans, open ones first: for
    /// them and their supervisor only (NOT_FOUND for anyone else).
    async fn wellbeing_plans(
        &self,
        ctx: &Context<'_>,
        staff_id: Uuid,
    ) -> Result<Vec<WellbeingPlan>> {
        Ok(wellbeing::of_person(ctx.db()?, ctx.viewer()?, staff_id)
            .await?
            .into_iter()
            .map(WellbeingPlan)
            .collect())
    }
}
