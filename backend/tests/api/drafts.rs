//! Drafts kept on the server (F3.10): saved to finish later, on this device
//! or another; only their author sees them; submitting the record they
//! became removes them.

use serde_json::json;

use crate::helpers::*;

const SAVE: &str = "mutation($id: UUID!, $summary: String!, $payload: String!) { saveDraft(id: $id, summary: $summary, payload: $payload) { id summary payload updatedAt } }";
const MINE: &str = "{ myDrafts { id summary payload } }";

#[tokio::test]
async fn a_draft_is_kept_for_its_author_alone_and_replaced_when_saved_again() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = uuid::Uuid::new_v4();
    let first = json!({ "id": id, "summary": "Group session, 3 people", "payload": "{\"experience\":\"Half written\"}" });
    let body = priya.gql(SAVE, first).await;
    assert!(body["errors"].is_null(), "{body}");
    let again = json!({ "id": id, "summary": "Group session, 3 people", "payload": "{\"experience\":\"Written\"}" });
    priya.gql(SAVE, again).await;

    // On another device (another browser), the same person finds it.
    let elsewhere = app.sign_in(PRIYA).await;
    let body = elsewhere.gql(MINE, json!({})).await;
    let drafts = body["data"]["myDrafts"].as_array().unwrap();
    assert_eq!(drafts.len(), 1, "saved twice, kept once: {body}");
    assert_eq!(drafts[0]["payload"], "{\"experience\":\"Written\"}");

    // Nobody else sees it or can overwrite it.
    let tom = app.sign_in(TOM).await;
    assert_eq!(
        tom.gql(MINE, json!({})).await["data"]["myDrafts"],
        json!([])
    );
    let body = tom
        .gql(SAVE, json!({ "id": id, "summary": "x", "payload": "{}" }))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"));
    let body = elsewhere.gql(MINE, json!({})).await;
    assert_eq!(
        body["data"]["myDrafts"][0]["payload"],
        "{\"experience\":\"Written\"}"
    );
    app.stop().await;
}

#[tokio::test]
async fn submitting_the_record_removes_its_draft() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let key = uuid::Uuid::new_v4();
    priya
        .gql(
            SAVE,
            json!({ "id": key, "summary": "For Tom", "payload": "{}" }),
        )
        .await;
    let mut input = group_input(&[app.staff_id(TOM).await]);
    input["submissionKey"] = json!(key);
    let body = priya.gql(RECORD, json!({ "input": input })).await;
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(
        priya.gql(MINE, json!({})).await["data"]["myDrafts"],
        json!([])
    );
    app.stop().await;
}

#[tokio::test]
async fn a_draft_that_is_not_a_json_form_is_refused() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    for payload in ["not json", "[1,2]", &"x".repeat(300 * 1024)] {
        let body = priya
            .gql(
                SAVE,
                json!({ "id": uuid::Uuid::new_v4(), "summary": "s", "payload": payload }),
            )
            .await;
        assert_eq!(error_code(&body), Some("VALIDATION_FAILED"));
        assert_eq!(error_fields(&body), vec!["payload".to_owned()]);
    }
    assert_eq!(app.count("record_draft").await, 0);
    let body = priya
        .gql(
            "mutation($id: UUID!) { discardDraft(id: $id) }",
            json!({ "id": uuid::Uuid::new_v4() }),
        )
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"));
    app.stop().await;
}
