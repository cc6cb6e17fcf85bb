//! The transactional email outbox (F4.1, F5.7): a message is written in the
//! same transaction as the change it announces, and a background worker
//! delivers it over SMTP, retrying with back-off until it is accepted.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    Id,
    OrganisationId,
    RecipientId,
    ToAddress,
    Subject,
    Body,
    /// Makes enqueueing idempotent: a reminder job run twice, or re-run after
    /// a crash half-way, finds its earlier message and adds nothing.
    DedupeKey,
    CreatedAt,
    NextAttemptAt,
    Attempts,
    LastError,
    /// A worker's lease on the message while it is being sent, so two
    /// workers (or a restarted one) never send it at the same time.
    ClaimedUntil,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OutboxMessage::Table)
                    .col(pk_uuid(OutboxMessage::Id))
                    .col(uuid(OutboxMessage::OrganisationId))
                    .col(uuid(OutboxMessage::RecipientId))
                    .col(text(OutboxMessage::ToAddress))
                    .col(text(OutboxMessage::Subject))
                    .col(text(OutboxMessage::Body))
                    .col(string_len_null(OutboxMessage::DedupeKey, 200))
                    .col(timestamp_with_time_zone(OutboxMessage::CreatedAt))
                    .col(timestamp_with_time_zone(OutboxMessage::NextAttemptAt))
                    .col(integer(OutboxMessage::Attempts).default(0))
                    .col(text_null(OutboxMessage::LastError))
                    .col(timestamp_with_time_zone_null(OutboxMessage::ClaimedUntil))
                    .col(timestamp_with_time_zone_null(OutboxMessage::SentAt))
                    .foreign_key(&mut tenant_fk(OutboxMessage::Table))
                    .foreign_key(&mut fk(
                        (OutboxMessage::Table, OutboxMessage::RecipientId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_outbox_dedupe")
                    .table(OutboxMessage::Table)
                    .col(OutboxMessage::OrganisationId)
                    .col(OutboxMessage::DedupeKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_outbox_due")
                    .table(OutboxMessage::Table)
                    .col(OutboxMessage::SentAt)
                    .col(OutboxMessage::NextAttemptAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(OutboxMessage::Table).to_owned())
            .await
    }
}
