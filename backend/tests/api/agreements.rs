//! Supervision agreements (F6): a supervisor and supervisee write one under
//! the organisation's headings and both sign it; its frequency becomes the
//! supervisee's policy, waiting for a head of service when it is less often
//! than the organisation's default (the back-stop always applies); a review
//! falling due and a change of supervisor are flagged on My supervisees;
//! bad terms are refused by field and write nothing.

use chrono::{Days, NaiveDate, Utc};
use serde_json::{Value, json};
use supervision_shared::Role;

use crate::builders::{Organisation, Person};
use crate::helpers::*;

const HEADINGS: &str = "{ agreementHeadings { key heading guidance } }";
const START: &str = "mutation($s: UUID!, $k: AllocationKind!, $t: AgreementTermsInput!) { startAgreement(superviseeId: $s, kind: $k, terms: $t) { id status canSign supervisor { name } } }";
const REVISE: &str = "mutation($id: UUID!, $t: AgreementTermsInput!) { reviseAgreement(id: $id, terms: $t) { id status supervisorSignedAt superviseeSignedAt } }";
const SIGN: &str = "mutation($id: UUID!) { signAgreement(id: $id) { id status canSign inForceAt awaitingApproval } }";
const SUPERVISEES: &str = "{ mySupervisees { staff { name } kind agreement } }";
const MINE: &str = "{ myCompliance { category nextDue } }";
const AGREEMENTS: &str =
    "query($s: UUID!) { staffAgreements(staffId: $s) { id status endedOn reviewBy } }";

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Terms with every heading written, meeting every `days`.
async fn terms(client: &Client, days: u32) -> Value {
    let headings = client.gql(HEADINGS, json!({})).await;
    let sections: Vec<Value> = headings["data"]["agreementHeadings"]
        .as_array()
        .unwrap_or_else(|| panic!("{headings}"))
        .iter()
        .map(|h| json!({ "key": h["key"], "text": h["guidance"] }))
        .collect();
    json!({
        "frequencyDays": days,
        "durationMinutes": 90,
        "venue": "Team base, quiet room",
        "startsOn": today(),
        "reviewBy": today() + Days::new(365),
        "sections": sections,
    })
}

fn id_of(body: &Value, field: &str) -> String {
    body["data"][field]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{body}"))
        .to_owned()
}

async fn standing_of(client: &Client) -> Value {
    let body = client.gql(SUPERVISEES, json!({})).await;
    body["data"]["mySupervisees"][0]["agreement"].clone()
}

