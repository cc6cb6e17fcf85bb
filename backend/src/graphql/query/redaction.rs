//! Requests to redact waiting for a decision; recovering redacted text for
//! legal hold; the legal holds in force; the retention purge's dry run.

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::legal_hold::LegalHold;
use crate::graphql::object::redaction::RedactionRequest;
use crate::graphql::object::retention::RetentionDryRun;
use crate::service::redaction;

/// Queries about redaction.
#[derive(Debug, Default)]
pub struct RedactionQuery;

#[Object(guard = "SignedIn")]
impl RedactionQuery {
    /// The text a redaction removed: system administrators only, for legal
    /// hold; every recovery is audited.
    async fn redacted_text(&self, ctx: &Context<'_>, redaction_id: Uuid) -> Result<String> {
        Ok(redaction::recover(ctx.db()?, ctx.viewer()?, redaction_id).await?)
    }

    /// The legal holds in force (HR and system administrators), newest
    /// first: the files and records the retention purge leaves alone.
    async fn legal_holds(&self, ctx: &Context<'_>) -> Result<Vec<LegalHold>> {
        Ok(crate::service::retention::holds(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(LegalHold)
            .collect())
    }

    /// What the next retention purge would remove in my organisation (HR
    /// and system administrators): a dry run, which changes nothing.
    async fn retention_dry_run(&self, ctx: &Context<'_>) -> Result<RetentionDryRun> {
        let years = ctx.data::<crate::service::retention::RetentionYears>()?.0;
        let plan =
            crate::service::retention::dry_run(ctx.db()?, ctx.viewer()?, chrono::Utc::now(), years)
                .await?;
        Ok(RetentionDryRun::new(years, plan))
    }

    /// Requests to redact a section waiting for me, a senior manager: those
    /// about records of people in my scope, oldest first (F7.4).
    async fn redaction_requests(&self, ctx: &Context<'_>) -> Result<Vec<RedactionRequest>> {
        Ok(redaction::waiting_for(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(|(row, record)| RedactionRequest::new(row, Some(record)))
            .collect())
    }
}
