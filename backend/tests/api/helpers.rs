//! Spawning the app on a fresh database, and a signed-in HTTP client.

use std::sync::atomic::{AtomicU32, Ordering};

use backend::Application;
use backend::config::Config;
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::{Value, json};
use uuid::Uuid;

/// A running server on its own database.
pub struct TestApp {
    pub base: String,
    pub db: DatabaseConnection,
    pub database_url: String,
    /// The server's turns for organisation-wide reports.
    pub heavy_reports: backend::web::limits::HeavyReports,
    /// `http://127.0.0.1:PORT` of the metrics address, when configured.
    pub metrics_base: Option<String>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A URL for a brand-new database on the engine under test, holding the
/// demo organisations: a copy of a template migrated and seeded once per
/// test run (PostgreSQL's `CREATE DATABASE … TEMPLATE`, a file copy on
/// SQLite), rather than migrating and seeding for every test, which took
/// most of each test's time (about 2.7 s a test on PostgreSQL).
pub async fn fresh_database_url() -> String {
    let name = format!(
        "test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let template = template().await;
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            create_postgres_database(&admin_url, &name, Some(&template)).await
        }
        _ => {
            let file = test_dir().join(format!("{name}_{}.db", Uuid::new_v4()));
            std::fs::copy(&template, &file).expect("copy the template database");
            format!("sqlite://{}?mode=rwc", file.display())
        }
    }
}

/// A URL for a brand-new database with nothing in it, not even the schema:
/// what an operator starts from.
pub async fn empty_database_url() -> String {
    let name = format!(
        "test_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin_url) if admin_url.starts_with("postgres") => {
            create_postgres_database(&admin_url, &name, None).await
        }
        _ => {
            let file = test_dir().join(format!("{name}_{}.db", Uuid::new_v4()));
            format!("sqlite://{}?mode=rwc", file.display())
        }
    }
}

/// Creates a database on the PostgreSQL server of `admin_url`, as a copy of
/// `template` when one is named; returns its URL.
async fn create_postgres_database(admin_url: &str, name: &str, template: Option<&str>) -> String {
    let admin = Database::connect(admin_url)
        .await
        .expect("connect to PostgreSQL");
    let copy = template
        .map(|t| format!(" TEMPLATE {t}"))
        .unwrap_or_default();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}{copy}"))
        .await
        .expect("create a test database");
    admin.close().await.ok();
    let (base, _) = admin_url.rsplit_once('/').expect("database URL has a path");
    format!("{base}/{name}")
}

/// Where test databases, maildirs and attachments live. Every name in it
/// carries the process id of the test run that made it, so a later run can
/// tell what an earlier one left behind.
pub fn test_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join("supervision-tests");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Removes what finished test runs left in [`test_dir`]. A test binary has no
/// hook that runs after its last test, so each run clears up after the runs
/// before it instead; without this the copies pile up (7.6 MB a SQLite test)
/// until the disk is full. What a still-running process made is kept, so
/// the SQLite and PostgreSQL suites may run side by side.
fn sweep_finished_runs() {
    let Ok(entries) = std::fs::read_dir(test_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = owner_pid(&name) else {
            continue;
        };
        if pid == std::process::id() || std::path::Path::new(&format!("/proc/{pid}")).exists() {
            continue;
        }
        let path = entry.path();
        let _ = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
    }
}

