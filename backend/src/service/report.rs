//! Compliance reports over many people (F5.4–F5.6). The expensive part,
//! each person's last formal supervision of each kind, is one aggregate
//! query in SQL over the formal attendance table (`service::attendance`);
//! each person's interval (policy and schedule) is then applied by the same
//! pure rule the person's own page uses. A property test checks on random
//! histories that the SQL agrees with the pure rule for every person, on
//! both engines.
//!
//! Counting who is compliant needs only the sessions within the longest
//! interval any policy gives: anyone whose last session is older is overdue
//! whatever their policy. So the percentages read a window of days, while
//! lists of people (which show each last date) read everything of theirs.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter, Statement};
use supervision_shared::compliance::{CategoryStanding, judge};
use supervision_shared::policy::{PersonFacts, PolicyRule, longest_interval, policy_for};
use supervision_shared::{ComplianceCategory, ComplianceStatus};
use uuid::Uuid;

use crate::db::placeholder;
use crate::entity::{org_unit, staff};
use crate::error::{AppError, AppResult};
use crate::service::compliance::schedule_of;
use crate::service::directory::ACTIVE;
use crate::service::{directory, policy};

/// Each person's last formal supervision per category.
pub type LastFormal = HashMap<(Uuid, ComplianceCategory), NaiveDate>;

/// Whose sessions a query reads, and from when.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reach<'a> {
    /// Only these people's (everyone's when none).
    pub people: Option<&'a [Uuid]>,
    /// Only sessions on or after this day (all when none).
    pub since: Option<NaiveDate>,
}

/// People per query: well within both engines' limits on parameters.
const PEOPLE_PER_QUERY: usize = 500;

/// The one aggregate: each person's last formal supervision per category
/// on or before `as_at`, within `reach`.
pub async fn last_formal(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    as_at: NaiveDate,
    reach: Reach<'_>,
) -> AppResult<LastFormal> {
    let day = Judged {
        as_at,
        since: reach.since,
    };
    Ok(
        last_formal_on_each(db, organisation_id, &[day], reach.people)
            .await?
            .pop()
            .unwrap_or_default(),
    )
}

/// A day judged, and the first day whose sessions can count for it (all
/// when none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged {
    /// The day judged.
    pub as_at: NaiveDate,
    /// Sessions before this day are not read.
    pub since: Option<NaiveDate>,
}

/// The aggregate for several days in one pass over the table (the trend's
/// twelve month-ends): one result per day, in the order given.
pub async fn last_formal_on_each(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    days: &[Judged],
    people: Option<&[Uuid]>,
) -> AppResult<Vec<LastFormal>> {
    let Some(people) = people else {
        return last_formal_of(db, organisation_id, days, None).await;
    };
    let mut last: Vec<LastFormal> = vec![LastFormal::new(); days.len()];
    for chunk in people.chunks(PEOPLE_PER_QUERY) {
        for (all, part) in last
            .iter_mut()
            .zip(last_formal_of(db, organisation_id, days, Some(chunk)).await?)
        {
            all.extend(part);
        }
    }
    Ok(last)
}

