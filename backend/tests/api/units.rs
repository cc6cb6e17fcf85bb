//! The unit tree over time (F2.1): units open, are renamed, move and close
//! from the day each change takes effect, and a report as at an earlier
//! day counts the tree as it was then.

use chrono::{Days, NaiveDate, Utc};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use supervision_shared::Role;

use crate::helpers::*;

const TEAM: &str = "query($u: UUID!, $at: NaiveDate) { teamCompliance(unitId: $u, asAt: $at) { unit { name people } children { name people } } }";
const UNITS: &str = "query($at: NaiveDate) { orgUnits(asAt: $at) { id name path closedOn } }";
const MOVE: &str = "mutation($i: MoveUnitInput!) { moveUnit(input: $i) }";
const RENAME: &str = "mutation($i: RenameUnitInput!) { renameUnit(input: $i) }";
const CLOSE: &str = "mutation($i: CloseUnitInput!) { closeUnit(input: $i) }";
const CREATE: &str = "mutation($i: CreateUnitInput!) { createUnit(input: $i) }";

fn days_ago(n: u64) -> NaiveDate {
    Utc::now().date_naive() - Days::new(n)
}

fn paths(body: &Value) -> Vec<String> {
    body["data"]["orgUnits"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|u| u["path"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_past_report_counts_a_moved_and_renamed_team_where_it_was() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let community = org.unit_under(org.top, "Community", "division").await;
    let mental_health = org.unit_under(org.top, "Mental Health", "division").await;
    let team = org.unit_under(community, "Team A", "team").await;
    org.person("Tom Reed").in_unit(team).create().await;
    let head = org
        .person("Helen Carter")
        .role(Role::SeniorManager, Some(org.top))
        .create()
        .await;
    let admin = app.sign_in_as(&org.administrator).await;

    let body = admin
        .gql(
            MOVE,
            json!({ "i": { "unitId": team, "parentId": mental_health, "from": days_ago(10) } }),
        )
        .await;
    assert_eq!(body["data"]["moveUnit"], true, "{body}");
    let body = admin
        .gql(
            RENAME,
            json!({ "i": { "unitId": team, "name": "Crisis Team", "from": days_ago(5) } }),
        )
        .await;
    assert_eq!(body["data"]["renameUnit"], true, "{body}");

    let helen = app.sign_in_as(&head).await;
    let report = |unit: uuid::Uuid, at: NaiveDate| {
        let helen = helen.clone();
        async move { helen.gql(TEAM, json!({ "u": unit, "at": at })).await }
    };
    // Twenty days ago Team A was in Community, with Tom in it.
    let then = report(community, days_ago(20)).await;
    assert_eq!(
        then["data"]["teamCompliance"]["unit"]["people"], 1,
        "{then}"
    );
    assert_eq!(
        then["data"]["teamCompliance"]["children"][0]["name"], "Team A",
        "{then}"
    );
    let elsewhere = report(mental_health, days_ago(20)).await;
    assert_eq!(
        elsewhere["data"]["teamCompliance"]["unit"]["people"], 0,
        "{elsewhere}"
    );
    // Today it is Mental Health's Crisis Team.
    let now = report(community, Utc::now().date_naive()).await;
    assert_eq!(now["data"]["teamCompliance"]["unit"]["people"], 0, "{now}");
    let now = report(mental_health, Utc::now().date_naive()).await;
    assert_eq!(now["data"]["teamCompliance"]["unit"]["people"], 1, "{now}");
    assert_eq!(
        now["data"]["teamCompliance"]["children"][0]["name"], "Crisis Team",
        "{now}"
    );

    // The tree as it was on each day, by path.
    let on = |at: NaiveDate| {
        let admin = admin.clone();
        async move { paths(&admin.gql(UNITS, json!({ "at": at })).await) }
    };
    assert!(
        on(days_ago(20))
            .await
            .contains(&"Riverside / Community / Team A".to_owned())
    );
    assert!(
        on(days_ago(7))
            .await
            .contains(&"Riverside / Mental Health / Team A".to_owned())
    );
    assert!(
        on(days_ago(1))
            .await
            .contains(&"Riverside / Mental Health / Crisis Team".to_owned())
    );
    app.stop().await;
}

#[tokio::test]
async fn a_unit_opens_and_closes_on_its_days_and_bad_changes_write_nothing() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let community = org.unit_under(org.top, "Community", "division").await;
    let team = org.unit_under(community, "Team A", "team").await;
    let tom = org.person("Tom Reed").in_unit(team).create().await;
    let admin = app.sign_in_as(&org.administrator).await;
    let changes = app.count("org_unit_change").await;
    const AUDITED: &str = "audit_event WHERE action LIKE 'unit.%'";
    let audited = app.count(AUDITED).await;

    let refusals = [
        (
            MOVE,
            json!({ "unitId": team, "parentId": community, "from": days_ago(0) + Days::new(3) }),
            "from",
        ),
        (
            MOVE,
            json!({ "unitId": community, "parentId": team, "from": days_ago(1) }),
            "parentId",
        ),
        (
            MOVE,
            json!({ "unitId": team, "parentId": community, "from": days_ago(1) }),
            "parentId",
        ),
        (
            RENAME,
            json!({ "unitId": team, "name": "  ", "from": days_ago(1) }),
            "name",
        ),
        (
            CLOSE,
            json!({ "unitId": team, "from": days_ago(0) }),
            "unitId",
        ),
        (
            CLOSE,
            json!({ "unitId": community, "from": days_ago(0) }),
            "unitId",
        ),
        (
            CLOSE,
            json!({ "unitId": org.top, "from": days_ago(0) }),
            "unitId",
        ),
    ];
    for (mutation, input, field) in refusals {
        let body = admin.gql(mutation, json!({ "i": input })).await;
        assert_eq!(
            error_code(&body),
            Some("VALIDATION_FAILED"),
            "{input}: {body}"
        );
        assert!(
            error_fields(&body).contains(&field.to_owned()),
            "{input}: {body}"
        );
    }
    assert_eq!(
        app.count("org_unit_change").await,
        changes,
        "nothing written"
    );
    assert_eq!(app.count(AUDITED).await, audited, "nothing audited");

    // Only administrators change the tree.
    let staff = app.sign_in_as(&tom).await;
    let body = staff
        .gql(
            RENAME,
            json!({ "i": { "unitId": team, "name": "Mine", "from": days_ago(0) } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");

    // A new team opened last week; Team A emptied and closed yesterday.
    let body = admin
        .gql(CREATE, json!({ "i": { "name": "Team B", "parentId": community, "level": "team", "from": days_ago(7) } }))
        .await;
    assert!(body["data"]["createUnit"].is_string(), "{body}");
    let left = app
        .db
        .execute_unprepared(&format!(
            "UPDATE staff SET status = 'leaver', leaving_date = '{}' WHERE email = '{}'",
            days_ago(2),
            tom.email
        ))
        .await
        .unwrap();
    assert_eq!(left.rows_affected(), 1);
    let body = admin
        .gql(
            CLOSE,
            json!({ "i": { "unitId": team, "from": days_ago(1) } }),
        )
        .await;
    assert_eq!(body["data"]["closeUnit"], true, "{body}");
    let today = paths(&admin.gql(UNITS, json!({})).await);
    assert!(
        today.contains(&"Riverside / Community / Team B".to_owned()),
        "{today:?}"
    );
    assert!(
        !today.contains(&"Riverside / Community / Team A".to_owned()),
        "{today:?}"
    );
    let last_month = paths(&admin.gql(UNITS, json!({ "at": days_ago(30) })).await);
    assert!(
        last_month.contains(&"Riverside / Community / Team A".to_owned()),
        "{last_month:?}"
    );
    assert!(
        !last_month.contains(&"Riverside / Community / Team B".to_owned()),
        "{last_month:?}"
    );
    assert_eq!(
        app.count(AUDITED).await,
        audited + 2,
        "the opening and the closure"
    );
    app.stop().await;
}

/// The 12-month trend counts each month-end over the tree as it was then:
/// a team moved into a division counts there from its move, and in its old
/// division until it.
#[tokio::test]
async fn the_trend_counts_each_month_over_the_tree_as_it_was_then() {
    const TREND: &str =
        "query($u: UUID!) { complianceTrend(unitId: $u) { asAt figures { people } } }";
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let community = org.unit_under(org.top, "Community", "division").await;
    let mental_health = org.unit_under(org.top, "Mental Health", "division").await;
    let team = org.unit_under(community, "Team A", "team").await;
    org.person("Tom Reed").in_unit(team).create().await;
    let head = org
        .person("Helen Carter")
        .role(Role::SeniorManager, Some(org.top))
        .create()
        .await;
    let moved = days_ago(100);
    let body = app
        .sign_in_as(&org.administrator)
        .await
        .gql(
            MOVE,
            json!({ "i": { "unitId": team, "parentId": mental_health, "from": moved } }),
        )
        .await;
    assert_eq!(body["data"]["moveUnit"], true, "{body}");
    let helen = app.sign_in_as(&head).await;
    let people = |body: Value| -> Vec<(NaiveDate, i64)> {
        body["data"]["complianceTrend"]
            .as_array()
            .unwrap_or_else(|| panic!("{body}"))
            .iter()
            .map(|p| {
                (
                    p["asAt"].as_str().unwrap().parse().unwrap(),
                    p["figures"]["people"].as_i64().unwrap(),
                )
            })
            .collect()
    };
    let into = people(helen.gql(TREND, json!({ "u": mental_health })).await);
    let out_of = people(helen.gql(TREND, json!({ "u": community })).await);
    assert_eq!(into.len(), 12);
    for ((day, there), (_, before)) in into.iter().zip(&out_of) {
        let after_the_move = *day >= moved;
        assert_eq!(*there, i64::from(after_the_move), "Mental Health on {day}");
        assert_eq!(*before, i64::from(!after_the_move), "Community on {day}");
    }
}
