//! People as the API shows them.

use async_graphql::{Context, SimpleObject};
use chrono::NaiveDate;
use uuid::Uuid;

use crate::error::AppError;
use crate::graphql::loader::{Batched, StaffCardLoader};
use crate::service::directory::StaffCard;

/// A member of staff as shown in lists and pickers.
#[derive(Debug, Clone, SimpleObject)]
pub struct StaffSummary {
    /// Staff id.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Job title.
    pub job_title: String,
    /// The team they belong to.
    pub team_name: String,
}

impl From<StaffCard> for StaffSummary {
    fn from(card: StaffCard) -> Self {
        Self {
            id: card.id,
            name: card.name,
            job_title: card.job_title,
            team_name: card.team_name,
        }
    }
}

/// Loads one person's card through the request's batch loader.
pub async fn load_card(ctx: &Context<'_>, id: Uuid) -> async_graphql::Result<StaffSummary> {
    let loader = ctx.data::<Batched<StaffCardLoader>>()?;
    loader
        .load_one(id)
        .await
        .map_err(|e| (*e).clone())?
        .map(StaffSummary::from)
        .ok_or_else(|| AppError::NotFound.into())
}

/// Someone allocated to the viewer, for "My supervisees" (F5.5).
#[derive(Debug, Clone, SimpleObject)]
pub struct Supervisee {
    /// Who they are.
    pub staff: StaffSummary,
    /// How they are allocated to the viewer, e.g. "Clinical supervisor".
    pub relationship: String,
    /// The same, as a value (to start an agreement for it).
    pub kind: crate::graphql::object::allocation::AllocationKind,
    /// Where their supervision agreement with the viewer stands (F6.2).
    pub agreement: supervision_shared::agreement::AgreementStanding,
    /// A wellbeing check or action plan of theirs is due for review (F3.9):
    /// all a list shows of it.
    pub wellbeing_review_due: bool,
    /// Their last formal supervision of the kind this relationship provides.
    pub last_formal_supervision: Option<NaiveDate>,
    /// Where they stand for the kind this relationship provides.
    pub status: Option<supervision_shared::ComplianceStatus>,
    /// When that kind is next due.
    pub next_due: Option<NaiveDate>,
    /// Where they stand per kind, as at the end of this month.
    pub standings: Vec<crate::graphql::object::compliance::ComplianceStanding>,
    /// When observation of their own practice as a supervisor is next due
    /// (F8.3): only on their line manager's line, and only when they
    /// supervise anyone today.
    pub practice_observation: Option<crate::graphql::object::observation::ObservationStanding>,
    /// The next session I have booked with them (F9.3), if any.
    pub next_booked: Option<chrono::DateTime<chrono::Utc>>,
}

/// Someone with no line manager or no clinical supervisor today, in the HR
/// administrator's queue.
#[derive(Debug, Clone, SimpleObject)]
pub struct UnallocatedPerson {
    /// Who they are.
    pub staff: StaffSummary,
    /// Their first day.
    pub start_date: NaiveDate,
    /// No line manager today.
    pub no_line_manager: bool,
    /// No clinical supervisor today.
    pub no_clinical_supervisor: bool,
}

/// The queue of people no one is named to supervise.
#[derive(Debug, Clone, SimpleObject)]
pub struct UnallocatedStaff {
    /// How many are in it.
    pub total: u64,
    /// The newest starters first.
    pub people: Vec<UnallocatedPerson>,
}

impl From<crate::service::directory::UnallocatedPage> for UnallocatedStaff {
    fn from(page: crate::service::directory::UnallocatedPage) -> Self {
        Self {
            total: page.total,
            people: page
                .people
                .into_iter()
                .map(|p| UnallocatedPerson {
                    staff: StaffSummary::from(p.card),
                    start_date: p.start_date,
                    no_line_manager: p.no_line_manager,
                    no_clinical_supervisor: p.no_clinical_supervisor,
                })
                .collect(),
        }
    }
}
