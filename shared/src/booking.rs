//! Booking the next session (F9.3): a supervisor books it at the end of
//! recording or from My supervisees; everyone on it gets a calendar
//! invitation, and a booked session that passes without a record asks the
//! supervisor whether it happened. The policies ask that supervision is
//! rarely cancelled and, when it is, rearranged (York: "cancelled sessions
//! should be rearranged as a matter of priority"), so who called one off is
//! kept and counted per unit.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::coded_enum;
use crate::limits::{DURATION_MAX_MINUTES, SHORT_TEXT_MAX_CHARS};
use crate::record::FieldError;

/// The shortest session that can be booked, in minutes.
pub const DURATION_MIN_MINUTES: u32 = 15;
/// How far ahead a session can be booked, in days.
pub const BOOK_AHEAD_MAX_DAYS: u64 = 366;
/// The longest video link.
pub const VIDEO_LINK_MAX_CHARS: usize = 500;

/// Where a booked session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "BookingStatus::parse",
        to_str = "(|v: &BookingStatus| v.as_str())"
    )
)]
pub enum BookingStatus {
    /// In the diary; until a record is written or the supervisor says it
    /// did not happen.
    Booked,
    /// A record was written for it.
    Held,
    /// Called off beforehand; everyone was sent a cancellation.
    Cancelled,
    /// It passed, and the supervisor said it did not happen.
    NotHeld,
}

coded_enum!(BookingStatus, "booking status", {
    Booked => ("booked", "Booked"),
    Held => ("held", "Held"),
    Cancelled => ("cancelled", "Cancelled"),
    NotHeld => ("not_held", "Did not happen"),
});

/// Who called a session off (the policies' "cancelled by whom").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "CalledOffBy::parse",
        to_str = "(|v: &CalledOffBy| v.as_str())"
    )
)]
pub enum CalledOffBy {
    /// The supervisor.
    Supervisor,
    /// The supervisee (or one of them).
    Supervisee,
    /// Neither: illness, an emergency, the service's demands.
    Other,
}

coded_enum!(CalledOffBy, "called off by", {
    Supervisor => ("supervisor", "The supervisor"),
    Supervisee => ("supervisee", "The supervisee"),
    Other => ("other", "Something else: illness, an emergency, the service"),
});

/// When and where a session is to be held, as a supervisor writes it: a
/// day and a time on the organisation's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "SessionTimeInput"))]
pub struct SessionTime {
    /// The day.
    pub starts_on: NaiveDate,
    /// The time it starts, "14:30".
    pub starts_at: String,
    /// How long it is booked for.
    pub duration_minutes: u32,
    /// Where, e.g. "Room 2, Riverside House"; may be left empty with a
    /// video link.
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub place: String,
    /// A video call's link (https); may be left empty with a place.
    #[cfg_attr(feature = "server", graphql(default))]
    #[serde(default)]
    pub video_link: String,
}

/// A session to book, and with whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(async_graphql::InputObject))]
#[cfg_attr(feature = "server", graphql(name = "BookSessionInput"))]
pub struct BookingDraft {
    /// The supervisees.
    pub supervisee_ids: Vec<Uuid>,
    /// When and where.
    pub time: SessionTime,
}

/// A checked [`SessionTime`]: the time read, the words trimmed, an empty
/// place or link left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedTime {
    /// The day.
    pub starts_on: NaiveDate,
    /// The time on the organisation's clock.
    pub starts_at: NaiveTime,
    /// How long.
    pub duration_minutes: u32,
    /// Where.
    pub place: Option<String>,
    /// The video link.
    pub video_link: Option<String>,
}

/// Checks when and where, every problem at once. `today` is the
/// organisation's; whether the time has passed today, or falls in the hour
/// the clocks skip, is for the server, which knows the zone.
pub fn check_time(time: &SessionTime, today: NaiveDate) -> Result<CheckedTime, Vec<FieldError>> {
    let mut errors = Vec::new();
    if time.starts_on < today {
        errors.push(FieldError::new("startsOn", "Choose today or a later day."));
    } else if time
        .starts_on
        .signed_duration_since(today)
        .num_days()
        .unsigned_abs()
        > BOOK_AHEAD_MAX_DAYS
    {
        errors.push(FieldError::new(
            "startsOn",
            "Choose a day within the next year.",
        ));
    }
    let starts_at = read_time(&time.starts_at);
    if starts_at.is_none() {
        errors.push(FieldError::new(
            "startsAt",
            "Give the time it starts as hours and minutes, for example 14:30.",
        ));
    }
    if !(DURATION_MIN_MINUTES..=DURATION_MAX_MINUTES).contains(&time.duration_minutes) {
        errors.push(FieldError::new(
            "durationMinutes",
            format!(
                "Book between {DURATION_MIN_MINUTES} minutes and {} hours.",
                DURATION_MAX_MINUTES / 60
            ),
        ));
    }
    let place = time.place.trim();
    let video_link = time.video_link.trim();
    if place.is_empty() && video_link.is_empty() {
        errors.push(FieldError::new(
            "place",
            "Say where it will be held, or give a video link.",
        ));
    }
    if place.chars().count() > SHORT_TEXT_MAX_CHARS {
        errors.push(FieldError::too_long("place", SHORT_TEXT_MAX_CHARS));
    }
    if video_link.chars().count() > VIDEO_LINK_MAX_CHARS {
        errors.push(FieldError::too_long("videoLink", VIDEO_LINK_MAX_CHARS));
    } else if !video_link.is_empty() && !is_video_link(video_link) {
        errors.push(FieldError::new(
            "videoLink",
            "Give the whole link, starting https://, as the video service gave it.",
        ));
    }
    match starts_at {
        Some(starts_at) if errors.is_empty() => Ok(CheckedTime {
            starts_on: time.starts_on,
            starts_at,
            duration_minutes: time.duration_minutes,
            place: (!place.is_empty()).then(|| place.to_owned()),
            video_link: (!video_link.is_empty()).then(|| video_link.to_owned()),
        }),
        _ => Err(errors),
    }
}

