//! Reminders and escalation (F5.7): due-soon and overdue reminders to the
//! supervisee and the supervisor, escalation to the line manager after the
//! grace period, all through the outbox, and never the same one twice.

use backend::entity::outbox_message;
use backend::service::notify::Links;
use backend::service::reminders;
use chrono::{Days, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::helpers::*;

#[tokio::test]
async fn reminders_go_to_supervisee_and_supervisor_and_escalate_after_the_grace_period_once() {
    let app = TestApp::spawn().await;
    let links = Links {
        public_url: "https://supervision.northfield.example".into(),
    };
    // Judged months ahead, everyone's supervision is overdue.
    let later = Utc::now().date_naive() + Days::new(150);
    let added = reminders::run(&app.db, &links, later, 14).await.unwrap();
    assert!(added > 0);
    assert_eq!(
        reminders::run(&app.db, &links, later, 14).await.unwrap(),
        0,
        "run twice: nobody is reminded twice"
    );

    let tom = app.staff_id(TOM).await;
    let to_tom = outbox_message::Entity::find()
        .filter(outbox_message::Column::RecipientId.eq(tom))
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        to_tom
            .iter()
            .any(|m| m.subject == "Your clinical supervision is overdue"),
        "{:?}",
        to_tom.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    let priya = app.staff_id(PRIYA).await;
    let to_priya = outbox_message::Entity::find()
        .filter(outbox_message::Column::RecipientId.eq(priya))
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        to_priya
            .iter()
            .any(|m| m.subject == "Tom Reed's clinical supervision is overdue"),
        "the supervisor is reminded"
    );
    let tom_manager = app.staff_id(&app.line_manager_of(TOM).await).await;
    let escalations = outbox_message::Entity::find()
        .filter(outbox_message::Column::RecipientId.eq(tom_manager))
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        escalations
            .iter()
            .any(|m| m.subject.starts_with("Escalation: Tom Reed's")),
        "the line manager is told after the grace period"
    );
    // No supervision content in any reminder.
    assert!(to_tom.iter().all(|m| !m.body.contains("lone working")));
    app.stop().await;
}

#[tokio::test]
async fn a_longer_grace_period_escalates_fewer_and_shortening_it_adds_only_escalations() {
    let app = TestApp::spawn().await;
    let links = Links {
        public_url: "https://supervision.northfield.example".into(),
    };
    let later = Utc::now().date_naive() + Days::new(100);
    reminders::run(&app.db, &links, later, 90).await.unwrap();
    let escalations = |rows: &[outbox_message::Model]| {
        rows.iter()
            .filter(|m| m.subject.starts_with("Escalation"))
            .count()
    };
    let first = outbox_message::Entity::find().all(&app.db).await.unwrap();
    let added = reminders::run(&app.db, &links, later, 7).await.unwrap();
    let second = outbox_message::Entity::find().all(&app.db).await.unwrap();
    assert!(added > 0, "a shorter grace period escalates more people");
    assert_eq!(
        escalations(&second) - escalations(&first),
        added,
        "the reminders themselves were not sent again"
    );
    app.stop().await;
}

#[tokio::test]
async fn a_reminder_names_the_session_already_booked_instead_of_asking_for_one() {
    let app = TestApp::spawn().await;
    let links = Links {
        public_url: "https://supervision.northfield.example".into(),
    };
    let tom = app.staff_id(TOM).await;
    let priya = app.sign_in(PRIYA).await;
    let on = Utc::now().date_naive() + Days::new(10);
    let body = priya
        .gql(
            "mutation($i: BookSessionInput!) { bookSession(input: $i) { id } }",
            serde_json::json!({ "i": { "superviseeIds": [tom], "time": {
                "startsOn": on, "startsAt": "10:00", "durationMinutes": 60, "place": "Room 2" } } }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    let later = Utc::now().date_naive() + Days::new(150);
    reminders::run(&app.db, &links, later, 14).await.unwrap();

    let clinical = |recipient: uuid::Uuid, subject: &'static str| {
        let db = app.db.clone();
        async move {
            outbox_message::Entity::find()
                .filter(outbox_message::Column::RecipientId.eq(recipient))
                .filter(outbox_message::Column::Subject.eq(subject))
                .one(&db)
                .await
                .unwrap()
                .unwrap_or_else(|| panic!("no reminder \"{subject}\""))
                .body
        }
    };
    let when = format!("{} at 10:00", on.format("%A %-d %B %Y"));
    let to_tom = clinical(tom, "Your clinical supervision is overdue").await;
    assert!(
        to_tom.contains(&format!("A session with Priya Shah is booked for {when}")),
        "{to_tom}"
    );
    assert!(!to_tom.contains("Please arrange it"), "{to_tom}");
    let to_priya = clinical(
        app.staff_id(PRIYA).await,
        "Tom Reed's clinical supervision is overdue",
    )
    .await;
    assert!(
        to_priya.contains(&format!(
            "You have booked a session with Tom Reed for {when}"
        )),
        "{to_priya}"
    );
    // Someone with nothing booked is still asked to arrange it.
    let aisha = app.staff_id(AISHA).await;
    let to_aisha = outbox_message::Entity::find()
        .filter(outbox_message::Column::RecipientId.eq(aisha))
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        to_aisha
            .iter()
            .any(|m| m.body.contains("Please arrange it with")),
        "{:?}",
        to_aisha.iter().map(|m| &m.body).collect::<Vec<_>>()
    );
    app.stop().await;
}
