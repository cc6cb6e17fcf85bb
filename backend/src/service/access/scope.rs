//! The senior manager's scope and the management chain: who oversees whom,
//! and so may know that a person's sessions took place (F7.2), or report on
//! a unit (F4).

use std::collections::HashSet;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use supervision_shared::Role;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{allocation, staff, staff_role};
use crate::error::{AppError, AppResult};
use crate::service::directory::{Relationship, allocation_current_on};

/// The subtree of org units under (and including) the given roots.
pub async fn units_within(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    roots: &[Uuid],
) -> AppResult<HashSet<Uuid>> {
    if roots.is_empty() {
        return Ok(HashSet::new());
    }
    let units = crate::service::units::all_parents(db, organisation_id).await?;
    Ok(subtrees(&units, roots))
}

/// The units under (and including) the given roots, in a tree read whole.
pub fn subtrees(units: &crate::service::units::Parents, roots: &[Uuid]) -> HashSet<Uuid> {
    let mut within: HashSet<Uuid> = roots.iter().copied().collect();
    // The tree is shallow (division, service, team), so a few passes settle it.
    loop {
        let before = within.len();
        for (id, parent) in units {
            if parent.is_some_and(|p| within.contains(&p)) {
                within.insert(*id);
            }
        }
        if within.len() == before {
            return within;
        }
    }
}

/// Whose compliance a caller may report on: the tops of a senior
/// manager's scope, or the units a BI token names, each with everything
/// below it. The team report and its download read only this, so a person
/// and a BI tool are held to one rule.
#[derive(Debug, Clone)]
pub struct ReportingScope {
    /// The organisation reported on.
    pub organisation_id: Uuid,
    tops: Vec<Uuid>,
    today: chrono::NaiveDate,
}

