//! Dip-sample audits (F8.1, issue 16): a round draws a random, reproducible
//! sample of the eligible records, opens exactly those to the auditor for
//! the audit purpose (each read logged and shown to the supervisees), and
//! never draws removed or performance management records.

use chrono::{Days, Utc};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};
use supervision_shared::Role;
use supervision_shared::quality::draw_sample;
use uuid::Uuid;

use crate::helpers::*;

const DRAW: &str = "mutation($i: AuditRoundInput!) { drawAuditRound(input: $i) { id title seed eligibleCount kinds unitIds drawnBy { name } records { position supervisionId heldOn kind } } }";
const READ: &str = "query($id: UUID!) { supervision(id: $id) { viewerAccess experience } }";

fn drawn(body: &Value) -> Vec<Uuid> {
    body["data"]["drawAuditRound"]["records"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|r| r["supervisionId"].as_str().unwrap().parse().unwrap())
        .collect()
}

#[tokio::test]
async fn an_auditor_draws_a_reproducible_sample_and_reads_only_the_records_drawn() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let (north, south) = (org.team("North").await, org.team("South").await);
    let auditor = org
        .person("Gail Audit")
        .role(Role::Auditor, None)
        .create()
        .await;
    let priya = org.person("Priya Shah").in_unit(north).create().await;
    let tom = org
        .person("Tom Reed")
        .in_unit(north)
        .line_manager(&priya)
        .clinical_supervisor(&priya)
        .create()
        .await;
    let aisha = org
        .person("Aisha Khan")
        .in_unit(south)
        .line_manager(&priya)
        .clinical_supervisor(&priya)
        .create()
        .await;
    let today = Utc::now().date_naive();
    let ago = |days| today - Days::new(days);
    let toms = org
        .record(&priya)
        .with(&[&tom])
        .held_on(ago(10))
        .create()
        .await;
    let aishas = org
        .record(&priya)
        .with(&[&aisha])
        .held_on(ago(20))
        .create()
        .await;
    let management = org
        .record(&priya)
        .with(&[&tom])
        .kind("LINE_MANAGEMENT")
        .held_on(ago(5))
        .create()
        .await;
    let performance = org
        .record(&priya)
        .with(&[&tom])
        .kind("PERFORMANCE_MANAGEMENT")
        .held_on(ago(5))
        .create()
        .await;
    let too_early = org
        .record(&priya)
        .with(&[&aisha])
        .held_on(ago(100))
        .create()
        .await;
    let removed = org
        .record(&priya)
        .with(&[&tom])
        .held_on(ago(15))
        .create()
        .await;
    {
        use backend::entity::supervision;
        use sea_orm::sea_query::Expr;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        supervision::Entity::update_many()
            .col_expr(supervision::Column::RemovedAt, Expr::value(Utc::now()))
            .filter(supervision::Column::Id.eq(removed))
            .exec(&app.db)
            .await
            .unwrap();
    }
    let gail = app.sign_in_as(&auditor).await;
    let round = |units: Vec<Uuid>, kinds: Value, size: u32| {
        json!({ "i": {
            "title": "Quarter 3 dip sample",
            "periodFrom": ago(60),
            "periodTo": today,
            "unitIds": units,
            "kinds": kinds,
            "sampleSize": size,
            "closesOn": today + Days::new(28),
        } })
    };

    // Before any round, no record is open to the auditor.
    assert_eq!(
        error_code(&gail.gql(READ, json!({ "id": toms })).await),
        Some("NOT_FOUND")
    );

    // North only: Tom's records of the kinds asked, nothing of Aisha's.
    let body = gail
        .gql(
            DRAW,
            round(
                vec![north],
                json!(["CLINICAL_ONE_TO_ONE", "LINE_MANAGEMENT"]),
                500,
            ),
        )
        .await;
    let mut north_drawn = drawn(&body);
    assert_eq!(body["data"]["drawAuditRound"]["eligibleCount"], 2, "{body}");
    north_drawn.sort();
    let mut expected = vec![toms, management];
    expected.sort();
    assert_eq!(north_drawn, expected);
    let body = gail.gql(READ, json!({ "id": toms })).await;
    assert_eq!(
        body["data"]["supervision"]["viewerAccess"], "GRANTED",
        "{body}"
    );
    assert_eq!(
        error_code(&gail.gql(READ, json!({ "id": aishas })).await),
        Some("NOT_FOUND"),
        "outside the sample stays closed"
    );

    // Tom sees that his record was read for the audit, by whom and why.
    let body = app
        .sign_in_as(&tom)
        .await
        .gql(
            "{ accessToMyRecords { reader { name } supervisionId purpose reason } }",
            json!({}),
        )
        .await;
    let reads = body["data"]["accessToMyRecords"].as_array().unwrap();
    assert_eq!(reads.len(), 1, "{body}");
    assert_eq!(reads[0]["reader"]["name"], "Gail Audit");
    assert_eq!(reads[0]["purpose"], "AUDIT_QA");
    assert_eq!(reads[0]["reason"], "Dip-sample audit: Quarter 3 dip sample");

    // The whole organisation, two of the three eligible: the same seed over
    // the eligible records in id order draws the same two again.
    let body = gail
        .gql(
            DRAW,
            round(vec![], json!(["CLINICAL_ONE_TO_ONE", "LINE_MANAGEMENT"]), 2),
        )
        .await;
    let round_drawn = drawn(&body);
    assert_eq!(body["data"]["drawAuditRound"]["eligibleCount"], 3, "{body}");
    let seed: u64 = body["data"]["drawAuditRound"]["seed"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let mut eligible = vec![toms, aishas, management];
    eligible.sort();
    assert_eq!(round_drawn, draw_sample(&eligible, 2, seed));
    for never in [performance, too_early, removed] {
        assert!(!round_drawn.contains(&never));
        assert!(!north_drawn.contains(&never));
    }

    // Performance management records are never sampled; a period with
    // nothing in it is said so; both write nothing.
    let rounds = app.count("audit_round").await;
    // Another organisation's unit is not found, as if it did not exist.
    let northfield_unit = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        backend::entity::org_unit::Entity::find()
            .filter(backend::entity::org_unit::Column::Name.eq("Community Services"))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap()
            .id
    };
    let body = gail
        .gql(
            DRAW,
            round(vec![northfield_unit], json!(["CLINICAL_ONE_TO_ONE"]), 5),
        )
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    let body = gail
        .gql(DRAW, round(vec![], json!(["PERFORMANCE_MANAGEMENT"]), 5))
        .await;
    assert_eq!(error_fields(&body), ["kinds"], "{body}");
    let mut empty = round(vec![], json!(["CLINICAL_GROUP"]), 5);
    empty["i"]["periodFrom"] = json!(ago(3));
    let body = gail.gql(DRAW, empty).await;
    assert_eq!(error_fields(&body), ["periodFrom"], "{body}");
    assert_eq!(app.count("audit_round").await, rounds);

    // The auditor lists the rounds; nobody else draws or reads them.
    let body = gail.gql("{ auditRounds { id title } }", json!({})).await;
    assert_eq!(
        body["data"]["auditRounds"].as_array().map(Vec::len),
        Some(2),
        "{body}"
    );
    let round_id = body["data"]["auditRounds"][0]["id"].clone();
    for who in [&priya, &tom] {
        let client = app.sign_in_as(who).await;
        let body = client
            .gql(DRAW, round(vec![], json!(["CLINICAL_ONE_TO_ONE"]), 5))
            .await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
        let body = client.gql("{ auditRounds { id } }", json!({})).await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
        let body = client
            .gql(
                "query($id: UUID!) { auditRound(id: $id) { id } }",
                json!({ "id": round_id }),
            )
            .await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");
    }
    assert_eq!(app.count("audit_round").await, rounds);
}

