//! Booked sessions (F9.3, issue 18): the next supervision in everyone's
//! calendar. A booking keeps its organiser, its supervisees, when and where,
//! the iCalendar SEQUENCE its invitations have reached, and how it ended:
//! recorded, cancelled, or passed without happening, with who called it
//! off. The outbox learns to carry a calendar invitation with a message.

use sea_orm_migration::{prelude::*, schema::*};

use crate::{fk, tenant_fk};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SessionBooking {
    Table,
    Id,
    OrganisationId,
    OrganiserId,
    StartsOn,
    StartsAt,
    EndsAt,
    Place,
    VideoLink,
    Sequence,
    Status,
    CalledOffBy,
    CalledOffAt,
    RearrangedAs,
    SupervisionId,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SessionBookingAttendee {
    Table,
    Id,
    OrganisationId,
    BookingId,
    StaffId,
}

#[derive(DeriveIden)]
enum OutboxMessage {
    Table,
    CalendarMethod,
    Calendar,
}

#[derive(DeriveIden)]
enum Staff {
    Table,
    Id,
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
                    .table(SessionBooking::Table)
                    .col(pk_uuid(SessionBooking::Id))
                    .col(uuid(SessionBooking::OrganisationId))
                    .col(uuid(SessionBooking::OrganiserId))
                    .col(date(SessionBooking::StartsOn))
                    .col(timestamp_with_time_zone(SessionBooking::StartsAt))
                    .col(timestamp_with_time_zone(SessionBooking::EndsAt))
                    .col(text_null(SessionBooking::Place))
                    .col(text_null(SessionBooking::VideoLink))
                    .col(integer(SessionBooking::Sequence))
                    .col(text(SessionBooking::Status))
                    .col(text_null(SessionBooking::CalledOffBy))
                    .col(timestamp_with_time_zone_null(SessionBooking::CalledOffAt))
                    .col(uuid_null(SessionBooking::RearrangedAs))
                    .col(uuid_null(SessionBooking::SupervisionId))
                    .col(timestamp_with_time_zone(SessionBooking::CreatedAt))
                    .col(timestamp_with_time_zone(SessionBooking::UpdatedAt))
                    .foreign_key(&mut tenant_fk(SessionBooking::Table))
                    .foreign_key(&mut fk(
                        (SessionBooking::Table, SessionBooking::OrganiserId),
                        (Staff::Table, Staff::Id),
                    ))
                    .foreign_key(&mut fk(
                        (SessionBooking::Table, SessionBooking::SupervisionId),
                        (Supervision::Table, Supervision::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_session_booking_organiser")
                    .table(SessionBooking::Table)
                    .col(SessionBooking::OrganisationId)
                    .col(SessionBooking::OrganiserId)
                    .col(SessionBooking::StartsAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_session_booking_starts")
                    .table(SessionBooking::Table)
                    .col(SessionBooking::OrganisationId)
                    .col(SessionBooking::StartsOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SessionBookingAttendee::Table)
                    .col(pk_uuid(SessionBookingAttendee::Id))
                    .col(uuid(SessionBookingAttendee::OrganisationId))
                    .col(uuid(SessionBookingAttendee::BookingId))
                    .col(uuid(SessionBookingAttendee::StaffId))
                    .foreign_key(&mut tenant_fk(SessionBookingAttendee::Table))
                    .foreign_key(&mut fk(
                        (
                            SessionBookingAttendee::Table,
                            SessionBookingAttendee::BookingId,
                        ),
                        (SessionBooking::Table, SessionBooking::Id),
                    ))
                    .foreign_key(&mut fk(
                        (
                            SessionBookingAttendee::Table,
                            SessionBookingAttendee::StaffId,
                        ),
                        (Staff::Table, Staff::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_session_booking_attendee")
                    .table(SessionBookingAttendee::Table)
                    .col(SessionBookingAttendee::BookingId)
                    .col(SessionBookingAttendee::StaffId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ix_session_booking_attendee_staff")
                    .table(SessionBookingAttendee::Table)
                    .col(SessionBookingAttendee::OrganisationId)
                    .col(SessionBookingAttendee::StaffId)
                    .to_owned(),
            )
            .await?;
        // One column a statement: SQLite adds them one at a time.
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .add_column(text_null(OutboxMessage::CalendarMethod))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .add_column(text_null(OutboxMessage::Calendar))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .drop_column(OutboxMessage::Calendar)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(OutboxMessage::Table)
                    .drop_column(OutboxMessage::CalendarMethod)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(SessionBookingAttendee::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(SessionBooking::Table).to_owned())
            .await
    }
}