async fn management_next_due(client: &Client) -> Value {
    let body = client.gql(MINE, json!({})).await;
    body["data"]["myCompliance"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .find(|s| s["category"] == "MANAGEMENT")
        .unwrap()["nextDue"]
        .clone()
}

/// A team with a line manager and one report, who had line management
/// today.
async fn pair(org: &Organisation<'_>) -> (Person, Person) {
    let team = org.team("Family Support").await;
    let manager = org.person("Sofia Martins").in_unit(team).create().await;
    let report = org
        .person("Ben Okafor")
        .in_unit(team)
        .line_manager(&manager)
        .create()
        .await;
    org.record(&manager)
        .with(&[&report])
        .kind("LINE_MANAGEMENT")
        .held_on(today())
        .create()
        .await;
    (manager, report)
}

/// Starts an agreement with these terms as the manager, and both sign it;
/// its id.
async fn in_force(app: &TestApp, manager: &Person, report: &Person, terms: Value) -> String {
    let id = id_of(
        &app.sign_in_as(manager)
            .await
            .gql(
                START,
                json!({ "s": report.id, "k": "LINE_MANAGER", "t": terms }),
            )
            .await,
        "startAgreement",
    );
    for party in [report, manager] {
        let body = app
            .sign_in_as(party)
            .await
            .gql(SIGN, json!({ "id": id }))
            .await;
        assert!(body["errors"].is_null(), "{body}");
    }
    id
}

#[tokio::test]
async fn supervisor_and_supervisee_both_e_sign_and_the_frequency_agreed_becomes_the_supervisees_policy()
 {
    let app = TestApp::spawn().await;
    let org = app.organisation("Portsmouth").await;
    let (manager, report) = pair(&org).await;
    let sofia = app.sign_in_as(&manager).await;
    let ben = app.sign_in_as(&report).await;
    assert_eq!(
        sofia.gql(SUPERVISEES, json!({})).await["data"]["mySupervisees"][0],
        json!({ "staff": { "name": "Ben Okafor" }, "kind": "LINE_MANAGER", "agreement": "NEW_NEEDED" })
    );
    let headings = sofia.gql(HEADINGS, json!({})).await;
    let keys: Vec<&str> = headings["data"]["agreementHeadings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "purpose",
            "agenda",
            "recording",
            "confidentiality",
            "performance",
            "disagreements",
            "cancellation"
        ]
    );

    // Fortnightly: more often than the organisation's four weeks.
    let body = sofia
        .gql(
            START,
            json!({ "s": report.id, "k": "LINE_MANAGER", "t": terms(&sofia, 14).await }),
        )
        .await;
    assert_eq!(body["data"]["startAgreement"]["status"], "DRAFT", "{body}");
    assert_eq!(
        body["data"]["startAgreement"]["supervisor"]["name"],
        "Sofia Martins"
    );
    let id = id_of(&body, "startAgreement");
    assert_eq!(standing_of(&sofia).await, "AWAITING_SIGNATURE");
    assert_eq!(
        management_next_due(&ben).await,
        json!(today() + Days::new(28))
    );

    let body = ben.gql(SIGN, json!({ "id": id })).await;
    assert_eq!(
        body["data"]["signAgreement"]["status"], "AWAITING_SIGNATURE",
        "{body}"
    );
    assert_eq!(body["data"]["signAgreement"]["canSign"], false);
    let again = ben.gql(SIGN, json!({ "id": id })).await;
    assert_eq!(
        again["data"]["signAgreement"]["status"], "AWAITING_SIGNATURE",
        "signing twice changes nothing"
    );
    let body = sofia.gql(SIGN, json!({ "id": id })).await;
    assert_eq!(
        body["data"]["signAgreement"]["status"], "IN_FORCE",
        "{body}"
    );
    assert_eq!(body["data"]["signAgreement"]["awaitingApproval"], false);
    assert!(body["data"]["signAgreement"]["inForceAt"].is_string());

    assert_eq!(standing_of(&sofia).await, "CURRENT");
    assert_eq!(
        management_next_due(&ben).await,
        json!(today() + Days::new(14)),
        "the agreed fortnight is Ben's policy"
    );
    let signed_again = sofia.gql(SIGN, json!({ "id": id })).await;
    assert_eq!(error_code(&signed_again), Some("CONFLICT"));
    let revised = ben
        .gql(REVISE, json!({ "id": id, "t": terms(&ben, 7).await }))
        .await;
    assert_eq!(
        error_code(&revised),
        Some("CONFLICT"),
        "in force: reviewed by a new one"
    );
    assert_eq!(
        app.count("audit_event WHERE action LIKE 'agreement.%'")
            .await,
        3,
        "started, signed, in force"
    );
}

