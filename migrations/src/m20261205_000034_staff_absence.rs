//! Extended absences (F6.2): the first day away and the first day back of
//! a person's absence of four weeks or more, so that the supervision
//! agreement made before it is renewed (York). Dates only: why they were
//! away is HR's record.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum StaffAbsence {
    Table,
    Id,
    OrganisationId,
    StaffId,
    StartsOn,
    BackOn,
    RecordedBy,
    RecordedAt,
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
                    .table(StaffAbsence::Table)
                    .col(pk_uuid(StaffAbsence::Id))
                    .col(uuid(StaffAbsence::OrganisationId))
                    .col(uuid(StaffAbsence::StaffId))
                    .col(date(StaffAbsence::StartsOn))
                    .col(date(StaffAbsence::BackOn))
                    .col(uuid(StaffAbsence::RecordedBy))
                    .col(timestamp_with_time_zone(StaffAbsence::RecordedAt))
                    .foreign_key(&mut tenant_fk(StaffAbsence::Table))
                    .foreign_key(&mut fk(
                        (StaffAbsence::Table, StaffAbsence::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_staff_absence_staff")
                    .table(StaffAbsence::Table)
                    .col(StaffAbsence::OrganisationId)
                    .col(StaffAbsence::StaffId)
                    .col(StaffAbsence::BackOn)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StaffAbsence::Table).to_owned())
            .await
    }
}
