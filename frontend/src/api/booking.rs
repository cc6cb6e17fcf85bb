//! Booked sessions (F9.3): the ones coming, the ones that passed with no
//! word on whether they happened, one of them, and booking, moving and
//! calling one off.

use chrono::NaiveDate;
use serde::Deserialize;
use supervision_shared::booking::{BookingDraft, BookingStatus, CalledOffBy, SessionTime};
use uuid::Uuid;

use super::staff::StaffSummary;
use super::{ApiError, graphql};

/// A booked session, as its organiser and supervisees see it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionBooking {
    /// Its id.
    pub id: Uuid,
    /// The supervisor who booked it.
    pub organiser: StaffSummary,
    /// Its supervisees.
    pub supervisees: Vec<StaffSummary>,
    /// "Monday 29 March 2027, 10:00 to 11:00".
    pub when: String,
    /// The day.
    pub starts_on: NaiveDate,
    /// "10:00".
    pub start_time: String,
    /// How long.
    pub duration_minutes: u32,
    /// Where.
    pub place: Option<String>,
    /// The video link.
    pub video_link: Option<String>,
    /// Whether it has ended.
    pub has_passed: bool,
    /// Where it stands.
    pub status: BookingStatus,
    /// Who called it off.
    pub called_off_by: Option<CalledOffBy>,
    /// The session booked in its place.
    pub rearranged_as: Option<Uuid>,
    /// The record written for it.
    pub supervision_id: Option<Uuid>,
    /// Whether the caller booked it (and so may change it).
    pub organised_by_me: bool,
}

