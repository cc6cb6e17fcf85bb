//! The audit chain is keyed (issue 19): an entry written while the
//! deployment holds an audit key is sealed with an HMAC under that key, kept
//! outside the database, and names the key it was sealed with. Someone who can
//! drop the append-only triggers could re-hash a plain SHA-256 chain after
//! editing it; without the key they cannot forge a keyed one. Entries written
//! before the key came in keep their plain hashes (NULL here): the first
//! keyed entry carries the last plain hash, so they are sealed too.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    KeyId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEvent::Table)
                    .add_column(string_null(AuditEvent::KeyId))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AuditEvent::Table)
                    .drop_column(AuditEvent::KeyId)
                    .to_owned(),
            )
            .await
    }
}