impl ReportingScope {
    /// A signed-in person's: their senior-manager scope (none without the
    /// role).
    pub async fn of_viewer(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Self> {
        Ok(Self {
            organisation_id: viewer.organisation_id,
            tops: scope_tops(db, viewer).await?,
            today: viewer.today(),
        })
    }

    /// A BI token's: the units it names, on the organisation's today.
    pub fn of_units(organisation_id: Uuid, tops: Vec<Uuid>, today: chrono::NaiveDate) -> Self {
        Self {
            organisation_id,
            tops,
            today,
        }
    }

    /// Today in the organisation's time zone.
    pub fn today(&self) -> chrono::NaiveDate {
        self.today
    }
}

/// Org units the viewer oversees as a senior manager.
pub async fn senior_manager_scope(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> AppResult<HashSet<Uuid>> {
    let roots = scope_tops(db, viewer).await?;
    if roots.is_empty() {
        return Ok(HashSet::new());
    }
    units_within(db, viewer.organisation_id, &roots).await
}

/// The units a senior manager's role is granted for: the tops of their
/// scope, each with everything below it. None for anyone else.
async fn scope_tops(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Vec<Uuid>> {
    if !viewer.has_role(Role::SeniorManager) {
        return Ok(Vec::new());
    }
    Ok(staff_role::Entity::find()
        .filter(staff_role::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff_role::Column::StaffId.eq(viewer.staff_id))
        .filter(staff_role::Column::Role.eq(Role::SeniorManager.as_str()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.org_unit_id)
        .collect())
}

/// The tops of the viewer's senior-manager scope.
pub async fn scope_roots(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> AppResult<Vec<crate::entity::org_unit::Model>> {
    use crate::entity::org_unit;
    let roots = scope_tops(db, viewer).await?;
    if roots.is_empty() {
        return Ok(Vec::new());
    }
    Ok(org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(org_unit::Column::Id.is_in(roots))
        .all(db)
        .await?)
}

/// A unit the viewer may report on, with everything below it as the tree
/// was on `on`: within their senior-manager scope today (the unit or one
/// above it is a top of their scope). Anything else is not found, as if it
/// did not exist.
pub async fn unit_in_scope(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    unit: Uuid,
    on: chrono::NaiveDate,
) -> AppResult<crate::service::units::Branch> {
    unit_in_reach(db, &ReportingScope::of_viewer(db, viewer).await?, unit, on).await
}

/// A unit within a reporting scope, with everything below it as the tree
/// was on `on`; anything else is not found.
pub async fn unit_in_reach(
    db: &impl ConnectionTrait,
    scope: &ReportingScope,
    unit: Uuid,
    on: chrono::NaiveDate,
) -> AppResult<crate::service::units::Branch> {
    if scope.tops.is_empty() {
        return Err(AppError::NotFound);
    }
    let now = crate::service::units::Branch::load(db, scope.organisation_id, unit).await?;
    if !now.chain_above().iter().any(|u| scope.tops.contains(u)) {
        return Err(AppError::NotFound);
    }
    // Changes are recorded on or after their day, so today's tree is the
    // tree of any later day too.
    if on >= scope.today {
        Ok(now)
    } else {
        crate::service::units::Branch::load_on(db, scope.organisation_id, unit, on).await
    }
}

/// Whether the viewer is in the line-management chain above any of `people`
/// today (their line manager, that manager's manager, and so on).
async fn manages_any(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    people: &[Uuid],
    today: chrono::NaiveDate,
) -> AppResult<bool> {
    let mut level: Vec<Uuid> = people.to_vec();
    let mut seen: HashSet<Uuid> = level.iter().copied().collect();
    // A chain longer than this is a data error (or a loop); stop rather than spin.
    for _ in 0..12 {
        if level.is_empty() {
            break;
        }
        let managers: Vec<Uuid> = allocation::Entity::find()
            .select_only()
            .column(allocation::Column::AllocatedToId)
            .filter(allocation::Column::OrganisationId.eq(viewer.organisation_id))
            .filter(allocation::Column::Relationship.eq(Relationship::LineManager.as_str()))
            .filter(allocation::Column::StaffId.is_in(level.clone()))
            .filter(allocation_current_on(today))
            .into_tuple()
            .all(db)
            .await?;
        if managers.contains(&viewer.staff_id) {
            return Ok(true);
        }
        level = managers.into_iter().filter(|m| seen.insert(*m)).collect();
    }
    Ok(false)
}

/// Whether the viewer oversees any of `people`: in their management chain,
/// or a senior manager whose scope holds their team.
pub async fn oversees_any(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    people: &[Uuid],
    today: chrono::NaiveDate,
) -> AppResult<bool> {
    if people.is_empty() {
        return Ok(false);
    }
    Ok(manages_any(db, viewer, people, today).await?
        || in_senior_manager_scope(db, viewer, people).await?)
}

/// Whether the viewer is a senior manager whose scope holds the team of any
/// of `people`.
pub async fn in_senior_manager_scope(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    people: &[Uuid],
) -> AppResult<bool> {
    if people.is_empty() {
        return Ok(false);
    }
    let scope = senior_manager_scope(db, viewer).await?;
    Ok(!people_in_scope(db, viewer.organisation_id, &scope, people)
        .await?
        .is_empty())
}

/// Which of `people` are in teams within `scope` (the units of one senior
/// manager's [`senior_manager_scope`]), in one query: a caller deciding on
/// many records works the scope out once and asks once.
pub async fn people_in_scope(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    scope: &HashSet<Uuid>,
    people: &[Uuid],
) -> AppResult<HashSet<Uuid>> {
    if scope.is_empty() || people.is_empty() {
        return Ok(HashSet::new());
    }
    let teams: Vec<(Uuid, Uuid)> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .column(staff::Column::OrgUnitId)
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .filter(staff::Column::Id.is_in(people.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(teams
        .into_iter()
        .filter(|(_, unit)| scope.contains(unit))
        .map(|(person, _)| person)
        .collect())
}
