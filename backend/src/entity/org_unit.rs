//! A unit in the organisation's tree: division, service or team (F2.1).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "org_unit")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub name: String,
    /// division | service | team
    pub level: String,
    /// The first day it exists; none for units that always have.
    pub opened_on: Option<Date>,
    /// The first day it no longer exists.
    pub closed_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
