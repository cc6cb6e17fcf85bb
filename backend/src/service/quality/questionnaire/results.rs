//! A questionnaire cycle's results (F8.2): answers added up for a group,
//! never shown per person. Which groups may be shown is decided for the
//! whole cycle at once by `quality::publishable`, so that no two groups
//! anyone is shown differ by fewer than the threshold of people, however
//! the filters are combined; each viewer is then shown only the groups
//! their role reaches (`access::questionnaire`). Nothing is shown while
//! the cycle is open: totals that change as answers come in would tell
//! each new answer apart.
//!
//! Working out a cycle's disclosure reads every answer, so a request keeps
//! what it worked out ([`Disclosures`]): the results page asks for the
//! groups and one group's totals at once, and pays for it once.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use supervision_shared::quality::publishable;
use supervision_shared::quality::questionnaire::{Answer, Question, QuestionTotals, totals};
use uuid::Uuid;

use super::{find, questions_of};
use crate::auth::Viewer;
use crate::entity::{questionnaire_cycle, questionnaire_response, staff};
use crate::error::{AppError, AppResult};
use crate::service::access::{ResultsFilter, results_reader};

/// Why a group's results are not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// The cycle still takes answers.
    StillOpen,
    /// Fewer than the threshold answered in it, or showing it would let
    /// someone work out fewer than that many people's answers.
    TooFew,
}

/// One group's results.
#[derive(Debug, Clone)]
pub struct GroupResults {
    /// The cycle.
    pub cycle: questionnaire_cycle::Model,
    /// Its questions.
    pub questions: Vec<Question>,
    /// The group asked for.
    pub filter: ResultsFilter,
    /// How many in the group answered; none when hidden.
    pub answered: Option<usize>,
    /// Per question, in order; empty when hidden.
    pub totals: Vec<QuestionTotals>,
    /// Why nothing is shown, if it is not.
    pub hidden: Option<Hidden>,
}

/// A group shown to the viewer, and how many answered in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShownGroup {
    /// The unit or the supervisor.
    pub id: Uuid,
    /// How many answered.
    pub answered: usize,
}

/// The units and supervisors whose results the viewer may open in a
/// closed cycle, largest first.
#[derive(Debug, Clone, Default)]
pub struct ShownGroups {
    /// Units (each with everything below it).
    pub units: Vec<ShownGroup>,
    /// Supervisors (by their supervisees' answers).
    pub supervisors: Vec<ShownGroup>,
}

/// The results of `cycle_id` for the group `filter` names, if the viewer
/// may read that group at all (`NotFound` otherwise).
pub async fn results(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    cycle_id: Uuid,
    filter: ResultsFilter,
    disclosures: &Disclosures,
) -> AppResult<GroupResults> {
    let reader = results_reader(db, viewer).await?;
    let cycle = find(db, viewer, cycle_id).await?;
    let questions = questions_of(&cycle)?;
    let hidden = |hidden| GroupResults {
        cycle: cycle.clone(),
        questions: questions.clone(),
        filter,
        answered: None,
        totals: Vec::new(),
        hidden: Some(hidden),
    };
    if still_open(&cycle, viewer) {
        // Whether they may read the group at all still matters (NOT_FOUND
        // otherwise), but not the answers: only the supervisor's team.
        let team = match filter.supervisor {
            Some(person) => team_of(db, cycle.organisation_id, person).await?,
            None => None,
        };
        if !reader.may_read(filter, |_| team) {
            return Err(AppError::NotFound);
        }
        return Ok(hidden(Hidden::StillOpen));
    }
    let shown = disclosures.of(db, &cycle).await?;
    if !reader.may_read(filter, |person| shown.team_of.get(&person).copied()) {
        return Err(AppError::NotFound);
    }
    let key = GroupKey::of(filter);
    let Some(members) = shown
        .groups
        .get(&key)
        .filter(|_| shown.shown.contains(&key))
    else {
        return Ok(hidden(Hidden::TooFew));
    };
    let totals = totals(
        &questions,
        members.iter().map(|&i| shown.answers[i].as_slice()),
    );
    Ok(GroupResults {
        answered: Some(members.len()),
        totals,
        hidden: None,
        questions,
        filter,
        cycle,
    })
}

