//! Saving and discarding drafts (F3.10).

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::draft::Draft;
use crate::service::draft;

/// Mutations of drafts.
#[derive(Debug, Default)]
pub struct DraftMutation;

#[Object(guard = "SignedIn")]
impl DraftMutation {
    /// Saves the record I am writing, to finish later (here or on another
    /// device). The id is the record's submission key; saving again
    /// replaces the draft; submitting the record removes it.
    async fn save_draft(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        summary: String,
        payload: String,
    ) -> Result<Draft> {
        Ok(
            draft::save(ctx.db()?, ctx.viewer()?, id, &summary, &payload)
                .await?
                .into(),
        )
    }

    /// Discards one of my drafts.
    async fn discard_draft(&self, ctx: &Context<'_>, id: Uuid) -> Result<bool> {
        draft::discard(ctx.db()?, ctx.viewer()?, id).await?;
        Ok(true)
    }
}
