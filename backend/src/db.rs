//! Connecting to the database and bringing its schema up to date.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use secrecy::ExposeSecret;

use crate::config::PoolSize;

/// Connects for a command (creating the SQLite file's folder if needed) and
/// applies every pending migration: a command run with `--migrate`. The
/// server connects with its own pool ([`connect_pool`]) and then
/// [`migrate`]s.
pub async fn connect_and_migrate(
    url: &secrecy::SecretString,
) -> anyhow::Result<DatabaseConnection> {
    let db = connect(url).await?;
    migrate(&db, url).await?;
    Ok(db)
}

/// Connects to a database whose schema is this version's, refusing one
/// with migrations pending: a command other than the server and `migrate`
/// changes no schema unless asked (`--migrate`), so an operator decides
/// when a production database is migrated.
pub async fn connect_current(url: &secrecy::SecretString) -> anyhow::Result<DatabaseConnection> {
    let db = connect(url).await?;
    let pending = Migrator::get_pending_migrations(&db).await?.len();
    if pending > 0 {
        anyhow::bail!(
            "the database is {pending} migration(s) behind this version: run `supervision migrate` first, or add --migrate"
        );
    }
    Ok(db)
}

/// Connects for a command, creating the SQLite file's folder if needed; the
/// schema is left as it is.
pub async fn connect(url: &secrecy::SecretString) -> anyhow::Result<DatabaseConnection> {
    let sqlite = url.expose_secret().starts_with("sqlite:");
    connect_pool(url, PoolSize::on_demand(sqlite)).await
}

/// Connects with a pool of this size: the server's, from its settings.
pub async fn connect_pool(
    url: &secrecy::SecretString,
    pool: PoolSize,
) -> anyhow::Result<DatabaseConnection> {
    let url = url.expose_secret();
    if let Some(path) = sqlite_file(url)
        && let Some(dir) = std::path::Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    let sqlite = url.starts_with("sqlite:");
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(pool.max)
        .min_connections(pool.min)
        .connect_timeout(Duration::from_secs(10))
        // Every statement, when asked (a developer counting queries).
        .sqlx_logging(std::env::var_os("SUPERVISION_LOG_SQL").is_some());
    // The pool pinged each connection before every use: a second round trip
    // for each query. A file does not go away, so SQLite's are never pinged;
    // a PostgreSQL connection is pinged when it has been idle a while (one
    // the server dropped, say on a restart, is found and replaced then).
    if sqlite {
        options.test_before_acquire(false);
    } else {
        options.test_before_acquire_if_idle_for(Duration::from_secs(5));
    }
    let db = Database::connect(options).await?;
    if url.starts_with("sqlite:") {
        // Readers do not block the writer (the setting persists in the file).
        // sqlx already enables foreign keys and a busy time-out per connection.
        use sea_orm::ConnectionTrait;
        db.execute_unprepared("PRAGMA journal_mode=WAL;").await?;
    }
    Ok(db)
}

/// Applies the pending migrations and says how many there were. Instances
/// starting together take turns: one migrates, the others wait for it and
/// then find nothing left to do. (Two migrating at once would both try to
/// create the same tables, and one would fail to start.) On PostgreSQL the
/// turn is an advisory lock held by a transaction for the length of the
/// migration; on SQLite, a lock on a file beside the database.
pub async fn migrate(
    db: &DatabaseConnection,
    url: &secrecy::SecretString,
) -> anyhow::Result<usize> {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let applied = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            let turn = db.begin().await?;
            turn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))
                .await?;
            let applied = apply_pending(db).await;
            turn.commit().await?;
            applied?
        }
        _ => {
            let _turn = match sqlite_file(url.expose_secret()) {
                Some(path) => Some(file_lock(format!("{path}.migrating")).await?),
                None => None,
            };
            apply_pending(db).await?
        }
    };
    refresh_statistics(db).await?;
    Ok(applied)
}

/// The advisory lock migrations take on PostgreSQL ("migrate" in ASCII).
const MIGRATION_LOCK: i64 = 0x006d_6967_7261_7465;

async fn apply_pending(db: &DatabaseConnection) -> anyhow::Result<usize> {
    let pending = Migrator::get_pending_migrations(db).await?.len();
    Migrator::up(db, None).await?;
    Ok(pending)
}

/// Waits for, then holds, an exclusive lock on `path` (made if missing)
/// until the returned file is dropped.
async fn file_lock(path: String) -> anyhow::Result<std::fs::File> {
    tokio::task::spawn_blocking(move || {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)?;
        file.lock()?;
        anyhow::Ok(file)
    })
    .await?
}

