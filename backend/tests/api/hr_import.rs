//! Loading the directory from the HR system's export (F2.3, F2.4): a dry
//! run that writes nothing, an apply that is all or nothing and changes
//! nothing the second time, leavers who lose access at once, and every
//! error by line; over HTTP as the page sends it, and by the command.

use chrono::{Days, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use supervision_shared::Role;

use crate::builders::Organisation;
use crate::helpers::*;

const HEADER: &str = "Employee Number,First Name,Surname,Work Email,Job Title,Staff Group,Organisation,Start Date,Leaving Date,Line Manager Employee Number,Clinical Supervisor Employee Number,Newly Qualified,Probation,Holds Caseload";

/// The export of a small team: a manager, two practitioners (one newly
/// qualified), and a social worker in another team.
fn export(extra: &[&str]) -> String {
    let mut lines = vec![
        HEADER,
        "A00001,Ada,Admin,ada.admin@riverside.test,System administrator,,Corporate,01/04/2020,,,,,,",
        "E10001,Priya,Shah,priya.shah@riverside.test,Team Leader,Nursing,Community Services / Community Nursing / Team A,01/04/2019,,,,N,N,Y",
        "E10002,Tom,Reed,tom.reed@riverside.test,Community Nurse,Nursing,Community Services / Community Nursing / Team A,2022-09-05,,E10001,E10001,N,N,Y",
        "E10003,Zoë,O'Neill,zoe.oneill@riverside.test,Staff Nurse,Nursing,Community Services / Community Nursing / Team A,2026-09-01,,E10001,E10001,Y,Y,N",
        "E10004,Sam,Smith,sam.smith@riverside.test,Social Worker,Social Work,Community Services / Adult Social Care / Team B,2021-01-11,,E10001,,N,N,Y",
    ];
    lines.extend_from_slice(extra);
    lines.join("\r\n") + "\r\n"
}

async fn upload(client: &Client, query: &str, csv: &str) -> (u16, Value) {
    let response = client
        .http
        .post(format!("{}/import/staff?{query}", client.base))
        .header("x-requested-with", "supervision")
        .header("content-type", "text/csv")
        .body(csv.to_owned())
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn hr_of<'a>(app: &'a TestApp, org: &Organisation<'a>) -> Client {
    let hannah = org
        .person("Hannah Hughes")
        .role(Role::HrAdmin, None)
        .create()
        .await;
    app.sign_in_as(&hannah).await
}

#[tokio::test]
async fn a_dry_run_writes_nothing_and_the_import_is_applied_once() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hr = hr_of(&app, &org).await;
    let (staff, units) = (app.count("staff").await, app.count("org_unit").await);

    let (status, dry) = upload(&hr, "dryRun=true&full=false", &export(&[])).await;
    assert_eq!(status, 200, "{dry}");
    assert_eq!(dry["applied"], false);
    // Ada, set up with the organisation, is recognised by her employee
    // number: she moves to her unit and gets her real start date.
    assert_eq!(
        (dry["starters"].as_u64(), dry["changed"].as_u64()),
        (Some(4), Some(1)),
        "{dry}"
    );
    assert_eq!(
        dry["newUnits"],
        json!([
            "Corporate",
            "Community Services",
            "Community Services / Community Nursing",
            "Community Services / Adult Social Care",
            "Community Services / Community Nursing / Team A",
            "Community Services / Adult Social Care / Team B"
        ]),
        "parents before children: {dry}"
    );
    assert!(dry["errors"].as_array().unwrap().is_empty(), "{dry}");
    assert_eq!(
        (app.count("staff").await, app.count("org_unit").await),
        (staff, units),
        "a dry run writes nothing"
    );

    let (_, applied) = upload(&hr, "dryRun=false&full=false", &export(&[])).await;
    assert_eq!(applied["applied"], true, "{applied}");
    assert_eq!(app.count("staff").await, staff + 4);
    assert_eq!(app.count("org_unit").await, units + 6);

    // Priya now supervises Tom and Zoë, and sees them as My supervisees.
    let priya = app.sign_in("priya.shah@riverside.test").await;
    let body = priya
        .gql(
            "{ mySupervisees { staff { name } relationship } }",
            json!({}),
        )
        .await;
    let mut names: Vec<String> = body["data"]["mySupervisees"]
        .as_array()
        .unwrap()
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
    names.dedup();
    assert!(
        names.contains(&"Tom Reed (Clinical supervisor)".to_owned()),
        "{body}"
    );
    assert!(
        names.contains(&"Zoë O'Neill (Line manager)".to_owned()),
        "{body}"
    );
    assert!(
        names.contains(&"Sam Smith (Line manager)".to_owned()),
        "{body}"
    );

    // The same file again changes nothing.
    let (_, again) = upload(&hr, "dryRun=false&full=false", &export(&[])).await;
    assert_eq!(
        (
            again["starters"].as_u64(),
            again["leavers"].as_u64(),
            again["changed"].as_u64()
        ),
        (Some(0), Some(0), Some(0)),
        "{again}"
    );
    assert!(again["newUnits"].as_array().unwrap().is_empty(), "{again}");
    assert_eq!(app.count("staff").await, staff + 4);
    app.stop().await;
}

