//! The organisation's SCIM tokens, for system administrators (never the
//! secrets themselves).

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use supervision_shared::Role;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::service::scim::token;

/// A provisioning token as listed.
#[derive(Debug, SimpleObject)]
pub struct ProvisioningToken {
    /// Its id.
    pub id: Uuid,
    /// What it was called.
    pub label: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When the identity provider last used it.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Queries about provisioning.
#[derive(Debug, Default)]
pub struct ProvisioningQuery;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl ProvisioningQuery {
    /// My organisation's SCIM tokens, newest first (system administrators).
    #[graphql(guard = "HoldsRole(Role::SystemAdmin)")]
    async fn provisioning_tokens(&self, ctx: &Context<'_>) -> Result<Vec<ProvisioningToken>> {
        Ok(token::list(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(|t| ProvisioningToken {
                id: t.id,
                label: t.label,
                created_at: t.created_at,
                last_used_at: t.last_used_at,
                revoked_at: t.revoked_at,
            })
            .collect())
    }
}