async fn last_formal_of(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    days: &[Judged],
    people: Option<&[Uuid]>,
) -> AppResult<Vec<LastFormal>> {
    let (Some(latest), false) = (days.iter().map(|d| d.as_at).max(), people == Some(&[])) else {
        return Ok(vec![LastFormal::new(); days.len()]);
    };
    // Read only as far back as the earliest day needs.
    let earliest: Option<NaiveDate> = days
        .iter()
        .map(|d| d.since)
        .collect::<Option<Vec<_>>>()
        .and_then(|s| s.into_iter().min());
    let backend = db.get_database_backend();
    let mut values: Vec<sea_orm::Value> = vec![organisation_id.into(), latest.into()];
    let mut mark = |value: sea_orm::Value| {
        values.push(value);
        placeholder(backend, values.len())
    };
    // One row per person, a column per day and category: no category
    // text to read back, and one pass however many days.
    let mut columns = Vec::with_capacity(days.len() * CATEGORIES.len());
    for (i, day) in days.iter().enumerate() {
        let until = mark(day.as_at.into());
        let from = day
            .since
            .map(|since| format!(" AND held_on >= {}", mark(since.into())))
            .unwrap_or_default();
        for category in CATEGORIES {
            columns.push(format!(
                "MAX(CASE WHEN category = '{c}' AND held_on <= {until}{from} THEN held_on END) \
                 AS last_{i}_{c}",
                c = category.as_str()
            ));
        }
    }
    let mut filters = String::new();
    if let Some(earliest) = earliest {
        filters.push_str(&format!(" AND held_on >= {}", mark(earliest.into())));
    }
    if let Some(people) = people {
        let marks: Vec<String> = people.iter().map(|p| mark((*p).into())).collect();
        filters.push_str(&format!(" AND supervisee_id IN ({})", marks.join(", ")));
    }
    // SQLite has no statistics to choose between the two indexes by, and
    // guessed the window's for a few people (reading every row): say which.
    let index = match backend {
        DatabaseBackend::Sqlite if people.is_none() && earliest.is_some() => {
            " INDEXED BY ix_formal_attendance_held"
        }
        DatabaseBackend::Sqlite => " INDEXED BY ix_formal_attendance_person",
        _ => "",
    };
    let sql = format!(
        "SELECT supervisee_id AS person, {} \
         FROM formal_attendance{index} \
         WHERE organisation_id = {} AND held_on <= {}{filters} \
         GROUP BY supervisee_id",
        columns.join(", "),
        placeholder(backend, 1),
        placeholder(backend, 2),
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    let mut last: Vec<LastFormal> = vec![LastFormal::with_capacity(rows.len()); days.len()];
    for row in rows {
        let person: Uuid = row.try_get("", "person")?;
        for (i, on_day) in last.iter_mut().enumerate() {
            for category in CATEGORIES {
                let day: Option<NaiveDate> =
                    row.try_get("", &format!("last_{i}_{}", category.as_str()))?;
                if let Some(day) = day {
                    on_day.insert((person, category), day);
                }
            }
        }
    }
    Ok(last)
}

/// Formal records of the people in each unit in the year to `as_at`, and
/// how many of them were shared late (F4.3): unit id → (records, late).
/// A group session counts once for each member, as it does for compliance.
pub async fn late_sharing_by_unit(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    as_at: NaiveDate,
) -> AppResult<HashMap<Uuid, (u32, u32)>> {
    let backend = db.get_database_backend();
    let since = as_at
        .checked_sub_days(Days::new(365))
        .unwrap_or(NaiveDate::MIN);
    let (p1, p2, p3) = (
        placeholder(backend, 1),
        placeholder(backend, 2),
        placeholder(backend, 3),
    );
    let sql = format!(
        "SELECT p.org_unit_id AS unit, COUNT(*) AS records, \
           SUM(CASE WHEN f.shared_late THEN 1 ELSE 0 END) AS late \
         FROM formal_attendance f \
         JOIN staff p ON p.id = f.supervisee_id AND p.organisation_id = f.organisation_id \
         WHERE f.organisation_id = {p1} AND f.held_on <= {p2} AND f.held_on > {p3} \
         GROUP BY p.org_unit_id"
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [organisation_id.into(), as_at.into(), since.into()],
        ))
        .await?;
    let mut by_unit = HashMap::with_capacity(rows.len());
    for row in rows {
        let unit: Uuid = row.try_get("", "unit")?;
        let records: i64 = row.try_get("", "records")?;
        let late: i64 = row.try_get("", "late")?;
        by_unit.insert(
            unit,
            (
                u32::try_from(records).unwrap_or(u32::MAX),
                u32::try_from(late).unwrap_or(u32::MAX),
            ),
        );
    }
    Ok(by_unit)
}

/// One person's standings in a report.
#[derive(Debug, Clone)]
pub struct PersonReport {
    /// The person.
    pub person: staff::Model,
    /// Clinical, management and case, in that order.
    pub standings: Vec<CategoryStanding>,
}

/// Everyone a report covers, with what judging them needs: the policy's
/// rules and the unit tree. Loaded once, judged at one or more days.
pub struct Cohort {
    organisation_id: Uuid,
    people: Vec<staff::Model>,
    /// A report counts people from their start date; a list of named
    /// people shows everyone on it.
    only_started: bool,
    rules: Vec<PolicyRule>,
    parents: HashMap<Uuid, Option<Uuid>>,
}

