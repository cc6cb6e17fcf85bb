//! A policy rule as the API shows it (F5.1, F5.8).

use async_graphql::{Context, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::policy::{PolicyScopeKind, PolicySetting};
use uuid::Uuid;

use crate::entity::policy_rule;
use crate::graphql::context::ContextExt;
use crate::graphql::object::staff::{StaffSummary, load_card};

/// One rule of the organisation's supervision policy, with who it applies
/// to in words.
#[derive(Debug, Clone)]
pub struct PolicyRuleView(pub policy_rule::Model, pub String);

impl PolicyRuleView {
    /// Views of rules, each scope named in words: two queries whatever the
    /// number of rules (units' names, people's cards).
    pub async fn of(
        db: &impl sea_orm::ConnectionTrait,
        organisation_id: Uuid,
        rules: Vec<policy_rule::Model>,
    ) -> crate::error::AppResult<Vec<Self>> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

        use crate::entity::org_unit;
        let ids_of = |kind: PolicyScopeKind| -> Vec<Uuid> {
            rules
                .iter()
                .filter(|r| r.scope_kind == kind)
                .filter_map(|r| r.scope_value.parse().ok())
                .collect()
        };
        let units: std::collections::HashMap<Uuid, String> = org_unit::Entity::find()
            .filter(org_unit::Column::OrganisationId.eq(organisation_id))
            .filter(org_unit::Column::Id.is_in(ids_of(PolicyScopeKind::OrgUnit)))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        let people =
            crate::service::directory::cards(db, organisation_id, &ids_of(PolicyScopeKind::Person))
                .await?;
        Ok(rules
            .into_iter()
            .map(|rule| {
                let id = rule.scope_value.parse::<Uuid>().ok();
                let label = match rule.scope_kind {
                    PolicyScopeKind::Organisation => "Everyone in the organisation".to_owned(),
                    PolicyScopeKind::OrgUnit => id
                        .and_then(|id| units.get(&id).cloned())
                        .unwrap_or_else(|| "A unit no longer in the directory".to_owned()),
                    PolicyScopeKind::Person => id
                        .and_then(|id| people.get(&id))
                        .map(|c| format!("{} ({})", c.name, c.job_title))
                        .unwrap_or_else(|| "Someone no longer in the directory".to_owned()),
                    PolicyScopeKind::Role => supervision_shared::Role::parse(&rule.scope_value)
                        .map(|r| format!("Everyone with the role {}", r.label()))
                        .unwrap_or_else(|_| rule.scope_value.clone()),
                    PolicyScopeKind::Profession => format!("Profession: {}", rule.scope_value),
                };
                Self(rule, label)
            })
            .collect())
    }
}

#[Object(name = "PolicyRule")]
impl PolicyRuleView {
    /// Rule id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// Whom it is for.
    async fn scope_kind(&self) -> PolicyScopeKind {
        self.0.scope_kind
    }

    /// The unit, for a unit's rule.
    async fn unit_id(&self) -> Option<Uuid> {
        (self.0.scope_kind == PolicyScopeKind::OrgUnit)
            .then(|| self.0.scope_value.parse().ok())
            .flatten()
    }

    /// The profession, for a profession's rule.
    async fn profession(&self) -> Option<&str> {
        (self.0.scope_kind == PolicyScopeKind::Profession).then_some(self.0.scope_value.as_str())
    }

    /// The role, for a role's rule.
    async fn role(&self) -> Option<supervision_shared::Role> {
        (self.0.scope_kind == PolicyScopeKind::Role)
            .then(|| supervision_shared::Role::parse(&self.0.scope_value).ok())
            .flatten()
    }

    /// The person, for one person's rule.
    async fn staff_id(&self) -> Option<Uuid> {
        (self.0.scope_kind == PolicyScopeKind::Person)
            .then(|| self.0.scope_value.parse().ok())
            .flatten()
    }

    /// Who it applies to, in words (a unit's or person's name).
    async fn scope_label(&self) -> &str {
        &self.1
    }

    /// What it sets.
    async fn setting(&self) -> PolicySetting {
        self.0.setting
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

    /// The head of service who approved it.
    async fn approved_by(&self, ctx: &Context<'_>) -> Result<Option<StaffSummary>> {
        match self.0.approved_by {
            Some(id) => Ok(Some(load_card(ctx, id).await?)),
            None => Ok(None),
        }
    }

    /// Less frequent than the organisation's default and not yet approved:
    /// until it is, the default applies.
    async fn awaiting_approval(&self, ctx: &Context<'_>) -> Result<bool> {
        Ok(crate::service::compliance::policy::awaits_approval(ctx.db()?, &self.0).await?)
    }
}
