//! Redaction on request (F7.4): a supervisee or the recorder asks; a senior
//! manager in scope decides with a recorded note; nobody is served a
//! redacted text afterwards; a system administrator can recover it for
//! legal hold.

use serde_json::json;

use crate::helpers::*;

const ASK: &str = "mutation($id: UUID!, $s: RecordSection!, $reason: String!) { \
    requestRedaction(supervisionId: $id, section: $s, reason: $reason) { id status section } }";
const DECIDE: &str = "mutation($r: UUID!, $approve: Boolean!, $note: String!) { \
    decideRedaction(requestId: $r, approve: $approve, note: $note) { status decisionNote decidedBy { name } } }";
const WAITING: &str =
    "{ redactionRequests { id section kind heldOn reason requestedBy { name } } }";
const READ: &str = "query($id: UUID!) { supervision(id: $id) { reflection experience redactions { id section decidedAt } } }";
const REASON: &str = "Supervisee asked for health details to be removed";

#[tokio::test]
async fn a_redacted_section_is_served_to_nobody_and_recoverable_by_a_system_administrator() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;

    let redaction_id = redact_on_request(&app, id, "REFLECTION").await;

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
async fn the_people_on_a_record_ask_and_a_senior_manager_in_scope_decides() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let ask = |section: &str, reason: &str| json!({ "id": id, "s": section, "reason": reason });

    // Only the people on the record ask: Helen sees only that it happened.
    let cases = [
        (HELEN, "FORBIDDEN"),
        (MARCUS, "NOT_FOUND"),
        (OWEN, "NOT_FOUND"),
        (SOFIA, "NOT_FOUND"),
    ];
    for (email, code) in cases {
        let body = app
            .sign_in(email)
            .await
            .gql(ASK, ask("REFLECTION", REASON))
            .await;
        assert_eq!(error_code(&body), Some(code), "{email}: {body}");
    }
    let tom = app.sign_in(TOM).await;
    let body = tom.gql(ASK, ask("REFLECTION", "  ")).await;
    assert_eq!(error_fields(&body), vec!["reason"]);
    let body = tom.gql(ASK, ask("ANALYSIS", REASON)).await;
    assert_eq!(
        error_fields(&body),
        vec!["section"],
        "an empty section: {body}"
    );
    let body = tom.gql(ASK, ask("REFLECTION", REASON)).await;
    assert_eq!(
        body["data"]["requestRedaction"]["status"], "pending",
        "{body}"
    );
    let request = body["data"]["requestRedaction"]["id"].clone();
    let body = priya.gql(ASK, ask("REFLECTION", REASON)).await;
    assert_eq!(
        error_fields(&body),
        vec!["section"],
        "one request per section waits at a time: {body}"
    );
    // Nothing is redacted by asking.
    assert_eq!(app.count("redaction").await, 0);

    // It waits for Helen, the head of Tom's service, and for nobody else.
    let helen = app.sign_in(HELEN).await;
    let body = helen.gql(WAITING, json!({})).await;
    let waiting = &body["data"]["redactionRequests"];
    assert_eq!(waiting.as_array().map(Vec::len), Some(1), "{body}");
    assert_eq!(waiting[0]["section"], "REFLECTION");
    assert_eq!(waiting[0]["kind"], "CLINICAL_GROUP");
    assert_eq!(waiting[0]["requestedBy"]["name"], "Tom Reed");
    let marcus = app.sign_in(MARCUS).await;
    assert_eq!(
        marcus.gql(WAITING, json!({})).await["data"]["redactionRequests"],
        json!([]),
        "another service's head is not asked"
    );
    assert_eq!(
        error_code(&priya.gql(WAITING, json!({})).await),
        Some("FORBIDDEN")
    );

    // Deciding: Helen only, and always saying why.
    let decide =
        |approve: bool, note: &str| json!({ "r": request, "approve": approve, "note": note });
    assert_eq!(
        error_code(&priya.gql(DECIDE, decide(true, "Agreed")).await),
        Some("FORBIDDEN")
    );
    assert_eq!(
        error_code(&marcus.gql(DECIDE, decide(true, "Agreed")).await),
        Some("NOT_FOUND")
    );
    let body = helen.gql(DECIDE, decide(false, " ")).await;
    assert_eq!(error_fields(&body), vec!["note"]);
    let body = helen
        .gql(
            DECIDE,
            decide(false, "The reflection names no one: it stays."),
        )
        .await;
    let decided = &body["data"]["decideRedaction"];
    assert_eq!(decided["status"], "declined", "{body}");
    assert_eq!(decided["decidedBy"]["name"], "Helen Carter");
    let body = helen.gql(DECIDE, decide(true, "Changed my mind")).await;
    assert_eq!(
        error_fields(&body),
        vec!["requestId"],
        "decided once: {body}"
    );

    // Declined: the section stands, and Tom reads why.
    let body = tom
        .gql(
            "query($id: UUID!) { supervision(id: $id) { reflection redactionRequests { status decisionNote } } }",
            json!({ "id": id }),
        )
        .await;
    let record = &body["data"]["supervision"];
    assert_eq!(record["reflection"], "Shared worries about evening visits.");
    assert_eq!(record["redactionRequests"][0]["status"], "declined");
    assert_eq!(
        record["redactionRequests"][0]["decisionNote"],
        "The reflection names no one: it stays."
    );
    assert_eq!(app.count("redaction").await, 0);
    // Helen, who may not read the content, is not sent the requests on it.
    let body = helen
        .gql(
            "query($id: UUID!) { supervision(id: $id) { redactionRequests { reason } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(body["data"]["supervision"]["redactionRequests"], json!([]));
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

    redact_on_request(&app, id, "REFLECTION").await;

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
