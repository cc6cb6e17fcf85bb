//! Failed sign-ins (F1, audit): who (as far as known), when, from where, and
//! why. A failure before anyone is identified belongs to no organisation, so
//! `organisation_id` is the one tenant column that may be empty; it is filled
//! whenever the person is known (a leaver, say).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SignInFailure {
    Table,
    Id,
    OrganisationId,
    OccurredAt,
    Subject,
    Email,
    FromAddress,
    Reason,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignInFailure::Table)
                    .col(pk_uuid(SignInFailure::Id))
                    .col(uuid_null(SignInFailure::OrganisationId))
                    .col(timestamp_with_time_zone(SignInFailure::OccurredAt))
                    .col(string_len_null(SignInFailure::Subject, 255))
                    .col(string_len_null(SignInFailure::Email, 320))
                    .col(string_len(SignInFailure::FromAddress, 64))
                    .col(string_len(SignInFailure::Reason, 500))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_sign_in_failure_occurred_at")
                    .table(SignInFailure::Table)
                    .col(SignInFailure::OccurredAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInFailure::Table).to_owned())
            .await
    }
}
