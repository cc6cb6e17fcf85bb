//! A legal hold on a person's file or one record: stops the retention purge (F7.7).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "legal_hold")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub staff_id: Option<Uuid>,
    pub supervision_id: Option<Uuid>,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub placed_by: Uuid,
    pub placed_at: DateTimeUtc,
    pub released_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
