//! A cycle of the annual supervision questionnaire (F8.2).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "questionnaire_cycle")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub title: String,
    /// The day its invitations went out.
    pub opens_on: Date,
    /// The last day answers are taken.
    pub closes_on: Date,
    /// Set when it was closed before `closes_on`: no answer after that day.
    pub closed_on: Option<Date>,
    /// Results are shown only for groups of at least this many people.
    pub threshold: i32,
    /// Its questions, as JSON (`supervision_shared::quality::questionnaire::Question`).
    #[sea_orm(column_type = "Text")]
    pub questions: String,
    pub started_by: Uuid,
    pub started_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
