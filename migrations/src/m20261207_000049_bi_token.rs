//! Service accounts for the organisation's BI tools (F9.5, issue 18): a
//! read-only token, kept only as a hash, that reaches the compliance of the
//! units it names (and everything below them) until its expiry or until a
//! system administrator revokes it.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BiToken {
    Table,
    Id,
    OrganisationId,
    Label,
    TokenHash,
    CreatedBy,
    CreatedAt,
    ExpiresOn,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum BiTokenUnit {
    Table,
    Id,
    OrganisationId,
    TokenId,
    OrgUnitId,
}

#[derive(DeriveIden)]
enum OrgUnit {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BiToken::Table)
                    .col(pk_uuid(BiToken::Id))
                    .col(uuid(BiToken::OrganisationId))
                    .col(text(BiToken::Label))
                    .col(text(BiToken::TokenHash))
                    .col(uuid_null(BiToken::CreatedBy))
                    .col(timestamp_with_time_zone(BiToken::CreatedAt))
                    .col(date(BiToken::ExpiresOn))
                    .col(timestamp_with_time_zone_null(BiToken::LastUsedAt))
                    .col(timestamp_with_time_zone_null(BiToken::RevokedAt))
                    .foreign_key(&mut tenant_fk(BiToken::Table))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_bi_token_hash")
                    .table(BiToken::Table)
                    .col(BiToken::TokenHash)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BiTokenUnit::Table)
                    .col(pk_uuid(BiTokenUnit::Id))
                    .col(uuid(BiTokenUnit::OrganisationId))
                    .col(uuid(BiTokenUnit::TokenId))
                    .col(uuid(BiTokenUnit::OrgUnitId))
                    .foreign_key(&mut tenant_fk(BiTokenUnit::Table))
                    .foreign_key(&mut fk(
                        (BiTokenUnit::Table, BiTokenUnit::TokenId),
                        (BiToken::Table, BiToken::Id),
                    ))
                    .foreign_key(&mut fk(
                        (BiTokenUnit::Table, BiTokenUnit::OrgUnitId),
                        (OrgUnit::Table, OrgUnit::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_bi_token_unit")
                    .table(BiTokenUnit::Table)
                    .col(BiTokenUnit::TokenId)
                    .col(BiTokenUnit::OrgUnitId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BiTokenUnit::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(BiToken::Table).to_owned())
            .await
    }
}
