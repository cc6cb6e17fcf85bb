//! One phase of an organisation's newly qualified or induction schedule,
//! as written from a date (F5.2).

use sea_orm::entity::prelude::*;
use supervision_shared::schedule::ScheduleKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "schedule_phase")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub schedule: ScheduleKind,
    /// The first day this wording of the schedule is in force.
    #[sea_orm(primary_key, auto_increment = false)]
    pub effective_from: Date,
    /// Its place in the schedule, from 0.
    #[sea_orm(primary_key, auto_increment = false)]
    pub position: i32,
    pub every_days: i32,
    pub until_months: i32,
    pub until_weeks: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
