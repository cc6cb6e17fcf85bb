//! Formal attendance (F5.3, F5.6): one row for each supervisee of each
//! record that counts towards their required frequency, with the day it
//! was held and the category it counts for. It is derived from the records
//! (kept in step in the same transaction as every change to them) so a
//! compliance report reads a narrow, indexed table rather than joining
//! every record to its attendees: at a large trust that is the difference
//! between seconds and milliseconds.

use sea_orm_migration::{prelude::*, schema::*};

use crate::m20261122_000001_directory::Staff;
use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FormalAttendance {
    Table,
    OrganisationId,
    SupervisionId,
    SuperviseeId,
    /// clinical | management | case
    Category,
    HeldOn,
}

#[derive(DeriveIden)]
enum SupervisionAttendee {
    Table,
    OrganisationId,
    SupervisionId,
    SuperviseeId,
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
                    .table(FormalAttendance::Table)
                    .col(uuid(FormalAttendance::OrganisationId))
                    .col(uuid(FormalAttendance::SupervisionId))
                    .col(uuid(FormalAttendance::SuperviseeId))
                    .col(string_len(FormalAttendance::Category, 16))
                    .col(date(FormalAttendance::HeldOn))
                    .primary_key(
                        Index::create()
                            .col(FormalAttendance::SupervisionId)
                            .col(FormalAttendance::SuperviseeId),
                    )
                    .foreign_key(&mut tenant_fk(FormalAttendance::Table))
                    .foreign_key(
                        fk(
                            (FormalAttendance::Table, FormalAttendance::SupervisionId),
                            (Supervision::Table, Supervision::Id),
                        )
                        // Derived rows go with their record.
                        .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(&mut fk(
                        (FormalAttendance::Table, FormalAttendance::SuperviseeId),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // Everyone's last session in a window of days (organisation-wide
        // figures and the trend).
        manager
            .create_index(
                Index::create()
                    .name("ix_formal_attendance_held")
                    .table(FormalAttendance::Table)
                    .col(FormalAttendance::OrganisationId)
                    .col(FormalAttendance::HeldOn)
                    .col(FormalAttendance::SuperviseeId)
                    .col(FormalAttendance::Category)
                    .to_owned(),
            )
            .await?;
        // A few people's last sessions, however long ago (teams, my
        // supervisees, a person's own page).
        manager
            .create_index(
                Index::create()
                    .name("ix_formal_attendance_person")
                    .table(FormalAttendance::Table)
                    .col(FormalAttendance::OrganisationId)
                    .col(FormalAttendance::SuperviseeId)
                    .col(FormalAttendance::Category)
                    .col(FormalAttendance::HeldOn)
                    .to_owned(),
            )
            .await?;
        // A record's attendees within its organisation. With only the
        // (organisation, supervisee) index, SQLite answered "this record's
        // attendees in this organisation" by walking the organisation's
        // every attendance: seconds per record at a large trust.
        manager
            .create_index(
                Index::create()
                    .name("ix_attendee_record")
                    .table(SupervisionAttendee::Table)
                    .col(SupervisionAttendee::OrganisationId)
                    .col(SupervisionAttendee::SupervisionId)
                    .col(SupervisionAttendee::SuperviseeId)
                    .to_owned(),
            )
            .await?;
        // Records saved before this table existed. The kind codes are as
        // they were when this migration was written: clinical kinds, the
        // management kinds and case supervision count; wellbeing support
        // never does; a removed record counts for nothing.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO formal_attendance \
                   (organisation_id, supervision_id, supervisee_id, category, held_on) \
                 SELECT s.organisation_id, s.id, a.supervisee_id, \
                   CASE WHEN s.kind IN ('clinical_one_to_one', 'clinical_group', 'clinical_external') \
                          THEN 'clinical' \
                        WHEN s.kind IN ('line_management', 'performance_management') \
                          THEN 'management' \
                        ELSE 'case' END, \
                   s.held_on \
                 FROM supervision s \
                 JOIN supervision_attendee a ON a.supervision_id = s.id \
                 WHERE s.removed_at IS NULL \
                   AND s.kind IN ('clinical_one_to_one', 'clinical_group', 'clinical_external', \
                                  'line_management', 'performance_management', 'case_supervision') \
                   AND (s.approach IS NULL OR s.approach <> 'wellbeing_support')",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_attendee_record")
                    .table(SupervisionAttendee::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(FormalAttendance::Table).to_owned())
            .await
    }
}
