//! The organisation's units (divisions, services, teams), for choosing where
//! a senior manager's scope starts.

use serde::Deserialize;
use uuid::Uuid;

use super::{ApiError, graphql};

/// One unit.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrgUnit {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Where it sits: "Community Services / Community Nursing / Team A".
    pub path: String,
}

/// Only what the form needs is asked for (the type also has the level,
/// the parent and the days it opened and closed).
const ORG_UNITS: &str = "query OrgUnits { orgUnits { id name path } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OrgUnitsData {
    org_units: Vec<OrgUnit>,
}

/// The units open today, sorted by path (the server's order), so each unit
/// follows the one above it.
pub async fn org_units() -> Result<Vec<OrgUnit>, ApiError> {
    let data: OrgUnitsData = graphql(ORG_UNITS, serde_json::json!({})).await?;
    Ok(data.org_units)
}
