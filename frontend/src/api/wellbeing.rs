//! Wellbeing checks and action plans (F3.9): a person's, for them and their
//! supervisor; keeping one, and closing one no longer needed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use supervision_shared::wellbeing::WellbeingKind;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// A wellbeing check or action plan.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WellbeingPlan {
    /// Its id.
    pub id: Uuid,
    /// A check or an action plan.
    pub kind: WellbeingKind,
    /// How they are, or what the plan is for.
    pub summary: String,
    /// What was agreed.
    pub actions: String,
    /// When it is reviewed.
    pub review_by: NaiveDate,
    /// Its review is due (the server's today).
    pub review_due: bool,
    /// Who last changed it.
    pub updated_by: StaffSummary,
    /// No longer needed, from this day.
    pub closed_on: Option<NaiveDate>,
}

/// A wellbeing record as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WellbeingPlanInput {
    /// The record to change; none for a new one.
    pub id: Option<Uuid>,
    /// Whose it is.
    pub staff_id: Uuid,
    /// A check or an action plan.
    pub kind: WellbeingKind,
    /// How they are, or what the plan is for.
    pub summary: String,
    /// What was agreed.
    pub actions: String,
    /// When it is reviewed (`YYYY-MM-DD`).
    pub review_by: String,
}

const PLAN_FIELDS: &str = "id kind summary actions reviewBy reviewDue \
     updatedBy { id name jobTitle teamName } closedOn";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PlansData {
    wellbeing_plans: Vec<WellbeingPlan>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SaveData {
    save_wellbeing_plan: WellbeingPlan,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CloseData {
    close_wellbeing_plan: WellbeingPlan,
}

/// A person's wellbeing records, open ones first (NOT_FOUND for anyone but
/// them and their supervisor).
pub async fn wellbeing_plans(staff_id: Uuid) -> Result<Vec<WellbeingPlan>, ApiError> {
    let query = format!(
        "query WellbeingPlans($s: UUID!) {{ wellbeingPlans(staffId: $s) {{ {PLAN_FIELDS} }} }}"
    );
    let data: PlansData = graphql(&query, serde_json::json!({ "s": staff_id })).await?;
    Ok(data.wellbeing_plans)
}

/// Keeps a new record, or changes one.
pub async fn save_wellbeing_plan(input: &WellbeingPlanInput) -> Result<WellbeingPlan, ApiError> {
    let query = format!(
        "mutation SaveWellbeingPlan($i: WellbeingPlanInput!) {{ saveWellbeingPlan(input: $i) {{ {PLAN_FIELDS} }} }}"
    );
    let data: SaveData = graphql(&query, serde_json::json!({ "i": input })).await?;
    Ok(data.save_wellbeing_plan)
}

/// Closes one no longer needed.
pub async fn close_wellbeing_plan(id: Uuid) -> Result<WellbeingPlan, ApiError> {
    let query = format!(
        "mutation CloseWellbeingPlan($id: UUID!) {{ closeWellbeingPlan(id: $id) {{ {PLAN_FIELDS} }} }}"
    );
    let data: CloseData = graphql(&query, serde_json::json!({ "id": id })).await?;
    Ok(data.close_wellbeing_plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_reads_as_the_api_sends_it() {
        let Ok(data) = serde_json::from_str::<PlansData>(
            r#"{"wellbeingPlans":[{"id":"00000000-0000-0000-0000-000000000001","kind":"ACTION_PLAN",
              "summary":"Stress risk assessment","actions":"Caseload capped","reviewBy":"2027-01-15",
              "reviewDue":true,"updatedBy":{"id":"00000000-0000-0000-0000-000000000002","name":"Sofia Martins"},
              "closedOn":null}]}"#,
        ) else {
            panic!("the example response should parse");
        };
        let [plan] = data.wellbeing_plans.as_slice() else {
            panic!("one plan")
        };
        assert_eq!(plan.kind, WellbeingKind::ActionPlan);
        assert!(plan.review_due);
        assert_eq!(plan.updated_by.name, "Sofia Martins");
    }

    #[test]
    fn a_plan_is_sent_with_the_api_names() {
        let input = WellbeingPlanInput {
            id: None,
            staff_id: Uuid::from_u128(3),
            kind: WellbeingKind::Check,
            summary: "Fine".into(),
            actions: String::new(),
            review_by: "2027-01-15".into(),
        };
        let json = serde_json::to_value(&input).unwrap_or_default();
        assert_eq!(json["kind"], "CHECK");
        assert_eq!(json["staffId"], "00000000-0000-0000-0000-000000000003");
        assert_eq!(json["reviewBy"], "2027-01-15");
    }
}
