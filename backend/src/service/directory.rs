//! The staff directory: who people are, their roles, who they supervise, and
//! the staff search used by pickers.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::sea_query::{Expr, ExprTrait, Query, UnionType};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult,
    JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use supervision_shared::{ComplianceCategory, Role, limits::SEARCH_RESULTS_MAX};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{allocation, org_unit, organisation, staff, staff_role};
use crate::error::{AppError, AppResult};

mod roles_kept;
mod unallocated;
pub use roles_kept::{RolesKept, RolesKey};
pub use unallocated::{Unallocated, UnallocatedPage, unallocated};

/// Staff status of someone still employed.
pub const ACTIVE: &str = "active";

/// An allocation relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relationship {
    /// Line manager (management supervision).
    LineManager,
    /// Clinical supervisor (clinical supervision).
    ClinicalSupervisor,
}

impl Relationship {
    /// Stored code.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LineManager => "line_manager",
            Self::ClinicalSupervisor => "clinical_supervisor",
        }
    }

    /// Reads a stored code back.
    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "line_manager" => Some(Self::LineManager),
            "clinical_supervisor" => Some(Self::ClinicalSupervisor),
            _ => None,
        }
    }

    /// How it reads on screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::LineManager => "Line manager",
            Self::ClinicalSupervisor => "Clinical supervisor",
        }
    }

    /// The supervision this relationship is responsible for.
    pub fn category(self) -> ComplianceCategory {
        match self {
            Self::LineManager => ComplianceCategory::Management,
            Self::ClinicalSupervisor => ComplianceCategory::Clinical,
        }
    }
}

/// Condition: the allocation is in force on `day`.
pub fn allocation_current_on(day: NaiveDate) -> Condition {
    Condition::all()
        .add(allocation::Column::EffectiveFrom.lte(day))
        .add(
            Condition::any()
                .add(allocation::Column::EffectiveTo.is_null())
                .add(allocation::Column::EffectiveTo.gte(day)),
        )
}

