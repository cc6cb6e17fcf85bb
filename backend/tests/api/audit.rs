//! The audit log (F7.6) is append-only and hash-chained: changes are refused
//! by the database, and tampering is found by the verify command.

use backend::service::audit::Verification;
use sea_orm::{ConnectionTrait, DatabaseBackend};
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn sign_in_recording_validation_and_sign_out_are_audited_in_an_intact_chain() {
    let app = TestApp::spawn().await;
    // The demo's own moving in (set-up, the HR imports) is audited too.
    let before = app.count("audit_event").await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let tom = app.sign_in(TOM).await;
    tom.gql(
        "mutation($id: UUID!) { validateSupervision(id: $id, decision: AGREE) { id } }",
        json!({ "id": id }),
    )
    .await;
    tom.post_json("/auth/signout", &json!({})).await;

    let actions: Vec<String> = {
        use sea_orm::{EntityTrait, QueryOrder};
        backend::entity::audit_event::Entity::find()
            .order_by_asc(backend::entity::audit_event::Column::Seq)
            .all(&app.db)
            .await
            .unwrap()
            .into_iter()
            .map(|e| e.action)
            .filter(|a| !a.starts_with("organisation.") && !a.starts_with("directory."))
            .collect()
    };
    assert_eq!(
        actions,
        vec![
            "auth.sign_in",
            "supervision.create",
            "auth.sign_in",
            "supervision.validate",
            "auth.sign_out"
        ]
    );
    assert_eq!(
        audit_chain(&app.db).await,
        Verification::Intact {
            entries: u64::try_from(before).unwrap() + 5,
            keyed: u64::try_from(before).unwrap() + 5
        }
    );
    app.stop().await;
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_audit_entries() {
    let app = TestApp::spawn().await;
    let before = app.count("audit_event").await;
    app.sign_in(PRIYA).await;
    let update = app
        .db
        .execute_unprepared("UPDATE audit_event SET action = 'nothing.happened'")
        .await;
    assert!(update.is_err(), "updates are refused");
    let delete = app.db.execute_unprepared("DELETE FROM audit_event").await;
    assert!(delete.is_err(), "deletes are refused");
    if app.db.get_database_backend() == DatabaseBackend::Postgres {
        let truncate = app.db.execute_unprepared("TRUNCATE audit_event").await;
        assert!(truncate.is_err(), "so is emptying the table");
    }
    assert_eq!(app.count("audit_event").await, before + 1);
    app.stop().await;
}

#[tokio::test]
async fn tampering_behind_the_triggers_back_is_detected() {
    let app = TestApp::spawn().await;
    let before = app.count("audit_event").await;
    app.sign_in(PRIYA).await;
    app.sign_in(TOM).await;
    app.sign_in(AISHA).await;
    assert_eq!(
        audit_chain(&app.db).await,
        Verification::Intact {
            entries: u64::try_from(before).unwrap() + 3,
            keyed: u64::try_from(before).unwrap() + 3
        }
    );

    // Someone with the database owner's rights disables the guard and edits
    // the middle entry.
    let tamper = match app.db.get_database_backend() {
        DatabaseBackend::Postgres => vec![
            "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only",
            "UPDATE audit_event SET detail = '{\"method\":\"forged\"}' WHERE seq = 2",
        ],
        _ => vec![
            "DROP TRIGGER audit_event_no_update",
            "UPDATE audit_event SET detail = '{\"method\":\"forged\"}' WHERE seq = 2",
        ],
    };
    for statement in tamper {
        app.db.execute_unprepared(statement).await.unwrap();
    }
    match audit_chain(&app.db).await {
        Verification::Broken { seq, .. } => assert_eq!(seq, 2),
        intact => panic!("tampering went unnoticed: {intact:?}"),
    }
    app.stop().await;
}

/// Issue 19: the chain is sealed with a key kept outside the database, so
/// someone who drops the triggers, edits an entry and re-hashes the whole
/// chain (everything a plain hash chain lets them do) is still found.
#[tokio::test]
async fn a_chain_rewritten_and_re_hashed_without_the_key_is_found() {
    use backend::entity::audit_event;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
    let app = TestApp::spawn().await;
    app.sign_in(PRIYA).await;
    let organisation_id = backend::entity::staff::Entity::find_by_id(app.staff_id(PRIYA).await)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    match app.db.get_database_backend() {
        DatabaseBackend::Postgres => app
            .db
            .execute_unprepared("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"),
        _ => app
            .db
            .execute_unprepared("DROP TRIGGER audit_event_no_update"),
    }
    .await
    .unwrap();

    // Priya's sign-in becomes someone else's, and every entry of the chain
    // is re-hashed from the start, as a plain chain would allow.
    let chain = audit_event::Entity::find()
        .filter(audit_event::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(audit_event::Column::Seq)
        .all(&app.db)
        .await
        .unwrap();
    let newest = chain.last().unwrap().seq;
    let mut prev_hash = "0".repeat(64);
    for mut entry in chain {
        if entry.seq == newest {
            entry.actor_id = Some(app.staff_id(TOM).await);
        }
        entry.prev_hash = prev_hash;
        entry.key_id = None;
        entry.hash = backend::service::audit::plain_hash(&entry);
        prev_hash = entry.hash.clone();
        let mut row: audit_event::ActiveModel = entry.clone().into();
        row.actor_id = Set(entry.actor_id);
        row.prev_hash = Set(entry.prev_hash.clone());
        row.key_id = Set(None);
        row.hash = Set(entry.hash.clone());
        row.update(&app.db).await.unwrap();
    }
    match audit_chain(&app.db).await {
        Verification::Broken {
            organisation_id: found,
            seq,
            problem,
        } => {
            assert_eq!((found, seq), (organisation_id, newest));
            assert!(
                problem.contains("not sealed with the audit key"),
                "{problem}"
            );
        }
        intact => panic!("the rewrite went unnoticed: {intact:?}"),
    }
    app.stop().await;
}

/// A deployment that had no key, then gets one: its next start seals every
/// chain once; from then on `audit-verify` needs the key, and refuses
/// another.
#[tokio::test]
async fn a_log_written_before_the_key_is_sealed_by_the_first_start_with_it() {
    let url = empty_database_url().await;
    let verify = |key: &str| audit_verify_with(&url, key, "");
    let demo = [
        ("SUPERVISION_DEMO_MONTHS", "1"),
        ("SUPERVISION_AUDIT_KEY_FILE", ""),
    ];
    let (mut server, _) = start_binary(&url, &demo).await;
    server.kill().await.unwrap();
    let (intact, said) = verify("");
    assert!(intact, "{said}");
    assert!(said.contains(", 0 of them sealed"), "{said}");

    let (mut server, _) = start_binary(&url, &demo[..1]).await;
    server.kill().await.unwrap();
    let (intact, said) = verify(AUDIT_KEY_FILE);
    assert!(intact, "{said}");
    assert!(!said.contains(", 0 of them sealed"), "{said}");
    let db = sea_orm::Database::connect(url.as_str()).await.unwrap();
    let sealed = {
        use backend::entity::audit_event;
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("audit.keyed"))
            .count(&db)
            .await
            .unwrap()
    };
    let organisations = {
        use sea_orm::{EntityTrait, PaginatorTrait};
        backend::entity::organisation::Entity::find()
            .count(&db)
            .await
            .unwrap()
    };
    assert_eq!(sealed, organisations, "each chain sealed once");

    let (intact, said) = verify("");
    assert!(!intact);
    assert!(said.contains("cannot be checked without its key"), "{said}");
    let other = test_dir().join(format!("other-{}.key", uuid::Uuid::new_v4()));
    std::fs::write(&other, "another-key-of-at-least-thirty-two-characters").unwrap();
    let (intact, said) = verify(&other.display().to_string());
    assert!(!intact);
    assert!(said.contains("not with the key given"), "{said}");
}

/// F9.4: a printed copy leaves the service like an export, so printing is
/// audited; a record the person may not see cannot be noted as printed.
#[tokio::test]
async fn printing_a_record_is_audited_with_whether_it_held_the_content() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    const PRINTED: &str = "mutation($id: UUID!) { notePrinted(id: $id) }";
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let id = record_group(&priya, &[app.staff_id(TOM).await]).await;
    let printed = || async {
        backend::entity::audit_event::Entity::find()
            .filter(backend::entity::audit_event::Column::Action.eq("supervision.print"))
            .all(&app.db)
            .await
            .unwrap()
    };

    let tom = app.sign_in(TOM).await;
    let body = tom.gql(PRINTED, json!({ "id": id })).await;
    assert_eq!(body["data"]["notePrinted"], true, "{body}");
    // Helen oversees the team: she sees only that the session took place.
    let helen = app.sign_in(HELEN).await;
    let body = helen.gql(PRINTED, json!({ "id": id })).await;
    assert_eq!(body["data"]["notePrinted"], true, "{body}");
    let entries = printed().await;
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].actor_id, Some(app.staff_id(TOM).await));
    let content = |entry: &backend::entity::audit_event::Model| {
        serde_json::from_str::<serde_json::Value>(&entry.detail).unwrap()["content"].clone()
    };
    assert_eq!(content(&entries[0]), true);
    assert_eq!(entries[1].actor_id, Some(app.staff_id(HELEN).await));
    assert_eq!(content(&entries[1]), false);

    // Someone with no part in it: not found, and nothing noted.
    let sofia = app.sign_in(SOFIA).await;
    let body = sofia.gql(PRINTED, json!({ "id": id })).await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "NOT_FOUND",
        "{body}"
    );
    assert_eq!(printed().await.len(), 2);
    app.stop().await;
}

