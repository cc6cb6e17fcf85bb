//! A rename or move of a unit, from the day it takes effect, with the value
//! it replaced: the tree as it was on any day is read from these.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "org_unit_change")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub unit_id: Uuid,
    pub effective_from: Date,
    /// name | parent
    pub attribute: String,
    /// The new name (a rename).
    pub name: Option<String>,
    /// The new parent (a move).
    pub parent_id: Option<Uuid>,
    /// The name before.
    pub previous_name: Option<String>,
    /// The parent before.
    pub previous_parent_id: Option<Uuid>,
    /// Who recorded it.
    pub made_by: Option<Uuid>,
    pub made_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
