//! Observation of supervisors' practice (F8.3): a supervisor's
//! observations and when the next is due, recording one, signing one, and
//! a unit's counts for team compliance.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use supervision_shared::quality::ObservationDraft;
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, ErrorCode, graphql};

/// An observation of a supervisor's practice.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PracticeObservation {
    /// Its id.
    pub id: Uuid,
    /// Who observed it (and signed it by recording it).
    pub observer: StaffSummary,
    /// The day of the session observed.
    pub observed_on: NaiveDate,
    /// What they did well.
    pub strengths: String,
    /// What they could develop.
    pub development_points: String,
    /// When the supervisor signed it; none while it waits for them.
    pub supervisor_signed_at: Option<DateTime<Utc>>,
    /// What the supervisor added when they signed.
    pub supervisor_comment: String,
}

/// When a supervisor's next observation is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservationStanding {
    /// The day of the last observation both signed.
    pub last_observed_on: Option<NaiveDate>,
    /// When the next is due.
    pub due_on: NaiveDate,
    /// Past that day.
    pub overdue: bool,
}

/// A unit's supervisors and how many are observed in date.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ObservationFigures {
    /// Unit id.
    pub unit_id: Uuid,
    /// Its people who supervise someone.
    pub supervisors: u32,
    /// Of those, in date.
    pub in_date: u32,
    /// The rest.
    pub overdue: u32,
}

const OBSERVATION_FIELDS: &str = "id observer { id name jobTitle teamName } observedOn \
    strengths developmentPoints supervisorSignedAt supervisorComment";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListData {
    practice_observations: Vec<PracticeObservation>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct StandingData {
    observation_standing: Option<ObservationStanding>,
}

/// How far the viewer reaches into a supervisor's observations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The supervisor, or someone who oversees them: every observation,
    /// and when the next is due (none when they supervise nobody today).
    Whole(Option<ObservationStanding>),
    /// Someone who wrote some of them but no longer oversees the
    /// supervisor: only what they wrote, and nothing more to record.
    WroteOnly,
}

