//! Compliance reports over many people (F5.4–F5.6). The expensive part,
//! each person's last formal supervision of each kind, is one aggregate
//! query in SQL over the formal attendance table (`service::compliance::attendance`);
//! each person's interval (policy and schedule) is then applied by the same
//! pure rule the person's own page uses. A property test checks on random
//! histories that the SQL agrees with the pure rule for every person, on
//! both engines.
//!
//! Counting who is compliant needs only the sessions within the longest
//! interval any policy gives: anyone whose last session is older is overdue
//! whatever their policy. So the percentages read a window of days, while
//! lists of people (which show each last date) read everything of theirs.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use sea_orm::{ConnectionTrait, DatabaseBackend, FromQueryResult, Statement};
use supervision_shared::compliance::CategoryStanding;
use supervision_shared::{ComplianceCategory, ComplianceStatus};
use uuid::Uuid;

use super::member::Member;
use crate::db::Binds;
use crate::error::{AppError, AppResult};

/// Each person's last formal supervision per category. Fx-hashed: a
/// trend fills twelve of these for a whole trust, and the keys are ids
/// the server chose, not input to defend against.
pub type LastFormal = rustc_hash::FxHashMap<(Uuid, ComplianceCategory), NaiveDate>;

/// Whose sessions a query reads, and from when.
#[derive(Debug, Clone, Copy, Default)]
pub struct Reach<'a> {
    /// Only these people's (everyone's when none).
    pub people: Option<&'a [Uuid]>,
    /// Only sessions on or after this day (all when none).
    pub since: Option<NaiveDate>,
}

/// People per query: well within both engines' limits on parameters.
const PEOPLE_PER_QUERY: usize = 500;

/// The one aggregate: each person's last formal supervision per category
/// on or before `as_at`, within `reach`.
pub async fn last_formal(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    as_at: NaiveDate,
    reach: Reach<'_>,
) -> AppResult<LastFormal> {
    let day = Judged {
        as_at,
        since: reach.since,
    };
    Ok(
        last_formal_on_each(db, organisation_id, &[day], reach.people)
            .await?
            .pop()
            .unwrap_or_default(),
    )
}

/// A day judged, and the first day whose sessions can count for it (all
/// when none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged {
    /// The day judged.
    pub as_at: NaiveDate,
    /// Sessions before this day are not read.
    pub since: Option<NaiveDate>,
}

/// The aggregate for several days in one pass over the table (the trend's
/// twelve month-ends): one result per day, in the order given.
pub async fn last_formal_on_each(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    days: &[Judged],
    people: Option<&[Uuid]>,
) -> AppResult<Vec<LastFormal>> {
    let Some(people) = people else {
        return last_formal_of(db, organisation_id, days, None).await;
    };
    let mut last: Vec<LastFormal> = vec![LastFormal::default(); days.len()];
    for chunk in people.chunks(PEOPLE_PER_QUERY) {
        for (all, part) in last
            .iter_mut()
            .zip(last_formal_of(db, organisation_id, days, Some(chunk)).await?)
        {
            all.extend(part);
        }
    }
    Ok(last)
}

