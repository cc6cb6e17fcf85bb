//! Validation by supervisees (F4.1): agree, or disagree with their own
//! account; both views stay on the record.

use serde_json::json;

use crate::helpers::*;

const VALIDATE: &str = r#"mutation($id: UUID!, $decision: ValidationDecision!, $comment: String!) {
  validateSupervision(id: $id, decision: $decision, comment: $comment) { id }
}"#;
const ATTENDEES: &str = "query($id: UUID!) { supervision(id: $id) { experience attendees { supervisee { name } validationState validatedAt comment } } }";

#[tokio::test]
async fn a_disagreement_and_its_account_are_seen_by_the_recorder() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(
        &priya,
        &[app.staff_id(TOM).await, app.staff_id(AISHA).await],
    )
    .await;

    let tom = app.sign_in(TOM).await;
    let body = tom.gql(VALIDATE, json!({ "id": id, "decision": "DISAGREE", "comment": "We agreed I would shadow a colleague first." })).await;
    assert!(body["errors"].is_null(), "{body}");
    let aisha = app.sign_in(AISHA).await;
    let body = aisha
        .gql(
            VALIDATE,
            json!({ "id": id, "decision": "AGREE", "comment": "" }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");

    let body = priya.gql(ATTENDEES, json!({ "id": id })).await;
    let attendees = body["data"]["supervision"]["attendees"].as_array().unwrap();
    let tom_row = attendees
        .iter()
        .find(|a| a["supervisee"]["name"] == "Tom Reed")
        .unwrap();
    assert_eq!(tom_row["validationState"], "DISAGREED");
    assert_eq!(
        tom_row["comment"],
        "We agreed I would shadow a colleague first."
    );
    assert!(
        tom_row["validatedAt"].is_string(),
        "the e-signature is time-stamped"
    );
    let aisha_row = attendees
        .iter()
        .find(|a| a["supervisee"]["name"] == "Aisha Khan")
        .unwrap();
    assert_eq!(aisha_row["validationState"], "AGREED");
    // The recorder's account stands beside the disagreement.
    assert_eq!(
        body["data"]["supervision"]["experience"],
        "Group reflection on managing risk in lone working."
    );
    app.stop().await;
}

#[tokio::test]
async fn a_disagreement_without_an_account_is_refused() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let tom = app.sign_in(TOM).await;
    let body = tom
        .gql(
            VALIDATE,
            json!({ "id": id, "decision": "DISAGREE", "comment": "   " }),
        )
        .await;
    // The whole answer, as a client reads it: the stable code, the field
    // and a message that says what to do.
    insta::assert_snapshot!(serde_json::to_string_pretty(&body).unwrap(), @r#"
    {
      "data": null,
      "errors": [
        {
          "extensions": {
            "code": "VALIDATION_FAILED",
            "fields": [
              {
                "field": "comment",
                "message": "Say what you disagree with: your account is kept alongside the record."
              }
            ]
          },
          "locations": [
            {
              "column": 3,
              "line": 2
            }
          ],
          "message": "Some of the details need correcting.",
          "path": [
            "validateSupervision"
          ]
        }
      ]
    }
    "#);
    let body = tom.gql(ATTENDEES, json!({ "id": id })).await;
    assert_eq!(
        body["data"]["supervision"]["attendees"][0]["validationState"],
        "AWAITING"
    );
    app.stop().await;
}

#[tokio::test]
async fn only_supervisees_validate() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let body = priya
        .gql(
            VALIDATE,
            json!({ "id": id, "decision": "AGREE", "comment": "" }),
        )
        .await;
    assert_eq!(
        error_code(&body),
        Some("FORBIDDEN"),
        "the recorder cannot sign for the supervisee"
    );
    let owen = app.sign_in(OWEN).await;
    let body = owen
        .gql(
            VALIDATE,
            json!({ "id": id, "decision": "AGREE", "comment": "" }),
        )
        .await;
    assert_eq!(
        error_code(&body),
        Some("NOT_FOUND"),
        "a stranger cannot even learn it exists"
    );
    app.stop().await;
}

const AWAITING: &str = "{ awaitingMyValidation { id heldOn } }";

/// The ids in an `awaitingMyValidation` answer.
fn awaiting_ids(body: &serde_json::Value) -> Vec<String> {
    assert!(body["errors"].is_null(), "{body}");
    body["data"]["awaitingMyValidation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_record_waits_for_each_supervisee_until_they_have_validated_it() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(
        &priya,
        &[app.staff_id(TOM).await, app.staff_id(AISHA).await],
    )
    .await;
    let id = id.to_string();

    let tom = app.sign_in(TOM).await;
    let aisha = app.sign_in(AISHA).await;
    assert!(awaiting_ids(&tom.gql(AWAITING, json!({})).await).contains(&id));
    assert!(awaiting_ids(&aisha.gql(AWAITING, json!({})).await).contains(&id));
    // The recorder was not supervised in it: nothing waits for her.
    assert!(!awaiting_ids(&priya.gql(AWAITING, json!({})).await).contains(&id));

    let body = tom
        .gql(
            VALIDATE,
            json!({ "id": id, "decision": "AGREE", "comment": "" }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    assert!(!awaiting_ids(&tom.gql(AWAITING, json!({})).await).contains(&id));
    assert!(awaiting_ids(&aisha.gql(AWAITING, json!({})).await).contains(&id));
    app.stop().await;
}
