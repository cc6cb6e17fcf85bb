//! Who is someone's line manager or clinical supervisor, and from when (F2.5).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "allocation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub staff_id: Uuid,
    /// line_manager | clinical_supervisor
    pub relationship: String,
    pub allocated_to_id: Uuid,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
