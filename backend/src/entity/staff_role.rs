//! A role granted in the directory (senior manager, auditor, HR or system admin).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_role")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub staff_id: Uuid,
    pub role: supervision_shared::Role,
    pub org_unit_id: Option<Uuid>,
    /// The system administrator who granted it (none for the demo seed's).
    pub granted_by: Option<Uuid>,
    /// When.
    pub granted_at: Option<DateTimeUtc>,
    /// The SCIM group whose membership made it: leaving the group ends it.
    pub scim_group_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
