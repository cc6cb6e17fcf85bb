//! Team compliance for senior managers (F5.6): the units they oversee, one
//! unit's figures with its children and people, the 12-month trend, and the
//! address of the same report as a CSV download.

use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::compliance::ComplianceStanding;
use super::staff::StaffSummary;
use super::{ApiError, graphql};
use crate::dates;

/// A unit's whole-subtree percentages compliant, per kind.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitFigures {
    /// The unit, to drill down with.
    pub unit_id: Uuid,
    /// Its name.
    pub name: String,
    /// How many people were counted.
    pub people: u32,
    /// Per cent compliant with clinical supervision; none with nobody.
    pub clinical_percent: Option<f64>,
    /// Per cent compliant with line management supervision.
    pub management_percent: Option<f64>,
    /// Per cent compliant with case supervision.
    pub case_percent: Option<f64>,
}

/// One person directly in the unit, with their standing per kind.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PersonCompliance {
    /// Who they are.
    pub staff: StaffSummary,
    /// Where they stand for each kind.
    pub standings: Vec<ComplianceStanding>,
}

/// A unit's report: itself, its children, and its own people.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TeamCompliance {
    /// The date judged at.
    pub as_at: NaiveDate,
    /// The unit as a whole.
    pub unit: UnitFigures,
    /// Each child unit.
    pub children: Vec<UnitFigures>,
    /// People directly in the unit, most urgent first.
    pub people: Vec<PersonCompliance>,
}

/// One month-end of the trend.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TrendPoint {
    /// The month-end judged at.
    pub as_at: NaiveDate,
    /// The unit's figures then.
    pub figures: UnitFigures,
}

/// Records shared late (F4.3) for a unit's whole subtree, in the year to
/// the date judged.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LateSharing {
    /// The unit.
    pub unit_id: Uuid,
    /// Its name.
    pub name: String,
    /// Formal records of its people in the year (a group session once per
    /// member).
    pub records: u32,
    /// Of those, shared more than 10 working days after the session.
    pub late: u32,
    /// Late, per cent; none with no records.
    pub late_percent: Option<f64>,
}

/// Open cases of a unit's whole subtree, and how many of them are overdue
/// for discussion (F3.7), as at the date judged.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseFigures {
    /// The unit.
    pub unit_id: Uuid,
    /// Its name.
    pub name: String,
    /// Open cases of its workers.
    pub open_cases: u32,
    /// Of those, not discussed within the interval (8 weeks).
    pub overdue_cases: u32,
}

const FIGURES: &str = "unitId name people clinicalPercent managementPercent casePercent";

const MY_REPORT_UNITS: &str = "query MyReportUnits { myReportUnits { unitId name } }";

