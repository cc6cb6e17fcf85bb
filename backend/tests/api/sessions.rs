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

#[tokio::test]
async fn two_server_processes_on_one_database_share_sessions() {
    let first = TestApp::spawn().await;
    let second = TestApp::start(&first.database_url, &[]).await;
    let tom = first.sign_in(TOM).await;
    let body = tom
        .against(&second.base)
        .gql("{ me { name } }", json!({}))
        .await;
    assert_eq!(
        body["data"]["me"]["name"], "Tom Reed",
        "signed in on one, recognised by the other"
    );
    tom.against(&second.base)
        .post_json("/auth/signout", &json!({}))
        .await;
    let body = tom.gql("{ me { name } }", json!({})).await;
    assert_eq!(
        error_code(&body),
        Some("UNAUTHENTICATED"),
        "signed out on the other, out here too"
    );
    second.stop().await;
    first.stop().await;
}

#[tokio::test]
async fn a_session_unused_for_the_idle_time_out_ends() {
    let app = TestApp::spawn_with(&[("SUPERVISION_SESSION_IDLE_SECONDS", "10")]).await;
    let tom = app.sign_in(TOM).await;
    let status: serde_json::Value = tom
        .http
        .get(format!("{}/auth/session", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        status,
        json!({ "signedIn": true, "idleTimeoutSeconds": 10, "warningSeconds": 5 })
    );
    tokio::time::sleep(std::time::Duration::from_secs(11)).await;
    let body = tom.gql("{ me { name } }", json!({})).await;
    assert_eq!(error_code(&body), Some("UNAUTHENTICATED"));

    // The clean-up task removes it, and the end is audited.
    use tower_sessions::session_store::ExpiredDeletion;
    backend::auth::session_store::DbSessionStore::new(app.db.clone())
        .delete_expired()
        .await
        .unwrap();
    assert_eq!(app.count("session").await, 0);
    let ends = {
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        backend::entity::audit_event::Entity::find()
            .filter(backend::entity::audit_event::Column::Action.eq("auth.session_end"))
            .count(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(ends, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_session_ends_at_the_absolute_time_out_however_busy() {
    use backend::entity::session;
    use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
    let app = TestApp::spawn().await;
    let tom = app.sign_in(TOM).await;
    assert!(tom.gql("{ me { name } }", json!({})).await["errors"].is_null());
    // Move the sign-in thirteen hours into the past (the default limit is 12).
    let row = session::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .expect("a session row");
    let mut data: serde_json::Value = serde_json::from_str(&row.data).unwrap();
    let thirteen_hours_ago = chrono::Utc::now().timestamp() - 13 * 3600;
    data["signed_in"]["signed_in_at"] = json!(thirteen_hours_ago);
    let mut active = row.into_active_model();
    active.data = Set(data.to_string());
    active.update(&app.db).await.unwrap();
    let body = tom.gql("{ me { name } }", json!({})).await;
    assert_eq!(error_code(&body), Some("UNAUTHENTICATED"));
    app.stop().await;
}

/// A request still in flight when the person signs out answers after the
/// session was deleted, and saves its copy of the session as it does: that
/// must not bring the session back (it did, signed in, once in CI).
#[tokio::test]
async fn a_session_saved_after_it_ended_stays_ended() {
    use backend::auth::session_store::DbSessionStore;
    use tower_sessions::session::{Id, Record};
    use tower_sessions::session_store::SessionStore;
    let app = TestApp::spawn().await;
    let store = DbSessionStore::new(app.db.clone());
    let mut record = Record {
        id: Id::default(),
        data: Default::default(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
    };
    store.create(&mut record).await.unwrap();
    record.data.insert("seen".into(), json!(1));
    store.save(&record).await.unwrap();
    assert_eq!(
        store
            .load(&record.id)
            .await
            .unwrap()
            .map(|r| r.data["seen"].clone()),
        Some(json!(1)),
        "a live session is updated"
    );

    store.delete(&record.id).await.unwrap();
    store.save(&record).await.unwrap();
    assert!(
        store.load(&record.id).await.unwrap().is_none(),
        "signed out stays signed out"
    );
    app.stop().await;
}

/// Issue 19: a request no longer writes its session's row just to push the
/// idle deadline back by a second. The row is written once the deadline has
/// moved on by a twentieth of the idle time-out (here 5 of 100 seconds),
/// and the browser is told the time-out less that much, so its count never
/// outlasts the session.
#[tokio::test]
async fn a_request_writes_the_session_only_once_its_deadline_has_moved_on_enough() {
    use backend::entity::session;
    use sea_orm::EntityTrait;
    let app = TestApp::spawn_with(&[("SUPERVISION_SESSION_IDLE_SECONDS", "100")]).await;
    let tom = app.sign_in(TOM).await;
    let deadline = || async {
        let rows = session::Entity::find().all(&app.db).await.unwrap();
        assert_eq!(rows.len(), 1);
        rows[0].expires_at
    };
    let signed_in = deadline().await;
    let status = || async {
        tom.http
            .get(format!("{}/auth/session", app.base))
            .send()
            .await
            .unwrap()
            .json::<serde_json::Value>()
            .await
            .unwrap()
    };
    assert_eq!(
        status().await,
        json!({ "signedIn": true, "idleTimeoutSeconds": 95, "warningSeconds": 47 })
    );
    for _ in 0..5 {
        let body = tom.gql("{ me { name } }", json!({})).await;
        assert_eq!(body["data"]["me"]["name"], "Tom Reed");
    }
    assert_eq!(
        deadline().await,
        signed_in,
        "not written for a second's move"
    );

    tokio::time::sleep(std::time::Duration::from_millis(5500)).await;
    tom.gql("{ me { name } }", json!({})).await;
    let later = deadline().await;
    assert!(
        later >= signed_in + chrono::Duration::seconds(5),
        "written once it had moved on: {signed_in} then {later}"
    );
    app.stop().await;
}
