//! SMART actions after the session (F3.6): carried forward into the next
//! supervision with the same person, listed for their owner and the
//! supervisor who recorded them (overdue first), and changed (completed,
//! re-dated, dropped) with a recorded history.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use supervision_shared::action::{ActionChange, ActionStatus, is_overdue, validate_action_change};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{action_update, supervision, supervision_action, supervision_attendee};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};

/// An action with the session it was agreed in.
#[derive(Debug, Clone)]
pub struct ActionInContext {
    /// The action.
    pub action: supervision_action::Model,
    /// The day the session was held.
    pub held_on: NaiveDate,
}

impl ActionInContext {
    /// Its status, as the rule in `shared` reads it.
    pub fn status(&self) -> ActionStatus {
        self.action.status
    }

    /// Open with its due date passed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        is_overdue(self.status(), self.action.due_on, today)
    }
}

async fn with_sessions(
    db: &DatabaseConnection,
    condition: Condition,
    limit: u64,
) -> AppResult<Vec<ActionInContext>> {
    let rows: Vec<(supervision_action::Model, Option<supervision::Model>)> =
        supervision_action::Entity::find()
            .find_also_related(supervision::Entity)
            .filter(supervision::Column::RemovedAt.is_null())
            .filter(condition)
            .order_by_asc(supervision_action::Column::DueOn)
            .order_by_asc(supervision_action::Column::Id)
            .limit(limit)
            .all(db)
            .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(action, record)| {
            record.map(|r| ActionInContext {
                action,
                held_on: r.held_on,
            })
        })
        .collect())
}

/// Open actions from the viewer's earlier supervisions with any of these
/// people: what to pick up when recording the next one.
pub async fn carried_forward(
    db: &DatabaseConnection,
    viewer: &Viewer,
    people: &[Uuid],
    today: NaiveDate,
) -> AppResult<Vec<ActionInContext>> {
    if people.is_empty() {
        return Ok(Vec::new());
    }
    let with_them = supervision::Column::Id.in_subquery(
        Query::select()
            .column(supervision_attendee::Column::SupervisionId)
            .from(supervision_attendee::Entity)
            .and_where(supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id))
            .and_where(supervision_attendee::Column::SuperviseeId.is_in(people.iter().copied()))
            .to_owned(),
    );
    with_sessions(
        db,
        Condition::all()
            .add(supervision_action::Column::OrganisationId.eq(viewer.organisation_id))
            .add(supervision_action::Column::Status.eq(ActionStatus::Open.as_str()))
            .add(crate::service::access::takes_part(db, viewer).await?)
            // Only what the viewer can act on: actions they own, or of
            // sessions they recorded.
            .add(
                Condition::any()
                    .add(supervision_action::Column::OwnerId.eq(viewer.staff_id))
                    .add(supervision::Column::RecordedBy.eq(viewer.staff_id)),
            )
            .add(with_them),
        500,
    )
    .await
    .map(|mut actions| {
        sort_for_attention(&mut actions, today);
        actions
    })
}

/// Overdue first; then soonest due; undated last (the same on every
/// database engine, whatever its ordering of NULLs).
fn sort_for_attention(actions: &mut [ActionInContext], today: NaiveDate) {
    actions.sort_by_key(|a| {
        (
            !a.is_overdue(today),
            a.action.due_on.is_none(),
            a.action.due_on,
            a.action.id,
        )
    });
}

/// Actions the viewer owns, and actions from supervisions the viewer
/// recorded: open ones (overdue first, then by due date), or all.
pub async fn mine(
    db: &DatabaseConnection,
    viewer: &Viewer,
    include_closed: bool,
    today: NaiveDate,
) -> AppResult<Vec<ActionInContext>> {
    let mut condition = Condition::all()
        .add(supervision_action::Column::OrganisationId.eq(viewer.organisation_id))
        .add(
            Condition::any()
                .add(supervision_action::Column::OwnerId.eq(viewer.staff_id))
                .add(supervision::Column::RecordedBy.eq(viewer.staff_id)),
        );
    if !include_closed {
        condition =
            condition.add(supervision_action::Column::Status.eq(ActionStatus::Open.as_str()));
    }
    let mut actions = with_sessions(db, condition, 5_000).await?;
    sort_for_attention(&mut actions, today);
    actions.truncate(500);
    Ok(actions)
}

