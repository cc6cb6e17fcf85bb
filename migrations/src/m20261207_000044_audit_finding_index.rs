//! A round's page lists the findings it raised (`supervision_action` by
//! `audit_round_id`): an index, so that stays quick in an organisation with
//! hundreds of thousands of actions.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupervisionAction {
    Table,
    AuditRoundId,
}

const NAME: &str = "idx_supervision_action_audit_round";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(NAME)
                    .table(SupervisionAction::Table)
                    .col(SupervisionAction::AuditRoundId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name(NAME)
                    .table(SupervisionAction::Table)
                    .to_owned(),
            )
            .await
    }
}
