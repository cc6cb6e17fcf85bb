//! Scoring a sampled record against the audit tool (F8.1), and the feedback
//! the record's readers see. Only whoever drew the round reads its records
//! (the round's grants are theirs), so only they score them, and only while
//! the round is open.

use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use supervision_shared::quality::{AuditRating, Score, validate_scores};
use supervision_shared::{AccessPurpose, Role};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::config::AccessPolicy;
use crate::entity::{audit_round, audit_round_record, audit_score};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};

/// Scores one record of a round against every standard of the tool,
/// replacing any earlier scores of it in that round.
pub async fn score(
    db: &DatabaseConnection,
    viewer: &Viewer,
    policy: &AccessPolicy,
    round_id: Uuid,
    supervision_id: Uuid,
    scores: Vec<Score>,
) -> AppResult<()> {
    let errors = validate_scores(&scores);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let round = drawers_open_round(db, viewer, policy, round_id, supervision_id).await?;
    let now = Utc::now();

    let short = |rating| scores.iter().filter(|s| s.rating == rating).count();
    let detail = serde_json::json!({
        "round": round.id,
        "partly_met": short(AuditRating::PartlyMet),
        "not_met": short(AuditRating::NotMet),
    });
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    audit_score::Entity::delete_many()
        .filter(audit_score::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(audit_score::Column::RoundId.eq(round.id))
        .filter(audit_score::Column::SupervisionId.eq(supervision_id))
        .exec(&txn)
        .await?;
    let rows = scores.into_iter().map(|s| {
        audit_score::ActiveModel::from(audit_score::Model {
            id: Uuid::now_v7(),
            organisation_id: viewer.organisation_id,
            round_id: round.id,
            supervision_id,
            question: s.question,
            rating: s.rating,
            comment: s.comment.trim().to_owned(),
            scored_by: viewer.staff_id,
            scored_at: now,
        })
    });
    audit_score::Entity::insert_many(rows.collect::<Vec<_>>())
        .exec_without_returning(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "audit_round.score",
            "supervision",
            supervision_id,
            detail,
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The round, when the viewer is still allowed the audit purpose, drew it,
/// it is still open and it drew this record: only then may they work on the
/// record for the audit (score it, raise a finding). Someone no longer
/// allowed the purpose (their auditor role taken away) and another
/// auditor's round are refused; a round the viewer may not see, or a record
/// it did not draw, is not found; a closed round is a conflict.
pub(super) async fn drawers_open_round(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    policy: &AccessPolicy,
    round_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<audit_round::Model> {
    if !policy.allows(&viewer.roles, AccessPurpose::AuditQa) {
        return Err(AppError::Forbidden);
    }
    let round = audit_round::Entity::find_by_id(round_id)
        .filter(audit_round::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .filter(|r| r.drawn_by == viewer.staff_id || viewer.has_role(Role::Auditor))
        .ok_or(AppError::NotFound)?;
    if round.drawn_by != viewer.staff_id {
        // Another auditor's round: its records are open to them, not to
        // this viewer.
        return Err(AppError::Forbidden);
    }
    if round.closes_at <= Utc::now() {
        return Err(AppError::Conflict(
            "This audit round has closed: its records can no longer be read for the audit. Draw a new round.".into(),
        ));
    }
    audit_round_record::Entity::find()
        .filter(audit_round_record::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(audit_round_record::Column::RoundId.eq(round.id))
        .filter(audit_round_record::Column::SupervisionId.eq(supervision_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(round)
}

/// A round's scores of a record, as its readers see them.
#[derive(Debug, Clone)]
pub struct Feedback {
    /// The round's title.
    pub round_title: String,
    /// When the record was scored.
    pub scored_at: DateTime<Utc>,
    /// Who scored it.
    pub scored_by: Uuid,
    /// One per standard, in the tool's order.
    pub scores: Vec<audit_score::Model>,
}

/// The audit feedback on a record, newest round first: for whoever may
/// read its content (the supervisor who wrote it, its supervisees, a
/// reader under a grant), so the supervisor learns what to change and the
/// supervisee sees that their record was looked at.
pub async fn feedback(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<Vec<Feedback>> {
    let scores = audit_score::Entity::find()
        .filter(audit_score::Column::OrganisationId.eq(organisation_id))
        .filter(audit_score::Column::SupervisionId.eq(supervision_id))
        .order_by_desc(audit_score::Column::ScoredAt)
        .all(db)
        .await?;
    if scores.is_empty() {
        return Ok(Vec::new());
    }
    let rounds = audit_round::Entity::find()
        .filter(audit_round::Column::OrganisationId.eq(organisation_id))
        .filter(audit_round::Column::Id.is_in(scores.iter().map(|s| s.round_id)))
        .all(db)
        .await?;
    let mut feedback: Vec<Feedback> = Vec::new();
    for score in scores {
        match feedback.iter_mut().find(|f| {
            f.scores
                .first()
                .is_some_and(|first| first.round_id == score.round_id)
        }) {
            Some(round) => round.scores.push(score),
            None => feedback.push(Feedback {
                round_title: rounds
                    .iter()
                    .find(|r| r.id == score.round_id)
                    .map(|r| r.title.clone())
                    .unwrap_or_default(),
                scored_at: score.scored_at,
                scored_by: score.scored_by,
                scores: vec![score],
            }),
        }
    }
    for round in &mut feedback {
        round.scores.sort_by_key(|s| in_tool_order(&s.question));
    }
    Ok(feedback)
}

/// Where a standard comes in the tool (unknown keys last).
pub fn in_tool_order(key: &str) -> usize {
    supervision_shared::quality::AUDIT_TOOL
        .iter()
        .position(|q| q.key == key)
        .unwrap_or(usize::MAX)
}
