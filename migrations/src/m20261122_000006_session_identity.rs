//! Who a session belongs to, in columns, so that a provider's back-channel
//! logout can end every session of a person (`sub`) or of one provider
//! session (`sid`) without reading every session's data.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Session {
    Table,
    StaffId,
    OidcSub,
    OidcSid,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite adds one column at a time.
        for column in [
            uuid_null(Session::StaffId),
            string_len_null(Session::OidcSub, 255),
            string_len_null(Session::OidcSid, 255),
        ] {
            let mut column = column;
            manager
                .alter_table(
                    Table::alter()
                        .table(Session::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        for (name, column) in [
            ("ix_session_oidc_sub", Session::OidcSub),
            ("ix_session_oidc_sid", Session::OidcSid),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Session::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Session::OidcSid, Session::OidcSub, Session::StaffId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Session::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
