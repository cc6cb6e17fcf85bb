//! Legal holds, which stop the retention purge.

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::legal_hold::LegalHold;
use crate::service::retention;

/// Mutations about retention.
#[derive(Debug, Default)]
pub struct RetentionMutation;

#[Object(guard = "SignedIn")]
impl RetentionMutation {
    /// Places a legal hold (HR and system administrators): the retention
    /// purge will not touch the held file or record until it is released.
    async fn place_legal_hold(
        &self,
        ctx: &Context<'_>,
        staff_id: Option<Uuid>,
        supervision_id: Option<Uuid>,
        reason: String,
    ) -> Result<LegalHold> {
        let hold =
            retention::place_hold(ctx.db()?, ctx.viewer()?, staff_id, supervision_id, &reason)
                .await?;
        Ok(LegalHold(hold))
    }

    /// Releases a legal hold.
    async fn release_legal_hold(&self, ctx: &Context<'_>, id: Uuid) -> Result<bool> {
        retention::release_hold(ctx.db()?, ctx.viewer()?, id).await?;
        Ok(true)
    }
}