/// The units and supervisors of a closed cycle the viewer may open, each
/// shown; none while it is open.
pub async fn shown_groups(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    cycle_id: Uuid,
    disclosures: &Disclosures,
) -> AppResult<ShownGroups> {
    let reader = results_reader(db, viewer).await?;
    let cycle = find(db, viewer, cycle_id).await?;
    if still_open(&cycle, viewer) {
        return Ok(ShownGroups::default());
    }
    let shown = disclosures.of(db, &cycle).await?;
    let team_of = |person: Uuid| shown.team_of.get(&person).copied();
    let mut groups = ShownGroups::default();
    for key in &shown.shown {
        let answered = shown.groups.get(key).map_or(0, Vec::len);
        match *key {
            GroupKey::Unit(id) if reader.may_read(GroupKey::Unit(id).filter(), team_of) => {
                groups.units.push(ShownGroup { id, answered });
            }
            GroupKey::Supervisor(id)
                if reader.may_read(GroupKey::Supervisor(id).filter(), team_of) =>
            {
                groups.supervisors.push(ShownGroup { id, answered });
            }
            _ => {}
        }
    }
    for list in [&mut groups.units, &mut groups.supervisors] {
        list.sort_by(|a, b| b.answered.cmp(&a.answered).then(a.id.cmp(&b.id)));
    }
    Ok(groups)
}

/// The disclosures one request has worked out, by cycle.
#[derive(Default)]
pub struct Disclosures(tokio::sync::Mutex<HashMap<Uuid, Arc<Disclosure>>>);

impl Disclosures {
    /// The cycle's disclosure, worked out on first asking. The lock is held
    /// while it is worked out, so a second question in the same request
    /// waits for the first answer rather than reading the answers again.
    async fn of(
        &self,
        db: &impl ConnectionTrait,
        cycle: &questionnaire_cycle::Model,
    ) -> AppResult<Arc<Disclosure>> {
        let mut known = self.0.lock().await;
        if let Some(disclosure) = known.get(&cycle.id) {
            return Ok(Arc::clone(disclosure));
        }
        let disclosure = Arc::new(Disclosure::of(db, cycle).await?);
        known.insert(cycle.id, Arc::clone(&disclosure));
        Ok(disclosure)
    }
}

/// A supervisor's team today.
async fn team_of(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    person: Uuid,
) -> AppResult<Option<Uuid>> {
    Ok(staff::Entity::find()
        .select_only()
        .column(staff::Column::OrgUnitId)
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .filter(staff::Column::Id.eq(person))
        .into_tuple::<Uuid>()
        .one(db)
        .await?)
}

fn still_open(cycle: &questionnaire_cycle::Model, viewer: &Viewer) -> bool {
    cycle.closed_on.is_none() && viewer.today() <= cycle.closes_on
}

/// A group answers can be counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum GroupKey {
    Organisation,
    Unit(Uuid),
    Supervisor(Uuid),
    UnitSupervisor(Uuid, Uuid),
}

impl GroupKey {
    fn of(filter: ResultsFilter) -> Self {
        match (filter.unit, filter.supervisor) {
            (None, None) => Self::Organisation,
            (Some(unit), None) => Self::Unit(unit),
            (None, Some(person)) => Self::Supervisor(person),
            (Some(unit), Some(person)) => Self::UnitSupervisor(unit, person),
        }
    }

    fn filter(self) -> ResultsFilter {
        match self {
            Self::Organisation => ResultsFilter::default(),
            Self::Unit(unit) => ResultsFilter {
                unit: Some(unit),
                supervisor: None,
            },
            Self::Supervisor(person) => ResultsFilter {
                unit: None,
                supervisor: Some(person),
            },
            Self::UnitSupervisor(unit, person) => ResultsFilter {
                unit: Some(unit),
                supervisor: Some(person),
            },
        }
    }
}

/// A cycle's answers, every group they count in, and which groups may be
/// shown: the same for every viewer, so what one person is shown can never
/// be set against another's to narrow it.
struct Disclosure {
    answers: Vec<Vec<Answer>>,
    groups: HashMap<GroupKey, Vec<usize>>,
    shown: HashSet<GroupKey>,
    /// Each supervisor's team today (a senior manager reads the supervisors
    /// in their scope).
    team_of: HashMap<Uuid, Uuid>,
}

