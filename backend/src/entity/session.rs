//! A browser session, stored server-side (F1.4).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    #[sea_orm(column_type = "Text")]
    pub data: String,
    pub expires_at: DateTimeUtc,
    /// Who signed in, when anyone has.
    pub staff_id: Option<Uuid>,
    /// The provider's subject, for back-channel logout.
    pub oidc_sub: Option<String>,
    /// The provider's session id, for back-channel logout.
    pub oidc_sid: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
