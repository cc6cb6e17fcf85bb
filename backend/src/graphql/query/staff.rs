//! Staff search and "My supervisees".

use async_graphql::{Context, Object, Result};

use crate::graphql::context::ContextExt;
use crate::graphql::guard::{HoldsRole, SignedIn};
use crate::graphql::object::allocation::AllocationPeriod;
use crate::graphql::object::compliance::ComplianceStanding;
use crate::graphql::object::staff::{StaffSummary, Supervisee, UnallocatedStaff};
use crate::service::{directory, supervision};

/// Queries about people.
#[derive(Debug, Default)]
pub struct StaffQuery;

#[Object(guard = "SignedIn")]
impl StaffQuery {
    /// Current colleagues whose name matches, for the supervisee picker.
    async fn search_staff(
        &self,
        ctx: &Context<'_>,
        query: String,
        limit: Option<u32>,
    ) -> Result<Vec<StaffSummary>> {
        let found = directory::search(ctx.db()?, ctx.viewer()?, &query, limit).await?;
        Ok(found.into_iter().map(StaffSummary::from).collect())
    }

    /// Who has been the person's line manager and clinical supervisor, and
    /// when, newest first: for the person, HR, whoever holds one of their
    /// files and those who oversee them. Anyone else: NOT_FOUND.
    async fn staff_allocations(
        &self,
        ctx: &Context<'_>,
        staff_id: uuid::Uuid,
    ) -> Result<Vec<AllocationPeriod>> {
        Ok(
            crate::service::allocations::history(ctx.db()?, ctx.viewer()?, staff_id)
                .await?
                .into_iter()
                .map(AllocationPeriod)
                .collect(),
        )
    }

    /// My organisation's active staff with no line manager or no clinical
    /// supervisor today, newest starters first: nobody arranges their
    /// supervision until someone is named (HR administrators only).
    #[graphql(guard = "HoldsRole(supervision_shared::Role::HrAdmin)")]
    async fn unallocated_staff(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 100, validator(minimum = 1, maximum = 500))] first: u64,
    ) -> Result<UnallocatedStaff> {
        let viewer = ctx.viewer()?;
        Ok(
            directory::unallocated(ctx.db()?, viewer.organisation_id, viewer.today(), first)
                .await?
                .into(),
        )
    }

    /// Everyone allocated to me as clinical supervisee or line report, most
    /// urgent first, with their status per kind (F5.5).
    async fn my_supervisees(&self, ctx: &Context<'_>) -> Result<Vec<Supervisee>> {
        let today = ctx.viewer()?.today();
        let as_at = supervision_shared::compliance::end_of_month(today);
        let found = supervision::my_supervisees(ctx.db()?, ctx.viewer()?, today).await?;
        let viewer = ctx.viewer()?;
        let pairs: Vec<_> = found.iter().map(|s| (s.card.id, s.relationship)).collect();
        let agreements = crate::service::agreement::standing::standings(
            ctx.db()?,
            viewer.organisation_id,
            viewer.staff_id,
            &pairs,
            today,
        )
        .await?;
        let ids: Vec<uuid::Uuid> = found.iter().map(|s| s.card.id).collect();
        let wellbeing_due =
            crate::service::wellbeing::reviews_due(ctx.db()?, viewer.organisation_id, &ids, today)
                .await?;
        // A line manager oversees their reports, so sees when observation
        // of a report's own practice is due; a clinical supervisor does not.
        let line_reports: Vec<uuid::Uuid> = found
            .iter()
            .filter(|s| s.relationship == crate::service::directory::Relationship::LineManager)
            .map(|s| s.card.id)
            .collect();
        let observations = crate::service::quality::observation::standings(
            ctx.db()?,
            viewer.organisation_id,
            &line_reports,
            today,
        )
        .await?;
        let next_booked =
            crate::service::booking::next_booked_with(ctx.db()?, viewer, &ids).await?;
        Ok(found
            .into_iter()
            .map(|s| {
                let own = s
                    .standings
                    .iter()
                    .find(|c| c.category == s.relationship.category())
                    .copied();
                let agreement = agreements
                    .get(&(s.card.id, s.relationship))
                    .copied()
                    .unwrap_or(supervision_shared::agreement::AgreementStanding::NewNeeded);
                let practice_observation = (s.relationship
                    == crate::service::directory::Relationship::LineManager)
                    .then(|| observations.get(&s.card.id).copied())
                    .flatten()
                    .map(Into::into);
                Supervisee {
                    practice_observation,
                    next_booked: next_booked.get(&s.card.id).copied(),
                    kind: s.relationship.into(),
                    agreement,
                    wellbeing_review_due: wellbeing_due.contains(&s.card.id),
                    staff: s.card.into(),
                    relationship: s.relationship.label().to_owned(),
                    last_formal_supervision: s.last_formal,
                    status: own.map(|c| c.status),
                    next_due: own.and_then(|c| c.next_due),
                    standings: s
                        .standings
                        .into_iter()
                        .map(|c| ComplianceStanding::new(c, as_at, today))
                        .collect(),
                }
            })
            .collect())
    }
}
