//! Booking the next session (F9.3): a supervisor books it, moves it and
//! calls it off; everyone on it is sent a calendar invitation through the
//! outbox, which a real iCalendar parser reads (Europe/London on both sides
//! of a clock change, one UID, a rising SEQUENCE, organiser and attendees,
//! no supervision content); a booked session that passes without a record
//! asks its supervisor whether it happened, and a record on the day answers
//! it; cancellations are counted per unit.

use backend::entity::{outbox_message, session_booking};
use chrono::{Datelike, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Europe::London;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::*;
use crate::mail_server::{MailServer, free_port};

const BOOK: &str = "mutation($i: BookSessionInput!) { bookSession(input: $i) { id status when startTime durationMinutes place videoLink organisedByMe startsAt supervisees { name } } }";
const MOVE: &str = "mutation($id: UUID!, $t: SessionTimeInput!) { moveSession(id: $id, time: $t) { id startsAt startTime } }";
const CALL_OFF: &str = "mutation($id: UUID!, $by: CalledOffBy!, $t: SessionTimeInput) { callOffSession(id: $id, calledOffBy: $by, rearrangeTo: $t) { id status } }";
const ONE: &str = "query($id: UUID!) { sessionBooking(id: $id) { id status calledOffBy rearrangedAs supervisionId organisedByMe } }";
const UPCOMING: &str = "{ upcomingSessions { id organisedByMe } }";
const AWAITING: &str = "{ sessionsAwaitingOutcome { id } }";
const SUPERVISEES: &str = "{ mySupervisees { staff { id } nextBooked } }";
const FIGURES: &str = "query($u: UUID!, $a: NaiveDate) { sessionCancellations(unitId: $u, asAt: $a) { booked held calledOff rearranged calledOffPercent } }";

/// The organisation's today (the demo's zone is Europe/London).
fn today() -> NaiveDate {
    Utc::now().with_timezone(&London).date_naive()
}

/// London's offset from UTC at noon on a day, in hours.
fn offset_hours(day: NaiveDate) -> i32 {
    let noon = day.and_hms_opt(12, 0, 0).unwrap_or_default();
    London
        .from_local_datetime(&noon)
        .earliest()
        .map(|t| t.offset().fix().local_minus_utc() / 3600)
        .unwrap_or_default()
}

/// The first day after tomorrow whose clocks differ from the day before's:
/// a session the day before it and one the day after it are on either side
/// of a clock change.
fn next_clock_change() -> NaiveDate {
    let mut day = today() + Duration::days(2);
    while offset_hours(day) == offset_hours(day - Duration::days(1)) {
        day += Duration::days(1);
    }
    day
}

/// The next day the clocks go forward (01:00 to 02:00 does not exist).
fn next_spring_forward() -> NaiveDate {
    let mut day = today() + Duration::days(1);
    while offset_hours(day) <= offset_hours(day - Duration::days(1)) {
        day += Duration::days(1);
    }
    day
}

fn time(on: NaiveDate, at: &str, place: &str, link: &str) -> Value {
    json!({ "startsOn": on, "startsAt": at, "durationMinutes": 60, "place": place, "videoLink": link })
}

/// 10:00 on `day` in London, in UTC as the API writes it.
fn ten_in_london(day: NaiveDate) -> String {
    format!("{day}T{:02}:00:00+00:00", 10 - offset_hours(day))
}

fn id_of(body: &Value, field: &str) -> Uuid {
    serde_json::from_value(body["data"][field]["id"].clone()).unwrap_or_default()
}

async fn outbox_calendars(app: &TestApp) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::CalendarMethod.is_not_null())
        .all(&app.db)
        .await
        .unwrap_or_default()
}

/// Moves a booking into the past (as if time had passed), on the day
/// records made now are held.
async fn has_passed(app: &TestApp, id: Uuid) {
    let now = Utc::now();
    let passed = session_booking::ActiveModel {
        id: Set(id),
        starts_on: Set(now.date_naive()),
        starts_at: Set(now - Duration::hours(2)),
        ends_at: Set(now - Duration::hours(1)),
        ..Default::default()
    };
    passed
        .update(&app.db)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
}