#[tokio::test]
async fn agreement_for_supervision_less_frequent_than_four_weekly_must_be_approved_by_the_head_of_service()
 {
    let app = TestApp::spawn().await;
    let org = app.organisation("Portsmouth").await;
    let (manager, report) = pair(&org).await;
    let head = org
        .person("Helen Carter")
        .role(Role::SeniorManager, Some(org.top))
        .create()
        .await;
    let sofia = app.sign_in_as(&manager).await;
    let ben = app.sign_in_as(&report).await;

    let mut six_weekly = terms(&sofia, 42).await;
    let body = sofia
        .gql(
            START,
            json!({ "s": report.id, "k": "LINE_MANAGER", "t": six_weekly }),
        )
        .await;
    assert_eq!(error_fields(&body), ["frequencyReason"], "{body}");
    six_weekly["frequencyReason"] =
        json!("Experienced practitioner; fortnightly group supervision too");
    let id = id_of(
        &sofia
            .gql(
                START,
                json!({ "s": report.id, "k": "LINE_MANAGER", "t": six_weekly }),
            )
            .await,
        "startAgreement",
    );
    ben.gql(SIGN, json!({ "id": id })).await;
    let body = sofia.gql(SIGN, json!({ "id": id })).await;
    assert_eq!(
        body["data"]["signAgreement"]["awaitingApproval"], true,
        "{body}"
    );
    assert_eq!(
        management_next_due(&ben).await,
        json!(today() + Days::new(28)),
        "until a head of service approves, the default applies"
    );

    let helen = app.sign_in_as(&head).await;
    let rules = helen
        .gql(
            "{ policyRules { id scopeKind reason awaitingApproval } }",
            json!({}),
        )
        .await;
    let rule = rules["data"]["policyRules"]
        .as_array()
        .unwrap_or_else(|| panic!("{rules}"))
        .iter()
        .find(|r| r["scopeKind"] == "PERSON")
        .unwrap_or_else(|| panic!("{rules}"))
        .clone();
    assert!(
        rule["reason"]
            .as_str()
            .unwrap()
            .contains("Experienced practitioner"),
        "{rule}"
    );
    let approved = helen
        .gql(
            "mutation($id: UUID!) { approvePolicyRule(id: $id) { awaitingApproval } }",
            json!({ "id": rule["id"] }),
        )
        .await;
    assert_eq!(
        approved["data"]["approvePolicyRule"]["awaitingApproval"], false,
        "{approved}"
    );
    assert_eq!(
        management_next_due(&ben).await,
        json!(today() + Days::new(42))
    );
}

#[tokio::test]
async fn the_two_month_back_stop_applies_whatever_the_agreement_says() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Portsmouth").await;
    let (manager, report) = pair(&org).await;
    let head = org
        .person("Helen Carter")
        .role(Role::SeniorManager, Some(org.top))
        .create()
        .await;
    let sofia = app.sign_in_as(&manager).await;
    let ben = app.sign_in_as(&report).await;
    let mut quarterly = terms(&sofia, 91).await;
    quarterly["frequencyReason"] = json!("Part-time bank worker");
    in_force(&app, &manager, &report, quarterly).await;
    let helen = app.sign_in_as(&head).await;
    let rules = helen
        .gql("{ policyRules { id scopeKind } }", json!({}))
        .await;
    let rule = rules["data"]["policyRules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["scopeKind"] == "PERSON")
        .unwrap()["id"]
        .clone();
    helen
        .gql(
            "mutation($id: UUID!) { approvePolicyRule(id: $id) { id } }",
            json!({ "id": rule }),
        )
        .await;
    assert_eq!(
        management_next_due(&ben).await,
        json!(today() + Days::new(61))
    );
}

