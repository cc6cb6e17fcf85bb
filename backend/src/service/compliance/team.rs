//! A unit's compliance report (F5.6): its figures and each child's for the
//! drill-down, and its people with their standings. The on-screen report
//! and the CSV download both read this one function, so the two never
//! disagree about who is counted or how a person stands.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::cohort::Cohort;
use super::report::{Figures, PersonReport};
use crate::auth::Viewer;
use crate::error::AppResult;
use crate::service::access::{self, ReportingScope};
use crate::service::directory::{self, StaffCard};
use crate::service::units::UnitNode;

/// Whose lines the report lists; the figures always count the whole branch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum People {
    /// Those whose team is the unit itself (the on-screen list: the
    /// children's people are one tap further down).
    InTheUnit,
    /// Everyone in the unit and every unit below it (the CSV, which works
    /// for a whole trust and shows no figures: they are left uncounted).
    WholeBranch,
}

/// A unit and its figures.
#[derive(Debug, Clone)]
pub struct UnitLine {
    /// The unit.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Everyone in it and below it, counted (left empty for the download,
    /// which lists people only).
    pub figures: Figures,
}

/// One person's line.
#[derive(Debug, Clone)]
pub struct PersonLine {
    /// Who, with their team's name.
    pub card: StaffCard,
    /// Clinical, management and case standings, in that order.
    pub report: PersonReport,
}

/// The report.
#[derive(Debug, Clone)]
pub struct TeamReport {
    /// The day it is as at.
    pub as_at: NaiveDate,
    /// The unit asked for.
    pub unit: UnitLine,
    /// Its children, for the drill-down.
    pub children: Vec<UnitLine>,
    /// Its people: most urgent first (overdue, never had, due soon,
    /// compliant), then by name.
    pub people: Vec<PersonLine>,
}

/// The report for a unit within a reporting scope (a senior manager's or
/// a BI token's), as at a day; a unit outside it is not found.
pub async fn team_report(
    db: &impl ConnectionTrait,
    scope: &ReportingScope,
    unit_id: Uuid,
    as_at: NaiveDate,
    people: People,
) -> AppResult<TeamReport> {
    let organisation_id = scope.organisation_id;
    let branch = access::unit_in_reach(db, scope, unit_id, as_at).await?;
    let (unit, children) = branch.top_and_children();
    let cohort = Cohort::under(db, organisation_id, &unit, &branch).await?;
    let direct;
    let listed = match people {
        People::InTheUnit => {
            direct = cohort.in_units(HashSet::from([unit.unit.id]));
            &direct
        }
        People::WholeBranch => &cohort,
    };
    // The download lists people only: no figures to count.
    let (figures, reports) = match people {
        People::InTheUnit => {
            tokio::try_join!(cohort.figures(db, as_at), listed.reports(db, as_at))?
        }
        People::WholeBranch => (HashMap::new(), listed.reports(db, as_at).await?),
    };
    let (overall, by_child) = roll_up(&figures, &children);
    let ids: Vec<Uuid> = reports.iter().map(|r| r.person.id).collect();
    let mut cards = directory::cards(db, organisation_id, &ids).await?;
    let mut people: Vec<PersonLine> = reports
        .into_iter()
        .filter_map(|report| {
            let card = cards.remove(&report.person.id)?;
            Some(PersonLine { card, report })
        })
        .collect();
    people.sort_by(|a, b| {
        (most_urgent(&a.report), &a.card.name).cmp(&(most_urgent(&b.report), &b.card.name))
    });
    Ok(TeamReport {
        as_at,
        unit: UnitLine {
            id: unit.unit.id,
            name: unit.unit.name,
            figures: overall,
        },
        children: children
            .into_iter()
            .zip(by_child)
            .map(|(child, figures)| UnitLine {
                id: child.unit.id,
                name: child.unit.name,
                figures,
            })
            .collect(),
        people,
    })
}

/// Adds the per-unit figures up for the whole branch and for each child's
/// subtree.
fn roll_up(by_unit: &HashMap<Uuid, Figures>, children: &[UnitNode]) -> (Figures, Vec<Figures>) {
    let child_of: HashMap<Uuid, usize> = children
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.subtree.iter().map(move |u| (*u, i)))
        .collect();
    let mut overall = Figures::default();
    let mut by_child = vec![Figures::default(); children.len()];
    for (unit, figures) in by_unit {
        overall.merge(figures);
        if let Some(&i) = child_of.get(unit) {
            by_child[i].merge(figures);
        }
    }
    (overall, by_child)
}

/// The person's most urgent standing (see `urgency`).
fn most_urgent(report: &PersonReport) -> Option<u8> {
    report
        .standings
        .iter()
        .map(|s| super::urgency(s.status))
        .min()
}

/// A unit's figures at each of the last 12 month-ends, oldest first, each
/// counted over the unit's subtree as it was on that day (F2.1): a team
/// moved in counts from its move, a team moved out until it. Also the unit
/// as it is today, for the heading.
pub async fn trend(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    unit_id: Uuid,
) -> AppResult<(UnitNode, Vec<(NaiveDate, Figures)>)> {
    use chrono::Months;
    use supervision_shared::compliance::end_of_month;

    use crate::service::units::history::History;
    use crate::service::units::{self, Branch};
    let today = viewer.today();
    let (unit, _) = access::unit_in_scope(db, viewer, unit_id, today)
        .await?
        .top_and_children();
    let this_month = end_of_month(today);
    let month_ends: Vec<NaiveDate> = (0..12)
        .rev()
        .map(|back| {
            end_of_month(
                this_month
                    .checked_sub_months(Months::new(back))
                    .unwrap_or(this_month),
            )
        })
        .collect();
    let history = History::load(db, viewer.organisation_id).await?;
    let mut subtrees: Vec<HashSet<Uuid>> = Vec::with_capacity(month_ends.len());
    for &end in &month_ends {
        // Changes are recorded on or after their day: today's tree is the
        // tree of any later day too.
        let subtree = if end >= today {
            unit.subtree.clone()
        } else {
            match Branch::on(&history, unit_id, end) {
                Ok(branch) => branch.top_and_children().0.subtree,
                // Not yet open that day: nobody to count.
                Err(crate::error::AppError::Validation(_)) => HashSet::new(),
                Err(e) => return Err(e),
            }
        };
        subtrees.push(subtree);
    }
    let every: HashSet<Uuid> = subtrees.iter().flatten().copied().collect();
    let parents = units::all_parents(db, viewer.organisation_id).await?;
    let cohort = Cohort::of_units(db, viewer.organisation_id, &every, parents).await?;
    let by_unit = cohort.figures_on_each(db, &month_ends).await?;
    let points = month_ends
        .into_iter()
        .zip(by_unit)
        .zip(subtrees)
        .map(|((as_at, units), subtree)| {
            let mut figures = Figures::default();
            for (id, f) in &units {
                if subtree.contains(id) {
                    figures.merge(f);
                }
            }
            (as_at, figures)
        })
        .collect();
    Ok((unit, points))
}
