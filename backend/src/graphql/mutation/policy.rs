//! Setting and approving policy rules (F5.1, F5.8).

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::policy::PolicyRuleView;
use crate::service::compliance::policy::{self, ProposedRule};
use crate::service::compliance::schedule;
use supervision_shared::schedule::SchedulePlan;

/// Mutations of policy.
#[derive(Debug, Default)]
pub struct PolicyMutation;

#[Object(guard = "SignedIn")]
impl PolicyMutation {
    /// Proposes a rule; a frequency less often than the organisation's
    /// default waits for a head of service's approval.
    async fn propose_policy_rule(
        &self,
        ctx: &Context<'_>,
        input: ProposedRule,
    ) -> Result<PolicyRuleView> {
        let (db, viewer) = (ctx.db()?, ctx.viewer()?);
        let rule = policy::propose(db, viewer, input).await?;
        one_view(db, viewer.organisation_id, rule).await
    }

    /// A head of service approves a less frequent rule for their service.
    async fn approve_policy_rule(&self, ctx: &Context<'_>, id: Uuid) -> Result<PolicyRuleView> {
        let (db, viewer) = (ctx.db()?, ctx.viewer()?);
        let rule = policy::approve(db, viewer, id).await?;
        one_view(db, viewer.organisation_id, rule).await
    }

    /// Writes one of my organisation's schedules (newly qualified or
    /// induction) as its policy words it, from a date; days before it keep
    /// the wording they had. System administrators; audited.
    async fn set_schedule(&self, ctx: &Context<'_>, plan: SchedulePlan) -> Result<SchedulePlan> {
        Ok(schedule::set(ctx.db()?, ctx.viewer()?, plan).await?)
    }
}

async fn one_view(
    db: &sea_orm::DatabaseConnection,
    organisation_id: Uuid,
    rule: crate::entity::policy_rule::Model,
) -> Result<PolicyRuleView> {
    PolicyRuleView::of(db, organisation_id, vec![rule])
        .await?
        .pop()
        .ok_or_else(|| crate::error::AppError::NotFound.into())
}
