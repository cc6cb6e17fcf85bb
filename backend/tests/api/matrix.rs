//! The authorization matrix (F7.1, F7.2, F7.5): for each operation and each
//! relationship to the record, the one expected answer. The table below is
//! the specification; the test runs every cell against the real server, and a
//! second test walks the schema so that a new field on a record cannot be
//! added without a row here.
//!
//! Columns, all about a group record that Priya Shah wrote for Tom Reed and
//! Aisha Khan (and a performance management record Priya wrote for Tom):
//! - `self`: Tom, a supervisee on it;
//! - `recorder`: Priya, who wrote it (also Tom's line manager and supervisor);
//! - `co_member`: Aisha, the other group member;
//! - `chain`: Helen Carter, Priya's line manager and senior manager of the division;
//! - `out_scope`: Marcus Bell, senior manager of another division;
//! - `peer`: Owen Price, a colleague in another team;
//! - `other_lm`: Owen's line manager, who manages nobody on the record;
//! - `auditor`: Grace Liu, auditor, with no grant yet;
//! - `hr`: Daniel Okoro, HR administrator;
//! - `other_org`: Sofia Martins, of another organisation;
//! - `new_holder`: a colleague of Owen's who became Tom's clinical
//!   supervisor today, and so holds his clinical file, this session
//!   included (F2.5).
//!
//! The `drawAuditRound`, `auditRounds`, `auditRecordsToScore` and
//! `unallocatedStaff` rows are
//! about the organisation, not the record: dip-sample audits are the
//! auditor's, the queue of people without a supervisor HR's (F8.1, F2.5).
//! The `wellbeingPlans` row is about Tom's wellbeing records: his and his
//! supervisors' today only (F3.9). The `practiceObservations`,
//! `observationStanding` and `recordPracticeObservation` rows are about
//! observations of Priya's own practice as a supervisor: hers and her
//! management chain's only, and only the chain records one (F8.3). The
//! `questionnaireResults` rows are about the demo's closed questionnaire:
//! the whole organisation's totals for auditors and senior managers, and
//! Priya's supervisees' totals for her, her senior manager and auditors
//! (F8.2). The `appraisalObjectives` row is about Tom's appraisal
//! objectives: his and his supervisors' today only (F8.4); the
//! `linkableObjectives` row is about the group record: its recorder and
//! supervisees link objectives to it, a successor reads but does not link.
//! The `agreement` rows are about the clinical supervision agreement Priya
//! and Tom made before Tom's supervisor changed (F6): its parties read it,
//! the chain knows it exists, the new supervisor makes a new one.
//!
//! `ok` = allowed, `forbidden` = FORBIDDEN for that field (the rest of the
//! answer stands), `not_found` = NOT_FOUND, the same as a missing record.

use serde_json::{Value, json};

use crate::helpers::*;

