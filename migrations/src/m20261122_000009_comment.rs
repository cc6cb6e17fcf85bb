//! Supervisees' comments on their records, at any time (F4.2).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupervisionComment {
    Table,
    Id,
    OrganisationId,
    SupervisionId,
    AuthorId,
    Body,
    WrittenAt,
}

#[derive(DeriveIden)]
enum Supervision {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SupervisionComment::Table)
                    .col(pk_uuid(SupervisionComment::Id))
                    .col(uuid(SupervisionComment::OrganisationId))
                    .col(uuid(SupervisionComment::SupervisionId))
                    .col(uuid(SupervisionComment::AuthorId))
                    .col(text(SupervisionComment::Body))
                    .col(timestamp_with_time_zone(SupervisionComment::WrittenAt))
                    .foreign_key(&mut tenant_fk(SupervisionComment::Table))
                    .foreign_key(&mut fk(
                        (SupervisionComment::Table, SupervisionComment::SupervisionId),
                        (Supervision::Table, Supervision::Id),
                    ))
                    .foreign_key(&mut fk(
                        (SupervisionComment::Table, SupervisionComment::AuthorId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_comment_supervision")
                    .table(SupervisionComment::Table)
                    .col(SupervisionComment::OrganisationId)
                    .col(SupervisionComment::SupervisionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SupervisionComment::Table).to_owned())
            .await
    }
}
