//! Staff: the supervisee picker's search, and the caller's own supervisees.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::compliance::ComplianceStanding;
use super::{ApiError, graphql};
use supervision_shared::ComplianceStatus;

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
    /// When they last had formal supervision of the kind this relationship
    /// provides, if ever.
    pub last_formal_supervision: Option<NaiveDate>,
    /// Where they stand for that kind (none when the relationship provides
    /// no formal kind).
    #[serde(default)]
    pub status: Option<ComplianceStatus>,
    /// When that kind is next due.
    #[serde(default)]
    pub next_due: Option<NaiveDate>,
    /// Where they stand per kind, as at the end of this month.
    #[serde(default)]
    pub standings: Vec<ComplianceStanding>,
    /// Line manager or clinical supervisor, as a value.
    pub kind: crate::api::agreement::AgreementKind,
    /// Where their supervision agreement with the caller stands.
    pub agreement: supervision_shared::agreement::AgreementStanding,
    /// A wellbeing check or plan of theirs is due for review.
    #[serde(default)]
    pub wellbeing_review_due: bool,
    /// When observation of their own practice as a supervisor is due: on
    /// the line manager's line, for someone who supervises.
    #[serde(default)]
    pub practice_observation: Option<crate::api::observation::ObservationStanding>,
    /// The next session the caller has booked with them (F9.3).
    #[serde(default)]
    pub next_booked: Option<chrono::DateTime<chrono::Utc>>,
}

const SEARCH_STAFF: &str = "query SearchStaff($query: String!, $limit: Int) { \
    searchStaff(query: $query, limit: $limit) { id name jobTitle teamName } }";

const MY_SUPERVISEES: &str = "query MySupervisees { mySupervisees { \
    staff { id name jobTitle teamName } relationship lastFormalSupervision \
    status nextDue standings { category last nextDue status asAt } kind agreement \
    wellbeingReviewDue practiceObservation { lastObservedOn dueOn overdue } nextBooked } }";

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

/// Lists the people the caller supervises or line-manages, most urgent
/// first (the server's order).
pub async fn my_supervisees() -> Result<Vec<Supervisee>, ApiError> {
    let data: MySuperviseesData = graphql(MY_SUPERVISEES, serde_json::json!({})).await?;
    Ok(data.my_supervisees)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_supervisee_reads_with_a_status_for_the_relationship_and_per_kind() {
        let Ok(data) = serde_json::from_str::<MySuperviseesData>(
            r#"{"mySupervisees":[{"staff":{"id":"00000000-0000-0000-0000-000000000001","name":"Tom Reed",
              "jobTitle":"Community Nurse","teamName":"Community Nursing North"},
              "relationship":"Clinical supervisor","lastFormalSupervision":null,
              "status":"NEVER_HAD","nextDue":null,
              "standings":[{"category":"CLINICAL","last":null,"nextDue":null,"status":"NEVER_HAD","asAt":"2026-11-30"}],
              "kind":"CLINICAL_SUPERVISOR","agreement":"NEW_NEEDED","wellbeingReviewDue":true}]}"#,
        ) else {
            panic!("the example response should parse");
        };
        let [tom] = data.my_supervisees.as_slice() else {
            panic!("one supervisee")
        };
        assert_eq!(tom.status, Some(ComplianceStatus::NeverHad));
        assert_eq!(tom.standings.len(), 1);
    }
}
