//! Appraisal (PDR) objectives and their links to supervision records
//! (F8.4, issue 16): objectives kept with the person; a record names the
//! ones its development discussion worked on.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppraisalObjective {
    Table,
    Id,
    OrganisationId,
    StaffId,
    Title,
    DueOn,
    AchievedOn,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SupervisionObjective {
    Table,
    Id,
    OrganisationId,
    SupervisionId,
    ObjectiveId,
    LinkedBy,
    LinkedAt,
}

#[derive(DeriveIden)]
enum Staff {
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
                    .table(AppraisalObjective::Table)
                    .col(pk_uuid(AppraisalObjective::Id))
                    .col(uuid(AppraisalObjective::OrganisationId))
                    .col(uuid(AppraisalObjective::StaffId))
                    .col(text(AppraisalObjective::Title))
                    .col(date_null(AppraisalObjective::DueOn))
                    .col(date_null(AppraisalObjective::AchievedOn))
                    .col(uuid(AppraisalObjective::CreatedBy))
                    .col(timestamp_with_time_zone(AppraisalObjective::CreatedAt))
                    .foreign_key(&mut tenant_fk(AppraisalObjective::Table))
                    .foreign_key(&mut fk(
                        (AppraisalObjective::Table, AppraisalObjective::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        (AppraisalObjective::Table, AppraisalObjective::CreatedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_appraisal_objective_staff")
                    .table(AppraisalObjective::Table)
                    .col(AppraisalObjective::OrganisationId)
                    .col(AppraisalObjective::StaffId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SupervisionObjective::Table)
                    .col(pk_uuid(SupervisionObjective::Id))
                    .col(uuid(SupervisionObjective::OrganisationId))
                    .col(uuid(SupervisionObjective::SupervisionId))
                    .col(uuid(SupervisionObjective::ObjectiveId))
                    .col(uuid(SupervisionObjective::LinkedBy))
                    .col(timestamp_with_time_zone(SupervisionObjective::LinkedAt))
                    .foreign_key(&mut tenant_fk(SupervisionObjective::Table))
                    .foreign_key(&mut fk(
                        (
                            SupervisionObjective::Table,
                            SupervisionObjective::SupervisionId,
                        ),
                        (Supervision::Table, Supervision::Id),
                    ))
                    .foreign_key(&mut fk(
                        (
                            SupervisionObjective::Table,
                            SupervisionObjective::ObjectiveId,
                        ),
                        (AppraisalObjective::Table, AppraisalObjective::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_supervision_objective")
                    .table(SupervisionObjective::Table)
                    .col(SupervisionObjective::SupervisionId)
                    .col(SupervisionObjective::ObjectiveId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SupervisionObjective::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AppraisalObjective::Table).to_owned())
            .await
    }
}
