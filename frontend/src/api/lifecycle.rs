//! A record's life after it is saved: amending it, which keeps the version
//! it replaces (F4.4), and removing one made in error on a system
//! administrator's decision (F4.5).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use supervision_shared::amendment::RecordAmendment;
use supervision_shared::{SupervisionKind, ValidationState};
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

/// Where a removal request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RemovalStatus {
    /// Waiting for a system administrator.
    Pending,
    /// The record was removed.
    Approved,
    /// The record stays.
    Declined,
}

impl RemovalStatus {
    /// The wording shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Waiting for a decision",
            Self::Approved => "Approved: record removed",
            Self::Declined => "Declined: record kept",
        }
    }

    /// A class-friendly name, for the status tag.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Declined => "declined",
        }
    }
}

/// A request to remove a record made in error, and its decision.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RemovalRequest {
    /// Request id.
    pub id: Uuid,
    /// The record it is about.
    pub supervision_id: Uuid,
    /// The record's kind (given to the administrators who decide).
    pub kind: Option<SupervisionKind>,
    /// The day the session was held.
    pub held_on: Option<NaiveDate>,
    /// Who asked.
    pub requested_by: StaffSummary,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// Why the record was made in error.
    pub reason: String,
    /// Waiting, approved or declined.
    pub status: RemovalStatus,
    /// Who decided.
    pub decided_by: Option<StaffSummary>,
    /// When.
    pub decided_at: Option<DateTime<Utc>>,
    /// The administrator's note (always present for a decline).
    pub decision_note: Option<String>,
}

const REMOVAL_FIELDS: &str = "id supervisionId kind heldOn requestedBy { id name jobTitle teamName } \
     requestedAt reason status decidedBy { id name jobTitle teamName } decidedAt decisionNote";

const AMEND_SUPERVISION: &str = "mutation AmendSupervision($id: UUID!, $input: AmendSupervisionInput!) { \
     amendSupervision(id: $id, input: $input) { id version } }";

/// `{REMOVAL_FIELDS}` is spliced in by [`with_removal_fields`].
const REQUEST_REMOVAL: &str = "mutation RequestRemoval($id: UUID!, $reason: String!) { \
     requestRemoval(id: $id, reason: $reason) { {REMOVAL_FIELDS} } }";

const DECIDE_REMOVAL: &str = "mutation DecideRemoval($requestId: UUID!, $approve: Boolean!, $note: String!) { \
     decideRemoval(requestId: $requestId, approve: $approve, note: $note) { {REMOVAL_FIELDS} } }";

const REMOVAL_REQUESTS: &str = "query RemovalRequests($first: Int!) { \
     removalRequests(first: $first) { {REMOVAL_FIELDS} } }";

/// An operation with the request's fields in place of `{REMOVAL_FIELDS}`.
fn with_removal_fields(operation: &str) -> String {
    operation.replace("{REMOVAL_FIELDS}", REMOVAL_FIELDS)
}

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

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RequestRemovalData {
    request_removal: RemovalRequest,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DecideRemovalData {
    decide_removal: RemovalRequest,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RemovalRequestsData {
    removal_requests: Vec<RemovalRequest>,
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

/// The recorder asks for a record made in error to be removed.
pub async fn request_removal(id: Uuid, reason: &str) -> Result<RemovalRequest, ApiError> {
    let data: RequestRemovalData = graphql(
        &with_removal_fields(REQUEST_REMOVAL),
        serde_json::json!({ "id": id, "reason": reason }),
    )
    .await?;
    Ok(data.request_removal)
}

/// A system administrator approves a removal, or declines it with a note.
pub async fn decide_removal(
    request_id: Uuid,
    approve: bool,
    note: &str,
) -> Result<RemovalRequest, ApiError> {
    let data: DecideRemovalData = graphql(
        &with_removal_fields(DECIDE_REMOVAL),
        serde_json::json!({ "requestId": request_id, "approve": approve, "note": note }),
    )
    .await?;
    Ok(data.decide_removal)
}

/// The organisation's removal requests, those waiting first (system
/// administrators only; anyone else is refused with `FORBIDDEN`).
pub async fn removal_requests(first: u32) -> Result<Vec<RemovalRequest>, ApiError> {
    let data: RemovalRequestsData = graphql(
        &with_removal_fields(REMOVAL_REQUESTS),
        serde_json::json!({ "first": first }),
    )
    .await?;
    Ok(data.removal_requests)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_removal_request_reads_as_the_api_words_it() {
        let json = r#"{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b11","supervisionId":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b12",
          "kind":"CLINICAL_ONE_TO_ONE","heldOn":"2026-11-20",
          "requestedBy":{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b13","name":"Priya Shah","jobTitle":"","teamName":""},
          "requestedAt":"2026-11-21T09:00:00Z","reason":"Wrong person","status":"declined",
          "decidedBy":{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b14","name":"Ruth Adeyemi","jobTitle":"","teamName":""},
          "decidedAt":"2026-11-22T09:00:00Z","decisionNote":"It was the right person"}"#;
        let parsed: Result<RemovalRequest, _> = serde_json::from_str(json);
        let Ok(request) = parsed else {
            panic!("the example request should parse");
        };
        assert_eq!(request.status, RemovalStatus::Declined);
        assert_eq!(request.kind, Some(SupervisionKind::ClinicalOneToOne));
        assert_eq!(
            request.decision_note.as_deref(),
            Some("It was the right person")
        );
    }

    #[test]
    fn every_removal_operation_asks_for_the_whole_request() {
        for operation in [REQUEST_REMOVAL, DECIDE_REMOVAL, REMOVAL_REQUESTS] {
            let query = with_removal_fields(operation);
            assert!(!query.contains("{REMOVAL_FIELDS}"), "{query}");
            assert!(query.contains("decisionNote"), "{query}");
        }
    }
}
