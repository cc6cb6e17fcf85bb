//! Policy as data (F5.1, F5.8): required frequencies for the organisation,
//! overridden per org unit, profession, role or person, each with the
//! dates it is in force, and the approval a less frequent one needs.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PolicyRule {
    Table,
    Id,
    OrganisationId,
    /// organisation | org_unit | profession | role | person
    ScopeKind,
    /// The unit id, profession, role code or person id ('' for organisation).
    ScopeValue,
    /// clinical | management | case | backstop | due_soon
    Setting,
    Days,
    EffectiveFrom,
    EffectiveTo,
    Reason,
    CreatedBy,
    CreatedAt,
    ApprovedBy,
    ApprovedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PolicyRule::Table)
                    .col(pk_uuid(PolicyRule::Id))
                    .col(uuid(PolicyRule::OrganisationId))
                    .col(string_len(PolicyRule::ScopeKind, 16))
                    .col(string_len(PolicyRule::ScopeValue, 100))
                    .col(string_len(PolicyRule::Setting, 16))
                    .col(integer(PolicyRule::Days))
                    .col(date(PolicyRule::EffectiveFrom))
                    .col(date_null(PolicyRule::EffectiveTo))
                    .col(text(PolicyRule::Reason))
                    .col(uuid_null(PolicyRule::CreatedBy))
                    .col(timestamp_with_time_zone(PolicyRule::CreatedAt))
                    .col(uuid_null(PolicyRule::ApprovedBy))
                    .col(timestamp_with_time_zone_null(PolicyRule::ApprovedAt))
                    .foreign_key(&mut tenant_fk(PolicyRule::Table))
                    .foreign_key(&mut fk(
                        (PolicyRule::Table, PolicyRule::CreatedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        (PolicyRule::Table, PolicyRule::ApprovedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_policy_rule_organisation")
                    .table(PolicyRule::Table)
                    .col(PolicyRule::OrganisationId)
                    .col(PolicyRule::Setting)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PolicyRule::Table).to_owned())
            .await
    }
}
