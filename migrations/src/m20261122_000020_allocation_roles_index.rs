//! Who holds which allocation on a day, from the index alone: reports
//! derive supervisors' and line managers' roles for a whole trust at each
//! of twelve month-ends, and reading every allocation row for its dates
//! was most of that time.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Allocation {
    Table,
    OrganisationId,
    AllocatedToId,
    Relationship,
    EffectiveFrom,
    EffectiveTo,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("ix_allocation_holder_dates")
                    .table(Allocation::Table)
                    .col(Allocation::OrganisationId)
                    .col(Allocation::AllocatedToId)
                    .col(Allocation::Relationship)
                    .col(Allocation::EffectiveFrom)
                    .col(Allocation::EffectiveTo)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_allocation_holder_dates")
                    .table(Allocation::Table)
                    .to_owned(),
            )
            .await
    }
}
