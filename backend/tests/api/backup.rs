//! Issue 19: backup and restore. A running deployment is backed up with
//! scripts/backup.sh (database and attachments), restored with
//! scripts/restore.sh into an empty database and an empty attachment
//! folder, and the restored system has every record and file, and its
//! audit chain verifies. On the engine under test (PostgreSQL in the
//! PostgreSQL run).

use std::path::{Path, PathBuf};
use std::process::Command;

use uuid::Uuid;

use crate::helpers::*;

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n";

fn script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../scripts")
        .join(name)
}

/// Runs one of the scripts with the server's two settings; its output.
fn run(name: &str, folder: &Path, database_url: &str, store: &Path) -> String {
    let output = Command::new("bash")
        .arg(script(name))
        .arg(folder)
        .env("SUPERVISION_DATABASE_URL", database_url)
        .env("SUPERVISION_ATTACHMENT_STORE", store)
        .env("SUPERVISION_BIN", env!("CARGO_BIN_EXE_supervision"))
        .env("SUPERVISION_AUDIT_KEY_FILE", AUDIT_KEY_FILE)
        .output()
        .expect("run the script");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{name} failed: {said}");
    said
}

fn fresh_folder(what: &str) -> PathBuf {
    test_dir().join(format!("{what}-{}-{}", std::process::id(), Uuid::new_v4()))
}

#[tokio::test]
async fn a_backup_restored_into_an_empty_system_keeps_every_record_and_file_and_its_audit_chain() {
    let store = fresh_folder("store");
    let app =
        TestApp::spawn_with(&[("SUPERVISION_ATTACHMENT_STORE", &store.display().to_string())])
            .await;
    let priya = app.sign_in(PRIYA).await;
    let record = record_group(
        &priya,
        &[app.staff_id(TOM).await, app.staff_id(AISHA).await],
    )
    .await;
    let uploaded = priya.upload(record, "Care%20plan.pdf", PDF).await;
    assert_eq!(uploaded.status(), 201);
    let attachment: serde_json::Value = uploaded.json().await.unwrap();
    let attachment = attachment["id"].as_str().unwrap().to_owned();
    let (records, audit) = (
        app.count("supervision").await,
        app.count("audit_event").await,
    );

    // Backed up while the service runs.
    let backup = fresh_folder("backup");
    run("backup.sh", &backup, &app.database_url, &store);
    app.stop().await;

    // A second backup into the same folder is refused: nothing is overwritten.
    let again = Command::new("bash")
        .arg(script("backup.sh"))
        .arg(&backup)
        .env("SUPERVISION_DATABASE_URL", "sqlite:///nonexistent.db")
        .output()
        .unwrap();
    assert!(!again.status.success());

    let empty = empty_database_url().await;
    let restored_store = fresh_folder("restored-store");
    let said = run("restore.sh", &backup, &empty, &restored_store);
    assert!(said.contains("The audit log is intact"), "{said}");

    let restored = TestApp::start(
        &empty,
        &[(
            "SUPERVISION_ATTACHMENT_STORE",
            &restored_store.display().to_string(),
        )],
    )
    .await;
    assert_eq!(restored.count("supervision").await, records);
    assert_eq!(restored.count("audit_event").await, audit);
    let priya = restored.sign_in(PRIYA).await;
    let file = priya
        .http
        .get(format!("{}/attachments/{attachment}", restored.base))
        .header("x-requested-with", "supervision")
        .send()
        .await
        .unwrap();
    assert_eq!(file.status(), 200);
    assert_eq!(file.bytes().await.unwrap().as_ref(), PDF);

    // Restoring over a system that has data is refused.
    let over = Command::new("bash")
        .arg(script("restore.sh"))
        .arg(&backup)
        .env("SUPERVISION_DATABASE_URL", &empty)
        .env("SUPERVISION_ATTACHMENT_STORE", fresh_folder("other-store"))
        .output()
        .unwrap();
    assert!(
        !over.status.success(),
        "a database with data is not written over"
    );
    restored.stop().await;
}
