//! Staff: the supervisee picker's search, and the caller's own supervisees.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{ApiError, graphql};

/// A member of staff as lists and pickers show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffSummary {
    /// Their staff id.
    pub id: Uuid,
    /// Full name.
    pub name: String,
    /// Job title.
    #[serde(default)]
    pub job_title: String,
    /// The team they belong to.
    #[serde(default)]
    pub team_name: String,
}

/// Someone the caller supervises or line-manages.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Supervisee {
    /// Who they are.
    pub staff: StaffSummary,
    /// How the caller relates to them, e.g. "Clinical supervisor".
    pub relationship: String,
    /// When they last had formal supervision, if ever.
    pub last_formal_supervision: Option<NaiveDate>,
}

const SEARCH_STAFF: &str = "query SearchStaff($query: String!, $limit: Int) { \
    searchStaff(query: $query, limit: $limit) { id name jobTitle teamName } }";

const MY_SUPERVISEES: &str = "query MySupervisees { mySupervisees { \
    staff { id name jobTitle teamName } relationship lastFormalSupervision } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SearchStaffData {
    search_staff: Vec<StaffSummary>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MySuperviseesData {
    my_supervisees: Vec<Supervisee>,
}

/// Finds current staff (not leavers) whose name matches, for the picker.
pub async fn search_staff(query: &str, limit: u32) -> Result<Vec<StaffSummary>, ApiError> {
    let data: SearchStaffData = graphql(
        SEARCH_STAFF,
        serde_json::json!({ "query": query, "limit": limit }),
    )
    .await?;
    Ok(data.search_staff)
}

/// Lists the people the caller supervises or line-manages.
pub async fn my_supervisees() -> Result<Vec<Supervisee>, ApiError> {
    let data: MySuperviseesData = graphql(MY_SUPERVISEES, serde_json::json!({})).await?;
    Ok(data.my_supervisees)
}
