//! After a record is saved (F4.3–F4.5): late sharing is marked, amendments
//! keep every earlier version and ask for validation again, and a record
//! made in error is removed on an administrator's approval, leaving a
//! tombstone.

use serde_json::{Value, json};

use crate::helpers::*;

const RUTH: &str = "ruth.adeyemi@northfield.example";

const AMEND: &str = r#"
mutation($id: UUID!, $input: AmendSupervisionInput!) {
  amendSupervision(id: $id, input: $input) {
    id version experience
    attendees { validationState }
    amendments { version reason changedFields experience changedBy { name }
                 validations { supervisee { name } validationState comment } }
  }
}"#;

/// An amendment input: the group record as `group_input` made it, with
/// these changes.
fn amendment(changes: Value) -> Value {
    let mut input = group_input(&[uuid::Uuid::nil()]);
    for key in ["kind", "superviseeIds", "actions"] {
        input.as_object_mut().unwrap().remove(key);
    }
    for (key, value) in changes.as_object().unwrap() {
        input[key] = value.clone();
    }
    input
}

#[tokio::test]
async fn a_record_shared_more_than_ten_working_days_after_the_session_is_marked_late() {
    // No bank holidays, so the count is plain: a session 20 days ago is
    // at least 14 working days ago.
    let app = TestApp::spawn_with(&[("SUPERVISION_BANK_HOLIDAYS", "2020-01-01")]).await;
    let priya = app.sign_in(PRIYA).await;
    let tom = app.staff_id(TOM).await;
    let today = chrono::Utc::now().date_naive();
    let mut late = group_input(&[tom]);
    late["heldOn"] = json!(today - chrono::Days::new(20));
    let body = priya
        .gql(
            "mutation($input: RecordSupervisionInput!) { recordSupervision(input: $input) { sharedLate } }",
            json!({ "input": late }),
        )
        .await;
    assert_eq!(
        body["data"]["recordSupervision"]["sharedLate"], true,
        "{body}"
    );
    let mut in_time = group_input(&[tom]);
    in_time["heldOn"] = json!(today - chrono::Days::new(1));
    let body = priya
        .gql(
            "mutation($input: RecordSupervisionInput!) { recordSupervision(input: $input) { sharedLate } }",
            json!({ "input": in_time }),
        )
        .await;
    assert_eq!(
        body["data"]["recordSupervision"]["sharedLate"], false,
        "{body}"
    );
    app.stop().await;
}

