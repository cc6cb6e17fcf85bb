//! A person's supervision history (F7.2): for them, their management chain,
//! senior managers in scope and HR. Only the outline is asked for, since
//! the chain may not read content.

use chrono::NaiveDate;
use serde::Deserialize;
use supervision_shared::{SupervisionKind, ValidationState};
use uuid::Uuid;

use super::staff::StaffSummary;
use super::supervision::RecordAccess;
use super::{ApiError, graphql};

/// One record in a person's history: that it took place, never its content.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryRecord {
    /// The record's id.
    pub id: Uuid,
    /// What kind of session it was.
    pub kind: SupervisionKind,
    /// The day it was held.
    pub held_on: NaiveDate,
    /// Who wrote the record.
    pub recorded_by: StaffSummary,
    /// Everyone supervised, with where their validation stands.
    pub attendees: Vec<HistoryAttendee>,
    /// How the caller sees the record.
    pub viewer_access: RecordAccess,
    /// Whether it counts towards the required frequency.
    pub counts_as_formal: bool,
}

impl HistoryRecord {
    /// The given person's place on the record, if they were supervised in it.
    pub fn attendee(&self, person: Uuid) -> Option<&HistoryAttendee> {
        self.attendees.iter().find(|a| a.supervisee.id == person)
    }
}

/// A supervisee on a record in the history, and their validation.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryAttendee {
    /// Who was supervised.
    pub supervisee: StaffSummary,
    /// Awaiting, agreed or disagreed.
    pub validation_state: ValidationState,
}

const STAFF_SUPERVISIONS: &str = "query StaffSupervisions($staffId: UUID!, $first: Int!) { \
    staffSupervisions(staffId: $staffId, first: $first) { \
      id kind heldOn recordedBy { id name jobTitle teamName } \
      attendees { supervisee { id name jobTitle teamName } validationState } \
      viewerAccess countsAsFormal } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StaffSupervisionsData {
    staff_supervisions: Vec<HistoryRecord>,
}

/// Fetches up to `first` of a person's records, newest first.
pub async fn staff_supervisions(
    staff_id: Uuid,
    first: u32,
) -> Result<Vec<HistoryRecord>, ApiError> {
    let data: StaffSupervisionsData = graphql(
        STAFF_SUPERVISIONS,
        serde_json::json!({ "staffId": staff_id, "first": first }),
    )
    .await?;
    let mut records = data.staff_supervisions;
    // Newest first whatever order arrives; the sort is stable for same-day records.
    records.sort_by_key(|r| std::cmp::Reverse(r.held_on));
    Ok(records)
}

const PERFORMANCE_MANAGEMENT_RECORDS: &str = "query PerformanceManagementRecords($first: Int!) { \
    performanceManagementRecords(first: $first) { \
      id kind heldOn recordedBy { id name jobTitle teamName } \
      attendees { supervisee { id name jobTitle teamName } validationState } \
      viewerAccess countsAsFormal } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PerformanceData {
    performance_management_records: Vec<HistoryRecord>,
}

/// The organisation's performance management records, newest first, as
/// outlines (HR administrators; anyone else is refused with `FORBIDDEN`).
pub async fn performance_management_records(first: u32) -> Result<Vec<HistoryRecord>, ApiError> {
    let data: PerformanceData = graphql(
        PERFORMANCE_MANAGEMENT_RECORDS,
        serde_json::json!({ "first": first }),
    )
    .await?;
    Ok(data.performance_management_records)
}
