//! Who knows of a person's extended absences (F6.2): the person, their
//! supervisors today, their management chain and HR; the same people
//! except the person record them. Anyone else may not know of them.

use sea_orm::ConnectionTrait;
use supervision_shared::Role;
use uuid::Uuid;

use super::scope::oversees_any;
use super::wellbeing::sees_wellbeing_of;
use crate::auth::Viewer;
use crate::error::AppResult;

/// How the viewer stands towards a person's absences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbsenceAccess {
    /// Their own: read only.
    Own,
    /// Their supervisor, management chain or HR: read and record.
    Manages,
}

/// The viewer's access to `person`'s absences, or `None`.
pub async fn absence_access(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    person: Uuid,
) -> AppResult<Option<AbsenceAccess>> {
    if person == viewer.staff_id {
        return Ok(Some(AbsenceAccess::Own));
    }
    // `sees_wellbeing_of` is "the person or their supervisor today"; the
    // person is handled above.
    let manages = viewer.has_role(Role::HrAdmin)
        || sees_wellbeing_of(db, viewer, person).await?
        || oversees_any(db, viewer, &[person], viewer.today()).await?;
    Ok(manages.then_some(AbsenceAccess::Manages))
}
