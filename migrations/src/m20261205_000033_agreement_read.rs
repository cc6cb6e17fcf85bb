//! An agreement opened for a stated purpose (F6, F7.3): a grant may name one
//! agreement, and each read of one under a grant is logged for the person
//! it is about, as reads of records are. The log has no foreign key to the
//! agreement: like `privileged_read`, it is evidence of who read what and
//! is kept when a leaver's agreements are purged.

use sea_orm_migration::{prelude::*, schema::*};

use crate::tenant_fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AccessGrant {
    Table,
    AgreementId,
}

#[derive(DeriveIden)]
enum AgreementRead {
    Table,
    Id,
    OrganisationId,
    GrantId,
    ReaderId,
    AgreementId,
    SuperviseeId,
    ReadAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A plain nullable column: SQLite cannot add a foreign key to an
        // existing table; the grant's agreement is checked in the same
        // organisation when the grant is made.
        manager
            .alter_table(
                Table::alter()
                    .table(AccessGrant::Table)
                    .add_column(uuid_null(AccessGrant::AgreementId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AgreementRead::Table)
                    .col(pk_uuid(AgreementRead::Id))
                    .col(uuid(AgreementRead::OrganisationId))
                    .col(uuid(AgreementRead::GrantId))
                    .col(uuid(AgreementRead::ReaderId))
                    .col(uuid(AgreementRead::AgreementId))
                    .col(uuid(AgreementRead::SuperviseeId))
                    .col(timestamp_with_time_zone(AgreementRead::ReadAt))
                    .foreign_key(&mut tenant_fk(AgreementRead::Table))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_agreement_read_supervisee")
                    .table(AgreementRead::Table)
                    .col(AgreementRead::OrganisationId)
                    .col(AgreementRead::SuperviseeId)
                    .col(AgreementRead::ReadAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AgreementRead::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AccessGrant::Table)
                    .drop_column(AccessGrant::AgreementId)
                    .to_owned(),
            )
            .await
    }
}