/// Whether the viewer has a line manager or a clinical supervisor today:
/// someone who is, so whose own supervision the home page shows. Those the
/// directory grants a role to without anyone over them (an auditor, an
/// administrator, a head of service) are not asked about supervision they
/// are not subject to.
pub async fn is_supervised(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<bool> {
    let found = allocation::Entity::find()
        .filter(allocation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(allocation::Column::StaffId.eq(viewer.staff_id))
        .filter(allocation_current_on(viewer.today()))
        .one(db)
        .await?;
    Ok(found.is_some())
}

/// What the directory holds of a signed-in person: read with their session
/// in one statement (`DbSessionStore`), or on its own.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct Signee {
    /// Their staff record.
    pub staff_id: Uuid,
    /// Their organisation.
    pub organisation_id: Uuid,
    /// Their name.
    pub name: String,
    /// `active`, or `leaver`.
    pub status: String,
    /// Moves whenever their roles' sources change (the staff table's
    /// triggers): the key their roles are kept under.
    pub access_version: i64,
    /// Their organisation's time zone, by name.
    pub time_zone: String,
}

/// Adds a `Signee`'s columns but its id to a select that has the staff
/// table in it (joined with `join`, so a left join keeps a row without a
/// person): the person's, and their organisation's time zone.
pub fn signee_columns<E: EntityTrait>(
    select: sea_orm::Select<E>,
    join: JoinType,
) -> sea_orm::Select<E> {
    select
        .column(staff::Column::OrganisationId)
        .column(staff::Column::Name)
        .column(staff::Column::Status)
        .column(staff::Column::AccessVersion)
        .column(organisation::Column::TimeZone)
        .join(
            join,
            staff::Entity::belongs_to(organisation::Entity)
                .from(staff::Column::OrganisationId)
                .to(organisation::Column::Id)
                .into(),
        )
}

/// Looks up the signed-in person as at the instant `now`; a leaver or an
/// unknown id gets `None`. Their roles are those in force on their
/// organisation's today.
pub async fn viewer(
    db: &DatabaseConnection,
    roles: &RolesKept,
    staff_id: Uuid,
    organisation_id: Uuid,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<Option<Viewer>> {
    let found = signee_columns(
        staff::Entity::find_by_id(staff_id)
            .select_only()
            .column_as(staff::Column::Id, "staff_id"),
        JoinType::InnerJoin,
    )
    .into_model::<Signee>()
    .one(db)
    .await?;
    match found {
        Some(signee) if signee.organisation_id == organisation_id => {
            viewer_of(db, roles, &signee, now).await
        }
        _ => Ok(None),
    }
}

/// The signed-in person from what the directory holds of them: a leaver
/// gets `None`. Their roles are worked out afresh only when their sources
/// have changed (`access_version`) or the day has: every signed-in request
/// asks this, and otherwise reads nothing more.
pub async fn viewer_of(
    db: &DatabaseConnection,
    roles: &RolesKept,
    signee: &Signee,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<Option<Viewer>> {
    if signee.status != ACTIVE {
        return Ok(None);
    }
    let time_zone = crate::service::clock::parse_zone(&signee.time_zone);
    let today = crate::service::clock::today_in(time_zone, now);
    let key = RolesKey {
        staff_id: signee.staff_id,
        access_version: signee.access_version,
        today,
    };
    let held = match roles.get(&key) {
        Some(held) => held,
        None => {
            let held = roles_of(db, signee.organisation_id, signee.staff_id, today).await?;
            roles.keep(key, held.clone());
            held
        }
    };
    Ok(Some(Viewer {
        staff_id: signee.staff_id,
        organisation_id: signee.organisation_id,
        name: signee.name.clone(),
        roles: held,
        time_zone,
    }))
}

/// One person's roles today: Staff, Supervisor and LineManager from the
/// allocations naming them as supervisor or manager, and the roles the
/// directory grants them, read together.
async fn roles_of(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    person: Uuid,
    today: NaiveDate,
) -> AppResult<Vec<Role>> {
    const ALLOCATED: &str = "allocated";
    const GRANTED: &str = "granted";
    let mut both = allocation::Entity::find()
        .select_only()
        .expr_as(Expr::val(ALLOCATED), "source")
        .column_as(allocation::Column::Relationship, "code")
        .filter(allocation::Column::OrganisationId.eq(organisation_id))
        .filter(allocation::Column::AllocatedToId.eq(person))
        .filter(allocation_current_on(today))
        .into_query();
    both.union(
        UnionType::All,
        staff_role::Entity::find()
            .select_only()
            .expr_as(Expr::val(GRANTED), "source")
            .column_as(staff_role::Column::Role, "code")
            .filter(staff_role::Column::OrganisationId.eq(organisation_id))
            .filter(staff_role::Column::StaffId.eq(person))
            .into_query(),
    );
    let backend = db.get_database_backend();
    let mut roles = vec![Role::Staff];
    for row in db.query_all_raw(backend.build(&both)).await? {
        let source: String = row.try_get("", "source")?;
        let code: String = row.try_get("", "code")?;
        let role = match (source.as_str(), Relationship::parse(&code)) {
            (ALLOCATED, Some(Relationship::ClinicalSupervisor)) => Some(Role::Supervisor),
            (ALLOCATED, Some(Relationship::LineManager)) => Some(Role::LineManager),
            (ALLOCATED, None) => None,
            _ => Role::parse(&code)
                .ok()
                .filter(|role| role.is_directory_granted()),
        };
        roles.extend(role);
    }
    roles.sort();
    roles.dedup();
    Ok(roles)
}

/// The roles each of these people holds today, in two queries whatever
/// their number (for resolving role-scoped policy across a team).
pub async fn roles_of_many(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    people: &[Uuid],
    today: NaiveDate,
) -> AppResult<HashMap<Uuid, Vec<Role>>> {
    let mut roles: HashMap<Uuid, Vec<Role>> =
        people.iter().map(|id| (*id, vec![Role::Staff])).collect();
    // Thousands of people (a whole trust's report) are cheaper read as the
    // whole organisation than as a list of ids.
    let listed = people.len() <= 1000;
    let mut allocations = allocation::Entity::find()
        .select_only()
        .column(allocation::Column::AllocatedToId)
        .column(allocation::Column::Relationship)
        .distinct()
        .filter(allocation::Column::OrganisationId.eq(organisation_id))
        .filter(allocation_current_on(today));
    if listed {
        allocations =
            allocations.filter(allocation::Column::AllocatedToId.is_in(people.iter().copied()));
    }
    let allocations: Vec<(Uuid, String)> = allocations.into_tuple().all(db).await?;
    for (person, code) in allocations {
        let role = match Relationship::parse(&code) {
            Some(Relationship::ClinicalSupervisor) => Role::Supervisor,
            Some(Relationship::LineManager) => Role::LineManager,
            None => continue,
        };
        if let Some(list) = roles.get_mut(&person) {
            list.push(role);
        }
    }
    let mut grants =
        staff_role::Entity::find().filter(staff_role::Column::OrganisationId.eq(organisation_id));
    if listed {
        grants = grants.filter(staff_role::Column::StaffId.is_in(people.iter().copied()));
    }
    for grant in grants.all(db).await? {
        let role = grant.role;
        if role.is_directory_granted()
            && let Some(list) = roles.get_mut(&grant.staff_id)
        {
            list.push(role);
        }
    }
    for list in roles.values_mut() {
        list.sort();
        list.dedup();
    }
    Ok(roles)
}

/// A person as shown in lists and pickers.
#[derive(Debug, Clone)]
pub struct StaffCard {
    /// Staff id.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Job title.
    pub job_title: String,
    /// The HR system's employee number.
    pub employee_number: String,
    /// Their team (org unit) name.
    pub team_name: String,
}

/// Of `ids`, the current (active) members of the organisation; an id from
/// another organisation is left out like an unknown one.
pub async fn current_among(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    ids: &[Uuid],
) -> AppResult<std::collections::HashSet<Uuid>> {
    Ok(staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .filter(staff::Column::Status.eq(ACTIVE))
        .filter(staff::Column::Id.is_in(ids.iter().copied()))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect())
}

/// The directory rows of these people within the organisation, keyed by
/// id; ids from another organisation are simply absent.
pub async fn staff_by_ids(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, staff::Model>> {
    let mut rows = HashMap::with_capacity(ids.len());
    // Within both engines' limits on parameters, however many are asked.
    for chunk in ids.chunks(500) {
        rows.extend(
            staff::Entity::find()
                .filter(staff::Column::OrganisationId.eq(organisation_id))
                .filter(staff::Column::Id.is_in(chunk.iter().copied()))
                .all(db)
                .await?
                .into_iter()
                .map(|p| (p.id, p)),
        );
    }
    Ok(rows)
}

/// What a staff card shows, as read by [`card_select`].
#[derive(FromQueryResult)]
struct CardRow {
    id: Uuid,
    name: String,
    job_title: String,
    employee_number: String,
    team_name: Option<String>,
}

impl From<CardRow> for StaffCard {
    fn from(row: CardRow) -> Self {
        Self {
            id: row.id,
            name: row.name,
            job_title: row.job_title,
            employee_number: row.employee_number,
            team_name: row.team_name.unwrap_or_default(),
        }
    }
}

/// Staff rows as [`CardRow`]s: the card's columns and the person's unit's
/// name, read in the same statement (a second statement for the units
/// would be a second round trip on PostgreSQL). Callers add the
/// organisation, the filter and the order.
fn card_select() -> sea_orm::Select<staff::Entity> {
    let team_name = Query::select()
        .column((org_unit::Entity, org_unit::Column::Name))
        .from(org_unit::Entity)
        .and_where(
            Expr::col((org_unit::Entity, org_unit::Column::Id))
                .equals((staff::Entity, staff::Column::OrgUnitId)),
        )
        .and_where(
            Expr::col((org_unit::Entity, org_unit::Column::OrganisationId))
                .equals((staff::Entity, staff::Column::OrganisationId)),
        )
        .to_owned();
    staff::Entity::find()
        .select_only()
        .columns([
            staff::Column::Id,
            staff::Column::Name,
            staff::Column::JobTitle,
            staff::Column::EmployeeNumber,
        ])
        .expr_as(
            Expr::SubQuery(None, Box::new(team_name.into())),
            "team_name",
        )
}

/// Staff cards for these ids within the viewer's organisation, keyed by id.
/// Ids from another organisation are simply absent. One statement (per 500
/// people): every list of records asks for these.
pub async fn cards(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, StaffCard>> {
    let mut cards = HashMap::with_capacity(ids.len());
    // Within both engines' limits on parameters, however many are asked.
    for chunk in ids.chunks(500) {
        let rows = card_select()
            .filter(staff::Column::OrganisationId.eq(organisation_id))
            .filter(staff::Column::Id.is_in(chunk.iter().copied()))
            .into_model::<CardRow>()
            .all(db)
            .await?;
        cards.extend(rows.into_iter().map(|row| (row.id, StaffCard::from(row))));
    }
    Ok(cards)
}

/// Finds active colleagues by name for the supervisee picker (F2.6), by the
/// start of any word of their name, ignoring case, accents and punctuation
/// (`service::names`). Leavers never appear; other organisations' staff
/// never appear.
pub async fn search(
    db: &DatabaseConnection,
    viewer: &Viewer,
    query: &str,
    limit: Option<u32>,
) -> AppResult<Vec<StaffCard>> {
    let query = query.trim();
    if query.chars().count() > 100 {
        return Err(AppError::invalid(
            "query",
            "Search for at most 100 characters.",
        ));
    }
    if query.is_empty() {
        return Ok(Vec::new());
    }
    let limit = limit.unwrap_or(10).clamp(1, SEARCH_RESULTS_MAX);
    let folded = crate::service::names::query_form(query);
    if folded.is_empty() {
        return Ok(Vec::new());
    }
    // The start of any word of the folded name (each word follows a
    // space). A folded query holds only letters, digits and spaces, so
    // nothing in it is a LIKE wildcard.
    let people = card_select()
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff::Column::Status.eq(ACTIVE))
        .filter(staff::Column::SearchName.like(format!("% {folded}%")))
        // In the order of the folded name (alphabetical, with Siân beside
        // Sian), which the search index is kept in: the database walks it
        // and stops at the limit rather than sorting every match.
        .order_by_asc(staff::Column::SearchName)
        // Namesakes in a steady order.
        .order_by_asc(staff::Column::Id)
        .limit(u64::from(limit))
        .into_model::<CardRow>()
        .all(db)
        .await?;
    Ok(people.into_iter().map(StaffCard::from).collect())
}

/// Someone allocated to the viewer, with the relationship.
#[derive(Debug, Clone)]
pub struct Allocated {
    /// The supervisee.
    pub staff_id: Uuid,
    /// How they are allocated to the viewer.
    pub relationship: Relationship,
}

/// Everyone allocated to the viewer today, as clinical supervisee or line report.
pub async fn allocated_to(
    db: &DatabaseConnection,
    viewer: &Viewer,
    today: NaiveDate,
) -> AppResult<Vec<Allocated>> {
    let rows = allocation::Entity::find()
        .filter(allocation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(allocation::Column::AllocatedToId.eq(viewer.staff_id))
        .filter(allocation_current_on(today))
        .all(db)
        .await?;
    let active: HashSet<Uuid> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff::Column::Status.eq(ACTIVE))
        .filter(staff::Column::Id.is_in(rows.iter().map(|r| r.staff_id)))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(rows
        .into_iter()
        .filter(|r| active.contains(&r.staff_id))
        .filter_map(|r| {
            Relationship::parse(&r.relationship).map(|relationship| Allocated {
                staff_id: r.staff_id,
                relationship,
            })
        })
        .collect())
}

/// The viewer's organisation name.
pub async fn organisation_name(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<String> {
    organisation::Entity::find_by_id(viewer.organisation_id)
        .one(db)
        .await?
        .map(|o| o.name)
        .ok_or(AppError::NotFound)
}

/// The viewer's own directory entry.
pub async fn own_record(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<staff::Model> {
    staff::Entity::find_by_id(viewer.staff_id)
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// A member of staff of this organisation, whatever their status, or
/// `NotFound`: an id from another organisation is the same as no id at all.
pub async fn staff_in_organisation(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    id: Uuid,
) -> AppResult<staff::Model> {
    staff::Entity::find_by_id(id)
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Fills in the search form of any name written before it was kept (on
/// start, after migrating): the rows without one, each updated; none once
/// every row has its form.
pub async fn fill_search_names(db: &DatabaseConnection) -> AppResult<usize> {
    let missing = staff::Entity::find()
        .filter(staff::Column::SearchName.eq(""))
        .all(db)
        .await?;
    for person in &missing {
        staff::Entity::update_many()
            .col_expr(
                staff::Column::SearchName,
                Expr::value(crate::service::names::search_form(&person.name)),
            )
            .filter(staff::Column::Id.eq(person.id))
            .exec(db)
            .await?;
    }
    Ok(missing.len())
}
