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

#[tokio::test]
async fn the_export_holds_the_persons_agreements_wellbeing_and_observations_of_their_practice() {
    use chrono::{Days, Utc};
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let team = org.team("Family Support").await;
    let helen = org
        .person("Helen Carter")
        .role(supervision_shared::Role::SeniorManager, Some(org.top))
        .create()
        .await;
    let priya = org.person("Priya Shah").in_unit(team).create().await;
    let tom = org
        .person("Tom Reed")
        .in_unit(team)
        .line_manager(&priya)
        .create()
        .await;
    let today = Utc::now().date_naive();
    let (helen, priya_client, tom_client) = (
        app.sign_in_as(&helen).await,
        app.sign_in_as(&priya).await,
        app.sign_in_as(&tom).await,
    );

    // Priya agrees terms with Tom, and keeps a wellbeing check with him.
    let headings = priya_client
        .gql("{ agreementHeadings { key heading } }", json!({}))
        .await;
    let headings = headings["data"]["agreementHeadings"]
        .as_array()
        .unwrap()
        .clone();
    let body = priya_client
        .gql(
            "mutation($s: UUID!, $t: AgreementTermsInput!) { startAgreement(superviseeId: $s, kind: LINE_MANAGER, terms: $t) { id } }",
            json!({ "s": tom.id, "t": {
                "frequencyDays": 28, "durationMinutes": 60, "venue": "Team base",
                "startsOn": today, "reviewBy": today + Days::new(365),
                "sections": headings.iter().enumerate().map(|(i, h)| json!({
                    "key": h["key"],
                    "text": if i == 0 { "We keep to time and to the agenda.".to_owned() } else { format!("Agreed on {}.", h["heading"]) },
                })).collect::<Vec<_>>(),
            } }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    let body = priya_client
        .gql(
            "mutation($i: WellbeingPlanInput!) { saveWellbeingPlan(input: $i) { id } }",
            json!({ "i": { "staffId": tom.id, "kind": "CHECK",
                "summary": "Caseload feels heavy since the merger", "actions": "Review caseload weekly",
                "reviewBy": today + Days::new(30) } }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    // Helen observes Priya's practice as a supervisor.
    let body = helen
        .gql(
            "mutation($o: PracticeObservationInput!) { recordPracticeObservation(observation: $o) { id } }",
            json!({ "o": { "supervisorId": priya.id, "observedOn": today,
                "strengths": "A clear agenda agreed at the start",
                "developmentPoints": "Leave more time for analysis" } }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");

    let export = |client: Client| async move {
        client
            .http
            .get(format!("{}/export/my-records.json", client.base))
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
    };
    let toms = export(tom_client.clone()).await;
    let agreement = &toms["agreements"][0];
    assert_eq!(agreement["supervisor"], "Priya Shah", "{toms}");
    assert_eq!(agreement["relationship"], "Line manager");
    assert_eq!(agreement["sections"][0]["heading"], headings[0]["heading"]);
    assert_eq!(
        agreement["sections"][0]["text"],
        "We keep to time and to the agenda."
    );
    assert_eq!(toms["wellbeing"][0]["kind"], "Wellbeing check");
    assert_eq!(
        toms["wellbeing"][0]["summary"],
        "Caseload feels heavy since the merger"
    );
    assert_eq!(toms["observationsOfMyPractice"], json!([]));

    let priyas = export(priya_client).await;
    let observation = &priyas["observationsOfMyPractice"][0];
    assert_eq!(observation["observer"], "Helen Carter", "{priyas}");
    assert_eq!(
        observation["strengths"],
        "A clear agenda agreed at the start"
    );
    assert!(observation["signedByMeAt"].is_null());
    assert_eq!(
        priyas["wellbeing"],
        json!([]),
        "Tom's wellbeing is his, not hers"
    );
    assert_eq!(priyas["agreements"], json!([]), "she is not its supervisee");
    assert!(!toms.to_string().contains("A clear agenda"));

    let page = tom_client
        .http
        .get(format!("{}/export/my-records.html", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Supervision agreement with Priya Shah"),
        "{page}"
    );
    assert!(page.contains("We keep to time and to the agenda."));
    assert!(page.contains("Caseload feels heavy since the merger"));
    app.stop().await;
}
