//! An earlier version of an amended record (F4.4).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_version")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub supervision_id: Uuid,
    /// The version this row preserves.
    pub version: i32,
    pub changed_by: Uuid,
    pub changed_at: DateTimeUtc,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    /// Comma-separated API names of the fields that changed.
    #[sea_orm(column_type = "Text")]
    pub changed_fields: String,
    /// The replaced version's content and validations, as JSON.
    #[sea_orm(column_type = "Text")]
    pub previous: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
