//! Amending a record and removing one made in error (F4.4, F4.5).

use async_graphql::{Context, Object, Result};
use supervision_shared::amendment::RecordAmendment;
use uuid::Uuid;

use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::lifecycle::RemovalRequest;
use crate::graphql::object::supervision::Supervision;
use crate::service::attachment::AttachmentStore;
use crate::service::{amendment, removal};

/// Mutations of a saved record.
#[derive(Debug, Default)]
pub struct LifecycleMutation;

#[Object(guard = "SignedIn")]
impl LifecycleMutation {
    /// The recorder changes a saved record. The replaced version is kept,
    /// and each supervisee is asked to validate again.
    async fn amend_supervision(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        input: RecordAmendment,
    ) -> Result<Supervision> {
        Ok(amendment::amend(
            ctx.db()?,
            ctx.viewer()?,
            ctx.links()?,
            id,
            input,
            ctx.viewer()?.today(),
        )
        .await?
        .into())
    }

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
