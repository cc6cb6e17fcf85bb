//! Email through the transactional outbox (F4.1): each supervisee is asked
//! by email to validate a new record; a real SMTP server (aiosmtpd) receives
//! it. With the server down nothing is lost, and nothing is sent twice.

use std::time::Duration;

use backend::entity::outbox_message;
use sea_orm::EntityTrait;
use serde_json::json;

use crate::helpers::*;
use crate::mail_server::{MailServer, free_port};

fn mail_settings(smtp_url: &str) -> Vec<(&'static str, String)> {
    vec![
        ("SUPERVISION_SMTP_URL", smtp_url.to_owned()),
        ("SUPERVISION_OUTBOX_POLL_SECONDS", "1".to_owned()),
        ("SUPERVISION_OUTBOX_RETRY_SECONDS", "1".to_owned()),
        // The daily reminders would fill the outbox too; they have their own tests.
        ("SUPERVISION_REMINDERS", "false".to_owned()),
        (
            "SUPERVISION_PUBLIC_URL",
            "https://supervision.northfield.example".to_owned(),
        ),
    ]
}

fn borrowed<'a>(settings: &'a [(&'static str, String)]) -> Vec<(&'a str, &'a str)> {
    settings.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

#[tokio::test]
async fn each_supervisee_is_emailed_a_link_to_validate_and_never_the_content() {
    let smtp = MailServer::start(free_port()).await;
    let settings = mail_settings(&smtp.url());
    let app = TestApp::spawn_with(&borrowed(&settings)).await;
    let priya = app.sign_in(PRIYA).await;
    let (tom_id, aisha_id) = (app.staff_id(TOM).await, app.staff_id(AISHA).await);
    let id = record_group(&priya, &[tom_id, aisha_id]).await;

    let received = smtp.wait_for(2, 20).await;
    let mut recipients: Vec<&str> = received.iter().map(|m| m.to.as_str()).collect();
    recipients.sort_unstable();
    assert_eq!(recipients, vec![AISHA, TOM]);
    for message in &received {
        assert!(
            message
                .subject
                .starts_with("Please validate your supervision record"),
            "{message:?}"
        );
        assert!(
            message.text.contains(&format!(
                "https://supervision.northfield.example/supervisions/{id}"
            )),
            "a deep link to the record: {message:?}"
        );
        assert!(
            !message.text.contains("lone working"),
            "no supervision content in email: {message:?}"
        );
    }
    // Each message names itself, so a copy delivered twice is recognisable.
    assert_ne!(received[0].message_id, received[1].message_id);

    let rows = outbox_message::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.sent_at.is_some() && r.attempts == 1));
    app.stop().await;
    smtp.stop().await;
}

