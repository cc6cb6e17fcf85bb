//! Drafts kept on the server (F3.10): a record being written can be saved
//! and finished later, on this device or another. Only its author reads it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RecordDraft {
    Table,
    /// The submission key the browser made for this record, so submitting
    /// the record finds and removes its draft.
    Id,
    OrganisationId,
    AuthorId,
    UpdatedAt,
    /// A line to recognise it by in a list, written by the client.
    Summary,
    /// The form as the client keeps it, as JSON.
    Payload,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RecordDraft::Table)
                    .col(pk_uuid(RecordDraft::Id))
                    .col(uuid(RecordDraft::OrganisationId))
                    .col(uuid(RecordDraft::AuthorId))
                    .col(timestamp_with_time_zone(RecordDraft::UpdatedAt))
                    .col(string_len(RecordDraft::Summary, 200))
                    .col(text(RecordDraft::Payload))
                    .foreign_key(&mut tenant_fk(RecordDraft::Table))
                    .foreign_key(&mut fk(
                        (RecordDraft::Table, RecordDraft::AuthorId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_record_draft_author")
                    .table(RecordDraft::Table)
                    .col(RecordDraft::OrganisationId)
                    .col(RecordDraft::AuthorId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RecordDraft::Table).to_owned())
            .await
    }
}
