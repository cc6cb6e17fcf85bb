//! Setting up an organisation (F2): its policy written down from the first
//! day, its first system administrator, and nothing shared with another
//! organisation on the same deployment; by the service and by the command.

use backend::entity::organisation;
use sea_orm::{ColumnTrait, Database, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn an_organisation_starts_with_its_policy_its_administrator_and_nothing_of_anothers() {
    let app = TestApp::spawn().await;
    let riverside = app.organisation("Riverside Council").await;
    let lakeside = app.organisation("Lakeside Council").await;
    let admin = app.sign_in_as(&riverside.administrator).await;

    let me = admin
        .gql("{ me { organisationName roles timeZone } }", json!({}))
        .await;
    assert_eq!(
        me["data"]["me"],
        json!({ "organisationName": "Riverside Council", "roles": ["STAFF", "SYSTEM_ADMIN"], "timeZone": "Europe/London" }),
        "{me}"
    );
    // The defaults are rules written down, as a head of service sees them:
    // not built-in values applied silently.
    let rules = admin
        .gql(
            "{ policyRules { scopeKind setting days approvedAt } }",
            json!({}),
        )
        .await;
    insta::assert_snapshot!(serde_json::to_string(&rules).unwrap(), @r#"{"data":{"policyRules":[{"approvedAt":null,"days":61,"scopeKind":"ORGANISATION","setting":"BACKSTOP"},{"approvedAt":null,"days":91,"scopeKind":"ORGANISATION","setting":"CASE"},{"approvedAt":null,"days":56,"scopeKind":"ORGANISATION","setting":"CLINICAL"},{"approvedAt":null,"days":14,"scopeKind":"ORGANISATION","setting":"DUE_SOON"},{"approvedAt":null,"days":28,"scopeKind":"ORGANISATION","setting":"MANAGEMENT"}]}}"#);

    // Neither the demo organisations' people nor the other new one's
    // administrator (also an Ada Admin): only herself.
    for (name, expected) in [("Priya", 0), ("Ada", 1)] {
        let found = admin
            .gql(
                "query($q: String!) { searchStaff(query: $q) { id } }",
                json!({ "q": name }),
            )
            .await;
        let ids: Vec<&str> = found["data"]["searchStaff"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|p| p["id"].as_str())
            .collect();
        assert_eq!(ids.len(), expected, "{name}: {found}");
        assert!(!ids.contains(&lakeside.administrator.id.to_string().as_str()));
    }
    let other = app
        .sign_in_as(&lakeside.administrator)
        .await
        .gql("{ me { organisationName } }", json!({}))
        .await;
    assert_eq!(other["data"]["me"]["organisationName"], "Lakeside Council");
    app.stop().await;
}

/// Runs `supervision set-up-organisation` on `database_url`.
fn set_up(database_url: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_supervision"))
        .env_clear()
        .env("SUPERVISION_DATABASE_URL", database_url)
        .env("SUPERVISION_AUDIT_KEY_FILE", AUDIT_KEY_FILE)
        .arg("set-up-organisation")
        .args(args)
        .output()
        .expect("run the command")
}

#[tokio::test]
async fn the_command_sets_an_organisation_up_and_refuses_bad_input_writing_nothing() {
    let url = fresh_database_url().await;
    let db = Database::connect(&url).await.unwrap();
    let before = organisation::Entity::find().count(&db).await.unwrap();

    let refused = set_up(
        &url,
        &[
            "--name",
            " ",
            "--time-zone",
            "Europe/Londno",
            "--admin-name",
            "Ruth Adeyemi",
            "--admin-email",
            "Ruth Adeyemi",
            "--admin-employee-number",
            "",
            "--email-domain",
            "eastshire gov uk",
        ],
    );
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    for field in [
        "name:",
        "timeZone:",
        "administrator.email:",
        "administrator.employeeNumber:",
        "emailDomains:",
    ] {
        assert!(stderr.contains(field), "names {field}: {stderr}");
    }
    assert_eq!(
        organisation::Entity::find().count(&db).await.unwrap(),
        before
    );

    let args = [
        "--name",
        "Eastshire County Council",
        "--time-zone",
        "Europe/London",
        "--admin-name",
        "Ruth Adeyemi",
        "--admin-email",
        "Ruth.Adeyemi@eastshire.gov.uk",
        "--admin-employee-number",
        "E10001",
        "--identity-tenant",
        "7c1f2a9e-eastshire",
        "--email-domain",
        "eastshire.gov.uk",
    ];
    // An administrator outside the organisation's own domains could never
    // sign in: refused.
    let mut elsewhere = args;
    elsewhere[7] = "ruth@gmail.com";
    let refused = set_up(&url, &elsewhere);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("administrator.email:"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let done = set_up(&url, &args);
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert!(
        done.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&done.stderr)
    );
    assert!(
        stdout.contains("signs in as ruth.adeyemi@eastshire.gov.uk"),
        "{stdout}"
    );
    assert_eq!(
        organisation::Entity::find().count(&db).await.unwrap(),
        before + 1
    );
    let eastshire = organisation::Entity::find()
        .filter(organisation::Column::Name.eq("Eastshire County Council"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        eastshire.identity_tenant.as_deref(),
        Some("7c1f2a9e-eastshire")
    );
    assert_eq!(eastshire.email_domains.as_deref(), Some("eastshire.gov.uk"));

    // The same name twice is a mistake, not a second organisation.
    let again = set_up(&url, &args);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already set up"));
    assert_eq!(
        organisation::Entity::find().count(&db).await.unwrap(),
        before + 1
    );
    db.close().await.ok();
}

#[tokio::test]
async fn a_system_administrator_keeps_the_organisations_settings_and_cannot_lock_themselves_out() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let admin = app.sign_in_as(&org.administrator).await;
    const CHANGE: &str = "mutation($i: OrganisationSettingsInput!) { changeOrganisationSettings(input: $i) { name timeZone emailDomains } }";

    // Refused field by field, nothing kept: a name another organisation
    // has, a zone that is not one, and domains that would shut Ada out.
    let body = admin
        .gql(
            CHANGE,
            json!({ "i": { "name": "Northfield Health and Care NHS Trust", "timeZone": "Mars/Olympus", "emailDomains": ["riverside.nhs.uk"] } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    assert_eq!(
        error_fields(&body),
        ["name", "timeZone", "emailDomains"],
        "{body}"
    );

    let body = admin
        .gql(
            CHANGE,
            json!({ "i": { "name": "Riverside Community NHS Trust", "timeZone": "Europe/Dublin", "emailDomains": ["Riverside.test", "@nhs.net"] } }),
        )
        .await;
    assert_eq!(
        body["data"]["changeOrganisationSettings"],
        json!({ "name": "Riverside Community NHS Trust", "timeZone": "Europe/Dublin", "emailDomains": ["riverside.test", "nhs.net"] }),
        "{body}"
    );
    let me = admin
        .gql("{ me { organisationName timeZone } }", json!({}))
        .await;
    assert_eq!(me["data"]["me"]["timeZone"], "Europe/Dublin", "{me}");

    // Only system administrators see or change them.
    let staff = app
        .sign_in_as(&org.person("Sam Smith").create().await)
        .await;
    let body = staff
        .gql("{ organisationSettings { name } }", json!({}))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    app.stop().await;
}
