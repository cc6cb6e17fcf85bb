//! One supervisee's attendance of a record that counts towards their
//! required frequency (derived; see `service::compliance::attendance`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "formal_attendance")]
pub struct Model {
    pub organisation_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub supervision_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub supervisee_id: Uuid,
    /// clinical | management | case
    pub category: supervision_shared::ComplianceCategory,
    pub held_on: Date,
    /// Its record was shared more than 10 working days after the session.
    pub shared_late: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