/// `supervision audit-verify` on `url` with a current key and retired keys
/// (files; empty for none): whether it found the log intact, and what it
/// said.
fn audit_verify_with(url: &str, key: &str, retired: &str) -> (bool, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_supervision"))
        .env_clear()
        .env("SUPERVISION_DATABASE_URL", url)
        .env("SUPERVISION_AUDIT_KEY_FILE", key)
        .env("SUPERVISION_AUDIT_RETIRED_KEY_FILES", retired)
        .arg("audit-verify")
        .output()
        .unwrap();
    (
        output.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ),
    )
}

/// Whether the server, started with these settings, refuses to start (it
/// exits on its own within a minute) rather than serving.
async fn refuses_to_start(url: &str, settings: &[(&str, &str)]) -> bool {
    let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_supervision"));
    command
        .env_clear()
        .env("SUPERVISION_DATABASE_URL", url)
        .env("SUPERVISION_BIND", "127.0.0.1:0")
        .env("SUPERVISION_STATIC_DIR", "/nonexistent")
        .env("SUPERVISION_REMINDERS", "false")
        .envs(settings.iter().copied())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true);
    let mut child = command.spawn().expect("start the server");
    match tokio::time::timeout(std::time::Duration::from_secs(60), child.wait()).await {
        Ok(status) => !status.expect("the server's exit").success(),
        Err(_) => {
            child.kill().await.ok();
            false
        }
    }
}

