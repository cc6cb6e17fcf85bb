//! A background job's claim: when it is next due and which instance holds
//! it until when (see `service::jobs`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "background_job")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    pub next_due_at: DateTimeUtc,
    /// Set while an instance does the work; a lapsed claim may be taken.
    pub held_until: Option<DateTimeUtc>,
    pub last_finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
