//! What happens to a record after it is saved (F4.3–F4.5): whether it was
//! shared late, its earlier versions when it is amended, and removal of a
//! record made in error (a request, an administrator's decision, and a
//! tombstone that stays for audit).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Supervision {
    Table,
    Id,
    /// Shared with its supervisees more than 10 working days after the
    /// session; fixed when it is shared, for the compliance reports.
    SharedLate,
    /// 1 when saved; one more with each amendment.
    Version,
    /// Set when a removal is approved: the record leaves every view and count.
    RemovedAt,
}

#[derive(DeriveIden)]
enum SupervisionVersion {
    Table,
    Id,
    OrganisationId,
    SupervisionId,
    /// The version this row preserves (the one replaced).
    Version,
    ChangedBy,
    ChangedAt,
    Reason,
    /// The names of the fields that changed.
    ChangedFields,
    /// The replaced version's content and validations, as JSON.
    Previous,
}

#[derive(DeriveIden)]
enum RemovalRequest {
    Table,
    Id,
    OrganisationId,
    SupervisionId,
    RequestedBy,
    RequestedAt,
    Reason,
    /// pending | approved | declined
    Status,
    DecidedBy,
    DecidedAt,
    DecisionNote,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        for column in [
            boolean(Supervision::SharedLate).default(false).to_owned(),
            integer(Supervision::Version).default(1).to_owned(),
            timestamp_with_time_zone_null(Supervision::RemovedAt).to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Supervision::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(SupervisionVersion::Table)
                    .col(pk_uuid(SupervisionVersion::Id))
                    .col(uuid(SupervisionVersion::OrganisationId))
                    .col(uuid(SupervisionVersion::SupervisionId))
                    .col(integer(SupervisionVersion::Version))
                    .col(uuid(SupervisionVersion::ChangedBy))
                    .col(timestamp_with_time_zone(SupervisionVersion::ChangedAt))
                    .col(text(SupervisionVersion::Reason))
                    .col(text(SupervisionVersion::ChangedFields))
                    .col(text(SupervisionVersion::Previous))
                    .foreign_key(&mut tenant_fk(SupervisionVersion::Table))
                    .foreign_key(&mut fk(
                        (SupervisionVersion::Table, SupervisionVersion::SupervisionId),
                        (Supervision::Table, Supervision::Id),
                    ))
                    .foreign_key(&mut fk(
                        (SupervisionVersion::Table, SupervisionVersion::ChangedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_supervision_version")
                    .table(SupervisionVersion::Table)
                    .col(SupervisionVersion::OrganisationId)
                    .col(SupervisionVersion::SupervisionId)
                    .col(SupervisionVersion::Version)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RemovalRequest::Table)
                    .col(pk_uuid(RemovalRequest::Id))
                    .col(uuid(RemovalRequest::OrganisationId))
                    .col(uuid(RemovalRequest::SupervisionId))
                    .col(uuid(RemovalRequest::RequestedBy))
                    .col(timestamp_with_time_zone(RemovalRequest::RequestedAt))
                    .col(text(RemovalRequest::Reason))
                    .col(string_len(RemovalRequest::Status, 16))
                    .col(uuid_null(RemovalRequest::DecidedBy))
                    .col(timestamp_with_time_zone_null(RemovalRequest::DecidedAt))
                    .col(text_null(RemovalRequest::DecisionNote))
                    .foreign_key(&mut tenant_fk(RemovalRequest::Table))
                    .foreign_key(&mut fk(
                        (RemovalRequest::Table, RemovalRequest::SupervisionId),
                        (Supervision::Table, Supervision::Id),
                    ))
                    .foreign_key(&mut fk(
                        (RemovalRequest::Table, RemovalRequest::RequestedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        (RemovalRequest::Table, RemovalRequest::DecidedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_removal_request_status")
                    .table(RemovalRequest::Table)
                    .col(RemovalRequest::OrganisationId)
                    .col(RemovalRequest::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RemovalRequest::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(SupervisionVersion::Table).to_owned())
            .await?;
        for column in [
            Supervision::RemovedAt,
            Supervision::Version,
            Supervision::SharedLate,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Supervision::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
