//! Who manages and supervises a person, and since when (F2.5), and a change
//! of line manager or clinical supervisor from a day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// Which relationship an allocation is, as the API names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AllocationKind {
    /// Line manager (management supervision).
    LineManager,
    /// Clinical supervisor.
    ClinicalSupervisor,
}

impl AllocationKind {
    /// Both, in the order the form offers them.
    pub const ALL: [Self; 2] = [Self::LineManager, Self::ClinicalSupervisor];

    /// The API's code, also the radio's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LineManager => "LINE_MANAGER",
            Self::ClinicalSupervisor => "CLINICAL_SUPERVISOR",
        }
    }

    /// Reads the API's code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == code)
    }

    /// The wording shown to people, e.g. "Clinical supervisor".
    pub fn label(self) -> &'static str {
        match self {
            Self::LineManager => "Line manager",
            Self::ClinicalSupervisor => "Clinical supervisor",
        }
    }
}

/// One period in which someone was the person's line manager or clinical
/// supervisor.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AllocationPeriod {
    /// Line manager or clinical supervisor.
    pub kind: AllocationKind,
    /// Who held it.
    pub holder: StaffSummary,
    /// The first day.
    pub from: NaiveDate,
    /// The last day; none while it lasts.
    pub to: Option<NaiveDate>,
}

impl AllocationPeriod {
    /// Whether it is in force on `day`.
    pub fn is_current_on(&self, day: NaiveDate) -> bool {
        self.from <= day && self.to.is_none_or(|to| day <= to)
    }
}

/// A change asked for: from `from`, `to_id` holds `kind` for `staff_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AllocationChange {
    /// Whose.
    pub staff_id: Uuid,
    /// Line manager or clinical supervisor.
    pub kind: AllocationKind,
    /// The new one.
    pub to_id: Uuid,
    /// The first day they hold it.
    pub from: NaiveDate,
}

const STAFF_ALLOCATIONS: &str = "query StaffAllocations($staffId: UUID!) { \
    staffAllocations(staffId: $staffId) { \
      kind holder { id name jobTitle teamName } from to } }";

const CHANGE_ALLOCATION: &str = "mutation ChangeAllocation($input: ChangeAllocationInput!) { \
    changeAllocation(input: $input) }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StaffAllocationsData {
    staff_allocations: Vec<AllocationPeriod>,
}

/// Who has managed and supervised the person, newest first. `NotFound`
/// when the caller may not see it.
pub async fn staff_allocations(staff_id: Uuid) -> Result<Vec<AllocationPeriod>, ApiError> {
    let data: StaffAllocationsData = graphql(
        STAFF_ALLOCATIONS,
        serde_json::json!({ "staffId": staff_id }),
    )
    .await?;
    Ok(newest_first(data.staff_allocations))
}

/// Makes the change; the old allocation ends the day before and the person
/// is emailed. Field errors name `toId` and `from`.
pub async fn change_allocation(change: &AllocationChange) -> Result<(), ApiError> {
    let _: serde_json::Value =
        graphql(CHANGE_ALLOCATION, serde_json::json!({ "input": change })).await?;
    Ok(())
}

/// Newest first whatever order arrives; stable, so the server's order
/// stands between periods that start on the same day.
fn newest_first(mut periods: Vec<AllocationPeriod>) -> Vec<AllocationPeriod> {
    periods.sort_by_key(|p| std::cmp::Reverse(p.from));
    periods
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn periods_read_as_the_server_writes_them_and_come_newest_first() {
        let Ok(data) = serde_json::from_str::<StaffAllocationsData>(
            r#"{"staffAllocations":[
              {"kind":"CLINICAL_SUPERVISOR","holder":{"id":"00000000-0000-0000-0000-000000000001","name":"Priya Shah","jobTitle":"Team Leader","teamName":"North"},"from":"2020-03-01","to":"2026-12-04"},
              {"kind":"CLINICAL_SUPERVISOR","holder":{"id":"00000000-0000-0000-0000-000000000002","name":"Owen Price","jobTitle":"Nurse","teamName":"South"},"from":"2026-12-05","to":null}
            ]}"#,
        ) else {
            panic!("the example response should parse");
        };
        let periods = newest_first(data.staff_allocations);
        assert_eq!(periods[0].holder.name, "Owen Price");
        assert_eq!(periods[0].to, None);
        assert_eq!(periods[1].kind, AllocationKind::ClinicalSupervisor);
    }

    #[test]
    fn a_period_is_current_from_its_first_day_to_its_last() {
        let period = AllocationPeriod {
            kind: AllocationKind::LineManager,
            holder: StaffSummary {
                id: Uuid::nil(),
                name: "Priya Shah".into(),
                job_title: String::new(),
                team_name: String::new(),
            },
            from: day(2026, 1, 1),
            to: Some(day(2026, 11, 30)),
        };
        assert!(!period.is_current_on(day(2025, 12, 31)));
        assert!(period.is_current_on(day(2026, 1, 1)));
        assert!(period.is_current_on(day(2026, 11, 30)));
        assert!(!period.is_current_on(day(2026, 12, 1)));
        let lasting = AllocationPeriod { to: None, ..period };
        assert!(lasting.is_current_on(day(2030, 1, 1)));
    }

    #[test]
    fn a_change_is_sent_with_the_api_names() {
        let change = AllocationChange {
            staff_id: Uuid::nil(),
            kind: AllocationKind::ClinicalSupervisor,
            to_id: Uuid::nil(),
            from: day(2026, 12, 5),
        };
        let sent = serde_json::to_value(&change).unwrap_or_default();
        assert_eq!(sent["kind"], "CLINICAL_SUPERVISOR");
        assert_eq!(sent["from"], "2026-12-05");
        assert!(sent.get("toId").is_some());
    }
}

/// Someone with no line manager or no clinical supervisor today.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnallocatedPerson {
    /// Who they are.
    pub staff: StaffSummary,
    /// Their first day.
    pub start_date: NaiveDate,
    /// No line manager today.
    pub no_line_manager: bool,
    /// No clinical supervisor today.
    pub no_clinical_supervisor: bool,
}

/// The HR administrator's queue of people no one is named to supervise.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Unallocated {
    /// How many are in it.
    pub total: usize,
    /// The newest starters first, as many as asked for.
    pub people: Vec<UnallocatedPerson>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UnallocatedData {
    unallocated_staff: Unallocated,
}

const UNALLOCATED: &str = "query UnallocatedStaff($first: Int!) { unallocatedStaff(first: $first) { \
    total people { staff { id name jobTitle teamName } startDate noLineManager noClinicalSupervisor } } }";

/// The organisation's active staff with no line manager or no clinical
/// supervisor, the first `first` of them (HR administrators only).
pub async fn unallocated_staff(first: usize) -> Result<Unallocated, ApiError> {
    let data: UnallocatedData = graphql(UNALLOCATED, serde_json::json!({ "first": first })).await?;
    Ok(data.unallocated_staff)
}
