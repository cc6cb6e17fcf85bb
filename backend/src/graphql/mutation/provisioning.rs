//! The bearer tokens an identity provider uses for SCIM provisioning, made
//! and revoked by system administrators.

use async_graphql::{Context, Object, Result, SimpleObject};
use supervision_shared::Role;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::service::scim::token;

/// A token just made: shown this once, never again.
#[derive(Debug, SimpleObject)]
pub struct NewProvisioningToken {
    /// Its id, to revoke it by.
    pub id: Uuid,
    /// The secret to paste into the identity provider.
    pub token: String,
}

/// Mutations about provisioning.
#[derive(Debug, Default)]
pub struct ProvisioningMutation;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl ProvisioningMutation {
    /// Makes a SCIM bearer token for my organisation. Audited.
    #[graphql(guard = "HoldsRole(Role::SystemAdmin)")]
    async fn create_provisioning_token(
        &self,
        ctx: &Context<'_>,
        label: String,
    ) -> Result<NewProvisioningToken> {
        let (token, id) = token::create_as(ctx.db()?, ctx.viewer()?, &label).await?;
        Ok(NewProvisioningToken { id, token })
    }

    /// Revokes a token at once. Audited.
    #[graphql(guard = "HoldsRole(Role::SystemAdmin)")]
    async fn revoke_provisioning_token(&self, ctx: &Context<'_>, id: Uuid) -> Result<bool> {
        token::revoke(ctx.db()?, ctx.viewer()?, id).await?;
        Ok(true)
    }
}
