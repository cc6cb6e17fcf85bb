//! A round's results (F8.1): how its scored records met the audit tool,
//! overall, per standard and per unit. A record counts for the unit each of
//! its supervisees is in now (a group record for each of their units once),
//! so a unit's figures are about its own staff's supervision.

use std::collections::{BTreeMap, HashSet};

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use supervision_shared::quality::{AuditQuestion, Tally, by_standard};
use uuid::Uuid;

use super::round::{Round, Sampled};
use crate::entity::{org_unit, staff, supervision_attendee};
use crate::error::AppResult;

/// How one unit's records in a round met the tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitResult {
    /// The unit.
    pub unit_id: Uuid,
    /// Its name.
    pub unit_name: String,
    /// Its staff's records scored in the round.
    pub records: u32,
    /// Every score of those records, all standards together.
    pub tally: Tally,
}

impl Sampled {
    /// Every score of this record in the round.
    pub fn tally(&self) -> Tally {
        Tally::of(self.scores.iter().map(|s| s.rating))
    }
}

impl Round {
    /// Every score of the round, all standards together.
    pub fn tally(&self) -> Tally {
        Tally::of(
            self.records
                .iter()
                .flat_map(|r| &r.scores)
                .map(|s| s.rating),
        )
    }

    /// Per standard of the tool, in its order.
    pub fn by_standard(&self) -> Vec<(&'static AuditQuestion, Tally)> {
        by_standard(
            self.records
                .iter()
                .flat_map(|r| &r.scores)
                .map(|s| (s.question.as_str(), s.rating)),
        )
    }
}

/// Per unit whose staff had a record scored in the round, by unit name.
pub async fn by_unit(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    round: &Round,
) -> AppResult<Vec<UnitResult>> {
    let scored: Vec<&Sampled> = round
        .records
        .iter()
        .filter(|r| !r.scores.is_empty())
        .collect();
    if scored.is_empty() {
        return Ok(Vec::new());
    }
    let attendees: Vec<(Uuid, Uuid)> = supervision_attendee::Entity::find()
        .select_only()
        .column(supervision_attendee::Column::SupervisionId)
        .column(supervision_attendee::Column::SuperviseeId)
        .filter(supervision_attendee::Column::OrganisationId.eq(organisation_id))
        .filter(
            supervision_attendee::Column::SupervisionId
                .is_in(scored.iter().map(|r| r.supervision_id)),
        )
        .into_tuple()
        .all(db)
        .await?;
    let units_of_staff: Vec<(Uuid, Uuid)> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .column(staff::Column::OrgUnitId)
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .filter(staff::Column::Id.is_in(attendees.iter().map(|(_, person)| *person)))
        .into_tuple()
        .all(db)
        .await?;
    let names: Vec<(Uuid, String)> = org_unit::Entity::find()
        .select_only()
        .column(org_unit::Column::Id)
        .column(org_unit::Column::Name)
        .filter(org_unit::Column::OrganisationId.eq(organisation_id))
        .filter(org_unit::Column::Id.is_in(units_of_staff.iter().map(|(_, unit)| *unit)))
        .into_tuple()
        .all(db)
        .await?;

    let mut by_unit: BTreeMap<Uuid, (u32, Tally)> = BTreeMap::new();
    for record in scored {
        let units: HashSet<Uuid> = attendees
            .iter()
            .filter(|(supervision, _)| *supervision == record.supervision_id)
            .filter_map(|(_, person)| {
                units_of_staff
                    .iter()
                    .find(|(id, _)| id == person)
                    .map(|(_, unit)| *unit)
            })
            .collect();
        let tally = record.tally();
        for unit in units {
            let (records, sum) = by_unit.entry(unit).or_default();
            *records += 1;
            sum.merge(tally);
        }
    }
    let mut results: Vec<UnitResult> = by_unit
        .into_iter()
        .map(|(unit_id, (records, tally))| UnitResult {
            unit_id,
            unit_name: names
                .iter()
                .find(|(id, _)| *id == unit_id)
                .map(|(_, name)| name.clone())
                .unwrap_or_default(),
            records,
            tally,
        })
        .collect();
    results.sort_by(|a, b| {
        a.unit_name
            .cmp(&b.unit_name)
            .then(a.unit_id.cmp(&b.unit_id))
    });
    Ok(results)
}
