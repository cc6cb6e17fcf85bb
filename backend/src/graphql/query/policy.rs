//! The organisation's supervision policy (F5.1, F5.8).

use async_graphql::{Context, Object, Result};
use supervision_shared::Role;

use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::policy::PolicyRuleView;
use crate::service::policy;

/// Queries about policy.
#[derive(Debug, Default)]
pub struct PolicyQuery;

#[Object(guard = "SignedIn")]
impl PolicyQuery {
    /// Every rule of my organisation's policy (senior managers and system
    /// administrators).
    async fn policy_rules(&self, ctx: &Context<'_>) -> Result<Vec<PolicyRuleView>> {
        let viewer = ctx.viewer()?;
        if !(viewer.has_role(Role::SeniorManager) || viewer.has_role(Role::SystemAdmin)) {
            return Err(AppError::Forbidden.into());
        }
        let db = ctx.db()?;
        let rules = policy::rules_of(db, viewer.organisation_id).await?;
        Ok(PolicyRuleView::of(db, viewer.organisation_id, rules).await?)
    }
}