/// Gives the query planner fresh statistics. Without them SQLite picks
/// between two indexes by rule of thumb and, at a large trust, chose
/// "everyone in the organisation" over "these sixteen ids" (tens of
/// milliseconds instead of one). Sampling keeps it to a few milliseconds
/// however big the file; PostgreSQL's autovacuum does the same there, but
/// not straight after a bulk load, so it is asked too.
pub async fn refresh_statistics(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    use sea_orm::ConnectionTrait;
    match db.get_database_backend() {
        sea_orm::DatabaseBackend::Sqlite => {
            db.execute_unprepared("PRAGMA analysis_limit=400; ANALYZE;")
                .await?;
        }
        _ => {
            db.execute_unprepared("ANALYZE;").await?;
        }
    }
    Ok(())
}

/// Begins a transaction that will write in an organisation. Writers in one
/// organisation take turns, from the start of the transaction to its end:
/// every write reads something it then extends (the audit chain's last
/// entry, a record's version, a person's last session per kind), and two
/// writers that both read before either commits would both build on the
/// same thing. Measured before this: 13 supervisors saving at once on
/// PostgreSQL, 105 of 490 saves failed on the audit chain's unique index.
///
/// On SQLite the database's write lock is taken at once, before anything is
/// read (a deferred transaction that reads and then writes fails at once
/// with "database is locked" when another writer got in between, whereas
/// taking the lock first waits for the other writer: the busy time-out). On
/// PostgreSQL a transaction-level advisory lock per organisation does the
/// same without holding up other organisations, and is let go at commit or
/// rollback. Taking it first, rather than just before the audit entry,
/// means a writer never holds it while waiting for a row another writer of
/// the organisation has locked, so the two cannot deadlock.
pub async fn begin(
    db: &DatabaseConnection,
    organisation_id: uuid::Uuid,
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    begin_for(db, &[organisation_id]).await
}

/// [`begin`] for a transaction that writes in several organisations (the
/// retention purge). Their locks are taken in one order, so two such
/// writers cannot each hold one the other waits for.
pub async fn begin_for(
    db: &DatabaseConnection,
    organisations: &[uuid::Uuid],
) -> Result<sea_orm::DatabaseTransaction, sea_orm::DbErr> {
    use sea_orm::{ConnectionTrait, DatabaseBackend, Statement, TransactionTrait};
    let txn = db.begin().await?;
    match db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            // A write statement that changes nothing still takes the lock.
            txn.execute_unprepared("UPDATE organisation SET name = name WHERE 1 = 0")
                .await?;
        }
        backend => {
            let mut keys: Vec<i64> = organisations.iter().map(|o| writer_lock_key(*o)).collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                txn.execute_raw(Statement::from_sql_and_values(
                    backend,
                    "SELECT pg_advisory_xact_lock($1)",
                    [key.into()],
                ))
                .await?;
            }
        }
    }
    Ok(txn)
}

/// The advisory lock key of an organisation's writers: its id folded to
/// 64 bits. Two organisations that happened to share a key would only take
/// turns with each other; nothing else in the database uses advisory locks.
fn writer_lock_key(organisation_id: uuid::Uuid) -> i64 {
    let (high, low) = organisation_id.as_u64_pair();
    i64::from_ne_bytes((high ^ low).to_ne_bytes())
}

/// The file path of a `sqlite://path?options` URL, if it names a file.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

/// The `n`th (from 1) numbered placeholder of a raw statement, so one value
/// can be used twice on both engines.
fn placeholder(backend: sea_orm::DatabaseBackend, n: usize) -> String {
    match backend {
        sea_orm::DatabaseBackend::Postgres => format!("${n}"),
        _ => format!("?{n}"),
    }
}

/// The values of a hand-written statement, each bound as it is written
/// into the text and named by its placeholder in the engine's style.
#[derive(Clone)]
pub struct Binds {
    backend: sea_orm::DatabaseBackend,
    values: Vec<sea_orm::Value>,
}

impl Binds {
    /// None yet.
    pub fn new(backend: sea_orm::DatabaseBackend) -> Self {
        Self {
            backend,
            values: Vec::new(),
        }
    }

    /// Binds a value; returns its placeholder.
    pub fn bind(&mut self, value: impl Into<sea_orm::Value>) -> String {
        self.values.push(value.into());
        placeholder(self.backend, self.values.len())
    }

    /// Binds each of a list; returns their placeholders for `IN (…)`.
    pub fn list<T: Into<sea_orm::Value>>(&mut self, items: impl IntoIterator<Item = T>) -> String {
        items
            .into_iter()
            .map(|item| self.bind(item))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The statement with its values.
    pub fn statement(self, sql: String) -> sea_orm::Statement {
        sea_orm::Statement::from_sql_and_values(self.backend, sql, self.values)
    }
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;

    #[test]
    fn the_sqlite_file_path_is_read_from_the_url() {
        assert_eq!(
            sqlite_file("sqlite://data/supervision.db?mode=rwc"),
            Some("data/supervision.db")
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/x"), None);
    }
}
