//! The supervision server. `Application::build` wires configuration, the
//! database, the GraphQL schema and the HTTP router; `main.rs` and the
//! integration tests both start the server through it.

// The merged root query and mutation (one object per domain) nest deeper
// than the compiler's default when laying out their async resolvers.
#![recursion_limit = "256"]

pub mod auth;
pub mod config;
pub mod db;
pub mod entity;
pub mod error;
pub mod graphql;
pub mod seed;
pub mod service;
pub mod web;

use std::sync::Arc;

use sea_orm::DatabaseConnection;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tower_sessions::session_store::ExpiredDeletion;

use crate::config::Config;
use crate::graphql::AppSchema;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// Database pool.
    pub db: DatabaseConnection,
    /// The GraphQL schema.
    pub schema: AppSchema,
    /// The BI tools' schema (`/bi/graphql`).
    pub bi_schema: graphql::bi::BiSchema,
    /// Requests each BI token may still make.
    pub bi_rates: web::limits::Rates,
    /// Validated configuration.
    pub config: Arc<Config>,
    /// Single sign-on, when configured.
    pub oidc: Option<auth::oidc::Oidc>,
    /// Where attachments' bytes are kept.
    pub attachments: service::attachment::AttachmentStore,
    /// Turns for organisation-wide reports.
    pub heavy_reports: web::limits::HeavyReports,
    /// This process's requests, for the metrics.
    pub request_metrics: web::metrics::RequestMetrics,
    /// The session store, which also hands a request what the directory
    /// holds of its signed-in person, read with the session.
    pub sessions: auth::session_store::DbSessionStore,
    /// Signed-in people's roles, kept while their sources are unchanged.
    pub roles: service::directory::RolesKept,
}

/// A built server, bound to its port, ready to run.
pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    db: DatabaseConnection,
    config: Arc<Config>,
    oidc: Option<auth::oidc::Oidc>,
    attachments: service::attachment::AttachmentStore,
    heavy_reports: web::limits::HeavyReports,
    request_metrics: web::metrics::RequestMetrics,
    /// The metrics' own address, when configured.
    metrics_listener: Option<TcpListener>,
}

impl Application {
    /// Connects, migrates, seeds the demo data when asked, and binds.
    pub async fn build(config: Config) -> anyhow::Result<Self> {
        service::audit::use_key(config.audit_key.as_ref()).map_err(anyhow::Error::msg)?;
        service::audit::retire_keys(&config.audit_retired_keys).map_err(anyhow::Error::msg)?;
        let db = db::connect_pool(&config.database_url, config.database_pool).await?;
        db::migrate(&db, &config.database_url).await?;
        if config.seed_demo {
            let today = service::clock::demo_today();
            seed::seed_if_empty(&db, today, config.demo_history_months).await?;
        }
        let keyed = service::audit::key_every_chain(&db)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        if keyed > 0 {
            tracing::info!(chains = keyed, "audit chains sealed with the audit key");
        }
        if config.audit_key.is_none() {
            tracing::warn!(
                "no audit key (SUPERVISION_AUDIT_KEY_FILE): the audit log is hash-chained \
                 but not sealed, so someone who can write to the database could rewrite it"
            );
        }
        // Names written before the search form was kept (a database from
        // before that migration) become searchable.
        let filled = service::directory::fill_search_names(&db)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        if filled > 0 {
            tracing::info!(people = filled, "search forms of names filled in");
        }
        let attachments = service::attachment::AttachmentStore::open(&config.attachments)?;
        let heavy_reports = web::limits::HeavyReports::new(config.limits.heavy_reports);
        let schema = graphql::build_schema(
            db.clone(),
            &config,
            attachments.clone(),
            heavy_reports.clone(),
        );
        let listener = TcpListener::bind(config.bind).await?;
        let metrics_listener = match config.metrics_bind {
            Some(address) => Some(TcpListener::bind(address).await?),
            None => None,
        };
        let request_metrics = web::metrics::RequestMetrics::default();
        let oidc = match &config.oidc {
            Some(oidc) => Some(auth::oidc::Oidc::new(oidc.clone(), &config.public_url)?),
            None => None,
        };
        let config = Arc::new(config);
        let bi_schema = graphql::bi::build_bi_schema(
            db.clone(),
            heavy_reports.clone(),
            config.environment == crate::config::Environment::Production,
        );
        let state = AppState {
            db: db.clone(),
            schema,
            bi_schema,
            bi_rates: web::limits::Rates::per_minute(config.limits.bi_per_minute),
            config: config.clone(),
            oidc: oidc.clone(),
            attachments: attachments.clone(),
            heavy_reports: heavy_reports.clone(),
            request_metrics: request_metrics.clone(),
            sessions: auth::session_store::DbSessionStore::new(db.clone()),
            roles: service::directory::RolesKept::default(),
        };
        Ok(Self {
            listener,
            router: web::router(state),
            db,
            config,
            oidc,
            attachments,
            heavy_reports,
            request_metrics,
            metrics_listener,
        })
    }

