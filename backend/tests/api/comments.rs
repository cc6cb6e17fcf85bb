//! Supervisees add comments to their records at any time (F4.2); they stay
//! with the record, signed and dated, for everyone who may read its content.

use serde_json::json;

use crate::helpers::*;

const COMMENT: &str =
    "mutation($id: UUID!, $c: String!) { addComment(id: $id, comment: $c) { id } }";
const READ: &str =
    "query($id: UUID!) { supervision(id: $id) { comments { author { name } body writtenAt } } }";

#[tokio::test]
async fn a_supervisee_comments_later_and_the_recorder_reads_it() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(
        &priya,
        &[app.staff_id(TOM).await, app.staff_id(AISHA).await],
    )
    .await;
    let tom = app.sign_in(TOM).await;
    let body = tom
        .gql(
            COMMENT,
            json!({ "id": id, "c": "Since then I have booked the lone working course." }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");

    for reader in [&priya, &tom, &app.sign_in(AISHA).await] {
        let body = reader.gql(READ, json!({ "id": id })).await;
        let comments = body["data"]["supervision"]["comments"].as_array().unwrap();
        assert_eq!(comments.len(), 1, "{body}");
        assert_eq!(comments[0]["author"]["name"], "Tom Reed");
        assert_eq!(
            comments[0]["body"],
            "Since then I have booked the lone working course."
        );
        assert!(comments[0]["writtenAt"].is_string());
    }
    let export: serde_json::Value = tom
        .http
        .get(format!("{}/export/my-records.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let record = export["supervisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id.to_string())
        .unwrap();
    assert_eq!(
        record["myComments"],
        json!(["Since then I have booked the lone working course."]),
        "in Tom's own export"
    );
    app.stop().await;
}

#[tokio::test]
async fn only_supervisees_comment_and_a_comment_says_something() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let say = json!({ "id": id, "c": "A comment" });
    assert_eq!(
        error_code(&priya.gql(COMMENT, say.clone()).await),
        Some("FORBIDDEN")
    );
    assert_eq!(
        error_code(&app.sign_in(OWEN).await.gql(COMMENT, say).await),
        Some("NOT_FOUND")
    );
    let tom = app.sign_in(TOM).await;
    assert_eq!(
        error_fields(&tom.gql(COMMENT, json!({ "id": id, "c": "  " })).await),
        vec!["comment"]
    );
    assert_eq!(
        error_fields(
            &tom.gql(COMMENT, json!({ "id": id, "c": "x".repeat(5_001) }))
                .await
        ),
        vec!["comment"]
    );
    assert_eq!(app.count("supervision_comment").await, 0);
    app.stop().await;
}
