//! Audit findings as actions (F8.1): whoever drew a round, while it is open,
//! raises a finding on a record it drew as an action on that record, owned
//! by the person who recorded the session or one of its supervisees, with a
//! due date. The owner meets it in their actions, and in the next session
//! with the same people, like any action; it names the round it came from.

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use supervision_shared::action::ActionStatus;
use supervision_shared::quality::{FindingDraft, check_finding};
use uuid::Uuid;

use super::score::drawers_open_round;
use crate::auth::Viewer;
use crate::config::AccessPolicy;
use crate::entity::{supervision, supervision_action, supervision_attendee};
use crate::error::{AppError, AppResult};
use crate::service::action::ActionInContext;
use crate::service::audit::{self, AuditEntry};

/// Raises a finding on a record of the round as an action; returns it.
/// The finding is checked against the record's people before anything is
/// written.
pub async fn raise(
    db: &DatabaseConnection,
    viewer: &Viewer,
    policy: &AccessPolicy,
    round_id: Uuid,
    supervision_id: Uuid,
    draft: FindingDraft,
) -> AppResult<ActionInContext> {
    let round = drawers_open_round(db, viewer, policy, round_id, supervision_id).await?;
    let record = supervision::Entity::find_by_id(supervision_id)
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut people: Vec<Uuid> = supervision_attendee::Entity::find()
        .filter(supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision_attendee::Column::SupervisionId.eq(supervision_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.supervisee_id)
        .collect();
    people.push(record.recorded_by);
    let finding = check_finding(&draft, &people, viewer.today()).map_err(AppError::Validation)?;

    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let action = supervision_action::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        supervision_id: Set(supervision_id),
        description: Set(finding.description),
        owner_id: Set(finding.owner_id),
        due_on: Set(Some(finding.due_on)),
        status: Set(ActionStatus::Open),
        audit_round_id: Set(Some(round.id)),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "audit_round.finding",
            "supervision_action",
            action.id,
            serde_json::json!({ "round": round.id, "supervision": supervision_id, "owner": finding.owner_id }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(ActionInContext {
        action,
        held_on: record.held_on,
    })
}
