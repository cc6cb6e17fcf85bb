//! The annual supervision questionnaire (F8.2): started by an auditor with
//! the organisation's questions, answered once by each person supervised,
//! reminded once, and read only as totals for groups the disclosure rules
//! allow, however the filters are combined.

use std::collections::{BTreeSet, HashMap};

use backend::entity::outbox_message;
use backend::service::notify::Links;
use backend::service::reminders;
use chrono::{Days, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use supervision_shared::Role;
use supervision_shared::quality::questionnaire::default_questions;
use uuid::Uuid;

use crate::builders::Person;
use crate::helpers::*;

const START: &str = "mutation($q: QuestionnaireInput!) { startQuestionnaire(questionnaire: $q) { id title threshold open questions { key kind options } participation { invited answered } } }";
const MINE: &str = "{ myQuestionnaires { id title questions { key text kind options } } }";
const ANSWER: &str = "mutation($c: UUID!, $a: [QuestionnaireAnswerInput!]!) { answerQuestionnaire(cycleId: $c, answers: $a) }";
const CLOSE: &str = "mutation($id: UUID!) { closeQuestionnaire(id: $id) { open closedOn participation { invited answered } } }";
const RESULTS: &str = "query($c: UUID!, $u: UUID, $s: UUID) { questionnaireResults(cycleId: $c, unitId: $u, supervisorId: $s) { answered hidden questions { key options { label count } comments } } }";
const GROUPS: &str = "query($c: UUID!) { questionnaireGroups(cycleId: $c) { units { unitId answered } supervisors { supervisor { id } answered } } }";

fn cycle_input(title: &str, closes_in: u64, threshold: u32) -> Value {
    let today = Utc::now().date_naive();
    json!({ "q": {
        "title": title,
        "closesOn": today + Days::new(closes_in),
        "threshold": threshold,
        "questions": default_questions(),
    } })
}

/// Person `n`'s answers: every choice, and a comment from some.
fn answers(n: usize) -> Value {
    let mut answers: Vec<Value> = (1..=5)
        .map(|q| json!({ "question": format!("q{q}"), "choice": (n + q) % 4 }))
        .collect();
    if n.is_multiple_of(3) {
        answers.push(json!({ "question": "q6", "text": format!("Comment number {n}") }));
    }
    json!(answers)
}

fn results_of(body: &Value) -> &Value {
    &body["data"]["questionnaireResults"]
}

#[tokio::test]
async fn a_questionnaire_is_answered_once_by_each_person_supervised_and_read_only_as_safe_totals() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let service = org.unit_under(org.top, "Community", "service").await;
    let team_a = org.unit_under(service, "Team A", "team").await;
    let team_b = org.unit_under(service, "Team B", "team").await;
    let lead_a = org.person("Maria Lopes").in_unit(team_a).create().await;
    let clinical = org.person("Sam Ortiz").in_unit(team_a).create().await;
    let lead_b = org.person("Lena Berg").in_unit(team_b).create().await;
    // Team A: seven, all managed by Maria, the first five supervised
    // clinically by Sam. Team B: six, managed by Lena.
    let mut team_a_people = Vec::new();
    for n in 0..7 {
        let mut person = org
            .person(&format!("Alex A{n}"))
            .in_unit(team_a)
            .line_manager(&lead_a);
        if n < 5 {
            person = person.clinical_supervisor(&clinical);
        }
        team_a_people.push(person.create().await);
    }
    let mut team_b_people = Vec::new();
    for n in 0..6 {
        team_b_people.push(
            org.person(&format!("Bea B{n}"))
                .in_unit(team_b)
                .line_manager(&lead_b)
                .create()
                .await,
        );
    }
    let auditor = org
        .person("Grace Liu")
        .role(Role::Auditor, None)
        .create()
        .await;
    let head = org
        .person("Helen Carter")
        .role(Role::SeniorManager, Some(service))
        .create()
        .await;
    let elsewhere = org.team("Hospital Discharge").await;
    let other_head = org
        .person("Marcus Bell")
        .role(Role::SeniorManager, Some(elsewhere))
        .create()
        .await;
    let hr = org
        .person("Daniel Okoro")
        .role(Role::HrAdmin, None)
        .create()
        .await;

    // Only auditors and system administrators start one; bad input is
    // refused field by field and writes nothing.
    let grace = app.sign_in_as(&auditor).await;
    let staff = app.sign_in_as(&team_a_people[0]).await;
    let body = staff.gql(START, cycle_input("Mine", 14, 5)).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let cycles_before = app.count("questionnaire_cycle").await;
    let mut bad = cycle_input(" ", 0, 2);
    bad["q"]["questions"][1]["options"] = json!(["Yes"]);
    let body = grace.gql(START, bad).await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    assert_eq!(
        error_fields(&body),
        ["title", "closesOn", "threshold", "questions.2.options"]
    );
    assert_eq!(app.count("questionnaire_cycle").await, cycles_before);

    // Started: the thirteen people with a line manager are invited and
    // emailed; the leads, the auditor and the managers are not.
    let body = grace
        .gql(START, cycle_input("Supervision questionnaire 2026", 14, 5))
        .await;
    let cycle = &body["data"]["startQuestionnaire"];
    assert_eq!(
        cycle["participation"],
        json!({ "invited": 13, "answered": 0 }),
        "{body}"
    );
    assert_eq!(cycle["open"], true);
    let cycle_id: Uuid = serde_json::from_value(cycle["id"].clone()).unwrap();
    let invited = outbox_message::Entity::find()
        .filter(outbox_message::Column::OrganisationId.eq(org.id))
        .filter(outbox_message::Column::Subject.contains("tell us about your supervision"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(invited.len(), 13);
    assert!(
        invited[0]
            .body
            .contains(&format!("/questionnaire/{cycle_id}"))
    );
    let body = grace.gql(START, cycle_input("Another one", 14, 5)).await;
    assert_eq!(error_code(&body), Some("CONFLICT"), "one open at a time");

    // A person finds it, must answer every choice, answers once.
    let body = staff.gql(MINE, json!({})).await;
    assert_eq!(
        body["data"]["myQuestionnaires"][0]["questions"]
            .as_array()
            .map(Vec::len),
        Some(6),
        "{body}"
    );
    let body = staff
        .gql(
            ANSWER,
            json!({ "c": cycle_id, "a": [{ "question": "q1", "choice": 9 }] }),
        )
        .await;
    assert_eq!(
        error_fields(&body),
        [
            "answers.q1",
            "answers.q2",
            "answers.q3",
            "answers.q4",
            "answers.q5"
        ]
    );
    let demo_responses = app.count("questionnaire_response").await;
    // Results wait for the close: totals that move with each answer would
    // tell each answer apart.
    let body = grace.gql(RESULTS, json!({ "c": cycle_id })).await;
    assert_eq!(results_of(&body)["hidden"], "STILL_OPEN", "{body}");
    assert_eq!(results_of(&body)["answered"], Value::Null);
    // Who may ask for a group is the same while it is open: Helen for a
    // supervisor in her scope, not Marcus for one outside his.
    let body = app
        .sign_in_as(&head)
        .await
        .gql(RESULTS, json!({ "c": cycle_id, "s": lead_a.id }))
        .await;
    assert_eq!(results_of(&body)["hidden"], "STILL_OPEN", "{body}");
    let body = app
        .sign_in_as(&other_head)
        .await
        .gql(RESULTS, json!({ "c": cycle_id, "s": lead_a.id }))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");

    let everyone: Vec<&Person> = team_a_people.iter().chain(&team_b_people).collect();
    for (n, person) in everyone.iter().enumerate() {
        let client = app.sign_in_as(person).await;
        let body = client
            .gql(ANSWER, json!({ "c": cycle_id, "a": answers(n) }))
            .await;
        assert_eq!(body["data"]["answerQuestionnaire"], true, "{body}");
    }
    assert_eq!(
        app.count("questionnaire_response").await,
        demo_responses + 13
    );
    let body = staff
        .gql(ANSWER, json!({ "c": cycle_id, "a": answers(0) }))
        .await;
    assert_eq!(error_code(&body), Some("CONFLICT"), "once only: {body}");
    let body = staff.gql(MINE, json!({})).await;
    assert_eq!(body["data"]["myQuestionnaires"], json!([]));
    // Someone not invited cannot answer.
    let body = app
        .sign_in_as(&head)
        .await
        .gql(ANSWER, json!({ "c": cycle_id, "a": answers(1) }))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    // The response carries no person.
    let kept = backend::entity::questionnaire_response::Entity::find()
        .filter(backend::entity::questionnaire_response::Column::CycleId.eq(cycle_id))
        .all(&app.db)
        .await
        .unwrap();
    assert!(kept.iter().all(|r| r.id.get_version_num() == 4));
    assert!(kept.iter().all(|r| {
        !everyone
            .iter()
            .any(|p| r.answers.contains(&p.id.to_string()))
    }));

    let body = grace.gql(CLOSE, json!({ "id": cycle_id })).await;
    assert_eq!(
        body["data"]["closeQuestionnaire"]["participation"],
        json!({ "invited": 13, "answered": 13 }),
        "{body}"
    );
    assert_eq!(body["data"]["closeQuestionnaire"]["open"], false);

    // Everyone's totals: each option counted, comments sorted.
    let body = grace.gql(RESULTS, json!({ "c": cycle_id })).await;
    let totals = results_of(&body);
    assert_eq!(totals["answered"], 13, "{body}");
    assert_eq!(totals["hidden"], Value::Null);
    let counts: Vec<u64> = totals["questions"][0]["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["count"].as_u64().unwrap())
        .collect();
    let expected: Vec<u64> = (0..4)
        .map(|option| (0..13).filter(|n| (n + 1) % 4 == option).count() as u64)
        .collect();
    assert_eq!(counts, expected);
    assert_eq!(
        totals["questions"][5]["comments"],
        json!([
            "Comment number 0",
            "Comment number 12",
            "Comment number 3",
            "Comment number 6",
            "Comment number 9"
        ])
    );

    // Who is in which group, to try every combination of filters.
    let mut members: HashMap<(Option<Uuid>, Option<Uuid>), BTreeSet<Uuid>> = HashMap::new();
    let units = [
        None,
        Some(org.top),
        Some(service),
        Some(team_a),
        Some(team_b),
    ];
    let supervisors = [None, Some(lead_a.id), Some(clinical.id), Some(lead_b.id)];
    for (n, person) in everyone.iter().enumerate() {
        let in_a = n < 7;
        let unit_ok = |u: Option<Uuid>| {
            u.is_none_or(|u| {
                u == org.top || u == service || (in_a && u == team_a) || (!in_a && u == team_b)
            })
        };
        let sup_ok = |s: Option<Uuid>| {
            s.is_none_or(|s| {
                (in_a && s == lead_a.id) || (n < 5 && s == clinical.id) || (!in_a && s == lead_b.id)
            })
        };
        for u in units {
            for s in supervisors {
                if unit_ok(u) && sup_ok(s) {
                    members.entry((u, s)).or_default().insert(person.id);
                }
            }
        }
    }
    let mut shown: Vec<BTreeSet<Uuid>> = Vec::new();
    for u in units {
        for s in supervisors {
            let body = grace
                .gql(RESULTS, json!({ "c": cycle_id, "u": u, "s": s }))
                .await;
            let results = results_of(&body);
            let group = members.get(&(u, s)).cloned().unwrap_or_default();
            if results["hidden"].is_null() {
                assert_eq!(results["answered"], group.len(), "{u:?} {s:?}: {body}");
                shown.push(group);
            } else {
                assert_eq!(results["hidden"], "TOO_FEW", "{body}");
                assert_eq!(results["questions"], json!([]));
            }
        }
    }
    // Whatever two shown groups are set against each other, what is left
    // is nobody or at least five people.
    for a in &shown {
        assert!(a.len() >= 5);
        for b in &shown {
            let apart = a.difference(b).count();
            assert!(apart == 0 || apart >= 5, "{} apart", apart);
        }
    }
    // Team A, Maria's and Team B's are shown; Sam's five are not, as Team A
    // less Sam's would be two people.
    let answered = |u: Option<Uuid>, s: Option<Uuid>| {
        let grace = &grace;
        async move {
            let body = grace
                .gql(RESULTS, json!({ "c": cycle_id, "u": u, "s": s }))
                .await;
            results_of(&body)["answered"].as_u64()
        }
    };
    assert_eq!(answered(Some(team_a), None).await, Some(7));
    assert_eq!(answered(None, Some(lead_a.id)).await, Some(7));
    assert_eq!(answered(Some(team_b), None).await, Some(6));
    assert_eq!(answered(None, Some(clinical.id)).await, None);
    let body = grace.gql(GROUPS, json!({ "c": cycle_id })).await;
    let groups = &body["data"]["questionnaireGroups"];
    let unit_ids: BTreeSet<String> = groups["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["unitId"].as_str().unwrap().to_owned())
        .collect();
    let expected_units: BTreeSet<String> = [org.top, service, team_a, team_b]
        .iter()
        .map(Uuid::to_string)
        .collect();
    assert_eq!(unit_ids, expected_units, "{body}");
    let supervisor_ids: Vec<&str> = groups["supervisors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["supervisor"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(supervisor_ids.len(), 2, "{body}");
    assert!(!supervisor_ids.contains(&clinical.id.to_string().as_str()));

    // Who reads what: a supervisor their own; a senior manager the whole
    // and their scope; nobody else anything.
    let maria = app.sign_in_as(&lead_a).await;
    let body = maria
        .gql(RESULTS, json!({ "c": cycle_id, "s": lead_a.id }))
        .await;
    assert_eq!(results_of(&body)["answered"], 7, "{body}");
    let body = maria.gql(RESULTS, json!({ "c": cycle_id })).await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    let body = maria
        .gql(RESULTS, json!({ "c": cycle_id, "s": lead_b.id }))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    let sam = app.sign_in_as(&clinical).await;
    let body = sam
        .gql(RESULTS, json!({ "c": cycle_id, "s": clinical.id }))
        .await;
    assert_eq!(results_of(&body)["hidden"], "TOO_FEW", "{body}");
    let helen = app.sign_in_as(&head).await;
    for (u, s) in [(None, None), (Some(team_a), None), (None, Some(lead_b.id))] {
        let body = helen
            .gql(RESULTS, json!({ "c": cycle_id, "u": u, "s": s }))
            .await;
        assert!(results_of(&body)["answered"].is_u64(), "{body}");
    }
    let marcus = app.sign_in_as(&other_head).await;
    let body = marcus
        .gql(RESULTS, json!({ "c": cycle_id, "u": team_a }))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    for person in [&team_a_people[1], &hr] {
        let body = app
            .sign_in_as(person)
            .await
            .gql(RESULTS, json!({ "c": cycle_id }))
            .await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    }
    let body = app
        .sign_in_as(&hr)
        .await
        .gql("{ questionnaireCycles { id } }", json!({}))
        .await;
    assert_eq!(body["data"]["questionnaireCycles"], json!([]), "{body}");
    // Participation is the organisers' only.
    let body = helen
        .gql(
            "{ questionnaireCycles { id participation { invited } } }",
            json!({}),
        )
        .await;
    let mine = body["data"]["questionnaireCycles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == cycle_id.to_string())
        .cloned()
        .unwrap_or_default();
    assert_eq!(mine["participation"], Value::Null, "{body}");
}

#[tokio::test]
async fn those_who_have_not_answered_are_reminded_once_a_week_before_it_closes() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let team = org.team("Team A").await;
    let lead = org.person("Maria Lopes").in_unit(team).create().await;
    let answering = org
        .person("Alex Ahmed")
        .in_unit(team)
        .line_manager(&lead)
        .create()
        .await;
    let silent = org
        .person("Bea Brown")
        .in_unit(team)
        .line_manager(&lead)
        .create()
        .await;
    let auditor = org
        .person("Grace Liu")
        .role(Role::Auditor, None)
        .create()
        .await;
    let body = app
        .sign_in_as(&auditor)
        .await
        .gql(START, cycle_input("Supervision questionnaire 2026", 20, 3))
        .await;
    let cycle_id = body["data"]["startQuestionnaire"]["id"].clone();
    let body = app
        .sign_in_as(&answering)
        .await
        .gql(ANSWER, json!({ "c": cycle_id, "a": answers(1) }))
        .await;
    assert_eq!(body["data"]["answerQuestionnaire"], true, "{body}");

    let links = Links {
        public_url: "https://supervision.riverside.example".into(),
    };
    let reminders_to = |person: Uuid| {
        let db = app.db.clone();
        async move {
            outbox_message::Entity::find()
                .filter(outbox_message::Column::RecipientId.eq(person))
                .filter(
                    outbox_message::Column::Subject
                        .starts_with("Reminder: Supervision questionnaire"),
                )
                .all(&db)
                .await
                .unwrap()
                .len()
        }
    };
    let today = Utc::now().date_naive();
    // Two weeks before it closes: nothing yet.
    reminders::run(&app.db, &links, today + Days::new(6), 14)
        .await
        .unwrap();
    assert_eq!(reminders_to(silent.id).await, 0);
    // A week before: the one who has not answered, once, however often
    // the job runs.
    for day in [13, 14, 20] {
        reminders::run(&app.db, &links, today + Days::new(day), 14)
            .await
            .unwrap();
    }
    assert_eq!(reminders_to(silent.id).await, 1);
    assert_eq!(reminders_to(answering.id).await, 0);
    // Closed: no more.
    reminders::run(&app.db, &links, today + Days::new(25), 14)
        .await
        .unwrap();
    assert_eq!(reminders_to(silent.id).await, 1);
}
