//! A section redacted on request, with the decision; the original is kept for legal hold (F7.4).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "redaction")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub supervision_id: Uuid,
    pub section: supervision_shared::RecordSection,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub decided_by: Uuid,
    pub decided_at: DateTimeUtc,
    #[sea_orm(column_type = "Text")]
    pub original_text: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
