//! The parts of a record kept in tables of their own, in the one place
//! that lists them, so that removal (F4.5) and retention (F7.7) cannot
//! each forget a different one when a table is added. `tests/api/
//! architecture.rs` fails when a table with a `supervision_id` is not in
//! [`CHILD_TABLES`].

use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::{
    action_update, attachment, audit_round_record, audit_score, case_discussion, formal_attendance,
    redaction, redaction_request, removal_request, session_booking, supervision,
    supervision_action, supervision_attendee, supervision_comment, supervision_objective,
    supervision_version,
};
use crate::error::AppResult;

/// What becomes of a table's rows when their record goes for good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Deleted with the record ([`delete_records`]).
    Deleted,
    /// Kept: evidence of who was allowed to read what and when (the grant,
    /// each read under it), kept as the audit log is.
    KeptAsEvidence,
    /// A held record is never purged, so its hold never outlives it.
    NeverOrphaned,
    /// Kept, with the link to the record cleared ([`delete_records`]): a
    /// booked session still happened, and still counts in the figures.
    Unlinked,
}

/// Every table with a `supervision_id`, and its fate.
pub const CHILD_TABLES: &[(&str, Fate)] = &[
    ("attachment", Fate::Deleted),
    ("action_update", Fate::Deleted),
    ("supervision_action", Fate::Deleted),
    ("case_discussion", Fate::Deleted),
    ("supervision_comment", Fate::Deleted),
    ("supervision_version", Fate::Deleted),
    ("removal_request", Fate::Deleted),
    ("formal_attendance", Fate::Deleted),
    ("supervision_attendee", Fate::Deleted),
    ("redaction", Fate::Deleted),
    ("redaction_request", Fate::Deleted),
    // A purged record leaves its audit rounds; each round keeps its seed,
    // its count of eligible records and the audit log's entry of the draw.
    ("audit_round_record", Fate::Deleted),
    ("audit_score", Fate::Deleted),
    // The appraisal objectives stay with their person; only the link goes.
    ("supervision_objective", Fate::Deleted),
    ("access_grant", Fate::KeptAsEvidence),
    ("privileged_read", Fate::KeptAsEvidence),
    ("legal_hold", Fate::NeverOrphaned),
    ("session_booking", Fate::Unlinked),
];

/// Deletes these records and every row that hangs off them (the
/// attachments' bytes are the caller's to discard once this commits).
pub async fn delete_records(txn: &DatabaseTransaction, records: &[Uuid]) -> AppResult<()> {
    if records.is_empty() {
        return Ok(());
    }
    let ids = || records.iter().copied();
    attachment::Entity::delete_many()
        .filter(attachment::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    supervision_objective::Entity::delete_many()
        .filter(supervision_objective::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    delete_discussion(txn, records).await?;
    removal_request::Entity::delete_many()
        .filter(removal_request::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    formal_attendance::Entity::delete_many()
        .filter(formal_attendance::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    supervision_attendee::Entity::delete_many()
        .filter(supervision_attendee::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    redaction::Entity::delete_many()
        .filter(redaction::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    redaction_request::Entity::delete_many()
        .filter(redaction_request::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    audit_score::Entity::delete_many()
        .filter(audit_score::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    audit_round_record::Entity::delete_many()
        .filter(audit_round_record::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    session_booking::Entity::update_many()
        .col_expr(
            session_booking::Column::SupervisionId,
            sea_orm::sea_query::Expr::value(Option::<Uuid>::None),
        )
        .filter(session_booking::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    supervision::Entity::delete_many()
        .filter(supervision::Column::Id.is_in(ids()))
        .exec(txn)
        .await?;
    Ok(())
}

/// Deletes what was said in and about these records beyond their own
/// columns: actions and their history, case discussions, comments and
/// earlier versions, in an order the foreign keys allow. The caller has
/// already scoped the ids to what it may change.
pub async fn delete_discussion(txn: &DatabaseTransaction, records: &[Uuid]) -> AppResult<()> {
    if records.is_empty() {
        return Ok(());
    }
    let ids = || records.iter().copied();
    action_update::Entity::delete_many()
        .filter(
            action_update::Column::ActionId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(supervision_action::Column::Id)
                    .from(supervision_action::Entity)
                    .and_where(supervision_action::Column::SupervisionId.is_in(ids()))
                    .to_owned(),
            ),
        )
        .exec(txn)
        .await?;
    supervision_action::Entity::delete_many()
        .filter(supervision_action::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    case_discussion::Entity::delete_many()
        .filter(case_discussion::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    supervision_comment::Entity::delete_many()
        .filter(supervision_comment::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    supervision_version::Entity::delete_many()
        .filter(supervision_version::Column::SupervisionId.is_in(ids()))
        .exec(txn)
        .await?;
    Ok(())
}
