//! An observation of a supervisor's practice in supervision (F8.3).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "practice_observation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    /// Whose practice was observed.
    pub supervisor_id: Uuid,
    /// Who observed it, and signed it by saving it.
    pub observer_id: Uuid,
    /// The day of the session observed.
    pub observed_on: Date,
    #[sea_orm(column_type = "Text")]
    pub strengths: String,
    #[sea_orm(column_type = "Text")]
    pub development_points: String,
    pub observer_signed_at: DateTimeUtc,
    /// When the supervisor signed it; it counts from then.
    pub supervisor_signed_at: Option<DateTimeUtc>,
    /// What the supervisor added when they signed (may be empty).
    #[sea_orm(column_type = "Text")]
    pub supervisor_comment: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
