//! Requests to redact a section (F7.4: "a senior manager can redact a
//! sensitive section on request (recorded decision)"): the supervisee or
//! the recorder asks, with a reason; a senior manager in scope approves
//! (the redaction is made, linked here) or declines, with a note either way.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RedactionRequest {
    Table,
    Id,
    OrganisationId,
    SupervisionId,
    Section,
    Reason,
    RequestedBy,
    RequestedAt,
    /// pending | approved | declined
    Status,
    DecidedBy,
    DecidedAt,
    DecisionNote,
    /// The redaction made when approved.
    RedactionId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(RedactionRequest::Table)
                    .col(pk_uuid(RedactionRequest::Id))
                    .col(uuid(RedactionRequest::OrganisationId))
                    .col(uuid(RedactionRequest::SupervisionId))
                    .col(string_len(RedactionRequest::Section, 40))
                    .col(text(RedactionRequest::Reason))
                    .col(uuid(RedactionRequest::RequestedBy))
                    .col(timestamp_with_time_zone(RedactionRequest::RequestedAt))
                    .col(string_len(RedactionRequest::Status, 20))
                    .col(uuid_null(RedactionRequest::DecidedBy))
                    .col(timestamp_with_time_zone_null(RedactionRequest::DecidedAt))
                    .col(text_null(RedactionRequest::DecisionNote))
                    .col(uuid_null(RedactionRequest::RedactionId))
                    .foreign_key(&mut tenant_fk(RedactionRequest::Table))
                    .foreign_key(&mut fk(
                        (RedactionRequest::Table, RedactionRequest::RequestedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_redaction_request_status")
                    .table(RedactionRequest::Table)
                    .col(RedactionRequest::OrganisationId)
                    .col(RedactionRequest::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_redaction_request_supervision")
                    .table(RedactionRequest::Table)
                    .col(RedactionRequest::OrganisationId)
                    .col(RedactionRequest::SupervisionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RedactionRequest::Table).to_owned())
            .await
    }
}