/// Changing the audit key (issue 19): the new key takes a chain over only
/// when the old one is named as retired; from then on `audit-verify` needs
/// both, a server still holding only the old key cannot start (nor write),
/// and the chain never goes back to a key it moved on from.
#[tokio::test]
async fn the_audit_key_is_changed_by_naming_the_old_one_retired() {
    use backend::entity::audit_event;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

    let url = empty_database_url().await;
    let (mut server, _) = start_binary(&url, &[("SUPERVISION_DEMO_MONTHS", "1")]).await;
    server.kill().await.unwrap();
    let (intact, said) = audit_verify_with(&url, AUDIT_KEY_FILE, "");
    assert!(intact, "{said}");

    let new_key = test_dir().join(format!("new-{}.key", uuid::Uuid::new_v4()));
    std::fs::write(
        &new_key,
        "the-next-audit-key-of-at-least-thirty-two-characters\n",
    )
    .unwrap();
    let new_key = new_key.display().to_string();

    // The new key alone does not take over a chain sealed with another.
    assert!(
        refuses_to_start(&url, &[("SUPERVISION_AUDIT_KEY_FILE", &new_key)]).await,
        "a server with an unknown chain key must not start"
    );
    let db = sea_orm::Database::connect(url.as_str()).await.unwrap();
    let keyed = || async {
        audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("audit.keyed"))
            .count(&db)
            .await
            .unwrap()
    };
    let before = keyed().await;

    // Named as retired, it does: one audit.keyed entry per chain, sealed
    // with the new key and saying which it replaces.
    let (mut server, _) = start_binary(
        &url,
        &[
            ("SUPERVISION_AUDIT_KEY_FILE", &new_key),
            ("SUPERVISION_AUDIT_RETIRED_KEY_FILES", AUDIT_KEY_FILE),
        ],
    )
    .await;
    server.kill().await.unwrap();
    let organisations = backend::entity::organisation::Entity::find()
        .count(&db)
        .await
        .unwrap();
    assert_eq!(
        keyed().await,
        before + organisations,
        "each chain taken over once"
    );
    let newest = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("audit.keyed"))
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .max_by_key(|e| e.occurred_at)
        .unwrap();
    let detail: serde_json::Value = serde_json::from_str(&newest.detail).unwrap();
    assert_eq!(detail["key"].as_str(), newest.key_id.as_deref());
    assert!(detail["replaces"].is_string(), "{detail}");
    assert_ne!(detail["replaces"], detail["key"]);

    // Checking needs both keys now.
    let (intact, said) = audit_verify_with(&url, &new_key, AUDIT_KEY_FILE);
    assert!(intact, "{said}");
    let (intact, said) = audit_verify_with(&url, &new_key, "");
    assert!(!intact);
    assert!(
        said.contains("SUPERVISION_AUDIT_RETIRED_KEY_FILES"),
        "{said}"
    );
    let (intact, said) = audit_verify_with(&url, AUDIT_KEY_FILE, "");
    assert!(!intact, "{said}");
    // A retired key cannot be the current one too.
    let (intact, said) = audit_verify_with(&url, &new_key, &new_key);
    assert!(!intact);
    assert!(said.contains("current key"), "{said}");

    // A server left with the old key cannot start, so it cannot write
    // after the new key; nor can one that names the new key as retired
    // (going back).
    assert!(refuses_to_start(&url, &[("SUPERVISION_AUDIT_KEY_FILE", AUDIT_KEY_FILE)]).await);
    assert!(
        refuses_to_start(
            &url,
            &[
                ("SUPERVISION_AUDIT_KEY_FILE", AUDIT_KEY_FILE),
                ("SUPERVISION_AUDIT_RETIRED_KEY_FILES", &new_key),
            ],
        )
        .await
    );
    let (intact, said) = audit_verify_with(&url, &new_key, AUDIT_KEY_FILE);
    assert!(intact, "nothing was written by the refused servers: {said}");
}
