//! Dip-sample audits (F8.1): rounds, drawing one, the audit tool and
//! scoring a record drawn.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use supervision_shared::SupervisionKind;
use supervision_shared::quality::{AuditRating, FindingDraft, Tally};
use uuid::Uuid;

use super::{ApiError, graphql};

/// A standard of the audit tool.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Standard {
    /// Its stable key.
    pub key: String,
    /// The standard in words.
    pub text: String,
}

/// One standard scored.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Scored {
    /// The standard.
    pub standard: Standard,
    /// How the record met it.
    pub rating: AuditRating,
    /// What the auditor saw.
    pub comment: String,
}

/// A round's scores of a record, as its readers see them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Feedback {
    /// The round's title.
    pub round_title: String,
    /// When it was scored.
    pub scored_at: DateTime<Utc>,
    /// By whom.
    pub scored_by: super::staff::StaffSummary,
    /// One per standard, in the tool's order.
    pub scores: Vec<Scored>,
}

/// A record drawn into a round.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Sample {
    /// 1 for the first drawn.
    pub position: i32,
    /// The record.
    pub supervision_id: Uuid,
    /// When it was held.
    pub held_on: NaiveDate,
    /// Its kind.
    pub kind: SupervisionKind,
    /// Its scores; empty until scored.
    pub scores: Vec<Scored>,
    /// The findings raised on it as actions, oldest first.
    #[serde(default)]
    pub findings: Vec<Finding>,
}

/// An audit finding raised as an action on the record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// The action's id.
    pub id: Uuid,
    /// What should change.
    pub description: String,
    /// Who will do it.
    pub owner: super::staff::StaffSummary,
    /// By when.
    pub due_on: Option<NaiveDate>,
}

/// How the scored records met one standard.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StandardResult {
    /// The standard.
    pub standard: Standard,
    /// One score per record scored.
    pub tally: Tally,
}

/// How one unit's records met the audit tool.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitResult {
    /// The unit.
    pub unit_id: Uuid,
    /// Its name.
    pub unit_name: String,
    /// Its staff's records scored.
    pub records: u32,
    /// Their scores, all standards together.
    pub tally: Tally,
}

/// A round and what it drew.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Round {
    /// Its id.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// The period sampled.
    pub period_from: NaiveDate,
    /// To.
    pub period_to: NaiveDate,
    /// How many records were eligible.
    pub eligible_count: i32,
    /// The seed it drew with.
    pub seed: String,
    /// Who drew it: only they read and score its records.
    pub drawn_by: crate::api::staff::StaffSummary,
    /// Until when its records may be read.
    pub closes_at: DateTime<Utc>,
    /// How many are scored.
    pub scored_count: usize,
    /// The records drawn.
    pub records: Vec<Sample>,
    /// Every score, all standards together.
    pub overall: Tally,
    /// Per standard (asked for one round only).
    #[serde(default)]
    pub results: Vec<StandardResult>,
    /// Per unit (asked for one round only).
    #[serde(default)]
    pub unit_results: Vec<UnitResult>,
}

impl Round {
    /// Open: its records may still be read and scored.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.closes_at > now
    }
}

