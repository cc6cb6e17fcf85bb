//! Who reads and writes observations of a supervisor's practice (F8.3):
//! the supervisor observed, and those who oversee them (their management
//! chain, a senior manager whose units hold their team), who also observe
//! and record. An observer who no longer oversees them still reads what
//! they wrote. Nobody else: not HR, not auditors, not the supervisor's
//! supervisees, and reports give dates and counts only.

use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::scope::oversees_any;
use crate::auth::Viewer;
use crate::error::AppResult;

/// How the viewer stands towards one supervisor's observations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ObservationAccess {
    /// Their own practice: read, and sign what was written.
    Observed,
    /// They oversee the supervisor: read all, and record new ones.
    Oversees,
}

/// The viewer's access to `supervisor`'s observations, or `None`.
pub async fn observation_access(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    supervisor: Uuid,
) -> AppResult<Option<ObservationAccess>> {
    if supervisor == viewer.staff_id {
        return Ok(Some(ObservationAccess::Observed));
    }
    let oversees = oversees_any(db, viewer, &[supervisor], viewer.today()).await?;
    Ok(oversees.then_some(ObservationAccess::Oversees))
}
