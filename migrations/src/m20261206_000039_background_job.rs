//! Background jobs (the daily reminders, retention, the clean-up of expired
//! sessions) run on every instance of a deployment, so each job has one row
//! here that an instance must claim before doing the job's work: when it is
//! next due, and until when an instance holds it. Two instances waking at the
//! same moment do the work once, and a job whose instance died mid-run is
//! taken up again once its claim lapses.
//!
//! Deployment-wide rather than per organisation: one run of a job covers
//! every organisation, as the jobs always have.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BackgroundJob {
    Table,
    Name,
    NextDueAt,
    HeldUntil,
    LastFinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BackgroundJob::Table)
                    .col(string(BackgroundJob::Name).primary_key())
                    .col(timestamp_with_time_zone(BackgroundJob::NextDueAt))
                    .col(timestamp_with_time_zone_null(BackgroundJob::HeldUntil))
                    .col(timestamp_with_time_zone_null(BackgroundJob::LastFinishedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BackgroundJob::Table).to_owned())
            .await
    }
}
