//! The organisation's BI tools reading compliance (F9.5): a system
//! administrator makes a read-only token scoped to units; a BI tool reads
//! the whole scope page by page at `/bi/graphql`, the same people and
//! figures as the team report, and the CSV with the same token; and it is
//! refused anything else: content, other units, other endpoints, a revoked
//! or expired token, more than its rate. Every use is audited.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::*;

const RUTH: &str = "ruth.adeyemi@northfield.example";

const CREATE: &str =
    "mutation($input: BiTokenInput!) { createBiToken(input: $input) { id token } }";

const PAGE: &str = "query($after: String, $first: Int!) { compliance(first: $first, after: $after) { \
    asAt hasNextPage endCursor people { staffId name employeeNumber unitName unitPath \
    policy { clinicalDays } kinds { kind required lastFormal nextDue status intervalDays onSchedule } } } }";

/// A BI tool holding a token.
struct BiTool {
    http: reqwest::Client,
    base: String,
    token: String,
}

impl BiTool {
    fn new(app: &TestApp, token: &str) -> Self {
        Self {
            http: reqwest::Client::new(),
            base: app.base.clone(),
            token: token.to_owned(),
        }
    }

    async fn query(&self, query: &str, variables: Value) -> (StatusCode, Value) {
        let response = self
            .http
            .post(format!("{}/bi/graphql", self.base))
            .bearer_auth(&self.token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap();
        let status = response.status();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
    }

    /// Every page, `first` at a time: the people and how many pages.
    async fn everyone(&self, first: u32) -> (Vec<Value>, usize) {
        let mut people = Vec::new();
        let mut after = Value::Null;
        for pages in 1..=1000 {
            let (status, body) = self
                .query(PAGE, json!({ "after": after, "first": first }))
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let page = &body["data"]["compliance"];
            let on_page = page["people"]
                .as_array()
                .unwrap_or_else(|| panic!("{body}"));
            assert!(on_page.len() <= first as usize);
            people.extend(on_page.iter().cloned());
            if page["hasNextPage"] != true {
                assert!(page["endCursor"].is_null());
                return (people, pages);
            }
            after = page["endCursor"].clone();
        }
        panic!("the pages never ended");
    }
}

/// Ruth, the system administrator, makes a token for these units.
async fn token_for(admin: &Client, label: &str, units: &[&str]) -> (String, String) {
    let expires_on = Utc::now().date_naive() + Days::new(90);
    let body = admin
        .gql(
            CREATE,
            json!({ "input": { "label": label, "unitIds": units, "expiresOn": expires_on } }),
        )
        .await;
    let made = &body["data"]["createBiToken"];
    let token = made["token"].as_str().unwrap_or_else(|| panic!("{body}"));
    (made["id"].as_str().unwrap().to_owned(), token.to_owned())
}

/// The CSV's rows by name: each kind's (last, next due, status label).
fn csv_by_name(text: &str) -> BTreeMap<String, Vec<String>> {
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<String> = line.split(',').map(str::to_owned).collect();
            (cells[0].clone(), cells[5..].to_vec())
        })
        .collect()
}

fn label(status: &str) -> &'static str {
    match status {
        "COMPLIANT" => "Compliant",
        "DUE_SOON" => "Due soon",
        "OVERDUE" => "Overdue",
        "DUE_BY_MONTH_END" => "Due this month",
        "NEVER_HAD" => "Never had one",
        "NOT_APPLICABLE" => "Not applicable",
        other => panic!("a status the CSV does not know: {other}"),
    }
}

