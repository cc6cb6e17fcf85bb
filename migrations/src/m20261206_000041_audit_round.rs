//! Dip-sample audits of supervision records (F8.1): a round is a period, a
//! scope of units, the kinds of supervision and a sample size, and the
//! random seed its sample was drawn with, kept so the same sample can be
//! drawn again and shown to be fair. The records drawn are listed in draw
//! order; each is opened to the auditor for the audit purpose until the
//! round closes (an `access_grant` per record, logged per read as any
//! purpose-bound read is).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditRound {
    Table,
    Id,
    OrganisationId,
    Title,
    PeriodFrom,
    PeriodTo,
    /// JSON array of org unit ids; empty for the whole organisation.
    UnitIds,
    /// Comma-separated supervision kind codes.
    Kinds,
    /// The seed, as the 64 bits of an unsigned number.
    Seed,
    EligibleCount,
    DrawnBy,
    DrawnAt,
    ClosesAt,
}

#[derive(DeriveIden)]
enum AuditRoundRecord {
    Table,
    Id,
    OrganisationId,
    RoundId,
    SupervisionId,
    /// 1 for the first drawn.
    Position,
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
                    .table(AuditRound::Table)
                    .col(pk_uuid(AuditRound::Id))
                    .col(uuid(AuditRound::OrganisationId))
                    .col(string_len(AuditRound::Title, 200))
                    .col(date(AuditRound::PeriodFrom))
                    .col(date(AuditRound::PeriodTo))
                    .col(text(AuditRound::UnitIds))
                    .col(string(AuditRound::Kinds))
                    .col(big_integer(AuditRound::Seed))
                    .col(integer(AuditRound::EligibleCount))
                    .col(uuid(AuditRound::DrawnBy))
                    .col(timestamp_with_time_zone(AuditRound::DrawnAt))
                    .col(timestamp_with_time_zone(AuditRound::ClosesAt))
                    .foreign_key(&mut tenant_fk(AuditRound::Table))
                    .foreign_key(&mut fk(
                        (AuditRound::Table, AuditRound::DrawnBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditRoundRecord::Table)
                    .col(pk_uuid(AuditRoundRecord::Id))
                    .col(uuid(AuditRoundRecord::OrganisationId))
                    .col(uuid(AuditRoundRecord::RoundId))
                    .col(uuid(AuditRoundRecord::SupervisionId))
                    .col(integer(AuditRoundRecord::Position))
                    .foreign_key(&mut tenant_fk(AuditRoundRecord::Table))
                    .foreign_key(&mut fk(
                        (AuditRoundRecord::Table, AuditRoundRecord::RoundId),
                        (AuditRound::Table, AuditRound::Id),
                    ))
                    .foreign_key(&mut fk(
                        (AuditRoundRecord::Table, AuditRoundRecord::SupervisionId),
                        (Supervision::Table, Supervision::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_audit_round_record")
                    .table(AuditRoundRecord::Table)
                    .col(AuditRoundRecord::RoundId)
                    .col(AuditRoundRecord::SupervisionId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_round_organisation")
                    .table(AuditRound::Table)
                    .col(AuditRound::OrganisationId)
                    .col(AuditRound::DrawnAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditRoundRecord::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AuditRound::Table).to_owned())
            .await
    }
}
