//! Asking for a section to be redacted, and deciding (F7.4).

use async_graphql::{Context, Object, Result};
use supervision_shared::RecordSection;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::redaction::RedactionRequest;
use crate::service::redaction;

/// Mutations about redaction.
#[derive(Debug, Default)]
pub struct RedactionMutation;

#[Object(guard = "SignedIn")]
impl RedactionMutation {
    /// A supervisee or the recorder asks for a section of their record to be
    /// redacted, saying why; a senior manager in scope decides.
    async fn request_redaction(
        &self,
        ctx: &Context<'_>,
        supervision_id: Uuid,
        section: RecordSection,
        reason: String,
    ) -> Result<RedactionRequest> {
        let row =
            redaction::request(ctx.db()?, ctx.viewer()?, supervision_id, section, &reason).await?;
        Ok(RedactionRequest::new(row, None))
    }

    /// A senior manager in scope approves (the section is redacted: its
    /// text is no longer served to anyone) or declines a request, with a
    /// note recorded with the decision and shown to the person who asked.
    async fn decide_redaction(
        &self,
        ctx: &Context<'_>,
        request_id: Uuid,
        approve: bool,
        note: String,
    ) -> Result<RedactionRequest> {
        let row = redaction::decide(ctx.db()?, ctx.viewer()?, request_id, approve, &note).await?;
        Ok(RedactionRequest::new(row, None))
    }
}
