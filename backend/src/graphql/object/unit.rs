//! A unit of the organisation's tree as the API shows it.

use async_graphql::SimpleObject;
use chrono::NaiveDate;
use uuid::Uuid;

use crate::entity::org_unit;

/// A division, service or team.
#[derive(Debug, Clone, SimpleObject)]
pub struct OrgUnit {
    /// Its id.
    pub id: Uuid,
    /// Its name (as it was on the day asked about).
    pub name: String,
    /// division, service or team.
    pub level: String,
    /// The unit it sits under; none at the top.
    pub parent_id: Option<Uuid>,
    /// Its names from the top down, e.g. "Community Services / Community
    /// Nursing / Team A".
    pub path: String,
    /// Its first day, when it opened after the service began keeping it.
    pub opened_on: Option<NaiveDate>,
    /// Its first day closed.
    pub closed_on: Option<NaiveDate>,
}

impl OrgUnit {
    /// From a unit and its path.
    pub fn new(unit: org_unit::Model, path: String) -> Self {
        Self {
            id: unit.id,
            name: unit.name,
            level: unit.level,
            parent_id: unit.parent_id,
            path,
            opened_on: unit.opened_on,
            closed_on: unit.closed_on,
        }
    }
}
