//! One change to an action after its session (F3.6).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "action_update")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub action_id: Uuid,
    pub changed_by: Uuid,
    pub changed_at: DateTimeUtc,
    pub from_status: supervision_shared::action::ActionStatus,
    pub to_status: supervision_shared::action::ActionStatus,
    pub from_due_on: Option<Date>,
    pub to_due_on: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub note: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
