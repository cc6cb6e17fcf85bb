//! Load: many people saving at once in one organisation, as at the end of a
//! working day, through GraphQL over HTTP on the real server (release
//! build), on SQLite and, when given a server, on PostgreSQL in the same
//! run. Each supervisor and each of their people signs in (audited, so a
//! write), then each supervisor, all at once, records a one-to-one for one
//! of their people; that person agrees with it and adds a comment; every
//! fourth record is then amended. Prints saves per second, failures and latency,
//! and whether the audit chain still verifies. Bounded in requests and
//! time; loopback only. Asserts nothing about time.
//!
//!   ./dev load                     (starts PostgreSQL, runs both engines)
//!   cargo bench -p backend --bench saves
//!   BENCH_POSTGRES_URL=postgres://…/postgres   an admin URL: a fresh
//!                                  database is made there for the run
//!   BENCH_SUPERVISORS=16 BENCH_ROUNDS=10 BENCH_SECONDS=60

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use backend::seed::teams::Recorder;
use futures_util::future::join_all;
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use uuid::Uuid;

const RECORD: &str =
    "mutation($input: RecordSupervisionInput!) { recordSupervision(input: $input) { id } }";
const AMEND: &str = "mutation($id: UUID!, $input: AmendSupervisionInput!) { amendSupervision(id: $id, input: $input) { id } }";
const VALIDATE: &str =
    "mutation($id: UUID!) { validateSupervision(id: $id, decision: AGREE, comment: \"\") { id } }";
const COMMENT: &str =
    "mutation($id: UUID!, $c: String!) { addComment(id: $id, comment: $c) { id } }";

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What one person's browser sends.
#[derive(Clone)]
struct Browser {
    http: reqwest::Client,
    base: String,
}

impl Browser {
    /// Signs in (a write too: it is audited); why not, if it fails.
    async fn signed_in(base: &str, staff_id: Uuid) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .build()
            .unwrap();
        let browser = Self {
            http,
            base: base.to_owned(),
        };
        match browser
            .post("/auth/dev/signin", json!({ "staffId": staff_id }))
            .await
        {
            Ok(response) if response.status() == 204 => Ok(browser),
            Ok(response) => Err(format!("sign-in {}", response.status())),
            Err(err) => Err(format!("sign-in: {err}")),
        }
    }

    async fn post(&self, path: &str, body: Value) -> reqwest::Result<reqwest::Response> {
        self.http
            .post(format!("{}{path}", self.base))
            .header("x-requested-with", "supervision")
            .json(&body)
            .send()
            .await
    }

    /// One save: its time, and its result's data or why it failed.
    async fn save(&self, query: &str, variables: Value) -> (Duration, Result<Value, String>) {
        let started = Instant::now();
        let answer = match self
            .post(
                "/graphql",
                json!({ "query": query, "variables": variables }),
            )
            .await
        {
            Ok(response) => match response.json::<Value>().await {
                Ok(body) if body["errors"].is_null() => Ok(body["data"].clone()),
                Ok(body) => Err(body["errors"][0]["extensions"]["code"]
                    .as_str()
                    .unwrap_or("UNKNOWN")
                    .to_owned()),
                Err(err) => Err(format!("unreadable answer: {err}")),
            },
            Err(err) => Err(format!("no answer: {err}")),
        };
        (started.elapsed(), answer)
    }
}

/// A one-to-one of the recorder's kind, held today.
fn session(kind: &str, supervisee: Uuid, round: usize) -> Value {
    json!({
        "kind": kind,
        "approach": if kind == "LINE_MANAGEMENT" { Value::Null } else { json!("STRUCTURED_REFLECTION") },
        "heldOn": chrono::Utc::now().date_naive(),
        "durationMinutes": 60,
        "mode": "FACE_TO_FACE",
        "location": "Team base",
        "superviseeIds": [supervisee],
        "experience": format!("Caseload and wellbeing check-in, round {round}."),
        "reflection": "Evening visits are the hardest part of the week.",
        "analysis": "",
        "actionPlan": "Agree a buddy for late visits.",
        "notes": "",
        "functions": ["SUPPORTIVE"],
        "actions": []
    })
}

fn amendment(kind: &str) -> Value {
    let mut input = session(kind, Uuid::nil(), 0);
    for key in ["kind", "superviseeIds", "actions"] {
        input.as_object_mut().unwrap().remove(key);
    }
    input["experience"] = json!("Caseload, wellbeing and the new rota.");
    input["reason"] = json!("Added the rota, which we also discussed.");
    input
}

#[derive(Default)]
struct Tally {
    times: Vec<Duration>,
    failures: BTreeMap<String, usize>,
}

impl Tally {
    fn add(&mut self, (time, answer): (Duration, Result<Value, String>)) -> Option<Value> {
        self.times.push(time);
        match answer {
            Ok(data) => Some(data),
            Err(why) => {
                *self.failures.entry(why).or_default() += 1;
                None
            }
        }
    }

    /// A sign-in, counted as a save: it writes to the audit chain too.
    async fn signed_in(&mut self, base: &str, staff_id: Uuid) -> Option<Browser> {
        let started = Instant::now();
        let browser = Browser::signed_in(base, staff_id).await;
        self.add((
            started.elapsed(),
            browser.as_ref().map(|_| Value::Null).map_err(Clone::clone),
        ))?;
        browser.ok()
    }

