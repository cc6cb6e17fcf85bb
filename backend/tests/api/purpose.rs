//! Purpose-bound access (F7.3): an auditor opens a record for audit with a
//! written reason; the read is logged and the supervisee sees it.

use serde_json::{Value, json};

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

const AGREEMENT: &str = "query($id: UUID!) { agreement(id: $id) { id viewerReadsContent venue sections { key text } } }";

/// Tom's reads as he sees them: (reader, record id, agreement id).
async fn reads_seen_by(tom: &Client) -> Vec<(String, Value, Value)> {
    let body = tom
        .gql(
            "{ accessToMyRecords { reader { name } supervisionId agreementId purpose } }",
            json!({}),
        )
        .await;
    body["data"]["accessToMyRecords"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|e| {
            (
                e["reader"]["name"].as_str().unwrap_or_default().to_owned(),
                e["supervisionId"].clone(),
                e["agreementId"].clone(),
            )
        })
        .collect()
}

#[tokio::test]
async fn an_agreement_is_read_beyond_its_parties_only_under_a_stated_purpose_and_the_supervisee_sees_it()
 {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    let agreement = crate::matrix::agreement_between_priya_and_tom(&priya, tom_id).await;

    // Without a grant: the auditor may not know it exists; Tom's
    // management chain knows it exists and not what it says.
    let grace = app.sign_in(GRACE).await;
    let body = grace.gql(AGREEMENT, json!({ "id": agreement })).await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    let helen = app.sign_in(HELEN).await;
    let body = helen
        .gql(
            "query($id: UUID!) { agreement(id: $id) { viewerReadsContent venue } }",
            json!({ "id": agreement }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    assert_eq!(body["data"]["agreement"]["viewerReadsContent"], false);

    // Opened for audit, with a reason: read, and logged once per read.
    let reason = "Annual audit of supervision agreements in the team";
    let body = grace
        .gql(
            OPEN,
            json!({ "input": { "agreementId": agreement, "purpose": "AUDIT_QA", "reason": reason } }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    // Its outline reads nothing of what it says, and is not logged.
    let body = grace
        .gql(
            "query($id: UUID!) { agreement(id: $id) { status viewerReadsContent } }",
            json!({ "id": agreement }),
        )
        .await;
    assert_eq!(body["data"]["agreement"]["viewerReadsContent"], true);
    let tom = app.sign_in(TOM).await;
    assert!(reads_seen_by(&tom).await.is_empty());
    // Its content is, once for the answer however many fields it reads.
    let body = grace.gql(AGREEMENT, json!({ "id": agreement })).await;
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(body["data"]["agreement"]["viewerReadsContent"], true);
    assert_eq!(body["data"]["agreement"]["venue"], "Clinic room 2");
    assert!(
        !body["data"]["agreement"]["sections"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    let reads = reads_seen_by(&tom).await;
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(reads[0].0, "Grace Liu");
    assert_eq!(reads[0].1, Value::Null);
    assert_eq!(reads[0].2, json!(agreement));
    // The parties' own reads are not privileged and are not logged.
    let body = tom.gql(AGREEMENT, json!({ "id": agreement })).await;
    assert_eq!(body["data"]["agreement"]["viewerReadsContent"], true);
    assert_eq!(reads_seen_by(&tom).await.len(), 1);

    // The grant for the agreement opens nothing else: not Tom's records.
    let record = record_group(&priya, &[tom_id]).await;
    let body = grace.gql(READ, json!({ "id": record })).await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn a_grant_for_a_persons_file_covers_their_agreements_and_a_list_never_shows_content() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    let agreement = crate::matrix::agreement_between_priya_and_tom(&priya, tom_id).await;
    let grace = app.sign_in(GRACE).await;
    let list = "query($s: UUID!) { staffAgreements(staffId: $s) { id viewerReadsContent venue } }";
    assert_eq!(
        error_code(&grace.gql(list, json!({ "s": tom_id })).await),
        Some("NOT_FOUND")
    );

    let body = grace
        .gql(
            OPEN,
            json!({ "input": { "staffId": tom_id, "purpose": "AUDIT_QA", "reason": "Audit of this worker's supervision file" } }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    let body = grace
        .gql(
            "query($s: UUID!) { staffAgreements(staffId: $s) { id viewerReadsContent } }",
            json!({ "s": tom_id }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    assert_eq!(body["data"]["staffAgreements"][0]["id"], json!(agreement));
    assert_eq!(
        body["data"]["staffAgreements"][0]["viewerReadsContent"],
        false
    );
    assert_eq!(
        error_code(&grace.gql(list, json!({ "s": tom_id })).await),
        Some("FORBIDDEN"),
        "a list shows no content, so no read goes unlogged"
    );
    let body = grace.gql(AGREEMENT, json!({ "id": agreement })).await;
    assert_eq!(
        body["data"]["agreement"]["venue"], "Clinic room 2",
        "{body}"
    );
    let tom = app.sign_in(TOM).await;
    let reads = reads_seen_by(&tom).await;
    assert_eq!(reads.len(), 1, "{reads:?}");
    assert_eq!(reads[0].2, json!(agreement));
    app.stop().await;
}

#[tokio::test]
async fn a_grant_names_exactly_one_thing_that_exists_in_the_organisation() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    let agreement = crate::matrix::agreement_between_priya_and_tom(&priya, tom_id).await;
    let grace = app.sign_in(GRACE).await;
    let reason = "Annual audit of supervision agreements in the team";
    let body = grace
        .gql(
            OPEN,
            json!({ "input": { "agreementId": agreement, "staffId": tom_id, "purpose": "AUDIT_QA", "reason": reason } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    let body = grace
        .gql(
            OPEN,
            json!({ "input": { "agreementId": uuid::Uuid::now_v7(), "purpose": "AUDIT_QA", "reason": reason } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    let sofia = app.sign_in(SOFIA).await;
    let body = sofia
        .gql(
            OPEN,
            json!({ "input": { "agreementId": agreement, "purpose": "AUDIT_QA", "reason": reason } }),
        )
        .await;
    assert!(
        matches!(error_code(&body), Some("NOT_FOUND") | Some("FORBIDDEN")),
        "{body}"
    );
    app.stop().await;
}

#[tokio::test]
async fn each_role_is_offered_only_the_purposes_it_may_state() {
    let app = TestApp::spawn().await;
    let purposes = |body: Value| body["data"]["myAccessPurposes"].clone();
    let query = "{ myAccessPurposes }";
    let grace = app.sign_in(GRACE).await;
    assert_eq!(
        purposes(grace.gql(query, json!({})).await),
        json!(["AUDIT_QA"])
    );
    let helen = app.sign_in(HELEN).await;
    assert_eq!(
        purposes(helen.gql(query, json!({})).await),
        json!(["TRANSFER", "FORMAL_CONCERN"])
    );
    let tom = app.sign_in(TOM).await;
    assert_eq!(purposes(tom.gql(query, json!({})).await), json!([]));
    app.stop().await;
}
