//! Amending a saved record, which keeps the version it replaces and asks
//! each supervisee to validate again (F4.4), and the earlier versions.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use supervision_shared::ValidationState;
use supervision_shared::amendment::RecordAmendment;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// A version of a record that an amendment replaced: what it said, who
/// changed it, when and why, and how each supervisee had validated it.
/// Content, so asked for only by people who may read the record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordVersion {
    /// The version number (1 is the record as first saved).
    pub version: u32,
    /// Who replaced it.
    pub changed_by: StaffSummary,
    /// When it was replaced.
    pub changed_at: DateTime<Utc>,
    /// Why.
    pub reason: String,
    /// The fields the amendment changed, by their API names.
    pub changed_fields: Vec<String>,
    /// The day held, as this version said.
    pub held_on: NaiveDate,
    /// Length in minutes, as this version said.
    pub duration_minutes: u32,
    /// Where, as this version said.
    pub location: String,
    /// Experience, as this version said.
    pub experience: String,
    /// Reflection, as this version said.
    pub reflection: String,
    /// Analysis, as this version said.
    pub analysis: String,
    /// Action plan, as this version said.
    pub action_plan: String,
    /// Notes, as this version said.
    pub notes: String,
    /// How each supervisee had validated this version.
    pub validations: Vec<VersionValidation>,
}

/// A supervisee's validation of an earlier version.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionValidation {
    /// Who.
    pub supervisee: StaffSummary,
    /// Awaiting, agreed or disagreed.
    pub validation_state: ValidationState,
    /// When they validated.
    pub validated_at: Option<DateTime<Utc>>,
    /// Their comment or own account.
    pub comment: Option<String>,
}

const AMEND_SUPERVISION: &str = "mutation AmendSupervision($id: UUID!, $input: AmendSupervisionInput!) { \
     amendSupervision(id: $id, input: $input) { id version } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AmendData {
    amend_supervision: Amended,
}

/// What an amendment answers: the record's new version number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct Amended {
    /// The record.
    pub id: Uuid,
    /// Its version now.
    pub version: u32,
}

/// The recorder amends a record; the server keeps the version it replaces
/// and asks each supervisee to validate again.
pub async fn amend_supervision(id: Uuid, input: &RecordAmendment) -> Result<Amended, ApiError> {
    let data: AmendData = graphql(
        AMEND_SUPERVISION,
        serde_json::json!({ "id": id, "input": input }),
    )
    .await?;
    Ok(data.amend_supervision)
}
