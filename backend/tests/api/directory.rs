//! The directory as the API shows it: me, staff search, my supervisees.

use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn me_shows_roles_from_the_directory() {
    let app = TestApp::spawn().await;
    let body = app
        .sign_in(PRIYA)
        .await
        .gql("{ me { name organisationName roles } }", json!({}))
        .await;
    assert_eq!(body["data"]["me"]["name"], "Priya Shah");
    assert_eq!(
        body["data"]["me"]["organisationName"],
        "Northfield Health and Care NHS Trust"
    );
    let roles: Vec<&str> = body["data"]["me"]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r.as_str())
        .collect();
    assert_eq!(roles, vec!["STAFF", "SUPERVISOR", "LINE_MANAGER"]);
    let body = app
        .sign_in(HELEN)
        .await
        .gql("{ me { roles } }", json!({}))
        .await;
    assert!(
        body["data"]["me"]["roles"]
            .as_array()
            .unwrap()
            .contains(&json!("SENIOR_MANAGER"))
    );
    app.stop().await;
}

#[tokio::test]
async fn me_says_whether_anyone_supervises_them() {
    let app = TestApp::spawn().await;
    let supervised = |email: &'static str| {
        let app = &app;
        async move {
            let body = app
                .sign_in(email)
                .await
                .gql("{ me { supervised } }", json!({}))
                .await;
            assert!(body["errors"].is_null(), "{body}");
            body["data"]["me"]["supervised"].as_bool().unwrap()
        }
    };
    // Tom has a line manager and a clinical supervisor.
    assert!(supervised(TOM).await);
    // An auditor granted the role by the directory, with no one over her.
    assert!(!supervised(GRACE).await);
    app.stop().await;
}

#[tokio::test]
async fn staff_search_finds_colleagues_but_never_leavers_or_another_organisation() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let search = |q: &'static str| {
        let priya = priya.clone();
        async move {
            let body = priya
                .gql(
                    "query($q: String!) { searchStaff(query: $q) { name teamName } }",
                    json!({ "q": q }),
                )
                .await;
            body["data"]["searchStaff"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert!(search("tom r").await.contains(&"Tom Reed".to_owned()));
    assert!(
        search("reed").await.contains(&"Tom Reed".to_owned()),
        "matches the surname too"
    );
    assert!(
        search("sofia").await.is_empty(),
        "another organisation's staff never appear"
    );
    assert!(
        search("%").await.is_empty(),
        "wildcards are searched literally"
    );

    let leaver: String = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        backend::entity::staff::Entity::find()
            .filter(backend::entity::staff::Column::Status.eq("leaver"))
            .one(&app.db)
            .await
            .unwrap()
            .expect("the demo has leavers")
            .name
    };
    let leaver_query: &'static str = Box::leak(leaver.clone().into_boxed_str());
    assert!(
        !search(leaver_query).await.contains(&leaver),
        "leavers disappear from pickers"
    );
    app.stop().await;
}

#[tokio::test]
async fn my_supervisees_shows_the_last_formal_supervision_and_ignores_informal_sessions() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    const SUPERVISEES: &str =
        "{ mySupervisees { staff { id name } relationship lastFormalSupervision } }";
    let clinical_last = |body: &serde_json::Value| {
        body["data"]["mySupervisees"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| {
                s["staff"]["id"] == tom_id.to_string() && s["relationship"] == "Clinical supervisor"
            })
            .map(|s| s["lastFormalSupervision"].clone())
            .expect("Tom is Priya's clinical supervisee")
    };
    let before = clinical_last(&priya.gql(SUPERVISEES, json!({})).await);

    let today = chrono::Utc::now().date_naive();
    let mut wellbeing = group_input(&[tom_id]);
    wellbeing["kind"] = json!("CLINICAL_ONE_TO_ONE");
    wellbeing["approach"] = json!("WELLBEING_SUPPORT");
    let body = priya.gql(RECORD, json!({ "input": wellbeing })).await;
    assert!(body["errors"].is_null(), "{body}");
    let after_wellbeing = clinical_last(&priya.gql(SUPERVISEES, json!({})).await);
    assert_eq!(
        after_wellbeing, before,
        "wellbeing support does not count as formal supervision"
    );

    let mut formal = group_input(&[tom_id]);
    formal["kind"] = json!("CLINICAL_ONE_TO_ONE");
    let body = priya.gql(RECORD, json!({ "input": formal })).await;
    assert!(body["errors"].is_null(), "{body}");
    let after_formal = clinical_last(&priya.gql(SUPERVISEES, json!({})).await);
    assert_eq!(after_formal, json!(today));
    app.stop().await;
}

