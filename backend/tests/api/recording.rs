//! Recording supervision (F3): group sessions, and refusal of bad input.

use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn a_group_session_appears_in_every_supervisees_own_supervisions() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let (tom_id, aisha_id) = (app.staff_id(TOM).await, app.staff_id(AISHA).await);
    let id = record_group(&priya, &[tom_id, aisha_id]).await;

    for email in [TOM, AISHA] {
        let supervisee = app.sign_in(email).await;
        let body = supervisee
            .gql("{ mySupervisions(first: 50) { nodes { id experience myValidation { validationState } } } }", json!({}))
            .await;
        let nodes = body["data"]["mySupervisions"]["nodes"].as_array().unwrap();
        let mine = nodes
            .iter()
            .find(|n| n["id"] == id.to_string())
            .unwrap_or_else(|| panic!("{email} sees the record"));
        assert_eq!(
            mine["experience"],
            "Group reflection on managing risk in lone working."
        );
        assert_eq!(mine["myValidation"]["validationState"], "AWAITING");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_group_of_fifty_is_recorded_in_one_request() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let body = priya
        .gql("{ searchStaff(query: \"a\", limit: 20) { id } }", json!({}))
        .await;
    assert!(body["errors"].is_null(), "{body}");
    // The picker returns at most 20; gather 50 colleagues straight from the directory.
    let priya_id = app.staff_id(PRIYA).await;
    let organisation: uuid::Uuid = {
        use sea_orm::EntityTrait;
        backend::entity::staff::Entity::find_by_id(priya_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .organisation_id
    };
    let fifty: Vec<uuid::Uuid> = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
        backend::entity::staff::Entity::find()
            .filter(backend::entity::staff::Column::OrganisationId.eq(organisation))
            .filter(backend::entity::staff::Column::Status.eq("active"))
            .filter(backend::entity::staff::Column::Id.ne(priya_id))
            .limit(50)
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.id)
            .collect()
    };
    assert_eq!(fifty.len(), 50);
    let before = app.count("supervision_attendee").await;
    let id = record_group(&priya, &fifty).await;
    assert_eq!(app.count("supervision_attendee").await, before + 50);
    let body = priya
        .gql(
            "query($id: UUID!) { supervision(id: $id) { attendees { validationState } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(
        body["data"]["supervision"]["attendees"]
            .as_array()
            .unwrap()
            .len(),
        50
    );
    app.stop().await;
}

#[tokio::test]
async fn bad_input_is_refused_by_field_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let priya_id = app.staff_id(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    let other_organisation = app.staff_id(SOFIA).await;
    let before = (
        app.count("supervision").await,
        app.count("supervision_attendee").await,
        app.count("supervision_action").await,
        app.count("outbox_message").await,
    );

    let tomorrow = chrono::Utc::now().date_naive() + chrono::Days::new(1);
    type Change = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "future date",
            Box::new(move |i| i["heldOn"] = json!(tomorrow)),
            "heldOn",
        ),
        (
            "no supervisees",
            Box::new(|i| i["superviseeIds"] = json!([])),
            "superviseeIds",
        ),
        (
            "recorder as supervisee",
            Box::new(move |i| i["superviseeIds"] = json!([priya_id, tom_id])),
            "superviseeIds",
        ),
        (
            "unknown staff id",
            Box::new(|i| i["superviseeIds"] = json!([uuid::Uuid::new_v4()])),
            "superviseeIds[0]",
        ),
        (
            "another organisation's staff",
            Box::new(move |i| i["superviseeIds"] = json!([tom_id, other_organisation])),
            "superviseeIds[1]",
        ),
        (
            "approach on line management",
            Box::new(|i| {
                i["kind"] = json!("LINE_MANAGEMENT");
                i["superviseeIds"] = json!([i["superviseeIds"][0]]);
            }),
            "approach",
        ),
        (
            "text over the limit",
            Box::new(|i| i["reflection"] = json!("x".repeat(20_001))),
            "reflection",
        ),
    ];
    for (what, change, field) in cases {
        let mut input = group_input(&[tom_id]);
        change(&mut input);
        let body = priya.gql(RECORD, json!({ "input": input })).await;
        assert_eq!(
            error_code(&body),
            Some("VALIDATION_FAILED"),
            "{what}: {body}"
        );
        assert!(
            error_fields(&body).contains(&field.to_owned()),
            "{what} names {field}: {body}"
        );
        assert!(body["data"].is_null(), "{what}");
    }
    let after = (
        app.count("supervision").await,
        app.count("supervision_attendee").await,
        app.count("supervision_action").await,
        app.count("outbox_message").await,
    );
    assert_eq!(
        before, after,
        "refused input wrote nothing, not even an email"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_malformed_value_is_a_bad_request_not_a_crash() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let mut input = group_input(&[app.staff_id(TOM).await]);
    input["kind"] = json!("TEA_AND_BISCUITS");
    let body = priya.gql(RECORD, json!({ "input": input })).await;
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("TEA_AND_BISCUITS"),
        "{body}"
    );
    assert!(body["data"].is_null());
    app.stop().await;
}

