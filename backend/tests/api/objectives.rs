//! Appraisal (PDR) objectives (F8.4): kept with the person, read and
//! written by them and their supervisors today, linked from the records
//! whose development discussion worked on them, and shown on a record only
//! to those who may read the objective itself.

use serde_json::{Value, json};
use supervision_shared::Role;

use crate::helpers::*;

const OBJECTIVES: &str = "query($s: UUID!) { appraisalObjectives(staffId: $s) { id title dueOn achievedOn staff { name } } }";
const ADD: &str = "mutation($s: UUID!, $o: AppraisalObjectiveInput!) { addAppraisalObjective(staffId: $s, objective: $o) { id title dueOn } }";
const ACHIEVE: &str = "mutation($id: UUID!) { markObjectiveAchieved(id: $id) { achievedOn } }";
const LINK: &str =
    "mutation($r: UUID!, $o: UUID!) { linkObjective(supervisionId: $r, objectiveId: $o) }";
const UNLINK: &str =
    "mutation($r: UUID!, $o: UUID!) { unlinkObjective(supervisionId: $r, objectiveId: $o) }";
const LINKABLE: &str = "query($r: UUID!) { linkableObjectives(supervisionId: $r) { title } }";
const ON_RECORD: &str = "query($id: UUID!) { supervision(id: $id) { objectives { id title } } }";

