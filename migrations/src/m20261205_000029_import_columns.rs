//! The headers each organisation's HR export uses for the fields the
//! import reads, kept so the page, the upload and the nightly command all
//! read the organisation's export the same way.

use sea_orm_migration::{prelude::*, schema::*};

use crate::tenant_fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ImportColumn {
    Table,
    OrganisationId,
    Field,
    Header,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ImportColumn::Table)
                    .col(uuid(ImportColumn::OrganisationId))
                    // employee_number, full_name, unit, ... (hr_import/columns.rs)
                    .col(string_len(ImportColumn::Field, 40))
                    .col(string_len(ImportColumn::Header, 200))
                    .primary_key(
                        Index::create()
                            .col(ImportColumn::OrganisationId)
                            .col(ImportColumn::Field),
                    )
                    .foreign_key(&mut tenant_fk(ImportColumn::Table))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ImportColumn::Table).to_owned())
            .await
    }
}