#[tokio::test]
async fn an_amendment_keeps_the_earlier_version_and_asks_for_validation_again() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let (tom_id, aisha_id) = (app.staff_id(TOM).await, app.staff_id(AISHA).await);
    let id = record_group(&priya, &[tom_id, aisha_id]).await;
    let tom = app.sign_in(TOM).await;
    let body = tom
        .gql(
            "mutation($id: UUID!) { validateSupervision(id: $id, decision: DISAGREE, comment: \"We spoke about evening visits only.\") { id } }",
            json!({ "id": id }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    let emails_before = app.count("outbox_message").await;

    let body = priya
        .gql(
            AMEND,
            json!({ "id": id, "input": amendment(json!({
                "experience": "Group reflection on evening visits.",
                "reason": "Tom pointed out we only discussed evening visits."
            })) }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    let amended = &body["data"]["amendSupervision"];
    assert_eq!(amended["version"], 2);
    assert_eq!(amended["experience"], "Group reflection on evening visits.");
    assert!(
        amended["attendees"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["validationState"] == "AWAITING"),
        "every supervisee validates the new version: {amended}"
    );
    let earlier = &amended["amendments"][0];
    assert_eq!(earlier["version"], 1);
    assert_eq!(earlier["changedFields"], json!(["experience"]));
    assert_eq!(
        earlier["experience"],
        "Group reflection on managing risk in lone working."
    );
    assert_eq!(earlier["changedBy"]["name"], "Priya Shah");
    let toms = earlier["validations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["supervisee"]["name"] == "Tom Reed")
        .unwrap();
    assert_eq!(toms["validationState"], "DISAGREED");
    assert_eq!(toms["comment"], "We spoke about evening visits only.");
    // Each supervisee is emailed again.
    assert_eq!(app.count("outbox_message").await, emails_before + 2);
    // A supervisee reads the history too.
    let body = tom
        .gql(
            "query($id: UUID!) { supervision(id: $id) { amendments { reason } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        body["data"]["supervision"]["amendments"][0]["reason"],
        "Tom pointed out we only discussed evening visits."
    );
    let audit = audit_actions(&app, id).await;
    assert!(audit.contains(&"supervision.amend".to_owned()), "{audit:?}");
    app.stop().await;
}

#[tokio::test]
async fn an_amendment_without_a_reason_or_without_a_change_writes_nothing() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let before = (
        app.count("supervision_version").await,
        app.count("outbox_message").await,
    );
    let cases = [
        (json!({ "experience": "Changed", "reason": "  " }), "reason"),
        (json!({ "reason": "No change at all" }), "input"),
        (
            json!({ "heldOn": chrono::Utc::now().date_naive() + chrono::Days::new(3), "reason": "Typo" }),
            "heldOn",
        ),
    ];
    for (changes, field) in cases {
        let body = priya
            .gql(AMEND, json!({ "id": id, "input": amendment(changes) }))
            .await;
        assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
        assert!(error_fields(&body).contains(&field.to_owned()), "{body}");
    }
    let after = (
        app.count("supervision_version").await,
        app.count("outbox_message").await,
    );
    assert_eq!(before, after);
    app.stop().await;
}

async fn audit_actions(app: &TestApp, subject: uuid::Uuid) -> Vec<String> {
    use backend::entity::audit_event;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    audit_event::Entity::find()
        .filter(audit_event::Column::SubjectId.eq(subject))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect()
}

const REQUEST: &str = "mutation($id: UUID!, $reason: String!) { requestRemoval(id: $id, reason: $reason) { id status } }";
const DECIDE: &str = "mutation($r: UUID!, $approve: Boolean!, $note: String!) { decideRemoval(requestId: $r, approve: $approve, note: $note) { status decidedBy { name } } }";

#[tokio::test]
async fn a_record_made_in_error_is_removed_on_approval_and_leaves_a_tombstone() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    let id = record_group(&priya, &[tom_id]).await;
    let reason = json!({ "id": id, "reason": "Recorded against the wrong team member." });

    // Only the recorder asks; once.
    let tom = app.sign_in(TOM).await;
    assert_eq!(
        error_code(&tom.gql(REQUEST, reason.clone()).await),
        Some("FORBIDDEN")
    );
    let body = priya.gql(REQUEST, reason.clone()).await;
    assert_eq!(
        body["data"]["requestRemoval"]["status"], "pending",
        "{body}"
    );
    let request: uuid::Uuid = body["data"]["requestRemoval"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(
        error_code(&priya.gql(REQUEST, reason).await),
        Some("VALIDATION_FAILED"),
        "one request at a time"
    );

    // Only a system administrator decides; a decline needs a note.
    let decision =
        |approve: bool, note: &str| json!({ "r": request, "approve": approve, "note": note });
    assert_eq!(
        error_code(&priya.gql(DECIDE, decision(true, "")).await),
        Some("FORBIDDEN")
    );
    let ruth = app.sign_in(RUTH).await;
    let listed = ruth
        .gql(
            "{ removalRequests { id reason status kind requestedBy { name } } }",
            json!({}),
        )
        .await;
    let pending = &listed["data"]["removalRequests"][0];
    assert_eq!(pending["reason"], "Recorded against the wrong team member.");
    assert_eq!(pending["requestedBy"]["name"], "Priya Shah");
    assert_eq!(
        error_code(&ruth.gql(DECIDE, decision(false, "")).await),
        Some("VALIDATION_FAILED")
    );
    assert_eq!(
        error_code(&priya.gql("{ removalRequests { id } }", json!({})).await),
        Some("FORBIDDEN")
    );

    let body = ruth.gql(DECIDE, decision(true, "")).await;
    assert_eq!(
        body["data"]["decideRemoval"]["status"], "approved",
        "{body}"
    );
    assert_eq!(
        error_code(&ruth.gql(DECIDE, decision(true, "")).await),
        Some("VALIDATION_FAILED"),
        "decided once"
    );

    // Gone from every view.
    for client in [&priya, &tom] {
        let body = client
            .gql(
                "query($id: UUID!) { supervision(id: $id) { id } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"));
        let body = client
            .gql("{ mySupervisions(first: 100) { nodes { id } } }", json!({}))
            .await;
        assert!(
            !body["data"]["mySupervisions"]["nodes"]
                .as_array()
                .unwrap()
                .iter()
                .any(|n| n["id"] == id.to_string()),
            "{body}"
        );
    }
    // The tombstone: the row, without content; the reason on the request;
    // the removal in the audit log.
    use sea_orm::EntityTrait;
    let row = backend::entity::supervision::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("the tombstone stays");
    assert!(row.removed_at.is_some());
    assert_eq!(row.experience, "");
    let audit = audit_actions(&app, id).await;
    assert!(
        audit.contains(&"supervision.remove".to_owned()),
        "{audit:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_removed_record_counts_for_nothing_in_compliance() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    let today = chrono::Utc::now().date_naive();
    let mut input = group_input(&[tom_id]);
    input["kind"] = json!("CLINICAL_ONE_TO_ONE");
    let body = priya.gql(RECORD, json!({ "input": input })).await;
    let id = body["data"]["recordSupervision"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let tom = app.sign_in(TOM).await;
    let clinical_last = |body: &Value| {
        body["data"]["myCompliance"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["category"] == "CLINICAL")
            .unwrap()["last"]
            .clone()
    };
    let query = "{ myCompliance { category last } }";
    assert_eq!(
        clinical_last(&tom.gql(query, json!({})).await),
        json!(today)
    );

    let body = priya
        .gql(
            REQUEST,
            json!({ "id": id, "reason": "Held with someone else." }),
        )
        .await;
    let request = body["data"]["requestRemoval"]["id"].clone();
    let ruth = app.sign_in(RUTH).await;
    let body = ruth
        .gql(DECIDE, json!({ "r": request, "approve": true, "note": "" }))
        .await;
    assert!(body["errors"].is_null(), "{body}");
    assert_ne!(
        clinical_last(&tom.gql(query, json!({})).await),
        json!(today)
    );
    app.stop().await;
}
