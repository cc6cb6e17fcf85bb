//! A role granted in the directory, as the system administrators' page
//! shows it.

use async_graphql::{Context, Object, Result};
use chrono::{DateTime, Utc};
use supervision_shared::Role;
use uuid::Uuid;

use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::roles::RoleGrant as Grant;

/// A role granted to someone, by whom and when.
#[derive(Debug, Clone)]
pub struct RoleGrant(pub Grant);

#[Object]
impl RoleGrant {
    /// Grant id (to end it).
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// Who holds it (none if the card cannot be read).
    async fn person(&self, ctx: &Context<'_>) -> Option<StaffSummary> {
        load_card(ctx, self.0.staff_id).await.ok()
    }

    /// Which role.
    async fn role(&self) -> Role {
        self.0.role
    }

    /// For a senior manager: the unit their scope starts at.
    async fn unit_id(&self) -> Option<Uuid> {
        self.0.unit.as_ref().map(|(id, _)| *id)
    }

    /// That unit's name.
    async fn unit_name(&self) -> Option<&str> {
        self.0.unit.as_ref().map(|(_, name)| name.as_str())
    }

    /// Who granted it (not recorded for grants made before the service kept it).
    async fn granted_by(&self, ctx: &Context<'_>) -> Result<Option<StaffSummary>> {
        match self.0.granted_by {
            Some(id) => Ok(load_card(ctx, id).await.ok()),
            None => Ok(None),
        }
    }

    /// When.
    async fn granted_at(&self) -> Option<DateTime<Utc>> {
        self.0.granted_at
    }
}
