//! Cases discussed in supervision (F3.7): each named by a pseudonymous
//! reference, never a person's name. A record's own cases come with the
//! record ([`super::supervision`]); this is the list of the caller's cases
//! and when each is next due for discussion.

use chrono::NaiveDate;
use serde::Deserialize;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// One case as discussed in a record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseDiscussion {
    /// The pseudonymous case reference, e.g. `CN-204518`.
    pub reference: String,
    /// What the case is about now.
    pub summary: String,
    /// Risks, evidence, what it means.
    pub analysis: String,
    /// The decision reached.
    pub decision: String,
    /// Actions for the case.
    pub actions: String,
    /// Closed or transferred at this discussion.
    pub closed: bool,
    /// The worker whose case it is (none on group records saved before it
    /// was asked).
    #[serde(default)]
    pub worker: Option<StaffSummary>,
}

/// Where one of the caller's cases stands.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseForDiscussion {
    /// The pseudonymous case reference.
    pub reference: String,
    /// The worker whose case it is.
    pub worker: StaffSummary,
    /// The record of its last discussion.
    pub last_supervision_id: Uuid,
    /// When it was last discussed.
    pub last_discussed: NaiveDate,
    /// When it is next due for discussion (none once closed).
    pub next_due: Option<NaiveDate>,
    /// Open and not discussed within the interval.
    pub overdue: bool,
    /// Closed or transferred at the last discussion.
    pub closed: bool,
}

const CASES_FOR_DISCUSSION: &str = "query CasesForDiscussion { casesForDiscussion { \
     reference worker { id name jobTitle teamName } lastSupervisionId lastDiscussed \
     nextDue overdue closed } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CasesData {
    cases_for_discussion: Vec<CaseForDiscussion>,
}

/// The caller's cases as worker and as the supervisor who recorded them,
/// overdue first.
pub async fn cases_for_discussion() -> Result<Vec<CaseForDiscussion>, ApiError> {
    let data: CasesData = graphql(CASES_FOR_DISCUSSION, serde_json::json!({})).await?;
    Ok(data.cases_for_discussion)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_for_discussion_reads_as_the_api_words_it() {
        let json = r#"{"casesForDiscussion":[{"reference":"CN-204518",
          "worker":{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b13","name":"Tom Reed","jobTitle":"","teamName":""},
          "lastSupervisionId":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b11","lastDiscussed":"2026-09-01",
          "nextDue":"2026-10-27","overdue":true,"closed":false}]}"#;
        let parsed: Result<CasesData, _> = serde_json::from_str(json);
        let Ok(data) = parsed else {
            panic!("the example answer should parse");
        };
        let case = &data.cases_for_discussion[0];
        assert_eq!(case.reference, "CN-204518");
        assert!(case.overdue);
        assert_eq!(case.next_due, NaiveDate::from_ymd_opt(2026, 10, 27));
    }
}
