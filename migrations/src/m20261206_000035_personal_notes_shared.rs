//! A group member may share their personal notes with the session's
//! facilitator (F3.4: "only they, and the facilitator if they choose,
//! see"). Not shared unless they say so, so existing notes stay theirs.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupervisionAttendee {
    Table,
    PersonalNotesShared,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SupervisionAttendee::Table)
                    .add_column(boolean(SupervisionAttendee::PersonalNotesShared).default(false))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SupervisionAttendee::Table)
                    .drop_column(SupervisionAttendee::PersonalNotesShared)
                    .to_owned(),
            )
            .await
    }
}
