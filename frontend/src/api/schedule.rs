//! The organisation's newly qualified and induction schedules (F5.2), and
//! a system administrator writing one from a date. The shared types read
//! and write the API's names as they are.

use serde::Deserialize;
use supervision_shared::schedule::SchedulePlan;

use super::{ApiError, graphql};

const PLAN_FIELDS: &str = "kind effectiveFrom phases { everyDays untilMonths untilWeeks }";

#[derive(Deserialize)]
struct SchedulesData {
    schedules: Vec<SchedulePlan>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SetData {
    set_schedule: SchedulePlan,
}

/// Every wording of the organisation's schedules.
pub async fn schedules() -> Result<Vec<SchedulePlan>, ApiError> {
    let data: SchedulesData = graphql(
        &format!("query Schedules {{ schedules {{ {PLAN_FIELDS} }} }}"),
        serde_json::json!({}),
    )
    .await?;
    Ok(data.schedules)
}

/// Writes a schedule from its date (system administrators).
pub async fn set_schedule(plan: &SchedulePlan) -> Result<SchedulePlan, ApiError> {
    let data: SetData = graphql(
        &format!(
            "mutation SetSchedule($p: SchedulePlanInput!) {{ setSchedule(plan: $p) {{ {PLAN_FIELDS} }} }}"
        ),
        serde_json::json!({ "p": plan }),
    )
    .await?;
    Ok(data.set_schedule)
}

#[cfg(test)]
mod tests {
    use super::*;
    use supervision_shared::schedule::{ScheduleKind, SchedulePhase};

    #[test]
    fn the_schedules_read_and_are_written_with_the_api_names() {
        let Ok(data) = serde_json::from_str::<SchedulesData>(
            r#"{"schedules":[{"kind":"NEWLY_QUALIFIED","effectiveFrom":"2000-01-01",
              "phases":[{"everyDays":7,"untilMonths":0,"untilWeeks":6},{"everyDays":14,"untilMonths":6,"untilWeeks":6}]}]}"#,
        ) else {
            panic!("the example response should parse");
        };
        assert_eq!(data.schedules[0].kind, ScheduleKind::NewlyQualified);
        assert_eq!(data.schedules[0].phases[1].until_months, 6);
        let plan = SchedulePlan {
            kind: ScheduleKind::Induction,
            effective_from: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap_or_default(),
            phases: vec![SchedulePhase {
                every_days: 14,
                until_months: 6,
                until_weeks: 0,
            }],
        };
        let json = serde_json::to_value(&plan).unwrap_or_default();
        assert_eq!(json["kind"], "INDUCTION");
        assert_eq!(json["effectiveFrom"], "2027-01-01");
        assert_eq!(json["phases"][0]["everyDays"], 14);
    }
}
