//! Supervision records (F3), who attended and how each validated (F4), and
//! the actions agreed (F3.6).

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Supervision {
    Table,
    Id,
    OrganisationId,
    Kind,
    Approach,
    HeldOn,
    RecordedAt,
    DurationMinutes,
    Mode,
    Location,
    ExternalSupervisor,
    RecordedBy,
    Experience,
    Reflection,
    Analysis,
    ActionPlan,
    Notes,
    Functions,
}

#[derive(DeriveIden)]
enum SupervisionAttendee {
    Table,
    Id,
    OrganisationId,
    SupervisionId,
    SuperviseeId,
    ValidationState,
    ValidatedAt,
    SuperviseeComment,
    PersonalNotes,
}

#[derive(DeriveIden)]
enum SupervisionAction {
    Table,
    Id,
    OrganisationId,
    SupervisionId,
    Description,
    OwnerId,
    DueOn,
    Status,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Supervision::Table)
                    .col(pk_uuid(Supervision::Id))
                    .col(uuid(Supervision::OrganisationId))
                    .col(string_len(Supervision::Kind, 40))
                    .col(string_len_null(Supervision::Approach, 40))
                    .col(date(Supervision::HeldOn))
                    .col(timestamp_with_time_zone(Supervision::RecordedAt))
                    .col(integer(Supervision::DurationMinutes))
                    .col(string_len(Supervision::Mode, 20))
                    .col(string_len(Supervision::Location, 200).default(""))
                    .col(string_len_null(Supervision::ExternalSupervisor, 200))
                    .col(uuid(Supervision::RecordedBy))
                    .col(text(Supervision::Experience))
                    .col(text(Supervision::Reflection))
                    .col(text(Supervision::Analysis))
                    .col(text(Supervision::ActionPlan))
                    .col(text(Supervision::Notes))
                    // Comma-separated functions covered, e.g. "managerial,supportive".
                    .col(string_len(Supervision::Functions, 100))
                    .foreign_key(&mut tenant_fk(Supervision::Table))
                    .foreign_key(&mut fk(
                        (Supervision::Table, Supervision::RecordedBy),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_supervision_recorded_by")
                    .table(Supervision::Table)
                    .col(Supervision::OrganisationId)
                    .col(Supervision::RecordedBy)
                    .col(Supervision::HeldOn)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SupervisionAttendee::Table)
                    .col(pk_uuid(SupervisionAttendee::Id))
                    .col(uuid(SupervisionAttendee::OrganisationId))
                    .col(uuid(SupervisionAttendee::SupervisionId))
                    .col(uuid(SupervisionAttendee::SuperviseeId))
                    // awaiting | agreed | disagreed
                    .col(string_len(SupervisionAttendee::ValidationState, 20))
                    .col(timestamp_with_time_zone_null(
                        SupervisionAttendee::ValidatedAt,
                    ))
                    .col(text_null(SupervisionAttendee::SuperviseeComment))
                    .col(text_null(SupervisionAttendee::PersonalNotes))
                    .foreign_key(&mut tenant_fk(SupervisionAttendee::Table))
                    .foreign_key(&mut fk(
                        (
                            SupervisionAttendee::Table,
                            SupervisionAttendee::SupervisionId,
                        ),
                        (Supervision::Table, Supervision::Id),
                    ))
                    .foreign_key(&mut fk(
                        (
                            SupervisionAttendee::Table,
                            SupervisionAttendee::SuperviseeId,
                        ),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_attendee_supervision_supervisee")
                    .table(SupervisionAttendee::Table)
                    .unique()
                    .col(SupervisionAttendee::SupervisionId)
                    .col(SupervisionAttendee::SuperviseeId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_attendee_supervisee")
                    .table(SupervisionAttendee::Table)
                    .col(SupervisionAttendee::OrganisationId)
                    .col(SupervisionAttendee::SuperviseeId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SupervisionAction::Table)
                    .col(pk_uuid(SupervisionAction::Id))
                    .col(uuid(SupervisionAction::OrganisationId))
                    .col(uuid(SupervisionAction::SupervisionId))
                    .col(string_len(SupervisionAction::Description, 1000))
                    .col(uuid(SupervisionAction::OwnerId))
                    .col(date_null(SupervisionAction::DueOn))
                    // open | done | dropped
                    .col(string_len(SupervisionAction::Status, 20))
                    .foreign_key(&mut tenant_fk(SupervisionAction::Table))
                    .foreign_key(&mut fk(
                        (SupervisionAction::Table, SupervisionAction::SupervisionId),
                        (Supervision::Table, Supervision::Id),
                    ))
                    .foreign_key(&mut fk(
                        (SupervisionAction::Table, SupervisionAction::OwnerId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            (
                "ix_action_supervision",
                vec![
                    SupervisionAction::OrganisationId,
                    SupervisionAction::SupervisionId,
                ],
            ),
            (
                "ix_action_owner",
                vec![
                    SupervisionAction::OrganisationId,
                    SupervisionAction::OwnerId,
                    SupervisionAction::Status,
                ],
            ),
        ] {
            let mut index = Index::create()
                .name(name)
                .table(SupervisionAction::Table)
                .to_owned();
            for col in cols {
                index.col(col);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SupervisionAction::Table.into_iden(),
            SupervisionAttendee::Table.into_iden(),
            Supervision::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
