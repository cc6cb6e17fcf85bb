//! Writing appraisal objectives down, and linking them to records (F8.4).

use async_graphql::{Context, Object, Result};
use supervision_shared::objective::ObjectiveDraft;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::objective::AppraisalObjective;
use crate::service::objective;

/// Mutations of appraisal objectives.
#[derive(Debug, Default)]
pub struct ObjectiveMutation;

#[Object(guard = "SignedIn")]
impl ObjectiveMutation {
    /// Writes down one of a person's appraisal objectives: by them or their
    /// supervisor today. Audited without its words.
    async fn add_appraisal_objective(
        &self,
        ctx: &Context<'_>,
        staff_id: Uuid,
        objective: ObjectiveDraft,
    ) -> Result<AppraisalObjective> {
        Ok(AppraisalObjective(
            objective::add(ctx.db()?, ctx.viewer()?, staff_id, &objective).await?,
        ))
    }

    /// Marks an objective met today (CONFLICT if it already is). Audited.
    async fn mark_objective_achieved(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
    ) -> Result<AppraisalObjective> {
        Ok(AppraisalObjective(
            objective::achieve(ctx.db()?, ctx.viewer()?, id).await?,
        ))
    }

    /// Links an objective of one of a record's supervisees to the record,
    /// as worked on in its development discussion: by its recorder or a
    /// supervisee who may read the objective. Returns true.
    async fn link_objective(
        &self,
        ctx: &Context<'_>,
        supervision_id: Uuid,
        objective_id: Uuid,
    ) -> Result<bool> {
        objective::link(ctx.db()?, ctx.viewer()?, supervision_id, objective_id).await?;
        Ok(true)
    }

    /// Takes that link off, on the same terms. Returns true.
    async fn unlink_objective(
        &self,
        ctx: &Context<'_>,
        supervision_id: Uuid,
        objective_id: Uuid,
    ) -> Result<bool> {
        objective::unlink(ctx.db()?, ctx.viewer()?, supervision_id, objective_id).await?;
        Ok(true)
    }
}
