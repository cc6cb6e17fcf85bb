//! A supervision record (F3).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub kind: supervision_shared::SupervisionKind,
    pub approach: Option<supervision_shared::Approach>,
    pub held_on: Date,
    pub recorded_at: DateTimeUtc,
    pub duration_minutes: i32,
    pub mode: supervision_shared::Mode,
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
    /// Shared more than 10 working days after the session (F4.3).
    pub shared_late: bool,
    /// 1 when saved; one more with each amendment (F4.4).
    pub version: i32,
    /// Set when removal was approved: a tombstone, in no view or count (F4.5).
    pub removed_at: Option<DateTimeUtc>,
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
