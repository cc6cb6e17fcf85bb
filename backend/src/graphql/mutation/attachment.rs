//! Deleting an attachment (uploading is `POST /supervisions/{id}/attachments`).

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::attachment::Attachment;
use crate::service::attachment::{self, AttachmentStore};

/// Mutations of attachments.
#[derive(Debug, Default)]
pub struct AttachmentMutation;

#[Object(guard = "SignedIn")]
impl AttachmentMutation {
    /// The person who attached it, or the record's recorder, deletes an
    /// attachment; who and when is kept.
    async fn delete_attachment(&self, ctx: &Context<'_>, id: Uuid) -> Result<Attachment> {
        let store = ctx
            .data::<AttachmentStore>()
            .map_err(|e| AppError::Internal(anyhow::anyhow!(e.message)))?;
        Ok(Attachment(
            attachment::delete(ctx.db()?, store, ctx.viewer()?, id).await?,
        ))
    }
}
