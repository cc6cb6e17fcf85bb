//! The audit log (F7.6) is append-only and hash-chained: changes are refused
//! by the database, and tampering is found by the verify command.

use backend::service::audit::{Verification, verify};
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
        verify(&app.db).await.unwrap(),
        Verification::Intact {
            entries: u64::try_from(before).unwrap() + 5
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
        verify(&app.db).await.unwrap(),
        Verification::Intact {
            entries: u64::try_from(before).unwrap() + 3
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
    match verify(&app.db).await.unwrap() {
        Verification::Broken { seq, .. } => assert_eq!(seq, 2),
        intact => panic!("tampering went unnoticed: {intact:?}"),
    }
    app.stop().await;
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
