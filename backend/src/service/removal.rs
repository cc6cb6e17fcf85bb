//! Removing a record made in error (F4.5). The recorder asks, with a
//! reason; a system administrator approves or declines. An approved removal
//! takes the record out of every view and count: its content, actions,
//! comments and earlier versions are deleted, and the row stays as a
//! tombstone (kind, date, who, and the request with its reason) for audit.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use supervision_shared::Role;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{attachment, removal_request, supervision, supervision_attendee};
use crate::error::{AppError, AppResult};
use crate::service::attachment::AttachmentStore;
use crate::service::audit::{self, AuditEntry};
use crate::service::supervision::find_visible;
use crate::service::written::check_written;

/// A request's state.
pub const PENDING: &str = "pending";
const APPROVED: &str = "approved";
const DECLINED: &str = "declined";

/// The recorder asks for their record to be removed.
pub async fn request(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    reason: &str,
) -> AppResult<removal_request::Model> {
    let visible = find_visible(db, viewer, id).await?;
    if visible.record.recorded_by != viewer.staff_id {
        return Err(AppError::Forbidden);
    }
    check_written(
        "reason",
        reason,
        "Say why the record was made in error: an administrator decides on it.",
    )?;
    if pending_for(db, viewer.organisation_id, id).await?.is_some() {
        return Err(AppError::invalid(
            "id",
            "A removal request for this record is already waiting for a decision.",
        ));
    }
    let row = removal_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        supervision_id: Set(id),
        requested_by: Set(viewer.staff_id),
        requested_at: Set(Utc::now()),
        reason: Set(reason.trim().to_owned()),
        status: Set(PENDING.to_owned()),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_note: Set(None),
    };
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let row = row.insert(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.removal_requested",
            "supervision",
            id,
            serde_json::json!({ "request": row.id }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// The pending request for a record, if any.
pub async fn pending_for(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<Option<removal_request::Model>> {
    Ok(removal_request::Entity::find()
        .filter(removal_request::Column::OrganisationId.eq(organisation_id))
        .filter(removal_request::Column::SupervisionId.eq(supervision_id))
        .filter(removal_request::Column::Status.eq(PENDING))
        .one(db)
        .await?)
}

fn require_administrator(viewer: &Viewer) -> AppResult<()> {
    crate::service::access::require_any_role(viewer, &[Role::SystemAdmin])
}

/// Removal requests of the viewer's organisation, pending first then newest,
/// for system administrators.
pub async fn list(
    db: &DatabaseConnection,
    viewer: &Viewer,
    limit: u64,
) -> AppResult<Vec<(removal_request::Model, supervision::Model)>> {
    require_administrator(viewer)?;
    let requests = removal_request::Entity::find()
        .filter(removal_request::Column::OrganisationId.eq(viewer.organisation_id))
        .order_by_desc(removal_request::Column::RequestedAt)
        .limit(limit)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = requests.iter().map(|r| r.supervision_id).collect();
    let records: std::collections::HashMap<Uuid, supervision::Model> = supervision::Entity::find()
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let mut listed: Vec<_> = requests
        .into_iter()
        .filter_map(|r| records.get(&r.supervision_id).cloned().map(|s| (r, s)))
        .collect();
    listed.sort_by_key(|(r, _)| r.status != PENDING);
    Ok(listed)
}

/// A system administrator approves or declines a pending request.
// Long by design: one transaction read top to bottom (check, claim the
// decision once, tombstone, audit).
pub async fn decide(
    db: &DatabaseConnection,
    attachments: &AttachmentStore,
    viewer: &Viewer,
    request_id: Uuid,
    approve: bool,
    note: &str,
) -> AppResult<removal_request::Model> {
    require_administrator(viewer)?;
    let request = removal_request::Entity::find_by_id(request_id)
        .filter(removal_request::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if request.status != PENDING {
        return Err(AppError::invalid(
            "requestId",
            "This request has already been decided.",
        ));
    }
    if !approve {
        check_written(
            "note",
            note,
            "Say why the record stays: the person who asked will see it.",
        )?;
    }
    let now = Utc::now();
    let record_id = request.supervision_id;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    // Decided once: a second administrator deciding at the same moment
    // changes nothing.
    let decided = removal_request::Entity::update_many()
        .col_expr(
            removal_request::Column::Status,
            sea_orm::sea_query::Expr::value(if approve { APPROVED } else { DECLINED }),
        )
        .col_expr(
            removal_request::Column::DecidedBy,
            sea_orm::sea_query::Expr::value(viewer.staff_id),
        )
        .col_expr(
            removal_request::Column::DecidedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .col_expr(
            removal_request::Column::DecisionNote,
            sea_orm::sea_query::Expr::value(
                (!note.trim().is_empty()).then(|| note.trim().to_owned()),
            ),
        )
        .filter(removal_request::Column::Id.eq(request_id))
        .filter(removal_request::Column::Status.eq(PENDING))
        .exec(&txn)
        .await?;
    if decided.rows_affected != 1 {
        return Err(AppError::invalid(
            "requestId",
            "This request has already been decided.",
        ));
    }
    let discarded = if approve {
        tombstone(&txn, viewer, record_id, now).await?
    } else {
        Vec::new()
    };
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            if approve {
                "supervision.remove"
            } else {
                "supervision.removal_declined"
            },
            "supervision",
            record_id,
            serde_json::json!({ "request": request_id, "reason": request.reason }),
        ),
    )
    .await?;
    txn.commit().await?;
    attachments.discard(&discarded).await;
    removal_request::Entity::find_by_id(request_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Leaves only the tombstone of a record: who, when and what kind (and on
/// the request, why); no content.
async fn tombstone(
    txn: &sea_orm::DatabaseTransaction,
    viewer: &Viewer,
    id: Uuid,
    now: chrono::DateTime<Utc>,
) -> AppResult<Vec<String>> {
    let organisation_id = viewer.organisation_id;
    // Attachments: the rows stay (what was attached, by whom, deleted with
    // the record); the bytes go once the transaction has committed.
    let discarded: Vec<String> = attachment::Entity::find()
        .filter(attachment::Column::OrganisationId.eq(organisation_id))
        .filter(attachment::Column::SupervisionId.eq(id))
        .filter(attachment::Column::DeletedAt.is_null())
        .all(txn)
        .await?
        .into_iter()
        .map(|a| a.object_key)
        .collect();
    attachment::Entity::update_many()
        .col_expr(
            attachment::Column::DeletedAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .col_expr(
            attachment::Column::DeletedBy,
            sea_orm::sea_query::Expr::value(Some(viewer.staff_id)),
        )
        .filter(attachment::Column::OrganisationId.eq(organisation_id))
        .filter(attachment::Column::SupervisionId.eq(id))
        .filter(attachment::Column::DeletedAt.is_null())
        .exec(txn)
        .await?;
    // The request was found in the viewer's organisation, so the id is.
    crate::service::record_parts::delete_discussion(txn, &[id]).await?;
    supervision_attendee::Entity::update_many()
        .col_expr(
            supervision_attendee::Column::PersonalNotes,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .col_expr(
            supervision_attendee::Column::SuperviseeComment,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(supervision_attendee::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_attendee::Column::SupervisionId.eq(id))
        .exec(txn)
        .await?;
    let blank = sea_orm::sea_query::Expr::value("");
    supervision::Entity::update_many()
        .col_expr(supervision::Column::Experience, blank.clone())
        .col_expr(supervision::Column::Reflection, blank.clone())
        .col_expr(supervision::Column::Analysis, blank.clone())
        .col_expr(supervision::Column::ActionPlan, blank.clone())
        .col_expr(supervision::Column::Notes, blank.clone())
        .col_expr(supervision::Column::Location, blank)
        .col_expr(
            supervision::Column::RemovedAt,
            sea_orm::sea_query::Expr::value(Some(now)),
        )
        .filter(supervision::Column::OrganisationId.eq(organisation_id))
        .filter(supervision::Column::Id.eq(id))
        .exec(txn)
        .await?;
    // A removed record counts for nothing (F4.5).
    crate::service::compliance::attendance::refresh(txn, organisation_id, id).await?;
    Ok(discarded)
}
