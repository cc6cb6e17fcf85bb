//! Recovering redacted text for legal hold.

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
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
}
