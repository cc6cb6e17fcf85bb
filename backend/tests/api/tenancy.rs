//! Tenant isolation: someone of another organisation, even holding every
//! role there, finds nothing of ours by guessing or knowing ids.

use backend::entity::staff_role;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde_json::{Value, json};
use supervision_shared::Role;
use uuid::Uuid;

use crate::helpers::*;

#[tokio::test]
async fn every_operation_that_takes_an_id_answers_not_found_across_organisations() {
    let app = TestApp::spawn().await;
    let tom = app.staff_id(TOM).await;
    let priya = app.sign_in(PRIYA).await;
    let record = record_group(&priya, &[tom]).await;
    let redaction = redact_on_request(&app, record, "REFLECTION").await;
    // And one waiting for a decision, to reach for from outside.
    let request = app
        .sign_in(TOM)
        .await
        .gql(
            "mutation($id: UUID!) { requestRedaction(supervisionId: $id, section: EXPERIENCE, reason: \"Names a neighbour\") { id } }",
            json!({ "id": record }),
        )
        .await["data"]["requestRedaction"]["id"]
        .clone();
    assert!(request.is_string());
    let hold = app
        .sign_in(DANIEL)
        .await
        .gql("mutation($s: UUID!) { placeLegalHold(staffId: $s, reason: \"Employment tribunal claim\") { id } }", json!({ "s": tom }))
        .await["data"]["placeLegalHold"]["id"]
        .clone();
    assert!(hold.is_string());

    // Sofia, of Southbank, is given every role there is.
    let sofia_id = app.staff_id(SOFIA).await;
    let southbank = {
        use sea_orm::EntityTrait;
        backend::entity::staff::Entity::find_by_id(sofia_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .organisation_id
    };
    for role in [
        Role::SeniorManager,
        Role::Auditor,
        Role::HrAdmin,
        Role::SystemAdmin,
    ] {
        staff_role::Entity::insert(staff_role::ActiveModel {
            id: Set(Uuid::now_v7()),
            organisation_id: Set(southbank),
            staff_id: Set(sofia_id),
            role: Set(role),
            org_unit_id: Set(None),
            granted_by: Set(None),
            granted_at: Set(None),
            scim_group_id: Set(None),
        })
        .exec_without_returning(&app.db)
        .await
        .unwrap();
    }
    let sofia = app.sign_in(SOFIA).await;
    let reason = "Checking whether I can reach another organisation";
    let cases: Vec<(&str, Value)> = vec![
        (
            "query($id: UUID!) { supervision(id: $id) { id } }",
            json!({ "id": record }),
        ),
        (
            "query($id: UUID!) { staffSupervisions(staffId: $id) { id } }",
            json!({ "id": tom }),
        ),
        (
            "mutation($id: UUID!) { validateSupervision(id: $id, decision: AGREE) { id } }",
            json!({ "id": record }),
        ),
        (
            "mutation($id: UUID!, $r: String!) { openForPurpose(input: { supervisionId: $id, purpose: AUDIT_QA, reason: $r }) { id } }",
            json!({ "id": record, "r": reason }),
        ),
        (
            "mutation($id: UUID!, $r: String!) { openForPurpose(input: { staffId: $id, purpose: LEGAL, reason: $r }) { id } }",
            json!({ "id": tom, "r": reason }),
        ),
        (
            "mutation($id: UUID!, $r: String!) { requestRedaction(supervisionId: $id, section: EXPERIENCE, reason: $r) { id } }",
            json!({ "id": record, "r": reason }),
        ),
        (
            "mutation($id: UUID!, $r: String!) { decideRedaction(requestId: $id, approve: true, note: $r) { id } }",
            json!({ "id": request, "r": reason }),
        ),
        (
            "query($id: UUID!) { redactedText(redactionId: $id) }",
            json!({ "id": redaction }),
        ),
        (
            "mutation($id: UUID!, $r: String!) { placeLegalHold(staffId: $id, reason: $r) { id } }",
            json!({ "id": tom, "r": reason }),
        ),
        (
            "mutation($id: UUID!, $r: String!) { placeLegalHold(supervisionId: $id, reason: $r) { id } }",
            json!({ "id": record, "r": reason }),
        ),
        (
            "mutation($id: UUID!) { releaseLegalHold(id: $id) }",
            json!({ "id": hold }),
        ),
    ];
    for (query, variables) in cases {
        let body = sofia.gql(query, variables).await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{query}: {body}");
    }
    let body = sofia
        .gql("{ searchStaff(query: \"Tom\") { id } }", json!({}))
        .await;
    assert_eq!(body["data"]["searchStaff"], json!([]));
    let mut input = group_input(&[tom]);
    input["kind"] = json!("CLINICAL_ONE_TO_ONE");
    let body = sofia.gql(RECORD, json!({ "input": input })).await;
    assert_eq!(error_fields(&body), vec!["superviseeIds[0]"], "{body}");
    app.stop().await;
}
