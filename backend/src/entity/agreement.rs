//! A supervision agreement between a supervisee and a supervisor for one
//! kind of supervision (F6).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub supervisee_id: Uuid,
    pub supervisor_id: Uuid,
    /// line_manager | clinical_supervisor (`directory::Relationship`).
    pub relationship: String,
    pub frequency_days: i32,
    #[sea_orm(column_type = "Text")]
    pub frequency_reason: String,
    pub duration_minutes: i32,
    pub venue: String,
    /// JSON `[[key, text], …]`, in the template's order.
    #[sea_orm(column_type = "Text")]
    pub sections: String,
    pub starts_on: Date,
    pub review_by: Date,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub supervisor_signed_at: Option<DateTimeUtc>,
    pub supervisee_signed_at: Option<DateTimeUtc>,
    /// When the second signature made it the pair's agreement.
    pub in_force_at: Option<DateTimeUtc>,
    /// Its last day, once a newer one replaced it.
    pub ended_on: Option<Date>,
    /// The person's policy rule its frequency became.
    pub policy_rule_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
