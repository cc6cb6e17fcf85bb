//! A record's submission key (F3.10): the browser's once-per-record key, so
//! a retried submission finds the record it already made instead of making
//! a second one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Supervision {
    Table,
    OrganisationId,
    RecordedBy,
    SubmissionKey,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Supervision::Table)
                    .add_column(uuid_null(Supervision::SubmissionKey))
                    .to_owned(),
            )
            .await?;
        // Records without a key (the demo, older clients) never collide:
        // NULLs are distinct in a unique index on both engines.
        manager
            .create_index(
                Index::create()
                    .name("ux_supervision_submission_key")
                    .table(Supervision::Table)
                    .unique()
                    .col(Supervision::OrganisationId)
                    .col(Supervision::RecordedBy)
                    .col(Supervision::SubmissionKey)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ux_supervision_submission_key")
                    .table(Supervision::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Supervision::Table)
                    .drop_column(Supervision::SubmissionKey)
                    .to_owned(),
            )
            .await
    }
}
