//! One standard of the audit tool, scored for a record drawn into a round
//! (F8.1).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_score")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub round_id: Uuid,
    pub supervision_id: Uuid,
    /// The audit tool's key for the standard.
    pub question: String,
    pub rating: supervision_shared::quality::AuditRating,
    #[sea_orm(column_type = "Text")]
    pub comment: String,
    pub scored_by: Uuid,
    pub scored_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