#[tokio::test]
async fn bad_terms_are_refused_by_field_and_only_the_supervisor_or_a_head_of_service_starts_one() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Portsmouth").await;
    let (manager, report) = pair(&org).await;
    let sofia = app.sign_in_as(&manager).await;
    let good = terms(&sofia, 28).await;

    let mut bad = good.clone();
    bad["reviewBy"] = json!(today() + Days::new(400));
    bad["venue"] = json!("  ");
    bad["durationMinutes"] = json!(5);
    bad["sections"]
        .as_array_mut()
        .unwrap()
        .retain(|s| s["key"] != "confidentiality");
    bad["startsOn"] = json!(today() - Days::new(200));
    let body = sofia
        .gql(
            START,
            json!({ "s": report.id, "k": "LINE_MANAGER", "t": bad }),
        )
        .await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    assert_eq!(
        error_fields(&body),
        [
            "startsOn",
            "durationMinutes",
            "venue",
            "reviewBy",
            "sections.confidentiality"
        ]
    );

    // Not Ben's clinical supervisor: HR has recorded none.
    let body = sofia
        .gql(
            START,
            json!({ "s": report.id, "k": "CLINICAL_SUPERVISOR", "t": good }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let peer = org.person("Owen Price").create().await;
    let owen = app.sign_in_as(&peer).await;
    let body = owen
        .gql(
            START,
            json!({ "s": report.id, "k": "LINE_MANAGER", "t": good }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"));
    let other = app.sign_in(SOFIA).await;
    let body = other
        .gql(
            START,
            json!({ "s": report.id, "k": "LINE_MANAGER", "t": good }),
        )
        .await;
    assert_eq!(
        error_code(&body),
        Some("NOT_FOUND"),
        "another organisation's person"
    );
    assert_eq!(app.count("agreement").await, 0, "nothing was written");

    // A head of service starts one between Ben and his manager.
    let head = org
        .person("Helen Carter")
        .role(Role::SeniorManager, Some(org.top))
        .create()
        .await;
    let body = app
        .sign_in_as(&head)
        .await
        .gql(
            START,
            json!({ "s": report.id, "k": "LINE_MANAGER", "t": good }),
        )
        .await;
    assert_eq!(
        body["data"]["startAgreement"]["supervisor"]["name"], "Sofia Martins",
        "{body}"
    );
    assert_eq!(
        body["data"]["startAgreement"]["canSign"], false,
        "the head of service is not a party"
    );
}

#[tokio::test]
async fn a_new_supervisor_needs_a_new_agreement_and_a_revision_is_signed_again() {
    let app = TestApp::spawn().await;
    let org = app.organisation("York").await;
    let (manager, report) = pair(&org).await;
    let hr = org
        .person("Daniel Okoro")
        .role(Role::HrAdmin, None)
        .create()
        .await;
    let successor = org.person("Omar Haddad").create().await;
    let sofia = app.sign_in_as(&manager).await;
    let ben = app.sign_in_as(&report).await;
    in_force(&app, &manager, &report, terms(&sofia, 14).await).await;

    let body = app
        .sign_in_as(&hr)
        .await
        .gql(
            "mutation($i: ChangeAllocationInput!) { changeAllocation(input: $i) }",
            json!({ "i": { "staffId": report.id, "kind": "LINE_MANAGER", "toId": successor.id, "from": today() } }),
        )
        .await;
    assert_eq!(body["data"]["changeAllocation"], true, "{body}");
    let omar = app.sign_in_as(&successor).await;
    assert_eq!(standing_of(&omar).await, "NEW_NEEDED");

    let second = id_of(
        &omar
            .gql(
                START,
                json!({ "s": report.id, "k": "LINE_MANAGER", "t": terms(&omar, 21).await }),
            )
            .await,
        "startAgreement",
    );
    let body = ben.gql(SIGN, json!({ "id": second })).await;
    assert!(body["data"]["signAgreement"].is_object(), "{body}");
    // Omar changes the frequency: what Ben signed is no longer what it says.
    let body = omar
        .gql(REVISE, json!({ "id": second, "t": terms(&omar, 7).await }))
        .await;
    assert_eq!(body["data"]["reviseAgreement"]["status"], "DRAFT", "{body}");
    assert!(body["data"]["reviseAgreement"]["superviseeSignedAt"].is_null());
    ben.gql(SIGN, json!({ "id": second })).await;
    let body = omar.gql(SIGN, json!({ "id": second })).await;
    assert_eq!(
        body["data"]["signAgreement"]["status"], "IN_FORCE",
        "{body}"
    );
    assert_eq!(standing_of(&omar).await, "CURRENT");
    assert_eq!(
        management_next_due(&ben).await,
        json!(today() + Days::new(7))
    );

    let body = ben.gql(AGREEMENTS, json!({ "s": report.id })).await;
    let statuses: Vec<&str> = body["data"]["staffAgreements"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|a| a["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["IN_FORCE", "ENDED"], "{body}");
}

#[tokio::test]
async fn a_review_falling_due_is_flagged_a_month_ahead() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Cumbria").await;
    let (manager, report) = pair(&org).await;
    let sofia = app.sign_in_as(&manager).await;
    let mut t = terms(&sofia, 28).await;
    t["startsOn"] = json!(today() - Days::new(60));
    t["reviewBy"] = json!(today() + Days::new(20));
    in_force(&app, &manager, &report, t).await;
    assert_eq!(standing_of(&sofia).await, "REVIEW_DUE");
}

#[tokio::test]
async fn both_parties_are_reminded_once_when_the_review_falls_due_and_again_when_it_is_overdue() {
    use backend::entity::outbox_message;
    use backend::service::{notify::Links, reminders};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = TestApp::spawn().await;
    let org = app.organisation("Cumbria").await;
    let (manager, report) = pair(&org).await;
    let sofia = app.sign_in_as(&manager).await;
    let t = terms(&sofia, 28).await;
    in_force(&app, &manager, &report, t).await;
    let links = Links {
        public_url: "https://supervision.example".into(),
    };
    let about_the_agreement = || async {
        outbox_message::Entity::find()
            .filter(outbox_message::Column::OrganisationId.eq(org.id))
            .filter(outbox_message::Column::Subject.contains("supervision agreement"))
            .all(&app.db)
            .await
            .unwrap()
    };
    // Eleven months on: nothing yet. A year on, less 20 days: due, to both.
    reminders::run(&app.db, &links, today() + Days::new(330), 14)
        .await
        .unwrap();
    assert!(about_the_agreement().await.is_empty());
    let due_day = today() + Days::new(345);
    reminders::run(&app.db, &links, due_day, 14).await.unwrap();
    reminders::run(&app.db, &links, due_day, 14).await.unwrap();
    let sent = about_the_agreement().await;
    let mut to: Vec<&str> = sent.iter().map(|m| m.to_address.as_str()).collect();
    to.sort_unstable();
    assert_eq!(
        to,
        [report.email.as_str(), manager.email.as_str()],
        "once each"
    );
    assert!(sent.iter().all(|m| m.subject.contains("is due for review")));
    reminders::run(&app.db, &links, today() + Days::new(370), 14)
        .await
        .unwrap();
    let overdue = about_the_agreement().await;
    assert_eq!(overdue.len(), 4, "and once each when overdue");
}

#[tokio::test]
async fn an_organisation_writes_its_own_headings_and_bad_ones_write_nothing() {
    const SET: &str = "mutation($h: [AgreementHeadingInput!]!) { setAgreementHeadings(headings: $h) { key heading } }";
    let app = TestApp::spawn().await;
    let org = app.organisation("York").await;
    let admin = app.sign_in_as(&org.administrator).await;
    let before = admin.gql(HEADINGS, json!({})).await;
    let bad = json!([
        { "key": "purpose", "heading": "Purpose", "guidance": "" },
        { "key": "purpose", "heading": " ", "guidance": "" },
    ]);
    let body = admin.gql(SET, json!({ "h": bad })).await;
    assert_eq!(
        error_fields(&body),
        ["headings.1.key", "headings.1.heading"],
        "{body}"
    );
    assert_eq!(
        admin.gql(HEADINGS, json!({})).await,
        before,
        "nothing was written"
    );
    let (manager, report) = pair(&org).await;
    let body = app
        .sign_in_as(&manager)
        .await
        .gql(SET, json!({ "h": [] }))
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"));

    // York's own: "the Supervision Agreement forms part of the
    // Professional Supervision Record".
    let york = json!([
        { "key": "purpose", "heading": "Purpose and standards", "guidance": "Standards 1 to 7 of the guidance." },
        { "key": "confidentiality", "heading": "Confidentiality", "guidance": "Confidential but accessible." },
    ]);
    let body = admin.gql(SET, json!({ "h": york })).await;
    assert_eq!(
        body["data"]["setAgreementHeadings"][0]["heading"], "Purpose and standards",
        "{body}"
    );
    let sofia = app.sign_in_as(&manager).await;
    let t = terms(&sofia, 28).await;
    assert_eq!(t["sections"].as_array().map(Vec::len), Some(2));
    in_force(&app, &manager, &report, t).await;
}

/// Puts the agreement `id` in force `days` ago, as if signed then.
async fn in_force_since(app: &TestApp, id: &str, days: i64) {
    use backend::entity::agreement;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let row = agreement::Entity::find_by_id(uuid::Uuid::parse_str(id).unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: agreement::ActiveModel = row.into();
    row.in_force_at = Set(Some(Utc::now() - chrono::Duration::days(days)));
    row.update(&app.db).await.unwrap();
}

const RECORD_ABSENCE: &str = "mutation($s: UUID!, $from: NaiveDate!, $back: NaiveDate!) { recordAbsence(staffId: $s, startsOn: $from, backOn: $back) { id startsOn backOn recordedBy { name } } }";
const ABSENCES: &str = "query($s: UUID!) { staffAbsences(staffId: $s) { viewerMayRecord absences { id startsOn backOn } } }";

/// York: a Supervision Agreement "should be completed ... whenever a new
/// supervisory relationship begins, or is renewed after an interval such as
/// an extended period of sickness absence or other extended leave".
#[tokio::test]
async fn an_agreement_is_renewed_after_an_interval_such_as_an_extended_period_of_sickness_absence()
{
    let app = TestApp::spawn().await;
    let org = app.organisation("York").await;
    let (manager, report) = pair(&org).await;
    let sofia = app.sign_in_as(&manager).await;
    let ben = app.sign_in_as(&report).await;
    let id = in_force(&app, &manager, &report, terms(&sofia, 28).await).await;
    // Signed three months ago, before Ben's absence.
    in_force_since(&app, &id, 90).await;
    assert_eq!(standing_of(&sofia).await, "CURRENT");

    // Bad dates are refused by field and write nothing.
    let short = sofia
        .gql(
            RECORD_ABSENCE,
            json!({ "s": report.id, "from": today() - Days::new(20), "back": today() }),
        )
        .await;
    assert_eq!(error_code(&short), Some("VALIDATION_FAILED"), "{short}");
    assert_eq!(error_fields(&short), vec!["backOn"]);
    // Ben sees his own absences but does not record them.
    let body = ben
        .gql(
            RECORD_ABSENCE,
            json!({ "s": report.id, "from": today() - Days::new(60), "back": today() }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let body = ben.gql(ABSENCES, json!({ "s": report.id })).await;
    assert_eq!(body["data"]["staffAbsences"]["viewerMayRecord"], false);
    assert_eq!(
        body["data"]["staffAbsences"]["absences"],
        json!([]),
        "{body}"
    );
    // A colleague in another team may not know of them.
    let stranger = org.person("Owen Price").create().await;
    let body = app
        .sign_in_as(&stranger)
        .await
        .gql(ABSENCES, json!({ "s": report.id }))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"), "{body}");

    // Away for eight weeks, back a week ago: the agreement is to be renewed.
    let body = sofia
        .gql(
            RECORD_ABSENCE,
            json!({ "s": report.id, "from": today() - Days::new(63), "back": today() - Days::new(7) }),
        )
        .await;
    assert_eq!(
        body["data"]["recordAbsence"]["recordedBy"]["name"], "Sofia Martins",
        "{body}"
    );
    assert_eq!(standing_of(&sofia).await, "RENEWAL_AFTER_ABSENCE");
    let again = sofia
        .gql(
            RECORD_ABSENCE,
            json!({ "s": report.id, "from": today() - Days::new(50), "back": today() - Days::new(2) }),
        )
        .await;
    assert_eq!(error_code(&again), Some("CONFLICT"), "{again}");
    let body = ben.gql(ABSENCES, json!({ "s": report.id })).await;
    assert_eq!(
        body["data"]["staffAbsences"]["absences"]
            .as_array()
            .map(Vec::len),
        Some(1),
        "{body}"
    );

    // Renewed: both sign a new one, and it is in place again.
    in_force(&app, &manager, &report, terms(&sofia, 28).await).await;
    assert_eq!(standing_of(&sofia).await, "CURRENT");
}

#[tokio::test]
async fn an_absence_recorded_in_error_is_removed_and_the_flag_goes_with_it() {
    let app = TestApp::spawn().await;
    let org = app.organisation("York").await;
    let (manager, report) = pair(&org).await;
    let sofia = app.sign_in_as(&manager).await;
    let id = in_force(&app, &manager, &report, terms(&sofia, 28).await).await;
    in_force_since(&app, &id, 90).await;
    let body = sofia
        .gql(
            RECORD_ABSENCE,
            json!({ "s": report.id, "from": today() - Days::new(40), "back": today() - Days::new(1) }),
        )
        .await;
    let absence = id_of(&body, "recordAbsence");
    assert_eq!(standing_of(&sofia).await, "RENEWAL_AFTER_ABSENCE");
    let body = sofia
        .gql(
            "mutation($id: UUID!) { removeAbsence(id: $id) }",
            json!({ "id": absence }),
        )
        .await;
    assert_eq!(body["data"]["removeAbsence"], true, "{body}");
    assert_eq!(standing_of(&sofia).await, "CURRENT");
}
