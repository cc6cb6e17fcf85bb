//! Issue 19: several instances on one database. Two servers started
//! together run the same background timers; each email is sent once, the
//! day's reminders and the retention purge run once, and the audit chain
//! still verifies. (Migrations taking turns are in `migrations.rs`.)

use backend::entity::{audit_event, outbox_message, staff};
use backend::service::audit::Verification;
use backend::service::jobs::{self, Job};
use chrono::{Days, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Database, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, Set,
};

use crate::helpers::*;
use crate::mail_server::{MailServer, free_port};

/// Makes one of the demo's leavers someone the retention job purges.
async fn a_leaver_due_for_purging(database_url: &str) {
    let db = Database::connect(database_url).await.unwrap();
    let leaver = staff::Entity::find()
        .filter(staff::Column::Status.eq("leaver"))
        .one(&db)
        .await
        .unwrap()
        .expect("the demo has leavers");
    let mut row = leaver.into_active_model();
    row.leaving_date = Set(Utc::now().date_naive().checked_sub_days(Days::new(7 * 366)));
    row.update(&db).await.unwrap();
    db.close().await.ok();
}

#[tokio::test]
async fn two_instances_on_one_database_send_each_email_once_and_run_each_daily_job_once() {
    let url = fresh_database_url().await;
    a_leaver_due_for_purging(&url).await;
    let smtp = MailServer::start(free_port()).await;
    let smtp_url = smtp.url();
    let settings = [
        ("SUPERVISION_SMTP_URL", smtp_url.as_str()),
        ("SUPERVISION_OUTBOX_POLL_SECONDS", "1"),
        ("SUPERVISION_OUTBOX_RETRY_SECONDS", "1"),
        ("SUPERVISION_REMINDERS", "true"),
        ("SUPERVISION_RETENTION_JOB", "apply"),
        ("SUPERVISION_RETENTION_YEARS", "6"),
        (
            "SUPERVISION_PUBLIC_URL",
            "https://supervision.northfield.example",
        ),
    ];
    // Started together: both wake to the same due jobs at the same moment.
    let (first, second) = tokio::join!(
        TestApp::start(&url, &settings),
        TestApp::start(&url, &settings)
    );
    // And each is used: a record through each, so both outbox workers have
    // messages of their own making as well as the reminders to send.
    for (app, recorder) in [(&first, PRIYA), (&second, PRIYA)] {
        let priya = app.sign_in(recorder).await;
        record_group(
            &priya,
            &[app.staff_id(TOM).await, app.staff_id(AISHA).await],
        )
        .await;
    }

    let received = smtp.received_once_outbox_is_empty(&first.db, 60).await;
    let messages = outbox_message::Entity::find().all(&first.db).await.unwrap();
    let reminders = messages
        .iter()
        .filter(|m| {
            m.dedupe_key
                .as_deref()
                .is_some_and(|k| k.starts_with("reminder:"))
        })
        .count();
    assert!(reminders > 0, "the day's reminders were written");
    let sent = messages.iter().filter(|m| m.sent_at.is_some()).count();

    assert_eq!(received.len(), sent, "every message sent arrived once");

    let purges = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("retention.purge"))
        .count(&first.db)
        .await
        .unwrap();
    assert_eq!(purges, 1, "the retention job ran once for both instances");
    assert!(matches!(
        audit_chain(&first.db).await,
        Verification::Intact { .. }
    ));
    first.stop().await;
    second.stop().await;
    smtp.stop().await;
}

#[tokio::test]
async fn a_job_is_claimed_by_one_instance_done_once_a_period_and_taken_up_when_its_holder_dies() {
    let app = TestApp::spawn_with(&[("SUPERVISION_RETENTION_JOB", "off")]).await;
    let now = Utc::now();
    let (a, b) = tokio::join!(
        jobs::claim(&app.db, Job::Retention, now),
        jobs::claim(&app.db, Job::Retention, now)
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert!(a.is_some() != b.is_some(), "one of two claims at once wins");
    jobs::finish(&app.db, a.or(b).unwrap(), now).await.unwrap();
    assert!(
        jobs::claim(&app.db, Job::Retention, now + chrono::Duration::hours(23))
            .await
            .unwrap()
            .is_none(),
        "done for the day"
    );

    // The next day's run is claimed, and its instance dies holding it.
    let tomorrow = now + chrono::Duration::days(1);
    let held = jobs::claim(&app.db, Job::Retention, tomorrow)
        .await
        .unwrap();
    assert!(held.is_some(), "due again a day later");
    assert!(
        jobs::claim(
            &app.db,
            Job::Retention,
            tomorrow + chrono::Duration::minutes(10)
        )
        .await
        .unwrap()
        .is_none(),
        "held by the instance doing it"
    );
    let taken_up = jobs::claim(
        &app.db,
        Job::Retention,
        tomorrow + chrono::Duration::hours(2),
    )
    .await
    .unwrap();
    assert!(taken_up.is_some(), "a lapsed claim is taken up");
    app.stop().await;
}
