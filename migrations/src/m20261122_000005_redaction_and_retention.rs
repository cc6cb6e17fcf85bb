//! Redaction of sections on request (F7.4) and legal holds that stop the
//! retention purge (F7.7).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Redaction {
    Table,
    Id,
    OrganisationId,
    SupervisionId,
    Section,
    Reason,
    DecidedBy,
    DecidedAt,
    // Kept for legal hold; served to nobody but a system administrator.
    OriginalText,
}

#[derive(DeriveIden)]
enum LegalHold {
    Table,
    Id,
    OrganisationId,
    StaffId,
    SupervisionId,
    Reason,
    PlacedBy,
    PlacedAt,
    ReleasedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Redaction::Table)
                    .col(pk_uuid(Redaction::Id))
                    .col(uuid(Redaction::OrganisationId))
                    .col(uuid(Redaction::SupervisionId))
                    .col(string_len(Redaction::Section, 40))
                    .col(text(Redaction::Reason))
                    .col(uuid(Redaction::DecidedBy))
                    .col(timestamp_with_time_zone(Redaction::DecidedAt))
                    .col(text(Redaction::OriginalText))
                    .foreign_key(&mut tenant_fk(Redaction::Table))
                    .foreign_key(&mut fk(
                        (Redaction::Table, Redaction::DecidedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_redaction_supervision")
                    .table(Redaction::Table)
                    .col(Redaction::OrganisationId)
                    .col(Redaction::SupervisionId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(LegalHold::Table)
                    .col(pk_uuid(LegalHold::Id))
                    .col(uuid(LegalHold::OrganisationId))
                    .col(uuid_null(LegalHold::StaffId))
                    .col(uuid_null(LegalHold::SupervisionId))
                    .col(text(LegalHold::Reason))
                    .col(uuid(LegalHold::PlacedBy))
                    .col(timestamp_with_time_zone(LegalHold::PlacedAt))
                    .col(timestamp_with_time_zone_null(LegalHold::ReleasedAt))
                    .foreign_key(&mut tenant_fk(LegalHold::Table))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_legal_hold_org")
                    .table(LegalHold::Table)
                    .col(LegalHold::OrganisationId)
                    .col(LegalHold::ReleasedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(LegalHold::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Redaction::Table).to_owned())
            .await
    }
}
