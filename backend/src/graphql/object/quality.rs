//! Dip-sample audit rounds as the API shows them (F8.1).

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::SupervisionKind;
use supervision_shared::quality::{AuditRating, Tally, audit_question};
use uuid::Uuid;

use crate::entity::{audit_score, supervision_action};
use crate::graphql::context::ContextExt;
use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::quality::results;
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

    /// Every score of the round, all standards together.
    async fn overall(&self) -> AuditTally {
        self.0.tally().into()
    }

    /// Per standard of the audit tool, in its order, how the scored
    /// records met it.
    async fn results(&self) -> Vec<AuditStandardResult> {
        self.0
            .by_standard()
            .into_iter()
            .map(|(q, tally)| AuditStandardResult {
                standard: AuditStandard::from(q),
                tally: tally.into(),
            })
            .collect()
    }

    /// Per unit whose staff had a record scored, by unit name: a record
    /// counts for each of its supervisees' units.
    async fn unit_results(&self, ctx: &Context<'_>) -> Result<Vec<AuditUnitResult>> {
        let found = results::by_unit(ctx.db()?, self.0.round.organisation_id, &self.0).await?;
        Ok(found
            .into_iter()
            .map(|u| AuditUnitResult {
                unit_id: u.unit_id,
                unit_name: u.unit_name,
                records: u.records,
                tally: u.tally.into(),
            })
            .collect())
    }
}

/// How many scores had each rating, and the share met in full.
#[derive(Debug, Clone, SimpleObject)]
pub struct AuditTally {
    /// Met in full.
    pub met: u32,
    /// Met in part.
    pub partly_met: u32,
    /// Not met.
    pub not_met: u32,
    /// The standard did not apply.
    pub not_applicable: u32,
    /// Of the scores that applied, the share met in full, as a whole
    /// percentage rounded down; null when none applied (not 0%).
    pub met_percent: Option<u32>,
}

impl From<Tally> for AuditTally {
    fn from(t: Tally) -> Self {
        Self {
            met: t.met,
            partly_met: t.partly_met,
            not_met: t.not_met,
            not_applicable: t.not_applicable,
            met_percent: t.met_percent(),
        }
    }
}

/// How one unit's records in a round met the audit tool.
#[derive(Debug, Clone, SimpleObject)]
pub struct AuditUnitResult {
    /// The unit.
    pub unit_id: Uuid,
    /// Its name.
    pub unit_name: String,
    /// Its staff's records scored in the round.
    pub records: u32,
    /// Their scores, all standards together.
    pub tally: AuditTally,
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
    /// One score per record scored.
    pub tally: AuditTally,
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
    /// The findings this round raised on it as actions, oldest first.
    pub findings: Vec<AuditFinding>,
}

/// A finding raised on a record as an action, as the round shows it: what,
/// whose and by when. Not the action itself: its history (what the owner
/// wrote on re-dating or closing it) is for the owner and the record's
/// readers, reached through the record or the owner's own lists, not
/// through the round, which every auditor may list.
#[derive(Debug, Clone, SimpleObject)]
#[graphql(complex)]
pub struct AuditFinding {
    /// The action's id.
    pub id: Uuid,
    /// What should change.
    pub description: String,
    #[graphql(skip)]
    pub owner_id: Uuid,
    /// By when.
    pub due_on: Option<NaiveDate>,
    /// Open, done or dropped.
    pub status: supervision_shared::action::ActionStatus,
}

#[async_graphql::ComplexObject]
impl AuditFinding {
    /// Who will do it.
    async fn owner(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.owner_id).await
    }
}

impl From<&supervision_action::Model> for AuditFinding {
    fn from(a: &supervision_action::Model) -> Self {
        Self {
            id: a.id,
            description: a.description.clone(),
            owner_id: a.owner_id,
            due_on: a.due_on,
            status: a.status,
        }
    }
}

impl From<&Sampled> for AuditSample {
    fn from(s: &Sampled) -> Self {
        Self {
            position: s.position,
            supervision_id: s.supervision_id,
            held_on: s.held_on,
            kind: s.kind,
            scores: s.scores.iter().map(AuditScore::from).collect(),
            findings: s.findings.iter().map(AuditFinding::from).collect(),
        }
    }
}
