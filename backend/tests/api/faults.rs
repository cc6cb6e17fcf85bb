//! Issue 19: faults survived, nothing lost. The real server binary is killed
//! with SIGKILL while supervisors are saving; after a restart, every save
//! that was answered with success is there, every email those saves queued
//! is sent exactly once, and the audit chain verifies.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use backend::entity::{outbox_message, staff, supervision};
use sea_orm::{ColumnTrait, Database, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use crate::concurrency::one_to_one;
use crate::helpers::*;
use crate::mail_server::{MailServer, free_port};

async fn signed_in(base: &str, staff_id: Uuid) -> reqwest::Client {
    let http = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let answer = http
        .post(format!("{base}/auth/dev/signin"))
        .header("x-requested-with", "supervision")
        .json(&json!({ "staffId": staff_id }))
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 204);
    http
}

#[tokio::test]
async fn a_server_killed_while_supervisors_save_loses_no_answered_save_and_sends_each_email_once() {
    let url = fresh_database_url().await;
    let db = Database::connect(&url).await.unwrap();
    let organisation = staff::Entity::find()
        .filter(staff::Column::Email.eq(PRIYA))
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let teams: Vec<_> = backend::seed::teams::recorders(&db, organisation)
        .await
        .unwrap()
        .into_iter()
        .take(8)
        .collect();

    // Saving, with no email server yet: the emails wait in the outbox.
    let (mut server, base) = start_binary(&url, &[]).await;
    let answered: Arc<Mutex<Vec<Uuid>>> = Arc::default();
    let mut savers = Vec::new();
    for team in &teams {
        let recorder = staff::Entity::find()
            .filter(staff::Column::Email.eq(team.email.as_str()))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let http = signed_in(&base, recorder.id).await;
        let (base, team, answered) = (base.clone(), team.clone(), answered.clone());
        savers.push(tokio::spawn(async move {
            for n in 0..200 {
                let (_, supervisee) = &team.people[n % team.people.len()];
                let sent = http
                    .post(format!("{base}/graphql"))
                    .header("x-requested-with", "supervision")
                    .json(&json!({ "query": RECORD, "variables": { "input": one_to_one(team.kind, *supervisee, n) } }))
                    .send()
                    .await;
                // The server is gone: this save was never answered.
                let Ok(response) = sent else { return };
                let Ok(body) = response.json::<serde_json::Value>().await else { return };
                if let Some(id) = body["data"]["recordSupervision"]["id"].as_str() {
                    answered.lock().unwrap().push(id.parse().unwrap());
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.start_kill().unwrap(); // SIGKILL: no shutdown, nothing flushed
    server.wait().await.unwrap();
    for saver in savers {
        saver.await.unwrap();
    }
    let answered = answered.lock().unwrap().clone();
    assert!(
        answered.len() >= teams.len(),
        "saves were answered before the kill: {}",
        answered.len()
    );

    // Restarted, now with an email server.
    let smtp = MailServer::start(free_port()).await;
    let (mut server, _) = start_binary(&url, &[("SUPERVISION_SMTP_URL", &smtp.url())]).await;
    let kept = supervision::Entity::find()
        .filter(supervision::Column::Id.is_in(answered.clone()))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(kept, answered.len() as u64, "every answered save is there");
    let queued = outbox_message::Entity::find().all(&db).await.unwrap();
    for id in &answered {
        assert!(
            queued.iter().any(|m| m.body.contains(&id.to_string())),
            "the email of record {id} was queued with it"
        );
    }

    let received = smtp.received_once_outbox_is_empty(&db, 30).await;
    assert_eq!(
        received.len(),
        queued.len(),
        "each queued email arrived once"
    );
    server.start_kill().unwrap();
    server.wait().await.unwrap();

    let verified = std::process::Command::new(env!("CARGO_BIN_EXE_supervision"))
        .env_clear()
        .env("SUPERVISION_DATABASE_URL", &url)
        .env("SUPERVISION_AUDIT_KEY_FILE", AUDIT_KEY_FILE)
        .arg("audit-verify")
        .output()
        .unwrap();
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );
    smtp.stop().await;
}

/// A PostgreSQL server of the test's own, to stop and start: the shared one
/// serves the other tests running meanwhile. Made with Debian's cluster
/// tools (as scripts/postgres.sh makes the shared one), dropped afterwards.
struct OwnPostgres {
    version: String,
    name: String,
    port: u16,
}

impl OwnPostgres {
    fn run(program: &str, args: &[&str]) {
        let output = std::process::Command::new(program)
            .args(args)
            .output()
            .unwrap_or_else(|e| panic!("{program}: {e}"));
        assert!(
            output.status.success(),
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn start() -> Self {
        let mut versions: Vec<String> = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL is installed (scripts/setup.sh)")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        versions.sort_by_key(|v| v.parse::<u32>().unwrap_or(0));
        let version = versions.pop().expect("a PostgreSQL version");
        let name = format!("faults{}x{}", std::process::id(), free_port());
        let port = free_port();
        let own = Self {
            version,
            name,
            port,
        };
        let port = port.to_string();
        Self::run("pg_createcluster", &[&own.version, &own.name, "-p", &port]);
        own.ctl("start");
        let sql = |statement: &str| {
            Self::run(
                "su",
                &[
                    "postgres",
                    "-c",
                    &format!("psql -q -p {port} -c \"{statement}\""),
                ],
            );
        };
        sql("ALTER USER postgres PASSWORD 'supervision-tests'");
        sql("CREATE DATABASE supervision");
        own
    }

    fn url(&self) -> String {
        format!(
            "postgres://postgres:supervision-tests@127.0.0.1:{}/supervision",
            self.port
        )
    }

    fn ctl(&self, action: &str) {
        let mut args = vec![self.version.as_str(), self.name.as_str(), action];
        if action == "stop" {
            args.extend(["-m", "fast"]);
        }
        Self::run("pg_ctlcluster", &args);
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        let _ = std::process::Command::new("pg_dropcluster")
            .args(["--stop", &self.version, &self.name])
            .output();
    }
}

#[tokio::test]
async fn while_postgresql_restarts_the_server_answers_try_again_and_recovers_by_itself() {
    let postgres = OwnPostgres::start();
    let url = postgres.url();
    let (mut server, base) = start_binary(&url, &[("SUPERVISION_DEMO_MONTHS", "1")]).await;
    let db = Database::connect(&url).await.unwrap();
    let priya = staff::Entity::find()
        .filter(staff::Column::Email.eq(PRIYA))
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .id;
    db.close().await.ok();
    let http = signed_in(&base, priya).await;
    let me = || async {
        let response = http
            .post(format!("{base}/graphql"))
            .header("x-requested-with", "supervision")
            .json(&json!({ "query": "{ me { name } }" }))
            .send()
            .await
            .expect("the server answers");
        let status = response.status().as_u16();
        (
            status,
            response
                .json::<serde_json::Value>()
                .await
                .unwrap_or_default(),
        )
    };
    assert_eq!(me().await.0, 200);

    postgres.ctl("stop");
    let (status, body) = me().await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["code"], "UNAVAILABLE", "{body}");
    assert!(
        server.try_wait().unwrap().is_none(),
        "the server keeps running"
    );

    postgres.ctl("start");
    let mut recovered = false;
    for _ in 0..60 {
        let (status, body) = me().await;
        if status == 200 && body["data"]["me"]["name"] == "Priya Shah" {
            recovered = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert!(
        recovered,
        "answers again once PostgreSQL is back, with no restart"
    );
    server.start_kill().unwrap();
    server.wait().await.unwrap();
}
