//! Amending a saved record (F4.4).

use async_graphql::{Context, Object, Result};
use supervision_shared::amendment::RecordAmendment;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::supervision::Supervision;
use crate::service::amendment;

/// Amending a record.
#[derive(Debug, Default)]
pub struct AmendmentMutation;

#[Object(guard = "SignedIn")]
impl AmendmentMutation {
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
}
