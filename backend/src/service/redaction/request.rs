//! Asking for a section to be redacted, and deciding (F7.4). A supervisee
//! or the recorder asks, saying why; a senior manager whose scope covers
//! the record's supervisees approves (the section is redacted) or declines,
//! with a note the person who asked sees. Nobody redacts without a request.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use supervision_shared::{RecordSection, Role};
use uuid::Uuid;

use super::{redact_in, text_of};
use crate::auth::Viewer;
use crate::entity::{redaction_request, supervision};
use crate::error::{AppError, AppResult};
use crate::service::access;
use crate::service::audit::{self, AuditEntry};
use crate::service::supervision::{attendees_of, find_visible};
use crate::service::written::check_written;

/// A request's state.
pub const PENDING: &str = "pending";
const APPROVED: &str = "approved";
const DECLINED: &str = "declined";

/// A supervisee or the recorder asks for a section of their record to be
/// redacted.
pub async fn request(
    db: &DatabaseConnection,
    viewer: &Viewer,
    supervision_id: Uuid,
    section: RecordSection,
    reason: &str,
) -> AppResult<redaction_request::Model> {
    let visible = find_visible(db, viewer, supervision_id).await?;
    if !visible.access.is_participant() {
        return Err(AppError::Forbidden);
    }
    check_written(
        "reason",
        reason,
        "Say why the section should be redacted: a senior manager decides on it.",
    )?;
    if text_of(&visible.record, section).trim().is_empty() {
        return Err(AppError::invalid(
            "section",
            "This section is empty: there is nothing to redact.",
        ));
    }
    let waiting = redaction_request::Entity::find()
        .filter(redaction_request::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(redaction_request::Column::SupervisionId.eq(supervision_id))
        .filter(redaction_request::Column::Section.eq(section))
        .filter(redaction_request::Column::Status.eq(PENDING))
        .one(db)
        .await?;
    if waiting.is_some() {
        return Err(AppError::invalid(
            "section",
            "A request to redact this section is already waiting for a decision.",
        ));
    }
    let row = redaction_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        supervision_id: Set(supervision_id),
        section: Set(section),
        reason: Set(reason.trim().to_owned()),
        requested_by: Set(viewer.staff_id),
        requested_at: Set(Utc::now()),
        status: Set(PENDING.to_owned()),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_note: Set(None),
        redaction_id: Set(None),
    };
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let row = row.insert(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.redaction_requested",
            "supervision",
            supervision_id,
            serde_json::json!({ "request": row.id, "section": section.as_str() }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// The requests made about a record, oldest first, for the people who take
/// part in it (the record page shows them where they stand).
pub async fn requests_on(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<Vec<redaction_request::Model>> {
    Ok(redaction_request::Entity::find()
        .filter(redaction_request::Column::OrganisationId.eq(organisation_id))
        .filter(redaction_request::Column::SupervisionId.eq(supervision_id))
        .order_by_asc(redaction_request::Column::RequestedAt)
        .all(db)
        .await?)
}

/// Whether the viewer, a senior manager, oversees everyone supervised in
/// this record.
async fn decides_on(
    db: &DatabaseConnection,
    viewer: &Viewer,
    record: &supervision::Model,
) -> AppResult<bool> {
    let supervisees: Vec<Uuid> = attendees_of(db, viewer.organisation_id, &[record.id])
        .await?
        .remove(&record.id)
        .unwrap_or_default()
        .into_iter()
        .map(|a| a.supervisee_id)
        .collect();
    access::in_senior_manager_scope(db, viewer, &supervisees).await
}

/// The requests waiting for the viewer, a senior manager: those about
/// records of people in their scope, oldest first, each with its record.
pub async fn waiting_for(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> AppResult<Vec<(redaction_request::Model, supervision::Model)>> {
    access::require_any_role(viewer, &[Role::SeniorManager])?;
    let requests = redaction_request::Entity::find()
        .filter(redaction_request::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(redaction_request::Column::Status.eq(PENDING))
        .order_by_asc(redaction_request::Column::RequestedAt)
        .all(db)
        .await?;
    // The scope is worked out once, and the records, their supervisees and
    // those supervisees' teams read once for all the requests.
    let scope = access::senior_manager_scope(db, viewer).await?;
    if scope.is_empty() || requests.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = requests.iter().map(|r| r.supervision_id).collect();
    let records: HashMap<Uuid, supervision::Model> = supervision::Entity::find()
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::Id.is_in(ids.iter().copied()))
        .filter(supervision::Column::RemovedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let attendees = attendees_of(db, viewer.organisation_id, &ids).await?;
    let everyone: Vec<Uuid> = attendees
        .values()
        .flatten()
        .map(|a| a.supervisee_id)
        .collect();
    let in_scope = access::people_in_scope(db, viewer.organisation_id, &scope, &everyone).await?;
    Ok(requests
        .into_iter()
        .filter_map(|request| {
            let record = records.get(&request.supervision_id)?;
            attendees
                .get(&record.id)?
                .iter()
                .any(|a| in_scope.contains(&a.supervisee_id))
                .then(|| (request, record.clone()))
        })
        .collect())
}

/// A senior manager in scope approves (the section is redacted) or
/// declines a waiting request, saying why either way: the decision is
/// recorded and the person who asked sees it.
pub async fn decide(
    db: &DatabaseConnection,
    viewer: &Viewer,
    request_id: Uuid,
    approve: bool,
    note: &str,
) -> AppResult<redaction_request::Model> {
    access::require_any_role(viewer, &[Role::SeniorManager])?;
    let request = redaction_request::Entity::find_by_id(request_id)
        .filter(redaction_request::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let record =
        access::record_in_organisation(db, viewer.organisation_id, request.supervision_id).await?;
    // Outside their scope they may not know the request exists.
    if !decides_on(db, viewer, &record).await? {
        return Err(AppError::NotFound);
    }
    if request.status != PENDING {
        return Err(AppError::invalid(
            "requestId",
            "This request has already been decided.",
        ));
    }
    check_written(
        "note",
        note,
        if approve {
            "Say why the section is redacted: it is recorded with the decision."
        } else {
            "Say why the section stays: the person who asked will see it."
        },
    )?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    // Decided once: a second manager deciding at the same moment changes
    // nothing.
    let claimed = redaction_request::Entity::update_many()
        .col_expr(
            redaction_request::Column::Status,
            sea_orm::sea_query::Expr::value(if approve { APPROVED } else { DECLINED }),
        )
        .col_expr(
            redaction_request::Column::DecidedBy,
            sea_orm::sea_query::Expr::value(viewer.staff_id),
        )
        .col_expr(
            redaction_request::Column::DecidedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .col_expr(
            redaction_request::Column::DecisionNote,
            sea_orm::sea_query::Expr::value(note.trim().to_owned()),
        )
        .filter(redaction_request::Column::Id.eq(request_id))
        .filter(redaction_request::Column::Status.eq(PENDING))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(AppError::invalid(
            "requestId",
            "This request has already been decided.",
        ));
    }
    if approve {
        let redaction = redact_in(&txn, viewer, &record, request.section, note).await?;
        redaction_request::Entity::update_many()
            .col_expr(
                redaction_request::Column::RedactionId,
                sea_orm::sea_query::Expr::value(redaction.id),
            )
            .filter(redaction_request::Column::Id.eq(request_id))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.redaction_decided",
            "supervision",
            record.id,
            serde_json::json!({ "request": request_id, "approved": approve }),
        ),
    )
    .await?;
    txn.commit().await?;
    redaction_request::Entity::find_by_id(request_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}