#[tokio::test]
async fn a_supervisor_books_moves_and_calls_off_a_session_and_says_whether_it_happened() {
    let app = TestApp::spawn().await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    let change = next_clock_change();
    let (before, after) = (change - Duration::days(1), change + Duration::days(1));

    // Bad input is refused field by field and writes nothing.
    let (bookings, mails) = (
        app.count("session_booking").await,
        app.count("outbox_message").await,
    );
    let body = priya
        .gql(
            BOOK,
            json!({ "i": { "superviseeIds": [], "time": {
                "startsOn": today() - Duration::days(1), "startsAt": "25:00",
                "durationMinutes": 5, "place": " ", "videoLink": "" } } }),
        )
        .await;
    assert_eq!(error_code(&body), Some("VALIDATION_FAILED"), "{body}");
    assert_eq!(
        error_fields(&body),
        [
            "superviseeIds",
            "time.startsOn",
            "time.startsAt",
            "time.durationMinutes",
            "time.place"
        ]
    );
    // Someone of another organisation is nobody here.
    let sofia = app.staff_id(SOFIA).await;
    let body = priya
        .gql(
            BOOK,
            json!({ "i": { "superviseeIds": [tom_id, sofia],
                "time": time(today() + Duration::days(3), "10:00", "Room 2", "") } }),
        )
        .await;
    assert_eq!(error_fields(&body), ["superviseeIds[1]"], "{body}");
    // An hour the clocks skip does not exist.
    let body = priya
        .gql(
            BOOK,
            json!({ "i": { "superviseeIds": [tom_id],
                "time": time(next_spring_forward(), "01:30", "Room 2", "") } }),
        )
        .await;
    assert_eq!(error_fields(&body), ["time.startsAt"], "{body}");
    assert_eq!(app.count("session_booking").await, bookings);
    assert_eq!(app.count("outbox_message").await, mails);

    // Booked the day before the clocks change: both are invited.
    let body = priya
        .gql(
            BOOK,
            json!({ "i": { "superviseeIds": [tom_id],
                "time": time(before, "10:00", " Room 2, Riverside House ", "") } }),
        )
        .await;
    let booked = &body["data"]["bookSession"];
    assert_eq!(booked["status"], "BOOKED", "{body}");
    assert_eq!(booked["startTime"], "10:00");
    assert_eq!(booked["startsAt"], ten_in_london(before));
    assert_eq!(booked["durationMinutes"], 60);
    assert_eq!(booked["place"], "Room 2, Riverside House");
    assert_eq!(booked["organisedByMe"], true);
    assert_eq!(booked["supervisees"], json!([{ "name": "Tom Reed" }]));
    let first = id_of(&body, "bookSession");
    let invited = outbox_calendars(&app).await;
    assert_eq!(invited.len(), 2, "Priya and Tom");
    assert!(invited.iter().all(|m| {
        m.calendar_method.as_deref() == Some("REQUEST")
            && m.calendar
                .as_deref()
                .is_some_and(|c| c.contains("SEQUENCE:0") && c.contains("METHOD:REQUEST"))
    }));

    // Tom sees it and cannot change it; nobody else learns it exists.
    let tom = app.sign_in(TOM).await;
    let body = tom.gql(UPCOMING, json!({})).await;
    assert_eq!(
        body["data"]["upcomingSessions"],
        json!([{ "id": first, "organisedByMe": false }]),
        "{body}"
    );
    let body = tom
        .gql(
            MOVE,
            json!({ "id": first, "t": time(after, "10:00", "Room 2", "") }),
        )
        .await;
    assert_eq!(error_code(&body), Some("FORBIDDEN"), "{body}");
    for outsider in [OWEN, AISHA, HELEN] {
        let body = app
            .sign_in(outsider)
            .await
            .gql(ONE, json!({ "id": first }))
            .await;
        assert_eq!(error_code(&body), Some("NOT_FOUND"), "{outsider}: {body}");
    }

    // Moved to the day after the change: one hour less from UTC or more.
    let body = priya
        .gql(
            MOVE,
            json!({ "id": first, "t": time(after, "10:00", "", "https://meet.example.org/priya") }),
        )
        .await;
    assert_eq!(
        body["data"]["moveSession"]["startsAt"],
        ten_in_london(after),
        "{body}"
    );
    assert_eq!(body["data"]["moveSession"]["startTime"], "10:00");
    let invited = outbox_calendars(&app).await;
    assert_eq!(invited.len(), 4);
    assert_eq!(
        invited
            .iter()
            .filter(|m| m
                .calendar
                .as_deref()
                .is_some_and(|c| c.contains("SEQUENCE:1")))
            .count(),
        2
    );
    let body = priya.gql(SUPERVISEES, json!({})).await;
    let toms = body["data"]["mySupervisees"]
        .as_array()
        .and_then(|all| all.iter().find(|s| s["staff"]["id"] == json!(tom_id)))
        .cloned()
        .unwrap_or_default();
    assert_eq!(toms["nextBooked"], ten_in_london(after), "{body}");

    // Tom cannot make it: called off and rearranged a week later.
    let later = after + Duration::days(7);
    let body = priya
        .gql(
            CALL_OFF,
            json!({ "id": first, "by": "SUPERVISEE", "t": time(later, "14:30", "Room 2", "") }),
        )
        .await;
    let second = id_of(&body, "callOffSession");
    assert_eq!(body["data"]["callOffSession"]["status"], "BOOKED", "{body}");
    assert_ne!(second, first);
    let body = priya.gql(ONE, json!({ "id": first })).await;
    assert_eq!(
        body["data"]["sessionBooking"],
        json!({ "id": first, "status": "CANCELLED", "calledOffBy": "SUPERVISEE",
                "rearrangedAs": second, "supervisionId": null, "organisedByMe": true }),
        "{body}"
    );
    let invited = outbox_calendars(&app).await;
    assert_eq!(invited.len(), 8, "a cancellation and a new invitation each");
    assert_eq!(
        invited
            .iter()
            .filter(|m| m.calendar_method.as_deref() == Some("CANCEL"))
            .count(),
        2
    );
    let body = priya
        .gql(CALL_OFF, json!({ "id": first, "by": "SUPERVISOR" }))
        .await;
    assert_eq!(error_code(&body), Some("CONFLICT"), "once only: {body}");

    // The rearranged session passes: Priya is asked whether it happened,
    // Tom is not; recording it that day answers.
    has_passed(&app, second).await;
    let body = priya.gql(AWAITING, json!({})).await;
    assert_eq!(
        body["data"]["sessionsAwaitingOutcome"],
        json!([{ "id": second }]),
        "{body}"
    );
    let body = tom.gql(AWAITING, json!({})).await;
    assert_eq!(body["data"]["sessionsAwaitingOutcome"], json!([]), "{body}");
    let record = record_group(&priya, &[tom_id]).await;
    let body = priya.gql(ONE, json!({ "id": second })).await;
    assert_eq!(body["data"]["sessionBooking"]["status"], "HELD", "{body}");
    assert_eq!(
        body["data"]["sessionBooking"]["supervisionId"],
        json!(record)
    );
    let body = priya.gql(AWAITING, json!({})).await;
    assert_eq!(body["data"]["sessionsAwaitingOutcome"], json!([]), "{body}");

    // Another passes without happening: said so, and nobody is emailed.
    let body = priya
        .gql(
            BOOK,
            json!({ "i": { "superviseeIds": [tom_id], "time": time(after, "09:00", "Room 2", "") } }),
        )
        .await;
    let third = id_of(&body, "bookSession");
    has_passed(&app, third).await;
    let mails = app.count("outbox_message").await;
    let body = priya
        .gql(CALL_OFF, json!({ "id": third, "by": "OTHER" }))
        .await;
    assert_eq!(
        body["data"]["callOffSession"]["status"], "NOT_HELD",
        "{body}"
    );
    assert_eq!(app.count("outbox_message").await, mails);

    // Counted for Tom's service: three booked, one held, two called off,
    // one of them rearranged. Not for someone without a report scope.
    let helen = app.sign_in(HELEN).await;
    let units = helen.gql("{ myReportUnits { unitId } }", json!({})).await;
    let division = units["data"]["myReportUnits"][0]["unitId"].clone();
    let body = helen
        .gql(FIGURES, json!({ "u": division, "a": after }))
        .await;
    assert_eq!(
        body["data"]["sessionCancellations"][0],
        json!({ "booked": 3, "held": 1, "calledOff": 2, "rearranged": 1, "calledOffPercent": 66.7 }),
        "{body}"
    );
    let body = tom.gql(FIGURES, json!({ "u": division, "a": after })).await;
    assert!(error_code(&body).is_some(), "{body}");
    assert!(after.year() >= today().year());
    app.stop().await;
}

