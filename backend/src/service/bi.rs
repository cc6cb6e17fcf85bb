//! Compliance for the organisation's BI tools (F9.5): trusts report
//! supervision compliance in Power BI and the like, refreshed daily. A BI
//! client presents a read-only token scoped to units, as a senior manager
//! is, and reads compliance only: who stands where, by what policy, never
//! a word of what was said. The people and their standings are the team
//! report's own (`compliance::cohort`), so the two never disagree.
//!
//! | file | what it does |
//! | --- | --- |
//! | [`token`] | the tokens: made, listed, revoked, presented |
//! | this file | the client, a page of people's standings, per-unit figures, every use audited |

pub mod token;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use supervision_shared::compliance::{CategoryStanding, Policy, told_on};
use uuid::Uuid;

use crate::entity::org_unit;
use crate::error::AppResult;
use crate::service::access::{ReportingScope, subtrees};
use crate::service::audit::{self, AuditEntry};
use crate::service::compliance::cohort::Cohort;
use crate::service::compliance::report::Figures;
use crate::service::directory::{self, StaffCard};
use crate::service::units::{self, Parents};

/// Who is calling: an organisation's BI tool, by the token it presented.
#[derive(Debug, Clone)]
pub struct BiClient {
    /// Whose compliance it reads.
    pub organisation_id: Uuid,
    /// Which token, for the audit log and the rate limit.
    pub token_id: Uuid,
    /// The units it reaches, each with everything below it.
    pub units: Vec<Uuid>,
    /// Today in the organisation's time zone.
    pub today: NaiveDate,
}

impl BiClient {
    /// What it may report on: the same rule as a senior manager's scope.
    pub fn scope(&self) -> ReportingScope {
        ReportingScope::of_units(self.organisation_id, self.units.clone(), self.today)
    }
}

/// One kind of supervision for one person.
#[derive(Debug, Clone)]
pub struct KindLine {
    /// The standing, told as on today (not yet due is never "overdue").
    pub standing: CategoryStanding,
    /// The days between sessions that applied on the day judged: the
    /// policy's, or a schedule's when it asked for more.
    pub interval_days: u32,
    /// Whether a schedule (newly qualified, induction) set that interval.
    pub on_schedule: bool,
}

/// One person's line.
#[derive(Debug, Clone)]
pub struct PersonLine {
    /// Who, with their team's name and employee number.
    pub card: StaffCard,
    /// Their profession.
    pub profession: String,
    /// Their unit.
    pub unit_id: Uuid,
    /// The units from the top of the organisation down to theirs, by name.
    pub unit_path: Vec<String>,
    /// On the newly qualified schedule.
    pub newly_qualified: bool,
    /// On probation (induction).
    pub probation: bool,
    /// Holds a caseload (case supervision is required).
    pub holds_caseload: bool,
    /// The policy that applied to them on the day judged.
    pub policy: Policy,
    /// Clinical, management and case, in that order.
    pub kinds: Vec<KindLine>,
}

/// A page of people.
#[derive(Debug, Clone)]
pub struct Page {
    /// The day judged.
    pub as_at: NaiveDate,
    /// The people, in the order of their ids.
    pub people: Vec<PersonLine>,
    /// Where the next page starts, when there is one.
    pub next_after: Option<Uuid>,
}

/// One unit's figures, with everything below it (as the team report).
#[derive(Debug, Clone)]
pub struct UnitLine {
    /// The unit.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// The unit above it, if any.
    pub parent_id: Option<Uuid>,
    /// The units from the top of the organisation down to it, by name.
    pub path: Vec<String>,
    /// Everyone in it and below it, counted.
    pub figures: Figures,
}

/// The organisation's tree with names, and the part of it a client reaches.
struct Tree {
    parents: Parents,
    names: HashMap<Uuid, String>,
    reached: HashSet<Uuid>,
}

impl Tree {
    async fn of(db: &impl ConnectionTrait, client: &BiClient) -> AppResult<Self> {
        let rows = org_unit::Entity::find()
            .filter(org_unit::Column::OrganisationId.eq(client.organisation_id))
            .all(db)
            .await?;
        let parents: Parents = rows.iter().map(|u| (u.id, u.parent_id)).collect();
        let reached = subtrees(&parents, &client.units);
        Ok(Self {
            names: rows.into_iter().map(|u| (u.id, u.name)).collect(),
            reached,
            parents,
        })
    }

