//! Issue 19: the schema changes only when asked. Two instances starting
//! together on a database with migrations pending take turns (one migrates,
//! the other waits and finds nothing to do); `supervision migrate` migrates;
//! other commands refuse a database that is behind, and a mistyped command
//! is refused rather than taken for "start the server".

use migrations::{Migrator, MigratorTrait};
use secrecy::SecretString;

use crate::helpers::*;

fn run(database_url: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_supervision"))
        .env_clear()
        .env("SUPERVISION_DATABASE_URL", database_url)
        .env("SUPERVISION_AUDIT_KEY_FILE", AUDIT_KEY_FILE)
        .args(args)
        .output()
        .expect("run the command")
}

#[tokio::test]
async fn two_instances_starting_together_on_a_new_database_both_start_and_migrate_it_once() {
    let url = SecretString::from(empty_database_url().await);
    let (first, second) = tokio::join!(
        backend::db::connect_and_migrate(&url),
        backend::db::connect_and_migrate(&url)
    );
    let (first, second) = (
        first.expect("the first starts"),
        second.expect("the second starts"),
    );
    assert!(
        Migrator::get_pending_migrations(&first)
            .await
            .unwrap()
            .is_empty()
    );
    let applied = Migrator::get_applied_migrations(&second).await.unwrap();
    let mut names: Vec<String> = applied.iter().map(|m| m.name().to_owned()).collect();
    let all = names.len();
    names.dedup();
    assert_eq!(names.len(), all, "each migration recorded once");
    assert_eq!(all, Migrator::migrations().len());
}

#[tokio::test]
async fn only_migrate_changes_the_schema_and_a_mistyped_command_is_refused() {
    let url = empty_database_url().await;

    // A mistyped command is refused, never taken for starting the server.
    let typo = run(&url, &["audit-verfy"]);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&typo.stderr).contains("unrecognized subcommand"),
        "{}",
        String::from_utf8_lossy(&typo.stderr)
    );

    // Another command on a database that is behind says what to do, and
    // changes nothing.
    let behind = run(&url, &["audit-verify"]);
    assert!(!behind.status.success());
    let said = String::from_utf8_lossy(&behind.stderr);
    assert!(said.contains("supervision migrate"), "{said}");
    let db = backend::db::connect(&SecretString::from(url.clone()))
        .await
        .unwrap();
    assert_eq!(
        Migrator::get_pending_migrations(&db).await.unwrap().len(),
        Migrator::migrations().len()
    );

    // `migrate` migrates, and says so; a second time there is nothing to do.
    let migrated = run(&url, &["migrate"]);
    assert!(
        migrated.status.success(),
        "{}",
        String::from_utf8_lossy(&migrated.stderr)
    );
    let said = String::from_utf8_lossy(&migrated.stdout);
    assert!(
        said.contains(&format!(
            "Applied {} migration(s)",
            Migrator::migrations().len()
        )),
        "{said}"
    );
    assert!(
        Migrator::get_pending_migrations(&db)
            .await
            .unwrap()
            .is_empty()
    );
    let again = run(&url, &["migrate"]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("no migration was pending"));

    // Now the same command runs.
    let verified = run(&url, &["audit-verify"]);
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stderr)
    );
}