/// A senior manager the organisation allows the audit purpose draws only
/// within the units they oversee.
#[tokio::test]
async fn a_senior_manager_allowed_the_audit_purpose_samples_only_their_units() {
    let app = TestApp::spawn_with(&[(
        "SUPERVISION_PURPOSE_ROLES",
        "auditor:audit_qa;senior_manager:audit_qa",
    )])
    .await;
    let org = app.organisation("Riverside").await;
    let (north, south) = (org.team("North").await, org.team("South").await);
    let head = org
        .person("Helen North")
        .role(Role::SeniorManager, Some(north))
        .create()
        .await;
    let priya = org.person("Priya Shah").in_unit(north).create().await;
    let tom = org
        .person("Tom Reed")
        .in_unit(north)
        .clinical_supervisor(&priya)
        .create()
        .await;
    let aisha = org
        .person("Aisha Khan")
        .in_unit(south)
        .clinical_supervisor(&priya)
        .create()
        .await;
    let today = Utc::now().date_naive();
    let toms = org.record(&priya).with(&[&tom]).create().await;
    org.record(&priya).with(&[&aisha]).create().await;
    let helen = app.sign_in_as(&head).await;
    let round = |units: Vec<Uuid>| {
        json!({ "i": {
            "title": "North dip sample",
            "periodFrom": today - Days::new(30),
            "periodTo": today,
            "unitIds": units,
            "kinds": ["CLINICAL_ONE_TO_ONE"],
            "samplePercent": 100,
            "closesOn": today + Days::new(14),
        } })
    };
    let body = helen.gql(DRAW, round(vec![])).await;
    assert_eq!(drawn(&body), [toms], "their whole scope: {body}");
    let body = helen.gql(DRAW, round(vec![south])).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
}