impl Disclosure {
    async fn of(db: &impl ConnectionTrait, cycle: &questionnaire_cycle::Model) -> AppResult<Self> {
        let rows = questionnaire_response::Entity::find()
            .filter(questionnaire_response::Column::OrganisationId.eq(cycle.organisation_id))
            .filter(questionnaire_response::Column::CycleId.eq(cycle.id))
            .all(db)
            .await?;
        let parents = crate::service::units::all_parents(db, cycle.organisation_id).await?;
        // The units above each unit, itself first (today's tree).
        let chain = |unit: Uuid| {
            let mut chain = vec![unit];
            let mut at = unit;
            while let Some(Some(parent)) = parents.get(&at) {
                if chain.contains(parent) || chain.len() > 32 {
                    break;
                }
                chain.push(*parent);
                at = *parent;
            }
            chain
        };
        let depth: HashMap<Uuid, usize> = parents.keys().map(|&u| (u, chain(u).len())).collect();
        let mut answers = Vec::with_capacity(rows.len());
        let mut groups: HashMap<GroupKey, Vec<usize>> = HashMap::new();
        for (i, row) in rows.iter().enumerate() {
            answers.push(
                serde_json::from_str::<Vec<Answer>>(&row.answers).map_err(|e| {
                    AppError::Internal(anyhow::anyhow!("answers of response {}: {e}", row.id))
                })?,
            );
            let units = chain(row.unit_id);
            let mut supervisors: Vec<Uuid> = [row.line_manager_id, row.clinical_supervisor_id]
                .into_iter()
                .flatten()
                .collect();
            supervisors.dedup();
            groups.entry(GroupKey::Organisation).or_default().push(i);
            for &unit in &units {
                groups.entry(GroupKey::Unit(unit)).or_default().push(i);
                for &person in &supervisors {
                    groups
                        .entry(GroupKey::UnitSupervisor(unit, person))
                        .or_default()
                        .push(i);
                }
            }
            for &person in &supervisors {
                groups
                    .entry(GroupKey::Supervisor(person))
                    .or_default()
                    .push(i);
            }
        }
        // The order groups are decided in: what most people need first.
        let order = |key: &GroupKey| -> (u8, usize, std::cmp::Reverse<usize>, GroupKey) {
            let size = std::cmp::Reverse(groups.get(key).map_or(0, Vec::len));
            match *key {
                GroupKey::Organisation => (0, 0, size, *key),
                GroupKey::Unit(u) => (1, depth.get(&u).copied().unwrap_or(0), size, *key),
                GroupKey::Supervisor(_) => (2, 0, size, *key),
                GroupKey::UnitSupervisor(u, _) => {
                    (3, depth.get(&u).copied().unwrap_or(0), size, *key)
                }
            }
        };
        let ordered: BTreeMap<_, GroupKey> = groups.keys().map(|k| (order(k), *k)).collect();
        let keys: Vec<GroupKey> = ordered.into_values().collect();
        let members: Vec<Vec<usize>> = keys.iter().map(|k| groups[k].clone()).collect();
        let threshold = usize::try_from(cycle.threshold).unwrap_or(usize::MAX);
        let shown = keys
            .iter()
            .zip(publishable(&members, rows.len(), threshold))
            .filter_map(|(key, shown)| shown.then_some(*key))
            .collect();
        let supervisors: Vec<Uuid> = groups
            .keys()
            .filter_map(|k| match k {
                GroupKey::Supervisor(person) => Some(*person),
                _ => None,
            })
            .collect();
        let mut team_of = HashMap::new();
        for chunk in supervisors.chunks(500) {
            let teams: Vec<(Uuid, Uuid)> = staff::Entity::find()
                .select_only()
                .column(staff::Column::Id)
                .column(staff::Column::OrgUnitId)
                .filter(staff::Column::OrganisationId.eq(cycle.organisation_id))
                .filter(staff::Column::Id.is_in(chunk.iter().copied()))
                .into_tuple()
                .all(db)
                .await?;
            team_of.extend(teams);
        }
        Ok(Self {
            answers,
            groups,
            shown,
            team_of,
        })
    }
}
