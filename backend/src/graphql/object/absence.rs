//! Extended absences as the API shows them (F6.2): dates only.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::entity::staff_absence;
use crate::graphql::object::staff::{StaffSummary, load_card};

/// An absence of four weeks or more.
#[derive(Debug, Clone)]
pub struct StaffAbsence(pub staff_absence::Model);

#[Object]
impl StaffAbsence {
    /// Its id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// The first day away.
    async fn starts_on(&self) -> NaiveDate {
        self.0.starts_on
    }

    /// The first day back (planned, when in the future).
    async fn back_on(&self) -> NaiveDate {
        self.0.back_on
    }

    /// Who recorded it.
    async fn recorded_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.recorded_by).await
    }

    /// When.
    async fn recorded_at(&self) -> DateTime<Utc> {
        self.0.recorded_at
    }
}

/// A person's extended absences, and what the viewer may do.
#[derive(Debug, Clone, SimpleObject)]
pub struct StaffAbsences {
    /// Latest first.
    pub absences: Vec<StaffAbsence>,
    /// The viewer records and removes them (their supervisor, management
    /// chain or HR; not the person themselves).
    pub viewer_may_record: bool,
}
