//! One person's answers to a questionnaire cycle, kept with the groups they
//! count in and nothing that says whose they are or when they came.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "questionnaire_response")]
pub struct Model {
    /// Random (v4), so the order of ids says nothing of the order answered.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub cycle_id: Uuid,
    pub unit_id: Uuid,
    pub line_manager_id: Option<Uuid>,
    pub clinical_supervisor_id: Option<Uuid>,
    /// The answers, as JSON (`supervision_shared::quality::questionnaire::Answer`).
    #[sea_orm(column_type = "Text")]
    pub answers: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
