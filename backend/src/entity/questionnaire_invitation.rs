//! Someone asked to answer a questionnaire cycle, and whether they have
//! (never what they answered: that is a response with no name on it).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "questionnaire_invitation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub cycle_id: Uuid,
    pub staff_id: Uuid,
    /// Their team when invited: their answers count in it.
    pub unit_id: Uuid,
    /// Their line manager when invited.
    pub line_manager_id: Option<Uuid>,
    /// Their clinical supervisor when invited.
    pub clinical_supervisor_id: Option<Uuid>,
    pub answered: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
