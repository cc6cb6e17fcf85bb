//! My own standing per kind of supervision.

use async_graphql::{Context, Object, Result};
use chrono::NaiveDate;
use supervision_shared::compliance::end_of_month;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::compliance::ComplianceStanding;
use crate::service::compliance;

/// Queries about compliance.
#[derive(Debug, Default)]
pub struct ComplianceQuery;

#[Object(guard = "SignedIn")]
impl ComplianceQuery {
    /// My standing per kind, as at a date (default: the end of this month,
    /// as the supervision dashboard reports).
    async fn my_compliance(
        &self,
        ctx: &Context<'_>,
        as_at: Option<NaiveDate>,
    ) -> Result<Vec<ComplianceStanding>> {
        let today = ctx.viewer()?.today();
        let as_at = as_at.unwrap_or_else(|| end_of_month(today));
        let standings = compliance::my_standing(ctx.db()?, ctx.viewer()?, as_at).await?;
        Ok(standings
            .into_iter()
            .map(|s| ComplianceStanding::new(s, as_at, today))
            .collect())
    }

    /// Each person's policy and schedule on a day (default today), for
    /// working out a due date with the shared rule: myself, the people
    /// allocated to me, those I oversee, and those I have recorded a
    /// session for. Anyone else is left out.
    async fn due_rules(
        &self,
        ctx: &Context<'_>,
        staff_ids: Vec<uuid::Uuid>,
        on: Option<NaiveDate>,
    ) -> Result<Vec<supervision_shared::compliance::DueRule>> {
        let viewer = ctx.viewer()?;
        if staff_ids.len() > supervision_shared::limits::SUPERVISEES_MAX {
            return Err(crate::error::AppError::invalid(
                "staffIds",
                "Ask for at most 100 people at once.",
            )
            .into());
        }
        let on = on.unwrap_or_else(|| viewer.today());
        Ok(compliance::standing::due_rules(ctx.db()?, viewer, &staff_ids, on).await?)
    }
}
