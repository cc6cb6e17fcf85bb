//! Single sign-on, as far as it can be seen without a browser: the redirect
//! to the provider carries PKCE (S256), state and nonce; a callback that does
//! not match a pending login creates no session; an unreachable provider does
//! not stop the server; session cookies are `__Host-` and Secure over HTTPS.
//! The full round trip runs in Chromium against a real provider (e2e/sso).

use axum::Json;
use axum::routing::get;
use serde_json::json;

use crate::helpers::*;

/// A provider that answers discovery only: enough to start sign-in.
async fn discovery_only_provider() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let issuer = format!("http://{}", listener.local_addr().unwrap());
    let document = json!({
        "issuer": issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": format!("{issuer}/token"),
        "jwks_uri": format!("{issuer}/jwks"),
        "end_session_endpoint": format!("{issuer}/logout"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
    });
    let app = axum::Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(move || async move { Json(document) }),
        )
        .route("/jwks", get(|| async { Json(json!({ "keys": [] })) }));
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    issuer
}

fn sso(issuer: &str) -> Vec<(&'static str, String)> {
    vec![
        ("SUPERVISION_OIDC_ISSUER", issuer.to_owned()),
        ("SUPERVISION_OIDC_CLIENT_ID", "supervision".to_owned()),
        ("SUPERVISION_OIDC_CLIENT_SECRET", "secret".to_owned()),
    ]
}

async fn spawn_sso(extra: &[(&'static str, String)]) -> TestApp {
    let pairs: Vec<(&str, &str)> = extra.iter().map(|(k, v)| (*k, v.as_str())).collect();
    TestApp::spawn_with(&pairs).await
}

#[tokio::test]
async fn sign_in_goes_to_the_provider_with_pkce_state_and_nonce() {
    let issuer = discovery_only_provider().await;
    let app = spawn_sso(&sso(&issuer)).await;
    app.wait_until_ready().await;
    let response = app
        .anonymous()
        .http
        .get(format!("{}/signin?return=%2Fsupervisions%2F42", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let location = url::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
    assert!(
        location
            .as_str()
            .starts_with(&format!("{issuer}/authorize"))
    );
    let query: std::collections::HashMap<String, String> =
        location.query_pairs().into_owned().collect();
    assert_eq!(query["code_challenge_method"], "S256");
    assert_eq!(query["response_type"], "code");
    // The public URL (here derived from the bind address) names the callback.
    assert_eq!(query["redirect_uri"], "http://127.0.0.1:0/auth/callback");
    assert!(
        query["state"].len() >= 22 && query["nonce"].len() >= 22,
        "at least 128 bits each"
    );
    assert!(query["code_challenge"].len() >= 43);
    assert!(query["scope"].contains("openid"));
    app.stop().await;
}

#[tokio::test]
async fn a_callback_that_matches_no_pending_login_creates_no_session() {
    let issuer = discovery_only_provider().await;
    let app = spawn_sso(&sso(&issuer)).await;
    app.wait_until_ready().await;
    let browser = app.anonymous();
    let forged = browser
        .http
        .get(format!(
            "{}/auth/callback?code=stolen&state=guess",
            app.base
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 400);

    // A real pending login, answered with the wrong state.
    browser
        .http
        .get(format!("{}/signin", app.base))
        .send()
        .await
        .unwrap();
    let wrong = browser
        .http
        .get(format!("{}/auth/callback?code=x&state=wrong", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 400);
    let body = browser.gql("{ me { name } }", json!({})).await;
    assert_eq!(error_code(&body), Some("UNAUTHENTICATED"));
    assert_eq!(
        app.count("audit_event WHERE action LIKE 'auth.%'").await,
        0,
        "nobody signed in"
    );
    assert_eq!(
        app.count("sign_in_failure").await,
        2,
        "both failures are recorded"
    );
    app.stop().await;
}

#[tokio::test]
async fn an_unreachable_provider_does_not_stop_the_server_starting() {
    // Nothing listens on port 9 of the loopback address.
    let app = spawn_sso(&sso("http://127.0.0.1:9")).await;
    let client = app.anonymous();
    let ready = client
        .http
        .get(format!("{}/health/ready", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        ready.status(),
        503,
        "not ready until the provider is discovered"
    );
    let live = client
        .http
        .get(format!("{}/health/live", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(live.status(), 200);
    let signin = client
        .http
        .get(format!("{}/signin", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(signin.status(), 503);
    app.stop().await;
}

#[tokio::test]
async fn over_https_the_session_cookie_is_host_only_and_secure() {
    let issuer = discovery_only_provider().await;
    let mut settings = sso(&issuer);
    settings.push((
        "SUPERVISION_PUBLIC_URL",
        "https://supervision.example.nhs.uk".to_owned(),
    ));
    let app = spawn_sso(&settings).await;
    app.wait_until_ready().await;
    let response = app
        .anonymous()
        .http
        .get(format!("{}/signin", app.base))
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("__Host-supervision="), "{cookie}");
    for attribute in ["Secure", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attribute), "{attribute} in {cookie}");
    }
    assert!(!cookie.contains("Domain="), "host-only");
    let id = cookie
        .split(';')
        .next()
        .unwrap()
        .trim_start_matches("__Host-supervision=");
    assert!(id.len() >= 22, "at least 128 bits of randomness");
    app.stop().await;
}