#[tokio::test]
async fn every_error_is_reported_by_line_and_nothing_is_applied() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hr = hr_of(&app, &org).await;
    let staff = app.count("staff").await;
    let csv = export(&[
        // line 7: the same email as line 3
        "E10005,Priya,Shah,priya.shah@riverside.test,Nurse,Nursing,Team A,2024-01-01,,,,,,",
        // line 8: a manager nobody employs, and a date that is not a date
        "E10006,Kim,Lee,kim.lee@riverside.test,Nurse,Nursing,Team A,2024-13-01,,E99999,,,,",
        // line 9: the same employee number as line 4
        "E10003,Jo,Bloggs,jo.bloggs@riverside.test,Nurse,Nursing,Team A,2024-01-01,,,,,,",
        // lines 10 and 11: each the other's line manager
        "E10007,Ann,Ash,ann.ash@riverside.test,Manager,Nursing,Team A,2024-01-01,,E10008,,,,",
        "E10008,Ben,Birch,ben.birch@riverside.test,Manager,Nursing,Team A,2024-01-01,,E10007,,,,",
        // line 12: leaves before starting
        "E10009,Cy,Cole,cy.cole@riverside.test,Nurse,Nursing,Team A,2024-01-01,2023-12-31,,,,,",
    ]);
    let (status, report) = upload(&hr, "dryRun=false&full=false", &csv).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["applied"], false);
    let errors: Vec<(u64, &str)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    insta::assert_snapshot!(format!("{errors:?}"), @r#"[(7, "email"), (8, "start_date"), (9, "employee_number"), (10, "line_manager"), (12, "leaving_date")]"#);
    let messages: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["message"].as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("round in a circle: E10007 → E10008 → E10007")),
        "{messages:?}"
    );
    assert_eq!(app.count("staff").await, staff, "nothing applied");
    app.stop().await;
}

