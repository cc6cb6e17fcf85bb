//! The unit tree over time (F2.1): units open and close on a day, and each
//! rename or move takes effect on a day, so that a report as at a past date
//! uses the tree as it was. A unit's row holds how it is now; each change
//! is kept with the value it replaced.

use sea_orm_migration::{prelude::*, schema::*};

use crate::tenant_fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OrgUnit {
    Table,
    OpenedOn,
    ClosedOn,
}

#[derive(DeriveIden)]
enum OrgUnitChange {
    Table,
    Id,
    OrganisationId,
    UnitId,
    EffectiveFrom,
    Attribute,
    Name,
    ParentId,
    PreviousName,
    PreviousParentId,
    MadeBy,
    MadeAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time. Units
        // made before have been open all along.
        for column in [OrgUnit::OpenedOn, OrgUnit::ClosedOn] {
            manager
                .alter_table(
                    Table::alter()
                        .table(OrgUnit::Table)
                        .add_column(date_null(column))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(OrgUnitChange::Table)
                    .col(pk_uuid(OrgUnitChange::Id))
                    .col(uuid(OrgUnitChange::OrganisationId))
                    .col(uuid(OrgUnitChange::UnitId))
                    .col(date(OrgUnitChange::EffectiveFrom))
                    // name | parent
                    .col(string_len(OrgUnitChange::Attribute, 20))
                    .col(string_len_null(OrgUnitChange::Name, 200))
                    .col(uuid_null(OrgUnitChange::ParentId))
                    .col(string_len_null(OrgUnitChange::PreviousName, 200))
                    .col(uuid_null(OrgUnitChange::PreviousParentId))
                    .col(uuid_null(OrgUnitChange::MadeBy))
                    .col(timestamp_with_time_zone(OrgUnitChange::MadeAt))
                    .foreign_key(&mut tenant_fk(OrgUnitChange::Table))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_org_unit_change_unit")
                    .table(OrgUnitChange::Table)
                    .col(OrgUnitChange::OrganisationId)
                    .col(OrgUnitChange::UnitId)
                    .col(OrgUnitChange::EffectiveFrom)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OrgUnitChange::Table).to_owned())
            .await?;
        for column in [OrgUnit::ClosedOn, OrgUnit::OpenedOn] {
            manager
                .alter_table(
                    Table::alter()
                        .table(OrgUnit::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