impl SessionBooking {
    /// "Tom Reed" or "Tom Reed and Aisha Khan": who the session is with, as
    /// the caller sees it (the organiser when the caller is a supervisee).
    pub fn with_whom(&self, me: Option<Uuid>) -> String {
        let mut names: Vec<&str> = self
            .supervisees
            .iter()
            .filter(|p| Some(p.id) != me)
            .map(|p| p.name.as_str())
            .collect();
        if !self.organised_by_me {
            names.insert(0, self.organiser.name.as_str());
        }
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => (*last).to_owned(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }
}

const BOOKING_FIELDS: &str = "id organiser { id name jobTitle teamName } \
    supervisees { id name jobTitle teamName } when startsOn startTime durationMinutes \
    place videoLink hasPassed status calledOffBy rearrangedAs supervisionId organisedByMe";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Lists {
    #[serde(default)]
    upcoming_sessions: Vec<SessionBooking>,
    #[serde(default)]
    sessions_awaiting_outcome: Vec<SessionBooking>,
}

/// Sessions to come that the caller booked or is on, and (for a
/// supervisor) those that passed with no record: in one request.
pub async fn my_sessions() -> Result<(Vec<SessionBooking>, Vec<SessionBooking>), ApiError> {
    let query = format!(
        "query MySessions {{ upcomingSessions {{ {BOOKING_FIELDS} }} \
         sessionsAwaitingOutcome {{ {BOOKING_FIELDS} }} }}"
    );
    let data: Lists = graphql(&query, serde_json::json!({})).await?;
    Ok((data.upcoming_sessions, data.sessions_awaiting_outcome))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct One {
    session_booking: SessionBooking,
}

/// One session (NOT_FOUND for anyone not on it).
pub async fn session_booking(id: Uuid) -> Result<SessionBooking, ApiError> {
    let query = format!(
        "query SessionBooking($id: UUID!) {{ sessionBooking(id: $id) {{ {BOOKING_FIELDS} }} }}"
    );
    let data: One = graphql(&query, serde_json::json!({ "id": id })).await?;
    Ok(data.session_booking)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Changed {
    #[serde(alias = "moveSession", alias = "callOffSession")]
    book_session: Id,
}

#[derive(Deserialize)]
struct Id {
    id: Uuid,
}

/// Books one; its id.
pub async fn book_session(draft: &BookingDraft) -> Result<Uuid, ApiError> {
    let data: Changed = graphql(
        "mutation BookSession($i: BookSessionInput!) { bookSession(input: $i) { id } }",
        serde_json::json!({ "i": draft }),
    )
    .await?;
    Ok(data.book_session.id)
}

/// Moves one to another time or place.
pub async fn move_session(id: Uuid, time: &SessionTime) -> Result<Uuid, ApiError> {
    let data: Changed = graphql(
        "mutation MoveSession($id: UUID!, $t: SessionTimeInput!) { moveSession(id: $id, time: $t) { id } }",
        serde_json::json!({ "id": id, "t": time }),
    )
    .await?;
    Ok(data.book_session.id)
}

/// Calls one off, saying who did, perhaps rearranged; the id of the
/// rearranged session, or of this one.
pub async fn call_off_session(
    id: Uuid,
    by: CalledOffBy,
    rearrange_to: Option<&SessionTime>,
) -> Result<Uuid, ApiError> {
    let data: Changed = graphql(
        "mutation CallOffSession($id: UUID!, $by: CalledOffBy!, $t: SessionTimeInput) { \
         callOffSession(id: $id, calledOffBy: $by, rearrangeTo: $t) { id } }",
        serde_json::json!({ "id": id, "by": by, "t": rearrange_to }),
    )
    .await?;
    Ok(data.book_session.id)
}

/// How booked sessions ended for a unit's whole subtree in the year to the
/// day judged.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CancellationFigures {
    /// The unit.
    pub unit_id: Uuid,
    /// Sessions booked (a group once per supervisee).
    pub booked: u32,
    /// Called off, beforehand or after they passed.
    pub called_off: u32,
    /// Of those, rearranged.
    pub rearranged: u32,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FiguresData {
    session_cancellations: Vec<CancellationFigures>,
}

/// A unit's and each child's sessions booked and called off.
pub async fn session_cancellations(
    unit_id: Uuid,
    as_at: NaiveDate,
) -> Result<Vec<CancellationFigures>, ApiError> {
    const QUERY: &str = "query SessionCancellations($unitId: UUID!, $asAt: NaiveDate) { \
        sessionCancellations(unitId: $unitId, asAt: $asAt) { unitId booked calledOff rearranged } }";
    let data: FiguresData = graphql(
        QUERY,
        serde_json::json!({ "unitId": unit_id, "asAt": as_at }),
    )
    .await?;
    Ok(data.session_cancellations)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_booking_reads_and_says_whom_it_is_with() {
        let Ok(data) = serde_json::from_str::<One>(
            r#"{"sessionBooking":{"id":"00000000-0000-0000-0000-000000000009",
              "organiser":{"id":"00000000-0000-0000-0000-000000000001","name":"Priya Shah"},
              "supervisees":[{"id":"00000000-0000-0000-0000-000000000002","name":"Tom Reed"},
                             {"id":"00000000-0000-0000-0000-000000000003","name":"Aisha Khan"}],
              "when":"Monday 29 March 2027, 10:00 to 11:00","startsOn":"2027-03-29",
              "startTime":"10:00","durationMinutes":60,"place":"Room 2","videoLink":null,"hasPassed":false,
              "status":"BOOKED","calledOffBy":null,"rearrangedAs":null,"supervisionId":null,
              "organisedByMe":false}}"#,
        ) else {
            panic!("the example response should parse");
        };
        let booking = data.session_booking;
        assert_eq!(booking.status, BookingStatus::Booked);
        assert_eq!(
            booking.with_whom(Some(Uuid::from_u128(2))),
            "Priya Shah and Aisha Khan"
        );
        let mine = SessionBooking {
            organised_by_me: true,
            ..booking
        };
        assert_eq!(
            mine.with_whom(Some(Uuid::from_u128(1))),
            "Tom Reed and Aisha Khan"
        );
        let Ok(changed) = serde_json::from_str::<Changed>(
            r#"{"callOffSession":{"id":"00000000-0000-0000-0000-000000000009"}}"#,
        ) else {
            panic!("a change should parse");
        };
        assert_eq!(changed.book_session.id, Uuid::from_u128(9));
    }
}
