//! Where the signed-in person stands for each kind of supervision.

use chrono::NaiveDate;
use serde::Deserialize;
use supervision_shared::compliance::DueRule;
use supervision_shared::{ComplianceCategory, ComplianceStatus};
use uuid::Uuid;

use super::{ApiError, graphql};

/// The caller's standing for one kind of supervision, as the server judged it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ComplianceStanding {
    /// Clinical, management or case supervision.
    pub category: ComplianceCategory,
    /// Their last formal supervision of this kind.
    pub last: Option<NaiveDate>,
    /// When the next one is due.
    pub next_due: Option<NaiveDate>,
    /// Compliant, due soon, overdue, or never had one.
    pub status: ComplianceStatus,
    /// The date judged at.
    pub as_at: NaiveDate,
}

const MY_COMPLIANCE: &str =
    "query MyCompliance { myCompliance { category last nextDue status asAt } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MyComplianceData {
    my_compliance: Vec<ComplianceStanding>,
}

/// The caller's standing per kind, judged as at the end of this month (the
/// server's default, as the supervision reports count).
pub async fn my_compliance() -> Result<Vec<ComplianceStanding>, ApiError> {
    let data: MyComplianceData = graphql(MY_COMPLIANCE, serde_json::json!({})).await?;
    Ok(data.my_compliance)
}

const DUE_RULES: &str = "query DueRules($ids: [UUID!]!) { dueRules(staffIds: $ids) { \
     staffId holdsCaseload policy { clinicalDays managementDays caseDays backstopDays \
     dueSoonDays } periods { from until everyDays } } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DueRulesData {
    due_rules: Vec<DueRule>,
}

/// Each person's policy and schedule today, for working out their due date
/// with the shared rule; people the caller may not judge are left out.
pub async fn due_rules(ids: &[Uuid]) -> Result<Vec<DueRule>, ApiError> {
    let data: DueRulesData = graphql(DUE_RULES, serde_json::json!({ "ids": ids })).await?;
    Ok(data.due_rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_standing_reads_as_the_api_sends_it_with_or_without_dates() {
        let Ok(data) = serde_json::from_str::<MyComplianceData>(
            r#"{"myCompliance":[
              {"category":"CLINICAL","last":"2026-11-02","nextDue":"2026-12-28","status":"DUE_SOON","asAt":"2026-11-30"},
              {"category":"MANAGEMENT","last":null,"nextDue":null,"status":"NEVER_HAD","asAt":"2026-11-30"}
            ]}"#,
        ) else {
            panic!("the example response should parse");
        };
        let [clinical, management] = data.my_compliance.as_slice() else {
            panic!("two standings")
        };
        assert_eq!(clinical.category, ComplianceCategory::Clinical);
        assert_eq!(clinical.status, ComplianceStatus::DueSoon);
        assert_eq!(clinical.next_due, NaiveDate::from_ymd_opt(2026, 12, 28));
        assert_eq!(management.status, ComplianceStatus::NeverHad);
        assert_eq!(management.last, None);
    }
}