const MATRIX: &str = "
operation                  | self      | recorder  | co_member | chain     | out_scope | peer      | other_lm  | auditor   | hr        | other_org | new_holder
supervision                | ok        | ok        | ok        | ok        | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.attendees      | ok        | ok        | ok        | ok        | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.experience     | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.reflection     | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.analysis       | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.actionPlan     | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.notes          | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.functions      | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.actions        | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.comments       | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.auditFeedback  | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.myPersonalNotes | ok        | ok        | ok        | ok        | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.myPersonalNotesShared | ok  | ok        | ok        | ok        | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.notesSharedWithMe | ok      | ok        | ok        | ok        | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.redactionRequests | ok      | ok        | ok        | ok        | not_found | not_found | not_found | not_found | not_found | not_found | ok
attendee.comment           | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.amendments     | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.attachments    | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.cases          | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
supervision.objectives     | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | ok
linkableObjectives         | ok        | ok        | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | forbidden
amendSupervision           | forbidden | ok        | forbidden | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | forbidden
requestRemoval             | forbidden | ok        | forbidden | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | forbidden
updateAction               | ok        | ok        | forbidden | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | forbidden
staffSupervisions          | ok        | ok        | not_found | ok        | not_found | not_found | not_found | not_found | ok        | not_found | ok
performance.experience     | ok        | ok        | not_found | not_found | not_found | not_found | not_found | not_found | ok        | not_found | not_found
validateSupervision        | ok        | forbidden | ok        | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | forbidden
openForPurpose.auditQa     | forbidden | forbidden | forbidden | forbidden | forbidden | forbidden | forbidden | ok        | forbidden | forbidden | forbidden
agreement                  | ok        | ok        | not_found | ok        | not_found | not_found | not_found | not_found | not_found | not_found | not_found
agreement.sections         | ok        | ok        | not_found | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | not_found
agreement.venue            | ok        | ok        | not_found | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | not_found
agreement.durationMinutes  | ok        | ok        | not_found | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | not_found
agreement.frequencyReason  | ok        | ok        | not_found | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | not_found
staffAgreements            | ok        | ok        | not_found | ok        | not_found | not_found | not_found | not_found | not_found | not_found | not_found
signAgreement              | ok        | ok        | not_found | forbidden | not_found | not_found | not_found | not_found | not_found | not_found | not_found
wellbeingPlans             | ok        | ok        | not_found | not_found | not_found | not_found | not_found | not_found | not_found | not_found | ok
drawAuditRound             | forbidden | forbidden | forbidden | forbidden | forbidden | forbidden | forbidden | ok        | forbidden | forbidden | forbidden
auditRounds                | forbidden | forbidden | forbidden | forbidden | forbidden | forbidden | forbidden | ok        | forbidden | forbidden | forbidden
auditRecordsToScore        | forbidden | forbidden | forbidden | forbidden | forbidden | forbidden | forbidden | ok        | forbidden | forbidden | forbidden
unallocatedStaff           | forbidden | forbidden | forbidden | forbidden | forbidden | forbidden | forbidden | forbidden | ok        | forbidden | forbidden
practiceObservations       | not_found | ok        | not_found | ok        | not_found | not_found | not_found | not_found | not_found | not_found | not_found
observationStanding        | not_found | ok        | not_found | ok        | not_found | not_found | not_found | not_found | not_found | not_found | not_found
recordPracticeObservation  | not_found | forbidden | not_found | ok        | not_found | not_found | not_found | not_found | not_found | not_found | not_found
appraisalObjectives        | ok        | ok        | not_found | not_found | not_found | not_found | not_found | not_found | not_found | not_found | ok
questionnaireResults       | not_found | not_found | not_found | ok        | ok        | not_found | not_found | ok        | not_found | not_found | not_found
questionnaireResults.supervisor | not_found | ok   | not_found | ok        | not_found | not_found | not_found | ok        | not_found | not_found | not_found
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Ok,
    Forbidden,
    NotFound,
}

fn parse_outcome(cell: &str) -> Outcome {
    match cell {
        "ok" => Outcome::Ok,
        "forbidden" => Outcome::Forbidden,
        "not_found" => Outcome::NotFound,
        other => panic!("unknown outcome {other} in the matrix"),
    }
}

/// The outcome of one answer: the first error's code decides, else allowed.
fn outcome(body: &Value) -> Outcome {
    match error_code(body) {
        None => Outcome::Ok,
        Some("FORBIDDEN") => Outcome::Forbidden,
        Some("NOT_FOUND") => Outcome::NotFound,
        Some(other) => panic!("unexpected error {other}: {body}"),
    }
}

struct Rows {
    columns: Vec<String>,
    rows: Vec<(String, Vec<Outcome>)>,
}

fn matrix() -> Rows {
    let mut lines = MATRIX.lines().map(str::trim).filter(|l| !l.is_empty());
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split('|')
        .map(|c| c.trim().to_owned())
        .collect();
    let rows = lines
        .map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            assert_eq!(cells.len(), header.len(), "row {line}");
            (
                cells[0].to_owned(),
                cells[1..].iter().map(|c| parse_outcome(c)).collect(),
            )
        })
        .collect();
    Rows {
        columns: header[1..].to_vec(),
        rows,
    }
}

