//! Wellbeing (F3.9): a wellbeing check and a wellbeing action plan (such as
//! a stress risk assessment's agreed actions) kept with the person and
//! reviewed in supervision, visible only to the person and their
//! supervisor, never in reports beyond "review due".

use chrono::{Days, Utc};
use serde_json::json;
use supervision_shared::Role;

use crate::helpers::*;

const SAVE: &str = "mutation($i: WellbeingPlanInput!) { saveWellbeingPlan(input: $i) { id kind reviewBy reviewDue createdBy { name } } }";
const PLANS: &str = "query($s: UUID!) { wellbeingPlans(staffId: $s) { id kind summary actions reviewDue closedOn } }";
const CLOSE: &str = "mutation($id: UUID!) { closeWellbeingPlan(id: $id) { closedOn } }";
const STRESS: &str = "Stress risk assessment after a difficult safeguarding case";

#[tokio::test]
async fn a_stress_risk_assessments_plan_is_kept_with_the_person_for_them_and_their_supervisor_only()
{
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let team = org.team("Family Support").await;
    let manager = org.person("Sofia Martins").in_unit(team).create().await;
    let worker = org
        .person("Ben Okafor")
        .in_unit(team)
        .line_manager(&manager)
        .create()
        .await;
    let head = org
        .person("Helen Carter")
        .role(Role::SeniorManager, Some(org.top))
        .create()
        .await;
    let hr = org
        .person("Daniel Okoro")
        .role(Role::HrAdmin, None)
        .create()
        .await;
    let peer = org.person("Owen Price").in_unit(team).create().await;
    let today = Utc::now().date_naive();

    let sofia = app.sign_in_as(&manager).await;
    let body = sofia
        .gql(
            SAVE,
            json!({ "i": {
                "staffId": worker.id, "kind": "ACTION_PLAN", "summary": STRESS,
                "actions": "Caseload capped at 18; weekly check-in; occupational health referral",
                "reviewBy": today + Days::new(10),
            } }),
        )
        .await;
    let saved = &body["data"]["saveWellbeingPlan"];
    assert_eq!(saved["reviewDue"], true, "{body}");
    assert_eq!(saved["createdBy"]["name"], "Sofia Martins");
    let id = saved["id"].clone();

    // Ben keeps a check of his own too.
    let ben = app.sign_in_as(&worker).await;
    let body = ben
        .gql(
            SAVE,
            json!({ "i": {
                "staffId": worker.id, "kind": "CHECK", "summary": "Sleeping better since the caseload cap",
                "reviewBy": today + Days::new(60),
            } }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    let plans = ben.gql(PLANS, json!({ "s": worker.id })).await;
    assert_eq!(
        plans["data"]["wellbeingPlans"].as_array().map(Vec::len),
        Some(2),
        "{plans}"
    );
    assert_eq!(
        plans["data"]["wellbeingPlans"][0]["summary"], STRESS,
        "soonest review first"
    );

    // Nobody else: not the head of service, not HR, not a colleague.
    for person in [&head, &hr, &peer] {
        let client = app.sign_in_as(person).await;
        let body = client.gql(PLANS, json!({ "s": worker.id })).await;
        assert_eq!(
            error_code(&body),
            Some("NOT_FOUND"),
            "{}: {body}",
            person.name
        );
        let body = client.gql(CLOSE, json!({ "id": id })).await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{}", person.name);
    }
    let other = app.sign_in(SOFIA).await;
    assert_eq!(
        error_code(&other.gql(PLANS, json!({ "s": worker.id })).await),
        Some("NOT_FOUND")
    );

    // The supervisor's list says only that a review is due; the head of
    // service's report says nothing of it.
    let list = sofia
        .gql(
            "{ mySupervisees { staff { name } wellbeingReviewDue } }",
            json!({}),
        )
        .await;
    assert_eq!(
        list["data"]["mySupervisees"][0]["wellbeingReviewDue"], true,
        "{list}"
    );
    let report = app
        .sign_in_as(&head)
        .await
        .gql(
            "query($u: UUID!) { teamCompliance(unitId: $u) { people { staff { name } standings { status } } } }",
            json!({ "u": team }),
        )
        .await;
    assert!(report["errors"].is_null(), "{report}");
    assert!(
        report.to_string().contains("Ben Okafor") && !report.to_string().contains("Stress"),
        "{report}"
    );

    let closed = sofia.gql(CLOSE, json!({ "id": id })).await;
    assert_eq!(
        closed["data"]["closeWellbeingPlan"]["closedOn"],
        json!(today),
        "{closed}"
    );
    let list = sofia
        .gql("{ mySupervisees { wellbeingReviewDue } }", json!({}))
        .await;
    assert_eq!(
        list["data"]["mySupervisees"][0]["wellbeingReviewDue"],
        false
    );
    assert_eq!(
        app.count("audit_event WHERE action LIKE 'wellbeing.%'")
            .await,
        3
    );
}

#[tokio::test]
async fn a_plan_without_its_actions_or_with_a_review_beyond_a_year_writes_nothing() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let person = org.person("Ben Okafor").create().await;
    let ben = app.sign_in_as(&person).await;
    let today = Utc::now().date_naive();
    let body = ben
        .gql(
            SAVE,
            json!({ "i": {
                "staffId": person.id, "kind": "ACTION_PLAN", "summary": " ",
                "reviewBy": today + Days::new(400),
            } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    assert_eq!(error_fields(&body), ["summary", "actions", "reviewBy"]);
    assert_eq!(app.count("wellbeing_plan").await, 0);
}
