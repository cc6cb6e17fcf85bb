//! Policy as data (F5.1, F5.8): the organisation's defaults are seeded from
//! the policies; a unit, profession, role or person can be given another
//! frequency with the dates it is in force; a less frequent one counts only
//! once a head of service approves it; the back-stop applies whatever was
//! agreed.

use serde_json::{Value, json};

use crate::helpers::*;

const RUTH: &str = "ruth.adeyemi@northfield.example";
const PROPOSE: &str = "mutation($input: PolicyRuleInput!) { proposePolicyRule(input: $input) { id days awaitingApproval } }";
const APPROVE: &str = "mutation($id: UUID!) { approvePolicyRule(id: $id) { id approvedAt awaitingApproval approvedBy { name } scopeLabel } }";
const MINE: &str = "query($at: NaiveDate) { myCompliance(asAt: $at) { category last nextDue } }";

/// A clinical rule for a scope (`organisation`, `org_unit` or `person`,
/// with the unit's or person's id).
fn rule(scope_kind: &str, scope_value: impl ToString, days: i32, from: chrono::NaiveDate) -> Value {
    let value = scope_value.to_string();
    let (kind, field) = match scope_kind {
        "org_unit" => ("ORG_UNIT", "unitId"),
        "person" => ("PERSON", "staffId"),
        "profession" => ("PROFESSION", "profession"),
        _ => ("ORGANISATION", "unused"),
    };
    let mut input = json!({
        "scopeKind": kind,
        "setting": "CLINICAL",
        "days": days,
        "effectiveFrom": from,
        "reason": "Agreed in the supervision agreement",
    });
    if kind != "ORGANISATION" {
        input[field] = json!(value);
    }
    json!({ "input": input })
}

