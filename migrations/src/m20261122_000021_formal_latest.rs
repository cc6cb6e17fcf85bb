//! Each person's last formal supervision of each kind (F5.4, F5.6), kept
//! in step with formal attendance in the same transaction. A report as at
//! today or later (the default: the end of this month) reads one row per
//! person instead of aggregating a window of sessions; a report as at an
//! earlier day still aggregates, since "last" then means last before it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FormalLatest {
    Table,
    OrganisationId,
    StaffId,
    LastClinical,
    LastManagement,
    LastCase,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormalLatest::Table)
                    .col(uuid(FormalLatest::OrganisationId))
                    .col(uuid(FormalLatest::StaffId).primary_key())
                    .col(date_null(FormalLatest::LastClinical))
                    .col(date_null(FormalLatest::LastManagement))
                    .col(date_null(FormalLatest::LastCase))
                    .foreign_key(&mut tenant_fk(FormalLatest::Table))
                    .foreign_key(
                        fk(
                            (FormalLatest::Table, FormalLatest::StaffId),
                            (Staff::Table, Staff::Id),
                        )
                        // Derived: goes with the person.
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_formal_latest_organisation")
                    .table(FormalLatest::Table)
                    .col(FormalLatest::OrganisationId)
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO formal_latest \
                   (organisation_id, staff_id, last_clinical, last_management, last_case) \
                 SELECT organisation_id, supervisee_id, \
                   MAX(CASE WHEN category = 'clinical' THEN held_on END), \
                   MAX(CASE WHEN category = 'management' THEN held_on END), \
                   MAX(CASE WHEN category = 'case' THEN held_on END) \
                 FROM formal_attendance GROUP BY organisation_id, supervisee_id",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormalLatest::Table).to_owned())
            .await
    }
}
