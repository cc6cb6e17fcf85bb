//! Documents and images attached to a record (F3.8). The bytes live in an
//! object store outside the database; this row says what they are, whose
//! record they belong to, and whether they were deleted (and by whom).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Attachment {
    Table,
    Id,
    OrganisationId,
    SupervisionId,
    UploadedBy,
    UploadedAt,
    /// The name it was uploaded with, cleaned for display and download.
    FileName,
    /// Decided from the file's content, never from its name.
    ContentType,
    SizeBytes,
    /// Where the bytes are in the object store.
    ObjectKey,
    Sha256,
    DeletedAt,
    DeletedBy,
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
                    .table(Attachment::Table)
                    .col(pk_uuid(Attachment::Id))
                    .col(uuid(Attachment::OrganisationId))
                    .col(uuid(Attachment::SupervisionId))
                    .col(uuid(Attachment::UploadedBy))
                    .col(timestamp_with_time_zone(Attachment::UploadedAt))
                    .col(string_len(Attachment::FileName, 255))
                    .col(string_len(Attachment::ContentType, 100))
                    .col(big_integer(Attachment::SizeBytes))
                    .col(string_len(Attachment::ObjectKey, 255))
                    .col(string_len(Attachment::Sha256, 64))
                    .col(timestamp_with_time_zone_null(Attachment::DeletedAt))
                    .col(uuid_null(Attachment::DeletedBy))
                    .foreign_key(&mut tenant_fk(Attachment::Table))
                    .foreign_key(&mut fk(
                        (Attachment::Table, Attachment::SupervisionId),
                        (Supervision::Table, Supervision::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Attachment::Table, Attachment::UploadedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Attachment::Table, Attachment::DeletedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attachment_supervision")
                    .table(Attachment::Table)
                    .col(Attachment::OrganisationId)
                    .col(Attachment::SupervisionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Attachment::Table).to_owned())
            .await
    }
}
