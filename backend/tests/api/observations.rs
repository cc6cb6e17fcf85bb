//! Observation of supervisors' practice (F8.3): someone who oversees a
//! supervisor observes them supervise once a year, both sign what was
//! written, and when the next one is due shows to the supervisor's line
//! manager and, as counts, in team compliance.

use chrono::{Days, Months, NaiveDate, Utc};
use serde_json::{Value, json};
use supervision_shared::Role;

use crate::helpers::*;

const RECORD_OBSERVATION: &str = "mutation($o: PracticeObservationInput!) { recordPracticeObservation(observation: $o) { id observedOn observer { name } supervisorSignedAt } }";
const OBSERVATIONS: &str = "query($s: UUID!) { practiceObservations(supervisorId: $s) { id strengths developmentPoints supervisorSignedAt supervisorComment } }";
const STANDING: &str = "query($s: UUID!) { observationStanding(supervisorId: $s) { supervisingSince lastObservedOn dueOn overdue } }";
const TO_SIGN: &str = "{ observationsToSign { id observer { name } } }";
const SIGN: &str = "mutation($id: UUID!, $c: String!) { signPracticeObservation(id: $id, comment: $c) { supervisorSignedAt supervisorComment } }";
const FIGURES: &str =
    "query($u: UUID!) { observationFigures(unitId: $u) { name supervisors inDate overdue } }";

fn observation(supervisor: uuid::Uuid, observed_on: Option<NaiveDate>) -> Value {
    json!({ "o": {
        "supervisorId": supervisor,
        "observedOn": observed_on,
        "strengths": "A clear agenda agreed at the start; used the reflective cycle on both cases",
        "developmentPoints": "Leave more time for analysis before agreeing actions",
    } })
}

/// The unit's own line (the first; its children follow).
fn figures(body: &Value) -> (u64, u64, u64) {
    let line = &body["data"]["observationFigures"][0];
    (
        line["supervisors"].as_u64().unwrap_or_default(),
        line["inDate"].as_u64().unwrap_or_default(),
        line["overdue"].as_u64().unwrap_or_default(),
    )
}