impl Cohort {
    /// Everyone active in these units (the whole organisation when none).
    pub async fn of_units(
        db: &impl ConnectionTrait,
        organisation_id: Uuid,
        units: Option<&HashSet<Uuid>>,
    ) -> AppResult<Self> {
        let mut query = staff::Entity::find()
            .filter(staff::Column::OrganisationId.eq(organisation_id))
            .filter(staff::Column::Status.eq(ACTIVE));
        // A part of the organisation reads only its people.
        let whole = match units {
            Some(units) => org_unit_count(db, organisation_id).await? == units.len(),
            None => true,
        };
        if let Some(units) = units.filter(|_| !whole) {
            query = query.filter(staff::Column::OrgUnitId.is_in(units.iter().copied()));
        }
        let mut cohort = Self::of_people(db, organisation_id, query.all(db).await?).await?;
        cohort.only_started = true;
        Ok(cohort)
    }

    /// These people.
    pub async fn of_people(
        db: &impl ConnectionTrait,
        organisation_id: Uuid,
        people: Vec<staff::Model>,
    ) -> AppResult<Self> {
        let rules = policy::rules_of(db, organisation_id)
            .await?
            .iter()
            .filter_map(policy::as_rule)
            .collect();
        let parents = policy::unit_parents(db, organisation_id).await?;
        Ok(Self {
            organisation_id,
            people,
            only_started: false,
            rules,
            parents,
        })
    }

    /// The people, as loaded.
    pub fn people(&self) -> &[staff::Model] {
        &self.people
    }

    /// The same cohort narrowed to some of its people.
    pub fn only(&self, keep: impl Fn(&staff::Model) -> bool) -> Self {
        Self {
            organisation_id: self.organisation_id,
            people: self.people.iter().filter(|p| keep(p)).cloned().collect(),
            only_started: self.only_started,
            rules: self.rules.clone(),
            parents: self.parents.clone(),
        }
    }

    /// The first day whose sessions can make anyone compliant on `as_at`.
    pub fn window_start(&self, as_at: NaiveDate) -> NaiveDate {
        as_at
            .checked_sub_days(Days::new(u64::from(longest_interval(&self.rules))))
            .unwrap_or(NaiveDate::MIN)
    }

    /// Each person (who had started by `as_at`, for a report), judged then
    /// from `last`.
    pub async fn judge(
        &self,
        db: &impl ConnectionTrait,
        last: &LastFormal,
        as_at: NaiveDate,
    ) -> AppResult<Vec<(&staff::Model, Vec<CategoryStanding>)>> {
        let people: Vec<&staff::Model> = self
            .people
            .iter()
            .filter(|p| !self.only_started || p.start_date <= as_at)
            .collect();
        let ids: Vec<Uuid> = people.iter().map(|p| p.id).collect();
        let mut roles = directory::roles_of_many(db, self.organisation_id, &ids, as_at).await?;
        Ok(people
            .into_iter()
            .map(|person| {
                let facts = PersonFacts {
                    staff_id: person.id,
                    unit_chain: policy::unit_chain(&self.parents, person.org_unit_id),
                    profession: person.profession.clone(),
                    roles: roles.remove(&person.id).unwrap_or_default(),
                };
                let policy = policy_for(&self.rules, &facts, as_at);
                let schedule = schedule_of(person);
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
                (person, standings)
            })
            .collect())
    }

    /// Everyone's standings as at a day, with their last dates.
    pub async fn reports(
        &self,
        db: &impl ConnectionTrait,
        as_at: NaiveDate,
    ) -> AppResult<Vec<PersonReport>> {
        let listed = self.listed();
        let reach = Reach {
            people: listed.as_deref(),
            since: None,
        };
        let last = last_formal(db, self.organisation_id, as_at, reach).await?;
        Ok(self
            .judge(db, &last, as_at)
            .await?
            .into_iter()
            .map(|(person, standings)| PersonReport {
                person: person.clone(),
                standings,
            })
            .collect())
    }

