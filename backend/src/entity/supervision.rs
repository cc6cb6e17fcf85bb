//! A supervision record (F3).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub kind: String,
    pub approach: Option<String>,
    pub held_on: Date,
    pub recorded_at: DateTimeUtc,
    pub duration_minutes: i32,
    pub mode: String,
    pub location: String,
    pub external_supervisor: Option<String>,
    pub recorded_by: Uuid,
    #[sea_orm(column_type = "Text")]
    pub experience: String,
    #[sea_orm(column_type = "Text")]
    pub reflection: String,
    #[sea_orm(column_type = "Text")]
    pub analysis: String,
    #[sea_orm(column_type = "Text")]
    pub action_plan: String,
    #[sea_orm(column_type = "Text")]
    pub notes: String,
    pub functions: String,
    /// The browser's once-per-record key, for idempotent submission.
    pub submission_key: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The supervisees on the record.
    #[sea_orm(has_many = "super::supervision_attendee::Entity")]
    Attendee,
}

impl Related<super::supervision_attendee::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Attendee.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
