//! Team compliance as the API shows it (F5.6).

use async_graphql::SimpleObject;
use chrono::NaiveDate;
use uuid::Uuid;

use crate::graphql::object::compliance::ComplianceStanding;
use crate::graphql::object::staff::StaffSummary;
use crate::service::compliance::report::Figures;

/// Percentages compliant per kind for a unit's whole subtree.
#[derive(Debug, Clone, SimpleObject)]
pub struct UnitFigures {
    /// Unit id (drill down with it).
    pub unit_id: Uuid,
    /// Unit name.
    pub name: String,
    /// People counted.
    pub people: u32,
    /// Compliant with clinical supervision, per cent (none with nobody).
    pub clinical_percent: Option<f64>,
    /// Compliant with management supervision, per cent.
    pub management_percent: Option<f64>,
    /// Compliant with case supervision, per cent.
    pub case_percent: Option<f64>,
}

impl UnitFigures {
    /// Figures for a unit.
    pub fn new(unit_id: Uuid, name: String, figures: Figures) -> Self {
        Self {
            unit_id,
            name,
            people: figures.people,
            clinical_percent: figures.percent(0),
            management_percent: figures.percent(1),
            case_percent: figures.percent(2),
        }
    }
}

/// One person in a team report.
#[derive(Debug, Clone, SimpleObject)]
pub struct PersonCompliance {
    /// Who.
    pub staff: StaffSummary,
    /// Per kind.
    pub standings: Vec<ComplianceStanding>,
}

/// A unit's compliance: its own figures, its children's, and the people
/// directly in it.
#[derive(Debug, Clone, SimpleObject)]
pub struct TeamCompliance {
    /// The date judged at.
    pub as_at: NaiveDate,
    /// The unit as a whole (its subtree).
    pub unit: UnitFigures,
    /// Each child unit (drill down).
    pub children: Vec<UnitFigures>,
    /// People directly in the unit, most urgent first.
    pub people: Vec<PersonCompliance>,
}

/// One month-end of the trend.
#[derive(Debug, Clone, SimpleObject)]
pub struct TrendPoint {
    /// The month-end judged at.
    pub as_at: NaiveDate,
    /// The unit's figures then.
    pub figures: UnitFigures,
}

/// Records shared late (F4.3) for a unit's whole subtree, in the year to
/// the day judged.
#[derive(Debug, Clone, SimpleObject)]
pub struct LateSharing {
    /// Unit id.
    pub unit_id: Uuid,
    /// Unit name.
    pub name: String,
    /// Formal records of its people in the year (a group session once per
    /// member).
    pub records: u32,
    /// Of those, shared more than 10 working days after the session.
    pub late: u32,
    /// Late, per cent (none with no records).
    pub late_percent: Option<f64>,
}

/// Two counts summed over the units of a subtree.
pub fn sum_subtree(
    subtree: &std::collections::HashSet<Uuid>,
    by_unit: &std::collections::HashMap<Uuid, (u32, u32)>,
) -> (u32, u32) {
    subtree
        .iter()
        .filter_map(|u| by_unit.get(u))
        .fold((0, 0), |(a, b), (x, y)| {
            (a.saturating_add(*x), b.saturating_add(*y))
        })
}

impl LateSharing {
    /// Sums the units of a subtree.
    pub fn of_subtree(
        unit_id: Uuid,
        name: String,
        subtree: &std::collections::HashSet<Uuid>,
        by_unit: &std::collections::HashMap<Uuid, (u32, u32)>,
    ) -> Self {
        let (records, late) = sum_subtree(subtree, by_unit);
        Self {
            unit_id,
            name,
            records,
            late,
            late_percent: (records > 0)
                .then(|| (f64::from(late) * 1000.0 / f64::from(records)).round() / 10.0),
        }
    }
}

/// Open cases of a unit's whole subtree, and those overdue for discussion
/// (F3.7), as at the day judged.
#[derive(Debug, Clone, SimpleObject)]
pub struct CaseFigures {
    /// Unit id.
    pub unit_id: Uuid,
    /// Unit name.
    pub name: String,
    /// Open cases of its workers.
    pub open_cases: u32,
    /// Of those, not discussed within the interval.
    pub overdue_cases: u32,
}

impl CaseFigures {
    /// Sums the units of a subtree.
    pub fn of_subtree(
        unit_id: Uuid,
        name: String,
        subtree: &std::collections::HashSet<Uuid>,
        by_unit: &std::collections::HashMap<Uuid, (u32, u32)>,
    ) -> Self {
        let (open_cases, overdue_cases) = sum_subtree(subtree, by_unit);
        Self {
            unit_id,
            name,
            open_cases,
            overdue_cases,
        }
    }
}
