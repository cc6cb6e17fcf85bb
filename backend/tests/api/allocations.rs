//! A change of supervisor or line manager with the day it takes effect
//! (F2.5): made by HR or the person's line manager, the old one's ending
//! the day before, the person told by email, nothing written on refusal.

use chrono::{Days, Utc};
use serde_json::{Value, json};
use supervision_shared::Role;

use crate::helpers::*;

const CHANGE: &str = "mutation($i: ChangeAllocationInput!) { changeAllocation(input: $i) }";
const SUPERVISEES: &str = "{ mySupervisees { staff { name } relationship } }";

fn names(body: &Value) -> Vec<String> {
    let mut names: Vec<String> = body["data"]["mySupervisees"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|s| {
            format!(
                "{} ({})",
                s["staff"]["name"].as_str().unwrap(),
                s["relationship"].as_str().unwrap()
            )
        })
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn a_new_supervisor_takes_over_on_the_day_and_the_person_is_told() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hannah = org
        .person("Hannah Hughes")
        .role(Role::HrAdmin, None)
        .create()
        .await;
    let priya = org.person("Priya Shah").create().await;
    let owen = org.person("Owen Price").create().await;
    let tom = org
        .person("Tom Reed")
        .line_manager(&priya)
        .clinical_supervisor(&priya)
        .create()
        .await;
    let today = Utc::now().date_naive();
    let (hr, priya_client, owen_client) = (
        app.sign_in_as(&hannah).await,
        app.sign_in_as(&priya).await,
        app.sign_in_as(&owen).await,
    );
    let mails = app.count("outbox_message").await;

    let body = hr
        .gql(
            CHANGE,
            json!({ "i": { "staffId": tom.id, "kind": "CLINICAL_SUPERVISOR", "toId": owen.id, "from": today + Days::new(7) } }),
        )
        .await;
    assert_eq!(body["data"]["changeAllocation"], true, "{body}");
    // Until the day, nothing changes for either supervisor.
    assert_eq!(
        names(&priya_client.gql(SUPERVISEES, json!({})).await),
        ["Tom Reed (Clinical supervisor)", "Tom Reed (Line manager)"]
    );
    assert!(names(&owen_client.gql(SUPERVISEES, json!({})).await).is_empty());
    // Tom is told, without any supervision content.
    assert_eq!(app.count("outbox_message").await, mails + 1);
    let subject = app
        .count(&format!(
            "outbox_message WHERE to_address = '{}' AND subject LIKE 'Your clinical supervisor from%'",
            tom.email
        ))
        .await;
    assert_eq!(subject, 1);

    // Brought forward to today by his line manager: Owen now, Priya no more.
    let body = priya_client
        .gql(
            CHANGE,
            json!({ "i": { "staffId": tom.id, "kind": "CLINICAL_SUPERVISOR", "toId": owen.id, "from": today } }),
        )
        .await;
    assert_eq!(body["data"]["changeAllocation"], true, "{body}");
    assert_eq!(
        names(&owen_client.gql(SUPERVISEES, json!({})).await),
        ["Tom Reed (Clinical supervisor)"]
    );
    assert_eq!(
        names(&priya_client.gql(SUPERVISEES, json!({})).await),
        ["Tom Reed (Line manager)"]
    );
    assert_eq!(
        app.count("audit_event WHERE action = 'allocation.change'")
            .await,
        2
    );
    app.stop().await;
}