fn titles(body: &Value, path: &[&str]) -> Vec<String> {
    let mut at = &body["data"];
    for key in path {
        at = &at[*key];
    }
    at.as_array()
        .map(|list| {
            list.iter()
                .map(|o| o["title"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn objectives_are_the_persons_and_their_supervisors_and_a_record_names_only_those_its_reader_may_read()
 {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let team = org.team("Family Support").await;
    let head = org
        .person("Helen Carter")
        .in_unit(team)
        .role(Role::SeniorManager, Some(org.top))
        .create()
        .await;
    let manager = org
        .person("Maria Lopes")
        .in_unit(team)
        .line_manager(&head)
        .create()
        .await;
    let tom = org
        .person("Tom Reed")
        .in_unit(team)
        .line_manager(&manager)
        .create()
        .await;
    let aisha = org
        .person("Aisha Khan")
        .in_unit(team)
        .line_manager(&manager)
        .create()
        .await;
    let hr = org
        .person("Daniel Okoro")
        .role(Role::HrAdmin, None)
        .create()
        .await;

    // Tom writes one down; his line manager another, with a day.
    let toms = app.sign_in_as(&tom).await;
    let marias = app.sign_in_as(&manager).await;
    let body = toms
        .gql(ADD, json!({ "s": tom.id, "o": { "title": "  Complete the safeguarding level 3 course ", "dueOn": null } }))
        .await;
    let course = body["data"]["addAppraisalObjective"]["id"].clone();
    assert_eq!(
        body["data"]["addAppraisalObjective"]["title"], "Complete the safeguarding level 3 course",
        "{body}"
    );
    let body = marias
        .gql(ADD, json!({ "s": tom.id, "o": { "title": "Lead a reflective group", "dueOn": "2027-06-30" } }))
        .await;
    let group_lead = body["data"]["addAppraisalObjective"]["id"].clone();
    assert_eq!(body["data"]["addAppraisalObjective"]["dueOn"], "2027-06-30");
    let body = marias
        .gql(
            ADD,
            json!({ "s": aisha.id, "o": { "title": "Shadow a duty manager", "dueOn": null } }),
        )
        .await;
    let aishas = body["data"]["addAppraisalObjective"]["id"].clone();
    // Nothing written without words.
    let before = app.count("appraisal_objective").await;
    let body = toms
        .gql(
            ADD,
            json!({ "s": tom.id, "o": { "title": " ", "dueOn": null } }),
        )
        .await;
    assert_eq!(error_fields(&body), ["title"], "{body}");
    assert_eq!(app.count("appraisal_objective").await, before);

    // Tom and Maria read them; his colleague, the head of service and HR
    // do not, nor may they add one.
    for client in [&toms, &marias] {
        let body = client.gql(OBJECTIVES, json!({ "s": tom.id })).await;
        assert_eq!(titles(&body, &["appraisalObjectives"]).len(), 2, "{body}");
    }
    for person in [&aisha, &head, &hr] {
        let client = app.sign_in_as(person).await;
        let body = client.gql(OBJECTIVES, json!({ "s": tom.id })).await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
        let body = client
            .gql(
                ADD,
                json!({ "s": tom.id, "o": { "title": "Not theirs", "dueOn": null } }),
            )
            .await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    }

    // A group session links Tom's objective; Aisha, on the same record,
    // does not see it; the head of service sees only that it took place.
    let record = org
        .record(&manager)
        .kind("CLINICAL_GROUP")
        .with(&[&tom, &aisha])
        .create()
        .await;
    // What each could link: Maria, her two supervisees'; Aisha, her own.
    let body = marias.gql(LINKABLE, json!({ "r": record })).await;
    assert_eq!(
        titles(&body, &["linkableObjectives"]),
        [
            "Complete the safeguarding level 3 course",
            "Lead a reflective group",
            "Shadow a duty manager"
        ],
        "{body}"
    );
    let body = app
        .sign_in_as(&aisha)
        .await
        .gql(LINKABLE, json!({ "r": record }))
        .await;
    assert_eq!(
        titles(&body, &["linkableObjectives"]),
        ["Shadow a duty manager"],
        "{body}"
    );
    let body = app
        .sign_in_as(&head)
        .await
        .gql(LINKABLE, json!({ "r": record }))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let body = marias
        .gql(LINK, json!({ "r": record, "o": group_lead }))
        .await;
    assert_eq!(body["data"]["linkObjective"], true, "{body}");
    let body = toms.gql(LINK, json!({ "r": record, "o": course })).await;
    assert_eq!(body["data"]["linkObjective"], true, "{body}");
    // Twice changes nothing.
    toms.gql(LINK, json!({ "r": record, "o": course })).await;
    let body = toms.gql(ON_RECORD, json!({ "id": record })).await;
    assert_eq!(
        titles(&body, &["supervision", "objectives"]),
        [
            "Lead a reflective group",
            "Complete the safeguarding level 3 course"
        ],
        "{body}"
    );
    let body = marias.gql(LINKABLE, json!({ "r": record })).await;
    assert_eq!(
        titles(&body, &["linkableObjectives"]),
        ["Shadow a duty manager"],
        "linked ones are not offered again: {body}"
    );
    let aishas_view = app.sign_in_as(&aisha).await;
    let body = aishas_view.gql(ON_RECORD, json!({ "id": record })).await;
    assert_eq!(
        titles(&body, &["supervision", "objectives"]),
        Vec::<String>::new(),
        "{body}"
    );
    // She cannot link Tom's, which she cannot read; she links her own.
    let body = aishas_view
        .gql(LINK, json!({ "r": record, "o": course }))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    let body = aishas_view
        .gql(LINK, json!({ "r": record, "o": aishas }))
        .await;
    assert_eq!(body["data"]["linkObjective"], true, "{body}");
    let body = app
        .sign_in_as(&head)
        .await
        .gql(ON_RECORD, json!({ "id": record }))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");

    // Only an objective of someone in the session: Aisha's is not on
    // Tom's one-to-one.
    let one_to_one = org
        .record(&manager)
        .kind("LINE_MANAGEMENT")
        .with(&[&tom])
        .create()
        .await;
    let body = marias
        .gql(LINK, json!({ "r": one_to_one, "o": aishas }))
        .await;
    assert_eq!(error_fields(&body), ["objectiveId"], "{body}");
    // Someone not on the record cannot link to it at all.
    let body = aishas_view
        .gql(LINK, json!({ "r": one_to_one, "o": aishas }))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");

    // Met, once; unlinked by the supervisee.
    let body = toms.gql(ACHIEVE, json!({ "id": course })).await;
    assert!(
        body["data"]["markObjectiveAchieved"]["achievedOn"].is_string(),
        "{body}"
    );
    let body = toms.gql(ACHIEVE, json!({ "id": course })).await;
    assert_eq!(error_code(&body), Some("CONFLICT"), "{body}");
    let body = toms.gql(OBJECTIVES, json!({ "s": tom.id })).await;
    assert_eq!(
        titles(&body, &["appraisalObjectives"]),
        [
            "Lead a reflective group",
            "Complete the safeguarding level 3 course"
        ],
        "open ones first: {body}"
    );
    let body = toms.gql(UNLINK, json!({ "r": record, "o": course })).await;
    assert_eq!(body["data"]["unlinkObjective"], true, "{body}");
    let body = marias.gql(ON_RECORD, json!({ "id": record })).await;
    assert_eq!(
        titles(&body, &["supervision", "objectives"]),
        ["Lead a reflective group", "Shadow a duty manager"],
        "{body}"
    );
}
