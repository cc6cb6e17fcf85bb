//! Everyone a compliance report covers (F5.4–F5.6), judged by the one rule
//! in `shared`.
//!
//! Most people at a trust are on the organisation's own policy and no
//! schedule: for them "within their interval" is one comparison of their
//! last session with a cut-off day, so the figures for a report as at today
//! or later are counted by the database per unit, reading no person into
//! memory. Everyone else (a schedule, or a rule naming their unit,
//! profession or person) is read and judged one by one, as is everyone for
//! a day in the past or a list of people. The property test in the report
//! tests checks on random histories that the counts and the one-by-one
//! judgements agree.

use std::collections::{HashMap, HashSet};

use chrono::{Days, NaiveDate};
use sea_orm::{ConnectionTrait, FromQueryResult};
use supervision_shared::compliance::{
    CategoryStanding, Policy, judge_person, within_interval_since,
};
use supervision_shared::policy::{
    PersonFacts, PolicyRule, PolicyScope, longest_interval, policy_for,
};
use supervision_shared::schedule::SchedulePlan;
use uuid::Uuid;

use super::member::{Member, schedule_of};
use super::report::{
    CATEGORIES, Counted, Figures, Judged, LastFormal, PersonReport, Reach, keep_last, last_formal,
    last_formal_on_each, latest_formal, newest_session,
};
use super::schedule;
use crate::db::Binds;
use crate::error::AppResult;
use crate::service::directory;
use crate::service::directory::ACTIVE;
use crate::service::units::{self, Branch, Parents, UnitNode};

mod policies;

use super::policy::rules_in;
use policies::Policies;

/// Figures per unit (each person counted in their own unit).
pub type ByUnit = HashMap<Uuid, Figures>;

/// A few units' people are read by unit; more are read whole and sifted.
const UNITS_PER_QUERY: usize = 1000;

/// Up to this many people, sessions are read by person.
const LISTED_PEOPLE: usize = 2000;

/// Whom a cohort covers.
#[derive(Debug, Clone)]
enum Whom {
    /// Everyone employed in these units on the day judged.
    Units(HashSet<Uuid>),
    /// These people, whatever their start date.
    People(Vec<Member>),
}

/// Whom the directory is read for.
#[derive(Debug, Clone, Copy)]
enum Employed {
    /// Employed on this day.
    On(NaiveDate),
    /// Employed on some day from this one on (each day judged then keeps
    /// its own).
    Since(NaiveDate),
}

/// Everyone a report covers, with what judging them needs: the policy's
/// rules and the units above theirs.
pub struct Cohort {
    organisation_id: Uuid,
    whom: Whom,
    rules: Vec<PolicyRule>,
    plans: Vec<SchedulePlan>,
    parents: Parents,
}

impl Cohort {
    /// Everyone employed in these units on the day judged; `parents` places
    /// each of the units in the tree (`units::Branch`).
    pub async fn of_units(
        db: &impl ConnectionTrait,
        organisation_id: Uuid,
        units: &HashSet<Uuid>,
        parents: Parents,
    ) -> AppResult<Self> {
        Ok(Self {
            organisation_id,
            whom: Whom::Units(units.clone()),
            rules: rules_in(db, organisation_id).await?,
            plans: schedule::plans_of(db, organisation_id).await?,
            parents,
        })
    }

    /// Everyone employed in a unit of a branch or below it.
    pub async fn under(
        db: &impl ConnectionTrait,
        organisation_id: Uuid,
        unit: &UnitNode,
        branch: &Branch,
    ) -> AppResult<Self> {
        Self::of_units(db, organisation_id, &unit.subtree, branch.parents().clone()).await
    }

    /// Everyone employed in the organisation (on the day judged).
    pub async fn of_organisation(
        db: &impl ConnectionTrait,
        organisation_id: Uuid,
    ) -> AppResult<Self> {
        let parents = units::all_parents(db, organisation_id).await?;
        let all: HashSet<Uuid> = parents.keys().copied().collect();
        Self::of_units(db, organisation_id, &all, parents).await
    }

