//! A wellbeing check or action plan as the API shows it (F3.9). Only the
//! person and their supervisor are ever given one (`access::wellbeing`).

use async_graphql::{Context, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::wellbeing::{WellbeingKind, review_due};
use uuid::Uuid;

use crate::entity::wellbeing_plan;
use crate::graphql::context::ContextExt;
use crate::graphql::object::staff::{StaffSummary, load_card};

/// A wellbeing check or action plan.
#[derive(Debug, Clone)]
pub struct WellbeingPlan(pub wellbeing_plan::Model);

#[Object]
impl WellbeingPlan {
    /// Its id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// Whose it is.
    async fn staff(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.staff_id).await
    }

    /// A check or an action plan.
    async fn kind(&self) -> WellbeingKind {
        self.0.kind
    }

    /// How they are, or what the plan is for.
    async fn summary(&self) -> &str {
        &self.0.summary
    }

    /// What was agreed.
    async fn actions(&self) -> &str {
        &self.0.actions
    }

    /// When it is reviewed.
    async fn review_by(&self) -> NaiveDate {
        self.0.review_by
    }

    /// The review is due (within two weeks, or past).
    async fn review_due(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(self.0.closed_on.is_none() && review_due(self.0.review_by, ctx.viewer()?.today()))
    }

    /// Who wrote it first.
    async fn created_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.created_by).await
    }

    /// When it last changed.
    async fn updated_at(&self) -> DateTime<Utc> {
        self.0.updated_at
    }

    /// Who last changed it.
    async fn updated_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.updated_by).await
    }

    /// No longer needed, from this day.
    async fn closed_on(&self) -> Option<NaiveDate> {
        self.0.closed_on
    }
}
