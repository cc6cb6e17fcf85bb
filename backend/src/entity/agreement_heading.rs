//! One heading of an organisation's supervision agreement template (F6.1).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement_heading")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: Uuid,
    /// Stable key, e.g. `confidentiality`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub heading_key: String,
    /// Its place in the agreement, from 0.
    pub position: i32,
    pub heading: String,
    /// The policy's words, offered as the section's first draft.
    #[sea_orm(column_type = "Text")]
    pub guidance: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
