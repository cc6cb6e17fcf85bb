//! A read-only token an organisation's BI tool presents to `/bi/graphql`
//! and the compliance download (F9.5). Only its SHA-256 is kept.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bi_token")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    /// The BI client it was made for, e.g. "Power BI supervision dashboard".
    pub label: String,
    /// SHA-256 of the token, hex.
    pub token_hash: String,
    /// The system administrator who made it.
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    /// Its last day of use.
    pub expires_on: Date,
    pub last_used_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
