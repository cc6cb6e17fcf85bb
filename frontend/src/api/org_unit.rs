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

/// One unit as the Units page shows it, on the day asked about.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitRow {
    /// Its id.
    pub id: Uuid,
    /// Its name that day.
    pub name: String,
    /// division, service or team (organisation at the top).
    pub level: String,
    /// The unit it sat under that day; none at the top.
    pub parent_id: Option<Uuid>,
    /// Where it sat that day.
    pub path: String,
    /// Its first day, when it opened after the service began keeping it.
    pub opened_on: Option<chrono::NaiveDate>,
    /// Its first day closed.
    pub closed_on: Option<chrono::NaiveDate>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UnitRowsData {
    org_units: Vec<UnitRow>,
}

/// The tree as it was on a day (today when none), closed units too when
/// asked, sorted by path.
pub async fn units_on(
    as_at: Option<chrono::NaiveDate>,
    include_closed: bool,
) -> Result<Vec<UnitRow>, ApiError> {
    let data: UnitRowsData = graphql(
        "query Units($at: NaiveDate, $closed: Boolean!) { orgUnits(asAt: $at, includeClosed: $closed) { id name level parentId path openedOn closedOn } }",
        serde_json::json!({ "at": as_at, "closed": include_closed }),
    )
    .await?;
    Ok(data.org_units)
}

/// A change to the tree, as the API takes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitChange {
    /// A new unit under a parent.
    Open {
        /// Its name.
        name: String,
        /// The unit above it.
        parent_id: Uuid,
        /// division, service or team.
        level: String,
    },
    /// A new name.
    Rename {
        /// The unit.
        unit_id: Uuid,
        /// Its new name.
        name: String,
    },
    /// Under another unit.
    Move {
        /// The unit.
        unit_id: Uuid,
        /// The unit above it from the day.
        parent_id: Uuid,
    },
    /// No longer exists.
    Close {
        /// The unit.
        unit_id: Uuid,
    },
}

/// Makes a change from a day (today or earlier).
pub async fn change_unit(change: &UnitChange, from: chrono::NaiveDate) -> Result<(), ApiError> {
    let (operation, input) = match change {
        UnitChange::Open {
            name,
            parent_id,
            level,
        } => (
            "mutation($i: CreateUnitInput!) { createUnit(input: $i) }",
            serde_json::json!({ "name": name, "parentId": parent_id, "level": level, "from": from }),
        ),
        UnitChange::Rename { unit_id, name } => (
            "mutation($i: RenameUnitInput!) { renameUnit(input: $i) }",
            serde_json::json!({ "unitId": unit_id, "name": name, "from": from }),
        ),
        UnitChange::Move { unit_id, parent_id } => (
            "mutation($i: MoveUnitInput!) { moveUnit(input: $i) }",
            serde_json::json!({ "unitId": unit_id, "parentId": parent_id, "from": from }),
        ),
        UnitChange::Close { unit_id } => (
            "mutation($i: CloseUnitInput!) { closeUnit(input: $i) }",
            serde_json::json!({ "unitId": unit_id, "from": from }),
        ),
    };
    let _: serde_json::Value = graphql(operation, serde_json::json!({ "i": input })).await?;
    Ok(())
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn a_unit_reads_with_its_level_path_and_closing_day() {
        let Ok(data) = serde_json::from_str::<UnitRowsData>(
            r#"{"orgUnits":[{"id":"00000000-0000-0000-0000-000000000001","name":"Team A","level":"team",
              "parentId":null,"path":"Community / Team A","openedOn":null,"closedOn":"2026-11-30"}]}"#,
        ) else {
            panic!("the example response should parse");
        };
        assert_eq!(
            data.org_units[0].closed_on,
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
        );
    }
}