async fn last_formal_of(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    days: &[Judged],
    people: Option<&[Uuid]>,
) -> AppResult<Vec<LastFormal>> {
    let (Some(latest), false) = (days.iter().map(|d| d.as_at).max(), people == Some(&[])) else {
        return Ok(vec![LastFormal::default(); days.len()]);
    };
    // Read only as far back as the earliest day needs.
    let earliest: Option<NaiveDate> = days
        .iter()
        .map(|d| d.since)
        .collect::<Option<Vec<_>>>()
        .and_then(|s| s.into_iter().min());
    let backend = db.get_database_backend();
    let mut binds = Binds::new(backend);
    let (organisation, until_latest) = (binds.bind(organisation_id), binds.bind(latest));
    let mut filters = String::new();
    if let Some(earliest) = earliest {
        filters.push_str(&format!(" AND held_on >= {}", binds.bind(earliest)));
    }
    if let Some(people) = people {
        let marks = binds.list(people.iter().copied());
        filters.push_str(&format!(" AND supervisee_id IN ({marks})"));
    }
    // One row per person and kind with every day of theirs in the range,
    // each day judged here: the database does one cheap step per session
    // however many days are judged (a column per day and kind made it
    // do one per session per column: twelve month-ends took 1.6 s over a
    // trust's year, the list 0.25 s). One day judged needs only the last
    // (the range is that day's), not every day of a whole history.
    let one = days.len() == 1;
    let (dates, index) = match backend {
        // SQLite keeps a date as its ISO text. It has no statistics to
        // choose between the two indexes by, and guessed the window's for
        // a few people (reading every row): say which.
        DatabaseBackend::Sqlite => (
            if one {
                "MAX(held_on)"
            } else {
                "group_concat(held_on, ',')"
            },
            if people.is_none() && earliest.is_some() {
                " INDEXED BY ix_formal_attendance_held"
            } else {
                " INDEXED BY ix_formal_attendance_person"
            },
        ),
        // The driver sets DateStyle to ISO on every connection, so a
        // date as text is its ISO form (to_char took a third longer); any
        // other form fails to parse below rather than miscounting.
        _ => (
            if one {
                "MAX(held_on)::text"
            } else {
                "string_agg(held_on::text, ',')"
            },
            "",
        ),
    };
    let sql = format!(
        "SELECT supervisee_id AS person, category, {dates} AS days \
         FROM formal_attendance{index} \
         WHERE organisation_id = {organisation} AND held_on <= {until_latest}{filters} \
         GROUP BY supervisee_id, category",
    );
    #[derive(FromQueryResult)]
    struct Row {
        person: Uuid,
        category: String,
        days: String,
    }
    let rows = Row::find_by_statement(binds.statement(sql)).all(db).await?;
    let mut last: Vec<LastFormal> =
        vec![LastFormal::with_capacity_and_hasher(rows.len(), Default::default()); days.len()];
    let mut held: Vec<NaiveDate> = Vec::new();
    for row in rows {
        let Some(category) = CATEGORIES.into_iter().find(|c| c.as_str() == row.category) else {
            continue;
        };
        held.clear();
        for day in row.days.split(',') {
            held.push(parse_iso(day).ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("a formal session's day {day:?}"))
            })?);
        }
        for (on_day, judged) in last.iter_mut().zip(days) {
            let kept = held
                .iter()
                .filter(|&&day| day <= judged.as_at && judged.since.is_none_or(|s| day >= s))
                .max();
            if let Some(&day) = kept {
                on_day.insert((row.person, category), day);
            }
        }
    }
    Ok(last)
}

/// A day as the database gives it, `YYYY-MM-DD`: read by hand since a
/// trust's year is half a million of them, and chrono's general parser
/// made reading them cost more than the query.
fn parse_iso(day: &str) -> Option<NaiveDate> {
    let bytes = day.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(number(&bytes[..4])?).ok()?,
        number(&bytes[5..7])?,
        number(&bytes[8..])?,
    )
}

/// Formal records of the people in each unit in the year to `as_at`, and
/// how many of them were shared late (F4.3): unit id → (records, late).
/// A group session counts once for each member, as it does for compliance.
pub async fn late_sharing_by_unit(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    as_at: NaiveDate,
) -> AppResult<HashMap<Uuid, (u32, u32)>> {
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
        "SELECT p.org_unit_id AS unit, COUNT(*) AS records, \
           SUM(CASE WHEN f.shared_late THEN 1 ELSE 0 END) AS late \
         FROM formal_attendance f \
         JOIN staff p ON p.id = f.supervisee_id AND p.organisation_id = f.organisation_id \
         WHERE f.organisation_id = {p1} AND f.held_on <= {p2} AND f.held_on > {p3} \
         GROUP BY p.org_unit_id"
    );
    let rows = db.query_all_raw(binds.statement(sql)).await?;
    let mut by_unit = HashMap::with_capacity(rows.len());
    for row in rows {
        let unit: Uuid = row.try_get("", "unit")?;
        let records: i64 = row.try_get("", "records")?;
        let late: i64 = row.try_get("", "late")?;
        by_unit.insert(
            unit,
            (
                u32::try_from(records).unwrap_or(u32::MAX),
                u32::try_from(late).unwrap_or(u32::MAX),
            ),
        );
    }
    Ok(by_unit)
}

/// One person's standings in a report.
#[derive(Debug, Clone)]
pub struct PersonReport {
    /// The person.
    pub person: Member,
    /// Clinical, management and case, in that order.
    pub standings: Vec<CategoryStanding>,
}

/// Reads rows of `formal_latest` into last dates.
pub(crate) async fn read_latest(
    db: &impl ConnectionTrait,
    statement: Statement,
) -> AppResult<LastFormal> {
    #[derive(FromQueryResult)]
    struct Latest {
        staff_id: Uuid,
        last_clinical: Option<NaiveDate>,
        last_management: Option<NaiveDate>,
        last_case: Option<NaiveDate>,
    }
    let rows = Latest::find_by_statement(statement).all(db).await?;
    let mut last =
        LastFormal::with_capacity_and_hasher(rows.len() * CATEGORIES.len(), Default::default());
    for row in rows {
        keep_last(
            &mut last,
            row.staff_id,
            [row.last_clinical, row.last_management, row.last_case],
        );
    }
    Ok(last)
}

