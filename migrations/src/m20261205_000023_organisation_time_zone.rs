//! Each organisation's time zone (an IANA name): "today", "held in the
//! future", due dates, the end of the month, late sharing and reminders are
//! judged in it, not in the server's UTC. Every organisation so far is in
//! the UK.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    TimeZone,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisation::Table)
                    .add_column(string(Organisation::TimeZone).default("Europe/London"))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisation::Table)
                    .drop_column(Organisation::TimeZone)
                    .to_owned(),
            )
            .await
    }
}
