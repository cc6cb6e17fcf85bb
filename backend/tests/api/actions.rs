//! SMART actions after the session (F3.6): carried forward into the next
//! supervision with the same person, overdue ones shown to their owner and
//! the supervisor, and each completion or re-dating recorded.

use serde_json::{Value, json};

use crate::helpers::*;

const CARRIED: &str = "query($p: [UUID!]!) { carriedForwardActions(superviseeIds: $p) { id description overdue owner { name } } }";
const MINE: &str = "{ myActions { id description overdue dueOn agreedOn } }";
const UPDATE: &str = "mutation($id: UUID!, $input: UpdateActionInput!) { updateAction(id: $id, input: $input) { id status dueOn overdue history { fromStatus toStatus fromDueOn toDueOn note changedBy { name } } } }";

/// Records a session for Tom held `days_ago`, with one action of his due
/// `due_days_ago` days ago (negative: in the future); returns the action id.
async fn session_with_action(
    app: &TestApp,
    recorder: &Client,
    days_ago: u64,
    due_days_ago: i64,
) -> String {
    let tom = app.staff_id(TOM).await;
    let today = chrono::Utc::now().date_naive();
    let mut input = group_input(&[tom]);
    input["kind"] = json!("CLINICAL_ONE_TO_ONE");
    input["heldOn"] = json!(today - chrono::Days::new(days_ago));
    input["actions"] = json!([{
        "description": "Book the safeguarding refresher",
        "ownerId": tom,
        "dueOn": today - chrono::Duration::days(due_days_ago),
    }]);
    let body = recorder
        .gql(
            "mutation($input: RecordSupervisionInput!) { recordSupervision(input: $input) { actions { id } } }",
            json!({ "input": input }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    body["data"]["recordSupervision"]["actions"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn ids(body: &Value, list: &str) -> Vec<String> {
    body["data"][list]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn open_actions_are_carried_forward_to_the_next_supervision_with_the_same_person() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let action = session_with_action(&app, &priya, 10, -20).await;
    let tom_id = app.staff_id(TOM).await;

    let carried = priya.gql(CARRIED, json!({ "p": [tom_id] })).await;
    assert!(ids(&carried, "carriedForwardActions").contains(&action));
    // Not from someone else's supervisions: a colleague recording for Tom
    // does not see what Priya and Tom agreed.
    let owen = app.sign_in(OWEN).await;
    let theirs = owen.gql(CARRIED, json!({ "p": [tom_id] })).await;
    assert!(!ids(&theirs, "carriedForwardActions").contains(&action));

    // Done: no longer carried forward.
    let tom = app.sign_in(TOM).await;
    let body = tom
        .gql(UPDATE, json!({ "id": action, "input": { "status": "DONE", "dueOn": null, "note": "Booked for March" } }))
        .await;
    assert_eq!(body["data"]["updateAction"]["status"], "DONE", "{body}");
    assert!(
        body["data"]["updateAction"]["dueOn"].is_string(),
        "completing keeps the due date: {body}"
    );
    let carried = priya.gql(CARRIED, json!({ "p": [tom_id] })).await;
    assert!(!ids(&carried, "carriedForwardActions").contains(&action));
    app.stop().await;
}

#[tokio::test]
async fn an_overdue_action_is_shown_to_its_owner_and_the_supervisor_first() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let later = session_with_action(&app, &priya, 3, -30).await;
    let overdue = session_with_action(&app, &priya, 20, 5).await;

    for email in [TOM, PRIYA] {
        let body = app.sign_in(email).await.gql(MINE, json!({})).await;
        let listed = body["data"]["myActions"].as_array().unwrap();
        // Every overdue action comes before every other one.
        let flags: Vec<bool> = listed.iter().map(|a| a["overdue"] == true).collect();
        assert!(
            flags.windows(2).all(|w| w[0] || !w[1]),
            "{email}: overdue first: {body}"
        );
        let find = |id: &str| listed.iter().find(|a| a["id"] == id);
        assert_eq!(
            find(&overdue).map(|a| a["overdue"].clone()),
            Some(json!(true)),
            "{email}: {body}"
        );
        assert_eq!(
            find(&later).map(|a| a["overdue"].clone()),
            Some(json!(false)),
            "{email}: {body}"
        );
    }
    // Someone else's actions are not mine.
    let aisha = app.sign_in(AISHA).await.gql(MINE, json!({})).await;
    assert!(!ids(&aisha, "myActions").contains(&overdue));
    app.stop().await;
}

#[tokio::test]
async fn re_dating_an_action_is_recorded_and_a_date_in_the_past_is_refused() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let action = session_with_action(&app, &priya, 20, 5).await;
    let today = chrono::Utc::now().date_naive();
    let before = app.count("action_update").await;

    let body = priya
        .gql(
            UPDATE,
            json!({ "id": action, "input": { "status": "OPEN", "dueOn": today - chrono::Days::new(1) } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    assert_eq!(error_fields(&body), vec!["dueOn".to_owned()]);
    assert_eq!(
        app.count("action_update").await,
        before,
        "refused: nothing written"
    );

    let new_due = today + chrono::Days::new(14);
    let body = priya
        .gql(
            UPDATE,
            json!({ "id": action, "input": { "status": "OPEN", "dueOn": new_due, "note": "Course full until next month" } }),
        )
        .await;
    let updated = &body["data"]["updateAction"];
    assert_eq!(updated["overdue"], false, "{body}");
    assert_eq!(updated["dueOn"], json!(new_due));
    let change = &updated["history"][0];
    assert_eq!(change["fromDueOn"], json!(today - chrono::Days::new(5)));
    assert_eq!(change["toDueOn"], json!(new_due));
    assert_eq!(
        (&change["fromStatus"], &change["toStatus"]),
        (&json!("OPEN"), &json!("OPEN"))
    );
    assert_eq!(change["note"], "Course full until next month");
    assert_eq!(change["changedBy"]["name"], "Priya Shah");
    app.stop().await;
}