#[tokio::test]
async fn an_smtp_outage_loses_nothing_and_a_restart_sends_nothing_twice() {
    let port = free_port();
    let settings = mail_settings(&format!("smtp://127.0.0.1:{port}"));
    let app = TestApp::spawn_with(&borrowed(&settings)).await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    record_group(&priya, &[tom_id]).await;

    // The SMTP server is down: the message waits, with the failure noted.
    let mut failed = None;
    for _ in 0..100 {
        let rows = outbox_message::Entity::find().all(&app.db).await.unwrap();
        if let [row] = rows.as_slice()
            && row.attempts >= 1
        {
            failed = Some(row.clone());
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let failed = failed.expect("a failed attempt is recorded");
    assert!(failed.sent_at.is_none());
    assert!(failed.last_error.is_some());

    // It comes back: the waiting message is delivered.
    let smtp = MailServer::start(port).await;
    let received = smtp.wait_for(1, 30).await;
    assert_eq!(received[0].to, TOM);

    // Restarted twice on the same database: nothing is sent again.
    let url = app.database_url.clone();
    app.stop().await;
    for _ in 0..2 {
        let again = TestApp::start(&url, &borrowed(&settings)).await;
        tokio::time::sleep(Duration::from_millis(2500)).await;
        again.stop().await;
    }
    assert_eq!(smtp.received().len(), 1, "delivered exactly once");
    smtp.stop().await;
}

#[tokio::test]
async fn a_message_written_while_the_service_was_down_is_sent_when_it_starts() {
    // Written with no SMTP server configured (as in a demo), then the service
    // restarts with one: the message goes out.
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    let id = record_group(&priya, &[tom_id]).await;

    // In development with no SMTP server, the outbox page shows it.
    let page = app
        .anonymous()
        .http
        .get(format!("{}/dev/outbox", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Please validate your supervision record"));
    assert!(html.contains(&format!("/supervisions/{id}")));
    assert_eq!(app.count("outbox_message").await, 1);

    let url = app.database_url.clone();
    app.stop().await;
    let smtp = MailServer::start(free_port()).await;
    let settings = mail_settings(&smtp.url());
    let again = TestApp::start(&url, &borrowed(&settings)).await;
    let received = smtp.wait_for(1, 20).await;
    assert_eq!(received[0].to, TOM);
    // With SMTP configured, the development page is not there.
    let page = again
        .anonymous()
        .http
        .get(format!("{}/dev/outbox", again.base))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 404);
    again.stop().await;
    smtp.stop().await;
}

/// Issue 19: an address the receiving server refuses for good (550, no such
/// user) is not retried hourly for ever. It is marked undeliverable, and a
/// system administrator sees it, to put the directory right; the other
/// supervisee's email goes as usual.
#[tokio::test]
async fn an_address_refused_for_good_is_not_retried_and_system_administrators_see_it() {
    use backend::entity::staff;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};

    let smtp = MailServer::start(free_port()).await;
    let settings = mail_settings(&smtp.url());
    let app = TestApp::spawn_with(&borrowed(&settings)).await;
    let (tom_id, aisha_id) = (app.staff_id(TOM).await, app.staff_id(AISHA).await);
    // A mistake in the directory: an address the mail server does not have.
    let wrong = "nobody.aisha@northfield.example";
    staff::ActiveModel {
        id: Set(aisha_id),
        email: Set(wrong.to_owned()),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
    let priya = app.sign_in(PRIYA).await;
    record_group(&priya, &[tom_id, aisha_id]).await;

    let received = smtp.wait_for(1, 20).await;
    assert_eq!(received[0].to, TOM);
    // Several retry intervals (one second here) pass; it is tried once.
    let refused = loop {
        let rows = outbox_message::Entity::find().all(&app.db).await.unwrap();
        if let Some(row) = rows
            .iter()
            .find(|r| r.to_address == wrong && r.failed_at.is_some())
        {
            break row.clone();
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    tokio::time::sleep(Duration::from_secs(4)).await;
    let later = outbox_message::Entity::find_by_id(refused.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(later.attempts, 1, "never tried again");
    assert!(later.sent_at.is_none());
    assert!(
        later.last_error.as_deref().unwrap_or("").contains("550"),
        "{later:?}"
    );
    assert_eq!(smtp.received().len(), 1);

    // The system administrator sees it, with the server's reason; nobody
    // else may ask.
    const UNDELIVERABLE: &str =
        "{ undeliverableEmails { toAddress subject problem failedAt recipient { name } } }";
    let ruth = app.sign_in("ruth.adeyemi@northfield.example").await;
    let listed = ruth.gql(UNDELIVERABLE, json!({})).await;
    let emails = listed["data"]["undeliverableEmails"].as_array().unwrap();
    assert_eq!(emails.len(), 1, "{listed}");
    assert_eq!(emails[0]["toAddress"], wrong);
    assert_eq!(emails[0]["recipient"]["name"], "Aisha Khan");
    assert!(
        emails[0]["problem"]
            .as_str()
            .unwrap()
            .contains("No such user")
    );
    assert!(
        emails[0]["subject"]
            .as_str()
            .unwrap()
            .starts_with("Please validate your supervision record")
    );
    assert_eq!(
        error_code(&priya.gql(UNDELIVERABLE, json!({})).await),
        Some("FORBIDDEN")
    );
    app.stop().await;
    smtp.stop().await;
}
