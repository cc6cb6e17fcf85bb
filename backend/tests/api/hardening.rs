//! Limits on what one request can ask of the server, and what production
//! hides from strangers.

use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn batched_operations_are_refused() {
    let app = TestApp::spawn().await;
    let tom = app.sign_in(TOM).await;
    let batch = json!([{ "query": "{ me { name } }" }, { "query": "{ me { name } }" }]);
    let response = tom.post_json("/graphql", &batch).await;
    assert_eq!(response.status(), 400);
    app.stop().await;
}

#[tokio::test]
async fn an_oversized_body_is_refused_before_it_is_read() {
    let app = TestApp::spawn().await;
    let tom = app.sign_in(TOM).await;
    let huge = json!({ "query": "{ me { name } }", "variables": { "padding": "x".repeat(2 * 1024 * 1024) } });
    let response = tom.post_json("/graphql", &huge).await;
    assert_eq!(response.status(), 413);
    app.stop().await;
}

#[tokio::test]
async fn a_query_that_asks_too_much_is_refused() {
    let app = TestApp::spawn().await;
    let tom = app.sign_in(TOM).await;
    let fields: String = (0..1100).map(|i| format!("a{i}: me {{ name }} ")).collect();
    let body = tom.gql(&format!("{{ {fields} }}"), json!({})).await;
    assert!(body["data"].is_null(), "nothing is computed");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("complex"),
        "{}",
        body["errors"][0]
    );
    app.stop().await;
}

#[tokio::test]
async fn production_hides_the_schema_and_makes_no_suggestions() {
    let config = config(
        "sqlite::memory:",
        &[
            ("SUPERVISION_ENV", "production"),
            (
                "SUPERVISION_PUBLIC_URL",
                "https://supervision.example.nhs.uk",
            ),
            ("SUPERVISION_OIDC_ISSUER", "https://login.example.nhs.uk"),
            ("SUPERVISION_OIDC_CLIENT_ID", "supervision"),
            ("SUPERVISION_DEV_SIGNIN", "false"),
        ],
    );
    let db = sea_orm::Database::connect("sqlite::memory:").await.unwrap();
    let schema = backend::graphql::build_schema(
        db,
        &config,
        crate::helpers::attachment_store(),
        backend::web::limits::HeavyReports::new(1),
    );
    let introspection = schema.execute("{ __schema { types { name } } }").await;
    let answer = serde_json::to_string(&introspection.data).unwrap();
    assert!(
        !answer.contains("Supervision"),
        "introspection is off in production: {answer}"
    );
    let typo = schema.execute("{ mee { name } }").await;
    let message = &typo.errors[0].message;
    assert!(
        !message.contains("Did you mean"),
        "no suggestions: {message}"
    );

    let development = backend::graphql::build_schema(
        sea_orm::Database::connect("sqlite::memory:").await.unwrap(),
        &crate::helpers::config("sqlite::memory:", &[]),
        crate::helpers::attachment_store(),
        backend::web::limits::HeavyReports::new(1),
    );
    let answer = serde_json::to_string(
        &development
            .execute("{ __schema { types { name } } }")
            .await
            .data,
    )
    .unwrap();
    assert!(
        answer.contains("Supervision"),
        "development keeps introspection for the tools"
    );
}

#[tokio::test]
async fn every_error_carries_a_stable_code() {
    let app = TestApp::spawn().await;
    let tom = app.sign_in(TOM).await;
    for query in [
        "{ searchStaff(query: \"x\", limit: 1101723682842) { id } }",
        "{ me { name ",
        "{ noSuchField }",
        "mutation { recordSupervision(input: { kind: LINE_MANAGEMENT, heldOn: \"2026-01-01\", durationMinutes: -452, mode: PHONE, superviseeIds: [] }) { id } }",
    ] {
        let body = tom.gql(query, json!({})).await;
        assert_eq!(error_code(&body), Some("BAD_REQUEST"), "{query}: {body}");
    }
    app.stop().await;
}

