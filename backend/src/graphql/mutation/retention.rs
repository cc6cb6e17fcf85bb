//! Legal holds, which stop the retention purge.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::service::retention;

/// A legal hold on a person's file or one record.
#[derive(Debug, Clone, SimpleObject)]
pub struct LegalHold {
    /// Hold id.
    pub id: Uuid,
    /// The person held, if a whole file.
    pub staff_id: Option<Uuid>,
    /// The record held, if one record.
    pub supervision_id: Option<Uuid>,
    /// When it was placed.
    pub placed_at: DateTime<Utc>,
}

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
        Ok(LegalHold {
            id: hold.id,
            staff_id: hold.staff_id,
            supervision_id: hold.supervision_id,
            placed_at: hold.placed_at,
        })
    }

    /// Releases a legal hold.
    async fn release_legal_hold(&self, ctx: &Context<'_>, id: Uuid) -> Result<bool> {
        retention::release_hold(ctx.db()?, ctx.viewer()?, id).await?;
        Ok(true)
    }
}
