//! Provisioning over SCIM 2.0 (F2.2, F2.4): a real client from PyPI drives
//! the endpoint the way Entra ID does, and the rules it must keep are
//! checked one by one: a token per organisation, nothing of another
//! organisation reachable, a leaver made by `active: false` signed out at
//! once, a manager set from today, roles following group membership, and
//! the last administrator kept.

use std::path::PathBuf;

use backend::entity::{audit_event, staff, staff_role};
use backend::service::scim::token;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

use crate::builders::Organisation;
use crate::helpers::*;

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/// An identity provider holding one organisation's token.
struct Provider {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl Provider {
    async fn for_organisation(app: &TestApp, org: &Organisation<'_>) -> Self {
        let (token, _) = token::create(&app.db, org.id, None, "Entra ID")
            .await
            .expect("make a token");
        Self {
            http: reqwest::Client::new(),
            base: format!("{}/scim/v2", app.base),
            token,
        }
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .http
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request
                .header("content-type", "application/scim+json")
                .body(body.to_string());
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        if status != StatusCode::NO_CONTENT {
            assert_eq!(
                response.headers()["content-type"],
                "application/scim+json",
                "{path}"
            );
        }
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(reqwest::Method::GET, path, None).await
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    async fn patch(&self, path: &str, operations: Value) -> (StatusCode, Value) {
        self.send(
            reqwest::Method::PATCH,
            path,
            Some(json!({ "schemas": [PATCH], "Operations": operations })),
        )
        .await
    }

    /// Creates a user; its id.
    async fn create_user(&self, email: &str, name: &str, extra: Value) -> String {
        let mut body = json!({ "schemas": [USER, ENTERPRISE], "userName": email, "displayName": name, "active": true });
        if let (Some(body), Some(extra)) = (body.as_object_mut(), extra.as_object()) {
            body.extend(extra.clone());
        }
        let (status, user) = self.post("/Users", body).await;
        assert_eq!(status, StatusCode::CREATED, "{user}");
        user["id"].as_str().unwrap().to_owned()
    }
}

async fn person(app: &TestApp, id: uuid::Uuid) -> staff::Model {
    staff::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

async fn people_of(app: &TestApp, organisation: uuid::Uuid) -> u64 {
    staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(organisation))
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_real_scim_client_keeps_the_organisation_in_step() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let provider = Provider::for_organisation(&app, &org).await;
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let python = std::process::Command::new("bash")
        .arg(root.join("scripts/scim-venv.sh"))
        .output()
        .expect("run scripts/scim-venv.sh");
    assert!(
        python.status.success(),
        "scripts/scim-venv.sh failed: {}",
        String::from_utf8_lossy(&python.stderr)
    );
    let python = String::from_utf8(python.stdout).unwrap().trim().to_owned();
    let run = tokio::process::Command::new(python)
        .arg(root.join("e2e/scim/client_check.py"))
        .env("SCIM_URL", &provider.base)
        .env("SCIM_TOKEN", &provider.token)
        .output()
        .await
        .expect("run the SCIM client");
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "the SCIM client found problems:\n{out}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(out.contains(" passed, 0 failed"), "{out}");
    println!("{out}");
    // Every change it made is in the audit log, under its token.
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::OrganisationId.eq(org.id))
        .filter(audit_event::Column::Action.starts_with("scim."))
        .count(&app.db)
        .await
        .unwrap();
    assert!(audited >= 10, "{audited} SCIM changes audited");
    app.stop().await;
}

#[tokio::test]
async fn only_a_live_token_of_the_organisation_gets_in_and_sees_only_its_own_people() {
    let app = TestApp::spawn().await;
    let riverside = app.organisation("Riverside").await;
    let hillside = app.organisation("Hillside").await;
    let tom = hillside.person("Tom Reed").create().await;
    let provider = Provider::for_organisation(&app, &riverside).await;

    // Another organisation's person is not there at all.
    let (status, body) = provider.get(&format!("/Users/{}", tom.id)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(
        body["schemas"],
        json!(["urn:ietf:params:scim:api:messages:2.0:Error"])
    );
    let (_, list) = provider
        .get(&format!(
            "/Users?filter=userName%20eq%20%22{}%22",
            tom.email
        ))
        .await;
    assert_eq!(list["totalResults"], 0, "{list}");

    // No token, a wrong one, a revoked one: 401, with a SCIM body.
    let anonymous = reqwest::Client::new()
        .get(format!("{}/Users", provider.base))
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
    let forged = Provider {
        token: "scim_not-a-token".into(),
        ..Provider::for_organisation(&app, &riverside).await
    };
    assert_eq!(forged.get("/Users").await.0, StatusCode::UNAUTHORIZED);
    let admin = app.sign_in_as(&riverside.administrator).await;
    let tokens = admin
        .gql("{ provisioningTokens { id label } }", json!({}))
        .await;
    let ids: Vec<&str> = tokens["data"]["provisioningTokens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 2, "{tokens}");
    for id in ids {
        let body = admin
            .gql(
                "mutation($id: UUID!) { revokeProvisioningToken(id: $id) }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(body["data"]["revokeProvisioningToken"], true, "{body}");
    }
    assert_eq!(provider.get("/Users").await.0, StatusCode::UNAUTHORIZED);

    // Only a system administrator makes tokens; the secret is shown once.
    let staff = app
        .sign_in_as(&riverside.person("Sam Smith").create().await)
        .await;
    let body = staff
        .gql(
            "mutation { createProvisioningToken(label: \"Mine\") { token } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let body = admin
        .gql(
            "mutation { createProvisioningToken(label: \"Entra ID\") { id token } }",
            json!({}),
        )
        .await;
    let secret = body["data"]["createProvisioningToken"]["token"]
        .as_str()
        .unwrap();
    assert!(secret.starts_with("scim_") && secret.len() > 40, "{body}");
    let stored = app
        .count(&format!("scim_token WHERE token_hash = '{secret}'"))
        .await;
    assert_eq!(stored, 0, "the token itself is never stored");
    app.stop().await;
}

#[tokio::test]
async fn active_false_makes_a_leaver_signed_out_at_once_and_the_manager_moves_from_today() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let lucy = org.person("Lucy Grant").create().await;
    // Loaded by the HR import earlier: SCIM finds them by userName.
    let tom = org.person("Tom Reed").line_manager(&lucy).create().await;
    let provider = Provider::for_organisation(&app, &org).await;
    let sam = provider
        .create_user(
            "sam.smith@riverside.test",
            "Sam Smith",
            json!({ "title": "Team Leader" }),
        )
        .await;
    let (_, found) = provider
        .get(&format!(
            "/Users?filter=userName%20eq%20%22{}%22",
            tom.email.to_uppercase()
        ))
        .await;
    assert_eq!(found["totalResults"], 1, "{found}");
    let path = format!("/Users/{}", tom.id);

    // Entra ID sends the manager as a bare id on the extension path.
    let (status, user) = provider
        .patch(
            &path,
            json!([{ "op": "Add", "path": format!("{ENTERPRISE}:manager"), "value": sam }]),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{user}");
    assert_eq!(user[ENTERPRISE]["manager"]["value"], sam);
    let told = app
        .count(&format!(
            "outbox_message WHERE to_address = '{}' AND subject LIKE 'Your line manager from%'",
            tom.email
        ))
        .await;
    assert_eq!(told, 1, "Tom is told who now holds his file");
    let sam_client = app.sign_in("sam.smith@riverside.test").await;
    let supervisees = sam_client
        .gql("{ mySupervisees { staff { name } } }", json!({}))
        .await;
    assert_eq!(
        supervisees["data"]["mySupervisees"][0]["staff"]["name"], "Tom Reed",
        "{supervisees}"
    );

    // Disabled in the identity provider: a leaver from today, signed out.
    let tom_client = app.sign_in_as(&tom).await;
    assert!(tom_client.gql("{ me { id } }", json!({})).await["errors"].is_null());
    let (status, user) = provider
        .patch(
            &path,
            json!([{ "op": "Replace", "path": "active", "value": "False" }]),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{user}");
    assert_eq!(user["active"], false);
    let body = tom_client.gql("{ me { id } }", json!({})).await;
    assert_eq!(error_code(&body), Some("UNAUTHENTICATED"), "{body}");
    let leaver = person(&app, tom.id).await;
    assert_eq!(leaver.status, "leaver");
    assert!(leaver.leaving_date.is_some());
    // Still found, as Entra ID expects of a disabled user.
    let (status, _) = provider.get(&path).await;
    assert_eq!(status, StatusCode::OK);
    app.stop().await;
}

#[tokio::test]
async fn group_membership_grants_its_role_and_the_last_administrator_stays() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let provider = Provider::for_organisation(&app, &org).await;
    let grace = provider
        .create_user("grace.liu@riverside.test", "Grace Liu", json!({}))
        .await;
    let roles_of = |id: String| {
        let app = &app;
        async move {
            staff_role::Entity::find()
                .filter(staff_role::Column::StaffId.eq(id.parse::<uuid::Uuid>().unwrap()))
                .filter(staff_role::Column::Role.eq(supervision_shared::Role::Auditor))
                .count(&app.db)
                .await
                .unwrap()
        }
    };

    let (status, group) = provider
        .post(
            "/Groups",
            json!({ "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Auditors", "members": [{ "value": grace }] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{group}");
    assert_eq!(
        roles_of(grace.clone()).await,
        1,
        "a member of Auditors is an auditor"
    );
    let group_path = format!("/Groups/{}", group["id"].as_str().unwrap());
    let (status, _) = provider
        .patch(
            &group_path,
            json!([{ "op": "remove", "path": format!("members[value eq \"{grace}\"]") }]),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        roles_of(grace.clone()).await,
        0,
        "leaving the group ends the role"
    );

    // A second group of the same name clashes.
    let (status, body) = provider
        .post("/Groups", json!({ "displayName": "auditors" }))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["scimType"], "uniqueness");

    // The administrators' group cannot empty the organisation of them.
    let admin = org.administrator.id.to_string();
    let (status, admins) = provider
        .post(
            "/Groups",
            json!({ "displayName": "System administrators", "members": [{ "value": admin }] }),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{admins}");
    let grants_before = app.count("staff_role WHERE role = 'system_admin'").await;
    // Ada's own grant from set-up is not the group's: the group's can go.
    let admins_path = format!("/Groups/{}", admins["id"].as_str().unwrap());
    let (status, _) = provider
        .patch(&admins_path, json!([{ "op": "remove", "path": "members" }]))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.count("staff_role WHERE role = 'system_admin'").await,
        grants_before - 1
    );
    // Ada disabled in the identity provider: refused, she is the last
    // administrator, and nothing changes.
    let (status, body) = provider
        .patch(
            &format!("/Users/{admin}"),
            json!([{ "op": "replace", "path": "active", "value": false }]),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("without a system administrator"),
        "{body}"
    );
    assert_eq!(person(&app, org.administrator.id).await.status, "active");
    app.stop().await;
}

#[tokio::test]
async fn bad_requests_get_a_scim_error_and_write_nothing() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let provider = Provider::for_organisation(&app, &org).await;
    let people = people_of(&app, org.id).await;

    let (status, body) = provider
        .post("/Users", json!({ "userName": "not-an-email" }))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["scimType"], "invalidValue");
    assert!(
        body["detail"].as_str().unwrap().contains("work email"),
        "{body}"
    );

    let (status, body) = provider
        .send(
            reqwest::Method::POST,
            "/Users",
            Some(Value::String("{ not json".into())),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    let admin = &org.administrator;
    let (status, body) = provider
        .post(
            "/Users",
            json!({ "userName": admin.email.to_uppercase(), "displayName": "Someone Else" }),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    let (status, body) = provider
        .patch(
            &format!("/Users/{}", admin.id),
            json!([{ "op": "replace", "path": "userName" }]),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = provider.get("/Users?filter=title%20sw%20%22Nurse%22").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, body) = provider.get("/Nowhere").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(body["status"], "404");
    let (status, _) = provider
        .send(reqwest::Method::DELETE, "/Schemas", None)
        .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(people_of(&app, org.id).await, people);
    app.stop().await;
}
