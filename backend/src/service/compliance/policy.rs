//! Policy as data (F5.1, F5.8): an organisation's rules, read from the
//! database and resolved for a person by the pure rule in `shared`;
//! proposing a rule, and a head of service approving a less frequent one.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use supervision_shared::policy::{
    PersonFacts, PolicyRule, PolicyScope, PolicySetting, needs_approval, policy_for,
};
use supervision_shared::{FieldError, Policy, Role};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{policy_rule, staff};
use crate::error::{AppError, AppResult};
use crate::service::access::{in_senior_manager_scope, senior_manager_scope};
use crate::service::audit::{self, AuditEntry};

/// The policies' defaults, as rules an organisation starts with: clinical
/// every 8 weeks, management every 4 weeks, case discussion every 3 months,
/// a two-month back-stop, due soon two weeks ahead.
pub fn default_rules(organisation_id: Uuid, from: NaiveDate) -> Vec<policy_rule::Model> {
    let defaults = Policy::default();
    [
        (PolicySetting::Clinical, defaults.clinical_days),
        (PolicySetting::Management, defaults.management_days),
        (PolicySetting::Case, defaults.case_days),
        (PolicySetting::Backstop, defaults.backstop_days),
        (PolicySetting::DueSoon, defaults.due_soon_days),
    ]
    .into_iter()
    .map(|(setting, days)| policy_rule::Model {
        id: Uuid::now_v7(),
        organisation_id,
        scope_kind: "organisation".into(),
        scope_value: String::new(),
        setting,
        days: i32::try_from(days).unwrap_or(i32::MAX),
        effective_from: from,
        effective_to: None,
        reason: "The policies' defaults".into(),
        created_by: None,
        created_at: Utc::now(),
        approved_by: None,
        approved_at: None,
    })
    .collect()
}

fn scope_of(row: &policy_rule::Model) -> Option<PolicyScope> {
    Some(match row.scope_kind.as_str() {
        "organisation" => PolicyScope::Organisation,
        "org_unit" => PolicyScope::OrgUnit(row.scope_value.parse().ok()?),
        "profession" => PolicyScope::Profession(row.scope_value.clone()),
        "role" => PolicyScope::Role(Role::parse(&row.scope_value).ok()?),
        "person" => PolicyScope::Person(row.scope_value.parse().ok()?),
        _ => return None,
    })
}

/// A stored row as the pure rule reads it.
pub fn as_rule(row: &policy_rule::Model) -> Option<PolicyRule> {
    Some(PolicyRule {
        scope: scope_of(row)?,
        setting: row.setting,
        days: u32::try_from(row.days).ok()?,
        effective_from: row.effective_from,
        effective_to: row.effective_to,
        approved: row.approved_at.is_some(),
    })
}

