//! A supervisee's place on a record and their validation of it (F4.1).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_attendee")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub supervision_id: Uuid,
    pub supervisee_id: Uuid,
    /// awaiting | agreed | disagreed
    pub validation_state: supervision_shared::ValidationState,
    pub validated_at: Option<DateTimeUtc>,
    #[sea_orm(column_type = "Text", nullable)]
    pub supervisee_comment: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub personal_notes: Option<String>,
    /// The member has chosen to let the facilitator read their notes.
    pub personal_notes_shared: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The record attended.
    #[sea_orm(
        belongs_to = "super::supervision::Entity",
        from = "Column::SupervisionId",
        to = "super::supervision::Column::Id"
    )]
    Supervision,
}

impl ActiveModelBehavior for ActiveModel {}

impl Related<super::supervision::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Supervision.def()
    }
}
