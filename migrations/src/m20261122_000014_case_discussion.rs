//! Cases discussed in supervision (F3.7): one row per case per record,
//! named by a pseudonymous reference only.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CaseDiscussion {
    Table,
    Id,
    OrganisationId,
    SupervisionId,
    Reference,
    Summary,
    Analysis,
    Decision,
    Actions,
    Closed,
}

#[derive(DeriveIden)]
enum Supervision {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CaseDiscussion::Table)
                    .col(pk_uuid(CaseDiscussion::Id))
                    .col(uuid(CaseDiscussion::OrganisationId))
                    .col(uuid(CaseDiscussion::SupervisionId))
                    .col(string_len(CaseDiscussion::Reference, 40))
                    .col(text(CaseDiscussion::Summary))
                    .col(text(CaseDiscussion::Analysis))
                    .col(text(CaseDiscussion::Decision))
                    .col(text(CaseDiscussion::Actions))
                    .col(boolean(CaseDiscussion::Closed).default(false))
                    .foreign_key(&mut tenant_fk(CaseDiscussion::Table))
                    .foreign_key(&mut fk(
                        (CaseDiscussion::Table, CaseDiscussion::SupervisionId),
                        (Supervision::Table, Supervision::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_case_discussion_supervision")
                    .table(CaseDiscussion::Table)
                    .col(CaseDiscussion::OrganisationId)
                    .col(CaseDiscussion::SupervisionId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_case_discussion_reference")
                    .table(CaseDiscussion::Table)
                    .col(CaseDiscussion::OrganisationId)
                    .col(CaseDiscussion::Reference)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CaseDiscussion::Table).to_owned())
            .await
    }
}
