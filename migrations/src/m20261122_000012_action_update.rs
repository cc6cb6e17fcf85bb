//! The history of an action after its session (F3.6): each completion,
//! re-dating or dropping, by whom and when.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ActionUpdate {
    Table,
    Id,
    OrganisationId,
    ActionId,
    ChangedBy,
    ChangedAt,
    /// The status before and after.
    FromStatus,
    ToStatus,
    /// The due date before and after.
    FromDueOn,
    ToDueOn,
    Note,
}

#[derive(DeriveIden)]
enum SupervisionAction {
    Table,
    Id,
    OrganisationId,
    OwnerId,
    Status,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ActionUpdate::Table)
                    .col(pk_uuid(ActionUpdate::Id))
                    .col(uuid(ActionUpdate::OrganisationId))
                    .col(uuid(ActionUpdate::ActionId))
                    .col(uuid(ActionUpdate::ChangedBy))
                    .col(timestamp_with_time_zone(ActionUpdate::ChangedAt))
                    .col(string_len(ActionUpdate::FromStatus, 16))
                    .col(string_len(ActionUpdate::ToStatus, 16))
                    .col(date_null(ActionUpdate::FromDueOn))
                    .col(date_null(ActionUpdate::ToDueOn))
                    .col(text(ActionUpdate::Note))
                    .foreign_key(&mut tenant_fk(ActionUpdate::Table))
                    .foreign_key(&mut fk(
                        (ActionUpdate::Table, ActionUpdate::ActionId),
                        (SupervisionAction::Table, SupervisionAction::Id),
                    ))
                    .foreign_key(&mut fk(
                        (ActionUpdate::Table, ActionUpdate::ChangedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_action_update_action")
                    .table(ActionUpdate::Table)
                    .col(ActionUpdate::OrganisationId)
                    .col(ActionUpdate::ActionId)
                    .to_owned(),
            )
            .await?;
        // Open actions by owner: carried forward and overdue lists.
        manager
            .create_index(
                Index::create()
                    .name("ix_action_owner_status")
                    .table(SupervisionAction::Table)
                    .col(SupervisionAction::OrganisationId)
                    .col(SupervisionAction::OwnerId)
                    .col(SupervisionAction::Status)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_action_owner_status")
                    .table(SupervisionAction::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(ActionUpdate::Table).to_owned())
            .await
    }
}