#[tokio::test]
async fn a_bi_token_reads_its_units_page_by_page_with_the_team_reports_people_and_figures() {
    let app = TestApp::spawn().await;
    let helen = app.sign_in(HELEN).await;
    let division = helen.first_report_unit().await;
    let ruth = app.sign_in(RUTH).await;
    let (_, token) = token_for(&ruth, "Power BI supervision dashboard", &[&division]).await;
    let tool = BiTool::new(&app, &token);

    // Helen's download of her division, and the BI tool's, with its token.
    let csv_path = format!("/reports/compliance.csv?unit={division}");
    let hers = helen
        .http
        .get(format!("{}{csv_path}", helen.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let response = tool.get(&csv_path).await;
    assert_eq!(response.status(), StatusCode::OK);
    let its = response.text().await.unwrap();
    assert_eq!(its, hers, "the token's download is the senior manager's");
    let report = csv_by_name(&hers);
    assert!(report.len() > 5, "the demo division has people: {hers}");

    // Every page, three at a time: the same people as the report, once
    // each, each kind as the report has it.
    let (people, pages) = tool.everyone(3).await;
    assert_eq!(pages, report.len().div_ceil(3), "full pages until the last");
    let ids: BTreeSet<&str> = people
        .iter()
        .map(|p| p["staffId"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), people.len(), "nobody on two pages");
    let mut ordered: Vec<&str> = people
        .iter()
        .map(|p| p["staffId"].as_str().unwrap())
        .collect();
    ordered.sort_unstable();
    assert_eq!(
        ordered,
        people
            .iter()
            .map(|p| p["staffId"].as_str().unwrap())
            .collect::<Vec<_>>(),
        "pages in the order of ids"
    );
    let read: BTreeMap<String, Vec<String>> = people
        .iter()
        .map(|p| {
            let kinds = p["kinds"].as_array().unwrap();
            let cells = kinds
                .iter()
                .flat_map(|k| {
                    [
                        k["lastFormal"].as_str().unwrap_or_default().to_owned(),
                        k["nextDue"].as_str().unwrap_or_default().to_owned(),
                        label(k["status"].as_str().unwrap()).to_owned(),
                    ]
                })
                .collect();
            (p["name"].as_str().unwrap().to_owned(), cells)
        })
        .collect();
    assert_eq!(
        read, report,
        "each person and kind as the team report has it"
    );
    let tom = people
        .iter()
        .find(|p| p["name"] == "Tom Reed")
        .expect("Tom is in Helen's division");
    assert_eq!(
        tom["employeeNumber"].as_str().map(str::is_empty),
        Some(false)
    );
    assert_eq!(
        tom["unitPath"].as_array().and_then(|p| p.last()),
        Some(&tom["unitName"]),
        "the path ends at their own unit: {tom}"
    );
    assert!(
        tom["policy"]["clinicalDays"]
            .as_u64()
            .is_some_and(|d| d > 0)
    );
    assert!(
        tom["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .all(|k| k["intervalDays"].as_u64().is_some_and(|d| d > 0)),
        "{tom}"
    );

    // The figures, unit by unit, are the team report's.
    let (_, body) = tool
        .query(
            "{ unitCompliance { units { unitId name people clinical { percent required compliant } \
             management { percent } case { percent } } } }",
            json!({}),
        )
        .await;
    let figures = body["data"]["unitCompliance"]["units"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"));
    let team = helen
        .gql(
            "query($u: UUID!) { teamCompliance(unitId: $u) { unit { unitId people clinicalPercent managementPercent casePercent } \
             children { unitId people clinicalPercent managementPercent casePercent } } }",
            json!({ "u": division }),
        )
        .await;
    let team = &team["data"]["teamCompliance"];
    let mut compared = 0;
    for unit in std::iter::once(&team["unit"]).chain(team["children"].as_array().unwrap()) {
        let bi = figures
            .iter()
            .find(|f| f["unitId"] == unit["unitId"])
            .unwrap_or_else(|| panic!("{} is in the token's units", unit["unitId"]));
        assert_eq!(bi["people"], unit["people"], "{bi} {unit}");
        assert_eq!(
            bi["clinical"]["percent"], unit["clinicalPercent"],
            "{bi} {unit}"
        );
        assert_eq!(bi["management"]["percent"], unit["managementPercent"]);
        assert_eq!(bi["case"]["percent"], unit["casePercent"]);
        compared += 1;
    }
    assert!(compared > 1, "the division and its children");
    assert_eq!(
        figures[0]["people"].as_u64(),
        Some(people.len() as u64),
        "the top counts everyone paged"
    );

    // The README's Python example reads the same, a row per person and kind.
    let script = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../scripts/bi/compliance_to_csv.py");
    let output = tokio::process::Command::new("python3")
        .arg(script)
        .env("SUPERVISION_URL", &app.base)
        .env("SUPERVISION_BI_TOKEN", &token)
        .output()
        .await
        .expect("run compliance_to_csv.py");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows = String::from_utf8(output.stdout).unwrap();
    assert_eq!(rows.lines().count(), 1 + people.len() * 3, "{rows}");
    let toms_case = format!(",{},Tom Reed,", tom["employeeNumber"].as_str().unwrap());
    assert_eq!(
        rows.lines().filter(|l| l.contains(&toms_case)).count(),
        3,
        "{rows}"
    );

    // Every use was audited: the download, each page, the figures and the
    // script's one page.
    let uses = app.count("audit_event WHERE action = 'bi.read'").await;
    assert_eq!(uses, 1 + pages as i64 + 1 + 1);
    app.stop().await;
}

#[tokio::test]
async fn a_bi_token_reaches_compliance_of_its_units_only_and_can_be_revoked_or_expire() {
    let app = TestApp::spawn().await;
    let helen = app.sign_in(HELEN).await;
    let division = helen.first_report_unit().await;
    let team = helen
        .gql(
            "query($u: UUID!) { teamCompliance(unitId: $u) { children { unitId } } }",
            json!({ "u": division }),
        )
        .await;
    let child = team["data"]["teamCompliance"]["children"][0]["unitId"]
        .as_str()
        .unwrap()
        .to_owned();
    let ruth = app.sign_in(RUTH).await;

    // Only a system administrator makes one, named, for units of their
    // own, ending within a year; a refusal writes nothing.
    let tom = app.sign_in(TOM).await;
    let expires_on = Utc::now().date_naive() + Days::new(30);
    let input = json!({ "label": "BI", "unitIds": [child], "expiresOn": expires_on });
    let body = tom.gql(CREATE, json!({ "input": input })).await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    let body = ruth
        .gql(
            CREATE,
            json!({ "input": { "label": " ", "unitIds": [], "expiresOn": expires_on + Days::new(400) } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    assert_eq!(error_fields(&body), ["label", "unitIds", "expiresOn"]);
    let elsewhere = uuid::Uuid::now_v7();
    let body = ruth
        .gql(
            CREATE,
            json!({ "input": { "label": "BI", "unitIds": [elsewhere], "expiresOn": expires_on } }),
        )
        .await;
    assert_eq!(error_fields(&body), ["unitIds"], "{body}");
    assert_eq!(app.count("bi_token").await, 0);

    let (id, token) = token_for(&ruth, "Team dashboard", &[&child]).await;
    assert!(token.starts_with("bi_") && token.len() > 40);
    assert_eq!(
        app.count(&format!("bi_token WHERE token_hash = '{token}'"))
            .await,
        0,
        "the token itself is never stored"
    );
    let listed = ruth
        .gql(
            "{ biTokens { id label units { id } expiresOn lastUsedAt revokedAt } }",
            json!({}),
        )
        .await;
    assert_eq!(
        listed["data"]["biTokens"][0]["units"][0]["id"],
        json!(child),
        "{listed}"
    );
    assert!(listed["data"]["biTokens"][0]["lastUsedAt"].is_null());
    let tool = BiTool::new(&app, &token);

    // Its units and below, nothing above or beside.
    let (_, body) = tool
        .query("{ unitCompliance { units { unitId } } }", json!({}))
        .await;
    let reached: Vec<&Value> = body["data"]["unitCompliance"]["units"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|u| &u["unitId"])
        .collect();
    assert_eq!(reached.first(), Some(&&json!(child)), "{body}");
    assert!(!reached.contains(&&json!(division)));
    let above = tool
        .get(&format!("/reports/compliance.csv?unit={division}"))
        .await;
    assert_eq!(above.status(), StatusCode::NOT_FOUND);

    // No content: the BI schema has no record to name, and the browser's
    // API and the subject access export do not take the token.
    let (_, body) = tool
        .query(
            "{ supervision(id: \"00000000-0000-0000-0000-000000000001\") { experience } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&body), Some("BAD_REQUEST"), "{body}");
    assert!(body["data"].is_null());
    let response = tool
        .http
        .post(format!("{}/graphql", app.base))
        .bearer_auth(&token)
        .header("x-requested-with", "supervision")
        .json(&json!({ "query": "{ mySupervisions(first: 5) { edges { node { id } } } }" }))
        .send()
        .await
        .unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(error_code(&body), Some("UNAUTHENTICATED"), "{body}");
    let export = tool.get("/export/my-records.json").await;
    assert_eq!(export.status(), StatusCode::UNAUTHORIZED);

    // The browser API's limits: a page of at most 1000, and no query too
    // complex, however it is dressed up.
    let (_, body) = tool.query(PAGE, json!({ "first": 1001 })).await;
    assert_eq!(error_fields(&body), ["first"], "{body}");
    let (_, body) = tool
        .query(PAGE, json!({ "first": 10, "after": "page two" }))
        .await;
    assert_eq!(error_fields(&body), ["after"], "{body}");
    let many: String = (0..700)
        .map(|i| format!("a{i}: unitCompliance {{ asAt units {{ people }} }} "))
        .collect();
    let (_, body) = tool.query(&format!("{{ {many} }}"), json!({})).await;
    assert_eq!(error_code(&body), Some("BAD_REQUEST"), "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("complex"),
        "{body}"
    );

    // Used: the administrators see when.
    let listed = ruth.gql("{ biTokens { lastUsedAt } }", json!({})).await;
    assert!(
        listed["data"]["biTokens"][0]["lastUsedAt"].is_string(),
        "{listed}"
    );

    // Revoked: refused at once, as an unknown token is.
    let body = ruth
        .gql(
            "mutation($id: UUID!) { revokeBiToken(id: $id) }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(body["data"]["revokeBiToken"], true, "{body}");
    let (status, body) = tool.query("{ unitCompliance { asAt } }", json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "UNAUTHENTICATED");
    let unknown = BiTool::new(&app, "bi_not-a-token");
    assert_eq!(
        unknown
            .query("{ unitCompliance { asAt } }", json!({}))
            .await
            .0,
        StatusCode::UNAUTHORIZED
    );
    let bare = reqwest::Client::new()
        .post(format!("{}/bi/graphql", app.base))
        .json(&json!({ "query": "{ unitCompliance { asAt } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(bare.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(bare.headers()["www-authenticate"], "Bearer");

    // Past its last day: refused.
    let (_, token) = token_for(&ruth, "Short-lived", &[&child]).await;
    let tool = BiTool::new(&app, &token);
    assert_eq!(
        tool.query("{ unitCompliance { asAt } }", json!({})).await.0,
        StatusCode::OK
    );
    let yesterday = Utc::now().date_naive() - Days::new(2);
    sea_orm::ConnectionTrait::execute_unprepared(
        &app.db,
        &format!("UPDATE bi_token SET expires_on = '{yesterday}' WHERE label = 'Short-lived'"),
    )
    .await
    .unwrap();
    assert_eq!(
        tool.query("{ unitCompliance { asAt } }", json!({})).await.0,
        StatusCode::UNAUTHORIZED
    );
    let audited = app
        .count("audit_event WHERE action IN ('bi.token.create', 'bi.token.revoke')")
        .await;
    assert_eq!(audited, 3);
    app.stop().await;
}

#[tokio::test]
async fn each_bi_token_has_its_own_request_rate() {
    let app = TestApp::spawn_with(&[("SUPERVISION_BI_REQUESTS_PER_MINUTE", "3")]).await;
    let helen = app.sign_in(HELEN).await;
    let division = helen.first_report_unit().await;
    let ruth = app.sign_in(RUTH).await;
    let (_, first) = token_for(&ruth, "Power BI", &[&division]).await;
    let (_, second) = token_for(&ruth, "Python", &[&division]).await;
    let first = BiTool::new(&app, &first);
    for _ in 0..3 {
        assert_eq!(
            first
                .query("{ unitCompliance { asAt } }", json!({}))
                .await
                .0,
            StatusCode::OK
        );
    }
    let response = first
        .http
        .post(format!("{}/bi/graphql", app.base))
        .bearer_auth(&first.token)
        .json(&json!({ "query": "{ unitCompliance { asAt } }" }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=20).contains(&wait), "{wait}");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["code"], "RATE_LIMITED");
    let second = BiTool::new(&app, &second);
    assert_eq!(
        second
            .query("{ unitCompliance { asAt } }", json!({}))
            .await
            .0,
        StatusCode::OK,
        "another token has its own"
    );
    // A refused request was not answered, so it is not audited as a use.
    assert_eq!(app.count("audit_event WHERE action = 'bi.read'").await, 4);
    app.stop().await;
}