const ROUND_FIELDS: &str = "id title periodFrom periodTo eligibleCount seed closesAt scoredCount \
    drawnBy { id name jobTitle teamName } \
    overall { met partlyMet notMet notApplicable } \
    records { position supervisionId heldOn kind scores { standard { key text } rating comment } \
    findings { id description dueOn owner { id name jobTitle teamName } } }";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoundsData {
    audit_rounds: Vec<Round>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RoundData {
    audit_round: Round,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ToolData {
    audit_tool: Vec<Standard>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DrawData {
    draw_audit_round: Drawn,
}

#[derive(Deserialize)]
struct Drawn {
    id: Uuid,
}

/// The rounds the caller may see, newest first.
pub async fn audit_rounds() -> Result<Vec<Round>, ApiError> {
    let data: RoundsData = graphql(
        &format!("query AuditRounds {{ auditRounds {{ {ROUND_FIELDS} }} }}"),
        serde_json::json!({}),
    )
    .await?;
    Ok(data.audit_rounds)
}

const TALLY: &str = "met partlyMet notMet notApplicable";

/// The address of a round's results as CSV.
pub fn results_csv_url(round: Uuid) -> String {
    format!("/audits/{round}/results.csv")
}

/// One round with its results.
pub async fn audit_round(id: Uuid) -> Result<Round, ApiError> {
    let data: RoundData = graphql(
        &format!(
            "query AuditRound($id: UUID!) {{ auditRound(id: $id) {{ {ROUND_FIELDS} \
             results {{ standard {{ key text }} tally {{ {TALLY} }} }} \
             unitResults {{ unitId unitName records tally {{ {TALLY} }} }} }} }}"
        ),
        serde_json::json!({ "id": id }),
    )
    .await?;
    Ok(data.audit_round)
}

/// How many records wait to be scored in the caller's own open rounds.
pub async fn audit_records_to_score() -> Result<u64, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Count {
        audit_records_to_score: u64,
    }
    let data: Count = graphql(
        "query AuditRecordsToScore { auditRecordsToScore }",
        serde_json::json!({}),
    )
    .await?;
    Ok(data.audit_records_to_score)
}

/// The audit tool's standards.
pub async fn audit_tool() -> Result<Vec<Standard>, ApiError> {
    let data: ToolData = graphql(
        "query AuditTool { auditTool { key text } }",
        serde_json::json!({}),
    )
    .await?;
    Ok(data.audit_tool)
}

/// What a new round samples.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RoundRequest {
    /// Its title.
    pub title: String,
    /// The period sampled.
    pub period_from: NaiveDate,
    /// To.
    pub period_to: NaiveDate,
    /// The units sampled (each with everything below it); none for the
    /// whole organisation.
    pub unit_ids: Vec<Uuid>,
    /// The kinds sampled.
    pub kinds: Vec<SupervisionKind>,
    /// How many records.
    pub sample_size: Option<u32>,
    /// The last day its records may be read.
    pub closes_on: NaiveDate,
}

/// Draws a round; its id.
pub async fn draw_audit_round(request: &RoundRequest) -> Result<Uuid, ApiError> {
    let data: DrawData = graphql(
        "mutation DrawAuditRound($i: AuditRoundInput!) { drawAuditRound(input: $i) { id } }",
        serde_json::json!({ "i": request }),
    )
    .await?;
    Ok(data.draw_audit_round.id)
}

/// One standard as the auditor answered it.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreInput {
    /// The standard's key.
    pub standard: String,
    /// The rating.
    pub rating: AuditRating,
    /// The comment.
    pub comment: String,
}

/// Scores a record drawn into a round.
pub async fn score_audited_record(
    round: Uuid,
    record: Uuid,
    scores: &[ScoreInput],
) -> Result<(), ApiError> {
    let _: serde_json::Value = graphql(
        "mutation ScoreAuditedRecord($r: UUID!, $s: UUID!, $scores: [AuditScoreInput!]!) { \
         scoreAuditedRecord(roundId: $r, supervisionId: $s, scores: $scores) }",
        serde_json::json!({ "r": round, "s": record, "scores": scores }),
    )
    .await?;
    Ok(())
}

/// Raises an audit finding on a record drawn into a round as an action;
/// the action's id.
pub async fn raise_audit_finding(
    round: Uuid,
    record: Uuid,
    finding: &FindingDraft,
) -> Result<Uuid, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Raised {
        raise_audit_finding: Drawn,
    }
    let data: Raised = graphql(
        "mutation RaiseAuditFinding($r: UUID!, $s: UUID!, $f: AuditFindingInput!) { \
         raiseAuditFinding(roundId: $r, supervisionId: $s, finding: $f) { id } }",
        serde_json::json!({ "r": round, "s": record, "f": finding }),
    )
    .await?;
    Ok(data.raise_audit_finding.id)
}