#[tokio::test]
async fn invitations_are_real_icalendar_with_one_uid_and_no_supervision_content() {
    let smtp = MailServer::start(free_port()).await;
    let settings = [
        ("SUPERVISION_SMTP_URL", smtp.url()),
        ("SUPERVISION_OUTBOX_POLL_SECONDS", "1".to_owned()),
        ("SUPERVISION_REMINDERS", "false".to_owned()),
        (
            "SUPERVISION_PUBLIC_URL",
            "https://supervision.northfield.example".to_owned(),
        ),
    ];
    let settings: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = TestApp::spawn_with(&settings).await;
    let priya = app.sign_in(PRIYA).await;
    let tom_id = app.staff_id(TOM).await;
    // A record first, so there is content that must not travel.
    record_group(&priya, &[tom_id]).await;
    let change = next_clock_change();
    let (before, after) = (change - Duration::days(1), change + Duration::days(1));
    let body = priya
        .gql(
            BOOK,
            json!({ "i": { "superviseeIds": [tom_id], "time": time(before, "10:00", "Room 2, Riverside House", "") } }),
        )
        .await;
    let id = id_of(&body, "bookSession");
    let body = priya
        .gql(
            MOVE,
            json!({ "id": id, "t": time(after, "10:00", "", "https://meet.example.org/priya") }),
        )
        .await;
    assert!(body["errors"].is_null(), "{body}");
    let body = priya
        .gql(CALL_OFF, json!({ "id": id, "by": "SUPERVISOR" }))
        .await;
    assert!(body["errors"].is_null(), "{body}");

    let received = smtp.received_once_outbox_is_empty(&app.db, 30).await;
    assert_eq!(received.len(), 7, "one validation request, six invitations");
    let emails = smtp.invitations();
    let with_invitations: Vec<&Value> = emails
        .as_array()
        .map(|all| {
            all.iter()
                .filter(|e| e["invitations"].as_array().is_some_and(|i| !i.is_empty()))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(with_invitations.len(), 6, "{emails}");
    let mut events = Vec::new();
    for email in &with_invitations {
        assert_eq!(
            email["types"],
            json!([
                "multipart/mixed",
                "multipart/alternative",
                "text/plain",
                "text/calendar",
                "application/ics"
            ]),
            "{email}"
        );
        let text = email["text"].as_str().unwrap_or_default();
        let invitations = email["invitations"].as_array().cloned().unwrap_or_default();
        // The alternative part and the attachment are the same event.
        assert_eq!(invitations.len(), 2, "{email}");
        let (part, attached) = (&invitations[0], &invitations[1]);
        assert_eq!(part["part"], "text/calendar");
        assert_eq!(part["partMethod"], part["method"], "{email}");
        for field in ["uid", "sequence", "startUtc", "method", "status"] {
            assert_eq!(part[field], attached[field], "{field}");
        }
        assert_eq!(part["errors"], json!([]), "{email}");
        for words in [
            "lone working",
            "evening visits",
            "Read the lone working procedure",
        ] {
            assert!(!text.contains(words), "no content in the text: {email}");
            for field in ["summary", "description", "location"] {
                assert!(
                    !part[field].as_str().unwrap_or_default().contains(words),
                    "no content in the invitation: {part}"
                );
            }
        }
        assert_eq!(
            part["organizer"],
            json!({ "address": "mailto:priya.shah@northfield.example", "name": "Priya Shah", "role": null })
        );
        assert_eq!(
            part["attendees"],
            json!([
                { "address": "mailto:priya.shah@northfield.example", "name": "Priya Shah", "role": "CHAIR" },
                { "address": "mailto:tom.reed@northfield.example", "name": "Tom Reed", "role": "REQ-PARTICIPANT" }
            ])
        );
        events.push((
            email["to"].as_str().unwrap_or_default().to_owned(),
            part.clone(),
        ));
    }
    events.sort_by_key(|(to, e)| (e["sequence"].as_i64(), to.clone()));
    let uid = events[0].1["uid"].clone();
    assert!(
        uid.as_str()
            .is_some_and(|u| u == format!("{id}@supervision.northfield.example")),
        "{uid}"
    );
    let expected = [
        (0, "REQUEST", "CONFIRMED", before),
        (1, "REQUEST", "CONFIRMED", after),
        (2, "CANCEL", "CANCELLED", after),
    ];
    for (n, (sequence, method, status, day)) in expected.into_iter().enumerate() {
        for (to, event) in &events[n * 2..n * 2 + 2] {
            assert_eq!(event["uid"], uid, "one UID throughout");
            assert_eq!(event["sequence"], sequence, "{to}: {event}");
            assert_eq!(event["method"], method, "{to}: {event}");
            assert_eq!(event["status"], status, "{to}: {event}");
            assert_eq!(event["startLondon"], format!("{day} 10:00"), "{event}");
            assert_eq!(event["endLondon"], format!("{day} 11:00"), "{event}");
            assert_eq!(
                event["startUtc"],
                format!("{day}T{:02}:00:00Z", 10 - offset_hours(day)),
                "either side of the clock change: {event}"
            );
        }
        let mut to: Vec<&str> = events[n * 2..n * 2 + 2]
            .iter()
            .map(|(to, _)| to.as_str())
            .collect();
        to.sort_unstable();
        assert_eq!(to, [PRIYA, TOM]);
    }
    assert_eq!(
        events[0].1["location"], "Room 2, Riverside House",
        "{:?}",
        events[0]
    );
    assert_eq!(events[2].1["location"], "https://meet.example.org/priya");
    let texts: Vec<&str> = with_invitations
        .iter()
        .filter_map(|e| e["text"].as_str())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("When: ") && t.contains("10:00 to 11:00")),
        "{texts:?}"
    );
    app.stop().await;
    smtp.stop().await;
}
