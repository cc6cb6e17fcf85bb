//! Provisioning from the identity provider over SCIM 2.0 (F2.2, F2.4):
//! each organisation's bearer tokens, kept only as hashes; the identity
//! provider's own id for each person it manages and the day it removed
//! them; its groups, whose members hold the role a group's name stands for;
//! and which role grants a group made, so that leaving the group ends
//! exactly those.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ScimToken {
    Table,
    Id,
    OrganisationId,
    Label,
    TokenHash,
    CreatedBy,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum ScimUser {
    Table,
    StaffId,
    OrganisationId,
    ExternalId,
    UserName,
    GivenName,
    FamilyName,
    CreatedAt,
    UpdatedAt,
    DeletedAt,
}

#[derive(DeriveIden)]
enum ScimGroup {
    Table,
    Id,
    OrganisationId,
    DisplayName,
    ExternalId,
    Role,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum ScimGroupMember {
    Table,
    GroupId,
    StaffId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum StaffRole {
    Table,
    ScimGroupId,
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
                    .table(ScimToken::Table)
                    .col(pk_uuid(ScimToken::Id))
                    .col(uuid(ScimToken::OrganisationId))
                    .col(string_len(ScimToken::Label, 200))
                    // SHA-256 of the token, hex: the token itself is shown
                    // once and never stored.
                    .col(string_len(ScimToken::TokenHash, 64).unique_key())
                    .col(uuid_null(ScimToken::CreatedBy))
                    .col(timestamp_with_time_zone(ScimToken::CreatedAt))
                    .col(timestamp_with_time_zone_null(ScimToken::LastUsedAt))
                    .col(timestamp_with_time_zone_null(ScimToken::RevokedAt))
                    .foreign_key(&mut tenant_fk(ScimToken::Table))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScimUser::Table)
                    .col(pk_uuid(ScimUser::StaffId))
                    .col(uuid(ScimUser::OrganisationId))
                    .col(string_len_null(ScimUser::ExternalId, 255))
                    // What the identity provider calls them (Entra ID: the
                    // user principal name), when it is not their email.
                    .col(string_len_null(ScimUser::UserName, 320))
                    // The name's parts as sent; the directory keeps the
                    // whole name only.
                    .col(string_len_null(ScimUser::GivenName, 200))
                    .col(string_len_null(ScimUser::FamilyName, 200))
                    .col(timestamp_with_time_zone(ScimUser::CreatedAt))
                    .col(timestamp_with_time_zone(ScimUser::UpdatedAt))
                    .col(timestamp_with_time_zone_null(ScimUser::DeletedAt))
                    .foreign_key(&mut tenant_fk(ScimUser::Table))
                    .foreign_key(&mut fk(
                        (ScimUser::Table, ScimUser::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_scim_user_external_id")
                    .table(ScimUser::Table)
                    .col(ScimUser::OrganisationId)
                    .col(ScimUser::ExternalId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScimGroup::Table)
                    .col(pk_uuid(ScimGroup::Id))
                    .col(uuid(ScimGroup::OrganisationId))
                    .col(string_len(ScimGroup::DisplayName, 255))
                    .col(string_len_null(ScimGroup::ExternalId, 255))
                    // The role its members hold, from its name; none for a
                    // group that stands for no role.
                    .col(string_len_null(ScimGroup::Role, 40))
                    .col(timestamp_with_time_zone(ScimGroup::CreatedAt))
                    .col(timestamp_with_time_zone(ScimGroup::UpdatedAt))
                    .foreign_key(&mut tenant_fk(ScimGroup::Table))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_scim_group_name")
                    .table(ScimGroup::Table)
                    .col(ScimGroup::OrganisationId)
                    .col(ScimGroup::DisplayName)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ScimGroupMember::Table)
                    .col(uuid(ScimGroupMember::GroupId))
                    .col(uuid(ScimGroupMember::StaffId))
                    .col(uuid(ScimGroupMember::OrganisationId))
                    .primary_key(
                        Index::create()
                            .col(ScimGroupMember::GroupId)
                            .col(ScimGroupMember::StaffId),
                    )
                    .foreign_key(&mut tenant_fk(ScimGroupMember::Table))
                    .foreign_key(&mut fk(
                        (ScimGroupMember::Table, ScimGroupMember::GroupId),
                        (ScimGroup::Table, ScimGroup::Id),
                    ))
                    .foreign_key(&mut fk(
                        (ScimGroupMember::Table, ScimGroupMember::StaffId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(StaffRole::Table)
                    .add_column(uuid_null(StaffRole::ScimGroupId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(StaffRole::Table)
                    .drop_column(StaffRole::ScimGroupId)
                    .to_owned(),
            )
            .await?;
        for table in [
            ScimGroupMember::Table.into_iden(),
            ScimGroup::Table.into_iden(),
            ScimUser::Table.into_iden(),
            ScimToken::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
