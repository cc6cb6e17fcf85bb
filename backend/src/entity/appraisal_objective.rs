//! An objective from a person's appraisal (PDR), kept with them (F8.4).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "appraisal_objective")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    /// Whose objective.
    pub staff_id: Uuid,
    #[sea_orm(column_type = "Text")]
    pub title: String,
    /// By when, if the appraisal set a day.
    pub due_on: Option<Date>,
    /// Met, from this day.
    pub achieved_on: Option<Date>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
