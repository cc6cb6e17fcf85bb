//! Booked sessions as the API shows them (F9.3): only to their organiser
//! and supervisees (`access::booking_access`), and figures per unit.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::booking::{BookingStatus, CalledOffBy};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::access::BookingAccess;
use crate::service::booking::{self, Booking, figures::Cancellations};

/// A booked supervision session.
#[derive(Debug, Clone)]
pub struct SessionBooking(pub Booking);

#[Object]
impl SessionBooking {
    /// Its id.
    async fn id(&self) -> Uuid {
        self.0.row.id
    }

    /// The supervisor who booked it.
    async fn organiser(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.row.organiser_id).await
    }

    /// Its supervisees.
    async fn supervisees(&self, ctx: &Context<'_>) -> Result<Vec<StaffSummary>> {
        let mut people = Vec::with_capacity(self.0.supervisee_ids.len());
        for &id in &self.0.supervisee_ids {
            people.push(load_card(ctx, id).await?);
        }
        Ok(people)
    }

    /// When it starts.
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.row.starts_at
    }

    /// When it ends.
    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.row.ends_at
    }

    /// The day, on the organisation's clock.
    async fn starts_on(&self) -> NaiveDate {
        self.0.row.starts_on
    }

    /// When, in words on the organisation's clock: "Monday 29 March 2027,
    /// 10:00 to 11:00".
    async fn when(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(booking::local_words(
            ctx.viewer()?.time_zone,
            self.0.row.starts_at,
            self.0.row.ends_at,
        ))
    }

    /// The time it starts on the organisation's clock, "10:00".
    async fn start_time(&self, ctx: &Context<'_>) -> Result<String> {
        Ok(self
            .0
            .row
            .starts_at
            .with_timezone(&ctx.viewer()?.time_zone)
            .format("%H:%M")
            .to_string())
    }

    /// How long it is booked for.
    async fn duration_minutes(&self) -> i64 {
        (self.0.row.ends_at - self.0.row.starts_at).num_minutes()
    }

    /// Where.
    async fn place(&self) -> Option<&str> {
        self.0.row.place.as_deref()
    }

    /// The video call's link.
    async fn video_link(&self) -> Option<&str> {
        self.0.row.video_link.as_deref()
    }

    /// Whether it has ended (a booked one that has is waiting to be
    /// recorded, or to be said not to have happened).
    async fn has_passed(&self) -> bool {
        self.0.row.ends_at <= Utc::now()
    }

    /// Where it stands.
    async fn status(&self) -> BookingStatus {
        self.0.row.status
    }

    /// Who called it off, if it was.
    async fn called_off_by(&self) -> Option<CalledOffBy> {
        self.0.row.called_off_by
    }

    /// The session booked in its place, if it was rearranged.
    async fn rearranged_as(&self) -> Option<Uuid> {
        self.0.row.rearranged_as
    }

    /// The record written for it (opening it is subject to the record's
    /// own rules).
    async fn supervision_id(&self) -> Option<Uuid> {
        self.0.row.supervision_id
    }

    /// Whether I booked it, and so may move it or call it off.
    async fn organised_by_me(&self) -> bool {
        self.0.access == BookingAccess::Organiser
    }
}

/// How booked sessions ended for a unit's whole subtree, in the year to the
/// day judged (a group session once per supervisee).
#[derive(Debug, Clone, SimpleObject)]
pub struct CancellationFigures {
    /// Unit id.
    pub unit_id: Uuid,
    /// Unit name.
    pub name: String,
    /// Sessions booked for a day in the year.
    pub booked: u32,
    /// Of those, recorded.
    pub held: u32,
    /// Called off, beforehand or after they passed.
    pub called_off: u32,
    /// Of those called off, rearranged.
    pub rearranged: u32,
    /// Called off, per cent of those booked (none with none booked).
    pub called_off_percent: Option<f64>,
}

impl CancellationFigures {
    /// Sums the units of a subtree.
    pub fn of_subtree(
        unit_id: Uuid,
        name: String,
        subtree: &std::collections::HashSet<Uuid>,
        by_unit: &std::collections::HashMap<Uuid, Cancellations>,
    ) -> Self {
        let sum = subtree
            .iter()
            .filter_map(|u| by_unit.get(u))
            .fold(Cancellations::default(), |total, unit| total + *unit);
        Self {
            unit_id,
            name,
            booked: sum.booked,
            held: sum.held,
            called_off: sum.called_off,
            rearranged: sum.rearranged,
            called_off_percent: (sum.booked > 0).then(|| {
                (f64::from(sum.called_off) * 1000.0 / f64::from(sum.booked)).round() / 10.0
            }),
        }
    }
}
