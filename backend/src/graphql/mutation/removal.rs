//! Removing a record made in error, on a system administrator's decision
//! (F4.5).

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::removal::RemovalRequest;
use crate::service::attachment::AttachmentStore;
use crate::service::removal;

/// Asking for and deciding removals.
#[derive(Debug, Default)]
pub struct RemovalMutation;

#[Object(guard = "SignedIn")]
impl RemovalMutation {
    /// The recorder asks for a record made in error to be removed.
    async fn request_removal(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        reason: String,
    ) -> Result<RemovalRequest> {
        let row = removal::request(ctx.db()?, ctx.viewer()?, id, &reason).await?;
        Ok(RemovalRequest::new(row, None))
    }

    /// A system administrator approves (the record leaves every view and
    /// count; a tombstone remains) or declines, with a note.
    async fn decide_removal(
        &self,
        ctx: &Context<'_>,
        request_id: Uuid,
        approve: bool,
        #[graphql(default)] note: String,
    ) -> Result<RemovalRequest> {
        let attachments = ctx
            .data::<AttachmentStore>()
            .map_err(|e| AppError::Internal(anyhow::anyhow!(e.message)))?;
        let row = removal::decide(
            ctx.db()?,
            attachments,
            ctx.viewer()?,
            request_id,
            approve,
            &note,
        )
        .await?;
        Ok(RemovalRequest::new(row, None))
    }
}
