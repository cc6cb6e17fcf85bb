//! Requests to redact waiting for a decision; recovering redacted text for
//! legal hold.

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::redaction::RedactionRequest;
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
