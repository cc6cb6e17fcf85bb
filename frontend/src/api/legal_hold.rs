//! Legal holds (F7.7): the files the retention purge leaves alone until
//! HR or a system administrator releases them.

use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// A hold in force.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LegalHold {
    /// The hold's id.
    pub id: Uuid,
    /// The person whose file is held (none for a hold on one record).
    pub person: Option<StaffSummary>,
    /// The record held, for a hold on one record.
    pub supervision_id: Option<Uuid>,
    /// Why.
    pub reason: String,
    /// Who placed it.
    pub placed_by: StaffSummary,
    /// When.
    pub placed_at: DateTime<Utc>,
}

const LEGAL_HOLDS: &str = "query LegalHolds { legalHolds { id person { id name jobTitle teamName } \
     supervisionId reason placedBy { id name jobTitle teamName } placedAt } }";

const PLACE: &str = "mutation PlaceLegalHold($staffId: UUID!, $reason: String!) { \
     placeLegalHold(staffId: $staffId, reason: $reason) { id } }";

const RELEASE: &str = "mutation ReleaseLegalHold($id: UUID!) { releaseLegalHold(id: $id) }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HoldsData {
    legal_holds: Vec<LegalHold>,
}

/// The holds in force, newest first (HR and system administrators; anyone
/// else is refused with `FORBIDDEN`).
pub async fn legal_holds() -> Result<Vec<LegalHold>, ApiError> {
    let data: HoldsData = graphql(LEGAL_HOLDS, serde_json::json!({})).await?;
    Ok(data.legal_holds)
}

/// Holds a person's whole file, saying why.
pub async fn place_legal_hold(staff_id: Uuid, reason: &str) -> Result<(), ApiError> {
    let _: serde::de::IgnoredAny = graphql(
        PLACE,
        serde_json::json!({ "staffId": staff_id, "reason": reason }),
    )
    .await?;
    Ok(())
}

/// Releases a hold.
pub async fn release_legal_hold(id: Uuid) -> Result<(), ApiError> {
    let _: serde::de::IgnoredAny = graphql(RELEASE, serde_json::json!({ "id": id })).await?;
    Ok(())
}

/// A leaver in the retention dry run.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetentionLeaver {
    /// Their name.
    pub name: String,
    /// When they left.
    pub left_on: chrono::NaiveDate,
}

/// What the next retention purge would remove in the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RetentionDryRun {
    /// Years records are kept after their person leaves.
    pub years: u32,
    /// Records of people who left before this day are due.
    pub cutoff: Option<chrono::NaiveDate>,
    /// Leavers whose records would go.
    pub purged: Vec<RetentionLeaver>,
    /// Leavers past the cut-off kept by a legal hold.
    pub held: Vec<RetentionLeaver>,
    /// Records that would be removed whole.
    pub whole_records: u32,
    /// Places on shared records that would be removed.
    pub places: u32,
}

const DRY_RUN: &str = "query RetentionDryRun { retentionDryRun { years cutoff \
     purged { name leftOn } held { name leftOn } wholeRecords places } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DryRunData {
    retention_dry_run: RetentionDryRun,
}

/// The next purge as a dry run: nothing changes (the reading is audited).
pub async fn retention_dry_run() -> Result<RetentionDryRun, ApiError> {
    let data: DryRunData = graphql(DRY_RUN, serde_json::json!({})).await?;
    Ok(data.retention_dry_run)
}