/// Every response, the app's files, the API and health checks alike,
/// carries the security headers; Strict-Transport-Security only when the
/// service is served over https.
#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    let http = reqwest::Client::new();
    let requests = [
        http.get(format!("{}/health/live", app.base)),
        http.get(format!(
            "{}/supervisions/00000000-0000-0000-0000-000000000000",
            app.base
        )),
        http.post(format!("{}/graphql", app.base)).body("{}"),
        http.get(format!("{}/auth/session", app.base)),
    ];
    for request in requests {
        let response = request.send().await.unwrap();
        let url = response.url().to_string();
        let headers = response.headers();
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let policy = header("content-security-policy");
        for directive in [
            "script-src 'self' 'wasm-unsafe-eval'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ] {
            assert!(policy.contains(directive), "{url}: {policy}");
        }
        assert_eq!(header("x-content-type-options"), "nosniff", "{url}");
        assert_eq!(header("referrer-policy"), "no-referrer", "{url}");
        assert!(header("permissions-policy").contains("camera=()"), "{url}");
        assert_eq!(header("strict-transport-security"), "", "{url}: plain http");
    }
    app.stop().await;

    let app =
        TestApp::spawn_with(&[("SUPERVISION_PUBLIC_URL", "https://supervision.example")]).await;
    let response = reqwest::get(format!("{}/health/live", app.base))
        .await
        .unwrap();
    assert!(
        response
            .headers()
            .get("strict-transport-security")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("max-age=")),
        "{:?}",
        response.headers()
    );
    app.stop().await;
}

/// Issue 19: a copy of the database or a backup gives nobody a way into a
/// session. Rows are keyed by a hash of the cookie's id; the cookie works,
/// and what is stored does not.
#[tokio::test]
async fn session_ids_are_stored_hashed_so_a_copy_of_the_database_opens_no_session() {
    use sea_orm::EntityTrait;
    use sha2::{Digest, Sha256};
    let app = TestApp::spawn().await;
    let http = reqwest::Client::new();
    let ask_me = |cookie: String| {
        http.post(format!("{}/graphql", app.base))
            .header("cookie", format!("supervision_session={cookie}"))
            .header("x-requested-with", "supervision")
            .json(&json!({ "query": "{ me { name } }" }))
            .send()
    };
    let signed_in = http
        .post(format!("{}/auth/dev/signin", app.base))
        .header("x-requested-with", "supervision")
        .json(&json!({ "staffId": app.staff_id(TOM).await }))
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 204);
    let cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("supervision_session="))
        .and_then(|rest| rest.split(';').next())
        .expect("signed in with a session cookie")
        .to_owned();
    let stored: Vec<String> = backend::entity::session::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    assert!(
        !stored.contains(&cookie),
        "the cookie's id is not in the database"
    );
    let hashed = hex::encode(Sha256::digest(cookie.as_bytes()));
    assert!(
        stored.contains(&hashed),
        "the session is kept under its hash"
    );

    // The cookie signs Tom in; what the database holds does not.
    let me: serde_json::Value = ask_me(cookie).await.unwrap().json().await.unwrap();
    assert_eq!(me["data"]["me"]["name"], "Tom Reed", "{me}");
    for presented in stored {
        let body: serde_json::Value = ask_me(presented).await.unwrap().json().await.unwrap();
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{body}"
        );
    }
    app.stop().await;
}

/// Issue 19: every answer names its request, so the reference a person
/// quotes (or the header a support tool shows) finds the request's log line.
#[tokio::test]
async fn every_answer_carries_its_own_request_id() {
    let app = TestApp::spawn().await;
    let tom = app.sign_in(TOM).await;
    let mut seen = Vec::new();
    for _ in 0..2 {
        let answer = tom
            .post_json("/graphql", &json!({ "query": "{ me { name } }" }))
            .await;
        let id = answer.headers()["x-request-id"]
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(id.len(), 12, "{id}");
        assert!(id.chars().all(|c| c.is_ascii_hexdigit()), "{id}");
        seen.push(id);
    }
    let live = reqwest::get(format!("{}/health/live", app.base))
        .await
        .unwrap();
    seen.push(live.headers()["x-request-id"].to_str().unwrap().to_owned());
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 3, "one id per request");
    app.stop().await;
}