/// The process id in a name such as `test_123_4_…`, `template_123_…`,
/// `maildir-123-…` or `attachments-123`.
fn owner_pid(name: &str) -> Option<u32> {
    let rest = ["test_", "template_", "maildir-", "attachments-"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// The template every test database is copied from, made on first use: a
/// database name on PostgreSQL, a file path on SQLite. Seeded as the server
/// would seed it with the test configuration.
async fn template() -> String {
    static TEMPLATE: tokio::sync::OnceCell<String> = tokio::sync::OnceCell::const_new();
    TEMPLATE
        .get_or_init(|| async {
            sweep_finished_runs();
            let name = format!("template_{}", std::process::id());
            let (url, template) = match std::env::var("TEST_DATABASE_URL") {
                Ok(admin_url) if admin_url.starts_with("postgres") => (
                    create_postgres_database(&admin_url, &name, None).await,
                    name,
                ),
                _ => {
                    let file = test_dir().join(format!("{name}_{}.db", Uuid::new_v4()));
                    let path = file.display().to_string();
                    (format!("sqlite://{path}?mode=rwc"), path)
                }
            };
            let settings = config(&url, &[]);
            // Sealed with the key from the first entry, as a deployment
            // seeded after its key was set up would be.
            backend::service::audit::use_key(settings.audit_key.as_ref())
                .expect("one audit key for the tests");
            let db = backend::db::connect_and_migrate(&settings.database_url)
                .await
                .expect("migrate the template");
            backend::seed::seed_if_empty(
                &db,
                backend::service::clock::demo_today(),
                settings.demo_history_months,
            )
            .await
            .expect("seed the template");
            if db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite {
                // Everything into the main file, so a copy of it is whole.
                db.execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE);")
                    .await
                    .expect("checkpoint the template");
            }
            // No connection may be open on a PostgreSQL template while it is
            // copied.
            db.close().await.expect("close the template");
            template
        })
        .await
        .clone()
}

/// Where test servers keep attachments (keys are unique per record).
pub fn attachment_dir() -> std::path::PathBuf {
    test_dir().join(format!("attachments-{}", std::process::id()))
}

/// The attachment store test servers use.
pub fn attachment_store() -> backend::service::attachment::AttachmentStore {
    backend::service::attachment::AttachmentStore::open(&config("sqlite::memory:", &[]).attachments)
        .expect("attachment store")
}

/// The audit key every test server seals its audit log with, as a
/// deployment would (a fixture, not a secret).
pub const AUDIT_KEY_FILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/api/keys/audit.key");

/// Checks the audit chains with the test servers' key.
pub async fn audit_chain(
    db: &sea_orm::DatabaseConnection,
) -> backend::service::audit::Verification {
    let key = config("sqlite::memory:", &[]).audit_key;
    backend::service::audit::verify(db, key.as_ref())
        .await
        .expect("the audit log can be read")
}

/// Test configuration: development, demo data with a short history.
pub fn config(database_url: &str, extra: &[(&str, &str)]) -> Config {
    let mut pairs: Vec<(String, String)> = vec![
        ("SUPERVISION_DATABASE_URL".into(), database_url.into()),
        ("SUPERVISION_BIND".into(), "127.0.0.1:0".into()),
        ("SUPERVISION_DEMO_MONTHS".into(), "6".into()),
        ("SUPERVISION_AUDIT_KEY_FILE".into(), AUDIT_KEY_FILE.into()),
        ("SUPERVISION_STATIC_DIR".into(), "/nonexistent".into()),
        // Hundreds of short-lived servers: PostgreSQL's default, sixteen
        // connections opened at start for each, would double the suite's
        // time. The throughput benchmark measures the default.
        ("SUPERVISION_DATABASE_MIN_CONNECTIONS".into(), "1".into()),
        (
            "SUPERVISION_ATTACHMENT_STORE".into(),
            attachment_dir().display().to_string(),
        ),
    ];
    pairs.extend(
        extra
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    );
    Config::from_lookup(|key| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    })
    .expect("valid test configuration")
}

impl TestApp {
    /// Starts the server with the demo organisations on a fresh database.
    pub async fn spawn() -> Self {
        Self::spawn_with(&[]).await
    }

    /// Starts the server with extra settings.
    pub async fn spawn_with(extra: &[(&str, &str)]) -> Self {
        let url = fresh_database_url().await;
        Self::start(&url, extra).await
    }

    /// Starts a server on an existing database.
    pub async fn start(database_url: &str, extra: &[(&str, &str)]) -> Self {
        let app = Application::build(config(database_url, extra))
            .await
            .expect("app builds");
        let base = format!("http://127.0.0.1:{}", app.port());
        let db = app.db().clone();
        let heavy_reports = app.heavy_reports();
        let metrics_base = app
            .metrics_port()
            .map(|port| format!("http://127.0.0.1:{port}"));
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            app.run_until(async {
                let _ = rx.await;
            })
            .await
            .expect("server runs");
        });
        Self {
            base,
            db,
            heavy_reports,
            metrics_base,
            database_url: database_url.to_owned(),
            shutdown: Some(tx),
            task: Some(task),
        }
    }

    /// Stops the server and waits until it has stopped.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.expect("server task ends");
        }
    }

    /// Waits until `/health/ready` says yes (with single sign-on: until the
    /// provider has been discovered).
    pub async fn wait_until_ready(&self) {
        for _ in 0..100 {
            let ready = self
                .anonymous()
                .http
                .get(format!("{}/health/ready", self.base))
                .send()
                .await
                .unwrap();
            if ready.status() == 200 {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the server never became ready");
    }

    /// A client with no session.
    pub fn anonymous(&self) -> Client {
        Client::new(&self.base)
    }

    /// A client signed in through the development sign-in as the person
    /// with this email.
    pub async fn sign_in(&self, email: &str) -> Client {
        let client = Client::new(&self.base);
        let staff_id = self.staff_id(email).await;
        let response = client
            .post_json("/auth/dev/signin", &json!({ "staffId": staff_id }))
            .await;
        assert_eq!(response.status(), 204, "development sign-in as {email}");
        client
    }

    /// A person's staff id by email.
    pub async fn staff_id(&self, email: &str) -> Uuid {
        backend::entity::staff::Entity::find()
            .filter(backend::entity::staff::Column::Email.eq(email))
            .one(&self.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no demo person {email}"))
            .id
    }

    /// Rows in a table, to prove that refused input wrote nothing.
    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                self.db.get_database_backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }
}

/// An HTTP client with its own cookie jar (its own browser).
#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
}

