//! The HR import at a whole trust's size: a 30,000-row staff export (units
//! three deep, each team managed by its first member) read and compared as
//! a dry run, applied, and read again (nothing to change), on SQLite and,
//! when given a server, on PostgreSQL in the same run. Prints seconds for
//! each step; asserts only that the import did what it says.
//!
//!   cargo bench -p backend --bench import
//!   BENCH_POSTGRES_URL=postgres://…/postgres   an admin URL: a fresh
//!                                  database is made there for the run
//!   BENCH_ROWS=30000

#![allow(clippy::unwrap_used, clippy::expect_used)]

// This bench uses only the database helpers.
#[allow(dead_code)]
mod support;

use std::fmt::Write;
use std::time::Instant;

use backend::service::hr_import::{self, ImportOptions};
use chrono::NaiveDate;

/// A trust's export: `rows` people in teams of 30, ten teams to a service,
/// ten services to a division; each team's first member manages the rest.
fn export(rows: usize) -> String {
    let mut csv = String::from(
        "Employee Number,Full Name,Work Email,Job Title,Staff Group,Organisation,Start Date,\
         Line Manager Employee Number,Clinical Supervisor Employee Number,Holds Caseload\n",
    );
    for n in 0..rows {
        let team = n / 30;
        let leader = team * 30;
        let manager = if n == leader {
            String::new()
        } else {
            format!("E{leader:06}")
        };
        let _ = writeln!(
            csv,
            "E{n:06},Person {n},person.{n}@trust.test,Practitioner,Nursing,\
             Division {} / Service {} / Team {team},2020-04-01,{manager},{manager},{}",
            team / 100,
            team / 10,
            if n % 3 == 0 { "Y" } else { "N" }
        );
    }
    csv
}

async fn run(engine: &str, database_url: &str, csv: &[u8], rows: usize) {
    let db = backend::db::connect_and_migrate(&database_url.to_owned().into())
        .await
        .unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let set_up = support::benchmark_organisation(&db, today).await;
    let mut options = ImportOptions {
        dry_run: true,
        full: false,
        as_of: today,
        mapping: Vec::new(),
    };
    let timed = |options: ImportOptions| {
        let db = db.clone();
        async move {
            let started = Instant::now();
            let links = backend::service::notify::Links {
                public_url: "http://127.0.0.1".into(),
            };
            let report = hr_import::run(&db, &links, set_up.organisation_id, None, csv, &options)
                .await
                .unwrap();
            (started.elapsed().as_secs_f64(), report)
        }
    };
    let (dry, report) = timed(options.clone()).await;
    assert!(
        report.errors.is_empty(),
        "{:?}",
        &report.errors[..3.min(report.errors.len())]
    );
    assert_eq!(report.starters, rows);
    let units = report.new_units.len();
    options.dry_run = false;
    let (applied, report) = timed(options.clone()).await;
    assert!(report.applied);
    let (again, report) = timed(options).await;
    assert_eq!((report.starters, report.changed), (0, 0));
    println!("{engine:<11} {rows:>6}  {dry:>13.2}  {applied:>8.2}  {again:>12.2}  {units:>6}");
    db.close().await.ok();
}

#[tokio::main]
async fn main() {
    let rows = std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30_000);
    let csv = export(rows);
    println!(
        "HR import of a {rows}-row export ({} KB): seconds for each step (aim: under 10 s)",
        csv.len() / 1024
    );
    println!("engine        rows  dry run (new)     apply  again (none)   units");
    let dir = std::env::temp_dir().join(format!("supervision-import-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}?mode=rwc", dir.join("import.db").display());
    run("SQLite", &sqlite, csv.as_bytes(), rows).await;
    let _ = std::fs::remove_dir_all(&dir);
    match std::env::var("BENCH_POSTGRES_URL") {
        Ok(admin_url) => {
            let (url, name) = support::postgres_database(&admin_url, "import").await;
            run("PostgreSQL", &url, csv.as_bytes(), rows).await;
            support::drop_postgres_database(&admin_url, &name).await;
        }
        Err(_) => println!("PostgreSQL  (set BENCH_POSTGRES_URL, or run ./dev bench-import)"),
    }
}
