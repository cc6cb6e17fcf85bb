//! What SCIM knows of a member of staff beyond the directory: the identity
//! provider's id for them, and when it removed them.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "scim_user")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub staff_id: Uuid,
    pub organisation_id: Uuid,
    /// The identity provider's id (Entra ID's object id), `externalId`.
    pub external_id: Option<String>,
    /// Its `userName` (Entra ID: the user principal name); none means the
    /// work email.
    pub user_name: Option<String>,
    /// The name's parts as sent (the directory keeps the whole name).
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Removed by the identity provider (`DELETE`): a leaver from then,
    /// and no longer a SCIM resource.
    pub deleted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