#[tokio::test]
async fn someone_missing_from_a_full_export_leaves_and_loses_access_at_once() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hr = hr_of(&app, &org).await;
    let (_, applied) = upload(&hr, "dryRun=false&full=false", &export(&[])).await;
    assert_eq!(applied["applied"], true, "{applied}");
    let sam = app.sign_in("sam.smith@riverside.test").await;
    assert!(sam.gql("{ me { name } }", json!({})).await["errors"].is_null());

    // Sam is not in today's full export; Hannah, who runs it, is (HR's own
    // records list her too).
    let full: String = export(&[
        "T00001,Hannah,Hughes,hannah.hughes.1@riverside.test,HR Adviser,,Corporate,2020-01-01,,,,,,",
    ])
    .lines()
    .filter(|line| !line.starts_with("E10004"))
    .map(|line| format!("{line}\r\n"))
    .collect();
    let (_, dry) = upload(&hr, "dryRun=true", &full).await;
    assert_eq!(dry["leavers"], 1, "{dry}");
    let leaving = dry["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["leaver"] == true)
        .unwrap();
    assert_eq!(leaving["employeeNumber"], "E10004");
    assert!(
        leaving["line"].is_null(),
        "not a line of the file: {leaving}"
    );

    let (_, applied) = upload(&hr, "dryRun=false", &full).await;
    assert_eq!(applied["applied"], true, "{applied}");
    let refused = sam.gql("{ me { name } }", json!({})).await;
    assert_eq!(error_code(&refused), Some("UNAUTHENTICATED"), "{refused}");
    // Gone from the picker; still in the directory with their records.
    let found = hr
        .gql("{ searchStaff(query: \"Sam\") { name } }", json!({}))
        .await;
    assert_eq!(found["data"]["searchStaff"], json!([]), "{found}");
    let sam = backend::entity::staff::Entity::find()
        .filter(backend::entity::staff::Column::Email.eq("sam.smith@riverside.test"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (sam.status.as_str(), sam.leaving_date),
        ("leaver", Some(Utc::now().date_naive()))
    );
    app.stop().await;
}

#[tokio::test]
async fn only_hr_administrators_import_and_only_from_our_client() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let admin = app.sign_in_as(&org.administrator).await;
    let (status, _) = upload(&admin, "dryRun=true", &export(&[])).await;
    assert_eq!(
        status, 403,
        "a system administrator grants roles; HR loads people"
    );
    let (status, _) = upload(&app.anonymous(), "dryRun=true", &export(&[])).await;
    assert_eq!(status, 401);
    let hr = hr_of(&app, &org).await;
    let no_header = hr
        .http
        .post(format!("{}/import/staff?dryRun=true", hr.base))
        .body(export(&[]))
        .send()
        .await
        .unwrap();
    assert_eq!(no_header.status(), 403, "a cross-site form cannot import");
    app.stop().await;
}

#[tokio::test]
async fn the_command_reads_the_same_file_with_the_organisations_own_headers() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let file = std::env::temp_dir().join(format!("staff-{}.csv", org.id));
    std::fs::write(
        &file,
        export(&[]).replace("Organisation,", "Department Path,"),
    )
    .unwrap();
    let run = |extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_supervision"))
            .env_clear()
            .env("SUPERVISION_DATABASE_URL", &app.database_url)
            .env("SUPERVISION_AUDIT_KEY_FILE", AUDIT_KEY_FILE)
            .args([
                "import",
                file.to_str().unwrap(),
                "--organisation",
                "Riverside",
                "--partial",
            ])
            .args(["--column", "unit=Department Path"])
            .args(extra)
            .output()
            .unwrap()
    };
    let dry = run(&["--dry-run"]);
    let text = String::from_utf8_lossy(&dry.stdout);
    assert!(
        dry.status.success(),
        "{text} {}",
        String::from_utf8_lossy(&dry.stderr)
    );
    assert!(
        text.contains("4 starting") && text.contains("Dry run"),
        "{text}"
    );
    let applied = run(&[]);
    assert!(String::from_utf8_lossy(&applied.stdout).contains("Applied."));
    let today = Utc::now().date_naive();
    let future = run(&["--as-of", &(today + Days::new(1)).to_string()]);
    assert!(
        String::from_utf8_lossy(&future.stdout).contains("0 starting, 0 leaving, 0 changing"),
        "{}",
        String::from_utf8_lossy(&future.stdout)
    );
    std::fs::remove_file(&file).ok();
    app.stop().await;
}

