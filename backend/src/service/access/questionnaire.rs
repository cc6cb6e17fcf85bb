//! Who runs the annual questionnaire and who reads its results (F8.2).
//! Auditors and system administrators start and close cycles and see how
//! many have answered. Results, always added up and only for groups the
//! disclosure rules allow, go to auditors (any group), senior managers
//! (the organisation as a whole, and units and supervisors within their
//! scope) and a supervisor (their own). No one else, and nobody ever sees
//! one person's answers: not even the person, once sent.

use sea_orm::ConnectionTrait;
use supervision_shared::Role;
use uuid::Uuid;

use std::collections::HashSet;

use super::scope::senior_manager_scope;
use crate::auth::Viewer;
use crate::error::AppResult;

/// Whether the viewer starts and closes questionnaire cycles.
pub fn runs_questionnaires(viewer: &Viewer) -> bool {
    viewer.has_role(Role::Auditor) || viewer.has_role(Role::SystemAdmin)
}

/// Which answers a results request asks for: everyone's, a unit's (with
/// everything below it), a supervisor's supervisees', or both together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ResultsFilter {
    /// A unit and everything below it.
    pub unit: Option<Uuid>,
    /// Those whose line manager or clinical supervisor this was.
    pub supervisor: Option<Uuid>,
}

/// Which results the viewer may read, worked out once per request.
#[derive(Debug, Clone)]
pub struct ResultsReader {
    me: Uuid,
    auditor: bool,
    /// The units of their senior-manager scope (empty for anyone else).
    scope: HashSet<Uuid>,
}

impl ResultsReader {
    /// Whether they may read results so filtered; `team_of` gives a
    /// supervisor's team today.
    pub fn may_read(&self, filter: ResultsFilter, team_of: impl Fn(Uuid) -> Option<Uuid>) -> bool {
        if self.auditor || (filter.unit.is_none() && filter.supervisor == Some(self.me)) {
            return true;
        }
        !self.scope.is_empty()
            && filter.unit.is_none_or(|unit| self.scope.contains(&unit))
            && filter
                .supervisor
                .is_none_or(|person| team_of(person).is_some_and(|team| self.scope.contains(&team)))
    }
}

/// The viewer as a reader of questionnaire results.
pub async fn results_reader(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> AppResult<ResultsReader> {
    Ok(ResultsReader {
        me: viewer.staff_id,
        auditor: viewer.has_role(Role::Auditor),
        scope: senior_manager_scope(db, viewer).await?,
    })
}
