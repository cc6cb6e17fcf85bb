//! Purpose-bound access (F7.3): opening a record or an agreement for a
//! stated purpose, and the log of who has opened the caller's own.

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

/// Someone outside a record or agreement read it under a grant: who,
/// when and why.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordAccessEvent {
    /// Who read it.
    pub reader: StaffSummary,
    /// The record read…
    #[serde(default)]
    pub supervision_id: Option<Uuid>,
    /// …or the supervision agreement.
    #[serde(default)]
    pub agreement_id: Option<Uuid>,
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
    reader { id name jobTitle teamName } supervisionId agreementId readAt purpose reason } }";

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

/// What is opened for a stated purpose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PurposeTarget {
    /// One supervision record.
    Record(Uuid),
    /// One supervision agreement.
    Agreement(Uuid),
}

/// Opens one record's or agreement's content for a stated purpose and
/// written reason.
pub async fn open_for_purpose(
    target: PurposeTarget,
    purpose: AccessPurpose,
    reason: &str,
) -> Result<AccessGrant, ApiError> {
    let (field, id) = match target {
        PurposeTarget::Record(id) => ("supervisionId", id),
        PurposeTarget::Agreement(id) => ("agreementId", id),
    };
    let input = serde_json::json!({
        field: id,
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

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PurposesData {
    my_access_purposes: Vec<AccessPurpose>,
}

/// The purposes the caller's roles may state (empty for most people).
pub async fn my_access_purposes() -> Result<Vec<AccessPurpose>, ApiError> {
    let data: PurposesData = graphql(
        "query MyAccessPurposes { myAccessPurposes }",
        serde_json::json!({}),
    )
    .await?;
    Ok(data.my_access_purposes)
}
