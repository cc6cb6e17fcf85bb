//! Opening, renaming, moving and closing units from a day (F2.1), by
//! system and HR administrators.

use async_graphql::{Context, InputObject, Object, Result};
use chrono::NaiveDate;
use supervision_shared::Role;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::service::restructure::{self, Change, NewUnit};

/// A unit to open.
#[derive(Debug, InputObject)]
pub struct CreateUnitInput {
    /// Its name.
    pub name: String,
    /// The unit it sits under.
    pub parent_id: Uuid,
    /// division, service or team.
    pub level: String,
    /// Its first day (today or earlier).
    pub from: NaiveDate,
}

/// A rename.
#[derive(Debug, InputObject)]
pub struct RenameUnitInput {
    /// The unit.
    pub unit_id: Uuid,
    /// Its new name.
    pub name: String,
    /// The first day of the new name (today or earlier).
    pub from: NaiveDate,
}

/// A move.
#[derive(Debug, InputObject)]
pub struct MoveUnitInput {
    /// The unit.
    pub unit_id: Uuid,
    /// The unit it sits under from the day.
    pub parent_id: Uuid,
    /// The first day there (today or earlier).
    pub from: NaiveDate,
}

/// A closure.
#[derive(Debug, InputObject)]
pub struct CloseUnitInput {
    /// The unit: nobody may work in it, nothing open below it.
    pub unit_id: Uuid,
    /// The first day it no longer exists (today or earlier).
    pub from: NaiveDate,
}

/// Mutations about units.
#[derive(Debug, Default)]
pub struct UnitMutation;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl UnitMutation {
    /// Opens a unit; its id. Audited.
    #[graphql(guard = "HoldsRole(Role::SystemAdmin).or(HoldsRole(Role::HrAdmin))")]
    async fn create_unit(&self, ctx: &Context<'_>, input: CreateUnitInput) -> Result<Uuid> {
        let new = NewUnit {
            name: input.name,
            parent_id: input.parent_id,
            level: input.level,
            from: input.from,
        };
        Ok(restructure::create(ctx.db()?, ctx.viewer()?, new).await?)
    }

    /// Renames a unit from a day; reports before it keep the old name. Audited.
    #[graphql(guard = "HoldsRole(Role::SystemAdmin).or(HoldsRole(Role::HrAdmin))")]
    async fn rename_unit(&self, ctx: &Context<'_>, input: RenameUnitInput) -> Result<bool> {
        let change = Change::Rename(input.name);
        restructure::change(ctx.db()?, ctx.viewer()?, input.unit_id, change, input.from).await?;
        Ok(true)
    }

    /// Moves a unit under another from a day; reports before it count it
    /// where it was. Audited.
    #[graphql(guard = "HoldsRole(Role::SystemAdmin).or(HoldsRole(Role::HrAdmin))")]
    async fn move_unit(&self, ctx: &Context<'_>, input: MoveUnitInput) -> Result<bool> {
        let change = Change::Move(input.parent_id);
        restructure::change(ctx.db()?, ctx.viewer()?, input.unit_id, change, input.from).await?;
        Ok(true)
    }

    /// Closes an empty unit from a day. Audited.
    #[graphql(guard = "HoldsRole(Role::SystemAdmin).or(HoldsRole(Role::HrAdmin))")]
    async fn close_unit(&self, ctx: &Context<'_>, input: CloseUnitInput) -> Result<bool> {
        restructure::change(
            ctx.db()?,
            ctx.viewer()?,
            input.unit_id,
            Change::Close,
            input.from,
        )
        .await?;
        Ok(true)
    }
}
