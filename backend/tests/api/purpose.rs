//! Purpose-bound access (F7.3): an auditor opens a record for audit with a
//! written reason; the read is logged and the supervisee sees it.

use serde_json::json;

use crate::helpers::*;

const OPEN: &str = r#"mutation($input: OpenForPurposeInput!) { openForPurpose(input: $input) { id purpose expiresAt } }"#;
const READ: &str = "query($id: UUID!) { supervision(id: $id) { viewerAccess experience } }";

#[tokio::test]
async fn an_auditor_opens_a_record_for_audit_and_the_supervisee_sees_who_when_and_why() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;

    let grace = app.sign_in(GRACE).await;
    assert_eq!(
        error_code(&grace.gql(READ, json!({ "id": id })).await),
        Some("NOT_FOUND"),
        "no access without a purpose"
    );

    let reason = "Quarterly dip-sample of clinical supervision records";
    let body = grace
        .gql(
            OPEN,
            json!({ "input": { "supervisionId": id, "purpose": "AUDIT_QA", "reason": reason } }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(body["data"]["openForPurpose"]["purpose"], "AUDIT_QA");

    let body = grace.gql(READ, json!({ "id": id })).await;
    assert_eq!(body["data"]["supervision"]["viewerAccess"], "GRANTED");
    assert_eq!(
        body["data"]["supervision"]["experience"],
        "Group reflection on managing risk in lone working."
    );

    let tom = app.sign_in(TOM).await;
    let body = tom
        .gql(
            "{ accessToMyRecords { reader { name } supervisionId purpose reason readAt } }",
            json!({}),
        )
        .await;
    let events = body["data"]["accessToMyRecords"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{body}");
    assert_eq!(events[0]["reader"]["name"], "Grace Liu");
    assert_eq!(events[0]["supervisionId"], id.to_string());
    assert_eq!(events[0]["purpose"], "AUDIT_QA");
    assert_eq!(events[0]["reason"], reason);
    app.stop().await;
}

#[tokio::test]
async fn a_purpose_needs_a_role_allowed_it_and_a_real_reason() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let grace = app.sign_in(GRACE).await;

    let body = grace.gql(OPEN, json!({ "input": { "supervisionId": id, "purpose": "LEGAL", "reason": "A court order received today" } })).await;
    assert_eq!(
        error_code(&body),
        Some("FORBIDDEN"),
        "auditors may not use the legal purpose: {body}"
    );
    let body = grace
        .gql(
            OPEN,
            json!({ "input": { "supervisionId": id, "purpose": "AUDIT_QA", "reason": "audit" } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"));
    assert_eq!(error_fields(&body), vec!["reason"]);
    let owen = app.sign_in(OWEN).await;
    let body = owen.gql(OPEN, json!({ "input": { "supervisionId": id, "purpose": "AUDIT_QA", "reason": "I would like to read it please" } })).await;
    assert_eq!(
        error_code(&body),
        Some("FORBIDDEN"),
        "staff cannot open records for a purpose"
    );
    assert_eq!(app.count("access_grant").await, 0, "nothing was granted");
    app.stop().await;
}

#[tokio::test]
async fn another_organisations_records_cannot_be_opened_whatever_the_purpose() {
    let app = TestApp::spawn().await;
    let sofia = app.sign_in(SOFIA).await;
    let ben = app.staff_id("ben.okafor@southbank.example").await;
    let southbank_record = record_group(&sofia, &[ben]).await;

    let grace = app.sign_in(GRACE).await;
    let reason = "Quarterly dip-sample of clinical supervision records";
    for input in [
        json!({ "supervisionId": southbank_record, "purpose": "AUDIT_QA", "reason": reason }),
        json!({ "staffId": ben, "purpose": "AUDIT_QA", "reason": reason }),
    ] {
        let body = grace.gql(OPEN, json!({ "input": input })).await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    }
    assert_eq!(
        error_code(&grace.gql(READ, json!({ "id": southbank_record })).await),
        Some("NOT_FOUND")
    );
    app.stop().await;
}
