//! A dip-sample audit round (F8.1): what it samples, and the seed it drew
//! its sample with.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_round")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub title: String,
    pub period_from: Date,
    pub period_to: Date,
    /// JSON array of org unit ids; empty for the whole organisation.
    #[sea_orm(column_type = "Text")]
    pub unit_ids: String,
    /// Comma-separated supervision kind codes.
    pub kinds: String,
    /// The seed's 64 bits (an unsigned number stored signed).
    pub seed: i64,
    pub eligible_count: i32,
    pub drawn_by: Uuid,
    pub drawn_at: DateTimeUtc,
    pub closes_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