    fn merge(&mut self, other: Tally) {
        self.times.extend(other.times);
        for (why, n) in other.failures {
            *self.failures.entry(why).or_default() += n;
        }
    }
}

/// One supervisor's day: rounds of record, agree, comment (and amend).
async fn supervisor(
    base: String,
    db: sea_orm::DatabaseConnection,
    recorder: Recorder,
    rounds: usize,
    deadline: Instant,
) -> Tally {
    let mut tally = Tally::default();
    let me = staff_id(&db, &recorder.email).await;
    let Some(browser) = tally.signed_in(&base, me).await else {
        return tally;
    };
    let mut people = Vec::new();
    for (_, id) in &recorder.people {
        if let Some(theirs) = tally.signed_in(&base, *id).await {
            people.push((*id, theirs));
        }
    }
    if people.is_empty() {
        return tally;
    }
    for round in 0..rounds {
        if Instant::now() >= deadline {
            break;
        }
        let (person, their_browser) = &people[round % people.len()];
        let saved = tally.add(
            browser
                .save(
                    RECORD,
                    json!({ "input": session(recorder.kind, *person, round) }),
                )
                .await,
        );
        let Some(id) = saved.and_then(|d| d["recordSupervision"]["id"].as_str().map(str::to_owned))
        else {
            continue;
        };
        tally.add(their_browser.save(VALIDATE, json!({ "id": id })).await);
        tally.add(
            their_browser
                .save(COMMENT, json!({ "id": id, "c": "Thank you, agreed." }))
                .await,
        );
        if round % 4 == 3 {
            tally.add(
                browser
                    .save(
                        AMEND,
                        json!({ "id": id, "input": amendment(recorder.kind) }),
                    )
                    .await,
            );
        }
    }
    tally
}

async fn staff_id(db: &sea_orm::DatabaseConnection, email: &str) -> Uuid {
    use backend::entity::staff;
    use sea_orm::{ColumnTrait, QueryFilter};
    staff::Entity::find()
        .filter(staff::Column::Email.eq(email))
        .one(db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no demo person {email}"))
        .id
}

async fn run(engine: &str, database_url: &str, supervisors: usize, rounds: usize, limit: Duration) {
    let app = support::application(database_url, &[("SUPERVISION_DEMO_MONTHS", "6")]).await;
    let db = app.db().clone();
    let server = support::Server::serve(app);
    let base = server.base.clone();

    let organisation = {
        let priya = staff_id(&db, "priya.shah@northfield.example").await;
        backend::entity::staff::Entity::find_by_id(priya)
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .organisation_id
    };
    let recorders = backend::seed::teams::recorders(&db, organisation)
        .await
        .unwrap();
    let chosen: Vec<Recorder> = recorders.into_iter().take(supervisors).collect();
    let started = Instant::now();
    let deadline = started + limit;
    let tallies = join_all(chosen.iter().cloned().map(|recorder| {
        tokio::spawn(supervisor(
            base.clone(),
            db.clone(),
            recorder,
            rounds,
            deadline,
        ))
    }))
    .await;
    let elapsed = started.elapsed();
    let mut tally = Tally::default();
    for t in tallies {
        tally.merge(t.unwrap());
    }
    let chain = backend::service::audit::verify(&db, None).await.unwrap();

    let saves = tally.times.len();
    let failed: usize = tally.failures.values().sum();
    tally.times.sort_unstable();
    let at = |q: f64| {
        let i = ((saves as f64 * q).ceil() as usize).clamp(1, saves.max(1)) - 1;
        tally.times.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{engine:<11} {:>11} {saves:>6} {failed:>7} {:>8.1} {:>8.0} {:>7.1} {:>7.1}   {}",
        chosen.len(),
        elapsed.as_secs_f64(),
        saves as f64 / elapsed.as_secs_f64(),
        at(0.5),
        at(0.99),
        match chain {
            backend::service::audit::Verification::Intact { entries, .. } =>
                format!("intact ({entries} entries)"),
            broken => format!("BROKEN: {broken:?}"),
        }
    );
    for (why, n) in &tally.failures {
        println!("            failed {n}× with {why}");
    }
    server.stop().await;
}

#[tokio::main]
async fn main() {
    let supervisors = setting("BENCH_SUPERVISORS", 16);
    let rounds = setting("BENCH_ROUNDS", 10);
    let limit = Duration::from_secs(setting("BENCH_SECONDS", 60) as u64);
    println!(
        "{supervisors} supervisors and their people at once: each signs in, then {rounds} rounds \
         (record, agree, comment; every fourth amended); every one a write; at most {}s per engine",
        limit.as_secs()
    );
    println!(
        "engine      supervisors  saves  failed  seconds  saves/s  p50 ms  p99 ms   audit chain"
    );

    let dir = std::env::temp_dir().join(format!("supervision-load-{}", Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let sqlite = format!("sqlite://{}?mode=rwc", dir.join("load.db").display());
    run("SQLite", &sqlite, supervisors, rounds, limit).await;
    let _ = std::fs::remove_dir_all(&dir);

    match std::env::var("BENCH_POSTGRES_URL") {
        Ok(admin_url) => {
            let (url, name) = support::postgres_database(&admin_url, "load").await;
            run("PostgreSQL", &url, supervisors, rounds, limit).await;
            support::drop_postgres_database(&admin_url, &name).await;
        }
        Err(_) => println!("PostgreSQL  (set BENCH_POSTGRES_URL, or run ./dev load)"),
    }
}
