//! Each organisation's sign-in settings: the identity provider tenant its
//! people sign in from (Entra ID's `tid`) and the email domains that are
//! its own. On a deployment several organisations share, a sign-in counts
//! only for the organisation whose settings admit it; an organisation with
//! neither admits any (one organisation per deployment, as before).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    IdentityTenant,
    EmailDomains,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisation::Table)
                    .add_column(string_len_null(Organisation::IdentityTenant, 255))
                    .to_owned(),
            )
            .await?;
        // Comma-separated, lower case, e.g. "nhs.net,northfield.nhs.uk".
        manager
            .alter_table(
                Table::alter()
                    .table(Organisation::Table)
                    .add_column(string_len_null(Organisation::EmailDomains, 1000))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Organisation::EmailDomains, Organisation::IdentityTenant] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organisation::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
