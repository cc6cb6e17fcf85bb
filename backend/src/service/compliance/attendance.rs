//! Formal attendance (F5.3): for each record that counts towards the
//! required frequency, one row per supervisee with the day and the category.
//! It is derived from the records and kept in step in the same transaction
//! as every change to them (saving, amending, removing, retention), so the
//! compliance reports read one narrow indexed table instead of joining
//! every record to its attendees. Which records count is decided here
//! once, from the same kind and approach rules as the pure functions in
//! `shared`; the property test in the report tests holds the two together.
//! Each person's last session per kind (`formal_latest`) is derived from it
//! in turn, in the same transaction.

use sea_orm::ConnectionTrait;
use supervision_shared::{Approach, ComplianceCategory, SupervisionKind};
use uuid::Uuid;

use crate::db::Binds;
use crate::error::AppResult;

/// The kinds that count towards a category, as SQL string literals (codes
/// are fixed identifiers, never user input).
fn kinds_of(category: Option<ComplianceCategory>) -> String {
    SupervisionKind::ALL
        .iter()
        .filter(|k| match category {
            Some(c) => k.category() == Some(c),
            None => k.category().is_some(),
        })
        .map(|k| format!("'{}'", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `INSERT … SELECT` of the attendance of the records matching `filter`
/// (a condition on `s`, the record).
fn insert_counted(filter: &str) -> String {
    let clinical = kinds_of(Some(ComplianceCategory::Clinical));
    let management = kinds_of(Some(ComplianceCategory::Management));
    let formal = kinds_of(None);
    // Wellbeing support is the one approach that never counts (F3.2).
    let informal = Approach::WellbeingSupport.as_str();
    format!(
        "INSERT INTO formal_attendance \
           (organisation_id, supervision_id, supervisee_id, category, held_on, shared_late) \
         SELECT s.organisation_id, s.id, a.supervisee_id, \
           CASE WHEN s.kind IN ({clinical}) THEN 'clinical' \
                WHEN s.kind IN ({management}) THEN 'management' \
                ELSE 'case' END, \
           s.held_on, s.shared_late \
         FROM supervision s \
         JOIN supervision_attendee a \
           ON a.supervision_id = s.id AND a.organisation_id = s.organisation_id \
         WHERE {filter} \
           AND s.removed_at IS NULL \
           AND s.kind IN ({formal}) \
           AND (s.approach IS NULL OR s.approach <> '{informal}')"
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
    format!(
        "INSERT INTO formal_latest \
           (organisation_id, staff_id, last_clinical, last_management, last_case) \
         SELECT organisation_id, supervisee_id, \
           MAX(CASE WHEN category = 'clinical' THEN held_on END), \
           MAX(CASE WHEN category = 'management' THEN held_on END), \
           MAX(CASE WHEN category = 'case' THEN held_on END) \
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