    /// These people.
    pub async fn of_people(
        db: &impl ConnectionTrait,
        organisation_id: Uuid,
        people: Vec<Member>,
    ) -> AppResult<Self> {
        let units: Vec<Uuid> = people.iter().map(|p| p.org_unit_id).collect();
        Ok(Self {
            organisation_id,
            parents: units::ancestry(db, organisation_id, &units).await?,
            whom: Whom::People(people),
            rules: rules_in(db, organisation_id).await?,
            plans: schedule::plans_of(db, organisation_id).await?,
        })
    }

    /// The same rules and tree for everyone employed in other units (within
    /// those already placed).
    pub fn in_units(&self, units: HashSet<Uuid>) -> Self {
        Self {
            organisation_id: self.organisation_id,
            whom: Whom::Units(units),
            rules: self.rules.clone(),
            plans: self.plans.clone(),
            parents: self.parents.clone(),
        }
    }

    /// The same rules and tree for some of the people in its units (a page
    /// of them), judged whatever their units.
    pub fn with_people(&self, people: Vec<Member>) -> Self {
        Self {
            organisation_id: self.organisation_id,
            whom: Whom::People(people),
            rules: self.rules.clone(),
            plans: self.plans.clone(),
            parents: self.parents.clone(),
        }
    }

    /// The first day whose sessions can make anyone compliant on `as_at`.
    pub fn window_start(&self, as_at: NaiveDate) -> NaiveDate {
        as_at
            .checked_sub_days(Days::new(u64::from(longest_interval(&self.rules))))
            .unwrap_or(NaiveDate::MIN)
    }

    /// Everyone's standings as at a day, with their last dates.
    pub async fn reports(
        &self,
        db: &impl ConnectionTrait,
        as_at: NaiveDate,
    ) -> AppResult<Vec<PersonReport>> {
        let (people, latest) = self.load(db, None, as_at).await?;
        let of_past;
        let last = if is_current(newest_session(db, self.organisation_id).await?, as_at) {
            &latest
        } else {
            of_past = self.last_on(db, &people, as_at).await?;
            &of_past
        };
        Ok(self
            .judge(db, &people, last, as_at)
            .await?
            .into_iter()
            .map(|(person, standings)| PersonReport {
                person: person.clone(),
                standings,
            })
            .collect())
    }

    /// Figures per unit as at a day.
    pub async fn figures(&self, db: &impl ConnectionTrait, as_at: NaiveDate) -> AppResult<ByUnit> {
        Ok(self
            .figures_on_each(db, &[as_at])
            .await?
            .pop()
            .unwrap_or_default())
    }

    /// Figures per unit at each of several days (the trend), in the order
    /// given. A day on its own on or after everyone's last session is
    /// counted from the last dates kept per person; any other day, and
    /// several days (today's month-end among the trend's twelve), from one
    /// pass over the sessions in their windows, which the days share.
    pub async fn figures_on_each(
        &self,
        db: &impl ConnectionTrait,
        days: &[NaiveDate],
    ) -> AppResult<Vec<ByUnit>> {
        let Some(&earliest) = days.iter().min() else {
            return Ok(Vec::new());
        };
        if let &[as_at] = days
            && is_current(newest_session(db, self.organisation_id).await?, as_at)
        {
            return Ok(vec![self.figures_now(db, as_at).await?]);
        }
        let judged: Vec<Judged> = days
            .iter()
            .map(|&as_at| Judged {
                as_at,
                since: Some(self.window_start(as_at)),
            })
            .collect();
        let people = self.members(db, earliest).await?;
        let listed = self.listed(&people);
        let of_each =
            last_formal_on_each(db, self.organisation_id, &judged, listed.as_deref()).await?;
        let mut figures = Vec::with_capacity(days.len());
        for (&as_at, last) in days.iter().zip(&of_each) {
            figures.push(by_unit(self.judge(db, &people, last, as_at).await?));
        }
        Ok(figures)
    }

    /// Figures as at a day on or after everyone's last session: the plain
    /// majority counted by the database, the rest judged one by one.
    async fn figures_now(&self, db: &impl ConnectionTrait, as_at: NaiveDate) -> AppResult<ByUnit> {
        let Some(plain) = self.plain(as_at) else {
            let (people, latest) = self.load(db, None, as_at).await?;
            return Ok(by_unit(self.judge(db, &people, &latest, as_at).await?));
        };
        let (mut figures, (people, latest)) = tokio::try_join!(
            self.count_plain(db, &plain, as_at),
            self.load(db, Some(&plain), as_at),
        )?;
        for (unit, f) in by_unit(self.judge(db, &people, &latest, as_at).await?) {
            figures.entry(unit).or_default().merge(&f);
        }
        Ok(figures)
    }