async fn clinical_next_due(client: &Client, at: chrono::NaiveDate) -> Value {
    let body = client.gql(MINE, json!({ "at": at })).await;
    body["data"]["myCompliance"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .find(|s| s["category"] == "CLINICAL")
        .unwrap()["nextDue"]
        .clone()
}

/// Tom has clinical supervision today; returns today.
async fn supervised_today(app: &TestApp) -> chrono::NaiveDate {
    let priya = app.sign_in(PRIYA).await;
    let mut input = group_input(&[app.staff_id(TOM).await]);
    input["kind"] = json!("CLINICAL_ONE_TO_ONE");
    assert!(priya.gql(RECORD, json!({ "input": input })).await["errors"].is_null());
    chrono::Utc::now().date_naive()
}

#[tokio::test]
async fn a_less_frequent_agreement_waits_for_a_head_of_service_and_the_back_stop_still_applies() {
    let app = TestApp::spawn().await;
    let today = supervised_today(&app).await;
    let tom_id = app.staff_id(TOM).await;
    let tom = app.sign_in(TOM).await;
    let end_of_month = supervision_shared::compliance::end_of_month(today);
    assert_eq!(
        clinical_next_due(&tom, end_of_month).await,
        json!(today + chrono::Days::new(56))
    );

    // Quarterly, agreed for Tom: less often than the default.
    let ruth = app.sign_in(RUTH).await;
    let body = ruth.gql(PROPOSE, rule("person", tom_id, 91, today)).await;
    assert_eq!(
        body["data"]["proposePolicyRule"]["awaitingApproval"], true,
        "{body}"
    );
    let id = body["data"]["proposePolicyRule"]["id"].clone();
    assert_eq!(
        clinical_next_due(&tom, end_of_month).await,
        json!(today + chrono::Days::new(56)),
        "until approved the default applies"
    );

    // Only a head of service over Tom approves it.
    let marcus = app.sign_in(MARCUS).await;
    assert_eq!(
        error_code(&marcus.gql(APPROVE, json!({ "id": id })).await),
        Some("FORBIDDEN")
    );
    assert_eq!(
        error_code(&tom.gql(APPROVE, json!({ "id": id })).await),
        Some("FORBIDDEN")
    );
    let helen = app.sign_in(HELEN).await;
    let body = helen.gql(APPROVE, json!({ "id": id })).await;
    assert_eq!(
        body["data"]["approvePolicyRule"]["awaitingApproval"], false,
        "{body}"
    );
    assert_eq!(
        body["data"]["approvePolicyRule"]["approvedBy"]["name"],
        "Helen Carter"
    );
    assert!(
        body["data"]["approvePolicyRule"]["scopeLabel"]
            .as_str()
            .unwrap()
            .starts_with("Tom Reed ("),
        "a person's rule names them: {body}"
    );
    let listed = ruth
        .gql("{ policyRules { scopeKind scopeLabel } }", json!({}))
        .await;
    let labels: Vec<&str> = listed["data"]["policyRules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["scopeLabel"].as_str().unwrap())
        .collect();
    assert!(labels.contains(&"Everyone in the organisation"), "{listed}");

    // Approved, but no one goes longer than the two-month back-stop.
    assert_eq!(
        clinical_next_due(&tom, end_of_month).await,
        json!(today + chrono::Days::new(61))
    );
    app.stop().await;
}

#[tokio::test]
async fn a_more_frequent_unit_rule_applies_from_its_start_date_without_approval() {
    let app = TestApp::spawn().await;
    let today = supervised_today(&app).await;
    let tom = app.sign_in(TOM).await;
    let team: uuid::Uuid = {
        use sea_orm::EntityTrait;
        backend::entity::staff::Entity::find_by_id(app.staff_id(TOM).await)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .org_unit_id
    };
    // From the first of next month: not in force today.
    let next_month = supervision_shared::compliance::end_of_month(today) + chrono::Days::new(1);
    let helen = app.sign_in(HELEN).await;
    let body = helen
        .gql(PROPOSE, rule("org_unit", team, 28, next_month))
        .await;
    assert_eq!(
        body["data"]["proposePolicyRule"]["awaitingApproval"], false,
        "{body}"
    );

    assert_eq!(
        clinical_next_due(&tom, today).await,
        json!(today + chrono::Days::new(56)),
        "judged today, the rule in force today"
    );
    assert_eq!(
        clinical_next_due(&tom, next_month).await,
        json!(today + chrono::Days::new(28)),
        "judged next month, next month's rule"
    );
    // A senior manager of another division may not set it for this team.
    let marcus = app.sign_in(MARCUS).await;
    assert_eq!(
        error_code(
            &marcus
                .gql(PROPOSE, rule("org_unit", team, 28, next_month))
                .await
        ),
        Some("FORBIDDEN")
    );
    app.stop().await;
}

#[tokio::test]
async fn policy_is_set_by_those_responsible_and_bad_rules_write_nothing() {
    let app = TestApp::spawn().await;
    let today = chrono::Utc::now().date_naive();
    assert_eq!(
        error_code(
            &app.anonymous()
                .gql("{ policyRules { id } }", json!({}))
                .await
        ),
        Some("UNAUTHENTICATED"),
        "signed out: asked to sign in, not told what they may not see"
    );
    let tom = app.sign_in(TOM).await;
    assert_eq!(
        error_code(&tom.gql("{ policyRules { id } }", json!({})).await),
        Some("FORBIDDEN")
    );
    assert_eq!(
        error_code(&tom.gql(PROPOSE, rule("organisation", "", 28, today)).await),
        Some("FORBIDDEN")
    );
    let ruth = app.sign_in(RUTH).await;
    let seeded = ruth
        .gql("{ policyRules { setting days scopeKind } }", json!({}))
        .await;
    let rules = seeded["data"]["policyRules"].as_array().unwrap();
    let clinical = rules
        .iter()
        .find(|r| r["setting"] == "CLINICAL" && r["scopeKind"] == "ORGANISATION")
        .unwrap();
    assert_eq!(clinical["days"], 56, "seeded from the policies");
    let before = app.count("policy_rule").await;
    for (input, field) in [
        (rule("organisation", "", 0, today), "days"),
        (rule("org_unit", uuid::Uuid::new_v4(), 28, today), "unitId"),
        (rule("person", uuid::Uuid::new_v4(), 28, today), "staffId"),
        (rule("profession", "Astrology", 28, today), "profession"),
        (
            {
                let mut r = rule("org_unit", "", 28, today);
                r["input"].as_object_mut().unwrap().remove("unitId");
                r
            },
            "unitId",
        ),
        (
            {
                let mut r = rule("org_unit", uuid::Uuid::new_v4(), 28, today);
                r["input"]["setting"] = json!("BACKSTOP");
                r
            },
            "setting",
        ),
    ] {
        let body = ruth.gql(PROPOSE, input).await;
        assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
        assert!(
            error_fields(&body).contains(&field.to_owned()),
            "{field}: {body}"
        );
    }
    assert_eq!(app.count("policy_rule").await, before);
    app.stop().await;
}

#[tokio::test]
async fn one_head_of_service_approves_the_others_less_frequent_unit_rule() {
    let app = TestApp::spawn().await;
    let today = chrono::Utc::now().date_naive();
    // Each division of the demo trust has two heads of service.
    let helen = app.sign_in(HELEN).await;
    let division = helen.first_report_unit().await;
    let body = helen
        .gql(
            PROPOSE,
            rule("org_unit", &division, 84, today + chrono::Days::new(730)),
        )
        .await;
    assert_eq!(
        body["data"]["proposePolicyRule"]["awaitingApproval"], true,
        "{body}"
    );
    let id = body["data"]["proposePolicyRule"]["id"].clone();
    // Not her own proposal…
    assert_eq!(
        error_code(&helen.gql(APPROVE, json!({ "id": id })).await),
        Some("VALIDATION_FAILED")
    );
    // …but the other head of the division may approve it.
    let nadia = app.sign_in("nadia.rahman@northfield.example").await;
    let body = nadia.gql(APPROVE, json!({ "id": id })).await;
    assert_eq!(
        body["data"]["approvePolicyRule"]["approvedBy"]["name"], "Nadia Rahman",
        "{body}"
    );
    app.stop().await;
}

/// York: "more frequent supervision for any who have a temporary need for
/// additional support, for example if returning to work after an extended
/// absence ... Any change to frequency should be recorded ... with reasons
/// given." A person's rule with a reason and an end date: more often while
/// it lasts (no approval needed), the usual frequency after.
#[tokio::test]
async fn york_more_frequent_supervision_for_a_temporary_need_with_a_reason_and_an_end_date() {
    use chrono::{Days, Utc};
    let app = TestApp::spawn().await;
    let org = app.organisation("York").await;
    let team = org.team("Children's Social Care").await;
    let manager = org.person("Sofia Martins").in_unit(team).create().await;
    let worker = org
        .person("Ben Okafor")
        .in_unit(team)
        .clinical_supervisor(&manager)
        .create()
        .await;
    let today = Utc::now().date_naive();
    let ends = today + Days::new(42);
    let body = app
        .sign_in_as(&org.administrator)
        .await
        .gql(
            "mutation($input: PolicyRuleInput!) { proposePolicyRule(input: $input) { id awaitingApproval effectiveTo reason } }",
            json!({ "input": {
                "scopeKind": "PERSON", "staffId": worker.id, "setting": "CLINICAL", "days": 14,
                "effectiveFrom": today, "effectiveTo": ends,
                "reason": "Returning to work after an extended absence",
            } }),
        )
        .await;
    let rule = &body["data"]["proposePolicyRule"];
    assert_eq!(rule["awaitingApproval"], false, "{body}");
    assert_eq!(rule["effectiveTo"], json!(ends));
    org.record(&manager)
        .with(&[&worker])
        .held_on(today)
        .create()
        .await;
    let ben = app.sign_in_as(&worker).await;
    assert_eq!(
        clinical_next_due(&ben, today).await,
        json!(today + Days::new(14)),
        "fortnightly while the need lasts"
    );
    assert_eq!(
        clinical_next_due(&ben, ends + Days::new(1)).await,
        json!(today + Days::new(56)),
        "the usual eight weeks after it ends"
    );
}