/// Checks a booking: with whom, and when and where (its fields' names
/// prefixed `time.`).
pub fn check_booking(
    draft: &BookingDraft,
    organiser: Uuid,
    today: NaiveDate,
) -> Result<CheckedTime, Vec<FieldError>> {
    let mut errors = Vec::new();
    let ids = &draft.supervisee_ids;
    if ids.is_empty() {
        errors.push(FieldError::new(
            "superviseeIds",
            "Choose who the session is with.",
        ));
    }
    if ids.contains(&organiser) {
        errors.push(FieldError::new(
            "superviseeIds",
            "You cannot be your own supervisee: choose the people you will supervise.",
        ));
    }
    errors.extend(crate::record::listed_twice_or_too_many(ids, "session"));
    match check_time(&draft.time, today) {
        Ok(time) if errors.is_empty() => Ok(time),
        Ok(_) => Err(errors),
        Err(time_errors) => {
            errors.extend(time_errors.into_iter().map(|e| FieldError {
                field: format!("time.{}", e.field),
                ..e
            }));
            Err(errors)
        }
    }
}

/// "14:30" or "14:30:00"; a time of day or nothing.
fn read_time(text: &str) -> Option<NaiveTime> {
    let text = text.trim();
    NaiveTime::parse_from_str(text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
        .ok()
}

/// An https link with a host and no spaces: a calendar shows it as a link
/// to press, so nothing else is let in.
fn is_video_link(link: &str) -> bool {
    link.strip_prefix("https://").is_some_and(|rest| {
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        host.contains('.')
            && !rest.chars().any(|c| c.is_whitespace() || c.is_control())
            && !rest.contains(['"', '<', '>', '\\'])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap_or_default()
    }

    fn time(on: &str, at: &str, minutes: u32, place: &str, link: &str) -> SessionTime {
        SessionTime {
            starts_on: day(on),
            starts_at: at.to_owned(),
            duration_minutes: minutes,
            place: place.to_owned(),
            video_link: link.to_owned(),
        }
    }

    fn fields(result: Result<CheckedTime, Vec<FieldError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_session_time_is_read_and_trimmed() {
        let today = day("2027-03-01");
        let checked = check_time(&time("2027-03-29", "10:00", 60, "  Room 2 ", ""), today);
        assert_eq!(
            checked,
            Ok(CheckedTime {
                starts_on: day("2027-03-29"),
                starts_at: NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
                duration_minutes: 60,
                place: Some("Room 2".to_owned()),
                video_link: None,
            })
        );
        let by_video = check_time(
            &time(
                "2027-03-01",
                "09:15:00",
                45,
                "",
                "https://meet.example.org/abc?x=1",
            ),
            today,
        );
        assert_eq!(
            by_video.map(|t| t.video_link),
            Ok(Some("https://meet.example.org/abc?x=1".to_owned()))
        );
    }

    #[test]
    fn every_problem_with_a_time_is_named_at_once() {
        let today = day("2027-03-01");
        assert_eq!(
            fields(check_time(&time("2027-02-28", "25:00", 5, " ", ""), today)),
            ["startsOn", "startsAt", "durationMinutes", "place"]
        );
        assert_eq!(
            fields(check_time(
                &time("2028-03-02", "9", 481, "Room", "http://x.org"),
                today
            )),
            ["startsOn", "startsAt", "durationMinutes", "videoLink"]
        );
        for bad in [
            "https://",
            "https://nohost",
            "https://a.org/x y",
            "javascript:alert(1)",
        ] {
            assert_eq!(
                fields(check_time(&time("2027-03-01", "09:00", 60, "", bad), today)),
                ["videoLink"],
                "{bad}"
            );
        }
        assert_eq!(
            fields(check_time(
                &time("2027-03-01", "09:00", 60, &"x".repeat(201), ""),
                today
            )),
            ["place"]
        );
    }

    #[test]
    fn a_booking_is_with_others_each_once() {
        let me = Uuid::from_u128(1);
        let tom = Uuid::from_u128(2);
        let today = day("2027-03-01");
        let draft = |ids: Vec<Uuid>, at: &str| BookingDraft {
            supervisee_ids: ids,
            time: time("2027-03-02", at, 60, "Room 2", ""),
        };
        assert!(check_booking(&draft(vec![tom], "10:00"), me, today).is_ok());
        assert_eq!(
            fields(check_booking(&draft(vec![], "x"), me, today)),
            ["superviseeIds", "time.startsAt"]
        );
        assert_eq!(
            fields(check_booking(
                &draft(vec![me, tom, tom], "10:00"),
                me,
                today
            )),
            ["superviseeIds", "superviseeIds"]
        );
    }

    #[test]
    fn stored_codes_read_back() {
        for status in BookingStatus::ALL {
            assert_eq!(BookingStatus::parse(status.as_str()), Ok(*status));
        }
        for by in CalledOffBy::ALL {
            assert_eq!(CalledOffBy::parse(by.as_str()), Ok(*by));
        }
    }
}
