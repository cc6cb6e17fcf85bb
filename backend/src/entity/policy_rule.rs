//! One rule of an organisation's supervision policy (F5.1, F5.8).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "policy_rule")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub scope_kind: supervision_shared::policy::PolicyScopeKind,
    pub scope_value: String,
    /// clinical | management | case | backstop | due_soon
    pub setting: supervision_shared::policy::PolicySetting,
    pub days: i32,
    pub effective_from: Date,
    pub effective_to: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub approved_by: Option<Uuid>,
    pub approved_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
