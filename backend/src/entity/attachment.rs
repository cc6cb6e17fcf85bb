//! A document or image attached to a record (F3.8); the bytes are in the
//! object store under `object_key`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attachment")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub supervision_id: Uuid,
    pub uploaded_by: Uuid,
    pub uploaded_at: DateTimeUtc,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub object_key: String,
    pub sha256: String,
    pub deleted_at: Option<DateTimeUtc>,
    pub deleted_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
