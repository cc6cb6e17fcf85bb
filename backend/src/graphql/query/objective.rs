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
}
