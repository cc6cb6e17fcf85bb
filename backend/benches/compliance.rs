//! Benchmark of the compliance views on a large synthetic organisation
//! (F5 scale). In one run on the same database it times, through GraphQL
//! over HTTP on the real server: the org-wide team compliance report; the
//! same figures from one hand-written SQL query over the sessions (the
//! floor) and over the last dates kept per person; a team; a
//! service; "My supervisees" for a supervisor of 15; the 12-month trend;
//! a BI tool reading the whole trust in pages of 1,000 (`/bi/graphql`);
//! and, for scale, the cheapest signed-in request (`me`).
//! Prints each median and its ratio to the floor. Asserts nothing about
//! time.
//!
//!   cargo bench -p backend --bench compliance
//!     BENCH_DATABASE_URL  use this database (generated into if empty)
//!     BENCH_STAFF         staff to generate (default 30000)
//!     BENCH_YEARS         years of history (default 5)
//!     BENCH_ROUNDS        runs of each (default 7)

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use backend::entity::{org_unit, staff};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, PaginatorTrait, QueryFilter,
    Statement,
};
use serde_json::{Value, json};
use uuid::Uuid;

fn env(key: &str, default: usize) -> usize {
    std::env::var(key)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times[times.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let rounds = env("BENCH_ROUNDS", 7);
    let dir = std::env::temp_dir().join("supervision-bench");
    std::fs::create_dir_all(&dir).unwrap();
    let staff_n = env("BENCH_STAFF", 30_000);
    let years = env("BENCH_YEARS", 5);
    let database_url = std::env::var("BENCH_DATABASE_URL").unwrap_or_else(|_| {
        format!(
            "sqlite://{}?mode=rwc",
            dir.join(format!("synthetic-{staff_n}-{years}.db"))
                .display()
        )
    });
    // The BI tool reads every page of every round without waiting.
    let app = support::application(
        &database_url,
        &[
            ("SUPERVISION_SEED_DEMO", "false"),
            ("SUPERVISION_BI_REQUESTS_PER_MINUTE", "10000"),
        ],
    )
    .await;
    let db = app.db().clone();
    let chief_email = "person00000@synthetic.example";
    let chief = match staff::Entity::find()
        .filter(staff::Column::Email.eq(chief_email))
        .one(&db)
        .await
        .unwrap()
    {
        Some(chief) => chief,
        None => {
            println!("Generating {staff_n} staff with {years} years of history…");
            let started = Instant::now();
            let (s, n) = backend::seed::generate_synthetic(
                &db,
                backend::seed::synthetic::Size {
                    staff: staff_n,
                    years: u32::try_from(years).unwrap(),
                },
                backend::service::clock::demo_today(),
            )
            .await
            .unwrap();
            println!(
                "  {s} staff, {n} supervisions in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            staff::Entity::find()
                .filter(staff::Column::Email.eq(chief_email))
                .one(&db)
                .await
                .unwrap()
                .unwrap()
        }
    };
    let org = chief.organisation_id;
    let people = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(org))
        .count(&db)
        .await
        .unwrap();
    let units = org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(org))
        .all(&db)
        .await
        .unwrap();
    let trust = units.iter().find(|u| u.parent_id.is_none()).unwrap().id;
    let team = units.iter().find(|u| u.level == "team").unwrap().clone();
    let service = team.parent_id.unwrap();
    let leader = staff::Entity::find()
        .filter(staff::Column::OrgUnitId.eq(team.id))
        .filter(staff::Column::JobTitle.eq("Team Leader"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    // The head of the division the team is in.
    let division = units
        .iter()
        .find(|u| u.id == service)
        .and_then(|u| u.parent_id)
        .unwrap();
    let head = staff::Entity::find()
        .filter(staff::Column::OrgUnitId.eq(division))
        .filter(staff::Column::JobTitle.eq("Head of Service"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();

    let bi_token = bi_token_for(&db, &chief, trust).await;
    let server = support::Server::serve(app);
    let base = server.base.clone();
    let client = |who: Uuid| {
        let base = base.clone();
        async move {
            let http = reqwest::Client::builder()
                .cookie_store(true)
                .build()
                .unwrap();
            let r = http
                .post(format!("{base}/auth/dev/signin"))
                .header("x-requested-with", "supervision")
                .json(&json!({ "staffId": who }))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 204);
            http
        }
    };
    let chief_http = client(chief.id).await;
    let head_http = client(head.id).await;
    let leader_http = client(leader.id).await;
    let gql = |http: reqwest::Client, query: &'static str, variables: Value| {
        let base = base.clone();
        async move {
            let started = Instant::now();
            let body: Value = http
                .post(format!("{base}/graphql"))
                .header("x-requested-with", "supervision")
                .json(&json!({ "query": query, "variables": variables }))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert!(body["errors"].is_null(), "{body}");
            started.elapsed()
        }
    };
    const TEAM: &str = "query($u: UUID!) { teamCompliance(unitId: $u) { asAt unit { people clinicalPercent managementPercent casePercent } children { unitId people clinicalPercent managementPercent casePercent } people { staff { name } standings { category status nextDue } } } }";
    const SUPERVISEES: &str =
        "{ mySupervisees { staff { name } status nextDue standings { category status } } }";
    const TREND: &str = "query($u: UUID!) { complianceTrend(unitId: $u) { asAt figures { clinicalPercent managementPercent casePercent } } }";

    let floor_sql = floor_query(db.get_database_backend());
    let kept_sql = kept_floor_query(db.get_database_backend());
    let as_at = supervision_shared::compliance::end_of_month(backend::service::clock::demo_today());
    let mut results: Vec<(&str, Duration)> = Vec::new();
    let mut floor = Vec::new();
    let mut kept_floor = Vec::new();
    let mut org_wide = Vec::new();
    let mut team_view = Vec::new();
    let mut service_view = Vec::new();
    let mut supervisees = Vec::new();
    let mut trend = Vec::new();
    let mut baseline = Vec::new();
    for round in 0..=rounds {
        let started = Instant::now();
        db.query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            floor_sql.clone(),
            [
                org.into(),
                as_at.into(),
                (as_at - chrono::Days::new(91)).into(),
            ],
        ))
        .await
        .unwrap();
        let f = started.elapsed();
        let started = Instant::now();
        db.query_all_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            kept_sql.clone(),
            [
                org.into(),
                as_at.into(),
                (as_at - chrono::Days::new(56)).into(),
                (as_at - chrono::Days::new(28)).into(),
                (as_at - chrono::Days::new(91)).into(),
            ],
        ))
        .await
        .unwrap();
        let k = started.elapsed();
        // What any signed-in request costs (session, viewer, GraphQL).
        let b = gql(leader_http.clone(), "{ me { id name } }", json!({})).await;
        let o = gql(chief_http.clone(), TEAM, json!({ "u": trust })).await;
        let t = gql(head_http.clone(), TEAM, json!({ "u": team.id })).await;
        let s = gql(head_http.clone(), TEAM, json!({ "u": service })).await;
        let m = gql(leader_http.clone(), SUPERVISEES, json!({})).await;
        let tr = if round % 2 == 0 {
            Some(gql(chief_http.clone(), TREND, json!({ "u": trust })).await)
        } else {
            None
        };
        if round == 0 {
            continue; // warm-up
        }
        floor.push(f);
        kept_floor.push(k);
        baseline.push(b);
        org_wide.push(o);
        team_view.push(t);
        service_view.push(s);
        supervisees.push(m);
        trend.extend(tr);
    }
    let floor = median(floor);
    let kept_floor = median(kept_floor);
    let org_wide = median(org_wide);
    results.push(("any signed-in request (me)", median(baseline)));
    results.push(("org-wide report (GraphQL/HTTP)", org_wide));
    results.push(("team of 16 (GraphQL/HTTP)", median(team_view)));
    results.push(("service of 160 (GraphQL/HTTP)", median(service_view)));
    results.push(("My supervisees, 15 (GraphQL/HTTP)", median(supervisees)));
    results.push(("12-month trend, org-wide", median(trend)));
    // A BI tool reading the whole trust, page by page, as Power BI would.
    let mut whole_trust = Vec::new();
    let mut pages = Vec::new();
    let mut paged_people = 0;
    let http = reqwest::Client::new();
    for round in 0..=rounds.min(3) {
        let started = Instant::now();
        let mut after = Value::Null;
        let mut read = 0;
        loop {
            let page_started = Instant::now();
            let body: Value = http
                .post(format!("{base}/bi/graphql"))
                .bearer_auth(&bi_token)
                .json(&json!({ "query": BI_PAGE, "variables": { "after": after } }))
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert!(body["errors"].is_null(), "{body}");
            let page = &body["data"]["compliance"];
            read += page["people"].as_array().map_or(0, Vec::len);
            if round > 0 {
                pages.push(page_started.elapsed());
            }
            if page["hasNextPage"] != true {
                break;
            }
            after = page["endCursor"].clone();
        }
        paged_people = read;
        if round > 0 {
            whole_trust.push(started.elapsed());
        }
    }
    results.push(("BI: a page of 1,000 people", median(pages)));
    results.push(("BI: the whole trust, every page", median(whole_trust)));
    let engine = match db.get_database_backend() {
        DatabaseBackend::Postgres => "PostgreSQL",
        _ => "SQLite",
    };
    println!("Compliance on {engine}: {people} staff, as at {as_at}, median of {rounds} runs");
    println!("(the BI tool paged {paged_people} people employed on the day)");
    println!(
        "{:<36} {:>9.1} ms   (the floor)",
        "hand-written SQL, org-wide",
        ms(floor)
    );
    for (label, time) in results {
        println!(
            "{label:<36} {:>9.1} ms   {:>5.1}× the floor",
            ms(time),
            time.as_secs_f64() / floor.as_secs_f64()
        );
    }
    // The report reads the last dates kept per person; the same figures
    // hand-written over that table are the floor for that design.
    println!(
        "{:<36} {:>9.1} ms   (org-wide report is {:.1}× this)",
        "hand-written SQL, last dates kept",
        ms(kept_floor),
        org_wide.as_secs_f64() / kept_floor.as_secs_f64()
    );
    server.stop().await;
}

