//! Recording and signing observations of supervisors' practice (F8.3).

use async_graphql::{Context, Object, Result};
use supervision_shared::quality::ObservationDraft;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::observation::PracticeObservation;
use crate::service::quality::observation;

/// Mutations of observations of practice.
#[derive(Debug, Default)]
pub struct ObservationMutation;

#[Object(guard = "SignedIn")]
impl ObservationMutation {
    /// Records an observation of a supervisor's practice, signed by me as
    /// its observer: only by someone who oversees them (their management
    /// chain, or a senior manager for their team); the supervisor is
    /// emailed to sign it. Audited without its words.
    async fn record_practice_observation(
        &self,
        ctx: &Context<'_>,
        observation: ObservationDraft,
    ) -> Result<PracticeObservation> {
        Ok(PracticeObservation(
            observation::record(ctx.db()?, ctx.links()?, ctx.viewer()?, observation).await?,
        ))
    }

    /// Signs an observation of my own practice, with anything I want to
    /// add. Once only (CONFLICT after). Audited.
    async fn sign_practice_observation(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        #[graphql(default)] comment: String,
    ) -> Result<PracticeObservation> {
        Ok(PracticeObservation(
            observation::sign(ctx.db()?, ctx.viewer()?, id, &comment).await?,
        ))
    }
}
