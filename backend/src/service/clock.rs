//! The organisation's day. "Today", "held in the future", due dates, the end
//! of the month, late sharing and reminders are judged in the
//! organisation's own time zone, never the server's UTC: between midnight
//! and 1 am in British Summer Time the UTC date is still yesterday, and a
//! session held "today" would be refused as in the future.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};
use uuid::Uuid;

use crate::entity::organisation;
use crate::error::AppResult;

/// The zone of an organisation that names none, and of the demo: the UK's.
pub const DEFAULT_ZONE: Tz = chrono_tz::Europe::London;

/// The date in `zone` at the instant `now`.
pub fn today_in(zone: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&zone).date_naive()
}

/// The instant the day `now` falls on in `zone` ends: the zone's next
/// midnight, or, where a clock change skips midnight (Chile's, Cuba's
/// spring), the first moment the next day's clocks show. The browser keeps
/// the server's "today" until then, so it need not load its own time zone
/// database to say which day it is (the first use of one costs a phone
/// tenths of a second while the first page is drawn).
pub fn day_ends_at(zone: Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    let next = today_in(zone, now).succ_opt().unwrap_or(NaiveDate::MAX);
    let midnight = next.and_time(NaiveTime::MIN);
    // A gap is never longer than a few hours; in steps of a quarter of an
    // hour the first time that exists is found within a day.
    (0..96)
        .map(|quarter| midnight + TimeDelta::minutes(15 * quarter))
        .find_map(|local| zone.from_local_datetime(&local).earliest())
        .map_or_else(|| midnight.and_utc(), |start| start.with_timezone(&Utc))
}

/// Today for the demo and synthetic organisations, which are in the UK:
/// the day their generated history runs up to.
pub fn demo_today() -> NaiveDate {
    today_in(DEFAULT_ZONE, Utc::now())
}

/// A stored zone name. One the time zone database does not know is logged
/// and read as the UK's, so a typing mistake in a setting moves nobody's
/// day by more than the UK's offset from it.
pub fn parse_zone(name: &str) -> Tz {
    name.parse().unwrap_or_else(|_| {
        tracing::warn!(zone = name, "unknown time zone; using Europe/London");
        DEFAULT_ZONE
    })
}

/// An organisation's zone.
pub async fn zone_of(db: &impl ConnectionTrait, organisation_id: Uuid) -> AppResult<Tz> {
    let name: Option<String> = organisation::Entity::find_by_id(organisation_id)
        .select_only()
        .column(organisation::Column::TimeZone)
        .into_tuple()
        .one(db)
        .await?;
    Ok(name.as_deref().map_or(DEFAULT_ZONE, parse_zone))
}

