//! Policy as data (F5.1, F5.8): an organisation's rules, read from the
//! database and resolved for a person by the pure rule in `shared`;
//! proposing a rule, and a head of service approving a less frequent one.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder,
};
use supervision_shared::policy::{
    PersonFacts, PolicyRule, PolicyScope, PolicyScopeKind, PolicySetting, needs_approval,
    policy_for,
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
        scope_kind: PolicyScopeKind::Organisation,
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
    Some(match row.scope_kind {
        PolicyScopeKind::Organisation => PolicyScope::Organisation,
        PolicyScopeKind::OrgUnit => PolicyScope::OrgUnit(row.scope_value.parse().ok()?),
        PolicyScopeKind::Profession => PolicyScope::Profession(row.scope_value.clone()),
        PolicyScopeKind::Role => PolicyScope::Role(Role::parse(&row.scope_value).ok()?),
        PolicyScopeKind::Person => PolicyScope::Person(row.scope_value.parse().ok()?),
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

/// Every rule of an organisation, as the pure rule reads them.
pub async fn rules_in(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
) -> AppResult<Vec<PolicyRule>> {
    Ok(rules_of(db, organisation_id)
        .await?
        .iter()
        .filter_map(as_rule)
        .collect())
}

/// The policy that applies to one person on a day.
pub async fn policy_of(
    db: &impl ConnectionTrait,
    person: &staff::Model,
    roles: Vec<Role>,
    day: NaiveDate,
) -> AppResult<Policy> {
    let rules = rules_in(db, person.organisation_id).await?;
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
    /// Whom it is for.
    pub scope_kind: PolicyScopeKind,
    /// The unit, for `ORG_UNIT`.
    pub unit_id: Option<Uuid>,
    /// The profession, for `PROFESSION` (as the directory names it).
    pub profession: Option<String>,
    /// The role, for `ROLE`.
    pub role: Option<Role>,
    /// The person, for `PERSON`.
    pub staff_id: Option<Uuid>,
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

/// The scope a proposal names, checked against the organisation: a unit
/// open on the rule's first day, a profession someone in it has, a person
/// in it. Each problem is given at the field that names it.
async fn scope_named(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    input: &ProposedRule,
) -> AppResult<Result<PolicyScope, FieldError>> {
    use sea_orm::QuerySelect;
    let missing = |field: &str, message: &str| Ok(Err(FieldError::new(field, message)));
    match input.scope_kind {
        PolicyScopeKind::Organisation => Ok(Ok(PolicyScope::Organisation)),
        PolicyScopeKind::OrgUnit => {
            let Some(unit) = input.unit_id else {
                return missing("unitId", "Choose the unit the rule is for.");
            };
            let open = crate::entity::org_unit::Entity::find_by_id(unit)
                .filter(crate::entity::org_unit::Column::OrganisationId.eq(organisation_id))
                .one(db)
                .await?
                .is_some_and(|u| {
                    u.closed_on
                        .is_none_or(|closed| closed > input.effective_from)
                });
            if open {
                Ok(Ok(PolicyScope::OrgUnit(unit)))
            } else {
                missing(
                    "unitId",
                    "There is no such unit open in your organisation on that day.",
                )
            }
        }
        PolicyScopeKind::Profession => {
            let named = input.profession.as_deref().unwrap_or("").trim().to_owned();
            if named.is_empty() {
                return missing("profession", "Name the profession the rule is for.");
            }
            let professions: Vec<String> = staff::Entity::find()
                .select_only()
                .column(staff::Column::Profession)
                .distinct()
                .filter(staff::Column::OrganisationId.eq(organisation_id))
                .into_tuple()
                .all(db)
                .await?;
            match professions.iter().find(|p| p.eq_ignore_ascii_case(&named)) {
                Some(p) => Ok(Ok(PolicyScope::Profession(p.clone()))),
                None => Ok(Err(FieldError::new(
                    "profession",
                    format!("Nobody in your organisation has the profession \"{named}\"."),
                ))),
            }
        }
        PolicyScopeKind::Role => match input.role {
            Some(role) => Ok(Ok(PolicyScope::Role(role))),
            None => missing("role", "Choose the role the rule is for."),
        },
        PolicyScopeKind::Person => {
            let Some(person) = input.staff_id else {
                return missing("staffId", "Choose the person the rule is for.");
            };
            let known = staff::Entity::find_by_id(person)
                .filter(staff::Column::OrganisationId.eq(organisation_id))
                .filter(staff::Column::Status.eq(crate::service::directory::ACTIVE))
                .one(db)
                .await?
                .is_some();
            if known {
                Ok(Ok(PolicyScope::Person(person)))
            } else {
                missing(
                    "staffId",
                    "There is no such person working in your organisation.",
                )
            }
        }
    }
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
    if organisation_wide && input.scope_kind != PolicyScopeKind::Organisation {
        errors.push(FieldError::new(
            "setting",
            "The back-stop and the due-soon window are set for the whole organisation.",
        ));
    }
    let scope = match scope_named(db, viewer.organisation_id, &input).await? {
        Ok(scope) if errors.is_empty() => scope,
        Ok(_) => return Err(AppError::Validation(errors)),
        Err(problem) => {
            errors.insert(0, problem);
            return Err(AppError::Validation(errors));
        }
    };
    let row = policy_rule::Model {
        id: Uuid::now_v7(),
        organisation_id: viewer.organisation_id,
        scope_kind: scope.kind(),
        scope_value: scope.stored_value(),
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
            serde_json::json!({ "scope": row.scope_kind.as_str(), "setting": row.setting.as_str(), "days": row.days }),
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
    if row.approved_at.is_some() || row.scope_kind == PolicyScopeKind::Organisation {
        return Ok(false);
    }
    let rules = rules_in(db, row.organisation_id).await?;
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