/// What a BI dashboard reads per person and kind.
const BI_PAGE: &str = "query($after: String) { compliance(first: 1000, after: $after) { \
    hasNextPage endCursor people { employeeNumber name unitPath policy { clinicalDays } \
    kinds { kind lastFormal nextDue status intervalDays } } } }";

/// A BI token reaching the whole trust, made as its system administrator
/// would.
async fn bi_token_for(
    db: &sea_orm::DatabaseConnection,
    chief: &staff::Model,
    trust: Uuid,
) -> String {
    let administrator = backend::auth::Viewer {
        staff_id: chief.id,
        organisation_id: chief.organisation_id,
        name: chief.name.clone(),
        roles: vec![supervision_shared::Role::SystemAdmin],
        time_zone: chrono_tz::Europe::London,
    };
    let draft = supervision_shared::bi::BiTokenDraft {
        label: "Benchmark BI".to_owned(),
        unit_ids: vec![trust],
        expires_on: administrator.today() + chrono::Days::new(30),
    };
    backend::service::bi::token::create(db, &administrator, &draft)
        .await
        .unwrap()
        .0
}

/// The org-wide percentages in one hand-written query over the last dates
/// kept per person, with the default intervals as cut-off days.
fn kept_floor_query(backend: DatabaseBackend) -> String {
    let p = |n: usize| match backend {
        DatabaseBackend::Postgres => format!("${n}"),
        _ => format!("?{n}"),
    };
    format!(
        "SELECT COUNT(*) AS people, \
           SUM(CASE WHEN l.last_clinical >= {c} THEN 1 ELSE 0 END) AS clinical, \
           SUM(CASE WHEN l.last_management >= {m} THEN 1 ELSE 0 END) AS management, \
           SUM(CASE WHEN l.last_case >= {k} THEN 1 ELSE 0 END) AS case_kind \
         FROM staff s LEFT JOIN formal_latest l ON l.staff_id = s.id \
         WHERE s.organisation_id = {o} AND s.status = 'active' AND s.start_date <= {d}",
        o = p(1),
        d = p(2),
        c = p(3),
        m = p(4),
        k = p(5),
    )
}

/// The org-wide percentages in one hand-written query over the same table
/// the report reads, with the default intervals (the synthetic organisation
/// has no overrides or schedules) and the same window: sessions older than
/// the longest interval make nobody compliant.
fn floor_query(backend: DatabaseBackend) -> String {
    let (p1, p2, p3, plus) = match backend {
        DatabaseBackend::Postgres => ("$1", "$2", "$3", "l.last + l.days"),
        _ => ("?1", "?2", "?3", "date(l.last, '+' || l.days || ' days')"),
    };
    format!(
        "WITH l AS ( \
           SELECT supervisee_id AS person, category, \
             CASE category WHEN 'clinical' THEN 56 WHEN 'management' THEN 28 ELSE 91 END AS days, \
             MAX(held_on) AS last \
           FROM formal_attendance \
           WHERE organisation_id = {p1} AND held_on <= {p2} AND held_on >= {p3} \
           GROUP BY 1, 2) \
         SELECT l.category, SUM(CASE WHEN {plus} >= {p2} THEN 1 ELSE 0 END) AS compliant, COUNT(*) AS supervised \
         FROM l GROUP BY l.category"
    )
}
