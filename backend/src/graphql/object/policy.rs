//! A policy rule as the API shows it (F5.1, F5.8).

use async_graphql::{Context, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::policy::PolicySetting;
use uuid::Uuid;

use crate::entity::policy_rule;
use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::graphql::object::staff::{StaffSummary, load_card};

/// One rule of the organisation's supervision policy.
#[derive(Debug, Clone)]
pub struct PolicyRuleView(pub policy_rule::Model);

#[Object(name = "PolicyRule")]
impl PolicyRuleView {
    /// Rule id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// organisation, org_unit, profession, role or person.
    async fn scope_kind(&self) -> &str {
        &self.0.scope_kind
    }

    /// The unit id, profession, role code or person id.
    async fn scope_value(&self) -> &str {
        &self.0.scope_value
    }

    /// What it sets.
    async fn setting(&self) -> Result<PolicySetting> {
        PolicySetting::parse(&self.0.setting).map_err(|e| AppError::Internal(e.into()).into())
    }

    /// Days.
    async fn days(&self) -> i32 {
        self.0.days
    }

    /// First day in force.
    async fn effective_from(&self) -> NaiveDate {
        self.0.effective_from
    }

    /// Last day in force.
    async fn effective_to(&self) -> Option<NaiveDate> {
        self.0.effective_to
    }

    /// Why.
    async fn reason(&self) -> &str {
        &self.0.reason
    }

    /// Who proposed it (none for the seeded defaults).
    async fn created_by(&self, ctx: &Context<'_>) -> Result<Option<StaffSummary>> {
        match self.0.created_by {
            Some(id) => Ok(Some(load_card(ctx, id).await?)),
            None => Ok(None),
        }
    }

    /// When a head of service approved it.
    async fn approved_at(&self) -> Option<DateTime<Utc>> {
        self.0.approved_at
    }

    /// Less frequent than the organisation's default and not yet approved:
    /// until it is, the default applies.
    async fn awaiting_approval(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(crate::service::policy::awaits_approval(ctx.db()?, &self.0).await?)
    }
}
