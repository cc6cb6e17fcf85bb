//! The organisation's role grants, for system administrators.

use async_graphql::{Context, Object, Result};
use supervision_shared::Role;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::graphql::object::role::RoleGrant;
use crate::service::roles;

/// Queries about roles.
#[derive(Debug, Default)]
pub struct RoleQuery;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl RoleQuery {
    /// Every role granted in my organisation, who granted it and when
    /// (system administrators).
    #[graphql(guard = "HoldsRole(Role::SystemAdmin)")]
    async fn role_grants(&self, ctx: &Context<'_>) -> Result<Vec<RoleGrant>> {
        Ok(roles::grants(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(RoleGrant)
            .collect())
    }
}
