//! Starts the supervision server: `cargo run -p backend` (the README's run
//! command does this for you after building the front end).

use backend::Application;
use backend::config::Config;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

/// The supervision service: with no command, the server.
#[derive(Debug, Parser)]
#[command(name = "supervision", version, about)]
struct Cli {
    /// Apply pending migrations before the command (the server and
    /// `migrate` always do; other commands refuse a database that is behind).
    #[arg(long, global = true)]
    migrate: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Prints the GraphQL schema (SDL).
    Schema,
    /// Prints the BI tools' schema at `/bi/graphql` (SDL).
    BiSchema,
    /// Applies pending database migrations and says how many; instances
    /// starting at once take turns.
    Migrate,
    /// Recomputes every audit chain; a non-zero exit if one was tampered with.
    AuditVerify,
    /// Sends today's reminders once; running it again adds nothing.
    Reminders,
    /// Adds a synthetic organisation, for benchmarks.
    Generate {
        /// How many staff.
        #[arg(long, default_value_t = 30_000)]
        staff: usize,
        /// Years of history.
        #[arg(long, default_value_t = 5)]
        years: u32,
    },
    /// Says who and what a purge would remove; with --apply, purges.
    Retention {
        /// Carry the purge out (audited; legal holds are respected).
        #[arg(long)]
        apply: bool,
    },
    /// Sets up a new organisation: its default policy rules, time zone, top
    /// unit and first system administrator.
    SetUpOrganisation {
        /// The organisation's name.
        #[arg(long)]
        name: String,
        /// The IANA time zone its days are judged in.
        #[arg(long, default_value = "Europe/London")]
        time_zone: String,
        /// The first system administrator's full name.
        #[arg(long)]
        admin_name: String,
        /// Their work email (single sign-on finds them by it).
        #[arg(long)]
        admin_email: String,
        /// Their employee number in the HR system.
        #[arg(long)]
        admin_employee_number: String,
        /// The identity provider tenant its people sign in from (Entra ID:
        /// the directory (tenant) id). When set, only sign-ins from it count.
        #[arg(long)]
        identity_tenant: Option<String>,
        /// One of its own email domains (repeat for each). When set, only
        /// sign-ins with an email in them count.
        #[arg(long = "email-domain", value_name = "DOMAIN")]
        email_domains: Vec<String>,
    },
    /// Makes a SCIM bearer token for an organisation's identity provider
    /// and prints it (shown once; only its hash is kept).
    ScimToken {
        /// The organisation, by name or id.
        #[arg(long)]
        organisation: String,
        /// What to call it, e.g. "Entra ID".
        #[arg(long, default_value = "Identity provider")]
        label: String,
    },
    /// Loads an HR staff export (CSV) into an organisation's directory: a
    /// report of what changes and every error by line; applied only
    /// without --dry-run and when there is no error.
    Import {
        /// The CSV file.
        file: std::path::PathBuf,
        /// The organisation, by name or id.
        #[arg(long)]
        organisation: String,
        /// Only report what would change.
        #[arg(long)]
        dry_run: bool,
        /// The file lists only some people: nobody missing from it leaves.
        #[arg(long)]
        partial: bool,
        /// The day the export describes (default: the organisation's today).
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
        /// A header this export uses for a field, as field=Header (repeat).
        #[arg(long = "column", value_name = "FIELD=HEADER")]
        columns: Vec<String>,
    },
}

