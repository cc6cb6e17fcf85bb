//! Benchmark: recording one supervision with 50 supervisees against one
//! with a single supervisee, in the same run, through GraphQL over HTTP on
//! the real server (F3.4: a group of 50 is one mutation and one transaction
//! with batched writes, so it should cost at most about twice a single
//! one). Prints figures; asserts nothing about time.
//!
//!   cargo bench -p backend --bench recording
//!   BENCH_DATABASE_URL=postgres://… cargo bench -p backend --bench recording
//!   BENCH_ROUNDS=50 …            (default 30 of each, interleaved)

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::{Value, json};
use uuid::Uuid;

const RECORD: &str =
    "mutation($input: RecordSupervisionInput!) { recordSupervision(input: $input) { id } }";

fn input(supervisees: &[Uuid]) -> Value {
    json!({
        "kind": "CLINICAL_GROUP",
        "approach": "STRUCTURED_REFLECTION",
        "heldOn": chrono::Utc::now().date_naive(),
        "durationMinutes": 90,
        "mode": "FACE_TO_FACE",
        "location": "Team base",
        "superviseeIds": supervisees,
        "experience": "Group reflection on managing risk in lone working.",
        "reflection": "Shared worries about evening visits.",
        "analysis": "The procedure is not followed at weekends.",
        "actionPlan": "Review the lone working procedure.",
        "notes": "",
        "functions": ["SUPPORTIVE", "DEVELOPMENTAL"],
        "actions": [{ "description": "Read the lone working procedure", "ownerId": supervisees[0], "dueOn": null }]
    })
}

fn summary(label: &str, mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    let median = times[times.len() / 2];
    let p95 = times[(times.len() * 95 / 100).min(times.len() - 1)];
    println!(
        "{label:<28} median {:>7.2} ms   p95 {:>7.2} ms   ({} runs)",
        median.as_secs_f64() * 1000.0,
        p95.as_secs_f64() * 1000.0,
        times.len()
    );
    median
}

#[tokio::main]
async fn main() {
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(30);
    let dir = std::env::temp_dir().join(format!("supervision-bench-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let database_url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}?mode=rwc", dir.join("bench.db").display()));
    let app = support::application(&database_url, &[("SUPERVISION_DEMO_MONTHS", "6")]).await;
    let db = app.db().clone();
    let server = support::Server::serve(app);
    let base = server.base.clone();

    use backend::entity::staff;
    let priya = staff::Entity::find()
        .filter(staff::Column::Email.eq("priya.shah@northfield.example"))
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    let colleagues: Vec<Uuid> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .filter(staff::Column::OrganisationId.eq(priya.organisation_id))
        .filter(staff::Column::Status.eq("active"))
        .filter(staff::Column::Id.ne(priya.id))
        .limit(50)
        .into_tuple()
        .all(&db)
        .await
        .unwrap();
    assert_eq!(colleagues.len(), 50, "the demo has 50 colleagues to record");

    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let post = |path: &str, body: Value| {
        http.post(format!("{base}{path}"))
            .header("x-requested-with", "supervision")
            .json(&body)
            .send()
    };
    let signed_in = post("/auth/dev/signin", json!({ "staffId": priya.id }))
        .await
        .unwrap();
    assert_eq!(signed_in.status(), 204);

    let one = input(&colleagues[..1]);
    let fifty = input(&colleagues);
    // Warm up the pool and caches.
    for body in [&one, &fifty] {
        let answer: Value = post(
            "/graphql",
            json!({ "query": RECORD, "variables": { "input": body } }),
        )
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        assert!(answer["errors"].is_null(), "{answer}");
    }
    let (mut single, mut group) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        for (body, times) in [(&one, &mut single), (&fifty, &mut group)] {
            let started = Instant::now();
            let answer: Value = post(
                "/graphql",
                json!({ "query": RECORD, "variables": { "input": body } }),
            )
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
            times.push(started.elapsed());
            assert!(answer["errors"].is_null(), "{answer}");
        }
    }
    let engine = if database_url.starts_with("postgres") {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("Recording a supervision through GraphQL over HTTP on {engine}");
    let a = summary("1 supervisee", single);
    let b = summary("50 supervisees", group);
    println!(
        "ratio 50 : 1 (median)        {:.2}×   (aim: at most 2×)",
        b.as_secs_f64() / a.as_secs_f64()
    );
    server.stop().await;
    let _ = std::fs::remove_dir_all(&dir);
}
