//! A SMART action agreed in supervision (F3.6), or raised on the record
//! from an audit finding (F8.1).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervision_action")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub supervision_id: Uuid,
    pub description: String,
    pub owner_id: Uuid,
    pub due_on: Option<Date>,
    /// open | done | dropped
    pub status: supervision_shared::action::ActionStatus,
    /// The audit round whose finding it is; none for an action agreed in
    /// the session.
    pub audit_round_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The session it was agreed in.
    #[sea_orm(
        belongs_to = "super::supervision::Entity",
        from = "Column::SupervisionId",
        to = "super::supervision::Column::Id"
    )]
    Supervision,
}

impl Related<super::supervision::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Supervision.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
