//! Extended absences (F6.2): a person's absences of four weeks or more, by
//! first day away and first day back; recording and removing one.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// One absence.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffAbsence {
    /// Its id.
    pub id: Uuid,
    /// The first day away.
    pub starts_on: NaiveDate,
    /// The first day back.
    pub back_on: NaiveDate,
    /// Who recorded it.
    pub recorded_by: StaffSummary,
    /// When.
    pub recorded_at: DateTime<Utc>,
}

/// A person's absences, latest first, and whether the viewer records them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StaffAbsences {
    /// Latest first.
    pub absences: Vec<StaffAbsence>,
    /// The viewer records and removes them.
    pub viewer_may_record: bool,
}

const ABSENCE_FIELDS: &str =
    "id startsOn backOn recordedBy { id name jobTitle teamName } recordedAt";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AbsencesData {
    staff_absences: StaffAbsences,
}

/// A person's absences (NOT_FOUND for anyone who may not know of them).
pub async fn staff_absences(staff_id: Uuid) -> Result<StaffAbsences, ApiError> {
    let data: AbsencesData = graphql(
        &format!(
            "query StaffAbsences($s: UUID!) {{ staffAbsences(staffId: $s) {{ viewerMayRecord absences {{ {ABSENCE_FIELDS} }} }} }}"
        ),
        serde_json::json!({ "s": staff_id }),
    )
    .await?;
    Ok(data.staff_absences)
}

/// Records one; field errors name `startsOn` and `backOn`.
pub async fn record_absence(
    staff_id: Uuid,
    starts_on: NaiveDate,
    back_on: NaiveDate,
) -> Result<(), ApiError> {
    let _: serde_json::Value = graphql(
        &format!(
            "mutation RecordAbsence($s: UUID!, $from: NaiveDate!, $back: NaiveDate!) {{ recordAbsence(staffId: $s, startsOn: $from, backOn: $back) {{ {ABSENCE_FIELDS} }} }}"
        ),
        serde_json::json!({ "s": staff_id, "from": starts_on, "back": back_on }),
    )
    .await?;
    Ok(())
}

/// Removes one recorded in error.
pub async fn remove_absence(id: Uuid) -> Result<(), ApiError> {
    let _: serde_json::Value = graphql(
        "mutation RemoveAbsence($id: UUID!) { removeAbsence(id: $id) }",
        serde_json::json!({ "id": id }),
    )
    .await?;
    Ok(())
}
