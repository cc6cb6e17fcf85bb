//! A sampled record scored against the audit tool (F8.1): one row per
//! standard, with the rating and the auditor's comment. Scoring the record
//! again replaces its rows; the audit log keeps each scoring.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditScore {
    Table,
    Id,
    OrganisationId,
    RoundId,
    SupervisionId,
    /// The audit tool's key for the standard.
    Question,
    /// met | partly_met | not_met | not_applicable
    Rating,
    Comment,
    ScoredBy,
    ScoredAt,
}

#[derive(DeriveIden)]
enum AuditRound {
    Table,
    Id,
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
                    .table(AuditScore::Table)
                    .col(pk_uuid(AuditScore::Id))
                    .col(uuid(AuditScore::OrganisationId))
                    .col(uuid(AuditScore::RoundId))
                    .col(uuid(AuditScore::SupervisionId))
                    .col(string_len(AuditScore::Question, 40))
                    .col(string_len(AuditScore::Rating, 20))
                    .col(text(AuditScore::Comment))
                    .col(uuid(AuditScore::ScoredBy))
                    .col(timestamp_with_time_zone(AuditScore::ScoredAt))
                    .foreign_key(&mut tenant_fk(AuditScore::Table))
                    .foreign_key(&mut fk(
                        (AuditScore::Table, AuditScore::RoundId),
                        (AuditRound::Table, AuditRound::Id),
                    ))
                    .foreign_key(&mut fk(
                        (AuditScore::Table, AuditScore::SupervisionId),
                        (Supervision::Table, Supervision::Id),
                    ))
                    .foreign_key(&mut fk(
                        (AuditScore::Table, AuditScore::ScoredBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_audit_score")
                    .table(AuditScore::Table)
                    .col(AuditScore::RoundId)
                    .col(AuditScore::SupervisionId)
                    .col(AuditScore::Question)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_audit_score_supervision")
                    .table(AuditScore::Table)
                    .col(AuditScore::OrganisationId)
                    .col(AuditScore::SupervisionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditScore::Table).to_owned())
            .await
    }
}