/// The unit names the caller oversees, as `myReportUnits` sends them (its
/// figures are not filled in).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReportUnit {
    /// The unit.
    pub unit_id: Uuid,
    /// Its name.
    pub name: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MyReportUnitsData {
    my_report_units: Vec<ReportUnit>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct TeamComplianceData {
    team_compliance: TeamCompliance,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ComplianceTrendData {
    compliance_trend: Vec<TrendPoint>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LateSharingData {
    late_sharing: Vec<LateSharing>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CaseDiscussionsData {
    case_discussions: Vec<CaseFigures>,
}

/// The tops of the caller's reporting scope; empty for anyone who is not a
/// senior manager.
pub async fn my_report_units() -> Result<Vec<ReportUnit>, ApiError> {
    let data: MyReportUnitsData = graphql(MY_REPORT_UNITS, serde_json::json!({})).await?;
    Ok(data.my_report_units)
}

/// One unit's report as at a date (none: the end of this month). A unit
/// outside the caller's scope is not found.
pub async fn team_compliance(
    unit_id: Uuid,
    as_at: Option<NaiveDate>,
) -> Result<TeamCompliance, ApiError> {
    let query = format!(
        "query TeamCompliance($unitId: UUID!, $asAt: NaiveDate) {{ \
         teamCompliance(unitId: $unitId, asAt: $asAt) {{ asAt \
         unit {{ {FIGURES} }} children {{ {FIGURES} }} \
         people {{ staff {{ id name jobTitle teamName }} \
         standings {{ category last nextDue status asAt }} }} }} }}"
    );
    let data: TeamComplianceData = graphql(
        &query,
        serde_json::json!({ "unitId": unit_id, "asAt": as_at.map(dates::iso) }),
    )
    .await?;
    Ok(data.team_compliance)
}

/// Late sharing for a unit (first) and each of its children, in the year
/// to a date (none: the end of this month). A unit outside the caller's
/// scope is not found.
pub async fn late_sharing(
    unit_id: Uuid,
    as_at: Option<NaiveDate>,
) -> Result<Vec<LateSharing>, ApiError> {
    const QUERY: &str = "query LateSharing($unitId: UUID!, $asAt: NaiveDate) { \
         lateSharing(unitId: $unitId, asAt: $asAt) { unitId name records late latePercent } }";
    let data: LateSharingData = graphql(
        QUERY,
        serde_json::json!({ "unitId": unit_id, "asAt": as_at.map(dates::iso) }),
    )
    .await?;
    Ok(data.late_sharing)
}

/// Open and overdue cases for a unit (first) and each of its children, as
/// at a date (none: today). A unit outside the caller's scope is not found.
pub async fn case_discussions(
    unit_id: Uuid,
    as_at: Option<NaiveDate>,
) -> Result<Vec<CaseFigures>, ApiError> {
    const QUERY: &str = "query CaseDiscussions($unitId: UUID!, $asAt: NaiveDate) { \
         caseDiscussions(unitId: $unitId, asAt: $asAt) { unitId name openCases overdueCases } }";
    let data: CaseDiscussionsData = graphql(
        QUERY,
        serde_json::json!({ "unitId": unit_id, "asAt": as_at.map(dates::iso) }),
    )
    .await?;
    Ok(data.case_discussions)
}

/// A unit's figures at each of the last 12 month-ends, oldest first.
pub async fn compliance_trend(unit_id: Uuid) -> Result<Vec<TrendPoint>, ApiError> {
    let query = format!(
        "query ComplianceTrend($unitId: UUID!) {{ \
         complianceTrend(unitId: $unitId) {{ asAt figures {{ {FIGURES} }} }} }}"
    );
    let data: ComplianceTrendData =
        graphql(&query, serde_json::json!({ "unitId": unit_id })).await?;
    Ok(data.compliance_trend)
}

/// Where the same report downloads as CSV, one row per person.
pub fn compliance_csv_url(unit_id: Uuid, as_at: NaiveDate) -> String {
    format!(
        "/reports/compliance.csv?unit={unit_id}&asAt={}",
        dates::iso(as_at)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_reads_as_the_api_sends_it_with_nobody_counted_as_no_percent() {
        let Ok(data) = serde_json::from_str::<TeamComplianceData>(
            r#"{"teamCompliance":{"asAt":"2026-11-30",
              "unit":{"unitId":"00000000-0000-0000-0000-000000000001","name":"Community Services","people":12,
                "clinicalPercent":75.0,"managementPercent":83.33,"casePercent":null},
              "children":[{"unitId":"00000000-0000-0000-0000-000000000002","name":"Therapies","people":0,
                "clinicalPercent":null,"managementPercent":null,"casePercent":null}],
              "people":[{"staff":{"id":"00000000-0000-0000-0000-000000000003","name":"Helen Carter",
                "jobTitle":"Head","teamName":"Community Services"},
                "standings":[{"category":"CLINICAL","last":null,"nextDue":null,"status":"NEVER_HAD","asAt":"2026-11-30"}]}]}}"#,
        ) else {
            panic!("the example response should parse");
        };
        let report = data.team_compliance;
        assert_eq!(report.unit.people, 12);
        assert_eq!(report.unit.case_percent, None);
        assert_eq!(report.children[0].clinical_percent, None);
        assert_eq!(report.people[0].staff.name, "Helen Carter");
    }

    #[test]
    fn late_sharing_reads_as_the_api_sends_it_with_no_records_as_no_percent() {
        let Ok(data) = serde_json::from_str::<LateSharingData>(
            r#"{"lateSharing":[
              {"unitId":"00000000-0000-0000-0000-000000000001","name":"Community Services","records":24,"late":3,"latePercent":12.5},
              {"unitId":"00000000-0000-0000-0000-000000000002","name":"Therapies","records":0,"late":0,"latePercent":null}
            ]}"#,
        ) else {
            panic!("the example response should parse");
        };
        let [unit, child] = data.late_sharing.as_slice() else {
            panic!("two units")
        };
        assert_eq!(
            (unit.records, unit.late, unit.late_percent),
            (24, 3, Some(12.5))
        );
        assert_eq!(child.late_percent, None);
    }

    #[test]
    fn case_discussions_read_as_the_api_sends_them() {
        let Ok(data) = serde_json::from_str::<CaseDiscussionsData>(
            r#"{"caseDiscussions":[
              {"unitId":"00000000-0000-0000-0000-000000000001","name":"Community Services","openCases":7,"overdueCases":2},
              {"unitId":"00000000-0000-0000-0000-000000000002","name":"Therapies","openCases":0,"overdueCases":0}
            ]}"#,
        ) else {
            panic!("the example response should parse");
        };
        let [unit, child] = data.case_discussions.as_slice() else {
            panic!("two units")
        };
        assert_eq!((unit.open_cases, unit.overdue_cases), (7, 2));
        assert_eq!(child.name, "Therapies");
        assert_eq!(child.open_cases, 0);
    }

    #[test]
    fn the_csv_address_names_the_unit_and_the_date() {
        let unit = Uuid::nil();
        let Some(day) = NaiveDate::from_ymd_opt(2026, 11, 30) else {
            panic!("valid date")
        };
        assert_eq!(
            compliance_csv_url(unit, day),
            "/reports/compliance.csv?unit=00000000-0000-0000-0000-000000000000&asAt=2026-11-30"
        );
    }
}
