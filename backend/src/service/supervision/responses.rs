//! What supervisees add to a record: their validation, comments and
//! private notes (F4.1, F4.2).

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use supervision_shared::validation::validate_decision;
use supervision_shared::{FieldError, ValidationDecision};
use uuid::Uuid;

use super::*;
use crate::auth::Viewer;
use crate::entity::supervision_attendee;
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};

/// A supervisee agrees with the record, or disagrees with their own account
/// (F4.1). The decision is an e-signature: who (the attendee row) and when.
/// They may validate again later; the latest decision stands.
pub async fn validate(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    decision: ValidationDecision,
    comment: &str,
) -> AppResult<VisibleRecord> {
    let visible = find_visible(db, viewer, id).await?;
    if !visible.access.is_supervisee() {
        return Err(AppError::Forbidden);
    }
    validate_decision(decision, comment).map_err(AppError::Validation)?;
    let comment = comment.trim();
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let result = supervision_attendee::Entity::update_many()
        .col_expr(
            supervision_attendee::Column::ValidationState,
            sea_orm::sea_query::Expr::value(decision.resulting_state().as_str()),
        )
        .col_expr(
            supervision_attendee::Column::ValidatedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .col_expr(
            supervision_attendee::Column::SuperviseeComment,
            sea_orm::sea_query::Expr::value((!comment.is_empty()).then(|| comment.to_owned())),
        )
        .filter(supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision_attendee::Column::SupervisionId.eq(id))
        .filter(supervision_attendee::Column::SuperviseeId.eq(viewer.staff_id))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.validate",
            "supervision",
            id,
            serde_json::json!({ "decision": decision.resulting_state().as_str() }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(visible)
}

/// A group member's own notes on a record, which only they can read, and
/// the facilitator too if they choose (F3.4). `share` is their choice;
/// `None` leaves the choice as it was.
pub async fn save_personal_notes(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    notes: &str,
    share: Option<bool>,
) -> AppResult<VisibleRecord> {
    let visible = find_visible(db, viewer, id).await?;
    if !visible.access.is_supervisee() {
        return Err(AppError::Forbidden);
    }
    if notes.chars().count() > supervision_shared::limits::SECTION_MAX_CHARS {
        return Err(AppError::Validation(vec![FieldError::too_long(
            "notes",
            supervision_shared::limits::SECTION_MAX_CHARS,
        )]));
    }
    let notes = notes.trim();
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let mut update = supervision_attendee::Entity::update_many().col_expr(
        supervision_attendee::Column::PersonalNotes,
        sea_orm::sea_query::Expr::value((!notes.is_empty()).then(|| notes.to_owned())),
    );
    if let Some(share) = share {
        update = update.col_expr(
            supervision_attendee::Column::PersonalNotesShared,
            sea_orm::sea_query::Expr::value(share),
        );
    }
    update
        .filter(supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision_attendee::Column::SupervisionId.eq(id))
        .filter(supervision_attendee::Column::SuperviseeId.eq(viewer.staff_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.personal_notes",
            "supervision",
            id,
            serde_json::json!({ "shared": share }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(visible)
}

/// The personal notes the record's members have chosen to share with its
/// facilitator, who alone reads them (F3.4): the recorder of the session
/// while they hold it. Anyone else gets none, whatever else they may read.
pub fn notes_shared_with(
    access: RecordAccess,
    attendees: Vec<supervision_attendee::Model>,
) -> Vec<supervision_attendee::Model> {
    if !access.is_facilitator() {
        return Vec::new();
    }
    attendees
        .into_iter()
        .filter(|a| a.personal_notes_shared && a.personal_notes.is_some())
        .collect()
}

/// A supervisee adds a comment to their record, at any time (F4.2). The
/// comments stay with the record, each signed and dated.
pub async fn add_comment(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    body: &str,
) -> AppResult<VisibleRecord> {
    use crate::entity::supervision_comment;
    let visible = find_visible(db, viewer, id).await?;
    if !visible.access.is_supervisee() {
        return Err(AppError::Forbidden);
    }
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::invalid("comment", "Write your comment."));
    }
    if body.chars().count() > supervision_shared::limits::COMMENT_MAX_CHARS {
        return Err(AppError::Validation(vec![FieldError::too_long(
            "comment",
            supervision_shared::limits::COMMENT_MAX_CHARS,
        )]));
    }
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    supervision_comment::Entity::insert(supervision_comment::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        supervision_id: Set(id),
        author_id: Set(viewer.staff_id),
        body: Set(body.to_owned()),
        written_at: Set(Utc::now()),
    })
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.comment",
            "supervision",
            id,
            serde_json::json!({}),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(visible)
}

/// Comments on a record, oldest first.
pub async fn comments_of(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<Vec<crate::entity::supervision_comment::Model>> {
    use crate::entity::supervision_comment;
    Ok(supervision_comment::Entity::find()
        .filter(supervision_comment::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_comment::Column::SupervisionId.eq(supervision_id))
        .order_by_asc(supervision_comment::Column::WrittenAt)
        .all(db)
        .await?)
}
