//! The day is the organisation's, not the server's UTC: a session held
//! "today" where the organisation is is accepted, the day after is refused
//! as in the future. Two zones far either side of UTC make sure that, at
//! whatever hour this runs, one of them is on a different date from UTC, so
//! a server judging in UTC fails one of the two.

use backend::entity::{organisation, staff};
use chrono_tz::Tz;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::json;

use crate::helpers::*;

async fn move_organisation(app: &TestApp, email: &str, zone: Tz) {
    let person = staff::Entity::find_by_id(app.staff_id(email).await)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    organisation::ActiveModel {
        id: Set(person.organisation_id),
        time_zone: Set(zone.name().to_owned()),
        ..Default::default()
    }
    .update(&app.db)
    .await
    .unwrap();
}

#[tokio::test]
async fn held_today_and_in_the_future_are_judged_in_the_organisations_time_zone() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom = app.staff_id(TOM).await;
    for zone in [
        chrono_tz::Pacific::Kiritimati,
        chrono_tz::Pacific::Pago_Pago,
    ] {
        move_organisation(&app, PRIYA, zone).await;
        let today = chrono::Utc::now().with_timezone(&zone).date_naive();

        let mut held_today = group_input(&[tom]);
        held_today["heldOn"] = json!(today);
        let body = priya.gql(RECORD, json!({ "input": held_today })).await;
        assert!(
            body["errors"].is_null(),
            "held today in {zone} ({today}) is accepted: {body}"
        );

        let mut tomorrow = group_input(&[tom]);
        tomorrow["heldOn"] = json!(today.succ_opt().unwrap());
        let body = priya.gql(RECORD, json!({ "input": tomorrow })).await;
        assert_eq!(
            error_code(&body),
            Some("VALIDATION_FAILED"),
            "{zone}: {body}"
        );
        assert!(error_fields(&body).contains(&"heldOn".to_owned()), "{body}");
    }
    app.stop().await;
}

/// The browser takes "today" from the server until the instant given
/// (frontend/src/dates.rs), so the date and its end must be the zone's.
#[tokio::test]
async fn me_says_which_day_it_is_where_the_organisation_is_and_when_it_ends() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    for zone in [
        chrono_tz::Pacific::Kiritimati,
        chrono_tz::Pacific::Pago_Pago,
    ] {
        move_organisation(&app, PRIYA, zone).await;
        let before = chrono::Utc::now();
        let body = priya
            .gql("{ me { today { date secondsLeft } } }", json!({}))
            .await;
        let after = chrono::Utc::now();
        let today = &body["data"]["me"]["today"];
        let date: chrono::NaiveDate = serde_json::from_value(today["date"].clone())
            .unwrap_or_else(|e| panic!("{zone}: {e}: {body}"));
        let seconds_left = today["secondsLeft"]
            .as_i64()
            .unwrap_or_else(|| panic!("{zone}: {body}"));
        // (Unless midnight fell during the request, it is the zone's date
        // before and after.)
        let dates = [before, after].map(|t| t.with_timezone(&zone).date_naive());
        assert!(dates.contains(&date), "{zone}: {date} is not {dates:?}");
        // The day ends at the next midnight there, give or take the second
        // the answer was rounded down to and the time the request took.
        let midnight = date
            .succ_opt()
            .unwrap()
            .and_time(chrono::NaiveTime::MIN)
            .and_local_timezone(zone)
            .unwrap();
        let from_before = (midnight.with_timezone(&chrono::Utc) - before).num_seconds();
        let from_after = (midnight.with_timezone(&chrono::Utc) - after).num_seconds();
        assert!(
            (from_after - 1..=from_before).contains(&seconds_left),
            "{zone}: {date} ends {seconds_left} s after the answer, not between {from_after} and {from_before}"
        );
        assert!(seconds_left <= 86_400, "{zone}: no day is longer than that");
    }
    app.stop().await;
}

#[tokio::test]
async fn a_new_organisation_is_in_the_uks_time_zone() {
    let app = TestApp::spawn().await;
    for org in organisation::Entity::find().all(&app.db).await.unwrap() {
        assert_eq!(org.time_zone, "Europe/London", "{}", org.name);
    }
    app.stop().await;
}
