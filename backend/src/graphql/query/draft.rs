//! My drafts (F3.10).

use async_graphql::{Context, Object, Result};

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::draft::Draft;
use crate::service::draft;

/// Queries about drafts.
#[derive(Debug, Default)]
pub struct DraftQuery;

#[Object(guard = "SignedIn")]
impl DraftQuery {
    /// The records I started and saved to finish later, newest first.
    async fn my_drafts(&self, ctx: &Context<'_>) -> Result<Vec<Draft>> {
        Ok(draft::mine(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(Draft::from)
            .collect())
    }
}
