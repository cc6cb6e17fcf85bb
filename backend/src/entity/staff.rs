//! A member of staff in the directory (F2.2).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub email: String,
    pub employee_number: String,
    pub job_title: String,
    pub profession: String,
    pub org_unit_id: Uuid,
    pub start_date: Date,
    pub leaving_date: Option<Date>,
    /// active | leaver
    pub status: String,
    pub newly_qualified: bool,
    pub probation: bool,
    pub oidc_subject: Option<String>,
    /// Holds a caseload, so case supervision is required (F3.7).
    pub holds_caseload: bool,
    /// The name as the staff picker searches it (`service::names`).
    pub search_name: String,
    /// Moved by the database's triggers whenever an allocation naming them
    /// as supervisor or manager, or a role granted to them, changes: the
    /// roles worked out for them are reused only while it stays the same
    /// (`auth::roles_cache`). Never written by the application.
    pub access_version: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