/// The last formal session of the organisation, if any.
pub(crate) async fn newest_session(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
) -> AppResult<Option<NaiveDate>> {
    let mut binds = Binds::new(db.get_database_backend());
    let sql = format!(
        "SELECT MAX(held_on) AS newest FROM formal_attendance WHERE organisation_id = {}",
        binds.bind(organisation_id)
    );
    let row = db.query_one_raw(binds.statement(sql)).await?;
    Ok(match row {
        Some(row) => row.try_get("", "newest")?,
        None => None,
    })
}

/// Each person's last formal session of each kind of all, as kept in
/// `formal_latest`, for these people.
pub async fn latest_formal(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    people: &[Uuid],
) -> AppResult<LastFormal> {
    let mut last = LastFormal::default();
    for chunk in people.chunks(PEOPLE_PER_QUERY) {
        let mut binds = Binds::new(db.get_database_backend());
        let sql = format!(
            "SELECT staff_id, last_clinical, last_management, last_case \
             FROM formal_latest WHERE organisation_id = {} AND staff_id IN ({})",
            binds.bind(organisation_id),
            binds.list(chunk.iter().copied())
        );
        last.extend(read_latest(db, binds.statement(sql)).await?);
    }
    Ok(last)
}

/// Adds a person's last session of each kind, in `CATEGORIES` order.
pub(crate) fn keep_last(last: &mut LastFormal, person: Uuid, days: [Option<NaiveDate>; 3]) {
    for (category, day) in CATEGORIES.into_iter().zip(days) {
        if let Some(day) = day {
            last.insert((person, category), day);
        }
    }
}

/// One person as a report counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted {
    /// Their unit.
    pub org_unit_id: Uuid,
    /// Required of them, per category in `CATEGORIES` order (case
    /// supervision is not, without a caseload).
    pub required: [bool; 3],
    /// Within their interval (compliant or due soon), per category.
    pub within: [bool; 3],
}

impl Counted {
    /// From a person's standings.
    pub fn new(org_unit_id: Uuid, standings: &[CategoryStanding]) -> Self {
        let mut within = [false; 3];
        let mut required = [true; 3];
        for ((slot, needed), s) in within.iter_mut().zip(required.iter_mut()).zip(standings) {
            *needed = s.status != ComplianceStatus::NotApplicable;
            // Due soon is not late: the person is within their interval.
            *slot = matches!(
                s.status,
                ComplianceStatus::Compliant | ComplianceStatus::DueSoon
            );
        }
        Self {
            org_unit_id,
            required,
            within,
        }
    }
}

/// The categories, in report order.
pub const CATEGORIES: [ComplianceCategory; 3] = [
    ComplianceCategory::Clinical,
    ComplianceCategory::Management,
    ComplianceCategory::Case,
];

/// Compliance figures for a group of people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// People counted.
    pub people: u32,
    /// Of whom each category is required, in `CATEGORIES` order.
    pub required: [u32; 3],
    /// Compliant (including due soon) per category, in `CATEGORIES` order.
    pub compliant: [u32; 3],
}

impl Figures {
    /// Adds one person.
    pub fn add(&mut self, person: &Counted) {
        self.people += 1;
        for (count, required) in self.required.iter_mut().zip(person.required) {
            *count += u32::from(required);
        }
        for (count, within) in self.compliant.iter_mut().zip(person.within) {
            *count += u32::from(within);
        }
    }

    /// Adds another group's figures.
    pub fn merge(&mut self, other: &Figures) {
        self.people += other.people;
        for (count, more) in self.required.iter_mut().zip(other.required) {
            *count += more;
        }
        for (count, more) in self.compliant.iter_mut().zip(other.compliant) {
            *count += more;
        }
    }

    /// Percentage compliant for a category, to one decimal place, of those
    /// of whom it is required; none when that is nobody.
    pub fn percent(&self, index: usize) -> Option<f64> {
        let of = self.required.get(index).copied().unwrap_or(0);
        (of > 0).then(|| (f64::from(self.compliant[index]) * 1000.0 / f64::from(of)).round() / 10.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_read_as_the_database_writes_them() {
        assert_eq!(
            parse_iso("2026-02-28"),
            NaiveDate::from_ymd_opt(2026, 2, 28)
        );
        assert_eq!(
            parse_iso("0999-12-31"),
            NaiveDate::from_ymd_opt(999, 12, 31)
        );
        for wrong in [
            "2026-02-30",
            "2026-2-28",
            "2026/02/28",
            "2026-02-2x",
            "",
            "2026-02-281",
        ] {
            assert_eq!(parse_iso(wrong), None, "{wrong}");
        }
    }
}
