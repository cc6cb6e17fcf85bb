//! A booked supervision session (F9.3): when and where, whom it is with
//! (`session_booking_attendee`), how far its invitations have gone
//! (`sequence`), and how it ended.

use sea_orm::entity::prelude::*;
use supervision_shared::booking::{BookingStatus, CalledOffBy};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "session_booking")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organisation_id: Uuid,
    /// The supervisor who booked it.
    pub organiser_id: Uuid,
    /// The day on the organisation's clock (a record held that day is this
    /// session).
    pub starts_on: Date,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    #[sea_orm(column_type = "Text", nullable)]
    pub place: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub video_link: Option<String>,
    /// The iCalendar SEQUENCE of the last invitation sent: 0 when booked,
    /// one more for each move and for the cancellation.
    pub sequence: i32,
    pub status: BookingStatus,
    pub called_off_by: Option<CalledOffBy>,
    pub called_off_at: Option<DateTimeUtc>,
    /// The booking that replaced it, when it was rearranged.
    pub rearranged_as: Option<Uuid>,
    /// The record written for it.
    pub supervision_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
