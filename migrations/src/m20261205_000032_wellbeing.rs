//! Wellbeing checks and action plans kept with the person (F3.9), seen by
//! them and their supervisor only.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum WellbeingPlan {
    Table,
    Id,
    OrganisationId,
    StaffId,
    Kind,
    Summary,
    Actions,
    ReviewBy,
    CreatedBy,
    CreatedAt,
    UpdatedBy,
    UpdatedAt,
    ClosedOn,
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
                    .table(WellbeingPlan::Table)
                    .col(pk_uuid(WellbeingPlan::Id))
                    .col(uuid(WellbeingPlan::OrganisationId))
                    .col(uuid(WellbeingPlan::StaffId))
                    // check | action_plan
                    .col(string_len(WellbeingPlan::Kind, 40))
                    .col(text(WellbeingPlan::Summary))
                    .col(text(WellbeingPlan::Actions))
                    .col(date(WellbeingPlan::ReviewBy))
                    .col(uuid(WellbeingPlan::CreatedBy))
                    .col(timestamp_with_time_zone(WellbeingPlan::CreatedAt))
                    .col(uuid(WellbeingPlan::UpdatedBy))
                    .col(timestamp_with_time_zone(WellbeingPlan::UpdatedAt))
                    .col(date_null(WellbeingPlan::ClosedOn))
                    .foreign_key(&mut tenant_fk(WellbeingPlan::Table))
                    .foreign_key(&mut fk(
                        (WellbeingPlan::Table, WellbeingPlan::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_wellbeing_plan_staff")
                    .table(WellbeingPlan::Table)
                    .col(WellbeingPlan::OrganisationId)
                    .col(WellbeingPlan::StaffId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(WellbeingPlan::Table).to_owned())
            .await
    }
}