impl Client {
    fn new(base: &str) -> Self {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self {
            http,
            base: base.to_owned(),
        }
    }

    /// Points the same browser at another server (cookies are per host, not port).
    pub fn against(&self, base: &str) -> Self {
        Self {
            http: self.http.clone(),
            base: base.to_owned(),
        }
    }

    /// POSTs JSON the way the front end does.
    pub async fn post_json(&self, path: &str, body: &Value) -> reqwest::Response {
        self.http
            .post(format!("{}{path}", self.base))
            .header("x-requested-with", "supervision")
            .json(body)
            .send()
            .await
            .unwrap()
    }

    /// The first unit this senior manager reports on (Helen's division).
    pub async fn first_report_unit(&self) -> String {
        let units = self.gql("{ myReportUnits { unitId } }", json!({})).await;
        units["data"]["myReportUnits"][0]["unitId"]
            .as_str()
            .unwrap_or_else(|| panic!("no unit to report on: {units}"))
            .to_owned()
    }

    /// Runs a GraphQL operation and returns the whole response body.
    pub async fn gql(&self, query: &str, variables: Value) -> Value {
        let response = self
            .post_json(
                "/graphql",
                &json!({ "query": query, "variables": variables }),
            )
            .await;
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }
}

/// The `extensions.code` of the first error, if any.
pub fn error_code(body: &Value) -> Option<&str> {
    body["errors"][0]["extensions"]["code"].as_str()
}