    /// Who is plain on a day, when counting can be left to the database:
    /// not for a list of people, nor under a rule for a role (roles are
    /// read per person), nor when the exceptions are too many to name.
    fn plain(&self, as_at: NaiveDate) -> Option<Plain> {
        let Whom::Units(units) = &self.whom else {
            return None;
        };
        let in_force: Vec<&PolicyRule> = self.rules.iter().filter(|r| r.in_force(as_at)).collect();
        let mut plain = Plain {
            policy: policy_for(
                &self.rules,
                &PersonFacts {
                    staff_id: Uuid::nil(),
                    unit_chain: Vec::new(),
                    profession: String::new(),
                    roles: Vec::new(),
                },
                as_at,
            ),
            units: Vec::new(),
            professions: Vec::new(),
            people: Vec::new(),
        };
        for rule in in_force {
            match &rule.scope {
                PolicyScope::Organisation => {}
                PolicyScope::Role(_) => return None,
                PolicyScope::Person(id) => plain.people.push(*id),
                PolicyScope::Profession(p) => plain.professions.push(p.to_ascii_lowercase()),
                PolicyScope::OrgUnit(top) => plain.units.extend(units.iter().filter(|&&u| {
                    crate::service::units::unit_chain(&self.parents, u).contains(top)
                })),
            }
        }
        let named = plain.units.len() + plain.professions.len() + plain.people.len();
        (named <= UNITS_PER_QUERY).then_some(plain)
    }

    /// The plain people per unit, counted by the database.
    async fn count_plain(
        &self,
        db: &impl ConnectionTrait,
        plain: &Plain,
        as_at: NaiveDate,
    ) -> AppResult<ByUnit> {
        #[derive(FromQueryResult)]
        struct Row {
            unit: Uuid,
            people: i64,
            clinical: i64,
            management: i64,
            case_kind: i64,
            /// Those who hold a caseload: case supervision is not required
            /// of the rest.
            case_required: i64,
        }
        let mut binds = Binds::new(db.get_database_backend());
        // Within the interval: the last session on or after the cut-off.
        let [cut_c, cut_m, cut_k] =
            CATEGORIES.map(|c| binds.bind(within_interval_since(&plain.policy, c, as_at)));
        let caseload = binds.bind(true);
        let whose = self.whose(&mut binds, Employed::On(as_at), Some((plain, true)));
        let sql = format!(
            "SELECT s.org_unit_id AS unit, COUNT(*) AS people, \
               SUM(CASE WHEN l.last_clinical >= {cut_c} THEN 1 ELSE 0 END) AS clinical, \
               SUM(CASE WHEN l.last_management >= {cut_m} THEN 1 ELSE 0 END) AS management, \
               SUM(CASE WHEN s.holds_caseload = {caseload} AND l.last_case >= {cut_k} \
                 THEN 1 ELSE 0 END) AS case_kind, \
               SUM(CASE WHEN s.holds_caseload = {caseload} THEN 1 ELSE 0 END) AS case_required \
             FROM staff s LEFT JOIN formal_latest l \
               ON l.staff_id = s.id AND l.organisation_id = s.organisation_id \
             WHERE {whose} GROUP BY s.org_unit_id"
        );
        let rows = Row::find_by_statement(binds.statement(sql)).all(db).await?;
        let count = |n: i64| u32::try_from(n).unwrap_or(u32::MAX);
        Ok(rows
            .into_iter()
            .filter(|row| self.covers(row.unit))
            .map(|row| {
                let figures = Figures {
                    people: count(row.people),
                    required: [
                        count(row.people),
                        count(row.people),
                        count(row.case_required),
                    ],
                    compliant: [
                        count(row.clinical),
                        count(row.management),
                        count(row.case_kind),
                    ],
                };
                (row.unit, figures)
            })
            .collect())
    }

