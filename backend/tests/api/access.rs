//! Who can read a record (F7.1): its recorder and its supervisees, nobody
//! else, in this organisation or any other.

use serde_json::json;

use crate::helpers::*;

const READ: &str = "query($id: UUID!) { supervision(id: $id) { id experience reflection notes actions { description } } }";

#[tokio::test]
async fn the_recorder_and_each_supervisee_can_read_the_content() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(
        &priya,
        &[app.staff_id(TOM).await, app.staff_id(AISHA).await],
    )
    .await;
    for email in [PRIYA, TOM, AISHA] {
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
        assert_eq!(
            body["data"]["supervision"]["actions"][0]["description"],
            "Read the lone working procedure"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn a_colleague_a_senior_manager_and_another_organisation_get_not_found() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let missing = uuid::Uuid::new_v4();
    let not_found_for_missing = priya.gql(READ, json!({ "id": missing })).await;
    assert_eq!(error_code(&not_found_for_missing), Some("NOT_FOUND"));

    // Owen: a colleague in another team. Aisha: Tom's teammate, not in this
    // session. Owen's line manager: a line manager of someone else. Marcus:
    // a senior manager of another division. Sofia: another organisation.
    let other_line_manager = app.line_manager_of(OWEN).await;
    for email in [OWEN, AISHA, other_line_manager.as_str(), MARCUS, SOFIA] {
        let outsider = app.sign_in(email).await;
        let body = outsider.gql(READ, json!({ "id": id })).await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{email}: {body}");
        assert!(body["data"].is_null(), "{email} learns nothing");
        // The same answer, word for word, as for a record that does not exist.
        assert_eq!(
            body["errors"][0]["message"],
            not_found_for_missing["errors"][0]["message"]
        );

        let list = outsider
            .gql("{ mySupervisions(first: 100) { nodes { id } } }", json!({}))
            .await;
        let ids: Vec<&str> = list["data"]["mySupervisions"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|n| n["id"].as_str())
            .collect();
        assert!(
            !ids.contains(&id.to_string().as_str()),
            "{email} does not list it"
        );
    }
    app.stop().await;
}

#[tokio::test]
async fn signed_out_callers_get_unauthenticated_and_no_data() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let anonymous = app.anonymous();
    for query in [
        "{ me { name } }",
        "{ mySupervisees { staff { name } } }",
        "{ searchStaff(query: \"Tom\") { name } }",
    ] {
        let body = anonymous.gql(query, json!({})).await;
        assert_eq!(error_code(&body), Some("UNAUTHENTICATED"), "{query}");
    }
    let body = anonymous.gql(READ, json!({ "id": id })).await;
    assert_eq!(error_code(&body), Some("UNAUTHENTICATED"));
    assert!(body["data"].is_null());

    let signed_out = app.sign_in(TOM).await;
    assert_eq!(
        signed_out
            .post_json("/auth/signout", &json!({}))
            .await
            .status(),
        204
    );
    let body = signed_out.gql(READ, json!({ "id": id })).await;
    assert_eq!(
        error_code(&body),
        Some("UNAUTHENTICATED"),
        "signed out means signed out"
    );
    app.stop().await;
}
