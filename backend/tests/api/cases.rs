//! Cases in supervision (F3.7): named only by a pseudonymous reference;
//! each case shows when it was last discussed; open cases not discussed
//! within the worker's case supervision interval (the organisation's three
//! months, or their unit's rule) are flagged to the worker and the
//! supervisor.

use serde_json::{Value, json};

use crate::helpers::*;

const CASES: &str =
    "{ casesForDiscussion { reference worker { name } lastDiscussed nextDue overdue closed } }";

async fn discuss(priya: &Client, tom: uuid::Uuid, days_ago: u64, cases: Value) -> Value {
    let mut input = group_input(&[tom]);
    input["kind"] = json!("CASE_SUPERVISION");
    input["approach"] = Value::Null;
    input["heldOn"] = json!(chrono::Utc::now().date_naive() - chrono::Days::new(days_ago));
    input["actions"] = json!([]);
    input["cases"] = cases;
    priya
        .gql(
            "mutation($input: RecordSupervisionInput!) { recordSupervision(input: $input) { id cases { reference summary decision closed } } }",
            json!({ "input": input }),
        )
        .await
}

fn standing<'a>(body: &'a Value, reference: &str) -> &'a Value {
    body["data"]["casesForDiscussion"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .find(|c| c["reference"] == reference)
        .unwrap_or_else(|| panic!("{reference} in {body}"))
}

#[tokio::test]
async fn an_open_case_not_discussed_for_three_months_is_flagged_to_worker_and_supervisor() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom = app.staff_id(TOM).await;
    let body = discuss(
        &priya,
        tom,
        100,
        json!([{ "reference": "CN-204518", "summary": "Hoarding; fire risk", "decision": "Refer to fire service" }]),
    )
    .await;
    assert_eq!(
        body["data"]["recordSupervision"]["cases"][0]["decision"], "Refer to fire service",
        "{body}"
    );
    discuss(&priya, tom, 10, json!([{ "reference": "CN-300100" }])).await;

    for email in [TOM, PRIYA] {
        let body = app.sign_in(email).await.gql(CASES, json!({})).await;
        let old = standing(&body, "CN-204518");
        assert_eq!(old["overdue"], true, "{email}: {body}");
        assert_eq!(old["worker"]["name"], "Tom Reed");
        assert_eq!(
            body["data"]["casesForDiscussion"][0]["reference"], "CN-204518",
            "overdue first"
        );
        assert_eq!(standing(&body, "CN-300100")["overdue"], false);
    }
    // Not someone else's to see.
    let owen = app.sign_in(OWEN).await.gql(CASES, json!({})).await;
    assert!(!owen.to_string().contains("CN-204518"));

    // Discussed again and closed: no longer overdue, nothing more due.
    discuss(
        &priya,
        tom,
        0,
        json!([{ "reference": "CN-204518", "closed": true }]),
    )
    .await;
    let body = priya.gql(CASES, json!({})).await;
    let closed = standing(&body, "CN-204518");
    assert_eq!(closed["overdue"], false);
    assert_eq!(closed["closed"], true);
    assert!(closed["nextDue"].is_null());
    app.stop().await;
}

#[tokio::test]
async fn a_case_named_by_a_persons_name_is_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom = app.staff_id(TOM).await;
    let before = (
        app.count("supervision").await,
        app.count("case_discussion").await,
    );
    let body = discuss(&priya, tom, 1, json!([{ "reference": "Mrs Jones" }])).await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    assert_eq!(error_fields(&body), vec!["cases[0].reference".to_owned()]);
    assert_eq!(
        (
            app.count("supervision").await,
            app.count("case_discussion").await
        ),
        before
    );
    app.stop().await;
}

