//! My own standing (F5.4), from the one rule in `shared`.

use serde_json::json;

use crate::helpers::*;

const MINE: &str =
    "query($at: NaiveDate) { myCompliance(asAt: $at) { category last nextDue status asAt } }";

#[tokio::test]
async fn a_formal_session_recorded_today_makes_me_compliant_and_sets_the_next_due_date() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let mut input = group_input(&[app.staff_id(TOM).await]);
    input["kind"] = json!("CLINICAL_ONE_TO_ONE");
    assert!(priya.gql(RECORD, json!({ "input": input })).await["errors"].is_null());

    let today = chrono::Utc::now().date_naive();
    let body = app
        .sign_in(TOM)
        .await
        .gql(MINE, json!({ "at": today }))
        .await;
    let standings = body["data"]["myCompliance"].as_array().unwrap();
    assert_eq!(standings.len(), 3, "clinical, management and case");
    let clinical = standings
        .iter()
        .find(|s| s["category"] == "CLINICAL")
        .unwrap();
    assert_eq!(clinical["last"], json!(today));
    assert_eq!(
        clinical["nextDue"],
        json!(today + chrono::Days::new(56)),
        "every eight weeks"
    );
    assert_eq!(clinical["status"], "COMPLIANT");
    app.stop().await;
}

#[tokio::test]
async fn the_default_date_judged_is_the_end_of_the_month() {
    let app = TestApp::spawn().await;
    let body = app.sign_in(OWEN).await.gql(MINE, json!({})).await;
    let expected = supervision_shared::compliance::end_of_month(chrono::Utc::now().date_naive());
    for standing in body["data"]["myCompliance"].as_array().unwrap() {
        assert_eq!(standing["asAt"], json!(expected));
    }
    app.stop().await;
}
