//! Whether a member of staff holds a caseload (F3.7): case supervision is
//! required only of those who do, so the others are "not applicable" in
//! case compliance rather than counted as never supervised. Everyone holds
//! one until the directory says otherwise, so existing figures stand.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Staff {
    Table,
    HoldsCaseload,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Staff::Table)
                    .add_column(boolean(Staff::HoldsCaseload).default(true))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Staff::Table)
                    .drop_column(Staff::HoldsCaseload)
                    .to_owned(),
            )
            .await
    }
}