#[tokio::test]
async fn my_supervisions_pages_newest_first_without_gaps_or_repeats() {
    let app = TestApp::spawn().await;
    let tom = app.sign_in(TOM).await;
    const PAGE: &str = "query($after: String) { mySupervisions(first: 4, after: $after) { nodes { id heldOn } pageInfo { hasNextPage endCursor } } }";
    let all = tom
        .gql(
            "{ mySupervisions(first: 100) { nodes { id heldOn } } }",
            json!({}),
        )
        .await;
    let all: Vec<serde_json::Value> = all["data"]["mySupervisions"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    assert!(all.len() > 4, "the demo gives Tom several records");
    let dates: Vec<&str> = all.iter().map(|n| n["heldOn"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");

    let mut paged = Vec::new();
    let mut after = serde_json::Value::Null;
    loop {
        let body = tom.gql(PAGE, json!({ "after": after })).await;
        let page = &body["data"]["mySupervisions"];
        paged.extend(page["nodes"].as_array().unwrap().iter().cloned());
        if !page["pageInfo"]["hasNextPage"].as_bool().unwrap() {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(paged, all);

    let body = tom.gql(PAGE, json!({ "after": "not-a-cursor" })).await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"));
    app.stop().await;
}

#[tokio::test]
async fn my_supervisees_are_sorted_by_urgency_with_a_status_per_kind() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let team = org.team("Community Nursing").await;
    let priya = org.person("Priya Shah").in_unit(team).create().await;
    let supervisee = |name: &'static str| {
        org.person(name)
            .in_unit(team)
            .clinical_supervisor(&priya)
            .create()
    };
    let (recent, never, lapsed) = (
        supervisee("Tom Reed").await,
        supervisee("Aisha Khan").await,
        supervisee("Owen Price").await,
    );
    let today = chrono::Utc::now().date_naive();
    org.record(&priya).with(&[&recent]).create().await;
    org.record(&priya)
        .with(&[&lapsed])
        .held_on(today - chrono::Days::new(100))
        .create()
        .await;

    let body = app
        .sign_in_as(&priya)
        .await
        .gql(
            "{ mySupervisees { staff { name } relationship status nextDue standings { category status nextDue asAt } } }",
            json!({}),
        )
        .await;
    let list = body["data"]["mySupervisees"].as_array().unwrap();
    let order: Vec<(&str, &str)> = list
        .iter()
        .map(|s| {
            (
                s["staff"]["name"].as_str().unwrap(),
                s["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            (lapsed.name.as_str(), "OVERDUE"),
            (never.name.as_str(), "NEVER_HAD"),
            (recent.name.as_str(), "COMPLIANT"),
        ],
        "most urgent first, by their clinical supervision: {body}"
    );
    let tom = &list[2];
    assert_eq!(tom["relationship"], "Clinical supervisor");
    assert_eq!(tom["nextDue"], json!(today + chrono::Days::new(56)));
    assert_eq!(
        tom["standings"].as_array().unwrap().len(),
        3,
        "clinical, management, case"
    );
    assert_eq!(
        tom["standings"][0]["asAt"],
        json!(supervision_shared::compliance::end_of_month(today))
    );
    app.stop().await;
}

#[tokio::test]
async fn the_picker_finds_names_without_case_accents_or_punctuation_and_tells_namesakes_apart() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let (team_a, team_b) = (org.team("Team A").await, org.team("Team B").await);
    let searcher = org.person("Priya Shah").in_unit(team_a).create().await;
    for (name, team) in [
        ("Siân Evans", team_a),
        ("Zoë O'Neill", team_a),
        ("Amara Smith-Jones", team_b),
        ("Sam Smith", team_a),
        ("Sam Smith", team_b),
    ] {
        org.person(name).in_unit(team).create().await;
    }
    org.person("Sam Gone")
        .left(chrono::Utc::now().date_naive() - chrono::Days::new(1))
        .create()
        .await;
    let priya = app.sign_in_as(&searcher).await;
    let search = |query: &'static str| {
        let priya = &priya;
        async move {
            let body = priya
                .gql(
                    "query($q: String!) { searchStaff(query: $q) { name teamName } }",
                    json!({ "q": query }),
                )
                .await;
            body["data"]["searchStaff"]
                .as_array()
                .unwrap_or_else(|| panic!("{query}: {body}"))
                .iter()
                .map(|p| {
                    format!(
                        "{} ({})",
                        p["name"].as_str().unwrap(),
                        p["teamName"].as_str().unwrap()
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(search("sian").await, ["Siân Evans (Team A)"]);
    assert_eq!(search("ZOE").await, ["Zoë O'Neill (Team A)"]);
    for query in ["oneill", "o'neill", "neill", "O’Ne"] {
        assert_eq!(search(query).await, ["Zoë O'Neill (Team A)"], "{query}");
    }
    assert_eq!(search("jones").await, ["Amara Smith-Jones (Team B)"]);
    // Two Sam Smiths, told apart by their teams; the leaver never shown.
    assert_eq!(
        search("sam").await,
        ["Sam Smith (Team A)", "Sam Smith (Team B)"]
    );
    assert!(search("vans").await.is_empty(), "the start of a word only");
    assert!(search("%").await.is_empty(), "no wildcards");
    app.stop().await;
}
