//! Appraisal (PDR) objectives (F8.4).

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::objective::AppraisalObjective;
use crate::service::objective;

/// Queries about appraisal objectives.
#[derive(Debug, Default)]
pub struct ObjectiveQuery;

#[Object(guard = "SignedIn")]
impl ObjectiveQuery {
    /// A person's appraisal objectives, open ones first: for them and their
    /// supervisors today; NOT_FOUND for anyone else.
    async fn appraisal_objectives(
        &self,
        ctx: &Context<'_>,
        staff_id: Uuid,
    ) -> Result<Vec<AppraisalObjective>> {
        Ok(objective::of_person(ctx.db()?, ctx.viewer()?, staff_id)
            .await?
            .into_iter()
            .map(AppraisalObjective)
            .collect())
    }

    /// The objectives I could link to a record: the open, unlinked ones of
    /// its supervisees that I may read. For its recorder and supervisees
    /// (FORBIDDEN for others who may read it, NOT_FOUND for anyone else).
    async fn linkable_objectives(
        &self,
        ctx: &Context<'_>,
        supervision_id: Uuid,
    ) -> Result<Vec<AppraisalObjective>> {
        Ok(
            objective::linkable(ctx.db()?, ctx.viewer()?, supervision_id)
                .await?
                .into_iter()
                .map(AppraisalObjective)
                .collect(),
        )
    }
}
