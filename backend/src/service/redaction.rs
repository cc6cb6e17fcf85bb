//! Redaction of a section on request (F7.4): the supervisee or the
//! recorder asks ([`request`]); a senior manager in scope decides, with a
//! recorded reason; the text is no longer served to anyone, but is kept so
//! that a system administrator can recover it for legal hold.

mod request;

pub use request::*;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
};
use supervision_shared::{RecordSection, Role};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{redaction, supervision};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};

fn column(section: RecordSection) -> supervision::Column {
    match section {
        RecordSection::Experience => supervision::Column::Experience,
        RecordSection::Reflection => supervision::Column::Reflection,
        RecordSection::Analysis => supervision::Column::Analysis,
        RecordSection::ActionPlan => supervision::Column::ActionPlan,
        RecordSection::Notes => supervision::Column::Notes,
    }
}

fn text_of(record: &supervision::Model, section: RecordSection) -> &str {
    match section {
        RecordSection::Experience => &record.experience,
        RecordSection::Reflection => &record.reflection,
        RecordSection::Analysis => &record.analysis,
        RecordSection::ActionPlan => &record.action_plan,
        RecordSection::Notes => &record.notes,
    }
}

/// Redacts one section of a record, inside the decision's transaction
/// ([`request::decide`]): the text goes from the record (earlier versions
/// are read with redacted sections left out) and is kept only in the
/// redaction row, for legal hold.
async fn redact_in(
    txn: &DatabaseTransaction,
    viewer: &Viewer,
    record: &supervision::Model,
    section: RecordSection,
    reason: &str,
) -> AppResult<redaction::Model> {
    let original = text_of(record, section).to_owned();
    if original.trim().is_empty() {
        return Err(AppError::invalid(
            "section",
            "This section is empty: there is nothing to redact.",
        ));
    }
    let row = redaction::Model {
        id: Uuid::now_v7(),
        organisation_id: viewer.organisation_id,
        supervision_id: record.id,
        section,
        reason: reason.trim().to_owned(),
        decided_by: viewer.staff_id,
        decided_at: Utc::now(),
        original_text: original,
    };
    redaction::Entity::insert(redaction::ActiveModel::from(row.clone()))
        .exec_without_returning(txn)
        .await?;
    supervision::Entity::update_many()
        .col_expr(column(section), Expr::value(""))
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::Id.eq(record.id))
        .exec(txn)
        .await?;
    audit::record(
        txn,
        AuditEntry::by(
            viewer,
            "supervision.redact",
            "supervision",
            record.id,
            serde_json::json!({ "section": section.as_str(), "redaction": row.id }),
        ),
    )
    .await?;
    Ok(row)
}

/// The redactions on a record, oldest first.
pub async fn redactions_of(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<Vec<redaction::Model>> {
    Ok(redaction::Entity::find()
        .filter(redaction::Column::OrganisationId.eq(organisation_id))
        .filter(redaction::Column::SupervisionId.eq(supervision_id))
        .order_by_asc(redaction::Column::DecidedAt)
        .all(db)
        .await?)
}

/// The text a redaction removed, for a system administrator only (legal
/// hold). Every recovery is audited.
pub async fn recover(
    db: &DatabaseConnection,
    viewer: &Viewer,
    redaction_id: Uuid,
) -> AppResult<String> {
    crate::service::access::require_any_role(viewer, &[Role::SystemAdmin])?;
    let row = redaction::Entity::find_by_id(redaction_id)
        .filter(redaction::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    audit::record_now(
        db,
        AuditEntry::by(
            viewer,
            "supervision.redaction_recovered",
            "supervision",
            row.supervision_id,
            serde_json::json!({ "redaction": row.id, "section": row.section.as_str() }),
        ),
    )
    .await?;
    Ok(row.original_text)
}
