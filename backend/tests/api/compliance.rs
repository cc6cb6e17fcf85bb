//! My own standing (F5.4), from the one rule in `shared`, in organisations
//! built for each test.

use chrono::{Days, Utc};
use serde_json::{Value, json};

use crate::helpers::*;

const MINE: &str =
    "query($at: NaiveDate) { myCompliance(asAt: $at) { category last nextDue status asAt } }";

fn standing<'a>(body: &'a Value, category: &str) -> &'a Value {
    body["data"]["myCompliance"]
        .as_array()
        .and_then(|all| all.iter().find(|s| s["category"] == category))
        .unwrap_or_else(|| panic!("no {category} standing: {body}"))
}

#[tokio::test]
async fn a_formal_session_recorded_today_makes_me_compliant_and_sets_the_next_due_date() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let priya = org.person("Priya Shah").create().await;
    let tom = org
        .person("Tom Reed")
        .clinical_supervisor(&priya)
        .line_manager(&priya)
        .create()
        .await;
    let today = Utc::now().date_naive();
    let before = app
        .sign_in_as(&tom)
        .await
        .gql(MINE, json!({ "at": today }))
        .await;
    assert_eq!(
        standing(&before, "CLINICAL")["status"],
        "NEVER_HAD",
        "{before}"
    );

    org.record(&priya).with(&[&tom]).create().await;

    let body = app
        .sign_in_as(&tom)
        .await
        .gql(MINE, json!({ "at": today }))
        .await;
    let clinical = standing(&body, "CLINICAL");
    assert_eq!(clinical["last"], json!(today));
    assert_eq!(
        clinical["nextDue"],
        json!(today + Days::new(56)),
        "every eight weeks"
    );
    assert_eq!(clinical["status"], "COMPLIANT");
    // A clinical session is not management supervision, and case
    // supervision is not asked of someone who holds no caseload.
    assert_eq!(standing(&body, "MANAGEMENT")["status"], "NEVER_HAD");
    assert_eq!(standing(&body, "CASE")["status"], "NOT_APPLICABLE");
    app.stop().await;
}

#[tokio::test]
async fn the_default_date_judged_is_the_end_of_the_month() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let owen = org.person("Owen Price").create().await;
    let body = app.sign_in_as(&owen).await.gql(MINE, json!({})).await;
    let expected = supervision_shared::compliance::end_of_month(Utc::now().date_naive());
    let standings = body["data"]["myCompliance"].as_array().unwrap();
    assert_eq!(standings.len(), 3, "clinical, management and case: {body}");
    for standing in standings {
        assert_eq!(standing["asAt"], json!(expected));
    }
    app.stop().await;
}

/// Issue 17: "Overdue" was shown for dates that had not arrived. Judged as
/// at a later day (the month's end, to plan), someone due today or later is
/// "due by" that day; someone whose due date has passed is overdue.
#[tokio::test]
async fn someone_not_yet_due_is_due_by_the_day_never_overdue() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let priya = org.person("Priya Shah").create().await;
    let tom = org
        .person("Tom Reed")
        .clinical_supervisor(&priya)
        .line_manager(&priya)
        .create()
        .await;
    let today = Utc::now().date_naive();
    // Clinical every eight weeks, due today; management every four, due 12
    // days ago.
    org.record(&priya)
        .with(&[&tom])
        .held_on(today - Days::new(56))
        .create()
        .await;
    org.record(&priya)
        .with(&[&tom])
        .kind("LINE_MANAGEMENT")
        .held_on(today - Days::new(40))
        .create()
        .await;
    let body = app
        .sign_in_as(&tom)
        .await
        .gql(MINE, json!({ "at": today + Days::new(10) }))
        .await;
    let clinical = standing(&body, "CLINICAL");
    assert_eq!(clinical["nextDue"], json!(today), "{body}");
    assert_eq!(clinical["status"], "DUE_BY_MONTH_END");
    let management = standing(&body, "MANAGEMENT");
    assert_eq!(management["nextDue"], json!(today - Days::new(12)));
    assert_eq!(management["status"], "OVERDUE");
    app.stop().await;
}
