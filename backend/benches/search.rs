//! The staff picker's type-ahead over a trust of 50,000 staff (F2.6): the
//! people loaded by the HR import (names with accents, apostrophes and
//! hyphens among them), then 400 searches of what people type (the first
//! one to four letters of a first name or surname, a whole name, a name
//! with its accent left off), through the same service the API calls, on
//! SQLite and, when given a server, on PostgreSQL in the same run. Prints
//! the median and 95th percentile in milliseconds (aim: p95 under 20 ms).
//!
//!   cargo bench -p backend --bench search
//!   BENCH_POSTGRES_URL=postgres://…/postgres   BENCH_STAFF=50000

#![allow(clippy::unwrap_used, clippy::expect_used)]

// This bench uses only the database helpers.
#[allow(dead_code)]
mod support;

use std::fmt::Write;
use std::time::Instant;

use backend::auth::Viewer;
use backend::service::directory;
use backend::service::hr_import::{self, ImportOptions};
use chrono::NaiveDate;

const FIRST: [&str; 20] = [
    "Siân", "Zoë", "Priya", "Tom", "Aisha", "Owen", "Helen", "Grace", "Daniel", "Marcus", "Amara",
    "Chloé", "José", "Niamh", "Seán", "Ruth", "Kwame", "Fatima", "Lars", "Mei",
];
const LAST: [&str; 20] = [
    "O'Neill",
    "Smith-Jones",
    "Evans",
    "Reed",
    "Khan",
    "Price",
    "Carter",
    "Liu",
    "Okoro",
    "Bell",
    "Müller",
    "Nguyễn",
    "Ó Briain",
    "Adeyemi",
    "Brontë",
    "McDonald",
    "Patel",
    "Williams",
    "Kowalski",
    "Dubois",
];

fn name(n: usize) -> String {
    format!("{} {}", FIRST[n % 20], LAST[(n / 20 + n * 7) % 20])
}

fn export(staff: usize) -> String {
    let mut csv = String::from("Employee Number,Full Name,Work Email,Organisation,Start Date\n");
    for n in 0..staff {
        let team = n / 30;
        let _ = writeln!(
            csv,
            "E{n:06},{},p{n}@trust.test,Division {} / Service {} / Team {team},2020-04-01",
            name(n),
            team / 100,
            team / 10
        );
    }
    csv
}

/// What people type: prefixes of first names and surnames, whole names,
/// and names typed without their accents or apostrophes.
fn queries() -> Vec<String> {
    let mut typed = Vec::new();
    for i in 0..400 {
        let person = name(i * 37);
        let (first, last) = person.split_once(' ').unwrap();
        typed.push(match i % 5 {
            0 => first.chars().take(1 + i % 4).collect(),
            1 => last.chars().take(2 + i % 3).collect(),
            2 => person.clone(),
            3 => first
                .chars()
                .map(|c| match c {
                    'â' | 'á' => 'a',
                    'ë' | 'é' => 'e',
                    other => other,
                })
                .collect(),
            _ => last.replace('\'', ""),
        });
    }
    typed
}

async fn run(engine: &str, database_url: &str, staff: usize) {
    let db = backend::db::connect_and_migrate(&database_url.to_owned().into())
        .await
        .unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let set_up = support::benchmark_organisation(&db, today).await;
    let options = ImportOptions {
        dry_run: false,
        full: false,
        as_of: today,
        mapping: Vec::new(),
    };
    let links = backend::service::notify::Links {
        public_url: "http://127.0.0.1".into(),
    };
    let report = hr_import::run(
        &db,
        &links,
        set_up.organisation_id,
        None,
        export(staff).as_bytes(),
        &options,
    )
    .await
    .unwrap();
    assert!(report.applied, "{:?}", report.errors.first());
    let viewer = Viewer {
        staff_id: set_up.administrator_id,
        organisation_id: set_up.organisation_id,
        name: "Ada Admin".to_owned(),
        roles: Vec::new(),
        time_zone: backend::service::clock::DEFAULT_ZONE,
    };
    let mut times = Vec::new();
    let mut missed = Vec::new();
    for query in queries() {
        let started = Instant::now();
        let people = directory::search(&db, &viewer, &query, None).await.unwrap();
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        if people.is_empty() {
            missed.push(query);
        }
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    println!(
        "{engine:<11} {staff:>6}  {:>8}  {:>6.2}  {:>6.2}  {:>6.2}",
        times.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
    assert!(
        missed.is_empty(),
        "every query typed finds someone: {missed:?}"
    );
    db.close().await.ok();
}

#[tokio::main]
async fn main() {
    let staff = std::env::var("BENCH_STAFF")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    println!("The staff picker's search over {staff} staff (ms per search; aim: p95 under 20 ms)");
    println!("engine       staff  searches     p50     p95     max");
    let dir = std::env::temp_dir().join(format!("supervision-search-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}?mode=rwc", dir.join("search.db").display());
    run("SQLite", &sqlite, staff).await;
    let _ = std::fs::remove_dir_all(&dir);
    match std::env::var("BENCH_POSTGRES_URL") {
        Ok(admin_url) => {
            let (url, name) = support::postgres_database(&admin_url, "search").await;
            run("PostgreSQL", &url, staff).await;
            support::drop_postgres_database(&admin_url, &name).await;
        }
        Err(_) => println!("PostgreSQL  (set BENCH_POSTGRES_URL, or run ./dev bench-search)"),
    }
}