/// Every rule of an organisation.
pub async fn rules_of(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
) -> AppResult<Vec<policy_rule::Model>> {
    Ok(policy_rule::Entity::find()
        .filter(policy_rule::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(policy_rule::Column::Setting)
        .order_by_asc(policy_rule::Column::EffectiveFrom)
        .all(db)
        .await?)
}

/// The policy that applies to one person on a day.
pub async fn policy_of(
    db: &impl ConnectionTrait,
    person: &staff::Model,
    roles: Vec<Role>,
    day: NaiveDate,
) -> AppResult<Policy> {
    let rules: Vec<PolicyRule> = rules_of(db, person.organisation_id)
        .await?
        .iter()
        .filter_map(as_rule)
        .collect();
    let parents =
        crate::service::units::ancestry(db, person.organisation_id, &[person.org_unit_id]).await?;
    let facts = PersonFacts {
        staff_id: person.id,
        unit_chain: crate::service::units::unit_chain(&parents, person.org_unit_id),
        profession: person.profession.clone(),
        roles,
    };
    Ok(policy_for(&rules, &facts, day))
}

/// A rule as proposed.
#[derive(Debug, Clone, async_graphql::InputObject)]
#[graphql(name = "PolicyRuleInput")]
pub struct ProposedRule {
    /// organisation, org_unit, profession, role or person.
    pub scope_kind: String,
    /// The unit id, profession, role code or person id (empty for the
    /// organisation).
    #[graphql(default)]
    pub scope_value: String,
    /// What it sets.
    pub setting: PolicySetting,
    /// Days.
    pub days: i32,
    /// First day in force.
    pub effective_from: NaiveDate,
    /// Last day in force, if it ends.
    pub effective_to: Option<NaiveDate>,
    /// Why (shown to whoever approves it).
    pub reason: String,
}

/// Proposes a rule. System administrators set any rule; senior managers
/// set rules for units and people within their scope. A frequency less
/// often than the organisation's default waits for a head of service's
/// approval; anything else is in force from its start date.
pub async fn propose(
    db: &DatabaseConnection,
    viewer: &Viewer,
    input: ProposedRule,
) -> AppResult<policy_rule::Model> {
    let mut errors = Vec::new();
    if !(1..=366).contains(&input.days) {
        errors.push(FieldError::new(
            "days",
            "Give a number of days from 1 to 366.",
        ));
    }
    if input
        .effective_to
        .is_some_and(|to| to < input.effective_from)
    {
        errors.push(FieldError::new(
            "effectiveTo",
            "The end is before the start.",
        ));
    }
    if input.reason.trim().is_empty() {
        errors.push(FieldError::new(
            "reason",
            "Say why: whoever approves it reads this.",
        ));
    }
    let organisation_wide = matches!(
        input.setting,
        PolicySetting::Backstop | PolicySetting::DueSoon
    );
    if organisation_wide && input.scope_kind != "organisation" {
        errors.push(FieldError::new(
            "setting",
            "The back-stop and the due-soon window are set for the whole organisation.",
        ));
    }
    let row = policy_rule::Model {
        id: Uuid::now_v7(),
        organisation_id: viewer.organisation_id,
        scope_kind: input.scope_kind.clone(),
        scope_value: input.scope_value.trim().to_owned(),
        setting: input.setting,
        days: input.days,
        effective_from: input.effective_from,
        effective_to: input.effective_to,
        reason: input.reason.trim().to_owned(),
        created_by: Some(viewer.staff_id),
        created_at: Utc::now(),
        approved_by: None,
        approved_at: None,
    };
    let Some(scope) = scope_of(&row) else {
        errors.push(FieldError::new(
            "scopeValue",
            "Name the unit, profession, role or person the rule is for.",
        ));
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    may_set(db, viewer, &scope).await?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let row = policy_rule::ActiveModel::from(row).insert(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "policy.propose",
            "policy_rule",
            row.id,
            serde_json::json!({ "scope": row.scope_kind, "setting": row.setting.as_str(), "days": row.days }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Who may set a rule for a scope: system administrators anything; senior
/// managers units and people within their subtree.
async fn may_set(db: &DatabaseConnection, viewer: &Viewer, scope: &PolicyScope) -> AppResult<()> {
    if viewer.has_role(Role::SystemAdmin) {
        return Ok(());
    }
    let allowed = match scope {
        PolicyScope::OrgUnit(unit) => senior_manager_scope(db, viewer).await?.contains(unit),
        PolicyScope::Person(person) => in_senior_manager_scope(db, viewer, &[*person]).await?,
        _ => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Whether a rule waits for approval.
pub async fn awaits_approval(
    db: &impl ConnectionTrait,
    row: &policy_rule::Model,
) -> AppResult<bool> {
    if row.approved_at.is_some() || row.scope_kind == "organisation" {
        return Ok(false);
    }
    let rules: Vec<PolicyRule> = rules_of(db, row.organisation_id)
        .await?
        .iter()
        .filter_map(as_rule)
        .collect();
    let setting = row.setting;
    Ok(needs_approval(
        &rules,
        setting,
        u32::try_from(row.days).unwrap_or(u32::MAX),
        row.effective_from,
    ))
}

/// A head of service (a senior manager whose subtree the rule's unit or
/// person is in) approves a less frequent rule.
pub async fn approve(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<policy_rule::Model> {
    let row = policy_rule::Entity::find_by_id(id)
        .filter(policy_rule::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let scope = scope_of(&row).ok_or(AppError::NotFound)?;
    let head_of_service = viewer.has_role(Role::SeniorManager)
        && match &scope {
            PolicyScope::OrgUnit(unit) => senior_manager_scope(db, viewer).await?.contains(unit),
            PolicyScope::Person(person) => in_senior_manager_scope(db, viewer, &[*person]).await?,
            // Profession- and role-wide rules span services: any senior manager.
            _ => true,
        };
    if !head_of_service {
        return Err(AppError::Forbidden);
    }
    if row.created_by == Some(viewer.staff_id) {
        return Err(AppError::invalid(
            "id",
            "Someone other than the person who proposed it approves it.",
        ));
    }
    if !awaits_approval(db, &row).await? {
        return Err(AppError::invalid("id", "This rule needs no approval."));
    }
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let mut active: policy_rule::ActiveModel = row.into();
    active.approved_by = Set(Some(viewer.staff_id));
    active.approved_at = Set(Some(Utc::now()));
    let row = active.update(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "policy.approve",
            "policy_rule",
            row.id,
            serde_json::json!({ "setting": row.setting.as_str(), "days": row.days }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}
