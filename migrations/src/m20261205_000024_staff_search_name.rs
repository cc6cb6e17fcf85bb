//! Each person's name as the staff picker searches it (F2.6): folded
//! without case, accents or punctuation, so "sian" finds Siân and "neill"
//! finds O'Neill. Filled by the server from the name (on start for rows
//! written before this column, and with every write after).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Staff {
    Table,
    OrganisationId,
    Status,
    SearchName,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Staff::Table)
                    .add_column(string(Staff::SearchName).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_staff_search")
                    .table(Staff::Table)
                    .col(Staff::OrganisationId)
                    .col(Staff::Status)
                    .col(Staff::SearchName)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_staff_search")
                    .table(Staff::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Staff::Table)
                    .drop_column(Staff::SearchName)
                    .to_owned(),
            )
            .await
    }
}
