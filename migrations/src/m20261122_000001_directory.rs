//! The staff directory (F2): organisations, the org-unit tree, staff, their
//! roles, and allocations of line managers and clinical supervisors.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub(crate) enum Organisation {
    Table,
    Id,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
pub(crate) enum OrgUnit {
    Table,
    Id,
    OrganisationId,
    ParentId,
    Name,
    Level,
}

#[derive(DeriveIden)]
pub(crate) enum Staff {
    Table,
    Id,
    OrganisationId,
    Name,
    Email,
    EmployeeNumber,
    JobTitle,
    Profession,
    OrgUnitId,
    StartDate,
    LeavingDate,
    Status,
    NewlyQualified,
    Probation,
    OidcSubject,
}

#[derive(DeriveIden)]
enum StaffRole {
    Table,
    Id,
    OrganisationId,
    StaffId,
    Role,
    OrgUnitId,
}

#[derive(DeriveIden)]
enum Allocation {
    Table,
    Id,
    OrganisationId,
    StaffId,
    Relationship,
    AllocatedToId,
    EffectiveFrom,
    EffectiveTo,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisation::Table)
                    .col(pk_uuid(Organisation::Id))
                    .col(string_len(Organisation::Name, 200))
                    .col(timestamp_with_time_zone(Organisation::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OrgUnit::Table)
                    .col(pk_uuid(OrgUnit::Id))
                    .col(uuid(OrgUnit::OrganisationId))
                    .col(uuid_null(OrgUnit::ParentId))
                    .col(string_len(OrgUnit::Name, 200))
                    // division | service | team
                    .col(string_len(OrgUnit::Level, 20))
                    .foreign_key(&mut tenant_fk(OrgUnit::Table))
                    .foreign_key(&mut fk(
                        (OrgUnit::Table, OrgUnit::ParentId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_org_unit_parent")
                    .table(OrgUnit::Table)
                    .col(OrgUnit::OrganisationId)
                    .col(OrgUnit::ParentId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Staff::Table)
                    .col(pk_uuid(Staff::Id))
                    .col(uuid(Staff::OrganisationId))
                    .col(string_len(Staff::Name, 200))
                    .col(string_len(Staff::Email, 320))
                    .col(string_len(Staff::EmployeeNumber, 40))
                    .col(string_len(Staff::JobTitle, 200))
                    .col(string_len(Staff::Profession, 100))
                    .col(uuid(Staff::OrgUnitId))
                    .col(date(Staff::StartDate))
                    .col(date_null(Staff::LeavingDate))
                    // active | leaver
                    .col(string_len(Staff::Status, 20))
                    .col(boolean(Staff::NewlyQualified).default(false))
                    .col(boolean(Staff::Probation).default(false))
                    .col(string_len_null(Staff::OidcSubject, 255))
                    .foreign_key(&mut tenant_fk(Staff::Table))
                    .foreign_key(&mut fk(
                        (Staff::Table, Staff::OrgUnitId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("ux_staff_email", vec![Staff::OrganisationId, Staff::Email]),
            (
                "ux_staff_employee_number",
                vec![Staff::OrganisationId, Staff::EmployeeNumber],
            ),
        ] {
            let mut index = Index::create()
                .name(name)
                .table(Staff::Table)
                .unique()
                .to_owned();
            for col in cols {
                index.col(col);
            }
            manager.create_index(index).await?;
        }
        for (name, cols) in [
            (
                "ix_staff_name",
                vec![Staff::OrganisationId, Staff::Status, Staff::Name],
            ),
            (
                "ix_staff_org_unit",
                vec![Staff::OrganisationId, Staff::OrgUnitId],
            ),
            (
                "ix_staff_oidc_subject",
                vec![Staff::OrganisationId, Staff::OidcSubject],
            ),
        ] {
            let mut index = Index::create().name(name).table(Staff::Table).to_owned();
            for col in cols {
                index.col(col);
            }
            manager.create_index(index).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(StaffRole::Table)
                    .col(pk_uuid(StaffRole::Id))
                    .col(uuid(StaffRole::OrganisationId))
                    .col(uuid(StaffRole::StaffId))
                    .col(string_len(StaffRole::Role, 40))
                    // The subtree a senior manager's role covers; none for
                    // organisation-wide roles.
                    .col(uuid_null(StaffRole::OrgUnitId))
                    .foreign_key(&mut tenant_fk(StaffRole::Table))
                    .foreign_key(&mut fk(
                        (StaffRole::Table, StaffRole::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_staff_role_staff")
                    .table(StaffRole::Table)
                    .col(StaffRole::OrganisationId)
                    .col(StaffRole::StaffId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Allocation::Table)
                    .col(pk_uuid(Allocation::Id))
                    .col(uuid(Allocation::OrganisationId))
                    .col(uuid(Allocation::StaffId))
                    // line_manager | clinical_supervisor
                    .col(string_len(Allocation::Relationship, 40))
                    .col(uuid(Allocation::AllocatedToId))
                    .col(date(Allocation::EffectiveFrom))
                    .col(date_null(Allocation::EffectiveTo))
                    .foreign_key(&mut tenant_fk(Allocation::Table))
                    .foreign_key(&mut fk(
                        (Allocation::Table, Allocation::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Allocation::Table, Allocation::AllocatedToId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, col) in [
            ("ix_allocation_staff", Allocation::StaffId),
            ("ix_allocation_allocated_to", Allocation::AllocatedToId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Allocation::Table)
                        .col(Allocation::OrganisationId)
                        .col(col)
                        .col(Allocation::Relationship)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Allocation::Table.into_iden(),
            StaffRole::Table.into_iden(),
            Staff::Table.into_iden(),
            OrgUnit::Table.into_iden(),
            Organisation::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
