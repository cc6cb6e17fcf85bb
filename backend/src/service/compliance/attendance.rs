//! Formal attendance (F5.3): for each record that counts towards the
//! required frequency, one row per supervisee with the day and the category.
//! It is derived from the records and kept in step in the same transaction
//! as every change to them (saving, amending, removing, retention), so the
//! compliance reports read one narrow indexed table instead of joining
//! every record to its attendees. Which records count, and towards what, is
//! the shared rule (`kind::counts_towards`) written out as SQL for every
//! kind and approach; the property test in the report tests holds the two
//! together.
//! Each person's last session per kind (`formal_latest`) is derived from it
//! in turn, in the same transaction.

use sea_orm::ConnectionTrait;
use supervision_shared::kind::counts_towards;
use supervision_shared::{Approach, ComplianceCategory, SupervisionKind};
use uuid::Uuid;

use crate::db::Binds;
use crate::error::AppResult;

/// The category a record counts towards, as a SQL `CASE` over its kind
/// and approach (`s.kind`, `s.approach`): one branch for every pair the
/// shared rule (`kind::counts_towards`) says counts, so what counts as
/// formal is decided there alone. NULL for a record that counts for
/// nothing. Codes are fixed identifiers, never user input.
fn category_of_record() -> String {
    let mut branches = String::new();
    for kind in SupervisionKind::ALL {
        let approaches = std::iter::once(None).chain(Approach::ALL.iter().copied().map(Some));
        for approach in approaches {
            let Some(category) = counts_towards(*kind, approach) else {
                continue;
            };
            let approach_is = match approach {
                None => "s.approach IS NULL".to_owned(),
                Some(a) => format!("s.approach = '{}'", a.as_str()),
            };
            branches.push_str(&format!(
                " WHEN s.kind = '{}' AND {approach_is} THEN '{}'",
                kind.as_str(),
                category.as_str()
            ));
        }
    }
    format!("CASE{branches} END")
}

/// `INSERT … SELECT` of the attendance of the records matching `filter`
/// (a condition on `s`, the record).
fn insert_counted(filter: &str) -> String {
    let category = category_of_record();
    format!(
        "INSERT INTO formal_attendance \
           (organisation_id, supervision_id, supervisee_id, category, held_on, shared_late) \
         SELECT s.organisation_id, s.id, a.supervisee_id, {category}, s.held_on, s.shared_late \
         FROM supervision s \
         JOIN supervision_attendee a \
           ON a.supervision_id = s.id AND a.organisation_id = s.organisation_id \
         WHERE {filter} \
           AND s.removed_at IS NULL \
           AND ({category}) IS NOT NULL"
    )
}

/// Brings one record's attendance up to date with the record as it now
/// stands: after it is saved, amended, removed or loses a member.
pub async fn refresh(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<()> {
    // The same two values in each statement below.
    let mut binds = Binds::new(db.get_database_backend());
    let (p1, p2) = (binds.bind(organisation_id), binds.bind(supervision_id));
    // Whoever counted before or is on the record now may have a new last
    // session.
    let people: Vec<Uuid> = db
        .query_all_raw(binds.clone().statement(format!(
            "SELECT supervisee_id FROM formal_attendance \
             WHERE organisation_id = {p1} AND supervision_id = {p2} \
             UNION \
             SELECT supervisee_id FROM supervision_attendee \
             WHERE organisation_id = {p1} AND supervision_id = {p2}"
        )))
        .await?
        .iter()
        .map(|row| row.try_get_by_index::<Uuid>(0))
        .collect::<Result<_, _>>()?;
    db.execute_raw(binds.clone().statement(format!(
        "DELETE FROM formal_attendance WHERE organisation_id = {p1} AND supervision_id = {p2}"
    )))
    .await?;
    db.execute_raw(binds.statement(insert_counted(&format!(
        "s.organisation_id = {p1} AND s.id = {p2}"
    ))))
    .await?;
    refresh_latest(db, organisation_id, &people).await
}

/// `INSERT … SELECT` of the last session per kind of the people whose
/// attendance matches `filter`.
fn insert_latest(filter: &str) -> String {
    let [clinical, management, case] = [
        ComplianceCategory::Clinical,
        ComplianceCategory::Management,
        ComplianceCategory::Case,
    ]
    .map(|c| c.as_str());
    format!(
        "INSERT INTO formal_latest \
           (organisation_id, staff_id, last_clinical, last_management, last_case) \
         SELECT organisation_id, supervisee_id, \
           MAX(CASE WHEN category = '{clinical}' THEN held_on END), \
           MAX(CASE WHEN category = '{management}' THEN held_on END), \
           MAX(CASE WHEN category = '{case}' THEN held_on END) \
         FROM formal_attendance WHERE {filter} \
         GROUP BY organisation_id, supervisee_id"
    )
}

/// Brings these people's last session per kind (`formal_latest`) up to
/// date with their attendance: after any of it changes.
pub async fn refresh_latest(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    people: &[Uuid],
) -> AppResult<()> {
    let backend = db.get_database_backend();
    // Within both engines' limits on parameters, however many people.
    for chunk in people.chunks(500) {
        let mut delete = Binds::new(backend);
        let sql = format!(
            "DELETE FROM formal_latest WHERE organisation_id = {} AND staff_id IN ({})",
            delete.bind(organisation_id),
            delete.list(chunk.iter().copied())
        );
        db.execute_raw(delete.statement(sql)).await?;
        let mut insert = Binds::new(backend);
        let sql = insert_latest(&format!(
            "organisation_id = {} AND supervisee_id IN ({})",
            insert.bind(organisation_id),
            insert.list(chunk.iter().copied())
        ));
        db.execute_raw(insert.statement(sql)).await?;
    }
    Ok(())
}

/// Rebuilds an organisation's attendance from its records: after records
/// are loaded in bulk (the demo and the synthetic trust).
pub async fn rebuild(db: &impl ConnectionTrait, organisation_id: Uuid) -> AppResult<()> {
    let mut binds = Binds::new(db.get_database_backend());
    let p1 = binds.bind(organisation_id);
    for sql in [
        format!("DELETE FROM formal_attendance WHERE organisation_id = {p1}"),
        insert_counted(&format!("s.organisation_id = {p1}")),
        format!("DELETE FROM formal_latest WHERE organisation_id = {p1}"),
        insert_latest(&format!("organisation_id = {p1}")),
    ] {
        db.execute_raw(binds.clone().statement(sql)).await?;
    }
    Ok(())
}