#[tokio::test]
async fn sending_the_same_record_twice_stores_it_once() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let mut input = group_input(&[app.staff_id(TOM).await, app.staff_id(AISHA).await]);
    input["submissionKey"] = json!(uuid::Uuid::new_v4());
    let before = app.count("supervision").await;

    let first = priya.gql(RECORD, json!({ "input": input })).await;
    let retry = priya.gql(RECORD, json!({ "input": input })).await;
    assert_eq!(
        first["data"]["recordSupervision"]["id"], retry["data"]["recordSupervision"]["id"],
        "{retry}"
    );
    // Two copies in flight at once, as from a double tap on a slow connection.
    input["submissionKey"] = json!(uuid::Uuid::new_v4());
    let (a, b) = tokio::join!(
        priya.gql(RECORD, json!({ "input": input })),
        priya.gql(RECORD, json!({ "input": input }))
    );
    assert!(a["errors"].is_null() && b["errors"].is_null(), "{a} {b}");
    assert_eq!(
        a["data"]["recordSupervision"]["id"],
        b["data"]["recordSupervision"]["id"]
    );
    assert_eq!(app.count("supervision").await, before + 2);
    app.stop().await;
}

/// Seeds 000 and 001: someone who receives clinical supervision from
/// outside the organisation records it themselves, naming the external
/// supervisor, and it counts as formal clinical supervision; a personal
/// reflection is recorded by the person themselves and never counts.
/// Neither asks them to validate what they wrote.
#[tokio::test]
async fn a_person_records_their_own_external_supervision_which_counts_and_their_own_reflection_which_does_not()
 {
    use chrono::{Days, Utc};
    const MINE: &str = "{ myCompliance { category status last } }";
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let team = org.team("Psychology").await;
    let psychologist = org.person("Nadia Rahman").in_unit(team).create().await;
    let nadia = app.sign_in_as(&psychologist).await;
    let clinical_last = |body: &serde_json::Value| {
        body["data"]["myCompliance"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .find(|s| s["category"] == "CLINICAL")
            .unwrap()["last"]
            .clone()
    };
    let held = Utc::now().date_naive() - Days::new(3);

    let mut external = group_input(&[psychologist.id]);
    external["kind"] = json!("CLINICAL_EXTERNAL");
    external["approach"] = serde_json::Value::Null;
    external["heldOn"] = json!(held);
    external["externalSupervisor"] = json!("Dr Aled Morgan, independent clinical psychologist");
    let body = nadia
        .gql(
            "mutation($input: RecordSupervisionInput!) { recordSupervision(input: $input) { id countsAsFormal attendees { validationState } } }",
            json!({ "input": external }),
        )
        .await;
    let saved = &body["data"]["recordSupervision"];
    assert_eq!(saved["countsAsFormal"], true, "{body}");
    assert_eq!(
        saved["attendees"][0]["validationState"], "AGREED",
        "nobody validates their own record"
    );
    assert_eq!(
        clinical_last(&nadia.gql(MINE, json!({})).await),
        json!(held)
    );

    let mut reflection = group_input(&[psychologist.id]);
    reflection["kind"] = json!("PERSONAL_REFLECTION");
    reflection["approach"] = serde_json::Value::Null;
    reflection["heldOn"] = json!(Utc::now().date_naive());
    let body = nadia
        .gql(
            "mutation($input: RecordSupervisionInput!) { recordSupervision(input: $input) { id countsAsFormal } }",
            json!({ "input": reflection }),
        )
        .await;
    assert_eq!(
        body["data"]["recordSupervision"]["countsAsFormal"], false,
        "{body}"
    );
    assert_eq!(
        clinical_last(&nadia.gql(MINE, json!({})).await),
        json!(held),
        "a reflection never counts"
    );
    assert_eq!(
        app.count("outbox_message WHERE subject LIKE '%validate%'")
            .await,
        0,
        "no one was asked to validate"
    );

    // One's own external supervision is one's own: not with colleagues.
    let colleague = org.person("Tom Reed").in_unit(team).create().await;
    let mut shared = group_input(&[psychologist.id, colleague.id]);
    shared["kind"] = json!("CLINICAL_EXTERNAL");
    shared["approach"] = serde_json::Value::Null;
    shared["externalSupervisor"] = json!("Dr Aled Morgan");
    let body = nadia.gql(RECORD, json!({ "input": shared })).await;
    assert_eq!(error_fields(&body), ["superviseeIds"], "{body}");
}
