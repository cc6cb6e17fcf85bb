//! Observation of supervisors' practice (F8.3, issue 16): once a year
//! someone who oversees a supervisor watches them supervise and writes what
//! they saw; the observer signs by saving it, the supervisor by reading and
//! signing it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PracticeObservation {
    Table,
    Id,
    OrganisationId,
    SupervisorId,
    ObserverId,
    ObservedOn,
    Strengths,
    DevelopmentPoints,
    ObserverSignedAt,
    SupervisorSignedAt,
    SupervisorComment,
}

#[derive(DeriveIden)]
enum Staff {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PracticeObservation::Table)
                    .col(pk_uuid(PracticeObservation::Id))
                    .col(uuid(PracticeObservation::OrganisationId))
                    .col(uuid(PracticeObservation::SupervisorId))
                    .col(uuid(PracticeObservation::ObserverId))
                    .col(date(PracticeObservation::ObservedOn))
                    .col(text(PracticeObservation::Strengths))
                    .col(text(PracticeObservation::DevelopmentPoints))
                    .col(timestamp_with_time_zone(
                        PracticeObservation::ObserverSignedAt,
                    ))
                    .col(timestamp_with_time_zone_null(
                        PracticeObservation::SupervisorSignedAt,
                    ))
                    .col(text(PracticeObservation::SupervisorComment))
                    .foreign_key(&mut tenant_fk(PracticeObservation::Table))
                    .foreign_key(&mut fk(
                        (
                            PracticeObservation::Table,
                            PracticeObservation::SupervisorId,
                        ),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        (PracticeObservation::Table, PracticeObservation::ObserverId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_practice_observation_supervisor")
                    .table(PracticeObservation::Table)
                    .col(PracticeObservation::OrganisationId)
                    .col(PracticeObservation::SupervisorId)
                    .col(PracticeObservation::ObservedOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PracticeObservation::Table).to_owned())
            .await
    }
}
