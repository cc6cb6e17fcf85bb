//! Who granted each directory role, and when (F2.2): shown beside the
//! grant, as the audit log shows each grant and its end. Grants made before
//! (by the demo seed or by hand) have neither.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StaffRole {
    Table,
    GrantedBy,
    GrantedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(StaffRole::Table)
                    .add_column(uuid_null(StaffRole::GrantedBy))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StaffRole::Table)
                    .add_column(timestamp_with_time_zone_null(StaffRole::GrantedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [StaffRole::GrantedAt, StaffRole::GrantedBy] {
            manager
                .alter_table(
                    Table::alter()
                        .table(StaffRole::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
