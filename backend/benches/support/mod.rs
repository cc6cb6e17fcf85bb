//! Starting the real server for a benchmark: configured as in development
//! but on the given database, on a free loopback port, with no front end.

use backend::Application;
use backend::config::Config;

/// The application on `database_url`, with these settings added; built
/// (migrated, seeded when asked) but not yet serving.
pub async fn application(database_url: &str, extra: &[(&str, &str)]) -> Application {
    let mut pairs = vec![
        ("SUPERVISION_DATABASE_URL", database_url),
        ("SUPERVISION_BIND", "127.0.0.1:0"),
        ("SUPERVISION_STATIC_DIR", "/nonexistent"),
    ];
    pairs.extend_from_slice(extra);
    let config = Config::from_lookup(|key| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| (*v).to_owned())
    })
    .unwrap();
    Application::build(config).await.unwrap()
}

/// A server answering on loopback until stopped.
pub struct Server {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    stop: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<anyhow::Result<()>>,
}

impl Server {
    /// Starts serving.
    pub fn serve(app: Application) -> Self {
        let base = format!("http://127.0.0.1:{}", app.port());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(app.run_until(async {
            let _ = stopped.await;
        }));
        Self { base, stop, task }
    }

    /// Stops serving and waits until it has.
    pub async fn stop(self) {
        let _ = self.stop.send(());
        let _ = self.task.await;
    }
}

/// A fresh, empty database on the PostgreSQL server of `admin_url` (an
/// admin URL ending in `/postgres`): its URL and its name, to drop after.
// Each bench compiles this module; not every one uses every helper.
#[allow(dead_code)]
pub async fn postgres_database(admin_url: &str, prefix: &str) -> (String, String) {
    use sea_orm::{ConnectionTrait, Database};
    let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
    let admin = Database::connect(admin_url).await.unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    admin.close().await.ok();
    let (server, _) = admin_url.rsplit_once('/').unwrap();
    (format!("{server}/{name}"), name)
}

/// Drops a database `postgres_database` made.
#[allow(dead_code)]
pub async fn drop_postgres_database(admin_url: &str, name: &str) {
    use sea_orm::{ConnectionTrait, Database};
    let admin = Database::connect(admin_url).await.unwrap();
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await
        .unwrap();
    admin.close().await.ok();
}

/// A freshly set-up organisation on `db`, for benchmarks that load people
/// into it (the import and the search).
#[allow(dead_code)]
pub async fn benchmark_organisation(
    db: &sea_orm::DatabaseConnection,
    today: chrono::NaiveDate,
) -> backend::service::organisation::SetUp {
    use backend::service::organisation::{self, NewOrganisation, NewPerson};
    organisation::set_up(
        db,
        NewOrganisation {
            name: "Benchmark Trust".to_owned(),
            time_zone: None,
            administrator: NewPerson {
                name: "Ada Admin".to_owned(),
                email: "ada.admin@trust.test".to_owned(),
                employee_number: "A000001".to_owned(),
            },
            sign_in: Default::default(),
        },
        today,
    )
    .await
    .unwrap()
}
