//! Granting and ending directory roles (F2.2), by system administrators.

use async_graphql::{Context, InputObject, Object, Result};
use supervision_shared::Role;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::service::roles::{self, NewGrant};

/// A role to grant.
#[derive(Debug, InputObject)]
pub struct GrantRoleInput {
    /// The person.
    pub staff_id: Uuid,
    /// Senior manager, auditor, HR administrator or system administrator.
    pub role: Role,
    /// For a senior manager, the unit their scope starts at.
    pub unit_id: Option<Uuid>,
}

/// Mutations about roles.
#[derive(Debug, Default)]
pub struct RoleMutation;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl RoleMutation {
    /// Grants a role; the grant's id. Audited.
    #[graphql(guard = "HoldsRole(Role::SystemAdmin)")]
    async fn grant_role(&self, ctx: &Context<'_>, input: GrantRoleInput) -> Result<Uuid> {
        let new = NewGrant {
            staff_id: input.staff_id,
            role: input.role,
            unit_id: input.unit_id,
        };
        Ok(roles::grant(ctx.db()?, ctx.viewer()?, new).await?)
    }

    /// Ends a grant (never the last system administrator's). Audited.
    #[graphql(guard = "HoldsRole(Role::SystemAdmin)")]
    async fn end_role_grant(&self, ctx: &Context<'_>, id: Uuid) -> Result<bool> {
        roles::end(ctx.db()?, ctx.viewer()?, id).await?;
        Ok(true)
    }
}
