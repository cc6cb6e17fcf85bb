//! Redaction on request (F7.4): which sections of a record were redacted and
//! when; asking for one to be redacted; a senior manager's decision.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use supervision_shared::{RecordSection, SupervisionKind};
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// A section redacted on request: that it happened and when, never the text.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Redaction {
    /// The redaction's id.
    pub id: Uuid,
    /// Which section.
    pub section: RecordSection,
    /// When it was decided.
    pub decided_at: DateTime<Utc>,
}

/// A request to redact a section, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RedactionRequest {
    /// The request's id.
    pub id: Uuid,
    /// The record it is about.
    pub supervision_id: Uuid,
    /// The record's kind (in the manager's list).
    #[serde(default)]
    pub kind: Option<SupervisionKind>,
    /// The day the session was held (in the manager's list).
    #[serde(default)]
    pub held_on: Option<NaiveDate>,
    /// The section to redact.
    pub section: RecordSection,
    /// Who asked.
    pub requested_by: StaffSummary,
    /// When.
    pub requested_at: DateTime<Utc>,
    /// Why.
    pub reason: String,
    /// `pending`, `approved` or `declined`.
    pub status: String,
    /// Who decided.
    pub decided_by: Option<StaffSummary>,
    /// The decision's note.
    pub decision_note: Option<String>,
}

impl RedactionRequest {
    /// Still waiting for a senior manager.
    pub fn is_pending(&self) -> bool {
        self.status == "pending"
    }
}

/// The fields every answer about a request carries.
const FIELDS: &str = "id supervisionId section requestedBy { id name jobTitle teamName } \
     requestedAt reason status decidedBy { id name jobTitle teamName } decisionNote";

const REQUEST_REDACTION: &str = "mutation RequestRedaction($supervisionId: UUID!, $section: RecordSection!, \
     $reason: String!) { requestRedaction(supervisionId: $supervisionId, section: $section, reason: $reason) { \
     {FIELDS} } }";

const DECIDE_REDACTION: &str = "mutation DecideRedaction($requestId: UUID!, $approve: Boolean!, $note: String!) { \
     decideRedaction(requestId: $requestId, approve: $approve, note: $note) { {FIELDS} } }";

const REDACTION_REQUESTS: &str =
    "query RedactionRequests { redactionRequests { kind heldOn {FIELDS} } }";

fn with_fields(operation: &str) -> String {
    operation.replace("{FIELDS}", FIELDS)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RequestData {
    request_redaction: RedactionRequest,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DecideData {
    decide_redaction: RedactionRequest,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RequestsData {
    redaction_requests: Vec<RedactionRequest>,
}

/// Asks for a section of one's record to be redacted, saying why.
pub async fn request_redaction(
    supervision_id: Uuid,
    section: RecordSection,
    reason: &str,
) -> Result<RedactionRequest, ApiError> {
    let data: RequestData = graphql(
        &with_fields(REQUEST_REDACTION),
        serde_json::json!({ "supervisionId": supervision_id, "section": section, "reason": reason }),
    )
    .await?;
    Ok(data.request_redaction)
}

/// A senior manager approves (the section is redacted) or declines.
pub async fn decide_redaction(
    request_id: Uuid,
    approve: bool,
    note: &str,
) -> Result<RedactionRequest, ApiError> {
    let data: DecideData = graphql(
        &with_fields(DECIDE_REDACTION),
        serde_json::json!({ "requestId": request_id, "approve": approve, "note": note }),
    )
    .await?;
    Ok(data.decide_redaction)
}

/// The requests waiting for the caller, a senior manager (anyone else is
/// refused with `FORBIDDEN`).
pub async fn redaction_requests() -> Result<Vec<RedactionRequest>, ApiError> {
    let data: RequestsData =
        graphql(&with_fields(REDACTION_REQUESTS), serde_json::json!({})).await?;
    Ok(data.redaction_requests)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redaction_names_its_section_as_the_api_does() {
        let parsed: Result<Redaction, _> = serde_json::from_str(
            r#"{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b11","section":"ACTION_PLAN","decidedAt":"2026-11-21T09:00:00Z"}"#,
        );
        assert_eq!(
            parsed.ok().map(|r| r.section),
            Some(RecordSection::ActionPlan)
        );
        assert_eq!(
            serde_json::to_value(RecordSection::ActionPlan).ok(),
            Some(serde_json::json!("ACTION_PLAN"))
        );
    }
}