#[tokio::test]
async fn a_tree_of_several_divisions_is_matched_from_its_roots() {
    let app = TestApp::spawn().await;
    // The demo trust's divisions are roots of their own (no unit above them).
    let daniel = app.sign_in(DANIEL).await;
    let units = app.count("org_unit").await;
    let csv = format!(
        "{HEADER}\r\nN90001,Kim,Lee,kim.lee@northfield.example,Community Nurse,Nursing,\
         Community Services / Adult Community Nursing / Community Nursing North,2026-11-02,,,,Y,Y,Y\r\n\
         N90002,Jo,Park,jo.park@northfield.example,Practitioner,Nursing,\
         Community Services / Adult Community Nursing / Community Nursing East,2026-11-02,,,,,,\r\n"
    );
    let (_, applied) = upload(&daniel, "dryRun=false&full=false", &csv).await;
    assert_eq!(applied["applied"], true, "{applied}");
    assert_eq!(
        applied["newUnits"],
        json!(["Community Services / Adult Community Nursing / Community Nursing East"]),
        "only the team that is new: {applied}"
    );
    assert_eq!(app.count("org_unit").await, units + 1);
    let found = daniel
        .gql(
            "{ searchStaff(query: \"kim lee\") { name teamName } }",
            json!({}),
        )
        .await;
    assert_eq!(
        found["data"]["searchStaff"],
        json!([{ "name": "Kim Lee", "teamName": "Community Nursing North" }])
    );
    app.stop().await;
}

#[tokio::test]
async fn a_starter_who_has_not_started_yet_is_imported_once() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hr = hr_of(&app, &org).await;
    let next_month = (Utc::now().date_naive() + Days::new(30)).to_string();
    let csv = export(&[&format!(
        "E10009,Cy,Cole,cy.cole@riverside.test,Nurse,Nursing,Community Services / Community Nursing / Team A,{next_month},,E10001,E10001,,,"
    )]);
    let (_, first) = upload(&hr, "dryRun=false&full=false", &csv).await;
    assert_eq!(first["applied"], true, "{first}");
    let allocations = app.count("allocation").await;
    let (_, again) = upload(&hr, "dryRun=false&full=false", &csv).await;
    assert_eq!(
        (again["starters"].as_u64(), again["changed"].as_u64()),
        (Some(0), Some(0)),
        "their managers, from their first day, are already theirs: {again}"
    );
    assert_eq!(app.count("allocation").await, allocations);
    app.stop().await;
}

#[tokio::test]
async fn a_full_export_cannot_leave_the_organisation_without_a_system_administrator() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hr = hr_of(&app, &org).await;
    // Ada, the only system administrator, is not in this full export.
    let without_ada: String = export(&[
        "T00001,Hannah,Hughes,hannah.hughes.1@riverside.test,HR Adviser,,Corporate,2020-01-01,,,,,,",
    ])
    .lines()
    .filter(|line| !line.starts_with("A00001"))
    .map(|line| format!("{line}\r\n"))
    .collect();
    let (_, report) = upload(&hr, "dryRun=false", &without_ada).await;
    assert_eq!(report["applied"], false, "{report}");
    assert_eq!(
        report["errors"][0]["field"], "system_administrator",
        "{report}"
    );
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("Ada Admin"),
        "{report}"
    );
    app.stop().await;
}

