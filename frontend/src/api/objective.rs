//! Appraisal (PDR) objectives (F8.4): a person's, writing one down,
//! marking one met, and the ones a record's development discussion worked
//! on.

use chrono::NaiveDate;
use serde::Deserialize;
use supervision_shared::objective::ObjectiveDraft;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// An objective from a person's appraisal.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppraisalObjective {
    /// Its id.
    pub id: Uuid,
    /// Whose.
    pub staff: StaffSummary,
    /// What they aim to do.
    pub title: String,
    /// By when, if set.
    pub due_on: Option<NaiveDate>,
    /// Met on this day.
    pub achieved_on: Option<NaiveDate>,
}

const OBJECTIVE_FIELDS: &str = "id staff { id name jobTitle teamName } title dueOn achievedOn";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListData {
    appraisal_objectives: Vec<AppraisalObjective>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RecordData {
    supervision: RecordObjectives,
    linkable_objectives: Vec<AppraisalObjective>,
}

#[derive(Deserialize)]
struct RecordObjectives {
    objectives: Vec<AppraisalObjective>,
}

/// A record's objectives, for one of its recorder or supervisees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordPanel {
    /// Linked to the record, as far as the caller may read them.
    pub linked: Vec<AppraisalObjective>,
    /// Open ones the caller could link.
    pub linkable: Vec<AppraisalObjective>,
}

/// A person's objectives, open ones first (NOT_FOUND for anyone but them
/// and their supervisors today).
pub async fn appraisal_objectives(person: Uuid) -> Result<Vec<AppraisalObjective>, ApiError> {
    let query = format!(
        "query AppraisalObjectives($s: UUID!) {{ appraisalObjectives(staffId: $s) {{ {OBJECTIVE_FIELDS} }} }}"
    );
    let data: ListData = graphql(&query, serde_json::json!({ "s": person })).await?;
    Ok(data.appraisal_objectives)
}

/// Writes one down.
pub async fn add_appraisal_objective(person: Uuid, draft: &ObjectiveDraft) -> Result<(), ApiError> {
    let _: serde_json::Value = graphql(
        "mutation AddAppraisalObjective($s: UUID!, $o: AppraisalObjectiveInput!) { \
         addAppraisalObjective(staffId: $s, objective: $o) { id } }",
        serde_json::json!({ "s": person, "o": draft }),
    )
    .await?;
    Ok(())
}

/// Marks one met today.
pub async fn mark_objective_achieved(id: Uuid) -> Result<(), ApiError> {
    let _: serde_json::Value = graphql(
        "mutation MarkObjectiveAchieved($id: UUID!) { markObjectiveAchieved(id: $id) { id } }",
        serde_json::json!({ "id": id }),
    )
    .await?;
    Ok(())
}

/// The objectives linked to a record that the caller may read, and those
/// they could link, in one request however large the group.
pub async fn record_objectives(record: Uuid) -> Result<RecordPanel, ApiError> {
    let query = format!(
        "query RecordObjectives($id: UUID!) {{ supervision(id: $id) {{ objectives {{ {OBJECTIVE_FIELDS} }} }} \
         linkableObjectives(supervisionId: $id) {{ {OBJECTIVE_FIELDS} }} }}"
    );
    let data: RecordData = graphql(&query, serde_json::json!({ "id": record })).await?;
    Ok(RecordPanel {
        linked: data.supervision.objectives,
        linkable: data.linkable_objectives,
    })
}

/// Links one to a record, or (`linked` false) takes the link off.
pub async fn set_objective_link(
    record: Uuid,
    objective: Uuid,
    linked: bool,
) -> Result<(), ApiError> {
    let query = if linked {
        "mutation LinkObjective($r: UUID!, $o: UUID!) { linkObjective(supervisionId: $r, objectiveId: $o) }"
    } else {
        "mutation UnlinkObjective($r: UUID!, $o: UUID!) { unlinkObjective(supervisionId: $r, objectiveId: $o) }"
    };
    let _: serde_json::Value =
        graphql(query, serde_json::json!({ "r": record, "o": objective })).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_objective_reads_as_the_api_sends_it() {
        let Ok(data) = serde_json::from_str::<RecordData>(
            r#"{"supervision":{"objectives":[{"id":"00000000-0000-0000-0000-000000000001",
              "staff":{"id":"00000000-0000-0000-0000-000000000002","name":"Tom Reed"},
              "title":"Lead a reflective group","dueOn":"2027-06-30","achievedOn":null}]},
              "linkableObjectives":[]}"#,
        ) else {
            panic!("the example response should parse");
        };
        assert_eq!(data.supervision.objectives[0].staff.name, "Tom Reed");
        assert_eq!(
            data.supervision.objectives[0].due_on,
            NaiveDate::from_ymd_opt(2027, 6, 30)
        );
    }
}
