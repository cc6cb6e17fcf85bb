//! Booking, moving and calling off sessions (F9.3).

use async_graphql::{Context, Object, Result};
use supervision_shared::booking::{BookingDraft, CalledOffBy, SessionTime};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::booking::SessionBooking;
use crate::service::booking;

/// Mutations of booked sessions.
#[derive(Debug, Default)]
pub struct BookingMutation;

#[Object(guard = "SignedIn")]
impl BookingMutation {
    /// Books a session with one or more colleagues; each of them and I are
    /// emailed a calendar invitation. Audited.
    async fn book_session(&self, ctx: &Context<'_>, input: BookingDraft) -> Result<SessionBooking> {
        Ok(SessionBooking(
            booking::book(ctx.db()?, ctx.viewer()?, ctx.links()?, &input).await?,
        ))
    }

    /// Moves a session I booked to another time or place; everyone is sent
    /// the update. CONFLICT once it was recorded or called off. Audited.
    async fn move_session(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        time: SessionTime,
    ) -> Result<SessionBooking> {
        Ok(SessionBooking(
            booking::move_to(ctx.db()?, ctx.viewer()?, ctx.links()?, id, &time).await?,
        ))
    }

    /// Calls off a session I booked, saying who did: before it starts,
    /// everyone is sent a cancellation; after, it is recorded as not having
    /// happened. With `rearrangeTo`, a new session is booked for the same
    /// people and returned; else the one called off. Audited.
    async fn call_off_session(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        called_off_by: CalledOffBy,
        rearrange_to: Option<SessionTime>,
    ) -> Result<SessionBooking> {
        Ok(SessionBooking(
            booking::call_off(
                ctx.db()?,
                ctx.viewer()?,
                ctx.links()?,
                id,
                called_off_by,
                rearrange_to.as_ref(),
            )
            .await?,
        ))
    }
}
