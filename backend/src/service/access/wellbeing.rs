//! Who sees a person's wellbeing checks and action plans (F3.9): the
//! person and their supervisor today (their line manager or clinical
//! supervisor), and nobody else: not the management chain, not HR, not by
//! grant. Reports say only that a review is due. Appraisal objectives
//! (F8.4) are read and written by the same people.

use std::collections::HashSet;

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::allocation;
use crate::error::AppResult;
use crate::service::directory::allocation_current_on;

/// Whether the viewer may read and write `person`'s wellbeing records.
pub async fn sees_wellbeing_of(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    person: Uuid,
) -> AppResult<bool> {
    if person == viewer.staff_id {
        return Ok(true);
    }
    let supervises = allocation::Entity::find()
        .filter(allocation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(allocation::Column::StaffId.eq(person))
        .filter(allocation::Column::AllocatedToId.eq(viewer.staff_id))
        .filter(allocation_current_on(viewer.today()))
        .count(db)
        .await?;
    Ok(supervises > 0)
}

/// Whether the viewer may read and write `person`'s appraisal objectives
/// (F8.4): as for wellbeing, the person and their supervisors today, who
/// talk about their development with them; not the management chain above,
/// not HR, not a group session's other members.
pub async fn sees_objectives_of(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    person: Uuid,
) -> AppResult<bool> {
    sees_wellbeing_of(db, viewer, person).await
}

/// Of `people`, those whose appraisal objectives the viewer may read, as
/// [`sees_objectives_of`] asks one at a time, in one query however many:
/// a group record's panel asks for all its supervisees at once.
pub async fn objectives_readable_of(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    people: &[Uuid],
) -> AppResult<HashSet<Uuid>> {
    let mut readable: HashSet<Uuid> = allocation::Entity::find()
        .select_only()
        .column(allocation::Column::StaffId)
        .filter(allocation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(allocation::Column::AllocatedToId.eq(viewer.staff_id))
        .filter(allocation::Column::StaffId.is_in(people.iter().copied()))
        .filter(allocation_current_on(viewer.today()))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    if people.contains(&viewer.staff_id) {
        readable.insert(viewer.staff_id);
    }
    Ok(readable)
}
