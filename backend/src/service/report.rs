//! Compliance reports over many people (F5.4–F5.6). The expensive part,
//! each person's last formal supervision of each kind, is one aggregate
//! query in SQL over the whole organisation or a subtree; each person's
//! interval (policy and schedule) is then applied by the same pure rule
//! the person's own page uses. A property test checks on random histories
//! that the SQL agrees with the pure rule for every person, on both engines.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, Statement};
use supervision_shared::compliance::{CategoryStanding, judge};
use supervision_shared::policy::{PersonFacts, policy_for};
use supervision_shared::{Approach, ComplianceCategory, ComplianceStatus, SupervisionKind};
use uuid::Uuid;

use crate::entity::{org_unit, staff};
use crate::error::{AppError, AppResult};
use crate::service::compliance::schedule_of;
use crate::service::directory::ACTIVE;
use crate::service::{directory, policy};

/// The kinds that count towards each category, as SQL string literals
/// (codes are fixed identifiers, never user input).
fn kinds_of(category: ComplianceCategory) -> String {
    SupervisionKind::ALL
        .iter()
        .filter(|k| k.category() == Some(category))
        .map(|k| format!("'{}'", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The one aggregate: each person's last formal supervision per category
/// on or before `as_at`, for everyone in the organisation (or in `units`).
pub async fn last_formal_by_person(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    as_at: NaiveDate,
    units: Option<&HashSet<Uuid>>,
) -> AppResult<HashMap<(Uuid, ComplianceCategory), NaiveDate>> {
    let backend = db.get_database_backend();
    // Numbered, so one value can be used twice on both engines.
    let placeholder = |n: usize| match backend {
        DatabaseBackend::Postgres => format!("${n}"),
        _ => format!("?{n}"),
    };
    let (p1, p2) = (placeholder(1), placeholder(2));
    let mut values: Vec<sea_orm::Value> = vec![organisation_id.into(), as_at.into()];
    // A team or service: only its people's sessions are read.
    let in_units = match units {
        Some(units) if !units.is_empty() => {
            let marks: Vec<String> = units
                .iter()
                .enumerate()
                .map(|(i, unit)| {
                    values.push((*unit).into());
                    placeholder(i + 3)
                })
                .collect();
            format!(
                "AND a.supervisee_id IN (SELECT p.id FROM staff p WHERE p.organisation_id = {p1} AND p.org_unit_id IN ({})) ",
                marks.join(", ")
            )
        }
        _ => String::new(),
    };
    let (clinical, management, case) = (
        kinds_of(ComplianceCategory::Clinical),
        kinds_of(ComplianceCategory::Management),
        kinds_of(ComplianceCategory::Case),
    );
    // Wellbeing support is the one approach that never counts (F3.2).
    let informal = Approach::WellbeingSupport.as_str();
    let sql = format!(
        "SELECT a.supervisee_id AS person, \
           CASE WHEN s.kind IN ({clinical}) THEN 'clinical' \
                WHEN s.kind IN ({management}) THEN 'management' \
                ELSE 'case' END AS category, \
           MAX(s.held_on) AS last \
         FROM supervision s \
         JOIN supervision_attendee a \
           ON a.supervision_id = s.id AND a.organisation_id = s.organisation_id \
         WHERE s.organisation_id = {p1} AND s.held_on <= {p2} \
           AND s.removed_at IS NULL \
           AND s.kind IN ({clinical}, {management}, {case}) \
           AND (s.approach IS NULL OR s.approach <> '{informal}') \
           {in_units}\
         GROUP BY 1, 2"
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut last = HashMap::with_capacity(rows.len());
    for row in rows {
        let person: Uuid = row.try_get("", "person")?;
        let category: String = row.try_get("", "category")?;
        let day: NaiveDate = row.try_get("", "last")?;
        let category =
            ComplianceCategory::parse(&category).map_err(|e| AppError::Internal(e.into()))?;
        last.insert((person, category), day);
    }
    Ok(last)
}

/// One person's standings in a report.
#[derive(Debug, Clone)]
pub struct PersonReport {
    /// The person.
    pub person: staff::Model,
    /// Clinical, management and case, in that order.
    pub standings: Vec<CategoryStanding>,
}

/// Everyone active in these units (and started by `as_at`), judged as at
/// that date.
pub async fn people_in(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    units: &HashSet<Uuid>,
    as_at: NaiveDate,
) -> AppResult<Vec<PersonReport>> {
    let people: Vec<staff::Model> = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .filter(staff::Column::Status.eq(ACTIVE))
        .filter(staff::Column::StartDate.lte(as_at))
        .all(db)
        .await?
        .into_iter()
        .filter(|p| units.contains(&p.org_unit_id))
        .collect();
    // The whole organisation reads everything; a part reads only its people.
    let whole = org_unit_count(db, organisation_id).await? == units.len();
    let last = last_formal_by_person(db, organisation_id, as_at, (!whole).then_some(units)).await?;
    let rules: Vec<_> = policy::rules_of(db, organisation_id)
        .await?
        .iter()
        .filter_map(policy::as_rule)
        .collect();
    let parents = policy::unit_parents(db, organisation_id).await?;
    let ids: Vec<Uuid> = people.iter().map(|p| p.id).collect();
    let mut roles = directory::roles_of_many(db, organisation_id, &ids, as_at).await?;
    Ok(people
        .into_iter()
        .map(|person| {
            let facts = PersonFacts {
                staff_id: person.id,
                unit_chain: policy::unit_chain(&parents, person.org_unit_id),
                profession: person.profession.clone(),
                roles: roles.remove(&person.id).unwrap_or_default(),
            };
            let policy = policy_for(&rules, &facts, as_at);
            let schedule = schedule_of(&person);
            let standings = CATEGORIES
                .iter()
                .map(|&c| {
                    judge(
                        &policy,
                        schedule,
                        c,
                        last.get(&(person.id, c)).copied(),
                        as_at,
                    )
                })
                .collect();
            PersonReport { person, standings }
        })
        .collect())
}

/// The categories, in report order.
pub const CATEGORIES: [ComplianceCategory; 3] = [
    ComplianceCategory::Clinical,
    ComplianceCategory::Management,
    ComplianceCategory::Case,
];

/// Compliance figures for a group of people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// People counted.
    pub people: u32,
    /// Compliant (including due soon) per category, in `CATEGORIES` order.
    pub compliant: [u32; 3],
}

impl Figures {
    /// Adds one person.
    pub fn add(&mut self, report: &PersonReport) {
        self.people += 1;
        for (i, s) in report.standings.iter().enumerate().take(3) {
            // Due soon is not late: the person is within their interval.
            if matches!(
                s.status,
                ComplianceStatus::Compliant | ComplianceStatus::DueSoon
            ) {
                self.compliant[i] += 1;
            }
        }
    }

    /// Percentage compliant for a category, to one decimal place; none
    /// when there is nobody to count.
    pub fn percent(&self, index: usize) -> Option<f64> {
        (self.people > 0).then(|| {
            (f64::from(self.compliant[index]) * 1000.0 / f64::from(self.people)).round() / 10.0
        })
    }
}

/// A unit's place in the tree.
#[derive(Debug, Clone)]
pub struct UnitNode {
    /// The unit.
    pub unit: org_unit::Model,
    /// Its subtree (itself included).
    pub subtree: HashSet<Uuid>,
}

/// The unit and its children, each with its subtree.
pub async fn unit_and_children(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    unit: Uuid,
) -> AppResult<(UnitNode, Vec<UnitNode>)> {
    let all: Vec<org_unit::Model> = org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?;
    let subtree_of = |root: Uuid| {
        let mut within: HashSet<Uuid> = HashSet::from([root]);
        loop {
            let before = within.len();
            for u in &all {
                if u.parent_id.is_some_and(|p| within.contains(&p)) {
                    within.insert(u.id);
                }
            }
            if within.len() == before {
                return within;
            }
        }
    };
    let this = all
        .iter()
        .find(|u| u.id == unit)
        .cloned()
        .ok_or(AppError::NotFound)?;
    let mut children: Vec<UnitNode> = all
        .iter()
        .filter(|u| u.parent_id == Some(unit))
        .map(|u| UnitNode {
            unit: u.clone(),
            subtree: subtree_of(u.id),
        })
        .collect();
    children.sort_by(|a, b| a.unit.name.cmp(&b.unit.name));
    Ok((
        UnitNode {
            subtree: subtree_of(unit),
            unit: this,
        },
        children,
    ))
}

/// The tops of the viewer's senior-manager scope.
pub async fn scope_roots(
    db: &impl ConnectionTrait,
    viewer: &crate::auth::Viewer,
) -> AppResult<Vec<org_unit::Model>> {
    use crate::entity::staff_role;
    if !viewer.has_role(supervision_shared::Role::SeniorManager) {
        return Ok(Vec::new());
    }
    let roots: Vec<Uuid> = staff_role::Entity::find()
        .filter(staff_role::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff_role::Column::StaffId.eq(viewer.staff_id))
        .filter(staff_role::Column::Role.eq(supervision_shared::Role::SeniorManager.as_str()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.org_unit_id)
        .collect();
    Ok(org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(org_unit::Column::Id.is_in(roots))
        .all(db)
        .await?)
}

/// A unit the viewer may report on: within their senior-manager scope.
/// Anything else is not found, as if it did not exist.
pub async fn require_in_scope(
    db: &impl ConnectionTrait,
    viewer: &crate::auth::Viewer,
    unit: Uuid,
) -> AppResult<()> {
    if crate::service::access::senior_manager_scope(db, viewer)
        .await?
        .contains(&unit)
    {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

async fn org_unit_count(db: &impl ConnectionTrait, organisation_id: Uuid) -> AppResult<usize> {
    use sea_orm::PaginatorTrait;
    let n = org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(organisation_id))
        .count(db)
        .await?;
    Ok(usize::try_from(n).unwrap_or(usize::MAX))
}
