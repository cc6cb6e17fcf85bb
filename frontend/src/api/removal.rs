//! Removing a record made in error, on a system administrator's decision
//! (F4.5).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use supervision_shared::SupervisionKind;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

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