#[tokio::main]
// Long by design: the table of commands, read in one place.
async fn main() -> std::process::ExitCode {
    // Logs as text for a person at a terminal, or as JSON lines for the
    // monitoring a trust's IT team runs (`SUPERVISION_LOG_FORMAT=json`).
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let log_format = std::env::var("SUPERVISION_LOG_FORMAT");
    let json_logs = match log_format.as_deref() {
        Ok("json") => true,
        Ok("text") | Err(_) => false,
        Ok(other) => {
            eprintln!("SUPERVISION_LOG_FORMAT must be text or json, not {other:?}.");
            return std::process::ExitCode::from(2);
        }
    };
    if json_logs {
        tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Schema) => {
            print!("{}", backend::graphql::sdl());
            return std::process::ExitCode::SUCCESS;
        }
        Some(Command::BiSchema) => {
            print!("{}", backend::graphql::bi::bi_sdl());
            return std::process::ExitCode::SUCCESS;
        }
        _ => {}
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("The server cannot start: {err}");
            return std::process::ExitCode::from(2);
        }
    };
    // Every command that writes to the audit log seals it with the key.
    if let Err(err) = backend::service::audit::use_key(config.audit_key.as_ref())
        .and_then(|()| backend::service::audit::retire_keys(&config.audit_retired_keys))
    {
        eprintln!("The server cannot start: {err}");
        return std::process::ExitCode::from(2);
    }
    let migrate = cli.migrate;
    match cli.command {
        None | Some(Command::Schema | Command::BiSchema) => {}
        Some(Command::Migrate) => return run_migrations(&config).await,
        Some(Command::AuditVerify) => return audit_verify(&config, migrate).await,
        Some(Command::Reminders) => return reminders(&config, migrate).await,
        Some(Command::Generate { staff, years }) => {
            let size = backend::seed::synthetic::Size { staff, years };
            return generate(&config, migrate, size).await;
        }
        Some(Command::Retention { apply }) => return retention(&config, migrate, apply).await,
        Some(Command::SetUpOrganisation {
            name,
            time_zone,
            admin_name,
            admin_email,
            admin_employee_number,
            identity_tenant,
            email_domains,
        }) => {
            let new = backend::service::organisation::NewOrganisation {
                name,
                time_zone: Some(time_zone),
                administrator: backend::service::organisation::NewPerson {
                    name: admin_name,
                    email: admin_email,
                    employee_number: admin_employee_number,
                },
                sign_in: backend::service::organisation::SignInSettings {
                    identity_tenant,
                    email_domains,
                },
            };
            return set_up_organisation(&config, migrate, new).await;
        }
        Some(Command::ScimToken {
            organisation,
            label,
        }) => return scim_token(&config, migrate, &organisation, &label).await,
        Some(Command::Import {
            file,
            organisation,
            dry_run,
            partial,
            as_of,
            columns,
        }) => {
            let mapping = columns
                .iter()
                .filter_map(|c| c.split_once('='))
                .map(|(f, h)| (f.trim().to_owned(), h.trim().to_owned()))
                .collect();
            let request = ImportRequest {
                file,
                organisation,
                dry_run,
                full: !partial,
                as_of,
                mapping,
            };
            return import(&config, migrate, request).await;
        }
    }
    let public_url = config.public_url.clone();
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(err) => {
            eprintln!("The server cannot start: {err:#}");
            return std::process::ExitCode::FAILURE;
        }
    };
    if json_logs {
        // Every line of the output is then a JSON object, this one too.
        tracing::info!(%public_url, "Supervision is running");
    } else {
        println!("Supervision is running at {public_url}  (Ctrl+C to stop)");
    }
    // Ctrl+C by hand, SIGTERM from a service manager or container runtime:
    // either way requests in flight finish before the server stops.
    let shutdown = async {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            match signal(SignalKind::terminate()) {
                Ok(mut terminate) => {
                    tokio::select! {
                        _ = tokio::signal::ctrl_c() => {}
                        _ = terminate.recv() => {}
                    }
                }
                Err(_) => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = tokio::signal::ctrl_c().await;
        }
    };
    match app.run_until(shutdown).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("The server stopped: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// The database for a command: migrated first only when asked.
async fn open(config: &Config, migrate: bool) -> anyhow::Result<sea_orm::DatabaseConnection> {
    if migrate {
        backend::db::connect_and_migrate(&config.database_url).await
    } else {
        backend::db::connect_current(&config.database_url).await
    }
}

/// `supervision migrate`: brings the schema up to date.
async fn run_migrations(config: &Config) -> std::process::ExitCode {
    let result = async {
        let db = backend::db::connect(&config.database_url).await?;
        backend::db::migrate(&db, &config.database_url).await
    }
    .await;
    match result {
        Ok(0) => {
            println!("The database is up to date: no migration was pending.");
            std::process::ExitCode::SUCCESS
        }
        Ok(applied) => {
            println!("Applied {applied} migration(s); the database is up to date.");
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("Migration failed: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Checks every organisation's audit chain and says where it first breaks.
async fn audit_verify(config: &Config, migrate: bool) -> std::process::ExitCode {
    use backend::service::audit::{Verification, verify_with};
    let db = match open(config, migrate).await {
        Ok(db) => db,
        Err(err) => {
            eprintln!("Cannot open the database: {err:#}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match verify_with(&db, config.audit_key.as_ref(), &config.audit_retired_keys).await {
        Ok(Verification::Intact { entries, keyed }) => {
            println!(
                "The audit log is intact: {entries} entries checked, {keyed} of them sealed with the audit key."
            );
            if config.audit_key.is_none() {
                println!(
                    "No audit key was given (SUPERVISION_AUDIT_KEY_FILE): the chain was checked, not its seal."
                );
            }
            std::process::ExitCode::SUCCESS
        }
        Ok(Verification::KeyNeeded {
            organisation_id,
            seq,
            key_id,
        }) => {
            eprintln!(
                "The audit log cannot be checked without its key: organisation {organisation_id}, \
                 entry {seq} onwards are sealed with key {key_id}. Set SUPERVISION_AUDIT_KEY_FILE."
            );
            std::process::ExitCode::FAILURE
        }
        Ok(Verification::Broken {
            organisation_id,
            seq,
            problem,
        }) => {
            println!(
                "The audit log has been tampered with: organisation {organisation_id}, entry {seq}: {problem}."
            );
            std::process::ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("Cannot check the audit log: {err:?}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Prints the retention plan; with `--apply`, carries it out.
async fn retention(config: &Config, migrate: bool, apply: bool) -> std::process::ExitCode {
    use backend::service::retention;
    let result = async {
        let db = open(config, migrate).await?;
        let plan = retention::plan(&db, chrono::Utc::now(), config.retention_years)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        print!("{}", retention::report(&plan));
        if apply {
            let attachments =
                backend::service::attachment::AttachmentStore::open(&config.attachments)?;
            retention::apply(&db, &attachments, &plan)
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            println!("Applied.");
        } else {
            println!("Dry run: nothing was removed. Run `supervision retention --apply` to purge.");
        }
        anyhow::Ok(())
    }
    .await;
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Retention failed: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Sends today's reminders once (the server does this daily when
/// `SUPERVISION_REMINDERS` is on); running it again adds nothing.
async fn reminders(config: &Config, migrate: bool) -> std::process::ExitCode {
    let result = async {
        let db = open(config, migrate).await?;
        let links = backend::service::notify::Links {
            public_url: config.public_url.clone(),
        };
        backend::service::reminders::run_now(
            &db,
            &links,
            chrono::Utc::now(),
            config.mail.escalation_grace_days,
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))
    }
    .await;
    match result {
        Ok(added) => {
            println!("{added} reminders added to the outbox.");
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("Reminders failed: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Adds a synthetic organisation (default 30,000 staff, 5 years) for
/// benchmarks.
async fn generate(
    config: &Config,
    migrate: bool,
    size: backend::seed::synthetic::Size,
) -> std::process::ExitCode {
    let started = std::time::Instant::now();
    let result = async {
        let db = open(config, migrate).await?;
        backend::seed::generate_synthetic(&db, size, backend::service::clock::demo_today()).await
    }
    .await;
    match result {
        Ok((staff, supervisions)) => {
            println!(
                "Generated {staff} staff and {supervisions} supervisions in {:.1} s.",
                started.elapsed().as_secs_f64()
            );
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("Generation failed: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Sets up an organisation and says how its administrator signs in.
async fn set_up_organisation(
    config: &Config,
    migrate: bool,
    new: backend::service::organisation::NewOrganisation,
) -> std::process::ExitCode {
    use backend::error::AppError;
    let email = new.administrator.email.trim().to_lowercase();
    let result = async {
        let db = open(config, migrate).await?;
        let zone = new
            .time_zone
            .as_deref()
            .map_or(backend::service::clock::DEFAULT_ZONE, |z| {
                backend::service::clock::parse_zone(z)
            });
        let today = backend::service::clock::today_in(zone, chrono::Utc::now());
        anyhow::Ok(backend::service::organisation::set_up(&db, new, today).await)
    }
    .await;
    match result {
        Ok(Ok(set_up)) => {
            println!(
                "Organisation {} is set up, with the policies' default rules. \
                 Its first system administrator signs in as {email}.",
                set_up.organisation_id
            );
            std::process::ExitCode::SUCCESS
        }
        Ok(Err(AppError::Validation(errors))) => {
            for error in errors {
                eprintln!("{}: {}", error.field, error.message);
            }
            std::process::ExitCode::from(2)
        }
        Ok(Err(err)) => {
            eprintln!("Set-up failed: {err:?}");
            std::process::ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("Set-up failed: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// What `supervision import` was asked.
struct ImportRequest {
    file: std::path::PathBuf,
    organisation: String,
    dry_run: bool,
    full: bool,
    as_of: Option<chrono::NaiveDate>,
    mapping: Vec<(String, String)>,
}

/// Reads an HR export into an organisation: the same code path and report
/// as the page. Exit 2 when the file has errors (nothing was applied).
async fn scim_token(
    config: &Config,
    migrate: bool,
    organisation: &str,
    label: &str,
) -> std::process::ExitCode {
    let result = async {
        let db = open(config, migrate).await?;
        let organisation_id = backend::service::organisation::find(&db, organisation)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?
            .ok_or_else(|| anyhow::anyhow!("no organisation is called {organisation}"))?;
        backend::service::scim::token::create(&db, organisation_id, None, label)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))
    }
    .await;
    match result {
        Ok((token, _)) => {
            println!("{token}");
            eprintln!(
                "Paste it into the identity provider as the secret token, with the tenant URL {}/scim/v2. It is not shown again.",
                config.public_url
            );
            std::process::ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("No token was made: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn import(config: &Config, migrate: bool, request: ImportRequest) -> std::process::ExitCode {
    use backend::service::hr_import::{self, ImportOptions};
    let result = async {
        let csv = std::fs::read(&request.file)
            .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", request.file.display()))?;
        let db = open(config, migrate).await?;
        let organisation_id = backend::service::organisation::find(&db, &request.organisation)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?
            .ok_or_else(|| anyhow::anyhow!("no organisation is called {}", request.organisation))?;
        let zone = backend::service::clock::zone_of(&db, organisation_id)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let options = ImportOptions {
            dry_run: request.dry_run,
            full: request.full,
            as_of: request
                .as_of
                .unwrap_or_else(|| backend::service::clock::today_in(zone, chrono::Utc::now())),
            mapping: request.mapping,
        };
        let links = backend::service::notify::Links {
            public_url: config.public_url.clone(),
        };
        hr_import::run(&db, &links, organisation_id, None, &csv, &options)
            .await
            .map_err(|e| anyhow::anyhow!("{e:?}"))
    }
    .await;
    match result {
        Ok(report) => {
            print!("{}", hr_import::summary(&report));
            if report.errors.is_empty() {
                std::process::ExitCode::SUCCESS
            } else {
                std::process::ExitCode::from(2)
            }
        }
        Err(err) => {
            eprintln!("The import failed: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
