//! One case as discussed in one supervision (F3.7).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_discussion")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub supervision_id: Uuid,
    /// Pseudonymous: never a name.
    pub reference: String,
    #[sea_orm(column_type = "Text")]
    pub summary: String,
    #[sea_orm(column_type = "Text")]
    pub analysis: String,
    #[sea_orm(column_type = "Text")]
    pub decision: String,
    #[sea_orm(column_type = "Text")]
    pub actions: String,
    /// Closed or transferred at this discussion.
    pub closed: bool,
    /// The worker whose case it is (a supervisee of the record). None
    /// only on group records saved before it was asked: every member's.
    pub worker_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// The supervision it was discussed in.
    #[sea_orm(
        belongs_to = "super::supervision::Entity",
        from = "Column::SupervisionId",
        to = "super::supervision::Column::Id"
    )]
    Supervision,
}

impl ActiveModelBehavior for ActiveModel {}