#[tokio::test]
async fn only_hr_or_the_line_manager_change_it_and_bad_changes_write_nothing() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hannah = org
        .person("Hannah Hughes")
        .role(Role::HrAdmin, None)
        .create()
        .await;
    let priya = org.person("Priya Shah").create().await;
    let aisha = org.person("Aisha Khan").create().await;
    let tom = org
        .person("Tom Reed")
        .line_manager(&priya)
        .started(Utc::now().date_naive() - Days::new(30))
        .create()
        .await;
    let today = Utc::now().date_naive();
    let before = app.count("allocation").await;

    // Aisha manages nobody: as if Tom did not exist.
    let body = app
        .sign_in_as(&aisha)
        .await
        .gql(
            CHANGE,
            json!({ "i": { "staffId": tom.id, "kind": "LINE_MANAGER", "toId": aisha.id, "from": today } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");

    let hr = app.sign_in_as(&hannah).await;
    for (input, field) in [
        (
            json!({ "staffId": tom.id, "kind": "LINE_MANAGER", "toId": tom.id, "from": today }),
            "toId",
        ),
        (
            json!({ "staffId": tom.id, "kind": "LINE_MANAGER", "toId": priya.id, "from": today }),
            "toId",
        ),
        (
            json!({ "staffId": tom.id, "kind": "LINE_MANAGER", "toId": aisha.id, "from": today - Days::new(60) }),
            "from",
        ),
    ] {
        let body = hr.gql(CHANGE, json!({ "i": input })).await;
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
        app.count("allocation").await,
        before,
        "refusals write nothing"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_change_that_has_taken_effect_is_not_rewritten_by_a_backdated_one() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hannah = org
        .person("Hannah Hughes")
        .role(Role::HrAdmin, None)
        .create()
        .await;
    let (priya, owen, aisha) = (
        org.person("Priya Shah").create().await,
        org.person("Owen Price").create().await,
        org.person("Aisha Khan").create().await,
    );
    let tom = org
        .person("Tom Reed")
        .clinical_supervisor(&priya)
        .create()
        .await;
    let today = Utc::now().date_naive();
    let hr = app.sign_in_as(&hannah).await;
    let change = |to: uuid::Uuid, from: chrono::NaiveDate| json!({ "i": { "staffId": tom.id, "kind": "CLINICAL_SUPERVISOR", "toId": to, "from": from } });
    let body = hr.gql(CHANGE, change(owen.id, today - Days::new(10))).await;
    assert_eq!(body["data"]["changeAllocation"], true, "{body}");
    let before = app.count("allocation").await;
    // Owen took over ten days ago: a change from twenty days ago would erase that.
    let body = hr
        .gql(CHANGE, change(aisha.id, today - Days::new(20)))
        .await;
    assert_eq!(error_fields(&body), vec!["from"], "{body}");
    assert_eq!(app.count("allocation").await, before);
    app.stop().await;
}

/// Issue 17: an HR administrator's queue of people no one is named to
/// supervise, newest starters first, saying which is missing; a person
/// leaves it once someone is named, leavers and other organisations' staff
/// are never in it, and nobody else may read it.
#[tokio::test]
async fn hr_sees_who_has_no_line_manager_or_clinical_supervisor_until_one_is_named() {
    const QUEUE: &str = "{ unallocatedStaff { total people { staff { id name teamName } startDate noLineManager noClinicalSupervisor } } }";
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let today = Utc::now().date_naive();
    let priya = org
        .person("Priya Shah")
        .started(today - Days::new(400))
        .create()
        .await;
    let hannah = org
        .person("Hannah Hughes")
        .role(Role::HrAdmin, None)
        .started(today - Days::new(100))
        .clinical_supervisor(&priya)
        .create()
        .await;
    let tom = org
        .person("Tom Reed")
        .started(today - Days::new(3))
        .line_manager(&priya)
        .create()
        .await;
    org.person("Aisha Khan")
        .line_manager(&priya)
        .clinical_supervisor(&priya)
        .create()
        .await;
    org.person("Owen Price")
        .left(today - Days::new(30))
        .create()
        .await;
    let hr = app.sign_in_as(&hannah).await;

    let body = hr.gql(QUEUE, json!({})).await;
    let queue = &body["data"]["unallocatedStaff"];
    let people: Vec<(String, bool, bool)> = queue["people"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|p| {
            (
                p["staff"]["name"].as_str().unwrap().to_owned(),
                p["noLineManager"].as_bool().unwrap(),
                p["noClinicalSupervisor"].as_bool().unwrap(),
            )
        })
        .collect();
    // The organisation's administrator, set up today, then Tom, who started
    // three days ago. Aisha has both; Owen has left; Northfield's people are
    // another organisation's.
    assert_eq!(
        people,
        [
            ("Ada Admin".to_owned(), true, true),
            ("Tom Reed".to_owned(), false, true),
            ("Hannah Hughes".to_owned(), true, false),
            ("Priya Shah".to_owned(), true, true),
        ],
        "{body}"
    );
    assert_eq!(queue["total"], 4);
    // Each names the person's team and first day.
    let tom_in_queue = queue["people"]
        .as_array()
        .and_then(|people| people.iter().find(|p| p["staff"]["name"] == "Tom Reed"))
        .unwrap_or_else(|| panic!("{body}"));
    assert_eq!(tom_in_queue["staff"]["teamName"], "Riverside", "{body}");
    assert_eq!(
        tom_in_queue["startDate"],
        (today - Days::new(3)).to_string(),
        "{body}"
    );
    let first = hr
        .gql(
            "{ unallocatedStaff(first: 1) { total people { staff { name } } } }",
            json!({}),
        )
        .await;
    assert_eq!(first["data"]["unallocatedStaff"]["total"], 4);
    assert_eq!(
        first["data"]["unallocatedStaff"]["people"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    // Named from today, Tom leaves the queue.
    let body = hr
        .gql(
            CHANGE,
            json!({ "i": { "staffId": tom.id, "kind": "CLINICAL_SUPERVISOR", "toId": priya.id, "from": today } }),
        )
        .await;
    assert_eq!(body["data"]["changeAllocation"], true, "{body}");
    let body = hr.gql(QUEUE, json!({})).await;
    assert_eq!(body["data"]["unallocatedStaff"]["total"], 3, "{body}");

    // Nobody else reads it: not a line manager, not an auditor.
    for who in [&priya, &tom] {
        let body = app.sign_in_as(who).await.gql(QUEUE, json!({})).await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
        assert!(body["data"].is_null() || body["data"]["unallocatedStaff"].is_null());
    }
    let admin = app.sign_in(GRACE).await;
    let body = admin.gql(QUEUE, json!({})).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
}
