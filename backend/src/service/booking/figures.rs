//! How often booked sessions are called off, per unit (F9.3): the policies
//! ask that supervision is rarely cancelled and, when it is, rearranged. A
//! group session counts once for each of its supervisees, in their unit
//! today, as the other per-unit figures count records.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sea_orm::ConnectionTrait;
use uuid::Uuid;

use crate::db::Binds;
use crate::error::AppResult;

/// Sessions booked for a unit's people in the year to a day, and how they
/// ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cancellations {
    /// Sessions booked for a day in the year.
    pub booked: u32,
    /// Of those, recorded.
    pub held: u32,
    /// Called off, beforehand or after it passed.
    pub called_off: u32,
    /// Of those called off, rearranged.
    pub rearranged: u32,
}

impl std::ops::Add for Cancellations {
    type Output = Self;

    fn add(self, other: Self) -> Self {
        Self {
            booked: self.booked.saturating_add(other.booked),
            held: self.held.saturating_add(other.held),
            called_off: self.called_off.saturating_add(other.called_off),
            rearranged: self.rearranged.saturating_add(other.rearranged),
        }
    }
}

/// Per unit (of the supervisees today), the sessions booked for a day in
/// the year to `as_at`.
pub async fn by_unit(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    as_at: NaiveDate,
) -> AppResult<HashMap<Uuid, Cancellations>> {
    let since = as_at
        .checked_sub_days(Days::new(365))
        .unwrap_or(NaiveDate::MIN);
    let mut binds = Binds::new(db.get_database_backend());
    let (p1, p2, p3) = (
        binds.bind(organisation_id),
        binds.bind(as_at),
        binds.bind(since),
    );
    let sql = format!(
        "SELECT p.org_unit_id AS unit, COUNT(*) AS booked, \
           SUM(CASE WHEN b.status = 'held' THEN 1 ELSE 0 END) AS held, \
           SUM(CASE WHEN b.status IN ('cancelled', 'not_held') THEN 1 ELSE 0 END) AS called_off, \
           SUM(CASE WHEN b.rearranged_as IS NOT NULL THEN 1 ELSE 0 END) AS rearranged \
         FROM session_booking b \
         JOIN session_booking_attendee a ON a.booking_id = b.id AND a.organisation_id = b.organisation_id \
         JOIN staff p ON p.id = a.staff_id AND p.organisation_id = a.organisation_id \
         WHERE b.organisation_id = {p1} AND b.starts_on <= {p2} AND b.starts_on > {p3} \
         GROUP BY p.org_unit_id"
    );
    let rows = db.query_all_raw(binds.statement(sql)).await?;
    let count = |row: &sea_orm::QueryResult, column: &str| -> AppResult<u32> {
        // SUM over no rows is NULL on PostgreSQL.
        let n: Option<i64> = row.try_get("", column)?;
        Ok(u32::try_from(n.unwrap_or(0)).unwrap_or(u32::MAX))
    };
    let mut by_unit = HashMap::with_capacity(rows.len());
    for row in rows {
        let unit: Uuid = row.try_get("", "unit")?;
        by_unit.insert(
            unit,
            Cancellations {
                booked: count(&row, "booked")?,
                held: count(&row, "held")?,
                called_off: count(&row, "called_off")?,
                rearranged: count(&row, "rearranged")?,
            },
        );
    }
    Ok(by_unit)
}
