//! Retention (F7.7): records of people who left more than N years ago are
//! purged after a dry run; a legal hold stops the purge; the purge is audited.

use backend::entity::{staff, supervision, supervision_attendee};
use backend::service::audit::Verification;
use backend::service::retention::{apply, plan};
use chrono::{Days, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;
use supervision_shared::action::ActionStatus;
use uuid::Uuid;

use crate::helpers::*;

const YEARS: u32 = 6;

/// Makes one of the demo's leavers someone who left seven years ago.
async fn long_gone_leaver(app: &TestApp) -> staff::Model {
    let leaver = staff::Entity::find()
        .filter(staff::Column::Status.eq("leaver"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo has leavers");
    let mut row = leaver.into_active_model();
    row.leaving_date = Set(Utc::now().date_naive().checked_sub_days(Days::new(7 * 366)));
    row.update(&app.db).await.unwrap()
}

async fn places_of(app: &TestApp, person: Uuid) -> u64 {
    supervision_attendee::Entity::find()
        .filter(supervision_attendee::Column::SuperviseeId.eq(person))
        .count(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_dry_run_lists_what_goes_and_applying_it_removes_exactly_that() {
    let app = TestApp::spawn().await;
    let now = Utc::now();
    assert!(
        plan(&app.db, now, YEARS).await.unwrap().leavers.is_empty(),
        "recent leavers are kept"
    );

    let leaver = long_gone_leaver(&app).await;
    let dry_run = plan(&app.db, now, YEARS).await.unwrap();
    assert_eq!(
        dry_run
            .leavers
            .iter()
            .map(|l| l.staff_id)
            .collect::<Vec<_>>(),
        vec![leaver.id]
    );
    assert!(!dry_run.whole_records.is_empty(), "{dry_run:?}");
    assert!(
        places_of(&app, leaver.id).await > 0,
        "a dry run removes nothing"
    );

    let just_them = [leaver.id];
    let last_dates = || {
        backend::service::compliance::report::latest_formal(
            &app.db,
            leaver.organisation_id,
            &just_them,
        )
    };
    assert!(
        !last_dates().await.unwrap().is_empty(),
        "the leaver had formal supervision"
    );

    let records_before = app.count("supervision").await;
    apply(&app.db, &attachment_store(), &dry_run).await.unwrap();
    assert_eq!(places_of(&app, leaver.id).await, 0);
    assert!(
        last_dates().await.unwrap().is_empty(),
        "their last dates went with their sessions"
    );
    assert_eq!(
        app.count("supervision").await,
        records_before - dry_run.whole_records.len() as i64
    );
    for (shared_record, _) in &dry_run.attendances {
        let remaining = supervision_attendee::Entity::find()
            .filter(supervision_attendee::Column::SupervisionId.eq(*shared_record))
            .count(&app.db)
            .await
            .unwrap();
        assert!(remaining > 0, "a group record stays for its other members");
    }
    assert!(matches!(
        audit_chain(&app.db).await,
        Verification::Intact { .. }
    ));
    let purges = backend::entity::audit_event::Entity::find()
        .filter(backend::entity::audit_event::Column::Action.eq("retention.purge"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(purges, 1);
    app.stop().await;
}

#[tokio::test]
async fn a_legal_hold_on_the_person_or_a_record_stops_the_purge() {
    let app = TestApp::spawn().await;
    let now = Utc::now();
    let leaver = long_gone_leaver(&app).await;
    let daniel = app.sign_in(DANIEL).await;
    const HOLD: &str = "mutation($s: UUID, $r: UUID) { placeLegalHold(staffId: $s, supervisionId: $r, reason: \"Employment tribunal claim received\") { id } }";

    let body = daniel.gql(HOLD, json!({ "s": leaver.id })).await;
    assert!(body["errors"].is_null(), "{body}");
    let hold = body["data"]["placeLegalHold"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let held = plan(&app.db, now, YEARS).await.unwrap();
    assert!(held.leavers.is_empty() && held.whole_records.is_empty());
    assert_eq!(held.held[0].staff_id, leaver.id);

    let body = daniel
        .gql(
            "mutation($id: UUID!) { releaseLegalHold(id: $id) }",
            json!({ "id": hold }),
        )
        .await;
    assert_eq!(body["data"]["releaseLegalHold"], true);
    let released = plan(&app.db, now, YEARS).await.unwrap();
    let one_record = released.whole_records[0];
    assert!(daniel.gql(HOLD, json!({ "r": one_record })).await["errors"].is_null());
    let record_held = plan(&app.db, now, YEARS).await.unwrap();
    assert!(!record_held.whole_records.contains(&one_record));
    apply(&app.db, &attachment_store(), &record_held)
        .await
        .unwrap();
    assert!(
        supervision::Entity::find_by_id(one_record)
            .one(&app.db)
            .await
            .unwrap()
            .is_some(),
        "the held record survives"
    );
    app.stop().await;
}

#[tokio::test]
async fn only_hr_and_system_administrators_place_holds_within_their_organisation() {
    let app = TestApp::spawn().await;
    const HOLD: &str = "mutation($s: UUID) { placeLegalHold(staffId: $s, reason: \"Employment tribunal claim received\") { id } }";
    let tom = app.staff_id(TOM).await;
    for email in [TOM, PRIYA, HELEN, GRACE] {
        let body = app
            .sign_in(email)
            .await
            .gql(HOLD, json!({ "s": tom }))
            .await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{email}");
    }
    let ben = app.staff_id("ben.okafor@southbank.example").await;
    let body = app
        .sign_in(DANIEL)
        .await
        .gql(HOLD, json!({ "s": ben }))
        .await;
    assert_eq!(error_code(&body), Some("NOT_FOUND"));
    assert_eq!(app.count("legal_hold").await, 0);
    app.stop().await;
}

#[tokio::test]
async fn a_purge_takes_everything_that_hangs_off_a_record_with_it() {
    use backend::entity::{
        action_update, removal_request, supervision_action, supervision_comment,
        supervision_version,
    };
    let app = TestApp::spawn().await;
    let now = Utc::now();
    let leaver = long_gone_leaver(&app).await;
    let dry_run = plan(&app.db, now, YEARS).await.unwrap();
    let record = supervision::Entity::find_by_id(dry_run.whole_records[0])
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let now = Utc::now();
    let org = record.organisation_id;
    // A comment, an earlier version, a removal request, and an action with
    // a change in its history.
    supervision_comment::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        supervision_id: Set(record.id),
        author_id: Set(leaver.id),
        body: Set("A comment".into()),
        written_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();
    supervision_version::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        supervision_id: Set(record.id),
        version: Set(1),
        changed_by: Set(record.recorded_by),
        changed_at: Set(now),
        reason: Set("Typo".into()),
        changed_fields: Set("notes".into()),
        previous: Set("{}".into()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    removal_request::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        supervision_id: Set(record.id),
        requested_by: Set(record.recorded_by),
        requested_at: Set(now),
        reason: Set("Wrong person".into()),
        status: Set("declined".into()),
        decided_by: Set(None),
        decided_at: Set(None),
        decision_note: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let action = supervision_action::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        supervision_id: Set(record.id),
        description: Set("Read the policy".into()),
        owner_id: Set(leaver.id),
        due_on: Set(None),
        status: Set(ActionStatus::Done),
        audit_round_id: Set(None),
    }
    .insert(&app.db)
    .await
    .unwrap();
    action_update::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        action_id: Set(action.id),
        changed_by: Set(leaver.id),
        changed_at: Set(now),
        from_status: Set(ActionStatus::Open),
        to_status: Set(ActionStatus::Done),
        from_due_on: Set(None),
        to_due_on: Set(None),
        note: Set(String::new()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    // An observation of the leaver's own practice as a supervisor (F8.3):
    // part of their development record, so it goes with them.
    backend::entity::practice_observation::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        supervisor_id: Set(leaver.id),
        observer_id: Set(record.recorded_by),
        observed_on: Set(now.date_naive()),
        strengths: Set("Clear agenda".into()),
        development_points: Set("Analysis".into()),
        observer_signed_at: Set(now),
        supervisor_signed_at: Set(Some(now)),
        supervisor_comment: Set(String::new()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    // An appraisal objective of theirs, linked to the record (F8.4): both
    // go.
    let objective = backend::entity::appraisal_objective::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        staff_id: Set(leaver.id),
        title: Set("Lead a reflective group".into()),
        due_on: Set(None),
        achieved_on: Set(None),
        created_by: Set(leaver.id),
        created_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();
    backend::entity::supervision_objective::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        supervision_id: Set(record.id),
        objective_id: Set(objective.id),
        linked_by: Set(leaver.id),
        linked_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();
    // A session booked with them and recorded (F9.3): the record goes,
    // and the booking, with nobody left on it, goes too.
    let booking = backend::entity::session_booking::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        organiser_id: Set(record.recorded_by),
        starts_on: Set(now.date_naive()),
        starts_at: Set(now),
        ends_at: Set(now),
        place: Set(Some("Room 2".into())),
        video_link: Set(None),
        sequence: Set(0),
        status: Set(supervision_shared::booking::BookingStatus::Held),
        called_off_by: Set(None),
        called_off_at: Set(None),
        rearranged_as: Set(None),
        supervision_id: Set(Some(record.id)),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&app.db)
    .await
    .unwrap();
    backend::entity::session_booking_attendee::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(org),
        booking_id: Set(booking.id),
        staff_id: Set(leaver.id),
    }
    .insert(&app.db)
    .await
    .unwrap();

    apply(&app.db, &attachment_store(), &dry_run).await.unwrap();
    assert!(
        backend::entity::appraisal_objective::Entity::find_by_id(objective.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none(),
        "a leaver's appraisal objectives go with them"
    );
    let theirs = backend::entity::practice_observation::Entity::find()
        .filter(backend::entity::practice_observation::Column::SupervisorId.eq(leaver.id))
        .all(&app.db)
        .await
        .unwrap();
    assert!(
        theirs.is_empty(),
        "observations of a leaver's practice go with them"
    );
    assert!(
        backend::entity::session_booking::Entity::find_by_id(booking.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none(),
        "a session booked with them goes"
    );
    assert!(
        supervision::Entity::find_by_id(record.id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    for table in [
        "supervision_comment",
        "supervision_version",
        "removal_request",
        "action_update",
        "supervision_objective",
    ] {
        assert_eq!(app.count(table).await, 0, "{table} emptied with its record");
    }
    app.stop().await;
}

/// A record others attended keeps its earlier versions, and each kept every
/// supervisee's validation of it: the leaver's comment there goes too.
#[tokio::test]
async fn a_purge_removes_the_leavers_words_from_earlier_versions_of_a_shared_record() {
    use backend::entity::supervision_version;
    let app = TestApp::spawn().await;
    let leaver = long_gone_leaver(&app).await;
    let dry_run = plan(&app.db, Utc::now(), YEARS).await.unwrap();
    let &(shared, person) = dry_run
        .attendances
        .first()
        .expect("the leaver attended a group record");
    assert_eq!(person, leaver.id);
    let record = supervision::Entity::find_by_id(shared)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let stays = supervision_attendee::Entity::find()
        .filter(supervision_attendee::Column::SupervisionId.eq(shared))
        .filter(supervision_attendee::Column::SuperviseeId.ne(leaver.id))
        .one(&app.db)
        .await
        .unwrap()
        .expect("someone else attended")
        .supervisee_id;
    let validation = |who: Uuid, comment: &str| {
        json!({ "superviseeId": who, "validationState": "disagreed",
                "validatedAt": Utc::now(), "comment": comment })
    };
    let previous = json!({
        "approach": null, "heldOn": record.held_on, "durationMinutes": 60,
        "mode": "face_to_face", "location": "Team base", "externalSupervisor": null,
        "experience": "The group met.", "reflection": "", "analysis": "",
        "actionPlan": "", "notes": "", "functions": "supportive",
        "validations": [
            validation(leaver.id, "My private account of the session"),
            validation(stays, "Agreed with the group"),
        ],
    });
    let version = supervision_version::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(record.organisation_id),
        supervision_id: Set(shared),
        version: Set(1),
        changed_by: Set(record.recorded_by),
        changed_at: Set(Utc::now()),
        reason: Set("Added the rota".into()),
        changed_fields: Set("notes".into()),
        previous: Set(previous.to_string()),
    }
    .insert(&app.db)
    .await
    .unwrap();

    apply(&app.db, &attachment_store(), &dry_run).await.unwrap();
    let kept = supervision_version::Entity::find_by_id(version.id)
        .one(&app.db)
        .await
        .unwrap()
        .expect("the version stays for the others");
    assert!(
        !kept.previous.contains("My private account")
            && !kept.previous.contains(&leaver.id.to_string()),
        "{}",
        kept.previous
    );
    assert!(
        kept.previous.contains("Agreed with the group"),
        "{}",
        kept.previous
    );
    assert!(
        kept.previous.contains("The group met."),
        "{}",
        kept.previous
    );
    app.stop().await;
}

#[tokio::test]
async fn the_holds_in_force_are_listed_for_hr_and_system_administrators_only() {
    let app = TestApp::spawn().await;
    const LIST: &str = "{ legalHolds { id person { name } reason placedBy { name } placedAt } }";
    let tom = app.staff_id(TOM).await;
    let daniel = app.sign_in(DANIEL).await;
    let body = daniel
        .gql(
            "mutation($s: UUID) { placeLegalHold(staffId: $s, reason: \"Employment tribunal claim received\") { id } }",
            json!({ "s": tom }),
        )
        .await;
    let hold = body["data"]["placeLegalHold"]["id"].clone();
    assert!(hold.is_string(), "{body}");

    for email in [DANIEL, "ruth.adeyemi@northfield.example"] {
        let body = app.sign_in(email).await.gql(LIST, json!({})).await;
        let holds = &body["data"]["legalHolds"];
        assert_eq!(holds.as_array().map(Vec::len), Some(1), "{email}: {body}");
        assert_eq!(holds[0]["person"]["name"], "Tom Reed");
        assert_eq!(holds[0]["reason"], "Employment tribunal claim received");
        assert_eq!(holds[0]["placedBy"]["name"], "Daniel Okoro");
    }
    for email in [TOM, PRIYA, HELEN, GRACE] {
        let body = app.sign_in(email).await.gql(LIST, json!({})).await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{email}");
    }
    // Another organisation's administrator sees none of ours.
    let body = app.sign_in(SOFIA).await.gql(LIST, json!({})).await;
    assert!(!body.to_string().contains("Tom Reed"), "{body}");

    // Released, it is no longer in force.
    daniel
        .gql(
            "mutation($id: UUID!) { releaseLegalHold(id: $id) }",
            json!({ "id": hold }),
        )
        .await;
    let body = daniel.gql(LIST, json!({})).await;
    assert_eq!(body["data"]["legalHolds"], json!([]));
    app.stop().await;
}

#[tokio::test]
async fn hr_reads_the_next_purge_for_their_own_organisation_and_nothing_changes() {
    let app = TestApp::spawn().await;
    const DRY_RUN: &str = "{ retentionDryRun { years cutoff purged { name leftOn } held { name } wholeRecords places } }";
    let leaver = long_gone_leaver(&app).await;
    let daniel = app.sign_in(DANIEL).await;
    let daniel_org = staff::Entity::find_by_id(app.staff_id(DANIEL).await)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .organisation_id;
    let ours = leaver.organisation_id == daniel_org;
    let body = daniel.gql(DRY_RUN, json!({})).await;
    let run = &body["data"]["retentionDryRun"];
    assert_eq!(run["years"], YEARS, "{body}");
    let names: Vec<&str> = run["purged"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["name"].as_str())
        .collect();
    assert_eq!(
        names.contains(&leaver.name.as_str()),
        ours,
        "only the organisation's own leavers: {body}"
    );
    if ours {
        assert!(run["wholeRecords"].as_u64().unwrap() + run["places"].as_u64().unwrap() > 0);
    }
    assert!(
        places_of(&app, leaver.id).await > 0,
        "a dry run removes nothing"
    );
    for email in [TOM, PRIYA, HELEN, GRACE] {
        let body = app.sign_in(email).await.gql(DRY_RUN, json!({})).await;
        assert_eq!(error_code(&body), Some("FORBIDDEN"), "{email}");
    }
    let audited = backend::entity::audit_event::Entity::find()
        .filter(backend::entity::audit_event::Column::Action.eq("retention.dry_run"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 1);
    app.stop().await;
}
