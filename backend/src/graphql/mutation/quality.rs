//! Drawing a dip-sample audit round, scoring its records and raising
//! findings as actions (F8.1).

use async_graphql::{Context, InputObject, Object, Result};
use chrono::NaiveDate;
use supervision_shared::SupervisionKind;
use supervision_shared::quality::{FindingDraft, SampleSize};
use uuid::Uuid;

use crate::config::AccessPolicy;
use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::quality::{AuditFinding, AuditRound};
use crate::service::quality::round::{self, RoundRequest};

/// What a round samples.
#[derive(Debug, InputObject)]
pub struct AuditRoundInput {
    /// What to call it, e.g. "Quarter 3 dip sample".
    pub title: String,
    /// The first day of the period whose sessions are sampled.
    pub period_from: NaiveDate,
    /// The last day.
    pub period_to: NaiveDate,
    /// Units (each with everything below it) whose staff's records are
    /// sampled; empty for the whole organisation (an auditor) or all the
    /// units a senior manager oversees.
    #[graphql(default)]
    pub unit_ids: Vec<Uuid>,
    /// The kinds sampled.
    pub kinds: Vec<SupervisionKind>,
    /// How many records (give this or `samplePercent`).
    pub sample_size: Option<u32>,
    /// What percentage of the eligible records, rounded up.
    pub sample_percent: Option<u32>,
    /// The last day the records drawn may be read for the audit (at most
    /// 90 days ahead).
    pub closes_on: NaiveDate,
}

/// One standard scored.
#[derive(Debug, InputObject)]
pub struct AuditScoreInput {
    /// The standard's key (`auditTool`).
    pub standard: String,
    /// How the record meets it.
    pub rating: supervision_shared::quality::AuditRating,
    /// What the auditor saw; required when partly or not met.
    #[graphql(default)]
    pub comment: String,
}

/// Mutations about quality assurance.
#[derive(Debug, Default)]
pub struct QualityMutation;

#[Object(guard = "SignedIn")]
impl QualityMutation {
    /// Draws a random, reproducible sample of records for a dip-sample
    /// audit and opens each to the caller for the audit purpose until the
    /// round closes (each read logged and shown to the supervisees). Only
    /// roles allowed the audit purpose may; a senior manager only within
    /// their scope.
    async fn draw_audit_round(
        &self,
        ctx: &Context<'_>,
        input: AuditRoundInput,
    ) -> Result<AuditRound> {
        let size = match (input.sample_size, input.sample_percent) {
            (Some(n), None) => SampleSize::Records(n),
            (None, Some(p)) => SampleSize::Percent(p),
            _ => {
                return Err(
                    AppError::Validation(vec![supervision_shared::FieldError::new(
                        "sampleSize",
                        "Give either how many records to sample or a percentage.",
                    )])
                    .into(),
                );
            }
        };
        let policy = ctx.data::<AccessPolicy>()?;
        let drawn = round::draw(
            ctx.db()?,
            ctx.viewer()?,
            policy,
            RoundRequest {
                title: input.title,
                period_from: input.period_from,
                period_to: input.period_to,
                unit_ids: input.unit_ids,
                kinds: input.kinds,
                size,
                closes_on: input.closes_on,
            },
        )
        .await?;
        Ok(AuditRound(drawn))
    }

    /// Scores a record drawn into a round against every standard of the
    /// audit tool (a comment wherever one is partly or not met), replacing
    /// earlier scores of it in that round. Only whoever drew the round, and
    /// only while it is open.
    async fn score_audited_record(
        &self,
        ctx: &Context<'_>,
        round_id: Uuid,
        supervision_id: Uuid,
        scores: Vec<AuditScoreInput>,
    ) -> Result<bool> {
        let scores = scores
            .into_iter()
            .map(|s| supervision_shared::quality::Score {
                question: s.standard,
                rating: s.rating,
                comment: s.comment,
            })
            .collect();
        crate::service::quality::score::score(
            ctx.db()?,
            ctx.viewer()?,
            ctx.data::<AccessPolicy>()?,
            round_id,
            supervision_id,
            scores,
        )
        .await?;
        Ok(true)
    }

    /// Raises an audit finding on a record drawn into a round as an action
    /// on that record: what should change, owned by the person who recorded
    /// the session or one of its supervisees, with a due date. The owner
    /// meets it in their actions. Only whoever drew the round, and only
    /// while it is open.
    async fn raise_audit_finding(
        &self,
        ctx: &Context<'_>,
        round_id: Uuid,
        supervision_id: Uuid,
        finding: FindingDraft,
    ) -> Result<AuditFinding> {
        let raised = crate::service::quality::finding::raise(
            ctx.db()?,
            ctx.viewer()?,
            ctx.data::<AccessPolicy>()?,
            round_id,
            supervision_id,
            finding,
        )
        .await?;
        Ok(AuditFinding::from(&raised.action))
    }
}
