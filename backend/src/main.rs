//! Starts the supervision server: `cargo run -p backend` (the README's run
//! command does this for you after building the front end).

use backend::Application;
use backend::config::Config;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")),
        )
        .init();
    if std::env::args().nth(1).as_deref() == Some("schema") {
        print!("{}", backend::graphql::sdl());
        return std::process::ExitCode::SUCCESS;
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => {
            eprintln!("The server cannot start: {err}");
            return std::process::ExitCode::from(2);
        }
    };
    match std::env::args().nth(1).as_deref() {
        Some("audit-verify") => return audit_verify(&config).await,
        Some("reminders") => return reminders(&config).await,
        Some("generate") => return generate(&config).await,
        Some("retention") => {
            let apply = std::env::args().any(|a| a == "--apply");
            return retention(&config, apply).await;
        }
        _ => {}
    }
    let public_url = config.public_url.clone();
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(err) => {
            eprintln!("The server cannot start: {err:#}");
            return std::process::ExitCode::FAILURE;
        }
    };
    println!("Supervision is running at {public_url}  (Ctrl+C to stop)");
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

/// Checks every organisation's audit chain and says where it first breaks.
async fn audit_verify(config: &Config) -> std::process::ExitCode {
    use backend::service::audit::{Verification, verify};
    let db = match backend::db::connect_and_migrate(&config.database_url).await {
        Ok(db) => db,
        Err(err) => {
            eprintln!("Cannot open the database: {err:#}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match verify(&db).await {
        Ok(Verification::Intact { entries }) => {
            println!("The audit log is intact: {entries} entries checked.");
            std::process::ExitCode::SUCCESS
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
async fn retention(config: &Config, apply: bool) -> std::process::ExitCode {
    use backend::service::retention;
    let result = async {
        let db = backend::db::connect_and_migrate(&config.database_url).await?;
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
async fn reminders(config: &Config) -> std::process::ExitCode {
    let result = async {
        let db = backend::db::connect_and_migrate(&config.database_url).await?;
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

/// `supervision generate [--staff N] [--years Y]`: adds a synthetic
/// organisation (default 30,000 staff, 5 years) for benchmarks.
async fn generate(config: &Config) -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let value = |flag: &str, default: usize| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let size = backend::seed::synthetic::Size {
        staff: value("--staff", 30_000),
        years: u32::try_from(value("--years", 5)).unwrap_or(5),
    };
    let started = std::time::Instant::now();
    let result = async {
        let db = backend::db::connect_and_migrate(&config.database_url).await?;
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
