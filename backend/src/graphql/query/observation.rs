//! Observations of supervisors' practice (F8.3).

use async_graphql::{Context, Object, Result};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::observation::{
    ObservationFigures, ObservationStanding, PracticeObservation,
};
use crate::service::quality::observation;

/// Queries about observation of practice.
#[derive(Debug, Default)]
pub struct ObservationQuery;

#[Object(guard = "SignedIn")]
impl ObservationQuery {
    /// A supervisor's observations, newest first: for them and those who
    /// oversee them (an observer also reads what they wrote); NOT_FOUND
    /// for anyone else.
    async fn practice_observations(
        &self,
        ctx: &Context<'_>,
        supervisor_id: Uuid,
    ) -> Result<Vec<PracticeObservation>> {
        Ok(
            observation::of_supervisor(ctx.db()?, ctx.viewer()?, supervisor_id)
                .await?
                .into_iter()
                .map(PracticeObservation)
                .collect(),
        )
    }

    /// When a supervisor's next observation is due, for them and those who
    /// oversee them; none when they supervise nobody today.
    async fn observation_standing(
        &self,
        ctx: &Context<'_>,
        supervisor_id: Uuid,
    ) -> Result<Option<ObservationStanding>> {
        Ok(
            observation::standing(ctx.db()?, ctx.viewer()?, supervisor_id)
                .await?
                .map(ObservationStanding::from),
        )
    }

    /// Observations of my practice waiting for my signature.
    async fn observations_to_sign(&self, ctx: &Context<'_>) -> Result<Vec<PracticeObservation>> {
        Ok(observation::waiting_for_signature(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(PracticeObservation)
            .collect())
    }

    /// Observation of practice for a unit and each of its children, as at
    /// a day (default today): supervisors, in date and overdue. Units
    /// outside my scope are not found.
    async fn observation_figures(
        &self,
        ctx: &Context<'_>,
        unit_id: Uuid,
        as_at: Option<NaiveDate>,
    ) -> Result<Vec<ObservationFigures>> {
        let db = ctx.db()?;
        let viewer = ctx.viewer()?;
        let as_at = as_at.unwrap_or_else(|| viewer.today());
        let _turn = ctx.heavy_reports()?.turn().await?;
        let (unit, children) = crate::service::access::unit_in_scope(db, viewer, unit_id, as_at)
            .await?
            .top_and_children();
        let by_unit = observation::in_date_by_unit(db, viewer.organisation_id, as_at).await?;
        Ok(std::iter::once(unit)
            .chain(children)
            .map(|u| ObservationFigures::of_subtree(u.unit.id, u.unit.name, &u.subtree, &by_unit))
            .collect())
    }
}
