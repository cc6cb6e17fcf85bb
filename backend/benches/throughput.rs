//! Throughput: how many signed-in requests a second the real server answers,
//! against the ceiling of a bare axum route on the same machine in the same
//! run, on SQLite and (when given a server) PostgreSQL. The load comes from
//! `wrk` (a separate process, as an operator would measure it) over
//! loopback with keep-alive. For each request and connection count it prints
//! requests per second, the share of the ceiling, p50 and p99 latency, and
//! any answers that were not 200. Asserts nothing about time.
//!
//! The requests are the two every page load makes: `{ me { name } }` (the
//! cheapest signed-in request: the session, the person and their roles) and
//! the home page's list of the person's records, 20 to a page, as the front
//! end asks for it.
//!
//!   ./dev bench-throughput          (installs wrk, starts PostgreSQL)
//!   cargo bench -p backend --bench throughput
//!     BENCH_POSTGRES_URL   an admin URL: a fresh database is made there
//!     BENCH_SECONDS        seconds per measurement (default 5)
//!     BENCH_CONNECTIONS    connection counts (default "16,32")
//!     SUPERVISION_DATABASE_MIN_CONNECTIONS, ..._MAX_CONNECTIONS   the pool

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use backend::entity::staff;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

/// The demo supervisee with the longest history.
const PERSON: &str = "tom.reed@northfield.example";

const ME: &str = "{ me { name } }";

/// The front end's own list query (frontend/src/api/supervision.rs).
const MY_SUPERVISIONS: &str = "query MySupervisions($first: Int) { \
    mySupervisions(first: $first) { \
      nodes { id kind heldOn recordedBy { id name jobTitle teamName } myValidation { validationState } \
        attendees { supervisee { id name jobTitle teamName } validationState } } \
      pageInfo { hasNextPage endCursor } } }";

/// One `wrk` run's figures.
struct Figures {
    per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    not_ok: u64,
}

fn seconds() -> u64 {
    std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5)
}

fn connection_counts() -> Vec<u32> {
    std::env::var("BENCH_CONNECTIONS")
        .unwrap_or_else(|_| "16,32".to_owned())
        .split(',')
        .filter_map(|n| n.trim().parse().ok())
        .collect()
}

/// A wrk script sending this body with these headers (or a plain GET).
fn script(body: Option<&Value>, cookie: Option<&str>) -> std::path::PathBuf {
    let mut lua = String::new();
    if let Some(body) = body {
        // A Lua long string: the JSON needs no escaping.
        lua.push_str(&format!(
            "wrk.method = \"POST\"\nwrk.body = [==[{body}]==]\n\
             wrk.headers[\"Content-Type\"] = \"application/json\"\n\
             wrk.headers[\"X-Requested-With\"] = \"supervision\"\n"
        ));
    }
    if let Some(cookie) = cookie {
        lua.push_str(&format!("wrk.headers[\"Cookie\"] = \"{cookie}\"\n"));
    }
    let path = std::env::temp_dir().join(format!("throughput-{}.lua", uuid::Uuid::new_v4()));
    std::fs::write(&path, lua).unwrap();
    path
}

/// Reads a wrk latency such as `812.00us`, `1.52ms` or `2.01s` as ms.
fn latency_ms(text: &str) -> f64 {
    let number = |suffix: &str| text.trim_end_matches(suffix).parse::<f64>().unwrap();
    if text.ends_with("us") {
        number("us") / 1000.0
    } else if text.ends_with("ms") {
        number("ms")
    } else if text.ends_with('m') {
        number("m") * 60_000.0
    } else {
        number("s") * 1000.0
    }
}

/// Runs wrk against `url` and reads its report.
fn wrk(url: &str, script: &std::path::Path, connections: u32) -> Figures {
    let output = std::process::Command::new("wrk")
        .args(["-t", "2", "-c", &connections.to_string()])
        .args(["-d", &format!("{}s", seconds()), "--latency", "-s"])
        .arg(script)
        .arg(url)
        .output()
        .expect("wrk is installed (./dev bench-throughput installs it)");
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "wrk failed: {report}");
    let field = |prefix: &str| {
        report
            .lines()
            .map(str::trim)
            .find_map(|line| line.strip_prefix(prefix))
            .map(|rest| rest.split_whitespace().next().unwrap_or("").to_owned())
    };
    Figures {
        per_second: field("Requests/sec:").unwrap().parse().unwrap(),
        p50_ms: latency_ms(&field("50%").unwrap()),
        p99_ms: latency_ms(&field("99%").unwrap()),
        not_ok: field("Non-2xx or 3xx responses:")
            .map(|n| n.parse().unwrap())
            .unwrap_or(0),
    }
}

/// The ceiling: a bare axum route answering "ok", on this runtime.
async fn ceiling(connections: &[u32]) -> Vec<(u32, Figures)> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let app = axum::Router::new().route("/", axum::routing::get(|| async { "ok" }));
    let task = tokio::spawn(async move { axum::serve(listener, app).await });
    let lua = script(None, None);
    let mut out = Vec::new();
    for &n in connections {
        let figures = tokio::task::block_in_place(|| wrk(&url, &lua, n));
        out.push((n, figures));
    }
    task.abort();
    std::fs::remove_file(lua).ok();
    out
}