#[tokio::test]
async fn an_organisation_can_require_its_own_case_numbering() {
    let app = TestApp::spawn_with(&[("SUPERVISION_CASE_REFERENCE_FORMAT", "AA-999999")]).await;
    let priya = app.sign_in(PRIYA).await;
    let tom = app.staff_id(TOM).await;
    let body = discuss(&priya, tom, 1, json!([{ "reference": "2045187" }])).await;
    assert_eq!(error_fields(&body), vec!["cases[0].reference".to_owned()]);
    let body = discuss(&priya, tom, 1, json!([{ "reference": "CN-204518" }])).await;
    assert!(body["errors"].is_null(), "{body}");
    app.stop().await;
}

#[tokio::test]
async fn a_case_in_a_group_record_is_the_named_members_and_must_be_named() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let (tom, aisha) = (app.staff_id(TOM).await, app.staff_id(AISHA).await);
    let group = |cases: Value| {
        let mut input = group_input(&[tom, aisha]);
        input["kind"] = json!("CASE_SUPERVISION");
        input["approach"] = Value::Null;
        input["actions"] = json!([]);
        input["cases"] = cases;
        input
    };
    const RECORD_CASES: &str = "mutation($input: RecordSupervisionInput!) { recordSupervision(input: $input) { id cases { reference worker { name } } } }";

    // Whose case is it? A group record must say, and nothing is written.
    let before = app.count("case_discussion").await;
    let body = priya
        .gql(
            RECORD_CASES,
            json!({ "input": group(json!([{ "reference": "CN-777001" }])) }),
        )
        .await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    assert_eq!(error_fields(&body), vec!["cases[0].workerId".to_owned()]);
    let owen = app.staff_id(OWEN).await;
    let body = priya
        .gql(
            RECORD_CASES,
            json!({ "input": group(json!([{ "reference": "CN-777001", "workerId": owen }])) }),
        )
        .await;
    assert_eq!(
        error_fields(&body),
        vec!["cases[0].workerId".to_owned()],
        "not a member of this record: {body}"
    );
    assert_eq!(app.count("case_discussion").await, before);

    let body = priya
        .gql(
            RECORD_CASES,
            json!({ "input": group(json!([{ "reference": "CN-777001", "workerId": aisha }])) }),
        )
        .await;
    assert_eq!(
        body["data"]["recordSupervision"]["cases"][0]["worker"]["name"], "Aisha Khan",
        "{body}"
    );
    // Aisha's case, not Tom's, though both were there.
    let theirs = app.sign_in(AISHA).await.gql(CASES, json!({})).await;
    assert_eq!(
        standing(&theirs, "CN-777001")["worker"]["name"],
        "Aisha Khan"
    );
    let toms = app.sign_in(TOM).await.gql(CASES, json!({})).await;
    assert!(!toms.to_string().contains("CN-777001"), "{toms}");
    let supervisor = priya.gql(CASES, json!({})).await;
    let listed: Vec<&Value> = supervisor["data"]["casesForDiscussion"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["reference"] == "CN-777001")
        .collect();
    assert_eq!(listed.len(), 1, "once, for its worker: {supervisor}");
    app.stop().await;
}