#[tokio::test]
async fn the_organisations_own_headers_are_kept_once_and_read_by_the_page_upload() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hr = hr_of(&app, &org).await;
    let csv = export(&[]).replace("Organisation,", "Department Path,");
    const SET: &str = "mutation($c: [ImportColumnInput!]!) { setImportColumns(columns: $c) }";

    // Not known yet: the upload cannot find the unit column.
    let (_, report) = upload(&hr, "dryRun=true&full=false", &csv).await;
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("no unit column"),
        "{report}"
    );

    // Bad input is refused and keeps nothing; only HR keeps headers.
    let body = hr
        .gql(
            SET,
            json!({ "c": [{ "field": "department", "header": "Department Path" }] }),
        )
        .await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    let staff = app
        .sign_in_as(&org.person("Sam Smith").create().await)
        .await;
    let body = staff
        .gql(
            SET,
            json!({ "c": [{ "field": "unit", "header": "Department Path" }] }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    assert_eq!(app.count("import_column").await, 0);

    let body = hr
        .gql(
            SET,
            json!({ "c": [{ "field": "unit", "header": "Department Path" }] }),
        )
        .await;
    assert_eq!(body["data"]["setImportColumns"], true, "{body}");
    let body = hr
        .gql(
            "{ importColumns { field required header knownHeaders } }",
            json!({}),
        )
        .await;
    let unit = body["data"]["importColumns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "unit")
        .cloned()
        .unwrap();
    assert_eq!(unit["header"], "Department Path");
    assert_eq!(unit["required"], true);
    let (status, report) = upload(&hr, "dryRun=true&full=false", &csv).await;
    assert_eq!(status, 200);
    assert_eq!(report["errors"], json!([]), "{report}");
    assert_eq!(report["starters"], 4, "{report}");
    // A file with the usual names still reads.
    let (_, report) = upload(&hr, "dryRun=true&full=false", &export(&[])).await;
    assert_eq!(report["errors"], json!([]), "{report}");
    app.stop().await;
}

#[tokio::test]
async fn a_change_of_supervisor_in_the_export_is_told_to_the_person_and_a_starters_first_is_not() {
    let app = TestApp::spawn().await;
    let org = app.organisation("Riverside").await;
    let hr = hr_of(&app, &org).await;
    let told = |email: &'static str| {
        let app = &app;
        async move {
            app.count(&format!(
                "outbox_message WHERE to_address = '{email}' AND subject LIKE 'Your % from %'"
            ))
            .await
        }
    };
    let (status, report) = upload(&hr, "dryRun=false&full=false", &export(&[])).await;
    assert_eq!(
        (status, report["applied"].clone()),
        (200, json!(true)),
        "{report}"
    );
    assert_eq!(
        told("tom.reed@riverside.test").await,
        0,
        "a starter's first supervisor is no news"
    );

    // Next month's export: Sam supervises Tom now.
    let changed = export(&[]).replace("2022-09-05,,E10001,E10001,", "2022-09-05,,E10001,E10004,");
    let (status, report) = upload(&hr, "dryRun=false&full=false", &changed).await;
    assert_eq!(
        (status, report["changed"].clone()),
        (200, json!(1)),
        "{report}"
    );
    assert_eq!(
        told("tom.reed@riverside.test").await,
        1,
        "Tom is told who holds his file"
    );
    let body = app
        .count("outbox_message WHERE to_address = 'tom.reed@riverside.test' AND body LIKE '%Sam Smith holds it%'")
        .await;
    assert_eq!(body, 1);
    assert_eq!(told("zoe.oneill@riverside.test").await, 0);
    app.stop().await;
}

#[tokio::test]
async fn the_demo_moved_in_through_set_up_and_the_import_month_by_month() {
    use backend::entity::{allocation, audit_event, staff};
    use sea_orm::QueryOrder;
    let app = TestApp::spawn().await;
    let tom = staff::Entity::find_by_id(app.staff_id(TOM).await)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let actions: Vec<String> = audit_event::Entity::find()
        .filter(audit_event::Column::OrganisationId.eq(tom.organisation_id))
        .order_by_asc(audit_event::Column::Seq)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions[0], "organisation.set_up", "{actions:?}");
    let imports = actions.iter().filter(|a| *a == "directory.import").count();
    assert!(
        imports >= 3,
        "before the leavers, after them, today: {actions:?}"
    );
    // The leavers left through a later export: their people passed on the
    // day after, and they manage nobody now.
    let leavers = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(tom.organisation_id))
        .filter(staff::Column::Status.eq("leaver"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(leavers.len(), 2);
    for leaver in leavers {
        let left = leaver.leaving_date.unwrap();
        let still_held = allocation::Entity::find()
            .filter(allocation::Column::AllocatedToId.eq(leaver.id))
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .filter(|a| a.effective_to.is_none_or(|to| to > left))
            .count();
        assert_eq!(still_held, 0, "{} still holds files", leaver.name);
    }
    app.stop().await;
}
