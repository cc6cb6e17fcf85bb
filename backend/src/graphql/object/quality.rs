//! Dip-sample audit rounds as the API shows them (F8.1).

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::SupervisionKind;
use supervision_shared::quality::{AUDIT_TOOL, AuditRating, audit_question};
use uuid::Uuid;

use crate::entity::audit_score;
use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::quality::round::{Round, Sampled};
use crate::service::quality::score::Feedback;

/// A dip-sample audit round and the records it drew.
pub struct AuditRound(pub Round);

#[Object]
impl AuditRound {
    /// Round id.
    async fn id(&self) -> Uuid {
        self.0.round.id
    }

    /// What the auditor called it.
    async fn title(&self) -> &str {
        &self.0.round.title
    }

    /// The first day of the period sampled.
    async fn period_from(&self) -> NaiveDate {
        self.0.round.period_from
    }

    /// The last day of the period sampled.
    async fn period_to(&self) -> NaiveDate {
        self.0.round.period_to
    }

    /// The units sampled (each with everything below it); empty for the
    /// whole organisation or a senior manager's whole scope.
    async fn unit_ids(&self) -> Vec<Uuid> {
        serde_json::from_str(&self.0.round.unit_ids).unwrap_or_default()
    }

    /// The kinds of supervision sampled.
    async fn kinds(&self) -> Vec<SupervisionKind> {
        self.0
            .round
            .kinds
            .split(',')
            .filter_map(|code| SupervisionKind::parse(code).ok())
            .collect()
    }

    /// The seed the sample was drawn with (a 64-bit unsigned number, as
    /// text): with the eligible records in id order, it draws the same
    /// sample again.
    async fn seed(&self) -> String {
        u64::from_ne_bytes(self.0.round.seed.to_ne_bytes()).to_string()
    }

    /// How many records were eligible.
    async fn eligible_count(&self) -> i32 {
        self.0.round.eligible_count
    }

    /// Who drew it.
    async fn drawn_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.round.drawn_by).await
    }

    /// When.
    async fn drawn_at(&self) -> DateTime<Utc> {
        self.0.round.drawn_at
    }

    /// Until when the records drawn may be read for the audit.
    async fn closes_at(&self) -> DateTime<Utc> {
        self.0.round.closes_at
    }

    /// The records drawn, in draw order.
    async fn records(&self) -> Vec<AuditSample> {
        self.0.records.iter().map(AuditSample::from).collect()
    }

    /// How many of the records drawn are scored.
    async fn scored_count(&self) -> usize {
        self.0
            .records
            .iter()
            .filter(|r| !r.scores.is_empty())
            .count()
    }

    /// Per standard of the audit tool, how the scored records met it.
    async fn results(&self) -> Vec<AuditStandardResult> {
        AUDIT_TOOL
            .iter()
            .map(|q| {
                let count = |rating| {
                    self.0
                        .records
                        .iter()
                        .flat_map(|r| &r.scores)
                        .filter(|s| s.question == q.key && s.rating == rating)
                        .count()
                };
                AuditStandardResult {
                    standard: AuditStandard::from(q),
                    met: count(AuditRating::Met),
                    partly_met: count(AuditRating::PartlyMet),
                    not_met: count(AuditRating::NotMet),
                    not_applicable: count(AuditRating::NotApplicable),
                }
            })
            .collect()
    }
}

/// A standard of the audit tool.
#[derive(Debug, Clone, SimpleObject)]
pub struct AuditStandard {
    /// Its stable key.
    pub key: String,
    /// The standard, as the auditor reads it.
    pub text: String,
}

impl From<&supervision_shared::quality::AuditQuestion> for AuditStandard {
    fn from(q: &supervision_shared::quality::AuditQuestion) -> Self {
        Self {
            key: q.key.to_owned(),
            text: q.text.to_owned(),
        }
    }
}

/// How the scored records of a round met one standard.
#[derive(Debug, Clone, SimpleObject)]
pub struct AuditStandardResult {
    /// The standard.
    pub standard: AuditStandard,
    /// Records that met it.
    pub met: usize,
    /// Records that partly met it.
    pub partly_met: usize,
    /// Records that did not.
    pub not_met: usize,
    /// Records it did not apply to.
    pub not_applicable: usize,
}

/// One standard scored for a record.
#[derive(Debug, Clone, SimpleObject)]
pub struct AuditScore {
    /// The standard.
    pub standard: AuditStandard,
    /// How the record met it.
    pub rating: AuditRating,
    /// What the auditor saw.
    pub comment: String,
}

impl From<&audit_score::Model> for AuditScore {
    fn from(s: &audit_score::Model) -> Self {
        Self {
            standard: audit_question(&s.question).map_or_else(
                || AuditStandard {
                    key: s.question.clone(),
                    text: s.question.clone(),
                },
                AuditStandard::from,
            ),
            rating: s.rating,
            comment: s.comment.clone(),
        }
    }
}

/// A round's scores of a record, as the record's readers see them.
pub struct AuditFeedback(pub Feedback);

#[Object]
impl AuditFeedback {
    /// The round's title.
    async fn round_title(&self) -> &str {
        &self.0.round_title
    }

    /// When the record was scored.
    async fn scored_at(&self) -> DateTime<Utc> {
        self.0.scored_at
    }

    /// Who scored it.
    async fn scored_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.scored_by).await
    }

    /// One per standard, in the tool's order.
    async fn scores(&self) -> Vec<AuditScore> {
        self.0.scores.iter().map(AuditScore::from).collect()
    }
}

/// A record drawn into a round: which, when it was held and its kind. Its
/// content is read through `supervision(id)` under the round's grant, and
/// each read is logged.
#[derive(Debug, Clone, SimpleObject)]
pub struct AuditSample {
    /// 1 for the first drawn.
    pub position: i32,
    /// The record.
    pub supervision_id: Uuid,
    /// When it was held.
    pub held_on: NaiveDate,
    /// Its kind.
    pub kind: SupervisionKind,
    /// Its scores in this round, in the tool's order; empty until scored.
    pub scores: Vec<AuditScore>,
}

impl From<&Sampled> for AuditSample {
    fn from(s: &Sampled) -> Self {
        Self {
            position: s.position,
            supervision_id: s.supervision_id,
            held_on: s.held_on,
            kind: s.kind,
            scores: s.scores.iter().map(AuditScore::from).collect(),
        }
    }
}
