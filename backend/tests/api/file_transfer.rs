//! The supervision file moves with a change of supervisor (F2.5): from the
//! day the change takes effect the new clinical supervisor reads the
//! person's earlier clinical records, the old one no longer reads them (not
//! even those they wrote), and records of other kinds stay where they were.

use chrono::{Days, Utc};
use serde_json::{Value, json};
use supervision_shared::Role;

use crate::helpers::*;

const CHANGE: &str = "mutation($i: ChangeAllocationInput!) { changeAllocation(input: $i) }";
const READ: &str = "query($id: UUID!) { supervision(id: $id) { viewerAccess experience } }";
const MINE: &str = "{ mySupervisions { edges { node { id } } } }";
const HISTORY: &str = "query($s: UUID!) { staffSupervisions(staffId: $s) { id viewerAccess } }";

/// The ids in a list of records, or of a connection's edges.
fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap_or_else(|| panic!("{list}"))
        .iter()
        .map(|r| {
            r.get("node").unwrap_or(r)["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn the_file_goes_to_the_new_clinical_supervisor_on_the_day_and_leaves_the_old_one() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hannah = org
        .person("Hannah Hughes")
        .role(Role::HrAdmin, None)
        .create()
        .await;
    let lucy = org.person("Lucy Grant").create().await;
    let priya = org.person("Priya Shah").create().await;
    let owen = org.person("Owen Price").create().await;
    let tom = org
        .person("Tom Reed")
        .line_manager(&lucy)
        .clinical_supervisor(&priya)
        .create()
        .await;
    let zoe = org
        .person("Zoe Quinn")
        .line_manager(&lucy)
        .clinical_supervisor(&priya)
        .create()
        .await;
    let today = Utc::now().date_naive();
    let earlier = today - Days::new(20);
    let one_to_one = org
        .record(&priya)
        .with(&[&tom])
        .held_on(earlier)
        .create()
        .await;
    let group = org
        .record(&priya)
        .with(&[&tom, &zoe])
        .kind("CLINICAL_GROUP")
        .held_on(earlier)
        .create()
        .await;
    let line_management = org
        .record(&lucy)
        .with(&[&tom])
        .kind("LINE_MANAGEMENT")
        .held_on(earlier)
        .create()
        .await;
    let (hr, priya_client, owen_client, tom_client) = (
        app.sign_in_as(&hannah).await,
        app.sign_in_as(&priya).await,
        app.sign_in_as(&owen).await,
        app.sign_in_as(&tom).await,
    );
    let read = |client: &Client, id: uuid::Uuid| {
        let client = client.clone();
        async move { client.gql(READ, json!({ "id": id })).await }
    };

    // A change planned for next week moves nothing yet.
    let body = hr
        .gql(
            CHANGE,
            json!({ "i": { "staffId": tom.id, "kind": "CLINICAL_SUPERVISOR", "toId": owen.id, "from": today + Days::new(7) } }),
        )
        .await;
    assert_eq!(body["data"]["changeAllocation"], true, "{body}");
    assert_eq!(
        error_code(&read(&owen_client, one_to_one).await),
        Some("NOT_FOUND")
    );
    let body = read(&priya_client, one_to_one).await;
    assert_eq!(
        body["data"]["supervision"]["viewerAccess"], "PARTICIPANT",
        "{body}"
    );

    // Brought forward to today: the file is Owen's now.
    let body = hr
        .gql(
            CHANGE,
            json!({ "i": { "staffId": tom.id, "kind": "CLINICAL_SUPERVISOR", "toId": owen.id, "from": today } }),
        )
        .await;
    assert_eq!(body["data"]["changeAllocation"], true, "{body}");
    let body = read(&owen_client, one_to_one).await;
    assert_eq!(
        body["data"]["supervision"]["viewerAccess"], "FILE_HOLDER",
        "{body}"
    );
    assert!(
        body["data"]["supervision"]["experience"].is_string(),
        "{body}"
    );
    // The group session is in Tom's clinical file too (Zoe's personal
    // notes stay hers: that field is only ever the reader's own).
    let body = read(&owen_client, group).await;
    assert_eq!(
        body["data"]["supervision"]["viewerAccess"], "FILE_HOLDER",
        "{body}"
    );
    // Line management is Lucy's file, not Owen's.
    assert_eq!(
        error_code(&read(&owen_client, line_management).await),
        Some("NOT_FOUND")
    );
    // Owen finds it from Tom's page; he reads, he does not amend.
    let body = owen_client.gql(HISTORY, json!({ "s": tom.id })).await;
    let mut listed = ids(&body["data"]["staffSupervisions"]);
    listed.sort();
    let mut expected = vec![one_to_one.to_string(), group.to_string()];
    expected.sort();
    assert_eq!(listed, expected, "{body}");
    let body = owen_client
        .gql(
            "mutation($id: UUID!) { requestRemoval(id: $id, reason: \"Not mine to remove\") { id } }",
            json!({ "id": one_to_one }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");

    // Priya wrote the one-to-one, but has handed the file on: it is gone
    // from her list and her reach. The group stays hers: she still
    // supervises Zoe.
    assert_eq!(
        error_code(&read(&priya_client, one_to_one).await),
        Some("NOT_FOUND")
    );
    let body = read(&priya_client, group).await;
    assert_eq!(
        body["data"]["supervision"]["viewerAccess"], "PARTICIPANT",
        "{body}"
    );
    let mine = ids(&priya_client.gql(MINE, json!({})).await["data"]["mySupervisions"]["edges"]);
    assert!(!mine.contains(&one_to_one.to_string()), "{mine:?}");
    assert!(mine.contains(&group.to_string()), "{mine:?}");

    // Tom's own records are his whatever happens.
    let body = read(&tom_client, one_to_one).await;
    assert_eq!(
        body["data"]["supervision"]["viewerAccess"], "PARTICIPANT",
        "{body}"
    );

    // And he is told who holds his file now.
    let told = app
        .count(&format!(
            "outbox_message WHERE to_address = '{}' AND body LIKE '%Owen Price holds it%'",
            tom.email
        ))
        .await;
    assert_eq!(told, 2, "one email for each change");
    app.stop().await;
}

#[tokio::test]
async fn a_new_line_manager_reads_earlier_line_management_but_never_performance_management() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hannah = org
        .person("Hannah Hughes")
        .role(Role::HrAdmin, None)
        .create()
        .await;
    let lucy = org.person("Lucy Grant").create().await;
    let sam = org.person("Sam Smith").create().await;
    let tom = org.person("Tom Reed").line_manager(&lucy).create().await;
    let earlier = Utc::now().date_naive() - Days::new(10);
    let line_management = org
        .record(&lucy)
        .with(&[&tom])
        .kind("LINE_MANAGEMENT")
        .held_on(earlier)
        .create()
        .await;
    let performance = org
        .record(&lucy)
        .with(&[&tom])
        .kind("PERFORMANCE_MANAGEMENT")
        .held_on(earlier)
        .create()
        .await;
    let body = app
        .sign_in_as(&hannah)
        .await
        .gql(
            CHANGE,
            json!({ "i": { "staffId": tom.id, "kind": "LINE_MANAGER", "toId": sam.id, "from": Utc::now().date_naive() } }),
        )
        .await;
    assert_eq!(body["data"]["changeAllocation"], true, "{body}");
    let (sam_client, lucy_client) = (app.sign_in_as(&sam).await, app.sign_in_as(&lucy).await);
    let body = sam_client.gql(READ, json!({ "id": line_management })).await;
    assert_eq!(
        body["data"]["supervision"]["viewerAccess"], "FILE_HOLDER",
        "{body}"
    );
    // Performance management stays with the manager who ran the procedure,
    // the person and HR (F7.5).
    let body = sam_client.gql(READ, json!({ "id": performance })).await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    let body = lucy_client.gql(READ, json!({ "id": performance })).await;
    assert_eq!(
        body["data"]["supervision"]["viewerAccess"], "PARTICIPANT",
        "{body}"
    );
    // Lucy no longer manages Tom, so she reads his line management no more.
    let body = lucy_client
        .gql(READ, json!({ "id": line_management }))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    app.stop().await;
}
