//! Cases discussed in supervision, as the API shows them (F3.7).

use async_graphql::{Context, Object, Result};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::entity::case_discussion;
use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::case::CaseStanding;

/// One case as discussed in one supervision.
#[derive(Debug, Clone)]
pub struct CaseDiscussion(pub case_discussion::Model);

#[Object]
impl CaseDiscussion {
    /// The pseudonymous case reference.
    async fn reference(&self) -> &str {
        &self.0.reference
    }

    /// What the case is about now.
    async fn summary(&self) -> &str {
        &self.0.summary
    }

    /// Analysis.
    async fn analysis(&self) -> &str {
        &self.0.analysis
    }

    /// The decision reached.
    async fn decision(&self) -> &str {
        &self.0.decision
    }

    /// Actions for the case.
    async fn actions(&self) -> &str {
        &self.0.actions
    }

    /// Closed or transferred at this discussion.
    async fn closed(&self) -> bool {
        self.0.closed
    }

    /// The worker whose case it is (none on group records saved before
    /// it was asked).
    async fn worker(&self, ctx: &Context<'_>) -> Result<Option<StaffSummary>> {
        match self.0.worker_id {
            Some(id) => load_card(ctx, id).await.map(Some),
            None => Ok(None),
        }
    }
}

/// Where a worker's case stands: when it was last discussed and whether
/// it is overdue for discussion.
#[derive(Debug, Clone)]
pub struct CaseForDiscussion(pub CaseStanding);

#[Object]
impl CaseForDiscussion {
    /// The pseudonymous case reference.
    async fn reference(&self) -> &str {
        &self.0.reference
    }

    /// The worker whose case it is.
    async fn worker(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.worker_id).await
    }

    /// The record of its last discussion.
    async fn last_supervision_id(&self) -> Uuid {
        self.0.last_supervision_id
    }

    /// When it was last discussed.
    async fn last_discussed(&self) -> NaiveDate {
        self.0.last_discussed
    }

    /// When the next discussion is due (none once closed).
    async fn next_due(&self) -> Option<NaiveDate> {
        self.0.next_due
    }

    /// Open and not discussed within the interval.
    async fn overdue(&self) -> bool {
        self.0.overdue
    }

    /// Closed or transferred at the last discussion.
    async fn closed(&self) -> bool {
        self.0.closed
    }
}