    /// The condition on `s` (staff) for the people read: employed (on a
    /// day, or on some day from one on), in the cohort's units (when few
    /// enough to name), and plain or not (when asked).
    fn whose(
        &self,
        binds: &mut Binds,
        employed: Employed,
        plain: Option<(&Plain, bool)>,
    ) -> String {
        let mut sql = format!("s.organisation_id = {}", binds.bind(self.organisation_id));
        // A leaver without a leaving date (not one the import makes) counts
        // on no day.
        let active = binds.bind(ACTIVE);
        match employed {
            Employed::On(day) => {
                let day = binds.bind(day);
                sql.push_str(&format!(
                    " AND s.start_date <= {day} AND (s.leaving_date IS NULL OR s.leaving_date >= {day}) \
                     AND (s.status = {active} OR s.leaving_date IS NOT NULL)"
                ));
            }
            Employed::Since(day) => {
                sql.push_str(&format!(
                    " AND (s.status = {active} OR s.leaving_date >= {})",
                    binds.bind(day)
                ));
            }
        }
        if let Whom::Units(units) = &self.whom
            && units.len() <= UNITS_PER_QUERY
        {
            sql.push_str(&format!(
                " AND s.org_unit_id IN ({})",
                binds.list(units.iter().copied())
            ));
        }
        if let Some((plain, wanted)) = plain {
            // No schedule, and named by no rule but the organisation's.
            let mut is_plain = format!(
                "s.newly_qualified = {no} AND s.probation = {no}",
                no = binds.bind(false)
            );
            if !plain.units.is_empty() {
                let list = binds.list(plain.units.iter().copied());
                is_plain.push_str(&format!(" AND s.org_unit_id NOT IN ({list})"));
            }
            if !plain.professions.is_empty() {
                // LOWER folds at least what the rule's ASCII comparison
                // does, so nobody the rule names is counted as plain.
                let list = binds.list(plain.professions.iter().cloned());
                is_plain.push_str(&format!(" AND LOWER(s.profession) NOT IN ({list})"));
            }
            if !plain.people.is_empty() {
                let list = binds.list(plain.people.iter().copied());
                is_plain.push_str(&format!(" AND s.id NOT IN ({list})"));
            }
            sql.push_str(&match wanted {
                true => format!(" AND {is_plain}"),
                false => format!(" AND NOT ({is_plain})"),
            });
        }
        sql
    }

    /// Whether a unit is one of the cohort's.
    fn covers(&self, unit: Uuid) -> bool {
        match &self.whom {
            Whom::Units(units) => units.contains(&unit),
            Whom::People(_) => true,
        }
    }

    /// The people (all, or all but the plain), with their last sessions
    /// of all: two reads at once on two connections.
    async fn load(
        &self,
        db: &impl ConnectionTrait,
        except: Option<&Plain>,
        from: NaiveDate,
    ) -> AppResult<(Vec<Member>, LastFormal)> {
        if let Whom::People(people) = &self.whom {
            let ids: Vec<Uuid> = people.iter().map(|p| p.id).collect();
            return Ok((
                people.clone(),
                latest_formal(db, self.organisation_id, &ids).await?,
            ));
        }
        if let Some(plain) = except {
            return self.load_exceptions(db, plain, from).await;
        }
        let latest = async {
            let mut binds = Binds::new(db.get_database_backend());
            let whose = self.whose(&mut binds, Employed::Since(from), None);
            let sql = format!(
                "SELECT l.staff_id, l.last_clinical, l.last_management, l.last_case \
                 FROM staff s JOIN formal_latest l \
                   ON l.staff_id = s.id AND l.organisation_id = s.organisation_id \
                 WHERE {whose}"
            );
            super::report::read_latest(db, binds.statement(sql)).await
        };
        tokio::try_join!(self.members(db, from), latest)
    }

    /// Everyone the cohort covers who is employed on `from` or after it:
    /// each day judged keeps those employed on it.
    async fn members(&self, db: &impl ConnectionTrait, from: NaiveDate) -> AppResult<Vec<Member>> {
        if let Whom::People(people) = &self.whom {
            return Ok(people.clone());
        }
        let mut binds = Binds::new(db.get_database_backend());
        let whose = self.whose(&mut binds, Employed::Since(from), None);
        let sql = format!(
            "SELECT s.id, s.org_unit_id, s.profession, s.start_date, s.leaving_date, \
               s.newly_qualified, s.probation, s.holds_caseload FROM staff s WHERE {whose}"
        );
        let mut people = Member::find_by_statement(binds.statement(sql))
            .all(db)
            .await?;
        people.retain(|p| self.covers(p.org_unit_id));
        Ok(people)
    }

