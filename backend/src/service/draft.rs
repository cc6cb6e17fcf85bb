//! Drafts kept on the server (F3.10), so a record can be finished later or
//! on another device. The form travels as the client's own JSON: the
//! server checks only that it is JSON of a sane size, keeps it for its
//! author alone, and drops it when the record it became is submitted.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use supervision_shared::FieldError;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::record_draft;
use crate::error::{AppError, AppResult};

/// The largest draft kept: far more than any form holds.
pub const PAYLOAD_MAX_BYTES: usize = 256 * 1024;
const SUMMARY_MAX_CHARS: usize = 200;

/// Saves (or replaces) the viewer's draft with this id. A draft id that
/// belongs to someone else is not found, and is left untouched.
pub async fn save(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    summary: &str,
    payload: &str,
) -> AppResult<record_draft::Model> {
    let mut errors = Vec::new();
    if summary.chars().count() > SUMMARY_MAX_CHARS {
        errors.push(FieldError::too_long("summary", SUMMARY_MAX_CHARS));
    }
    if payload.len() > PAYLOAD_MAX_BYTES {
        errors.push(FieldError::new(
            "payload",
            "This draft is too large to keep.",
        ));
    } else if !serde_json::from_str::<serde_json::Value>(payload).is_ok_and(|v| v.is_object()) {
        errors.push(FieldError::new(
            "payload",
            "A draft is the form as a JSON object.",
        ));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if let Some(existing) = record_draft::Entity::find_by_id(id).one(db).await?
        && (existing.author_id != viewer.staff_id
            || existing.organisation_id != viewer.organisation_id)
    {
        return Err(AppError::NotFound);
    }
    let row = record_draft::ActiveModel {
        id: Set(id),
        organisation_id: Set(viewer.organisation_id),
        author_id: Set(viewer.staff_id),
        updated_at: Set(Utc::now()),
        summary: Set(summary.trim().to_owned()),
        payload: Set(payload.to_owned()),
    };
    record_draft::Entity::insert(row)
        .on_conflict(
            OnConflict::column(record_draft::Column::Id)
                .update_columns([
                    record_draft::Column::UpdatedAt,
                    record_draft::Column::Summary,
                    record_draft::Column::Payload,
                ])
                // Only the author's own draft is ever replaced, even when
                // two saves race past the check above.
                .action_and_where(record_draft::Column::AuthorId.eq(viewer.staff_id))
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    mine_by_id(db, viewer, id).await
}

async fn mine_by_id(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<record_draft::Model> {
    record_draft::Entity::find_by_id(id)
        .filter(record_draft::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(record_draft::Column::AuthorId.eq(viewer.staff_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The viewer's drafts, most recently saved first.
pub async fn mine(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<record_draft::Model>> {
    Ok(record_draft::Entity::find()
        .filter(record_draft::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(record_draft::Column::AuthorId.eq(viewer.staff_id))
        .order_by_desc(record_draft::Column::UpdatedAt)
        .all(db)
        .await?)
}

/// Discards one of the viewer's drafts.
pub async fn discard(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    let result = record_draft::Entity::delete_many()
        .filter(record_draft::Column::Id.eq(id))
        .filter(record_draft::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(record_draft::Column::AuthorId.eq(viewer.staff_id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Drops the draft a submitted record came from, in the record's
/// transaction.
pub async fn submitted(db: &impl ConnectionTrait, viewer: &Viewer, key: Uuid) -> AppResult<()> {
    record_draft::Entity::delete_many()
        .filter(record_draft::Column::Id.eq(key))
        .filter(record_draft::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(record_draft::Column::AuthorId.eq(viewer.staff_id))
        .exec(db)
        .await?;
    Ok(())
}
