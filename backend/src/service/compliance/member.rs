//! A member of staff as the compliance rule reads them: the few directory
//! facts it needs, and the schedule those facts put them on (F5.2). Below
//! the reports and the person-level standing, which both build on it.

use chrono::NaiveDate;
use sea_orm::FromQueryResult;
use supervision_shared::Schedule;
use supervision_shared::schedule::{ScheduleKind, SchedulePlan};
use uuid::Uuid;

use crate::entity::staff;

/// A member of staff as the rule judges them: the directory facts it reads
/// and no more (a trust's report loads tens of thousands).
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct Member {
    /// Who.
    pub id: Uuid,
    /// Their unit.
    pub org_unit_id: Uuid,
    /// Their profession.
    pub profession: String,
    /// Their first day.
    pub start_date: NaiveDate,
    /// Their last day, once they have one.
    pub leaving_date: Option<NaiveDate>,
    /// On the newly qualified schedule.
    pub newly_qualified: bool,
    /// On probation.
    pub probation: bool,
    /// Holds a caseload (case supervision is required).
    pub holds_caseload: bool,
}

impl From<&staff::Model> for Member {
    fn from(person: &staff::Model) -> Self {
        Self {
            id: person.id,
            org_unit_id: person.org_unit_id,
            profession: person.profession.clone(),
            start_date: person.start_date,
            leaving_date: person.leaving_date,
            newly_qualified: person.newly_qualified,
            probation: person.probation,
            holds_caseload: person.holds_caseload,
        }
    }
}

impl Member {
    /// Whether they were employed on a day: started by it and not yet gone.
    /// Whoever was employed on a report's date counts on that date, so a
    /// past report does not change when someone leaves.
    pub fn employed_on(&self, day: NaiveDate) -> bool {
        self.start_date <= day && self.leaving_date.is_none_or(|left| left >= day)
    }
}

/// The schedules a member of staff is on from their directory flags (F5.2),
/// as their organisation wrote them on `day`.
pub fn schedule_of(person: &Member, plans: &[SchedulePlan], day: NaiveDate) -> Schedule {
    let mut kinds = Vec::new();
    if person.newly_qualified {
        kinds.push(ScheduleKind::NewlyQualified);
    }
    if person.probation {
        kinds.push(ScheduleKind::Induction);
    }
    Schedule::for_person(plans, &kinds, person.start_date, day)
}
