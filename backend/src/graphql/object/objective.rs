//! Appraisal (PDR) objectives as the API shows them (F8.4): only to the
//! person and their supervisors today (`access::sees_objectives_of`).

use async_graphql::{Context, Object, Result};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::entity::appraisal_objective;
use crate::graphql::object::staff::{StaffSummary, load_card};

/// An objective from a person's appraisal.
#[derive(Debug, Clone)]
pub struct AppraisalObjective(pub appraisal_objective::Model);

#[Object]
impl AppraisalObjective {
    /// Its id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// Whose objective it is.
    async fn staff(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.staff_id).await
    }

    /// What they aim to do.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// By when, if the appraisal set a day.
    async fn due_on(&self) -> Option<NaiveDate> {
        self.0.due_on
    }

    /// The day it was marked met; none while open.
    async fn achieved_on(&self) -> Option<NaiveDate> {
        self.0.achieved_on
    }
}
