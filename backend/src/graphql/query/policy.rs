//! The organisation's supervision policy (F5.1, F5.8).

use async_graphql::{Context, Object, Result};
use supervision_shared::Role;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::graphql::object::policy::PolicyRuleView;
use crate::service::compliance::{policy, schedule};
use supervision_shared::schedule::SchedulePlan;

/// Queries about policy.
#[derive(Debug, Default)]
pub struct PolicyQuery;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl PolicyQuery {
    /// Every rule of my organisation's policy (senior managers and system
    /// administrators).
    #[graphql(guard = "HoldsRole(Role::SeniorManager).or(HoldsRole(Role::SystemAdmin))")]
    async fn policy_rules(&self, ctx: &Context<'_>) -> Result<Vec<PolicyRuleView>> {
        let viewer = ctx.viewer()?;
        let db = ctx.db()?;
        let rules = policy::rules_of(db, viewer.organisation_id).await?;
        Ok(PolicyRuleView::of(db, viewer.organisation_id, rules).await?)
    }

    /// Every wording of my organisation's newly qualified and induction
    /// schedules (F5.2), each from the day it is in force (senior managers
    /// and system administrators).
    #[graphql(guard = "HoldsRole(Role::SeniorManager).or(HoldsRole(Role::SystemAdmin))")]
    async fn schedules(&self, ctx: &Context<'_>) -> Result<Vec<SchedulePlan>> {
        let viewer = ctx.viewer()?;
        Ok(schedule::plans_of(ctx.db()?, viewer.organisation_id).await?)
    }
}
