//! Read-only tokens for the organisation's BI tools (F9.5), made and
//! revoked by system administrators.

use async_graphql::{Context, Object, Result, SimpleObject};
use supervision_shared::Role;
use supervision_shared::bi::BiTokenDraft;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::service::bi::token;

/// A BI token just made: shown this once, never again.
#[derive(Debug, SimpleObject)]
pub struct NewBiToken {
    /// Its id, to revoke it by.
    pub id: Uuid,
    /// The secret to give the BI tool.
    pub token: String,
}

/// Mutations about BI access.
#[derive(Debug, Default)]
pub struct BiAccessMutation;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl BiAccessMutation {
    /// Makes a read-only token for a BI client, reaching the compliance of
    /// the units named (and everything below them) until its last day.
    /// Audited.
    #[graphql(guard = "HoldsRole(Role::SystemAdmin)")]
    async fn create_bi_token(&self, ctx: &Context<'_>, input: BiTokenDraft) -> Result<NewBiToken> {
        let (token, id) = token::create(ctx.db()?, ctx.viewer()?, &input).await?;
        Ok(NewBiToken { id, token })
    }

    /// Revokes a BI token at once. Audited.
    #[graphql(guard = "HoldsRole(Role::SystemAdmin)")]
    async fn revoke_bi_token(&self, ctx: &Context<'_>, id: Uuid) -> Result<bool> {
        token::revoke(ctx.db()?, ctx.viewer()?, id).await?;
        Ok(true)
    }
}