    /// The people who are not plain, with their last sessions of all: few
    /// as a rule, so one read with both.
    async fn load_exceptions(
        &self,
        db: &impl ConnectionTrait,
        plain: &Plain,
        from: NaiveDate,
    ) -> AppResult<(Vec<Member>, LastFormal)> {
        #[derive(FromQueryResult)]
        struct Row {
            #[sea_orm(nested)]
            member: Member,
            last_clinical: Option<NaiveDate>,
            last_management: Option<NaiveDate>,
            last_case: Option<NaiveDate>,
        }
        let mut binds = Binds::new(db.get_database_backend());
        let whose = self.whose(&mut binds, Employed::Since(from), Some((plain, false)));
        let sql = format!(
            "SELECT s.id, s.org_unit_id, s.profession, s.start_date, s.leaving_date, \
               s.newly_qualified, s.probation, s.holds_caseload, l.last_clinical, l.last_management, l.last_case \
             FROM staff s LEFT JOIN formal_latest l \
               ON l.staff_id = s.id AND l.organisation_id = s.organisation_id \
             WHERE {whose}"
        );
        let mut people = Vec::new();
        let mut latest = LastFormal::default();
        for row in Row::find_by_statement(binds.statement(sql)).all(db).await? {
            if self.covers(row.member.org_unit_id) {
                keep_last(
                    &mut latest,
                    row.member.id,
                    [row.last_clinical, row.last_management, row.last_case],
                );
                people.push(row.member);
            }
        }
        Ok((people, latest))
    }

    /// A page of the people a report of these units as at a day counts
    /// (the same rule: employed that day, in the units), in the order of
    /// their ids, after `after`: how a BI tool reads a whole trust a
    /// thousand at a time.
    pub async fn page_of_members(
        &self,
        db: &impl ConnectionTrait,
        as_at: NaiveDate,
        after: Option<Uuid>,
        count: usize,
    ) -> AppResult<Vec<Member>> {
        let mut page = Vec::with_capacity(count);
        let mut cursor = after;
        while page.len() < count {
            let wanted = count - page.len();
            let mut binds = Binds::new(db.get_database_backend());
            let whose = self.whose(&mut binds, Employed::On(as_at), None);
            let after = cursor
                .map(|id| format!(" AND s.id > {}", binds.bind(id)))
                .unwrap_or_default();
            let sql = format!(
                "SELECT s.id, s.org_unit_id, s.profession, s.start_date, s.leaving_date, \
                   s.newly_qualified, s.probation, s.holds_caseload FROM staff s \
                 WHERE {whose}{after} ORDER BY s.id LIMIT {wanted}"
            );
            let batch = Member::find_by_statement(binds.statement(sql))
                .all(db)
                .await?;
            let exhausted = batch.len() < wanted;
            cursor = batch.last().map(|m| m.id);
            // Too many units to name in the query: the rest are sifted here.
            page.extend(batch.into_iter().filter(|m| self.covers(m.org_unit_id)));
            if exhausted {
                break;
            }
        }
        Ok(page)
    }

    /// The schedule a person was on on a day, as the report judges them.
    pub fn schedule_on(&self, person: &Member, day: NaiveDate) -> supervision_shared::Schedule {
        schedule_of(person, &self.plans, day)
    }

    /// Each person's policy on a day, for a cohort of people (empty for one
    /// of units): what judges them, and so what everything else that asks
    /// "how often, for this person" reads (the cases due for discussion).
    pub async fn policies_on(
        &self,
        db: &impl ConnectionTrait,
        day: NaiveDate,
    ) -> AppResult<HashMap<Uuid, Policy>> {
        let Whom::People(people) = &self.whom else {
            return Ok(HashMap::new());
        };
        let people: Vec<&Member> = people.iter().collect();
        self.policy_each(db, &people, day).await
    }

