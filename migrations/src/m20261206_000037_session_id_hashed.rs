//! Sessions are now kept under a hash of their id (the cookie's value), not
//! the id itself. Rows from before hold plain ids, which a copy of the
//! database would hand to anyone; they are removed, and the people they
//! belonged to sign in again (single sign-on makes that one click).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DELETE FROM session")
            .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Nothing to put back: the sessions removed cannot be restored.
        Ok(())
    }
}