#[tokio::test]
async fn open_and_overdue_cases_are_counted_per_unit_for_senior_managers() {
    const BY_UNIT: &str =
        "query($u: UUID!) { caseDiscussions(unitId: $u) { unitId name openCases overdueCases } }";
    let app = TestApp::spawn().await;
    let helen = app.sign_in(HELEN).await;
    let units = helen.gql("{ myReportUnits { unitId } }", json!({})).await;
    let division = units["data"]["myReportUnits"][0]["unitId"].clone();
    let counts = |body: &Value| {
        let row = &body["data"]["caseDiscussions"][0];
        (
            row["openCases"]
                .as_u64()
                .unwrap_or_else(|| panic!("{body}")),
            row["overdueCases"].as_u64().unwrap(),
        )
    };
    let before = counts(&helen.gql(BY_UNIT, json!({ "u": division })).await);

    let priya = app.sign_in(PRIYA).await;
    let tom = app.staff_id(TOM).await;
    discuss(
        &priya,
        tom,
        100,
        json!([{ "reference": "CN-880001" }, { "reference": "CN-880002" }]),
    )
    .await;
    discuss(&priya, tom, 5, json!([{ "reference": "CN-880003" }])).await;
    let body = helen.gql(BY_UNIT, json!({ "u": division })).await;
    assert_eq!(counts(&body), (before.0 + 3, before.1 + 2), "{body}");
    // The service Tom's team is in carries them too.
    let rows = body["data"]["caseDiscussions"].as_array().unwrap();
    assert!(
        rows[1..]
            .iter()
            .any(|r| r["overdueCases"].as_u64().unwrap() >= 2),
        "{body}"
    );

    // Discussed again and closed: no longer open.
    discuss(
        &priya,
        tom,
        0,
        json!([{ "reference": "CN-880001", "closed": true }]),
    )
    .await;
    let body = helen.gql(BY_UNIT, json!({ "u": division })).await;
    assert_eq!(counts(&body), (before.0 + 2, before.1 + 1), "{body}");

    let marcus = app.sign_in(MARCUS).await;
    assert_eq!(
        error_code(&marcus.gql(BY_UNIT, json!({ "u": division })).await),
        Some("NOT_FOUND")
    );
    app.stop().await;
}

#[tokio::test]
async fn every_family_is_discussed_as_often_as_the_workers_own_case_rule_says_and_their_case_standing_agrees()
 {
    use chrono::{Days, Utc};
    const MINE: &str = "{ myCompliance { category status nextDue } }";
    let app = TestApp::spawn().await;
    let org = app.organisation("Portsmouth").await;
    let team = org.team("Family Support").await;
    let supervisor = org.person("Sofia Martins").in_unit(team).create().await;
    let worker = org
        .person("Ben Okafor")
        .in_unit(team)
        .line_manager(&supervisor)
        .with_caseload()
        .create()
        .await;
    let held = Utc::now().date_naive() - Days::new(60);
    org.record(&supervisor)
        .with(&[&worker])
        .kind("CASE_SUPERVISION")
        .held_on(held)
        .cases(json!([{ "reference": "PF-100200" }]))
        .create()
        .await;
    let ben = app.sign_in_as(&worker).await;
    let case_standing = |body: &Value| {
        body["data"]["myCompliance"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .find(|s| s["category"] == "CASE")
            .cloned()
            .unwrap()
    };

    // The organisation's rule: every three months. Sixty days on, neither
    // the case nor the worker is overdue, and both are due the same day.
    let cases = ben.gql(CASES, json!({})).await;
    let mine = case_standing(&ben.gql(MINE, json!({})).await);
    assert_eq!(standing(&cases, "PF-100200")["overdue"], false, "{cases}");
    assert_eq!(
        standing(&cases, "PF-100200")["nextDue"],
        json!(held + Days::new(91))
    );
    assert_eq!(mine["nextDue"], json!(held + Days::new(91)));

    // The service writes "every family at a minimum every eight weeks".
    let admin = app.sign_in_as(&org.administrator).await;
    let body = admin
        .gql(
            "mutation($input: PolicyRuleInput!) { proposePolicyRule(input: $input) { id awaitingApproval } }",
            json!({ "input": {
                "scopeKind": "ORG_UNIT", "unitId": team, "setting": "CASE",
                "days": 56, "effectiveFrom": held, "reason": "Every family every eight weeks",
            } }),
        )
        .await;
    assert_eq!(
        body["data"]["proposePolicyRule"]["awaitingApproval"], false,
        "{body}"
    );
    let cases = ben.gql(CASES, json!({})).await;
    let mine = case_standing(&ben.gql(MINE, json!({})).await);
    assert_eq!(standing(&cases, "PF-100200")["overdue"], true, "{cases}");
    assert_eq!(
        standing(&cases, "PF-100200")["nextDue"],
        json!(held + Days::new(56))
    );
    assert_eq!(mine["nextDue"], json!(held + Days::new(56)));
    assert_eq!(mine["status"], "OVERDUE");
}
