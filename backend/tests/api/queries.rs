//! No N+1: a list of records costs a fixed number of database queries,
//! whatever its length, because every relation shown in lists goes through
//! a per-request batch loader. Counted with the database driver's own
//! per-statement callback on a pool of our own.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use async_graphql::{Request, Variables};
use backend::auth::Viewer;
use sea_orm::Database;
use serde_json::{Value, json};
use supervision_shared::Role;

use crate::helpers::*;

const LIST: &str =
    "query($first: Int!) { mySupervisions(from: \"2000-01-01\", first: $first) { nodes {
  id kind heldOn sharedLate version countsAsFormal
  recordedBy { name jobTitle }
  attendees { supervisee { name } validationState validatedAt }
  myValidation { validationState }
  actions { description dueOn overdue owner { name } }
} } }";

#[tokio::test]
async fn a_list_of_fifty_records_costs_no_more_queries_than_a_list_of_five() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let (tom, aisha) = (app.staff_id(TOM).await, app.staff_id(AISHA).await);
    for _ in 0..50 {
        record_group(&priya, &[tom, aisha]).await;
    }
    let organisation_id = {
        use sea_orm::EntityTrait;
        backend::entity::staff::Entity::find_by_id(tom)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .organisation_id
    };

    // The unit the recorder's card names, read apart here.
    let priya_team = {
        use sea_orm::EntityTrait;
        let priya = backend::entity::staff::Entity::find_by_id(app.staff_id(PRIYA).await)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        backend::entity::org_unit::Entity::find_by_id(priya.org_unit_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .name
    };

    let statements = Arc::new(AtomicUsize::new(0));
    let mut db = Database::connect(&app.database_url).await.unwrap();
    let counter = statements.clone();
    db.set_metric_callback(move |info| {
        counter.fetch_add(1, Ordering::SeqCst);
        if std::env::var("SHOW_SQL").is_ok() {
            eprintln!(
                "SQL {}",
                &info.statement.sql[..info.statement.sql.len().min(150)]
            );
        }
    });
    let schema = backend::graphql::build_schema(
        db.clone(),
        &config(&app.database_url, &[]),
        attachment_store(),
        backend::web::limits::HeavyReports::new(1),
    );
    let viewer = Viewer {
        staff_id: tom,
        organisation_id,
        name: "Tom Reed".into(),
        roles: vec![Role::Staff],
        time_zone: backend::service::clock::DEFAULT_ZONE,
    };
    let mut counts = Vec::new();
    for (query, first) in [(LIST, 5), (LIST, 50), (HOME_LIST, 50)] {
        statements.store(0, Ordering::SeqCst);
        let request = backend::graphql::for_viewer(
            Request::new(query).variables(Variables::from_json(json!({ "first": first }))),
            &db,
            viewer.clone(),
        );
        let response = schema.execute(request).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        let body = response.data.into_json().unwrap();
        let nodes = body["mySupervisions"]["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), first);
        // Tom attended every one: read from the attendees the list reads
        // anyway, each says he was supervised in it and may agree with it.
        for node in nodes {
            assert_eq!(
                node["myValidation"]["validationState"], "AWAITING",
                "{node}"
            );
            if query == HOME_LIST {
                assert_eq!(node["recordedBy"]["teamName"], priya_team, "{node}");
            }
        }
        counts.push(statements.load(Ordering::SeqCst));
    }
    assert_eq!(
        counts[0], counts[1],
        "queries for 5 records and for 50: {counts:?}"
    );
    assert!(counts[1] <= 6, "a handful of queries in all: {counts:?}");
    assert_eq!(
        counts[2],
        counts[1] - 1,
        "the home page's list, which shows no actions, does not read them: {counts:?}"
    );
    app.stop().await;
}

/// The front end's own list (frontend/src/api/supervision.rs), which shows
/// no actions.
const HOME_LIST: &str = "query($first: Int!) { mySupervisions(from: \"2000-01-01\", first: $first) { \
    nodes { id kind heldOn recordedBy { id name jobTitle teamName } myValidation { validationState } \
      attendees { supervisee { id name jobTitle teamName } validationState } } \
    pageInfo { hasNextPage endCursor } } }";

/// Actions asked for in a list are there, read with the rest of the page.
#[tokio::test]
async fn a_list_that_asks_for_actions_gets_them() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom = app.staff_id(TOM).await;
    let mut input = group_input(&[tom]);
    input["actions"] = json!([{ "description": "Read the lone working policy", "ownerId": tom }]);
    let body = priya.gql(RECORD, json!({ "input": input })).await;
    assert!(body["errors"].is_null(), "{body}");
    let tom_signed_in = app.sign_in(TOM).await;
    let body = tom_signed_in.gql(LIST, json!({ "first": 5 })).await;
    let nodes = body["data"]["mySupervisions"]["nodes"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"));
    // Newest first: the record just made, then the demo's earlier ones,
    // each with its own actions.
    let descriptions = |node: &Value| -> Vec<String> {
        node["actions"]
            .as_array()
            .unwrap_or_else(|| panic!("{node}"))
            .iter()
            .map(|a| a["description"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(descriptions(&nodes[0]), ["Read the lone working policy"]);
    assert!(
        nodes[1..].iter().any(|n| !descriptions(n).is_empty()),
        "the earlier records' actions are there too: {body}"
    );
    app.stop().await;
}

/// A supervisor's home lists the supervision they received apart from the
/// records they wrote for others (issue 17, finding 3).
#[tokio::test]
async fn my_records_are_listed_as_received_or_written() {
    const MINE: &str = "query($part: MyRecords) { mySupervisions(part: $part, from: \"2000-01-01\") { \
        nodes { id } } }";
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let wrote = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let manager = app.sign_in(&app.line_manager_of(PRIYA).await).await;
    let received = record_group(&manager, &[app.staff_id(PRIYA).await]).await;
    let ids = |body: Value| -> Vec<String> {
        assert!(body["errors"].is_null(), "{body}");
        body["data"]["mySupervisions"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let part = |p: Value| json!({ "part": p });
    let priya_received = ids(priya.gql(MINE, part(json!("RECEIVED"))).await);
    assert!(priya_received.contains(&received.to_string()));
    assert!(!priya_received.contains(&wrote.to_string()));
    let priya_wrote = ids(priya.gql(MINE, part(json!("WROTE"))).await);
    assert!(priya_wrote.contains(&wrote.to_string()));
    assert!(!priya_wrote.contains(&received.to_string()));
    let both = ids(priya.gql(MINE, part(Value::Null)).await);
    assert!(both.contains(&wrote.to_string()) && both.contains(&received.to_string()));
    let tom = app.sign_in(TOM).await;
    assert!(
        !ids(tom.gql(MINE, part(json!("WROTE"))).await).contains(&wrote.to_string()),
        "Tom was supervised in it; he did not write it"
    );
    assert!(ids(tom.gql(MINE, part(json!("RECEIVED"))).await).contains(&wrote.to_string()));
    app.stop().await;
}
