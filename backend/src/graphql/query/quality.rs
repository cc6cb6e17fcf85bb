//! Dip-sample audit rounds (F8.1).

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::config::AccessPolicy;
use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::quality::{AuditRound, AuditStandard};
use crate::service::quality::round;

/// Queries about quality assurance.
#[derive(Debug, Default)]
pub struct QualityQuery;

#[Object(guard = "SignedIn")]
impl QualityQuery {
    /// Dip-sample audit rounds, newest first: all of the organisation's for
    /// an auditor, the ones they drew for anyone else allowed the audit
    /// purpose; anyone else is FORBIDDEN.
    async fn audit_rounds(&self, ctx: &Context<'_>) -> Result<Vec<AuditRound>> {
        let policy = ctx.data::<AccessPolicy>()?;
        let rounds = round::rounds(ctx.db()?, ctx.viewer()?, policy).await?;
        Ok(rounds.into_iter().map(AuditRound).collect())
    }

    /// How many records wait to be scored in the caller's own open rounds
    /// (only whoever drew a round scores it): the auditor's home counts
    /// them. FORBIDDEN for anyone not allowed the audit purpose.
    async fn audit_records_to_score(&self, ctx: &Context<'_>) -> Result<u64> {
        let policy = ctx.data::<AccessPolicy>()?;
        Ok(round::to_score(ctx.db()?, ctx.viewer()?, policy).await?)
    }

    /// The audit tool: the standards a sampled record is scored against.
    async fn audit_tool(&self) -> Vec<AuditStandard> {
        supervision_shared::quality::AUDIT_TOOL
            .iter()
            .map(AuditStandard::from)
            .collect()
    }

    /// One round with the records it drew; NOT_FOUND for anyone who may not
    /// see it.
    async fn audit_round(&self, ctx: &Context<'_>, id: Uuid) -> Result<AuditRound> {
        let policy = ctx.data::<AccessPolicy>()?;
        Ok(AuditRound(
            round::round(ctx.db()?, ctx.viewer()?, policy, id).await?,
        ))
    }
}
