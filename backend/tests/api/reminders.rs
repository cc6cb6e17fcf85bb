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