/// The fields named by a `VALIDATION_FAILED` error.
pub fn error_fields(body: &Value) -> Vec<String> {
    body["errors"][0]["extensions"]["fields"]
        .as_array()
        .map(|fields| {
            fields
                .iter()
                .filter_map(|f| f["field"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

pub const PRIYA: &str = "priya.shah@northfield.example";
pub const TOM: &str = "tom.reed@northfield.example";
pub const AISHA: &str = "aisha.khan@northfield.example";
pub const OWEN: &str = "owen.price@northfield.example";
pub const HELEN: &str = "helen.carter@northfield.example";
pub const SOFIA: &str = "sofia.martins@southbank.example";
pub const GRACE: &str = "grace.liu@northfield.example";
pub const DANIEL: &str = "daniel.okoro@northfield.example";
pub const MARCUS: &str = "marcus.bell@northfield.example";

impl TestApp {
    /// The email of someone's current line manager.
    pub async fn line_manager_of(&self, email: &str) -> String {
        use backend::entity::{allocation, staff};
        let person = self.staff_id(email).await;
        let manager = allocation::Entity::find()
            .filter(allocation::Column::StaffId.eq(person))
            .filter(allocation::Column::Relationship.eq("line_manager"))
            .one(&self.db)
            .await
            .unwrap()
            .expect("has a line manager")
            .allocated_to_id;
        staff::Entity::find_by_id(manager)
            .one(&self.db)
            .await
            .unwrap()
            .unwrap()
            .email
    }
}

/// The error codes in a response, by field path (e.g. `supervision.experience`).
pub fn error_codes_by_path(body: &Value) -> Vec<(String, String)> {
    body["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| {
                    let path = e["path"]
                        .as_array()
                        .map(|p| {
                            p.iter()
                                .map(|s| {
                                    s.as_str()
                                        .map(str::to_owned)
                                        .unwrap_or_else(|| s.to_string())
                                })
                                .collect::<Vec<_>>()
                                .join(".")
                        })
                        .unwrap_or_default();
                    (
                        path,
                        e["extensions"]["code"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

pub const RECORD: &str = r#"
mutation Record($input: RecordSupervisionInput!) {
  recordSupervision(input: $input) { id kind heldOn attendees { supervisee { name } validationState } experience }
}"#;

/// A valid group supervision input for these supervisees, held today.
pub fn group_input(supervisees: &[Uuid]) -> Value {
    json!({
        "kind": "CLINICAL_GROUP",
        "approach": "STRUCTURED_REFLECTION",
        "heldOn": chrono::Utc::now().date_naive(),
        "durationMinutes": 90,
        "mode": "FACE_TO_FACE",
        "location": "Team base, room 2",
        "superviseeIds": supervisees,
        "experience": "Group reflection on managing risk in lone working.",
        "reflection": "Shared worries about evening visits.",
        "analysis": "",
        "actionPlan": "Review the lone working procedure.",
        "notes": "",
        "functions": ["SUPPORTIVE", "DEVELOPMENTAL"],
        "actions": [{ "description": "Read the lone working procedure", "ownerId": supervisees[0], "dueOn": null }]
    })
}

/// Records a group session as `recorder` and returns its id.
pub async fn record_group(recorder: &Client, supervisees: &[Uuid]) -> Uuid {
    let body = recorder
        .gql(RECORD, json!({ "input": group_input(supervisees) }))
        .await;
    assert!(body["errors"].is_null(), "recording failed: {body}");
    body["data"]["recordSupervision"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// Redacts a section of a record Tom was supervised in, the only way there
/// is (F7.4): Tom asks, Helen (head of his service) approves. Returns the
/// redaction's id.
pub async fn redact_on_request(app: &TestApp, record: Uuid, section: &str) -> String {
    let tom = app.sign_in(TOM).await;
    let body = tom
        .gql(
            "mutation($id: UUID!, $s: RecordSection!) { requestRedaction(supervisionId: $id, section: $s, \
             reason: \"It names someone it should not\") { id } }",
            json!({ "id": record, "s": section }),
        )
        .await;
    assert!(body["errors"].is_null(), "requesting failed: {body}");
    let request = body["data"]["requestRedaction"]["id"].clone();
    let body = app
        .sign_in(HELEN)
        .await
        .gql(
            "mutation($r: UUID!) { decideRedaction(requestId: $r, approve: true, \
             note: \"Removed at the supervisee's request\") { status } }",
            json!({ "r": request }),
        )
        .await;
    assert_eq!(
        body["data"]["decideRedaction"]["status"], "approved",
        "{body}"
    );
    let body = tom
        .gql(
            "query($id: UUID!) { supervision(id: $id) { redactions { id section } } }",
            json!({ "id": record }),
        )
        .await;
    body["data"]["supervision"]["redactions"]
        .as_array()
        .and_then(|all| all.iter().find(|r| r["section"] == section))
        .and_then(|r| r["id"].as_str())
        .unwrap_or_else(|| panic!("no {section} redaction: {body}"))
        .to_owned()
}

/// The server binary, started on `database_url` with these settings added
/// (email, say; a blank one unsets), once it says it is ready: up to a minute, for a new
/// database that is migrated and seeded first.
pub async fn start_binary(
    database_url: &str,
    extra: &[(&str, &str)],
) -> (tokio::process::Child, String) {
    let port = crate::mail_server::free_port();
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_supervision"));
    command
        .env_clear()
        .env("SUPERVISION_DATABASE_URL", database_url)
        .env("SUPERVISION_AUDIT_KEY_FILE", AUDIT_KEY_FILE)
        .env("SUPERVISION_BIND", format!("127.0.0.1:{port}"))
        .env("SUPERVISION_STATIC_DIR", "/nonexistent")
        .env("SUPERVISION_ATTACHMENT_STORE", attachment_dir())
        .env("SUPERVISION_REMINDERS", "false")
        .env("SUPERVISION_OUTBOX_POLL_SECONDS", "1")
        .env("SUPERVISION_OUTBOX_RETRY_SECONDS", "1")
        .env(
            "SUPERVISION_PUBLIC_URL",
            "https://supervision.northfield.example",
        )
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true);
    command.envs(extra.iter().copied());
    let child = command.spawn().expect("start the server");
    let base = format!("http://127.0.0.1:{port}");
    for _ in 0..600 {
        if reqwest::get(format!("{base}/health/ready"))
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            return (child, base);
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the server did not start");
}