    /// The policy of each of `people` on `day`: a policy worked out once
    /// per distinct set of facts the rules read, their roles fetched only
    /// when a rule names a role.
    async fn policy_each(
        &self,
        db: &impl ConnectionTrait,
        people: &[&Member],
        day: NaiveDate,
    ) -> AppResult<HashMap<Uuid, Policy>> {
        let mut policies = Policies::new(&self.rules, &self.parents, day);
        let mut roles = self.roles_if_read(db, &policies, people, day).await?;
        Ok(people
            .iter()
            .map(|p| {
                (
                    p.id,
                    policies.of(p, || roles.remove(&p.id).unwrap_or_default()),
                )
            })
            .collect())
    }

    /// The people's roles on a day when a rule names a role; none (and no
    /// read) otherwise.
    async fn roles_if_read(
        &self,
        db: &impl ConnectionTrait,
        policies: &Policies<'_>,
        people: &[&Member],
        day: NaiveDate,
    ) -> AppResult<HashMap<Uuid, Vec<supervision_shared::Role>>> {
        if !policies.by_role {
            return Ok(HashMap::new());
        }
        let ids: Vec<Uuid> = people.iter().map(|p| p.id).collect();
        directory::roles_of_many(db, self.organisation_id, &ids, day).await
    }

    /// These people's last sessions on or before a day in the past.
    async fn last_on(
        &self,
        db: &impl ConnectionTrait,
        people: &[Member],
        as_at: NaiveDate,
    ) -> AppResult<LastFormal> {
        let listed = self.listed(people);
        let reach = Reach {
            people: listed.as_deref(),
            since: None,
        };
        last_formal(db, self.organisation_id, as_at, reach).await
    }

    /// Each person (employed on `as_at`, for a unit's report), judged then
    /// from `last`.
    async fn judge<'p>(
        &self,
        db: &impl ConnectionTrait,
        people: &'p [Member],
        last: &LastFormal,
        as_at: NaiveDate,
    ) -> AppResult<Vec<(&'p Member, Vec<CategoryStanding>)>> {
        // A unit's report counts whoever was employed on its day; named
        // people (My supervisees) are judged whatever the day.
        let by_unit = matches!(self.whom, Whom::Units(_));
        let people: Vec<&Member> = people
            .iter()
            .filter(|p| !by_unit || p.employed_on(as_at))
            .collect();
        let mut policies = Policies::new(&self.rules, &self.parents, as_at);
        let mut roles = self.roles_if_read(db, &policies, &people, as_at).await?;
        Ok(people
            .into_iter()
            .map(|person| {
                let policy = policies.of(person, || roles.remove(&person.id).unwrap_or_default());
                let schedule = schedule_of(person, &self.plans, as_at);
                let standings = CATEGORIES
                    .iter()
                    .map(|&c| {
                        judge_person(
                            &policy,
                            &schedule,
                            person.holds_caseload,
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

    /// Whose sessions to read by id: a few people's are a few index
    /// look-ups; thousands (a whole trust) are cheaper as one pass over
    /// everyone's.
    fn listed(&self, people: &[Member]) -> Option<Vec<Uuid>> {
        (people.len() <= LISTED_PEOPLE).then(|| people.iter().map(|p| p.id).collect())
    }
}

/// Whether a day is on or after the organisation's last session, so that
/// everyone's last session on or before it is their last of all.
fn is_current(newest: Option<NaiveDate>, as_at: NaiveDate) -> bool {
    newest.is_none_or(|n| n <= as_at)
}

/// Judged people added up per unit.
fn by_unit(judged: Vec<(&Member, Vec<CategoryStanding>)>) -> ByUnit {
    let mut figures = ByUnit::new();
    for (person, standings) in judged {
        figures
            .entry(person.org_unit_id)
            .or_default()
            .add(&Counted::new(person.org_unit_id, &standings));
    }
    figures
}

/// Who is plain on a day: on the organisation's policy (`policy`) and no
/// schedule, and none of these.
struct Plain {
    policy: Policy,
    /// Units a rule in force names, or is above.
    units: Vec<Uuid>,
    /// Professions a rule in force names, in lower case.
    professions: Vec<String>,
    /// People a rule in force names.
    people: Vec<Uuid>,
}
