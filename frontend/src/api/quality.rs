//! Dip-sample audits (F8.1): rounds, drawing one, the audit tool and
//! scoring a record drawn.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use supervision_shared::SupervisionKind;
use supervision_shared::quality::AuditRating;
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
}

/// How the scored records met one standard.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StandardResult {
    /// The standard.
    pub standard: Standard,
    /// Records that met it.
    pub met: u32,
    /// Partly.
    pub partly_met: u32,
    /// Not.
    pub not_met: u32,
    /// Not applicable.
    pub not_applicable: u32,
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
    /// Until when its records may be read.
    pub closes_at: DateTime<Utc>,
    /// How many are scored.
    pub scored_count: usize,
    /// The records drawn.
    pub records: Vec<Sample>,
    /// Per standard.
    #[serde(default)]
    pub results: Vec<StandardResult>,
}

impl Round {
    /// Open: its records may still be read and scored.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.closes_at > now
    }

    /// Records still to score while it is open.
    pub fn to_score(&self, now: DateTime<Utc>) -> usize {
        if self.is_open(now) {
            self.records.len() - self.scored_count.min(self.records.len())
        } else {
            0
        }
    }
}

const ROUND_FIELDS: &str = "id title periodFrom periodTo eligibleCount seed closesAt scoredCount \
    records { position supervisionId heldOn kind scores { standard { key text } rating comment } }";

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

/// One round with its results.
pub async fn audit_round(id: Uuid) -> Result<Round, ApiError> {
    let data: RoundData = graphql(
        &format!(
            "query AuditRound($id: UUID!) {{ auditRound(id: $id) {{ {ROUND_FIELDS} \
             results {{ standard {{ key text }} met partlyMet notMet notApplicable }} }} }}"
        ),
        serde_json::json!({ "id": id }),
    )
    .await?;
    Ok(data.audit_round)
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
