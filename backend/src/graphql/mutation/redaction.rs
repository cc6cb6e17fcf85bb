//! Redacting a section on request.

use async_graphql::{Context, Object, Result};
use supervision_shared::RecordSection;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::supervision::Redaction;
use crate::service::redaction;

/// Mutations about redaction.
#[derive(Debug, Default)]
pub struct RedactionMutation;

#[Object(guard = "SignedIn")]
impl RedactionMutation {
    /// A senior manager in scope redacts a section, recording the reason
    /// (F7.4). The text is no longer served to anyone.
    async fn redact_section(
        &self,
        ctx: &Context<'_>,
        supervision_id: Uuid,
        section: RecordSection,
        reason: String,
    ) -> Result<Redaction> {
        let row =
            redaction::redact(ctx.db()?, ctx.viewer()?, supervision_id, section, &reason).await?;
        Ok(Redaction::from(row))
    }
}
