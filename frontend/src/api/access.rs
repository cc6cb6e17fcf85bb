//! Purpose-bound access (F7.3): opening a record for a stated purpose, and
//! the log of who has opened the caller's own records.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use supervision_shared::AccessPurpose;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// A time-limited grant to read a record's content.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessGrant {
    /// The purpose stated.
    pub purpose: AccessPurpose,
    /// When the grant stops working.
    pub expires_at: DateTime<Utc>,
}

/// Someone outside a record read it under a grant: who, when and why.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordAccessEvent {
    /// Who read it.
    pub reader: StaffSummary,
    /// Which record.
    pub supervision_id: Uuid,
    /// When.
    pub read_at: DateTime<Utc>,
    /// The purpose they stated.
    pub purpose: AccessPurpose,
    /// Their written reason.
    pub reason: String,
}

const OPEN_FOR_PURPOSE: &str = "mutation OpenForPurpose($input: OpenForPurposeInput!) { \
    openForPurpose(input: $input) { purpose expiresAt } }";

const ACCESS_TO_MY_RECORDS: &str = "query AccessToMyRecords { accessToMyRecords { \
    reader { id name jobTitle teamName } supervisionId readAt purpose reason } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OpenData {
    open_for_purpose: AccessGrant,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccessData {
    access_to_my_records: Vec<RecordAccessEvent>,
}

/// Opens one record's content for a stated purpose and written reason.
pub async fn open_record_for_purpose(
    supervision_id: Uuid,
    purpose: AccessPurpose,
    reason: &str,
) -> Result<AccessGrant, ApiError> {
    let input = serde_json::json!({
        "supervisionId": supervision_id,
        "purpose": purpose,
        "reason": reason,
    });
    let data: OpenData = graphql(OPEN_FOR_PURPOSE, serde_json::json!({ "input": input })).await?;
    Ok(data.open_for_purpose)
}

/// Every read of the caller's records by someone outside them, newest first.
pub async fn access_to_my_records() -> Result<Vec<RecordAccessEvent>, ApiError> {
    let data: AccessData = graphql(ACCESS_TO_MY_RECORDS, serde_json::json!({})).await?;
    Ok(data.access_to_my_records)
}
