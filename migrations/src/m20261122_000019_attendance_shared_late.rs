//! Whether each formal attendance's record was shared late (F4.3), so the
//! team report can show late sharing per unit from the same narrow table.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FormalAttendance {
    Table,
    SharedLate,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(FormalAttendance::Table)
                    .add_column(boolean(FormalAttendance::SharedLate).default(false))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE formal_attendance SET shared_late = ( \
                   SELECT s.shared_late FROM supervision s \
                   WHERE s.id = formal_attendance.supervision_id)",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(FormalAttendance::Table)
                    .drop_column(FormalAttendance::SharedLate)
                    .to_owned(),
            )
            .await
    }
}