/// The owner of an action, or the supervisor who recorded it, changes it.
/// Anyone else who may know of the record is refused; anyone who may not
/// is told it does not exist.
// Long by design: one transaction read top to bottom (check, change only
// if unchanged since read, history, audit).
pub async fn change(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    change: ActionChange,
    today: NaiveDate,
) -> AppResult<ActionInContext> {
    let (action, record) = supervision_action::Entity::find_by_id(id)
        .find_also_related(supervision::Entity)
        .filter(supervision_action::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .one(db)
        .await?
        .and_then(|(a, r)| r.map(|r| (a, r)))
        .ok_or(AppError::NotFound)?;
    if action.owner_id != viewer.staff_id && record.recorded_by != viewer.staff_id {
        // Knowing the record exists is not the right to change its actions.
        crate::service::supervision::find_visible(db, viewer, record.id).await?;
        return Err(AppError::Forbidden);
    }
    let current = action.status;
    // No due date given keeps the one it has: completing an action does not
    // wipe the date it was due.
    let change = ActionChange {
        due_on: change.due_on.or(action.due_on),
        ..change
    };
    validate_action_change(&change, current, action.due_on, today).map_err(AppError::Validation)?;

    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let updated = supervision_action::Entity::update_many()
        .col_expr(
            supervision_action::Column::Status,
            sea_orm::sea_query::Expr::value(change.status),
        )
        .col_expr(
            supervision_action::Column::DueOn,
            sea_orm::sea_query::Expr::value(change.due_on),
        )
        .filter(supervision_action::Column::Id.eq(id))
        // Only if nobody changed it since it was read: two changes at once
        // do not both go into the history as changes of the same state.
        .filter(supervision_action::Column::Status.eq(action.status))
        .filter(match action.due_on {
            Some(due) => supervision_action::Column::DueOn.eq(due),
            None => supervision_action::Column::DueOn.is_null(),
        })
        .exec(&txn)
        .await?;
    if updated.rows_affected != 1 {
        return Err(AppError::invalid(
            "input",
            "Someone changed this action a moment ago: look again and retry.",
        ));
    }
    action_update::Entity::insert(action_update::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        action_id: Set(id),
        changed_by: Set(viewer.staff_id),
        changed_at: Set(Utc::now()),
        from_status: Set(action.status),
        to_status: Set(change.status),
        from_due_on: Set(action.due_on),
        to_due_on: Set(change.due_on),
        note: Set(change.note.trim().to_owned()),
    })
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "action.update",
            "supervision",
            record.id,
            serde_json::json!({
                "action": id,
                "from": action.status.as_str(),
                "to": change.status.as_str(),
                "dueOn": change.due_on,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(ActionInContext {
        action: supervision_action::Model {
            status: change.status,
            due_on: change.due_on,
            ..action
        },
        held_on: record.held_on,
    })
}

/// The recorded changes of these actions, oldest first, by action.
pub async fn history_of(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, Vec<action_update::Model>>> {
    let mut grouped: HashMap<Uuid, Vec<action_update::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(grouped);
    }
    for row in action_update::Entity::find()
        .filter(action_update::Column::OrganisationId.eq(organisation_id))
        .filter(action_update::Column::ActionId.is_in(ids.iter().copied()))
        .order_by_asc(action_update::Column::ChangedAt)
        .all(db)
        .await?
    {
        grouped.entry(row.action_id).or_default().push(row);
    }
    Ok(grouped)
}