impl Reach {
    /// The standing's answer read as a reach: NOT_FOUND after the list
    /// was readable means the viewer reads only what they wrote.
    fn from_standing(
        standing: Result<Option<ObservationStanding>, ApiError>,
    ) -> Result<Self, ApiError> {
        match standing {
            Ok(standing) => Ok(Self::Whole(standing)),
            Err(err) if err.code == ErrorCode::NotFound => Ok(Self::WroteOnly),
            Err(err) => Err(err),
        }
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RecordData {
    record_practice_observation: PracticeObservation,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignData {
    sign_practice_observation: PracticeObservation,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FiguresData {
    observation_figures: Vec<ObservationFigures>,
}

/// A supervisor's observations, newest first, and how far the viewer
/// reaches: NOT_FOUND for anyone but them, those who oversee them, and
/// those who wrote one of them. Asked apart from the standing, which an
/// observer who has moved on may not read, so that their own
/// observations still show.
pub async fn practice_observations(
    supervisor: Uuid,
) -> Result<(Vec<PracticeObservation>, Reach), ApiError> {
    let query = format!(
        "query PracticeObservations($s: UUID!) {{ practiceObservations(supervisorId: $s) {{ {OBSERVATION_FIELDS} }} }}"
    );
    let list: ListData = graphql(&query, serde_json::json!({ "s": supervisor })).await?;
    let standing = graphql::<_, StandingData>(
        "query ObservationStanding($s: UUID!) { observationStanding(supervisorId: $s) { lastObservedOn dueOn overdue } }",
        serde_json::json!({ "s": supervisor }),
    )
    .await
    .map(|data| data.observation_standing);
    Ok((list.practice_observations, Reach::from_standing(standing)?))
}

/// Records an observation, signed by the caller as its observer.
pub async fn record_practice_observation(
    draft: &ObservationDraft,
) -> Result<PracticeObservation, ApiError> {
    let query = format!(
        "mutation RecordPracticeObservation($o: PracticeObservationInput!) {{ \
         recordPracticeObservation(observation: $o) {{ {OBSERVATION_FIELDS} }} }}"
    );
    let data: RecordData = graphql(&query, serde_json::json!({ "o": draft })).await?;
    Ok(data.record_practice_observation)
}

/// Signs an observation of the caller's own practice.
pub async fn sign_practice_observation(
    id: Uuid,
    comment: &str,
) -> Result<PracticeObservation, ApiError> {
    let query = format!(
        "mutation SignPracticeObservation($id: UUID!, $c: String!) {{ \
         signPracticeObservation(id: $id, comment: $c) {{ {OBSERVATION_FIELDS} }} }}"
    );
    let data: SignData = graphql(&query, serde_json::json!({ "id": id, "c": comment })).await?;
    Ok(data.sign_practice_observation)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ToSignData {
    observations_to_sign: Vec<serde::de::IgnoredAny>,
}

/// How many observations of the caller's own practice wait for their
/// signature.
pub async fn observations_to_sign() -> Result<usize, ApiError> {
    let data: ToSignData = graphql(
        "query ObservationsToSign { observationsToSign { id } }",
        serde_json::json!({}),
    )
    .await?;
    Ok(data.observations_to_sign.len())
}

/// A unit's and each child's supervisors and observations in date.
pub async fn observation_figures(
    unit_id: Uuid,
    as_at: NaiveDate,
) -> Result<Vec<ObservationFigures>, ApiError> {
    const QUERY: &str = "query ObservationFigures($unitId: UUID!, $asAt: NaiveDate) { \
        observationFigures(unitId: $unitId, asAt: $asAt) { unitId supervisors inDate overdue } }";
    let data: FiguresData = graphql(
        QUERY,
        serde_json::json!({ "unitId": unit_id, "asAt": as_at }),
    )
    .await?;
    Ok(data.observation_figures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_observation_reads_as_the_api_sends_it() {
        let Ok(data) = serde_json::from_str::<ListData>(
            r#"{"practiceObservations":[{"id":"00000000-0000-0000-0000-000000000001",
              "observer":{"id":"00000000-0000-0000-0000-000000000002","name":"Sofia Martins"},
              "observedOn":"2026-12-06","strengths":"Clear agenda","developmentPoints":"Analysis",
              "supervisorSignedAt":null,"supervisorComment":""}]}"#,
        ) else {
            panic!("the example list should parse");
        };
        assert_eq!(data.practice_observations[0].observer.name, "Sofia Martins");
        assert!(data.practice_observations[0].supervisor_signed_at.is_none());
        let Ok(standing) = serde_json::from_str::<StandingData>(
            r#"{"observationStanding":{"lastObservedOn":null,"dueOn":"2025-12-01","overdue":true}}"#,
        ) else {
            panic!("the example standing should parse");
        };
        assert_eq!(standing.observation_standing.map(|s| s.overdue), Some(true));
    }

    #[test]
    fn an_observer_who_has_moved_on_reads_only_what_they_wrote() {
        let standing = ObservationStanding {
            last_observed_on: None,
            due_on: NaiveDate::from_ymd_opt(2025, 12, 1).unwrap_or_default(),
            overdue: true,
        };
        assert_eq!(
            Reach::from_standing(Ok(Some(standing))),
            Ok(Reach::Whole(Some(standing)))
        );
        assert_eq!(Reach::from_standing(Ok(None)), Ok(Reach::Whole(None)));
        assert_eq!(
            Reach::from_standing(Err(ApiError::new(ErrorCode::NotFound, "not found"))),
            Ok(Reach::WroteOnly)
        );
        // Any other failure is the page's failure, not a narrower reach.
        let failed = Reach::from_standing(Err(ApiError::new(ErrorCode::Internal, "ref")));
        assert_eq!(failed.map_err(|e| e.code), Err(ErrorCode::Internal));
    }

    #[test]
    fn a_draft_is_sent_with_the_api_names() {
        let draft = ObservationDraft {
            supervisor_id: Uuid::from_u128(3),
            observed_on: NaiveDate::from_ymd_opt(2026, 12, 6),
            strengths: "Clear".into(),
            development_points: "Analysis".into(),
        };
        let json = serde_json::to_value(&draft).unwrap_or_default();
        assert_eq!(json["supervisorId"], "00000000-0000-0000-0000-000000000003");
        assert_eq!(json["observedOn"], "2026-12-06");
        assert_eq!(json["developmentPoints"], "Analysis");
    }
}
