//! SMART actions after the session (F3.6): the caller's own list, those
//! carried forward into the next record with the same people, and marking
//! one done, dropped or due on a new date.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use supervision_shared::action::{ActionChange, ActionStatus};
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// An action agreed in a supervision, as it stands now.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// The action's id.
    pub id: Uuid,
    /// The record it was agreed in.
    pub supervision_id: Uuid,
    /// The day that session was held.
    pub agreed_on: NaiveDate,
    /// What will be done.
    pub description: String,
    /// Who will do it.
    pub owner: StaffSummary,
    /// By when.
    pub due_on: Option<NaiveDate>,
    /// Open, done or dropped.
    pub status: ActionStatus,
    /// Open with its due date passed (the server's today).
    pub overdue: bool,
    /// Every change since it was agreed, oldest first.
    #[serde(default)]
    pub history: Vec<ActionHistoryEntry>,
    /// The audit round whose finding it is; none for one agreed in the
    /// session.
    #[serde(default)]
    pub raised_in_audit: Option<String>,
}

impl Action {
    /// The change that gives it `status` and keeps its due date: the server
    /// stores the due date it is sent, so leaving it out would clear it.
    pub fn closed_as(&self, status: ActionStatus, note: &str) -> ActionChange {
        ActionChange {
            status,
            due_on: self.due_on,
            note: note.trim().to_owned(),
        }
    }

    /// The change that keeps it open with a new due date.
    pub fn redated(due_on: NaiveDate, note: &str) -> ActionChange {
        ActionChange {
            status: ActionStatus::Open,
            due_on: Some(due_on),
            note: note.trim().to_owned(),
        }
    }
}

/// One recorded change to an action.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActionHistoryEntry {
    /// Who changed it.
    pub changed_by: StaffSummary,
    /// When.
    pub changed_at: DateTime<Utc>,
    /// Its status before.
    pub from_status: ActionStatus,
    /// Its status after.
    pub to_status: ActionStatus,
    /// Its due date before.
    pub from_due_on: Option<NaiveDate>,
    /// Its due date after.
    pub to_due_on: Option<NaiveDate>,
    /// Why, if they said.
    pub note: String,
}

const ACTION_FIELDS: &str = "id supervisionId agreedOn description owner { id name jobTitle teamName } \
     dueOn status overdue raisedInAudit \
     history { changedBy { id name } changedAt fromStatus toStatus fromDueOn toDueOn note }";

/// `{ACTION_FIELDS}` is spliced in by [`with_action_fields`].
const MY_ACTIONS: &str = "query MyActions($includeClosed: Boolean!) { \
     myActions(includeClosed: $includeClosed) { {ACTION_FIELDS} } }";

const CARRIED_FORWARD: &str = "query CarriedForwardActions($superviseeIds: [UUID!]!) { \
     carriedForwardActions(superviseeIds: $superviseeIds) { {ACTION_FIELDS} } }";

const UPDATE_ACTION: &str = "mutation UpdateAction($id: UUID!, $input: UpdateActionInput!) { \
     updateAction(id: $id, input: $input) { {ACTION_FIELDS} } }";

/// An operation with the action's fields in place of `{ACTION_FIELDS}`.
fn with_action_fields(operation: &str) -> String {
    operation.replace("{ACTION_FIELDS}", ACTION_FIELDS)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct MyActionsData {
    my_actions: Vec<Action>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CarriedForwardData {
    carried_forward_actions: Vec<Action>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UpdateActionData {
    update_action: Action,
}

/// Actions the caller owns or recorded: open ones, overdue first, or every
/// one with `include_closed`.
pub async fn my_actions(include_closed: bool) -> Result<Vec<Action>, ApiError> {
    let data: MyActionsData = graphql(
        &with_action_fields(MY_ACTIONS),
        serde_json::json!({ "includeClosed": include_closed }),
    )
    .await?;
    Ok(data.my_actions)
}

/// Open actions from the caller's earlier supervisions with these people.
pub async fn carried_forward_actions(supervisee_ids: &[Uuid]) -> Result<Vec<Action>, ApiError> {
    let data: CarriedForwardData = graphql(
        &with_action_fields(CARRIED_FORWARD),
        serde_json::json!({ "superviseeIds": supervisee_ids }),
    )
    .await?;
    Ok(data.carried_forward_actions)
}

/// Changes an action's status or due date (its owner, or the supervisor who
/// recorded it), returning it as it now stands.
pub async fn update_action(id: Uuid, change: &ActionChange) -> Result<Action, ApiError> {
    let data: UpdateActionData = graphql(
        &with_action_fields(UPDATE_ACTION),
        serde_json::json!({ "id": id, "input": change }),
    )
    .await?;
    Ok(data.update_action)
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r#"{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b11",
      "supervisionId":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b12","agreedOn":"2026-11-02",
      "description":"Read the lone working policy",
      "owner":{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b13","name":"Tom Reed","jobTitle":"","teamName":""},
      "dueOn":"2026-11-17","status":"OPEN","overdue":true,
      "history":[{"changedBy":{"id":"7f1b6a3e-0c8e-4d59-9a3f-0f2a9d7c1b13","name":"Tom Reed"},
        "changedAt":"2026-11-20T09:00:00Z","fromStatus":"OPEN","toStatus":"OPEN",
        "fromDueOn":"2026-11-10","toDueOn":"2026-11-17","note":""}]}"#;

    #[test]
    fn an_action_reads_as_the_api_words_it() {
        let parsed: Result<Action, _> = serde_json::from_str(EXAMPLE);
        let Ok(action) = parsed else {
            panic!("the example action should parse");
        };
        assert_eq!(action.status, ActionStatus::Open);
        assert!(action.overdue);
        assert_eq!(action.history.len(), 1);
        assert_eq!(action.history[0].changed_by.name, "Tom Reed");
    }

    #[test]
    fn completing_or_dropping_an_action_keeps_its_due_date() {
        let Ok(action) = serde_json::from_str::<Action>(EXAMPLE) else {
            panic!("the example action should parse");
        };
        let done = action.closed_as(ActionStatus::Done, "  Read it ");
        assert_eq!(done.due_on, action.due_on);
        assert_eq!(done.note, "Read it");
        assert_eq!(
            serde_json::to_value(&done).ok(),
            Some(serde_json::json!({ "status": "DONE", "dueOn": "2026-11-17", "note": "Read it" }))
        );
    }

    #[test]
    fn every_action_operation_asks_for_the_whole_action() {
        for operation in [MY_ACTIONS, CARRIED_FORWARD, UPDATE_ACTION] {
            let query = with_action_fields(operation);
            assert!(!query.contains("{ACTION_FIELDS}"), "{query}");
            assert!(query.contains("overdue"), "{query}");
        }
    }
}
