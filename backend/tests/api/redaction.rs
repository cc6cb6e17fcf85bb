//! Redaction on request (F7.4): a senior manager in scope redacts a section
//! with a recorded reason; nobody is served the text afterwards; a system
//! administrator can recover it for legal hold.

use serde_json::json;

use crate::helpers::*;

const REDACT: &str = "mutation($id: UUID!, $reason: String!) { redactSection(supervisionId: $id, section: REFLECTION, reason: $reason) { id section } }";
const READ: &str = "query($id: UUID!) { supervision(id: $id) { reflection experience redactions { id section decidedAt } } }";
const REASON: &str = "Supervisee asked for health details to be removed";

#[tokio::test]
async fn a_redacted_section_is_served_to_nobody_and_recoverable_by_a_system_administrator() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;

    let helen = app.sign_in(HELEN).await;
    let body = helen
        .gql(REDACT, json!({ "id": id, "reason": REASON }))
        .await;
    assert!(body["errors"].is_null(), "{body}");
    let redaction_id = body["data"]["redactSection"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    for reader in [&priya, &app.sign_in(TOM).await] {
        let body = reader.gql(READ, json!({ "id": id })).await;
        let record = &body["data"]["supervision"];
        assert_eq!(record["reflection"], "", "{body}");
        assert_eq!(
            record["experience"], "Group reflection on managing risk in lone working.",
            "other sections stand"
        );
        assert_eq!(record["redactions"][0]["section"], "REFLECTION");
        assert!(
            !body.to_string().contains("evening visits"),
            "the text is nowhere in the answer"
        );
    }

    const RECOVER: &str = "query($r: UUID!) { redactedText(redactionId: $r) }";
    let ruth = app.sign_in("ruth.adeyemi@northfield.example").await;
    let body = ruth.gql(RECOVER, json!({ "r": redaction_id })).await;
    assert_eq!(
        body["data"]["redactedText"],
        "Shared worries about evening visits."
    );
    for email in [TOM, PRIYA, HELEN] {
        let body = app
            .sign_in(email)
            .await
            .gql(RECOVER, json!({ "r": redaction_id }))
            .await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{email}");
    }
    app.stop().await;
}

#[tokio::test]
async fn only_a_senior_manager_in_scope_may_redact() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let cases = [
        (PRIYA, "FORBIDDEN"),
        (TOM, "FORBIDDEN"),
        (MARCUS, "NOT_FOUND"),
        (OWEN, "NOT_FOUND"),
        (SOFIA, "NOT_FOUND"),
    ];
    for (email, code) in cases {
        let body = app
            .sign_in(email)
            .await
            .gql(REDACT, json!({ "id": id, "reason": REASON }))
            .await;
        assert_eq!(error_code(&body), Some(code), "{email}: {body}");
    }
    let helen = app.sign_in(HELEN).await;
    let body = helen
        .gql(REDACT, json!({ "id": id, "reason": "short" }))
        .await;
    assert_eq!(error_fields(&body), vec!["reason"]);
    assert_eq!(app.count("redaction").await, 0);
    let body = priya.gql(READ, json!({ "id": id })).await;
    assert_eq!(
        body["data"]["supervision"]["reflection"],
        "Shared worries about evening visits."
    );
    app.stop().await;
}

#[tokio::test]
async fn a_redaction_also_removes_the_text_from_earlier_versions() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    // Amended first: version 1, with the reflection, is kept.
    let mut input = group_input(&[uuid::Uuid::nil()]);
    for key in ["kind", "superviseeIds", "actions"] {
        input.as_object_mut().unwrap().remove(key);
    }
    input["experience"] = json!("Group reflection on lone working at weekends.");
    input["reason"] = json!("Clarified the day");
    let body = priya
        .gql(
            "mutation($id: UUID!, $input: AmendSupervisionInput!) { amendSupervision(id: $id, input: $input) { version } }",
            json!({ "id": id, "input": input }),
        )
        .await;
    assert_eq!(body["data"]["amendSupervision"]["version"], 2, "{body}");

    let helen = app.sign_in(HELEN).await;
    let body = helen
        .gql(REDACT, json!({ "id": id, "reason": REASON }))
        .await;
    assert!(body["errors"].is_null(), "{body}");

    let body = app
        .sign_in(TOM)
        .await
        .gql(
            "query($id: UUID!) { supervision(id: $id) { reflection amendments { reflection experience } } }",
            json!({ "id": id }),
        )
        .await;
    let earlier = &body["data"]["supervision"]["amendments"][0];
    assert_eq!(earlier["reflection"], "", "{body}");
    assert_eq!(
        earlier["experience"],
        "Group reflection on managing risk in lone working."
    );
    assert!(
        !body.to_string().contains("evening visits"),
        "the redacted text is in no version: {body}"
    );
    app.stop().await;
}
