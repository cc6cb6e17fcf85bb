//! Whose case a case discussion is (F3.7). In a group record each case is
//! one member's; until now every member counted as its worker.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseDiscussion {
    Table,
    /// A supervisee of the record. Null only on group records saved
    /// before it was asked (every member's, as it was then).
    WorkerId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CaseDiscussion::Table)
                    .add_column(uuid_null(CaseDiscussion::WorkerId))
                    .to_owned(),
            )
            .await?;
        // A record with one supervisee: theirs.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE case_discussion SET worker_id = ( \
                   SELECT a.supervisee_id FROM supervision_attendee a \
                   WHERE a.supervision_id = case_discussion.supervision_id LIMIT 1) \
                 WHERE (SELECT COUNT(*) FROM supervision_attendee a \
                        WHERE a.supervision_id = case_discussion.supervision_id) = 1",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(CaseDiscussion::Table)
                    .drop_column(CaseDiscussion::WorkerId)
                    .to_owned(),
            )
            .await
    }
}
