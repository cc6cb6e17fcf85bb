//! Observations of supervisors' practice as the API shows them (F8.3).
//! Only the supervisor, those who oversee them and the observer are ever
//! given one (`access::observation`); reports get counts.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::entity::practice_observation;
use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::quality::observation;

/// An observation of a supervisor's practice in supervision.
#[derive(Debug, Clone)]
pub struct PracticeObservation(pub practice_observation::Model);

#[Object]
impl PracticeObservation {
    /// Its id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// Whose practice was observed.
    async fn supervisor(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.supervisor_id).await
    }

    /// Who observed it (and signed it by recording it).
    async fn observer(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.observer_id).await
    }

    /// The day of the session observed.
    async fn observed_on(&self) -> NaiveDate {
        self.0.observed_on
    }

    /// What they did well.
    async fn strengths(&self) -> &str {
        &self.0.strengths
    }

    /// What they could develop.
    async fn development_points(&self) -> &str {
        &self.0.development_points
    }

    /// When the observer signed it.
    async fn observer_signed_at(&self) -> DateTime<Utc> {
        self.0.observer_signed_at
    }

    /// When the supervisor signed it; none while it waits for them. It
    /// counts only once both have signed.
    async fn supervisor_signed_at(&self) -> Option<DateTime<Utc>> {
        self.0.supervisor_signed_at
    }

    /// What the supervisor added when they signed.
    async fn supervisor_comment(&self) -> &str {
        &self.0.supervisor_comment
    }
}

/// Where a supervisor stands for observation of their practice today.
#[derive(Debug, Clone, SimpleObject)]
pub struct ObservationStanding {
    /// The first day they supervised anyone.
    pub supervising_since: NaiveDate,
    /// The day of the last observation both signed.
    pub last_observed_on: Option<NaiveDate>,
    /// When the next is due: a year after the last, or after they began
    /// supervising.
    pub due_on: NaiveDate,
    /// Past that day.
    pub overdue: bool,
}

impl From<observation::ObservationStanding> for ObservationStanding {
    fn from(s: observation::ObservationStanding) -> Self {
        Self {
            supervising_since: s.supervising_since,
            last_observed_on: s.last_observed_on,
            due_on: s.due_on,
            overdue: s.overdue,
        }
    }
}

/// Observation of practice for a unit's whole subtree (F8.3): counts only.
#[derive(Debug, Clone, SimpleObject)]
pub struct ObservationFigures {
    /// Unit id.
    pub unit_id: Uuid,
    /// Unit name.
    pub name: String,
    /// Its people who supervise someone.
    pub supervisors: u32,
    /// Of those, observed within the year (or new to supervising and not
    /// yet due).
    pub in_date: u32,
    /// The rest: overdue.
    pub overdue: u32,
}

impl ObservationFigures {
    /// Sums the units of a subtree.
    pub fn of_subtree(
        unit_id: Uuid,
        name: String,
        subtree: &std::collections::HashSet<Uuid>,
        by_unit: &std::collections::HashMap<Uuid, (u32, u32)>,
    ) -> Self {
        let (supervisors, in_date) = crate::graphql::object::report::sum_subtree(subtree, by_unit);
        Self {
            unit_id,
            name,
            supervisors,
            in_date,
            overdue: supervisors.saturating_sub(in_date),
        }
    }
}
