//! Booked sessions (F9.3).

use async_graphql::{Context, Object, Result};
use chrono::NaiveDate;
use supervision_shared::compliance::end_of_month;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::booking::{CancellationFigures, SessionBooking};
use crate::service::booking;

/// Queries about booked sessions.
#[derive(Debug, Default)]
pub struct BookingQuery;

#[Object(guard = "SignedIn")]
impl BookingQuery {
    /// Sessions still to come that I booked or am on, soonest first.
    async fn upcoming_sessions(&self, ctx: &Context<'_>) -> Result<Vec<SessionBooking>> {
        Ok(booking::upcoming(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(SessionBooking)
            .collect())
    }

    /// Sessions I booked that have passed with no record and no word on
    /// whether they happened: did they?
    async fn sessions_awaiting_outcome(&self, ctx: &Context<'_>) -> Result<Vec<SessionBooking>> {
        Ok(booking::awaiting_outcome(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(SessionBooking)
            .collect())
    }

    /// One booked session, for its organiser and supervisees (NOT_FOUND
    /// for anyone else).
    async fn session_booking(&self, ctx: &Context<'_>, id: Uuid) -> Result<SessionBooking> {
        Ok(SessionBooking(
            booking::find(ctx.db()?, ctx.viewer()?, id).await?,
        ))
    }

    /// How booked sessions ended, for a unit and each of its children, in
    /// the year to a date (default: the end of this month). Units outside my
    /// scope are not found.
    async fn session_cancellations(
        &self,
        ctx: &Context<'_>,
        unit_id: Uuid,
        as_at: Option<NaiveDate>,
    ) -> Result<Vec<CancellationFigures>> {
        let db = ctx.db()?;
        let viewer = ctx.viewer()?;
        let as_at = as_at.unwrap_or_else(|| end_of_month(viewer.today()));
        let _turn = ctx.heavy_reports()?.turn().await?;
        let (unit, children) = crate::service::access::unit_in_scope(db, viewer, unit_id, as_at)
            .await?
            .top_and_children();
        let by_unit = booking::figures::by_unit(db, viewer.organisation_id, as_at).await?;
        Ok(std::iter::once(unit)
            .chain(children)
            .map(|u| CancellationFigures::of_subtree(u.unit.id, u.unit.name, &u.subtree, &by_unit))
            .collect())
    }
}
