//! The relying party's refusals, after the OpenID Foundation's Basic RP test
//! list: a small signing issuer inside the test hands out ID tokens that are
//! wrong in one way each. Every one is refused and no session is created; a
//! correct token signs in, including one signed with a key the provider has
//! rotated to since the server started.

use std::sync::{Arc, Mutex};

use axum::Json;
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openidconnect::core::{CoreJsonWebKey, CoreJwsSigningAlgorithm, CoreRsaPrivateSigningKey};
use openidconnect::{JsonWebKeyId, PrivateSigningKey};
use serde_json::{Value, json};

use crate::helpers::*;

const CLIENT_ID: &str = "supervision";

fn key(name: &str, kid: &str) -> CoreRsaPrivateSigningKey {
    let pem = match name {
        "first" => include_str!("keys/first.pem"),
        "second" => include_str!("keys/second.pem"),
        _ => include_str!("keys/attacker.pem"),
    };
    CoreRsaPrivateSigningKey::from_pem(pem, Some(JsonWebKeyId::new(kid.to_owned()))).unwrap()
}

/// A JWS over any header and payload, so tokens can be wrong in any way.
fn jws(header: &Value, payload: &Value, signer: Option<&CoreRsaPrivateSigningKey>) -> String {
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    );
    let signature = signer
        .map(|k| {
            k.sign(
                &CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                signing_input.as_bytes(),
            )
            .unwrap()
        })
        .unwrap_or_default();
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

#[derive(Default)]
struct IssuerState {
    keys: Mutex<Vec<CoreJsonWebKey>>,
    next_id_token: Mutex<String>,
}

struct TestIssuer {
    url: String,
    state: Arc<IssuerState>,
}

impl TestIssuer {
    async fn start(keys: Vec<CoreJsonWebKey>) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let state = Arc::new(IssuerState::default());
        *state.keys.lock().unwrap() = keys;
        let document = json!({
            "issuer": url,
            "authorization_endpoint": format!("{url}/authorize"),
            "token_endpoint": format!("{url}/token"),
            "jwks_uri": format!("{url}/jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
        });
        let (jwks_state, token_state) = (state.clone(), state.clone());
        let app = axum::Router::new()
            .route("/.well-known/openid-configuration", get(move || async move { Json(document) }))
            .route(
                "/jwks",
                get(move || async move { Json(json!({ "keys": *jwks_state.keys.lock().unwrap() })) }),
            )
            .route(
                "/token",
                post(move || async move {
                    let id_token = token_state.next_id_token.lock().unwrap().clone();
                    Json(json!({ "access_token": "at", "token_type": "Bearer", "expires_in": 300, "id_token": id_token }))
                }),
            );
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { url, state }
    }

    fn claims(&self, nonce: &str) -> Value {
        let now = chrono::Utc::now().timestamp();
        json!({
            "iss": self.url, "aud": [CLIENT_ID], "sub": "subject-of-tom",
            "email": TOM, "email_verified": true,
            "iat": now, "exp": now + 300, "nonce": nonce,
        })
    }
}

struct Attempt {
    status: u16,
    me: Value,
}

/// Signs in through the test issuer, which answers the code with the token
/// `make` builds from the nonce the server sent.
async fn attempt(app: &TestApp, issuer: &TestIssuer, make: impl FnOnce(&str) -> String) -> Attempt {
    attempt_asking("{ me { name } }", app, issuer, make).await
}

/// `attempt`, then asks the API `query` as the browser that signed in.
async fn attempt_asking(
    query_after: &str,
    app: &TestApp,
    issuer: &TestIssuer,
    make: impl FnOnce(&str) -> String,
) -> Attempt {
    let (browser, redirect) = begin_sign_in(app).await;
    *issuer.state.next_id_token.lock().unwrap() = make(&redirect.nonce);
    let callback = finish_sign_in(app, &browser, &redirect).await;
    let me = browser.gql(query_after, json!({})).await;
    Attempt {
        status: callback.status().as_u16(),
        me,
    }
}

