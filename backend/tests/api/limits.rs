//! Issue 19: requests that never end, a person's script asking too fast,
//! and too many organisation-wide reports at once each meet a limit with a
//! stable code, and the service carries on for everyone else.

use std::time::Duration;

use sea_orm::{ConnectionTrait, DatabaseBackend, TransactionTrait};
use serde_json::json;

use crate::helpers::*;

const ME: &str = "{ me { name } }";

async fn status_and_body(client: &Client, query: &str) -> (u16, serde_json::Value) {
    let response = client
        .post_json("/graphql", &json!({ "query": query }))
        .await;
    let status = response.status().as_u16();
    let retry_after = response.headers().get("retry-after").cloned();
    let body: serde_json::Value = response.json().await.unwrap();
    if status == 429 {
        assert!(retry_after.is_some(), "a refusal says when to try again");
    }
    (status, body)
}

#[tokio::test]
async fn a_session_asking_too_fast_is_refused_for_a_moment_and_nobody_else_is() {
    let app = TestApp::spawn_with(&[
        ("SUPERVISION_SESSION_BURST", "5"),
        ("SUPERVISION_SESSION_REQUESTS_PER_SECOND", "1"),
    ])
    .await;
    let tom = app.sign_in(TOM).await;
    let aisha = app.sign_in(AISHA).await;
    let mut answered = 0;
    let refused = loop {
        let (status, body) = status_and_body(&tom, ME).await;
        if status != 200 {
            break (status, body);
        }
        answered += 1;
        assert!(answered <= 5, "the burst is five");
    };
    assert_eq!(answered, 5, "the whole burst is answered");
    assert_eq!(refused.0, 429);
    assert_eq!(
        error_code(&refused.1),
        Some("RATE_LIMITED"),
        "{}",
        refused.1
    );

    // Aisha, from the same address, is not held up by Tom.
    let (status, body) = status_and_body(&aisha, ME).await;
    assert_eq!(
        (status, &body["data"]["me"]["name"]),
        (200, &json!("Aisha Khan"))
    );

    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, _) = status_and_body(&tom, ME).await;
    assert_eq!(status, 200, "a second later Tom may ask again");
    app.stop().await;
}

#[tokio::test]
async fn a_request_stuck_behind_the_database_is_stopped_at_the_time_limit_and_writes_nothing() {
    let app = TestApp::spawn_with(&[("SUPERVISION_REQUEST_TIMEOUT_SECONDS", "1")]).await;
    let priya = app.sign_in(PRIYA).await;
    let tom = app.staff_id(TOM).await;
    let before = app.count("supervision").await;

    // Someone else holds the tables the save must write to.
    let blocker = app.db.begin().await.unwrap();
    match blocker.get_database_backend() {
        DatabaseBackend::Postgres => blocker
            .execute_unprepared("LOCK TABLE supervision IN EXCLUSIVE MODE")
            .await
            .unwrap(),
        _ => blocker
            .execute_unprepared("UPDATE organisation SET name = name")
            .await
            .unwrap(),
    };
    let started = std::time::Instant::now();
    let response = priya
        .post_json(
            "/graphql",
            &json!({ "query": RECORD, "variables": { "input": group_input(&[tom]) } }),
        )
        .await;
    let waited = started.elapsed();
    assert_eq!(response.status().as_u16(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), Some("TIMEOUT"), "{body}");
    assert!(
        waited < Duration::from_secs(4),
        "stopped at the limit, not when the database let go: {waited:?}"
    );
    blocker.rollback().await.unwrap();

    // Give a save that carried on regardless time to land; none does.
    tokio::time::sleep(Duration::from_secs(5)).await;
    assert_eq!(
        app.count("supervision").await,
        before,
        "nothing was written"
    );
    let again = record_group(&priya, &[tom]).await;
    assert!(!again.is_nil(), "tried again, it saves");
    assert_eq!(app.count("supervision").await, before + 1);
    app.stop().await;
}

#[tokio::test]
async fn organisation_wide_reports_take_turns_and_one_without_a_turn_is_told_busy() {
    let app = TestApp::spawn_with(&[("SUPERVISION_HEAVY_REPORTS", "1")]).await;
    let helen = app.sign_in(HELEN).await;
    let units = helen.gql("{ myReportUnits { unitId } }", json!({})).await;
    let division = units["data"]["myReportUnits"][0]["unitId"].clone();
    let trend = |client: &Client| {
        let client = client.clone();
        let division = division.clone();
        async move {
            client
                .gql(
                    "query($u: UUID!) { complianceTrend(unitId: $u) { asAt } }",
                    json!({ "u": division }),
                )
                .await
        }
    };

    let turn = app.heavy_reports.turn().await.unwrap();
    let body = trend(&helen).await;
    assert_eq!(error_code(&body), Some("BUSY"), "{body}");
    let csv = helen
        .http
        .get(format!(
            "{}/reports/compliance.csv?unit={}",
            app.base,
            division.as_str().unwrap()
        ))
        .header("x-requested-with", "supervision")
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status().as_u16(), 503);
    let csv: serde_json::Value = csv.json().await.unwrap();
    assert_eq!(csv["code"], "BUSY");
    // Other requests are not held up meanwhile.
    let me = helen.gql(ME, json!({})).await;
    assert_eq!(me["data"]["me"]["name"], "Helen Carter");

    drop(turn);
    let body = trend(&helen).await;
    assert_eq!(
        body["data"]["complianceTrend"].as_array().map(Vec::len),
        Some(12),
        "{body}"
    );
    app.stop().await;
}