    /// Everyone counted as at a day, and the standings of those `listed`:
    /// a team's or service's is one exact reading; a large part of the
    /// organisation is counted from the window and only the listed people
    /// are read in full.
    pub async fn counted_and_listed(
        &self,
        db: &impl ConnectionTrait,
        as_at: NaiveDate,
        listed: impl Fn(&staff::Model) -> bool,
    ) -> AppResult<(Vec<Counted>, Vec<PersonReport>)> {
        if self.listed().is_some() {
            let reports = self.reports(db, as_at).await?;
            let counted = reports
                .iter()
                .map(|r| Counted::new(r.person.org_unit_id, &r.standings))
                .collect();
            let listed = reports.into_iter().filter(|r| listed(&r.person)).collect();
            return Ok((counted, listed));
        }
        let counted = self.counted(db, as_at).await?;
        let listed = self.only(listed).reports(db, as_at).await?;
        Ok((counted, listed))
    }

    /// Who is within their interval at each of several days (the trend),
    /// from one pass over the table.
    pub async fn counted_on_each(
        &self,
        db: &impl ConnectionTrait,
        days: &[NaiveDate],
    ) -> AppResult<Vec<Vec<Counted>>> {
        let judged: Vec<Judged> = days
            .iter()
            .map(|&as_at| Judged {
                as_at,
                since: Some(self.window_start(as_at)),
            })
            .collect();
        let listed = self.listed();
        let lasts =
            last_formal_on_each(db, self.organisation_id, &judged, listed.as_deref()).await?;
        let mut counted = Vec::with_capacity(days.len());
        for (last, &as_at) in lasts.iter().zip(days) {
            counted.push(
                self.judge(db, last, as_at)
                    .await?
                    .into_iter()
                    .map(|(person, standings)| Counted::new(person.org_unit_id, &standings))
                    .collect(),
            );
        }
        Ok(counted)
    }

    /// Who is within their interval as at a day, per person's unit: for
    /// percentages, without last dates.
    pub async fn counted(
        &self,
        db: &impl ConnectionTrait,
        as_at: NaiveDate,
    ) -> AppResult<Vec<Counted>> {
        Ok(self
            .counted_on_each(db, &[as_at])
            .await?
            .pop()
            .unwrap_or_default())
    }

    /// Whose sessions to read by id: a few people's are a few index
    /// look-ups; thousands (a whole trust) are cheaper as one pass over
    /// everyone's.
    fn listed(&self) -> Option<Vec<Uuid>> {
        (self.people.len() <= PEOPLE_PER_QUERY * 4)
            .then(|| self.people.iter().map(|p| p.id).collect())
    }
}

/// One person as a report counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// Their unit.
    pub org_unit_id: Uuid,
    /// Within their interval (compliant or due soon), per category in
    /// `CATEGORIES` order.
    pub within: [bool; 3],
}

impl Counted {
    /// From a person's standings.
    pub fn new(org_unit_id: Uuid, standings: &[CategoryStanding]) -> Self {
        let mut within = [false; 3];
        for (slot, s) in within.iter_mut().zip(standings) {
            // Due soon is not late: the person is within their interval.
            *slot = matches!(
                s.status,
                ComplianceStatus::Compliant | ComplianceStatus::DueSoon
            );
        }
        Self {
            org_unit_id,
            within,
        }
    }
}

/// Everyone active in these units (and started by `as_at`), judged as at
/// that date, with their last dates.
pub async fn people_in(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    units: &HashSet<Uuid>,
    as_at: NaiveDate,
) -> AppResult<Vec<PersonReport>> {
    Cohort::of_units(db, organisation_id, Some(units))
        .await?
        .reports(db, as_at)
        .await
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
    pub fn add(&mut self, person: &Counted) {
        self.people += 1;
        for (count, within) in self.compliant.iter_mut().zip(person.within) {
            *count += u32::from(within);
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

/// A unit the viewer may report on, with its children: within their
/// senior-manager scope; anything else is not found.
pub async fn unit_in_scope(
    db: &impl ConnectionTrait,
    viewer: &crate::auth::Viewer,
    unit: Uuid,
) -> AppResult<(UnitNode, Vec<UnitNode>)> {
    require_in_scope(db, viewer, unit).await?;
    unit_and_children(db, viewer.organisation_id, unit).await
}

/// A unit the viewer may report on: within their senior-manager scope.
/// Anything else is not found, as if it did not exist.
async fn require_in_scope(
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
