//! The header an organisation's HR export uses for one field the import
//! reads.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_column")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: Uuid,
    /// The field's name, e.g. `unit` (`hr_import::columns::Field::name`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub field: String,
    /// The export's header for it, e.g. `Department Path`.
    pub header: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