#[tokio::test]
async fn a_supervisors_practice_is_observed_yearly_signed_by_both_and_read_by_them_and_their_chain_only()
 {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let team = org.team("Family Support").await;
    let today = Utc::now().date_naive();
    let two_years_ago = today - Months::new(24);
    let manager = org
        .person("Sofia Martins")
        .started(two_years_ago)
        .create()
        .await;
    // Grace has supervised Ben for two years and was never observed:
    // overdue. Priya began supervising Tom 100 days ago: not yet due.
    let grace = org
        .person("Grace Liu")
        .in_unit(team)
        .started(two_years_ago)
        .line_manager(&manager)
        .create()
        .await;
    let priya = org
        .person("Priya Shah")
        .in_unit(team)
        .started(two_years_ago)
        .line_manager(&manager)
        .create()
        .await;
    let ben = org
        .person("Ben Okafor")
        .in_unit(team)
        .started(two_years_ago)
        .clinical_supervisor(&grace)
        .create()
        .await;
    let tom = org
        .person("Tom Reed")
        .in_unit(team)
        .started(today - Days::new(100))
        .clinical_supervisor(&priya)
        .create()
        .await;
    let head = org
        .person("Helen Carter")
        .role(Role::SeniorManager, Some(org.top))
        .create()
        .await;
    let hr = org
        .person("Daniel Okoro")
        .role(Role::HrAdmin, None)
        .create()
        .await;
    let auditor = org
        .person("Marcus Bell")
        .role(Role::Auditor, None)
        .create()
        .await;
    let peer = org.person("Owen Price").in_unit(team).create().await;

    let sofia = app.sign_in_as(&manager).await;
    let standing = sofia.gql(STANDING, json!({ "s": grace.id })).await;
    let grace_due = two_years_ago + Months::new(12);
    assert_eq!(
        standing["data"]["observationStanding"],
        json!({ "supervisingSince": two_years_ago, "lastObservedOn": null, "dueOn": grace_due, "overdue": true }),
        "{standing}"
    );
    let standing = sofia.gql(STANDING, json!({ "s": priya.id })).await;
    assert_eq!(
        standing["data"]["observationStanding"]["overdue"], false,
        "{standing}"
    );
    // Her line manager's list of reports says so too; a line for someone
    // who supervises nobody, or a clinical supervisor's line, says nothing.
    let list = sofia
        .gql(
            "{ mySupervisees { staff { name } practiceObservation { dueOn overdue } } }",
            json!({}),
        )
        .await;
    let line = |name: &str| {
        list["data"]["mySupervisees"]
            .as_array()
            .and_then(|l| l.iter().find(|s| s["staff"]["name"] == name))
            .map(|s| s["practiceObservation"].clone())
    };
    assert_eq!(
        line("Grace Liu"),
        Some(json!({ "dueOn": grace_due, "overdue": true })),
        "{list}"
    );
    assert_eq!(
        line("Priya Shah").map(|o| o["overdue"].clone()),
        Some(json!(false))
    );
    let graces = app
        .sign_in_as(&grace)
        .await
        .gql(
            "{ mySupervisees { practiceObservation { dueOn } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        graces["data"]["mySupervisees"][0]["practiceObservation"],
        Value::Null,
        "{graces}"
    );
    // Ben supervises nobody: nothing is due of him.
    let standing = app
        .sign_in_as(&head)
        .await
        .gql(STANDING, json!({ "s": ben.id }))
        .await;
    assert_eq!(
        standing["data"]["observationStanding"],
        Value::Null,
        "{standing}"
    );

    // Team compliance counts supervisors and who is in date; the top unit
    // counts Sofia too (she line-manages two, and was never observed).
    let helen = app.sign_in_as(&head).await;
    let body = helen.gql(FIGURES, json!({ "u": team })).await;
    assert_eq!(figures(&body), (2, 1, 1), "{body}");
    let body = helen.gql(FIGURES, json!({ "u": org.top })).await;
    assert_eq!(figures(&body), (3, 1, 2), "{body}");

    // Bad input is refused with each problem, and writes nothing (beside
    // the demo organisations' own observations).
    let demo_rows = app.count("practice_observation").await;
    let body = sofia
        .gql(
            RECORD_OBSERVATION,
            json!({ "o": { "supervisorId": grace.id, "observedOn": today + Days::new(1), "strengths": " ", "developmentPoints": "" } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    assert_eq!(
        error_fields(&body),
        ["observedOn", "strengths", "developmentPoints"]
    );
    let body = helen
        .gql(RECORD_OBSERVATION, observation(ben.id, Some(today)))
        .await;
    assert_eq!(error_fields(&body), ["supervisorId"], "{body}");
    // Nobody observes themselves; nobody outside the chain observes.
    let body = app
        .sign_in_as(&grace)
        .await
        .gql(RECORD_OBSERVATION, observation(grace.id, Some(today)))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    for person in [&peer, &hr, &auditor, &ben] {
        let body = app
            .sign_in_as(person)
            .await
            .gql(RECORD_OBSERVATION, observation(grace.id, Some(today)))
            .await;
        assert_eq!(
            error_code(&body),
            Some("NOT_FOUND"),
            "{}: {body}",
            person.name
        );
    }
    assert_eq!(app.count("practice_observation").await, demo_rows);

    // Sofia observes Grace supervising yesterday and signs by saving.
    let yesterday = today - Days::new(1);
    let body = sofia
        .gql(RECORD_OBSERVATION, observation(grace.id, Some(yesterday)))
        .await;
    let saved = &body["data"]["recordPracticeObservation"];
    assert_eq!(saved["observer"]["name"], "Sofia Martins", "{body}");
    assert_eq!(saved["supervisorSignedAt"], Value::Null);
    let id = saved["id"].clone();
    // Grace is emailed to sign it: who and when, never what was written.
    let emails: Vec<_> = {
        use backend::entity::outbox_message;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        outbox_message::Entity::find()
            .filter(outbox_message::Column::RecipientId.eq(grace.id))
            .all(&app.db)
            .await
            .unwrap_or_default()
    };
    assert_eq!(emails.len(), 1, "{emails:?}");
    assert!(
        emails[0]
            .subject
            .starts_with("Please sign the observation of your practice")
    );
    assert!(
        emails[0].body.contains("Sofia Martins"),
        "{}",
        emails[0].body
    );
    assert!(
        emails[0]
            .body
            .contains(&format!("/observations/{}", grace.id))
    );
    assert!(!emails[0].body.contains("analysis"), "{}", emails[0].body);
    // It counts only once Grace has signed too.
    let standing = sofia.gql(STANDING, json!({ "s": grace.id })).await;
    assert_eq!(
        standing["data"]["observationStanding"]["overdue"], true,
        "{standing}"
    );

    // Grace, her chain and the observer read it; her supervisee, a
    // colleague, HR and the auditor do not learn it exists.
    let grace_client = app.sign_in_as(&grace).await;
    for client in [&grace_client, &sofia, &helen] {
        let body = client.gql(OBSERVATIONS, json!({ "s": grace.id })).await;
        assert_eq!(
            body["data"]["practiceObservations"][0]["developmentPoints"],
            "Leave more time for analysis before agreeing actions",
            "{body}"
        );
    }
    for person in [&ben, &peer, &hr, &auditor, &tom] {
        let client = app.sign_in_as(person).await;
        let body = client.gql(OBSERVATIONS, json!({ "s": grace.id })).await;
        assert_eq!(
            error_code(&body),
            Some("NOT_FOUND"),
            "{}: {body}",
            person.name
        );
        let body = client.gql(STANDING, json!({ "s": grace.id })).await;
        assert_eq!(
            error_code(&body),
            Some("NOT_FOUND"),
            "{}: {body}",
            person.name
        );
        let body = client
            .gql(SIGN, json!({ "id": id, "c": "Not mine to sign" }))
            .await;
        assert_eq!(
            error_code(&body),
            Some("NOT_FOUND"),
            "{}: {body}",
            person.name
        );
    }

    // It waits for Grace's signature; only Grace signs, once.
    let waiting = grace_client.gql(TO_SIGN, json!({})).await;
    assert_eq!(
        waiting["data"]["observationsToSign"][0]["observer"]["name"], "Sofia Martins",
        "{waiting}"
    );
    let body = sofia.gql(SIGN, json!({ "id": id, "c": "" })).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let body = grace_client
        .gql(SIGN, json!({ "id": id, "c": "x".repeat(5_001) }))
        .await;
    assert_eq!(error_fields(&body), ["comment"], "{body}");
    let body = grace_client
        .gql(
            SIGN,
            json!({ "id": id, "c": " A fair account; I will book analysis time " }),
        )
        .await;
    let signed = &body["data"]["signPracticeObservation"];
    assert!(signed["supervisorSignedAt"].is_string(), "{body}");
    assert_eq!(
        signed["supervisorComment"],
        "A fair account; I will book analysis time"
    );
    let body = grace_client.gql(SIGN, json!({ "id": id, "c": "" })).await;
    assert_eq!(error_code(&body), Some("CONFLICT"), "{body}");
    let waiting = grace_client.gql(TO_SIGN, json!({})).await;
    assert_eq!(
        waiting["data"]["observationsToSign"],
        json!([]),
        "{waiting}"
    );

    // Signed by both: in date for a year from the session observed.
    let standing = sofia.gql(STANDING, json!({ "s": grace.id })).await;
    assert_eq!(
        standing["data"]["observationStanding"],
        json!({ "supervisingSince": two_years_ago, "lastObservedOn": yesterday, "dueOn": yesterday + Months::new(12), "overdue": false }),
        "{standing}"
    );
    let body = helen.gql(FIGURES, json!({ "u": team })).await;
    assert_eq!(figures(&body), (2, 2, 0), "{body}");

    // Grace gets a new line manager: Sofia no longer oversees her, but
    // still reads the observation she wrote, and nothing more (not when
    // the next is due, the page's cue to offer no form).
    let successor = org.person("Omar Haddad").create().await;
    let body = app
        .sign_in_as(&hr)
        .await
        .gql(
            "mutation($i: ChangeAllocationInput!) { changeAllocation(input: $i) }",
            json!({ "i": { "staffId": grace.id, "kind": "LINE_MANAGER", "toId": successor.id, "from": today } }),
        )
        .await;
    assert_eq!(body["data"]["changeAllocation"], true, "{body}");
    let body = sofia.gql(OBSERVATIONS, json!({ "s": grace.id })).await;
    assert_eq!(
        body["data"]["practiceObservations"][0]["developmentPoints"],
        "Leave more time for analysis before agreeing actions",
        "{body}"
    );
    let body = sofia.gql(STANDING, json!({ "s": grace.id })).await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    let body = sofia
        .gql(RECORD_OBSERVATION, observation(grace.id, Some(today)))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");

    // Both steps are in the audit log, without the words.
    let actions: Vec<String> = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        backend::entity::audit_event::Entity::find()
            .filter(backend::entity::audit_event::Column::SubjectType.eq("practice_observation"))
            .all(&app.db)
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|e| {
                assert!(!e.detail.contains("analysis"), "{}", e.detail);
                e.action
            })
            .collect()
    };
    assert_eq!(
        actions,
        ["practice_observation.record", "practice_observation.sign"]
    );
    app.stop().await;
}