#[tokio::test]
async fn every_cell_of_the_authorization_matrix_holds() {
    let app = TestApp::spawn().await;
    let (tom, aisha) = (app.staff_id(TOM).await, app.staff_id(AISHA).await);
    let priya = app.sign_in(PRIYA).await;
    let priya_id = app.staff_id(PRIYA).await;
    let group = record_group(&priya, &[tom, aisha]).await;
    let mut performance_input = group_input(&[tom]);
    performance_input["kind"] = json!("PERFORMANCE_MANAGEMENT");
    performance_input["approach"] = Value::Null;
    let body = priya
        .gql(RECORD, json!({ "input": performance_input }))
        .await;
    let performance = body["data"]["recordSupervision"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Tom comments, so that attendee.comment has something to protect.
    app.sign_in(TOM)
        .await
        .gql(
            "mutation($id: UUID!) { validateSupervision(id: $id, decision: DISAGREE, comment: \"Not what we agreed\") { id } }",
            json!({ "id": group }),
        )
        .await;

    let action = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        backend::entity::supervision_action::Entity::find()
            .filter(backend::entity::supervision_action::Column::SupervisionId.eq(group))
            .one(&app.db)
            .await
            .unwrap()
            .expect("the group record has an action")
            .id
    };
    let agreement = agreement_between_priya_and_tom(&priya, tom).await;
    let other_lm = app.line_manager_of(OWEN).await;
    let new_holder = take_over_toms_clinical_file(&app, &other_lm).await;
    let questionnaire = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let org = backend::entity::staff::Entity::find_by_id(tom)
            .one(&app.db)
            .await
            .unwrap()
            .expect("Tom")
            .organisation_id;
        backend::entity::questionnaire_cycle::Entity::find()
            .filter(backend::entity::questionnaire_cycle::Column::OrganisationId.eq(org))
            .filter(
                backend::entity::questionnaire_cycle::Column::ClosesOn
                    .lt(chrono::Utc::now().date_naive()),
            )
            .one(&app.db)
            .await
            .unwrap()
            .expect("the demo's closed questionnaire")
            .id
    };
    let people = [
        ("self", TOM),
        ("recorder", PRIYA),
        ("co_member", AISHA),
        ("chain", HELEN),
        ("out_scope", MARCUS),
        ("peer", OWEN),
        ("other_lm", other_lm.as_str()),
        ("auditor", GRACE),
        ("hr", DANIEL),
        ("other_org", SOFIA),
        ("new_holder", new_holder.as_str()),
    ];
    let table = matrix();
    assert_eq!(
        table.columns,
        people
            .iter()
            .map(|(c, _)| (*c).to_owned())
            .collect::<Vec<_>>()
    );

    let mut failures = Vec::new();
    for (column, (name, email)) in people.iter().enumerate() {
        let client = app.sign_in(email).await;
        for (operation, expected) in &table.rows {
            let body = run(
                &client,
                operation,
                Ids {
                    group,
                    performance: &performance,
                    tom,
                    priya: priya_id,
                    action,
                    agreement: &agreement,
                    questionnaire,
                },
            )
            .await;
            let got = outcome(&body);
            if got != expected[column] {
                failures.push(format!(
                    "{operation} as {name}: expected {:?}, got {got:?}: {body}",
                    expected[column]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "matrix cells that do not hold:\n{}",
        failures.join("\n")
    );
    app.stop().await;
}

/// Priya starts a clinical supervision agreement with Tom; its id. Left
/// unsigned, so that every party's signature in the matrix is a first one.
pub(crate) async fn agreement_between_priya_and_tom(priya: &Client, tom: uuid::Uuid) -> String {
    let headings = priya
        .gql("{ agreementHeadings { key guidance } }", json!({}))
        .await;
    let sections: Vec<Value> = headings["data"]["agreementHeadings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| json!({ "key": h["key"], "text": h["guidance"] }))
        .collect();
    let today = chrono::Utc::now().date_naive();
    let body = priya
        .gql(
            "mutation($s: UUID!, $t: AgreementTermsInput!) { startAgreement(superviseeId: $s, kind: CLINICAL_SUPERVISOR, terms: $t) { id } }",
            json!({ "s": tom, "t": {
                "frequencyDays": 56, "durationMinutes": 60, "venue": "Clinic room 2",
                "startsOn": today, "reviewBy": today + chrono::Days::new(365), "sections": sections,
            } }),
        )
        .await;
    body["data"]["startAgreement"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned()
}

/// Makes a colleague of Owen's (not Owen, not his manager) Tom's clinical
/// supervisor from today, through HR's change of supervisor; their email.
async fn take_over_toms_clinical_file(app: &TestApp, other_lm: &str) -> String {
    use backend::entity::staff;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let owen = staff::Entity::find_by_id(app.staff_id(OWEN).await)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let colleague = staff::Entity::find()
        .filter(staff::Column::OrgUnitId.eq(owen.org_unit_id))
        .filter(staff::Column::Status.eq("active"))
        .filter(staff::Column::Email.is_not_in([OWEN, other_lm]))
        .order_by_asc(staff::Column::Email)
        .one(&app.db)
        .await
        .unwrap()
        .expect("Owen has a colleague");
    let body = app
        .sign_in(DANIEL)
        .await
        .gql(
            "mutation($i: ChangeAllocationInput!) { changeAllocation(input: $i) }",
            json!({ "i": {
                "staffId": app.staff_id(TOM).await,
                "kind": "CLINICAL_SUPERVISOR",
                "toId": colleague.id,
                "from": chrono::Utc::now().date_naive(),
            } }),
        )
        .await;
    assert_eq!(body["data"]["changeAllocation"], true, "{body}");
    colleague.email
}

/// The records and people the matrix operations are about.
#[derive(Clone, Copy)]
struct Ids<'a> {
    group: uuid::Uuid,
    performance: &'a str,
    tom: uuid::Uuid,
    priya: uuid::Uuid,
    action: uuid::Uuid,
    agreement: &'a str,
    questionnaire: uuid::Uuid,
}

async fn run(client: &Client, operation: &str, ids: Ids<'_>) -> Value {
    let Ids {
        group,
        performance,
        tom,
        priya,
        action,
        agreement,
        questionnaire,
    } = ids;
    // Each allowed change of the action re-dates it to a new day, so that
    // every attempt changes something.
    static REDATE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(30);
    let (query, variables) = match operation {
        "supervision" => ("query($id: UUID!) { supervision(id: $id) { id kind heldOn } }".to_owned(), json!({ "id": group })),
        "supervision.attendees" => ("query($id: UUID!) { supervision(id: $id) { attendees { supervisee { name } validationState } } }".to_owned(), json!({ "id": group })),
        "supervision.functions" | "supervision.experience" | "supervision.reflection" | "supervision.analysis"
        | "supervision.actionPlan" | "supervision.notes" => {
            let field = operation.trim_start_matches("supervision.");
            (format!("query($id: UUID!) {{ supervision(id: $id) {{ id {field} }} }}"), json!({ "id": group }))
        }
        "supervision.auditFeedback" => (
            "query($id: UUID!) { supervision(id: $id) { id auditFeedback { roundTitle } } }".to_owned(),
            json!({ "id": group }),
        ),
        "supervision.comments" => (
            "query($id: UUID!) { supervision(id: $id) { id comments { body } } }".to_owned(),
            json!({ "id": group }),
        ),
        "supervision.actions" => ("query($id: UUID!) { supervision(id: $id) { id actions { description } } }".to_owned(), json!({ "id": group })),
        "supervision.myPersonalNotes" => ("query($id: UUID!) { supervision(id: $id) { id myPersonalNotes } }".to_owned(), json!({ "id": group })),
        // Each answers only the viewer's own: their choice, the notes shared
        // with them as facilitator, the requests of a record they take part
        // in; empty for anyone else (personal_notes.rs and redaction.rs
        // check what each is sent).
        "supervision.myPersonalNotesShared" => ("query($id: UUID!) { supervision(id: $id) { id myPersonalNotesShared } }".to_owned(), json!({ "id": group })),
        "supervision.notesSharedWithMe" => ("query($id: UUID!) { supervision(id: $id) { id notesSharedWithMe { notes } } }".to_owned(), json!({ "id": group })),
        "supervision.redactionRequests" => ("query($id: UUID!) { supervision(id: $id) { id redactionRequests { reason } } }".to_owned(), json!({ "id": group })),
        "supervision.cases" => ("query($id: UUID!) { supervision(id: $id) { id cases { reference } } }".to_owned(), json!({ "id": group })),
        "supervision.objectives" => ("query($id: UUID!) { supervision(id: $id) { id objectives { title } } }".to_owned(), json!({ "id": group })),
        "linkableObjectives" => ("query($id: UUID!) { linkableObjectives(supervisionId: $id) { title } }".to_owned(), json!({ "id": group })),
        "supervision.attachments" => ("query($id: UUID!) { supervision(id: $id) { id attachments { fileName } } }".to_owned(), json!({ "id": group })),
        "supervision.amendments" => ("query($id: UUID!) { supervision(id: $id) { id amendments { version experience } } }".to_owned(), json!({ "id": group })),
        "amendSupervision" => {
            let mut input = group_input(&[tom]);
            for key in ["kind", "superviseeIds", "actions"] {
                input.as_object_mut().unwrap().remove(key);
            }
            input["experience"] = json!("Amended in the matrix test.");
            input["reason"] = json!("Matrix test");
            (
                "mutation($id: UUID!, $input: AmendSupervisionInput!) { amendSupervision(id: $id, input: $input) { id version } }".to_owned(),
                json!({ "id": group, "input": input }),
            )
        }
        "updateAction" => {
            let days = REDATE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let due = chrono::Utc::now().date_naive() + chrono::Days::new(days);
            (
                "mutation($id: UUID!, $due: NaiveDate) { updateAction(id: $id, input: { status: OPEN, dueOn: $due }) { id } }".to_owned(),
                json!({ "id": action, "due": due }),
            )
        }
        "requestRemoval" => (
            "mutation($id: UUID!) { requestRemoval(id: $id, reason: \"Matrix test\") { id } }".to_owned(),
            json!({ "id": group }),
        ),
        "attendee.comment" => ("query($id: UUID!) { supervision(id: $id) { attendees { comment } } }".to_owned(), json!({ "id": group })),
        "staffSupervisions" => ("query($s: UUID!) { staffSupervisions(staffId: $s) { id } }".to_owned(), json!({ "s": tom })),
        "performance.experience" => ("query($id: UUID!) { supervision(id: $id) { id experience } }".to_owned(), json!({ "id": performance })),
        "validateSupervision" => (
            "mutation($id: UUID!) { validateSupervision(id: $id, decision: AGREE) { id } }".to_owned(),
            json!({ "id": group }),
        ),
        "openForPurpose.auditQa" => (
            "mutation($id: UUID!) { openForPurpose(input: { supervisionId: $id, purpose: AUDIT_QA, reason: \"Matrix test: quarterly dip-sample\" }) { id } }".to_owned(),
            json!({ "id": performance }),
        ),
        "agreement" => (
            "query($id: UUID!) { agreement(id: $id) { id status reviewBy supervisor { name } } }".to_owned(),
            json!({ "id": agreement }),
        ),
        "agreement.sections" | "agreement.venue" | "agreement.durationMinutes" | "agreement.frequencyReason" => {
            let field = match operation.trim_start_matches("agreement.") {
                "sections" => "sections { heading text }",
                other => other,
            };
            (format!("query($id: UUID!) {{ agreement(id: $id) {{ id {field} }} }}"), json!({ "id": agreement }))
        }
        "staffAgreements" => ("query($s: UUID!) { staffAgreements(staffId: $s) { id } }".to_owned(), json!({ "s": tom })),
        "wellbeingPlans" => (
            "query($s: UUID!) { wellbeingPlans(staffId: $s) { id summary } }".to_owned(),
            json!({ "s": tom }),
        ),
        "signAgreement" => (
            "mutation($id: UUID!) { signAgreement(id: $id) { id } }".to_owned(),
            json!({ "id": agreement }),
        ),
        // Months before the matrix's own records, so a round drawn never
        // opens them to the auditor whose other cells read them.
        "drawAuditRound" => {
            let today = chrono::Utc::now().date_naive();
            (
                "mutation($i: AuditRoundInput!) { drawAuditRound(input: $i) { id } }".to_owned(),
                json!({ "i": {
                    "title": "Matrix test round",
                    "periodFrom": today - chrono::Days::new(170),
                    "periodTo": today - chrono::Days::new(100),
                    "kinds": ["CLINICAL_ONE_TO_ONE"],
                    "sampleSize": 1,
                    "closesOn": today + chrono::Days::new(7),
                } }),
            )
        }
        "auditRounds" => ("{ auditRounds { id records { supervisionId } } }".to_owned(), json!({})),
        "auditRecordsToScore" => ("{ auditRecordsToScore }".to_owned(), json!({})),
        "unallocatedStaff" => ("{ unallocatedStaff { total } }".to_owned(), json!({})),
        "practiceObservations" => (
            "query($s: UUID!) { practiceObservations(supervisorId: $s) { id strengths } }".to_owned(),
            json!({ "s": priya }),
        ),
        "observationStanding" => (
            "query($s: UUID!) { observationStanding(supervisorId: $s) { dueOn overdue } }".to_owned(),
            json!({ "s": priya }),
        ),
        "recordPracticeObservation" => (
            "mutation($o: PracticeObservationInput!) { recordPracticeObservation(observation: $o) { id } }".to_owned(),
            json!({ "o": {
                "supervisorId": priya, "observedOn": chrono::Utc::now().date_naive(),
                "strengths": "Clear agenda; used the reflective cycle", "developmentPoints": "More time for analysis",
            } }),
        ),
        "appraisalObjectives" => (
            "query($s: UUID!) { appraisalObjectives(staffId: $s) { id title } }".to_owned(),
            json!({ "s": tom }),
        ),
        "questionnaireResults" => (
            "query($c: UUID!) { questionnaireResults(cycleId: $c) { answered hidden questions { comments } } }".to_owned(),
            json!({ "c": questionnaire }),
        ),
        "questionnaireResults.supervisor" => (
            "query($c: UUID!, $s: UUID!) { questionnaireResults(cycleId: $c, supervisorId: $s) { answered hidden } }".to_owned(),
            json!({ "c": questionnaire, "s": priya }),
        ),
        other => panic!("the matrix names an operation the test cannot run: {other}"),
    };
    client.gql(&query, variables).await
}

/// Field names of an SDL `type NAME { … }` block.
pub fn fields_of(sdl: &str, type_name: &str) -> Vec<String> {
    let start = sdl
        .find(&format!("type {type_name} {{"))
        .unwrap_or_else(|| panic!("no type {type_name}"));
    // The fields: from the line after `type NAME {` to the closing brace.
    let body = &sdl[start..];
    let body = &body[body.find('\n').unwrap()..body.find("\n}").unwrap()];
    let mut in_description = false;
    let mut fields = Vec::new();
    for line in body.lines().map(str::trim) {
        if line.starts_with("\"\"\"") {
            // A one-line description opens and closes on the same line.
            let closes_here = line.len() > 3 && line.ends_with("\"\"\"");
            if !closes_here {
                in_description = !in_description;
            }
            continue;
        }
        if in_description || line.is_empty() {
            continue;
        }
        if let Some(name) = line.split([':', '(']).next().map(str::trim)
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_alphanumeric())
        {
            fields.push(name.to_owned());
        }
    }
    fields
}

#[test]
fn every_content_field_of_a_record_has_a_row_in_the_matrix() {
    let sdl = backend::graphql::sdl();
    let supervision_fields = fields_of(&sdl, "Supervision");
    assert!(
        supervision_fields.contains(&"experience".to_owned())
            && supervision_fields.contains(&"heldOn".to_owned()),
        "the schema walk reads the fields: {supervision_fields:?}"
    );
    let rows: Vec<String> = matrix().rows.into_iter().map(|(op, _)| op).collect();
    let mut unclassified = Vec::new();
    for (type_name, prefix, metadata) in [
        (
            "Supervision",
            "supervision",
            backend::service::access::METADATA_FIELDS,
        ),
        (
            "Attendee",
            "attendee",
            backend::service::access::METADATA_FIELDS,
        ),
        (
            "Agreement",
            "agreement",
            backend::service::access::agreement::AGREEMENT_METADATA_FIELDS,
        ),
    ] {
        for field in fields_of(&sdl, type_name) {
            if metadata.contains(&field.as_str()) {
                continue;
            }
            if !rows.contains(&format!("{prefix}.{field}")) {
                unclassified.push(format!("{type_name}.{field}"));
            }
        }
    }
    assert!(
        unclassified.is_empty(),
        "fields that may carry content but have no row in the authorization matrix: {unclassified:?}"
    );
}