    /// The names from the top down to a unit.
    fn path(&self, unit: Uuid) -> Vec<String> {
        let mut chain = units::unit_chain(&self.parents, unit);
        chain.reverse();
        chain
            .into_iter()
            .map(|u| self.names.get(&u).cloned().unwrap_or_default())
            .collect()
    }
}

/// A page of the people a team report of the client's units counts as at
/// a day, after `after` in the order of their ids, each with their
/// standings and the policy that judged them.
pub async fn compliance_page(
    db: &impl ConnectionTrait,
    client: &BiClient,
    as_at: NaiveDate,
    after: Option<Uuid>,
    count: usize,
) -> AppResult<Page> {
    let tree = Tree::of(db, client).await?;
    let organisation_id = client.organisation_id;
    let cohort = Cohort::of_units(db, organisation_id, &tree.reached, tree.parents.clone()).await?;
    let mut members = cohort
        .page_of_members(db, as_at, after, count.saturating_add(1))
        .await?;
    let next_after = (members.len() > count).then(|| {
        members.truncate(count);
        members.last().map(|m| m.id)
    });
    // The page is judged with the rules and tree already read for the units.
    let people = cohort.with_people(members);
    let (reports, policies) =
        tokio::try_join!(people.reports(db, as_at), people.policies_on(db, as_at))?;
    let ids: Vec<Uuid> = reports.iter().map(|r| r.person.id).collect();
    let mut cards = directory::cards(db, organisation_id, &ids).await?;
    let mut lines = Vec::with_capacity(reports.len());
    for report in reports {
        let person = &report.person;
        let Some(card) = cards.remove(&person.id) else {
            continue;
        };
        let policy = policies.get(&person.id).copied().unwrap_or_default();
        let schedule = people.schedule_on(person, as_at);
        let kinds = report
            .standings
            .iter()
            .map(|&s| {
                let interval_days = schedule.interval_on(&policy, s.category, as_at);
                KindLine {
                    standing: told_on(s, client.today),
                    interval_days,
                    on_schedule: interval_days < policy.interval(s.category),
                }
            })
            .collect();
        lines.push(PersonLine {
            card,
            profession: person.profession.clone(),
            unit_id: person.org_unit_id,
            unit_path: tree.path(person.org_unit_id),
            newly_qualified: person.newly_qualified,
            probation: person.probation,
            holds_caseload: person.holds_caseload,
            policy,
            kinds,
        });
    }
    // `reports` keeps the page's order, but say so rather than rely on it.
    lines.sort_by_key(|l| l.card.id);
    Ok(Page {
        as_at,
        people: lines,
        next_after: next_after.flatten(),
    })
}

/// Each unit the client reaches, with the figures of everyone in it and
/// below it as at a day: the team report's figures, unit by unit.
pub async fn unit_figures(
    db: &impl ConnectionTrait,
    client: &BiClient,
    as_at: NaiveDate,
) -> AppResult<Vec<UnitLine>> {
    let tree = Tree::of(db, client).await?;
    let cohort = Cohort::of_units(
        db,
        client.organisation_id,
        &tree.reached,
        tree.parents.clone(),
    )
    .await?;
    let own = cohort.figures(db, as_at).await?;
    let mut with_below: HashMap<Uuid, Figures> = HashMap::new();
    for (unit, figures) in &own {
        for above in units::unit_chain(&tree.parents, *unit) {
            if tree.reached.contains(&above) {
                with_below.entry(above).or_default().merge(figures);
            }
        }
    }
    let mut lines: Vec<UnitLine> = tree
        .reached
        .iter()
        .map(|&id| UnitLine {
            id,
            name: tree.names.get(&id).cloned().unwrap_or_default(),
            parent_id: tree.parents.get(&id).copied().flatten(),
            path: tree.path(id),
            figures: with_below.remove(&id).unwrap_or_default(),
        })
        .collect();
    lines.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(lines)
}

/// Audits one use of a token: what was asked, never an answer.
pub async fn record_use(
    db: &sea_orm::DatabaseConnection,
    client: &BiClient,
    detail: serde_json::Value,
) -> AppResult<()> {
    audit::record_now(
        db,
        AuditEntry {
            organisation_id: client.organisation_id,
            actor_id: None,
            action: "bi.read",
            subject_type: "bi_token",
            subject_id: Some(client.token_id),
            detail,
        },
    )
    .await
}
