//! Subject access (F7.8): a person downloads all their own supervision
//! records, as data and as a printable page, and nobody else's.

use serde_json::{Value, json};

use crate::helpers::*;

#[tokio::test]
async fn a_person_downloads_all_their_own_records_as_json() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let tom = app.sign_in(TOM).await;
    tom.gql(
        "mutation($id: UUID!) { validateSupervision(id: $id, decision: DISAGREE, comment: \"My own account\") { id } }",
        json!({ "id": id }),
    )
    .await;
    // His appraisal objective and a session booked with him go too.
    let body = tom
        .gql(
            "mutation($s: UUID!) { addAppraisalObjective(staffId: $s, objective: { title: \"Lead a reflective group\" }) { id } }",
            json!({ "s": app.staff_id(TOM).await }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    let in_three_days = chrono::Utc::now().date_naive() + chrono::Duration::days(3);
    let body = priya
        .gql(
            "mutation($i: BookSessionInput!) { bookSession(input: $i) { id } }",
            json!({ "i": { "superviseeIds": [app.staff_id(TOM).await], "time": {
                "startsOn": in_three_days, "startsAt": "10:00", "durationMinutes": 60, "place": "Room 2" } } }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");

    let response = tom
        .http
        .get(format!("{}/export/my-records.json", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let export: Value = response.json().await.unwrap();
    assert_eq!(export["person"]["name"], "Tom Reed");
    let records = export["supervisions"].as_array().unwrap();
    let listed = tom
        .gql(
            "{ mySupervisions(first: 100, from: \"2000-01-01\") { nodes { id canValidate } } }",
            json!({}),
        )
        .await;
    let as_supervisee = listed["data"]["mySupervisions"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["canValidate"] == true)
        .count();
    assert_eq!(
        records.len(),
        as_supervisee,
        "every record on which Tom is a supervisee"
    );
    let this = records
        .iter()
        .find(|r| r["id"] == id.to_string())
        .expect("the new record is in the export");
    assert_eq!(
        this["experience"],
        "Group reflection on managing risk in lone working."
    );
    assert_eq!(this["myValidation"], "Disagreed");
    assert!(
        export["appraisalObjectives"]
            .as_array()
            .is_some_and(|all| all.iter().any(|o| o["title"] == "Lead a reflective group")),
        "{export}"
    );
    assert!(
        export["bookedSessions"]
            .as_array()
            .is_some_and(|all| all.iter().any(|b| {
                b["bookedBy"] == "Priya Shah" && b["status"] == "Booked" && b["place"] == "Room 2"
            })),
        "{export}"
    );
    assert_eq!(this["myComment"], "My own account");

    let owen = app.sign_in(OWEN).await;
    let theirs: Value = owen
        .http
        .get(format!("{}/export/my-records.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        !theirs.to_string().contains(&id.to_string()),
        "nobody else's export holds Tom's record"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_printable_copy_escapes_what_people_typed() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let mut input = group_input(&[app.staff_id(TOM).await]);
    input["experience"] = json!("<script>alert('x')</script> & more");
    let body = priya.gql(RECORD, json!({ "input": input })).await;
    assert!(body["errors"].is_null(), "{body}");

    let tom = app.sign_in(TOM).await;
    let response = tom
        .http
        .get(format!("{}/export/my-records.html", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let page = response.text().await.unwrap();
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
    assert!(!page.contains("<script>"));
    app.stop().await;
}

#[tokio::test]
async fn exports_need_a_session_and_are_audited() {
    let app = TestApp::spawn().await;
    let response = app
        .anonymous()
        .http
        .get(format!("{}/export/my-records.json", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 401);
    let tom = app.sign_in(TOM).await;
    tom.http
        .get(format!("{}/export/my-records.json", app.base))
        .send()
        .await
        .unwrap();
    let exports = {
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        backend::entity::audit_event::Entity::find()
            .filter(backend::entity::audit_event::Column::Action.eq("export.subject_access"))
            .count(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(exports, 1);
    app.stop().await;
}