/// What the server put in its redirect to the provider.
struct ToProvider {
    state: String,
    nonce: String,
    /// The session cookie set with the pending login.
    cookie: Option<String>,
}

/// The session cookie's value in a response, if it sets one.
fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| {
            c.strip_prefix("supervision_session=")
                .and_then(|rest| rest.split(';').next())
                .map(str::to_owned)
        })
}

/// A fresh browser starts sign-in; the server redirects it to the provider.
async fn begin_sign_in(app: &TestApp) -> (Client, ToProvider) {
    let browser = app.anonymous();
    let redirect = browser
        .http
        .get(format!("{}/signin", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(redirect.status(), 303);
    let location = url::Url::parse(redirect.headers()["location"].to_str().unwrap()).unwrap();
    let query: std::collections::HashMap<String, String> =
        location.query_pairs().into_owned().collect();
    let to_provider = ToProvider {
        state: query["state"].clone(),
        nonce: query["nonce"].clone(),
        cookie: session_cookie(&redirect),
    };
    (browser, to_provider)
}

/// The provider sends the browser back with a code (answered by the test
/// issuer's prepared token).
async fn finish_sign_in(
    app: &TestApp,
    browser: &Client,
    to_provider: &ToProvider,
) -> reqwest::Response {
    browser
        .http
        .get(format!(
            "{}/auth/callback?code=the-code&state={}",
            app.base, to_provider.state
        ))
        .send()
        .await
        .unwrap()
}

async fn app_for(issuer: &TestIssuer) -> TestApp {
    app_with(issuer, &[]).await
}

async fn app_with(issuer: &TestIssuer, extra: &[(&str, &str)]) -> TestApp {
    let mut settings = vec![
        ("SUPERVISION_OIDC_ISSUER", issuer.url.as_str()),
        ("SUPERVISION_OIDC_CLIENT_ID", CLIENT_ID),
        ("SUPERVISION_OIDC_CLIENT_SECRET", "secret"),
    ];
    settings.extend_from_slice(extra);
    let app = TestApp::spawn_with(&settings).await;
    app.wait_until_ready().await;
    app
}

fn rs256(kid: &str) -> Value {
    json!({ "alg": "RS256", "typ": "JWT", "kid": kid })
}

#[tokio::test]
async fn every_malformed_or_misdirected_id_token_is_refused_and_a_good_one_signs_in() {
    let first = key("first", "first");
    let issuer = TestIssuer::start(vec![first.as_verification_key()]).await;
    let app = app_for(&issuer).await;
    let attacker = key("attacker", "first");
    let unknown = key("attacker", "unknown");
    // Borrowed from here on, so every case's closure can share them.
    let (issuer, first) = (&issuer, &first);

    type Make<'a> = Box<dyn FnOnce(&str) -> String + 'a>;
    let with = |change: fn(&mut Value)| -> Make<'_> {
        Box::new(move |nonce: &str| {
            let mut claims = issuer.claims(nonce);
            change(&mut claims);
            jws(&rs256("first"), &claims, Some(first))
        })
    };
    let cases: Vec<(&str, Make<'_>)> = vec![
        (
            "wrong issuer",
            with(|c| c["iss"] = json!("http://127.0.0.1:1")),
        ),
        (
            "wrong audience",
            with(|c| c["aud"] = json!(["someone-else"])),
        ),
        (
            "several audiences, no azp",
            with(|c| c["aud"] = json!([CLIENT_ID, "someone-else"])),
        ),
        (
            "missing sub",
            with(|c| {
                c.as_object_mut().unwrap().remove("sub");
            }),
        ),
        (
            "missing iat",
            with(|c| {
                c.as_object_mut().unwrap().remove("iat");
            }),
        ),
        (
            "expired",
            with(|c| c["exp"] = json!(chrono::Utc::now().timestamp() - 60)),
        ),
        (
            "issued in the future",
            with(|c| c["iat"] = json!(chrono::Utc::now().timestamp() + 3600)),
        ),
        (
            "nonce mismatch",
            with(|c| c["nonce"] = json!("not-the-nonce-we-sent")),
        ),
        (
            "bad signature",
            Box::new(|nonce: &str| jws(&rs256("first"), &issuer.claims(nonce), Some(&attacker))),
        ),
        (
            "alg none",
            Box::new(|nonce: &str| jws(&json!({ "alg": "none" }), &issuer.claims(nonce), None)),
        ),
        (
            "HS256 keyed with the public key",
            Box::new(|nonce: &str| {
                let header = json!({ "alg": "HS256", "kid": "first" });
                let input = format!(
                    "{}.{}",
                    URL_SAFE_NO_PAD.encode(header.to_string()),
                    URL_SAFE_NO_PAD.encode(issuer.claims(nonce).to_string())
                );
                let public = serde_json::to_vec(&first.as_verification_key()).unwrap();
                let hmac = openidconnect::core::CoreHmacKey::new(public);
                let signature = hmac
                    .sign(&CoreJwsSigningAlgorithm::HmacSha256, input.as_bytes())
                    .unwrap();
                format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
            }),
        ),
        (
            "unknown kid, one key published",
            Box::new(|nonce: &str| jws(&rs256("unknown"), &issuer.claims(nonce), Some(&unknown))),
        ),
    ];
    let refusals = cases.len() as i64;
    for (what, make) in cases {
        let outcome = attempt(&app, issuer, make).await;
        assert_eq!(outcome.status, 400, "{what} is refused");
        assert_eq!(
            error_code(&outcome.me),
            Some("UNAUTHENTICATED"),
            "{what} creates no session"
        );
    }
    assert_eq!(
        app.count("audit_event WHERE action LIKE 'auth.%'").await,
        0,
        "nobody signed in"
    );
    assert_eq!(
        app.count("sign_in_failure").await,
        refusals,
        "every failure is recorded: when, from where, why"
    );

    let good = attempt(&app, issuer, |nonce| {
        jws(&rs256("first"), &issuer.claims(nonce), Some(first))
    })
    .await;
    assert_eq!(good.status, 303);
    assert_eq!(good.me["data"]["me"]["name"], "Tom Reed");
    app.stop().await;
}

#[tokio::test]
async fn an_unknown_kid_is_refused_when_several_keys_are_published() {
    let (first, second) = (key("first", "first"), key("second", "second"));
    let issuer = TestIssuer::start(vec![
        first.as_verification_key(),
        second.as_verification_key(),
    ])
    .await;
    let app = app_for(&issuer).await;
    let unknown = key("attacker", "unknown");
    let outcome = attempt(&app, &issuer, |nonce| {
        jws(&rs256("unknown"), &issuer.claims(nonce), Some(&unknown))
    })
    .await;
    assert_eq!(outcome.status, 400);
    assert_eq!(error_code(&outcome.me), Some("UNAUTHENTICATED"));
    let good = attempt(&app, &issuer, |nonce| {
        jws(&rs256("second"), &issuer.claims(nonce), Some(&second))
    })
    .await;
    assert_eq!(
        good.me["data"]["me"]["name"], "Tom Reed",
        "a published key's signature is accepted"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_key_rotated_at_the_provider_is_picked_up_without_a_restart() {
    let first = key("first", "first");
    let issuer = TestIssuer::start(vec![first.as_verification_key()]).await;
    let app = app_for(&issuer).await;
    // The provider rotates: only the new key is published from now on.
    let rotated = key("second", "rotated");
    *issuer.state.keys.lock().unwrap() = vec![rotated.as_verification_key()];
    let outcome = attempt(&app, &issuer, |nonce| {
        jws(&rs256("rotated"), &issuer.claims(nonce), Some(&rotated))
    })
    .await;
    assert_eq!(outcome.status, 303, "signed in with the rotated key");
    assert_eq!(outcome.me["data"]["me"]["name"], "Tom Reed");
    app.stop().await;
}

fn logout_claims(issuer: &TestIssuer) -> Value {
    json!({
        "iss": issuer.url, "aud": CLIENT_ID, "iat": chrono::Utc::now().timestamp(),
        "jti": "logout-1", "sid": "provider-session-1",
        "events": { "http://schemas.openid.net/event/backchannel-logout": {} },
    })
}

async fn post_logout(app: &TestApp, token: &str) -> u16 {
    reqwest::Client::new()
        .post(format!("{}/auth/backchannel-logout", app.base))
        .form(&[("logout_token", token)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_valid_back_channel_logout_ends_the_session_and_a_forged_one_does_not() {
    let first = key("first", "first");
    let issuer = TestIssuer::start(vec![first.as_verification_key()]).await;
    let app = app_for(&issuer).await;
    // Sign in with an ID token that names the provider's session.
    let (browser, to_provider) = begin_sign_in(&app).await;
    let mut claims = issuer.claims(&to_provider.nonce);
    claims["sid"] = json!("provider-session-1");
    *issuer.state.next_id_token.lock().unwrap() = jws(&rs256("first"), &claims, Some(&first));
    finish_sign_in(&app, &browser, &to_provider).await;
    let signed_in = |body: Value| body["data"]["me"]["name"] == "Tom Reed";
    assert!(signed_in(browser.gql("{ me { name } }", json!({})).await));

    let logout_header = json!({ "alg": "RS256", "typ": "logout+jwt", "kid": "first" });
    let attacker = key("attacker", "first");
    let forged: Vec<(&str, String)> = vec![
        (
            "no typ",
            jws(&rs256("first"), &logout_claims(&issuer), Some(&first)),
        ),
        ("a nonce", {
            let mut c = logout_claims(&issuer);
            c["nonce"] = json!("n");
            jws(&logout_header, &c, Some(&first))
        }),
        ("no events", {
            let mut c = logout_claims(&issuer);
            c.as_object_mut().unwrap().remove("events");
            jws(&logout_header, &c, Some(&first))
        }),
        ("wrong audience", {
            let mut c = logout_claims(&issuer);
            c["aud"] = json!("someone-else");
            jws(&logout_header, &c, Some(&first))
        }),
        ("wrong issuer", {
            let mut c = logout_claims(&issuer);
            c["iss"] = json!("http://127.0.0.1:1");
            jws(&logout_header, &c, Some(&first))
        }),
        (
            "bad signature",
            jws(&logout_header, &logout_claims(&issuer), Some(&attacker)),
        ),
        (
            "alg none",
            jws(
                &json!({ "alg": "none", "typ": "logout+jwt" }),
                &logout_claims(&issuer),
                None,
            ),
        ),
    ];
    for (what, token) in forged {
        assert_eq!(post_logout(&app, &token).await, 400, "{what} is refused");
        assert!(
            signed_in(browser.gql("{ me { name } }", json!({})).await),
            "{what} ends nothing"
        );
    }

    let genuine = jws(&logout_header, &logout_claims(&issuer), Some(&first));
    assert_eq!(post_logout(&app, &genuine).await, 200);
    let body = browser.gql("{ me { name } }", json!({})).await;
    assert_eq!(
        error_code(&body),
        Some("UNAUTHENTICATED"),
        "the session has ended"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_mapped_group_claim_grants_its_role_and_nothing_else() {
    let first = key("first", "first");
    let issuer = TestIssuer::start(vec![first.as_verification_key()]).await;
    let app = app_with(
        &issuer,
        &[("SUPERVISION_OIDC_ROLE_MAP", "Supervision Auditors=auditor")],
    )
    .await;
    let with_groups = |groups: Value| {
        let (issuer, first) = (&issuer, &first);
        move |nonce: &str| {
            let mut claims = issuer.claims(nonce);
            claims["groups"] = groups;
            jws(&rs256("first"), &claims, Some(first))
        }
    };
    let roles = |outcome: &Attempt| -> Vec<String> {
        serde_json::from_value(outcome.me["data"]["me"]["roles"].clone()).unwrap_or_default()
    };
    let auditor = attempt_asking(
        "{ me { name roles } }",
        &app,
        &issuer,
        with_groups(json!(["Everyone", "Supervision Auditors"])),
    )
    .await;
    assert!(
        roles(&auditor).contains(&"AUDITOR".to_owned()),
        "{:?}",
        auditor.me
    );
    let plain = attempt_asking(
        "{ me { name roles } }",
        &app,
        &issuer,
        with_groups(json!(["Everyone", "System Admins"])),
    )
    .await;
    assert!(!roles(&plain).contains(&"AUDITOR".to_owned()));
    assert!(
        !roles(&plain).contains(&"SYSTEM_ADMIN".to_owned()),
        "unmapped groups grant nothing"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_leaver_is_refused_with_the_not_set_up_page_and_the_refusal_is_audited() {
    let first = key("first", "first");
    let issuer = TestIssuer::start(vec![first.as_verification_key()]).await;
    let app = app_for(&issuer).await;
    let leaver_email = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        backend::entity::staff::Entity::find()
            .filter(backend::entity::staff::Column::Status.eq("leaver"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .email
    };
    let outcome = attempt(&app, &issuer, |nonce| {
        let mut claims = issuer.claims(nonce);
        claims["email"] = json!(leaver_email);
        jws(&rs256("first"), &claims, Some(&first))
    })
    .await;
    assert_eq!(outcome.status, 403, "the not-set-up page");
    assert_eq!(error_code(&outcome.me), Some("UNAUTHENTICATED"));
    let refusals = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        backend::entity::audit_event::Entity::find()
            .filter(backend::entity::audit_event::Column::Action.eq("auth.sign_in_refused"))
            .all(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(refusals.len(), 1);
    assert!(
        refusals[0].detail.contains("127.0.0.1"),
        "from where: {}",
        refusals[0].detail
    );
    app.stop().await;
}

#[tokio::test]
async fn the_session_id_changes_at_sign_in() {
    let first = key("first", "first");
    let issuer = TestIssuer::start(vec![first.as_verification_key()]).await;
    let app = app_for(&issuer).await;
    let (browser, to_provider) = begin_sign_in(&app).await;
    let before = to_provider
        .cookie
        .clone()
        .expect("the pending login lives in a session");
    *issuer.state.next_id_token.lock().unwrap() = jws(
        &rs256("first"),
        &issuer.claims(&to_provider.nonce),
        Some(&first),
    );
    let callback = finish_sign_in(&app, &browser, &to_provider).await;
    assert_eq!(callback.status(), 303);
    let after = session_cookie(&callback).expect("a new session cookie at sign-in");
    assert_ne!(
        before, after,
        "an id planted before sign-in is worthless after it"
    );
    app.stop().await;
}

#[tokio::test]
async fn first_sign_in_can_match_by_an_employee_number_claim_and_then_by_sub() {
    let first = key("first", "first");
    let issuer = TestIssuer::start(vec![first.as_verification_key()]).await;
    let app = app_with(
        &issuer,
        &[("SUPERVISION_OIDC_MATCH_CLAIM", "employee_number:esr_number")],
    )
    .await;
    let aisha_number = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        backend::entity::staff::Entity::find()
            .filter(backend::entity::staff::Column::Email.eq(AISHA))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .employee_number
    };
    let token = |esr: Option<String>| {
        let (issuer, first) = (&issuer, &first);
        move |nonce: &str| {
            let mut claims = issuer.claims(nonce);
            claims["sub"] = json!("subject-of-aisha");
            claims.as_object_mut().unwrap().remove("email");
            if let Some(esr) = esr {
                claims["esr_number"] = json!(esr);
            }
            jws(&rs256("first"), &claims, Some(first))
        }
    };
    let by_number = attempt(&app, &issuer, token(Some(aisha_number))).await;
    assert_eq!(by_number.me["data"]["me"]["name"], "Aisha Khan");
    let by_sub = attempt(&app, &issuer, token(None)).await;
    assert_eq!(
        by_sub.me["data"]["me"]["name"], "Aisha Khan",
        "the sub is remembered"
    );
    app.stop().await;
}

#[tokio::test]
async fn an_email_in_two_organisations_signs_nobody_in_rather_than_the_wrong_one() {
    use sea_orm::{ActiveModelTrait, Set};
    let first = key("first", "first");
    let issuer = TestIssuer::start(vec![first.as_verification_key()]).await;
    let app = app_for(&issuer).await;
    // Tom also works for another organisation on this deployment, with the
    // same email (bank shifts).
    let other = app.organisation("Riverside").await;
    let twin = other.person("Tom Reed").create().await;
    let mut row: backend::entity::staff::ActiveModel =
        <backend::entity::staff::Entity as sea_orm::EntityTrait>::find_by_id(twin.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
    row.email = Set(TOM.to_owned());
    row.update(&app.db).await.unwrap();

    let outcome = attempt(&app, &issuer, |nonce| {
        jws(&rs256("first"), &issuer.claims(nonce), Some(&first))
    })
    .await;
    assert_eq!(outcome.status, 403, "the not-set-up page, not a guess");
    assert_eq!(error_code(&outcome.me), Some("UNAUTHENTICATED"));
    app.stop().await;
}

#[tokio::test]
async fn each_organisations_sign_in_settings_decide_which_of_two_namesakes_signs_in() {
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let first = key("first", "first");
    let issuer = TestIssuer::start(vec![first.as_verification_key()]).await;
    let app = app_for(&issuer).await;
    // Tom works for two organisations on this deployment with one email;
    // each signs in from its own tenant.
    let other = app.organisation("Riverside").await;
    let twin = other.person("Tom Reed").create().await;
    let mut row: backend::entity::staff::ActiveModel =
        backend::entity::staff::Entity::find_by_id(twin.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .into();
    row.email = Set(TOM.to_owned());
    row.update(&app.db).await.unwrap();
    let northfield = backend::entity::staff::Entity::find_by_id(app.staff_id(TOM).await)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    for (organisation, tenant) in [
        (northfield, "tenant-northfield"),
        (other.id, "tenant-riverside"),
    ] {
        backend::entity::organisation::ActiveModel {
            id: Set(organisation),
            identity_tenant: Set(Some(tenant.to_owned())),
            ..Default::default()
        }
        .update(&app.db)
        .await
        .unwrap();
    }
    let signing_in_from = |tenant: Option<&'static str>| {
        let (issuer, first, app) = (&issuer, &first, &app);
        async move {
            attempt_asking("{ me { id organisationName } }", app, issuer, |nonce| {
                let mut claims = issuer.claims(nonce);
                if let Some(tenant) = tenant {
                    claims["tid"] = json!(tenant);
                }
                jws(&rs256("first"), &claims, Some(first))
            })
            .await
        }
    };

    let riverside = signing_in_from(Some("tenant-riverside")).await;
    assert_eq!(
        riverside.me["data"]["me"]["id"],
        json!(twin.id),
        "{}",
        riverside.me
    );
    // No tenant claim: neither organisation admits it.
    let neither = signing_in_from(None).await;
    assert_eq!(neither.status, 403);
    assert_eq!(error_code(&neither.me), Some("UNAUTHENTICATED"));
    // Tom's Northfield account, from Northfield's tenant.
    let home = signing_in_from(Some("tenant-northfield")).await;
    assert_eq!(
        home.me["data"]["me"]["organisationName"], "Northfield Health and Care NHS Trust",
        "{}",
        home.me
    );
    app.stop().await;
}
