//! The date the browser shows (F5.4): after a record is saved, the browser
//! works out each supervisee's next due date with the shared rule, from the
//! policy and schedule the server sends. For people on each kind of policy
//! (the organisation's, a unit's rule, an agreement, the newly qualified
//! schedule) its answer is the server's.

use chrono::{Days, NaiveDate, Utc};
use serde_json::{Value, json};
use supervision_shared::ComplianceCategory;
use supervision_shared::compliance::DueRule;

use crate::helpers::*;

const RULES: &str = "query($ids: [UUID!]!) { dueRules(staffIds: $ids) { staffId holdsCaseload \
     policy { clinicalDays managementDays caseDays backstopDays dueSoonDays } \
     periods { from until everyDays } } }";
const MINE: &str = "query($at: NaiveDate) { myCompliance(asAt: $at) { category nextDue } }";

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

async fn server_next_due(client: &Client) -> Value {
    let body = client.gql(MINE, json!({ "at": today() })).await;
    body["data"]["myCompliance"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .find(|s| s["category"] == "CLINICAL")
        .unwrap()["nextDue"]
        .clone()
}

#[tokio::test]
async fn the_browser_works_out_the_servers_due_date_for_people_on_each_kind_of_policy() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let plain_team = org.team("Adult Nursing").await;
    let busy_team = org.team("Crisis Team").await;
    let supervisor = org.person("Priya Shah").in_unit(plain_team).create().await;
    let on_default = org
        .person("Tom Reed")
        .in_unit(plain_team)
        .clinical_supervisor(&supervisor)
        .create()
        .await;
    let on_unit_rule = org
        .person("Aisha Khan")
        .in_unit(busy_team)
        .clinical_supervisor(&supervisor)
        .create()
        .await;
    let on_agreement = org
        .person("Owen Price")
        .in_unit(plain_team)
        .clinical_supervisor(&supervisor)
        .create()
        .await;
    let newly_qualified = org
        .person("Ben Okafor")
        .in_unit(plain_team)
        .clinical_supervisor(&supervisor)
        .newly_qualified()
        .started(today() - Days::new(14))
        .create()
        .await;
    let admin = app.sign_in_as(&org.administrator).await;
    for (kind, field, value, days) in [
        ("ORG_UNIT", "unitId", busy_team.to_string(), 28),
        ("PERSON", "staffId", on_agreement.id.to_string(), 21),
    ] {
        let body = admin
            .gql(
                "mutation($input: PolicyRuleInput!) { proposePolicyRule(input: $input) { id } }",
                json!({ "input": {
                    "scopeKind": kind, field: value, "setting": "CLINICAL", "days": days,
                    "effectiveFrom": today() - Days::new(30), "reason": "More often",
                } }),
            )
            .await;
        assert!(body["errors"].is_null(), "{body}");
    }
    let people = [&on_default, &on_unit_rule, &on_agreement, &newly_qualified];
    let held = today() - Days::new(2);
    org.record(&supervisor)
        .with(&people)
        .kind("CLINICAL_GROUP")
        .held_on(held)
        .create()
        .await;

    let priya = app.sign_in_as(&supervisor).await;
    let ids: Vec<_> = people.iter().map(|p| p.id).collect();
    let body = priya.gql(RULES, json!({ "ids": ids })).await;
    let rules: Vec<DueRule> = serde_json::from_value(body["data"]["dueRules"].clone())
        .unwrap_or_else(|e| panic!("{e}: {body}"));
    assert_eq!(rules.len(), 4, "{body}");
    let mut intervals = Vec::new();
    for person in people {
        let rule = rules.iter().find(|r| r.staff_id == person.id).unwrap();
        let browser = rule
            .next_due_after(ComplianceCategory::Clinical, held)
            .unwrap();
        let server = server_next_due(&app.sign_in_as(person).await).await;
        assert_eq!(json!(browser), server, "{}", person.name);
        intervals.push((browser - held).num_days());
    }
    assert_eq!(
        intervals,
        [56, 28, 21, 7],
        "each kind of policy gives its own date"
    );

    // Someone who is none of these to the viewer is left out.
    let peer = org.person("Grace Liu").in_unit(busy_team).create().await;
    let body = app
        .sign_in_as(&peer)
        .await
        .gql(RULES, json!({ "ids": [on_default.id] }))
        .await;
    assert_eq!(body["data"]["dueRules"], json!([]), "{body}");
}