/// Signs in as the demo person and checks each request answers with data,
/// so the figures are for real answers, not errors.
async fn signed_in_cookie(base: &str, staff_id: uuid::Uuid) -> String {
    let http = reqwest::Client::new();
    let answer = http
        .post(format!("{base}/auth/dev/signin"))
        .header("x-requested-with", "supervision")
        .json(&json!({ "staffId": staff_id }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 204, "dev sign-in");
    let cookie = answer
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap();
    cookie.split(';').next().unwrap().to_owned()
}

async fn check(base: &str, cookie: &str, body: &Value) {
    let answer: Value = reqwest::Client::new()
        .post(format!("{base}/graphql"))
        .header("x-requested-with", "supervision")
        .header("cookie", cookie)
        .json(body)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(answer["errors"].is_null(), "{answer}");
    assert!(!answer["data"].is_null(), "{answer}");
}

async fn engine(name: &str, database_url: &str, connections: &[u32], ceiling: &[(u32, Figures)]) {
    // wrk asks from one session as fast as it can: the per-session rate
    // (issue 19's limit for people's scripts) is set out of the way.
    let mut settings = vec![
        ("SUPERVISION_SEED_DEMO", "true".to_owned()),
        ("SUPERVISION_SESSION_BURST", "10000".to_owned()),
        (
            "SUPERVISION_SESSION_REQUESTS_PER_SECOND",
            "10000".to_owned(),
        ),
    ];
    // The pool's settings pass through, to compare a pool kept open with
    // one opened on demand.
    for pool in [
        "SUPERVISION_DATABASE_MIN_CONNECTIONS",
        "SUPERVISION_DATABASE_MAX_CONNECTIONS",
    ] {
        if let Ok(value) = std::env::var(pool) {
            settings.push((pool, value));
        }
    }
    let settings: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = support::application(database_url, &settings).await;
    let person = staff::Entity::find()
        .filter(staff::Column::Email.eq(PERSON))
        .one(app.db())
        .await
        .unwrap()
        .expect("the demo data has Tom");
    let server = support::Server::serve(app);
    let base = server.base.clone();
    let cookie = signed_in_cookie(&base, person.id).await;
    let requests = [
        ("me { name }", json!({ "query": ME })),
        (
            "mySupervisions(first: 20)",
            json!({ "query": MY_SUPERVISIONS, "variables": { "first": 20 } }),
        ),
    ];
    for (label, body) in &requests {
        check(&base, &cookie, body).await;
        let lua = script(Some(body), Some(&cookie));
        for &n in connections {
            let url = format!("{base}/graphql");
            let figures = tokio::task::block_in_place(|| wrk(&url, &lua, n));
            let top = ceiling
                .iter()
                .find(|(c, _)| *c == n)
                .map(|(_, f)| f.per_second)
                .unwrap_or(f64::NAN);
            println!(
                "{name:<10} {label:<26} {n:>3} conn  {:>8.0} req/s  {:>5.1}% of ceiling  p50 {:>6.2} ms  p99 {:>6.2} ms{}",
                figures.per_second,
                100.0 * figures.per_second / top,
                figures.p50_ms,
                figures.p99_ms,
                if figures.not_ok > 0 {
                    format!("  ({} answers not 200)", figures.not_ok)
                } else {
                    String::new()
                },
            );
        }
        std::fs::remove_file(lua).ok();
    }
    server.stop().await;
}

#[tokio::main]
async fn main() {
    let connections = connection_counts();
    println!(
        "throughput, {} s per figure, wrk -t2 on loopback, release build",
        seconds()
    );
    let ceiling = ceiling(&connections).await;
    for (n, f) in &ceiling {
        println!(
            "{:<10} {:<26} {n:>3} conn  {:>8.0} req/s  {:>5.1}% of ceiling  p50 {:>6.2} ms  p99 {:>6.2} ms",
            "axum", "GET / (bare route)", f.per_second, 100.0, f.p50_ms, f.p99_ms
        );
    }

    let dir = tempfile_dir();
    let sqlite = format!("sqlite://{}?mode=rwc", dir.join("throughput.db").display());
    engine("SQLite", &sqlite, &connections, &ceiling).await;
    std::fs::remove_dir_all(&dir).ok();

    match std::env::var("BENCH_POSTGRES_URL") {
        Ok(admin) => {
            let (url, name) = support::postgres_database(&admin, "throughput").await;
            engine("PostgreSQL", &url, &connections, &ceiling).await;
            support::drop_postgres_database(&admin, &name).await;
        }
        Err(_) => {
            println!("PostgreSQL: skipped (set BENCH_POSTGRES_URL, or run ./dev bench-throughput)")
        }
    }
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("throughput-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