    /// The port actually bound (tests bind port 0).
    pub fn port(&self) -> u16 {
        self.listener
            .local_addr()
            .map(|a| a.port())
            .unwrap_or_default()
    }

    /// The metrics address's port, when metrics are served.
    pub fn metrics_port(&self) -> Option<u16> {
        self.metrics_listener
            .as_ref()
            .and_then(|l| l.local_addr().ok())
            .map(|a| a.port())
    }

    /// The database pool, for tests that arrange data directly.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// The turns for organisation-wide reports, for tests that take them.
    pub fn heavy_reports(&self) -> web::limits::HeavyReports {
        self.heavy_reports.clone()
    }

    /// Serves until `shutdown` resolves, then stops the session clean-up task.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let cleanup = spawn_session_cleanup(self.db.clone());
        let retention = spawn_retention_job(
            self.db.clone(),
            self.config.clone(),
            self.attachments.clone(),
        );
        let outbox = spawn_outbox_worker(self.db.clone(), &self.config)?;
        let reminders = spawn_reminders(self.db.clone(), &self.config);
        let discovery = self.oidc.as_ref().map(auth::oidc::Oidc::spawn_discovery);
        let metrics = self.metrics_listener.map(|listener| {
            let scrape = web::metrics::Scrape {
                requests: self.request_metrics.clone(),
                db: self.db.clone(),
            };
            tokio::spawn(async move {
                if let Err(err) = axum::serve(listener, web::metrics::router(scrape)).await {
                    tracing::warn!(error = %err, "the metrics address stopped");
                }
            })
        });
        let result = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        // Background tasks stop with the server, not after it.
        cleanup.abort();
        for job in [retention, discovery, outbox, reminders, metrics]
            .into_iter()
            .flatten()
        {
            job.abort();
        }
        result.map_err(Into::into)
    }
}

/// Runs the retention job once a day, when configured (F7.7), on whichever
/// instance claims it.
fn spawn_retention_job(
    db: DatabaseConnection,
    config: Arc<Config>,
    attachments: service::attachment::AttachmentStore,
) -> Option<JoinHandle<()>> {
    use crate::config::RetentionJob;
    if config.retention_job == RetentionJob::Off {
        return None;
    }
    Some(service::jobs::spawn(
        db,
        service::jobs::Job::Retention,
        move |db| {
            let config = config.clone();
            let attachments = attachments.clone();
            async move {
                let plan =
                    service::retention::plan(&db, chrono::Utc::now(), config.retention_years)
                        .await?;
                tracing::info!(report = %service::retention::report(&plan), "retention report");
                if config.retention_job == RetentionJob::Apply {
                    service::retention::apply(&db, &attachments, &plan).await?;
                }
                Ok(())
            }
        },
    ))
}

/// Delivers the email outbox over SMTP, when an SMTP server is configured.
/// Without one, messages wait in the outbox (readable in development at
/// `/dev/outbox`) and go out once a server is configured.
fn spawn_outbox_worker(
    db: DatabaseConnection,
    config: &Config,
) -> anyhow::Result<Option<JoinHandle<()>>> {
    let Some(mailer) = service::outbox::Mailer::from_config(&config.mail)? else {
        tracing::info!("no SMTP server configured: emails stay in the outbox");
        return Ok(None);
    };
    let mut every = tokio::time::interval(config.mail.poll_interval);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    Ok(Some(tokio::spawn(async move {
        loop {
            every.tick().await;
            if let Err(err) = mailer.deliver_due(&db).await {
                tracing::warn!(error = ?err, "outbox pass failed");
            }
        }
    })))
}

/// Sends due-soon and overdue reminders once a day, when configured (F5.7),
/// from whichever instance claims the day's run.
fn spawn_reminders(db: DatabaseConnection, config: &Config) -> Option<JoinHandle<()>> {
    if !config.mail.reminders {
        return None;
    }
    let links = service::notify::Links {
        public_url: config.public_url.clone(),
    };
    let grace = config.mail.escalation_grace_days;
    Some(service::jobs::spawn(
        db,
        service::jobs::Job::Reminders,
        move |db| {
            let links = links.clone();
            async move {
                service::reminders::run_now(&db, &links, chrono::Utc::now(), grace).await?;
                Ok(())
            }
        },
    ))
}

/// Deletes expired sessions (auditing each signed-in one's end) every few
/// minutes, from one instance at a time.
fn spawn_session_cleanup(db: DatabaseConnection) -> JoinHandle<()> {
    service::jobs::spawn(db, service::jobs::Job::SessionCleanup, |db| async move {
        auth::session_store::DbSessionStore::new(db)
            .delete_expired()
            .await
            .map_err(|err| error::AppError::Internal(anyhow::anyhow!("{err}")))
    })
}
