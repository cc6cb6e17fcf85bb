//! Schedules as each organisation writes them (F5.2): a new organisation
//! starts with Cumbria's ASYE wording, a council writes Portsmouth's from a
//! date, the days before it keep the wording they had, and a schedule that
//! does not read as one is refused and writes nothing.

use chrono::{Days, Utc};
use serde_json::{Value, json};
use supervision_shared::Role;

use crate::helpers::*;

const SCHEDULES: &str =
    "{ schedules { kind effectiveFrom phases { everyDays untilMonths untilWeeks } } }";
const SET: &str =
    "mutation($p: SchedulePlanInput!) { setSchedule(plan: $p) { kind effectiveFrom } }";
const MINE: &str = "query($at: NaiveDate) { myCompliance(asAt: $at) { category nextDue } }";

fn phases(list: &[(u32, u32, u32)]) -> Value {
    list.iter()
        .map(|(every, months, weeks)| {
            json!({ "everyDays": every, "untilMonths": months, "untilWeeks": weeks })
        })
        .collect()
}

async fn clinical_next_due(client: &Client, at: chrono::NaiveDate) -> Value {
    let body = client.gql(MINE, json!({ "at": at })).await;
    body["data"]["myCompliance"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .find(|s| s["category"] == "CLINICAL")
        .unwrap()["nextDue"]
        .clone()
}

#[tokio::test]
async fn a_council_writes_its_asye_as_portsmouth_does_from_a_date_and_the_days_before_keep_cumbrias()
 {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let admin = app.sign_in_as(&org.administrator).await;
    let body = admin.gql(SCHEDULES, json!({})).await;
    assert_eq!(
        body["data"]["schedules"],
        json!([
            { "kind": "NEWLY_QUALIFIED", "effectiveFrom": "2000-01-01",
              "phases": phases(&[(7, 0, 6), (14, 6, 6), (30, 12, 0)]) },
            { "kind": "INDUCTION", "effectiveFrom": "2000-01-01",
              "phases": phases(&[(14, 6, 0)]) },
        ]),
        "an organisation starts with its schedules written down"
    );

    // Seven weeks into the ASYE: past Cumbria's six weekly weeks, within
    // Portsmouth's eight.
    let today = Utc::now().date_naive();
    let team = org.team("Family Support").await;
    let supervisor = org.person("Sofia Martins").in_unit(team).create().await;
    let worker = org
        .person("Ben Okafor")
        .in_unit(team)
        .clinical_supervisor(&supervisor)
        .newly_qualified()
        .started(today - Days::new(49))
        .create()
        .await;
    org.record(&supervisor)
        .with(&[&worker])
        .held_on(today)
        .create()
        .await;
    let ben = app.sign_in_as(&worker).await;
    assert_eq!(
        clinical_next_due(&ben, today).await,
        json!(today + Days::new(14))
    );

    let tomorrow = today + Days::new(1);
    let body = admin
        .gql(
            SET,
            json!({ "p": { "kind": "NEWLY_QUALIFIED", "effectiveFrom": tomorrow,
                           "phases": phases(&[(7, 0, 8), (14, 12, 0)]) } }),
        )
        .await;
    assert_eq!(
        body["data"]["setSchedule"]["kind"], "NEWLY_QUALIFIED",
        "{body}"
    );
    assert_eq!(
        clinical_next_due(&ben, today).await,
        json!(today + Days::new(14)),
        "today is judged by the wording in force today"
    );
    assert_eq!(
        clinical_next_due(&ben, tomorrow).await,
        json!(today + Days::new(7)),
        "from tomorrow, weekly for eight weeks"
    );
    assert_eq!(
        app.count("audit_event WHERE action = 'schedule.set'").await,
        1
    );
}

#[tokio::test]
async fn a_schedule_that_does_not_read_as_one_is_refused_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let admin = app.sign_in_as(&org.administrator).await;
    let before = admin.gql(SCHEDULES, json!({})).await;
    let today = Utc::now().date_naive();
    for (list, field) in [
        (vec![], "phases"),
        (vec![(7, 0, 6), (14, 0, 6)], "phases.1"),
        (vec![(0, 0, 6)], "phases.0"),
        (vec![(7, 61, 0)], "phases.0"),
    ] {
        let body = admin
            .gql(
                SET,
                json!({ "p": { "kind": "INDUCTION", "effectiveFrom": today, "phases": phases(&list) } }),
            )
            .await;
        assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
        assert_eq!(error_fields(&body), vec![field.to_owned()], "{list:?}");
    }
    let head = org
        .person("Helen Carter")
        .role(Role::SeniorManager, Some(org.top))
        .create()
        .await;
    let helen = app.sign_in_as(&head).await;
    let body = helen
        .gql(
            SET,
            json!({ "p": { "kind": "INDUCTION", "effectiveFrom": today, "phases": phases(&[(7, 3, 0)]) } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    assert_eq!(
        helen.gql(SCHEDULES, json!({})).await,
        before,
        "a head of service reads the schedules, and nothing was written"
    );
    let staff = org.person("Tom Reed").create().await;
    let tom = app.sign_in_as(&staff).await;
    assert_eq!(
        error_code(&tom.gql(SCHEDULES, json!({})).await),
        Some("FORBIDDEN")
    );
}

#[tokio::test]
async fn the_demo_council_writes_its_asye_as_portsmouth_does() {
    let app = TestApp::spawn().await;
    let kwame = app.sign_in("kwame.mensah@southbank.example").await;
    let body = kwame.gql(SCHEDULES, json!({})).await;
    let newly_qualified: Vec<&Value> = body["data"]["schedules"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .filter(|p| p["kind"] == "NEWLY_QUALIFIED")
        .collect();
    assert_eq!(
        newly_qualified.last().unwrap()["phases"],
        phases(&[(7, 0, 8), (14, 12, 0)])
    );
}

/// An organisation that existed before schedules and agreements were data
/// is given the schedule the code applied until then, and the policies'
/// agreement headings, when the server is upgraded.
#[tokio::test]
async fn an_existing_organisation_is_given_the_schedules_and_headings_on_upgrade() {
    use migrations::{Migrator, MigratorTrait};
    use sea_orm::{ConnectionTrait, Database};
    let file = std::env::temp_dir().join(format!("upgrade-{}.db", uuid::Uuid::new_v4()));
    let db = Database::connect(format!("sqlite://{}?mode=rwc", file.display()))
        .await
        .unwrap();
    // Up to the step before schedules became data.
    let before = Migrator::migrations()
        .iter()
        .position(|m| m.name() == "m20261205_000030_schedule_phase")
        .expect("the schedules migration");
    Migrator::up(&db, Some(u32::try_from(before).unwrap()))
        .await
        .unwrap();
    let id = uuid::Uuid::new_v4();
    db.execute_raw(sea_orm::Statement::from_sql_and_values(
        db.get_database_backend(),
        "INSERT INTO organisation (id, name, created_at, time_zone) VALUES (?, 'Old Trust', ?, 'Europe/London')",
        [id.into(), Utc::now().into()],
    ))
    .await
    .unwrap();
    Migrator::up(&db, None).await.unwrap();
    let plans = backend::service::compliance::schedule::plans_of(&db, id)
        .await
        .unwrap();
    assert_eq!(
        plans,
        supervision_shared::schedule::default_plans(
            chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap()
        )
    );
    let headings = backend::service::agreement::headings::headings_of(&db, id)
        .await
        .unwrap();
    assert_eq!(headings, supervision_shared::agreement::default_headings());
    db.close().await.unwrap();
    let _ = std::fs::remove_file(&file);
}