/// `auditor` draws one one-to-one clinical record held in the last week,
/// in a round open for four weeks; the answer.
pub async fn draw_one_this_week(auditor: &Client, title: &str) -> Value {
    let today = Utc::now().date_naive();
    auditor
        .gql(
            DRAW,
            json!({ "i": {
                "title": title,
                "periodFrom": today - Days::new(7),
                "periodTo": today,
                "kinds": ["CLINICAL_ONE_TO_ONE"],
                "sampleSize": 1,
                "closesOn": today + Days::new(28),
            } }),
        )
        .await
}

const SCORE: &str = "mutation($r: UUID!, $s: UUID!, $scores: [AuditScoreInput!]!) { scoreAuditedRecord(roundId: $r, supervisionId: $s, scores: $scores) }";

/// Every standard of the tool met, but `short` not met, with `comment`.
fn scores(short: &str, comment: &str) -> Value {
    let tool = supervision_shared::quality::AUDIT_TOOL;
    json!(
        tool.iter()
            .map(|q| if q.key == short {
                json!({ "standard": q.key, "rating": "NOT_MET", "comment": comment })
            } else {
                json!({ "standard": q.key, "rating": "MET" })
            })
            .collect::<Vec<_>>()
    )
}

/// The auditor scores a sampled record against every standard of the tool;
/// the round's results count the ratings; the supervisor who wrote the
/// record and its supervisee read the feedback on it; nobody else scores,
/// nothing outside the round is scored, and a closed round takes no more.
#[tokio::test]
async fn an_auditor_scores_a_sampled_record_and_its_supervisor_reads_the_feedback() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let auditor = org
        .person("Gail Audit")
        .role(Role::Auditor, None)
        .create()
        .await;
    let other_auditor = org
        .person("Olu Audit")
        .role(Role::Auditor, None)
        .create()
        .await;
    let priya = org.person("Priya Shah").create().await;
    let wards = org.team("Wards, north").await;
    let tom = org
        .person("Tom Reed")
        .clinical_supervisor(&priya)
        .in_unit(wards)
        .create()
        .await;
    let toms = org.record(&priya).with(&[&tom]).create().await;
    let gail = app.sign_in_as(&auditor).await;
    let body = draw_one_this_week(&gail, "Quarter 3 dip sample").await;
    assert_eq!(drawn(&body), [toms], "{body}");
    let round = body["data"]["drawAuditRound"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let vars = |scores: Value| json!({ "r": round, "s": toms, "scores": scores });
    // The record waits to be scored by whoever drew the round, and by
    // nobody else: another auditor cannot score it.
    const TO_SCORE: &str = "{ auditRecordsToScore }";
    let body = gail.gql(TO_SCORE, json!({})).await;
    assert_eq!(body["data"]["auditRecordsToScore"], 1, "{body}");
    let olu = app.sign_in_as(&other_auditor).await;
    let body = olu.gql(TO_SCORE, json!({})).await;
    assert_eq!(body["data"]["auditRecordsToScore"], 0, "{body}");

    // Every standard answered, and a shortfall says why; nothing is saved
    // until it is.
    let mut partial = scores("", "");
    partial.as_array_mut().unwrap().pop();
    let body = gail.gql(SCORE, vars(partial)).await;
    assert_eq!(error_fields(&body), ["scores.equality.rating"], "{body}");
    let body = gail.gql(SCORE, vars(scores("reflective", " "))).await;
    assert_eq!(error_fields(&body), ["scores.reflective.comment"], "{body}");
    assert_eq!(app.count("audit_score").await, 0);

    let finding = "Events are listed; no analysis or learning is recorded.";
    let body = gail
        .gql(SCORE, vars(scores("actions", "Two actions have no date.")))
        .await;
    assert_eq!(body["data"]["scoreAuditedRecord"], true, "{body}");
    // Scored again, the second scoring replaces the first.
    let body = gail.gql(SCORE, vars(scores("reflective", finding))).await;
    assert_eq!(body["data"]["scoreAuditedRecord"], true, "{body}");
    let tool = supervision_shared::quality::AUDIT_TOOL.len();
    assert_eq!(app.count("audit_score").await, tool as i64);
    let body = gail.gql(TO_SCORE, json!({})).await;
    assert_eq!(body["data"]["auditRecordsToScore"], 0, "{body}");

    let body = gail
        .gql(
            "query($id: UUID!) { auditRound(id: $id) { scoredCount overall { met notMet metPercent } results { standard { key } tally { met notMet } } unitResults { unitName records tally { met notMet metPercent } } records { scores { standard { key } rating comment } } } }",
            json!({ "id": round }),
        )
        .await;
    let found = &body["data"]["auditRound"];
    assert_eq!(found["scoredCount"], 1, "{body}");
    let results = found["results"].as_array().unwrap();
    assert_eq!(results.len(), tool);
    let reflective = results
        .iter()
        .find(|r| r["standard"]["key"] == "reflective")
        .unwrap();
    assert_eq!(reflective["tally"], json!({ "met": 0, "notMet": 1 }));
    let actions = results
        .iter()
        .find(|r| r["standard"]["key"] == "actions")
        .unwrap();
    assert_eq!(actions["tally"], json!({ "met": 1, "notMet": 0 }));
    // All standards together, and per unit of the supervisees: every
    // standard but one met in full.
    let share = (tool - 1) * 100 / tool;
    assert_eq!(
        found["overall"],
        json!({ "met": tool - 1, "notMet": 1, "metPercent": share })
    );
    assert_eq!(
        found["unitResults"],
        json!([{ "unitName": "Wards, north", "records": 1,
                 "tally": { "met": tool - 1, "notMet": 1, "metPercent": share } }])
    );

    // The same figures as a CSV for the auditor; the round is not found
    // for anyone who may not see it on screen, and nobody signed out gets it.
    let csv = format!("/audits/{round}/results.csv");
    let response = gail
        .http
        .get(format!("{}{csv}", gail.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("Part,Name,Records scored,Met"),
        "{text}"
    );
    assert_eq!(lines.len(), 1 + 1 + tool + 1, "{text}");
    assert_eq!(
        lines[1],
        format!("Round,Quarter 3 dip sample,1,{},0,1,0,{share}", tool - 1)
    );
    assert!(
        lines.contains(&format!("Unit,\"Wards, north\",1,{},0,1,0,{share}", tool - 1).as_str()),
        "{text}"
    );
    assert!(
        !text.contains("Tom Reed") && !text.contains(finding),
        "only counts leave: {text}"
    );
    // Every auditor sees the organisation's rounds; the supervisor does not.
    for (person, status) in [(&other_auditor, 200), (&priya, 404)] {
        let session = app.sign_in_as(person).await;
        let url = format!("{}{csv}", session.base);
        let answer = session.http.get(url).send().await.unwrap();
        assert_eq!(answer.status(), status, "{}", person.name);
    }
    let signed_out = reqwest::get(format!("{}{csv}", gail.base)).await.unwrap();
    assert_eq!(signed_out.status(), 401);

    // The supervisor who wrote it and the supervisee read the finding.
    const FEEDBACK: &str = "query($id: UUID!) { supervision(id: $id) { auditFeedback { roundTitle scoredBy { name } scores { standard { key } rating comment } } } }";
    for reader in [&priya, &tom] {
        let body = app
            .sign_in_as(reader)
            .await
            .gql(FEEDBACK, json!({ "id": toms }))
            .await;
        let feedback = &body["data"]["supervision"]["auditFeedback"][0];
        assert_eq!(feedback["roundTitle"], "Quarter 3 dip sample", "{body}");
        assert_eq!(feedback["scoredBy"]["name"], "Gail Audit");
        assert_eq!(feedback["scores"][4]["standard"]["key"], "reflective");
        assert_eq!(feedback["scores"][4]["rating"], "NOT_MET");
        assert_eq!(feedback["scores"][4]["comment"], finding);
    }

    // Another auditor may not score a round whose records are not open to
    // them; a record outside the round is not found.
    let body = app
        .sign_in_as(&other_auditor)
        .await
        .gql(SCORE, vars(scores("", "")))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let elsewhere = org.record(&priya).with(&[&tom]).create().await;
    let body = gail
        .gql(
            SCORE,
            json!({ "r": round, "s": elsewhere, "scores": scores("", "") }),
        )
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");

    // A closed round takes no more scores.
    app.db
        .execute_unprepared("UPDATE audit_round SET closes_at = '2020-01-01 00:00:00+00:00'")
        .await
        .unwrap();
    let body = gail.gql(SCORE, vars(scores("", ""))).await;
    assert_eq!(error_code(&body), Some("CONFLICT"), "{body}");
    assert_eq!(app.count("audit_score").await, tool as i64);
}
