//! Audit findings become actions (F8.1, issue 16): an action on an audited
//! record may be raised from an audit round rather than agreed in the
//! session. The round is named so the action says where it came from; NULL
//! for every action agreed in a session.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SupervisionAction {
    Table,
    AuditRoundId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SupervisionAction::Table)
                    .add_column(uuid_null(SupervisionAction::AuditRoundId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SupervisionAction::Table)
                    .drop_column(SupervisionAction::AuditRoundId)
                    .to_owned(),
            )
            .await
    }
}
