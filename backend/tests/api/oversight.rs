//! The management chain and senior managers in scope see that supervision
//! took place, never its content (F7.2); performance management records are
//! for the manager running the procedure, the person and HR only (F7.5).

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::helpers::*;

const READ: &str = "query($id: UUID!) { supervision(id: $id) { id kind heldOn viewerAccess attendees { validationState } experience reflection actions { description } } }";

#[tokio::test]
async fn a_senior_manager_in_scope_sees_that_it_happened_but_not_what_was_said() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    let id = record_group(&priya, &[tom_id]).await;

    let helen = app.sign_in(HELEN).await;
    let body = helen.gql(READ, json!({ "id": id })).await;
    let record = &body["data"]["supervision"];
    assert_eq!(record["id"], id.to_string(), "the metadata stands: {body}");
    assert_eq!(record["kind"], "CLINICAL_GROUP");
    assert_eq!(record["viewerAccess"], "METADATA_ONLY");
    assert_eq!(record["attendees"][0]["validationState"], "AWAITING");
    assert!(
        record["experience"].is_null()
            && record["reflection"].is_null()
            && record["actions"].is_null()
    );
    let mut codes = error_codes_by_path(&body);
    codes.sort();
    assert_eq!(
        codes,
        vec![
            ("supervision.actions".to_owned(), "FORBIDDEN".to_owned()),
            ("supervision.experience".to_owned(), "FORBIDDEN".to_owned()),
            ("supervision.reflection".to_owned(), "FORBIDDEN".to_owned()),
        ]
    );
    assert!(
        !body.to_string().contains("lone working"),
        "no content anywhere in the answer"
    );

    let history = helen
        .gql(
            "query($s: UUID!) { staffSupervisions(staffId: $s) { id viewerAccess } }",
            json!({ "s": tom_id }),
        )
        .await;
    let ids: Vec<&str> = history["data"]["staffSupervisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert!(ids.contains(&id.to_string().as_str()), "{history}");
    app.stop().await;
}

#[tokio::test]
async fn someone_outside_the_chain_cannot_list_a_persons_supervision() {
    let app = TestApp::spawn().await;
    let tom_id = app.staff_id(TOM).await;
    const HISTORY: &str = "query($s: UUID!) { staffSupervisions(staffId: $s) { id } }";
    for email in [OWEN, MARCUS, SOFIA, AISHA] {
        let body = app
            .sign_in(email)
            .await
            .gql(HISTORY, json!({ "s": tom_id }))
            .await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{email}: {body}");
    }
    let own = app
        .sign_in(TOM)
        .await
        .gql(HISTORY, json!({ "s": tom_id }))
        .await;
    assert!(
        !own["data"]["staffSupervisions"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    app.stop().await;
}

#[tokio::test]
async fn performance_management_is_for_the_manager_the_person_and_hr_only() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    let mut input = group_input(&[tom_id]);
    input["kind"] = json!("PERFORMANCE_MANAGEMENT");
    input["approach"] = json!(null);
    let body = priya.gql(RECORD, json!({ "input": input })).await;
    assert!(body["errors"].is_null(), "{body}");
    let id = body["data"]["recordSupervision"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    for email in [PRIYA, TOM, DANIEL] {
        let body = app
            .sign_in(email)
            .await
            .gql(READ, json!({ "id": id }))
            .await;
        assert!(body["errors"].is_null(), "{email}: {body}");
        assert_eq!(
            body["data"]["supervision"]["experience"],
            "Group reflection on managing risk in lone working."
        );
    }
    // Helen oversees Tom's team, but performance management is not hers to see.
    for email in [HELEN, GRACE, OWEN] {
        let body = app
            .sign_in(email)
            .await
            .gql(READ, json!({ "id": id }))
            .await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{email}: {body}");
    }
    app.stop().await;
}

#[tokio::test]
async fn only_a_line_manager_records_performance_management_for_their_report() {
    let app = TestApp::spawn().await;
    let tom_id = app.staff_id(TOM).await;
    let mut input = group_input(&[tom_id]);
    input["kind"] = json!("PERFORMANCE_MANAGEMENT");
    input["approach"] = json!(null);
    let before = app.count("supervision").await;
    let owen = app.sign_in(OWEN).await;
    let body = owen.gql(RECORD, json!({ "input": input.clone() })).await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    assert_eq!(error_fields(&body), vec!["superviseeIds[0]".to_owned()]);
    assert_eq!(app.count("supervision").await, before, "nothing written");
    let priya = app.sign_in(PRIYA).await;
    let body = priya.gql(RECORD, json!({ "input": input })).await;
    assert!(body["errors"].is_null(), "Tom's line manager may: {body}");
    app.stop().await;
}

/// HR's list of performance management records (F7.5): outlines for HR
/// alone; the content is read by opening one, and that read is audited.
#[tokio::test]
async fn hr_lists_performance_management_records_and_each_opening_is_audited() {
    const LIST: &str =
        "{ performanceManagementRecords { id kind attendees { supervisee { name } } } }";
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let mut input = group_input(&[app.staff_id(TOM).await]);
    input["kind"] = json!("PERFORMANCE_MANAGEMENT");
    input["approach"] = json!(null);
    let body = priya.gql(RECORD, json!({ "input": input })).await;
    let id = body["data"]["recordSupervision"]["id"].clone();
    assert!(id.is_string(), "{body}");
    // An ordinary record is not in the list.
    record_group(&priya, &[app.staff_id(TOM).await]).await;

    let daniel = app.sign_in(DANIEL).await;
    let body = daniel.gql(LIST, json!({})).await;
    let listed = body["data"]["performanceManagementRecords"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(listed.iter().any(|r| r["id"] == id), "{body}");
    assert!(listed.iter().all(|r| r["kind"] == "PERFORMANCE_MANAGEMENT"));
    // The list carries no content, even when asked.
    let body = daniel
        .gql(
            "{ performanceManagementRecords { id experience } }",
            json!({}),
        )
        .await;
    assert!(
        !body.to_string().contains("managing risk in lone working"),
        "{body}"
    );
    for email in [TOM, PRIYA, HELEN, GRACE] {
        let body = app.sign_in(email).await.gql(LIST, json!({})).await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{email}");
    }

    // Opening it reads it, and is written down.
    let before = app.count("audit_event").await;
    let body = daniel.gql(READ, json!({ "id": id })).await;
    assert_eq!(
        body["data"]["supervision"]["experience"],
        "Group reflection on managing risk in lone working."
    );
    let read = backend::entity::audit_event::Entity::find()
        .filter(backend::entity::audit_event::Column::Action.eq("supervision.read_by_hr"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(read, 1);
    assert_eq!(app.count("audit_event").await, before + 1);
    app.stop().await;
}
