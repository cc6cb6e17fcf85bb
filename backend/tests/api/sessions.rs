//! Sessions live in the database (F1.4): they survive a restart of the
//! server, and the development sign-in does not exist when it is off.

use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn a_session_survives_a_server_restart() {
    let app = TestApp::spawn().await;
    let tom = app.sign_in(TOM).await;
    let url = app.database_url.clone();
    app.stop().await;

    let restarted = TestApp::start(&url, &[]).await;
    let body = tom
        .against(&restarted.base)
        .gql("{ me { name } }", json!({}))
        .await;
    assert_eq!(body["data"]["me"]["name"], "Tom Reed");
    restarted.stop().await;
}

#[tokio::test]
async fn restarting_does_not_seed_twice() {
    let app = TestApp::spawn().await;
    let staff = app.count("staff").await;
    let records = app.count("supervision").await;
    assert!(
        staff >= 200 && records > 1000,
        "the demo is a realistic size: {staff} staff, {records} records"
    );
    let url = app.database_url.clone();
    app.stop().await;
    let restarted = TestApp::start(&url, &[]).await;
    assert_eq!(restarted.count("staff").await, staff);
    assert_eq!(restarted.count("supervision").await, records);
    restarted.stop().await;
}

#[tokio::test]
async fn the_development_sign_in_is_absent_when_switched_off() {
    let app = TestApp::spawn_with(&[("SUPERVISION_DEV_SIGNIN", "false")]).await;
    let client = app.anonymous();
    let tom_id = app.staff_id(TOM).await;
    let response = client
        .post_json("/auth/dev/signin", &json!({ "staffId": tom_id }))
        .await;
    assert_ne!(response.status(), 204);
    let body = client.gql("{ me { name } }", json!({})).await;
    assert_eq!(error_code(&body), Some("UNAUTHENTICATED"));
    app.stop().await;
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site() {
    let app = TestApp::spawn().await;
    let client = app.anonymous();
    let tom_id = app.staff_id(TOM).await;
    let response = client
        .post_json("/auth/dev/signin", &json!({ "staffId": tom_id }))
        .await;
    let cookie = response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    app.stop().await;
}