/// Every organisation's id and zone, for the daily jobs that run across
/// all of them.
pub async fn zones(db: &impl ConnectionTrait) -> AppResult<Vec<(Uuid, Tz)>> {
    let rows: Vec<(Uuid, String)> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .column(organisation::Column::TimeZone)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| (id, parse_zone(&name)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(utc: &str) -> DateTime<Utc> {
        utc.parse().unwrap_or_else(|e| panic!("{utc}: {e}"))
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn at_half_past_midnight_in_british_summer_time_it_is_already_the_next_day() {
        // 00:30 BST on 1 July is 23:30 UTC on 30 June.
        let now = at("2026-06-30T23:30:00Z");
        assert_eq!(today_in(DEFAULT_ZONE, now), date(2026, 7, 1));
        assert_eq!(
            now.date_naive(),
            date(2026, 6, 30),
            "UTC is still the day before"
        );
    }

    #[test]
    fn in_winter_the_uk_day_is_the_utc_day() {
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-12-05T00:30:00Z")),
            date(2026, 12, 5)
        );
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-12-04T23:59:59Z")),
            date(2026, 12, 4)
        );
    }

    #[test]
    fn the_day_turns_at_uk_midnight_either_side_of_the_spring_clock_change() {
        // Clocks go forward at 01:00 UTC on Sunday 29 March 2026.
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-03-28T23:59:59Z")),
            date(2026, 3, 28)
        );
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-03-29T00:00:00Z")),
            date(2026, 3, 29)
        );
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-03-29T01:30:00Z")),
            date(2026, 3, 29)
        );
        // The first BST midnight: 23:00 UTC on the 29th is 00:00 on the 30th.
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-03-29T22:59:59Z")),
            date(2026, 3, 29)
        );
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-03-29T23:00:00Z")),
            date(2026, 3, 30)
        );
    }

    #[test]
    fn the_day_turns_at_uk_midnight_either_side_of_the_autumn_clock_change() {
        // Clocks go back at 01:00 UTC on Sunday 25 October 2026: the last
        // BST midnight is 23:00 UTC on the 24th, the next at 00:00 UTC.
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-10-24T22:59:59Z")),
            date(2026, 10, 24)
        );
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-10-24T23:00:00Z")),
            date(2026, 10, 25)
        );
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-10-25T00:30:00Z")),
            date(2026, 10, 25)
        );
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-10-25T01:30:00Z")),
            date(2026, 10, 25)
        );
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-10-25T23:59:59Z")),
            date(2026, 10, 25)
        );
        assert_eq!(
            today_in(DEFAULT_ZONE, at("2026-10-26T00:00:00Z")),
            date(2026, 10, 26)
        );
    }

    #[test]
    fn the_day_ends_at_the_zones_next_midnight_whatever_the_season() {
        // Winter: UK midnight is UTC midnight.
        assert_eq!(
            day_ends_at(DEFAULT_ZONE, at("2026-12-05T00:30:00Z")),
            at("2026-12-06T00:00:00Z")
        );
        // Summer: 00:30 BST on 1 July is already 1 July, which ends at
        // 23:00 UTC on 1 July.
        assert_eq!(
            day_ends_at(DEFAULT_ZONE, at("2026-06-30T23:30:00Z")),
            at("2026-07-01T23:00:00Z")
        );
        // The spring change: 28 March ends at GMT midnight, and 29 March,
        // an hour short, at BST midnight.
        assert_eq!(
            day_ends_at(DEFAULT_ZONE, at("2026-03-28T12:00:00Z")),
            at("2026-03-29T00:00:00Z")
        );
        assert_eq!(
            day_ends_at(DEFAULT_ZONE, at("2026-03-29T00:00:00Z")),
            at("2026-03-29T23:00:00Z")
        );
        // The autumn change: 25 October, an hour long, ends at GMT midnight.
        assert_eq!(
            day_ends_at(DEFAULT_ZONE, at("2026-10-24T23:00:00Z")),
            at("2026-10-26T00:00:00Z")
        );
        // Just before the end, the end is still the same instant.
        assert_eq!(
            day_ends_at(DEFAULT_ZONE, at("2026-12-05T23:59:59Z")),
            at("2026-12-06T00:00:00Z")
        );
    }

    #[test]
    fn where_the_clocks_skip_midnight_the_day_ends_when_the_next_one_begins() {
        // Chile's clocks went from 23:59:59 on 6 September 2025 to 01:00 on
        // the 7th: the 6th (UTC-4) ended at 04:00 UTC, when the 7th began
        // at 01:00 (UTC-3).
        let santiago = chrono_tz::America::Santiago;
        assert_eq!(
            day_ends_at(santiago, at("2025-09-06T12:00:00Z")),
            at("2025-09-07T04:00:00Z")
        );
        assert_eq!(
            today_in(santiago, at("2025-09-07T04:00:00Z")),
            date(2025, 9, 7)
        );
        assert_eq!(
            today_in(santiago, at("2025-09-07T03:59:59Z")),
            date(2025, 9, 6)
        );
    }

    #[test]
    fn an_unknown_zone_name_is_read_as_the_uks() {
        assert_eq!(parse_zone("Europe/Londno"), DEFAULT_ZONE);
        assert_eq!(parse_zone("Europe/Dublin"), chrono_tz::Europe::Dublin);
    }
}
