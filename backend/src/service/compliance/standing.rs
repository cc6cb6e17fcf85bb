//! A person's own compliance (F5.4), computed with the one rule in `shared`
//! over their history. Reports over many people will compute in SQL and are
//! checked against this.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use supervision_shared::compliance::{CategoryStanding, SessionFact, judge_person, last_formal};
use supervision_shared::{Approach, ComplianceCategory, SupervisionKind};
use uuid::Uuid;

use super::member::{Member, schedule_of};
use crate::auth::Viewer;
use crate::entity::{staff, supervision, supervision_attendee};
use crate::error::{AppError, AppResult};

/// Every formal-or-not session on which the person is a supervisee.
pub async fn history_of(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    person: Uuid,
) -> AppResult<Vec<SessionFact>> {
    type Row = (NaiveDate, String, Option<String>, Option<DateTime<Utc>>);
    let rows: Vec<Row> = supervision::Entity::find()
        .select_only()
        .column(supervision::Column::HeldOn)
        .column(supervision::Column::Kind)
        .column(supervision::Column::Approach)
        .column(supervision::Column::RemovedAt)
        .inner_join(supervision_attendee::Entity)
        .filter(supervision::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_attendee::Column::SuperviseeId.eq(person))
        .into_tuple()
        .all(db)
        .await?;
    rows.into_iter()
        .map(|(held_on, kind, approach, removed_at)| {
            Ok(SessionFact {
                held_on,
                kind: SupervisionKind::parse(&kind).map_err(|e| AppError::Internal(e.into()))?,
                approach: approach
                    .as_deref()
                    .map(Approach::parse)
                    .transpose()
                    .map_err(|e| AppError::Internal(e.into()))?,
                // A removed record counts for nothing (F4.5); the pure rule
                // decides that, so it is passed on rather than filtered here.
                removed: removed_at.is_some(),
            })
        })
        .collect()
}

/// The viewer's standing per kind as at a date.
pub async fn my_standing(
    db: &DatabaseConnection,
    viewer: &Viewer,
    as_at: NaiveDate,
) -> AppResult<Vec<CategoryStanding>> {
    let me = crate::service::directory::own_record(db, viewer).await?;
    let history = history_of(db, viewer.organisation_id, viewer.staff_id).await?;
    // The policy in force on the day judged (F5.8), for this person.
    let policy = super::policy::policy_of(db, &me, viewer.roles.clone(), as_at).await?;
    let plans = super::schedule::plans_of(db, viewer.organisation_id).await?;
    let schedule = schedule_of(&Member::from(&me), &plans, as_at);
    Ok([
        ComplianceCategory::Clinical,
        ComplianceCategory::Management,
        ComplianceCategory::Case,
    ]
    .into_iter()
    .map(|category| {
        let last = last_formal(&history, category, as_at);
        judge_person(&policy, &schedule, me.holds_caseload, category, last, as_at)
    })
    .collect())
}

/// Each person's standing per kind as at a date: their last formal
/// supervision from the formal attendance table, judged by the pure rule
/// with their policy and schedule; a few queries whatever the number of
/// people. For a supervisor's list; reports use the same `Cohort`.
pub async fn standings_of(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    people: &[staff::Model],
    as_at: NaiveDate,
) -> AppResult<HashMap<Uuid, Vec<CategoryStanding>>> {
    if people.is_empty() {
        return Ok(HashMap::new());
    }
    let members = people.iter().map(Member::from).collect();
    let cohort = super::cohort::Cohort::of_people(db, organisation_id, members).await?;
    Ok(cohort
        .reports(db, as_at)
        .await?
        .into_iter()
        .map(|r| (r.person.id, r.standings))
        .collect())
}

/// How urgent a status is: overdue first, then never had one, then due
/// by the month's end, then due soon, then compliant.
pub fn urgency(status: supervision_shared::ComplianceStatus) -> u8 {
    use supervision_shared::ComplianceStatus::*;
    match status {
        Overdue => 0,
        NeverHad => 1,
        DueByMonthEnd => 2,
        DueSoon => 3,
        Compliant => 4,
        NotApplicable => 5,
    }
}

/// The policy and schedule of each of `people` on `on`, for the browser to
/// work out a due date with the shared rule (F5.4). Only for people the
/// viewer may judge: themselves, those allocated to them, those they
/// oversee, and those they have recorded a session for; anyone else is
/// left out, as if unknown.
pub async fn due_rules(
    db: &DatabaseConnection,
    viewer: &Viewer,
    people: &[Uuid],
    on: NaiveDate,
) -> AppResult<Vec<supervision_shared::compliance::DueRule>> {
    use crate::service::{access, directory};
    let mut allowed: Vec<Uuid> = Vec::with_capacity(people.len());
    let allocated: std::collections::HashSet<Uuid> =
        directory::allocated_to(db, viewer, viewer.today())
            .await?
            .into_iter()
            .map(|a| a.staff_id)
            .collect();
    let recorded_for: std::collections::HashSet<Uuid> = supervision_attendee::Entity::find()
        .select_only()
        .column(supervision_attendee::Column::SuperviseeId)
        .inner_join(supervision::Entity)
        .filter(supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RecordedBy.eq(viewer.staff_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .filter(supervision_attendee::Column::SuperviseeId.is_in(people.iter().copied()))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    for &person in people {
        let may = person == viewer.staff_id
            || allocated.contains(&person)
            || recorded_for.contains(&person)
            || access::oversees_any(db, viewer, &[person], viewer.today()).await?;
        if may && !allowed.contains(&person) {
            allowed.push(person);
        }
    }
    let rows = directory::staff_by_ids(db, viewer.organisation_id, &allowed).await?;
    let members: Vec<Member> = allowed
        .iter()
        .filter_map(|id| rows.get(id))
        .map(Member::from)
        .collect();
    let plans = super::schedule::plans_of(db, viewer.organisation_id).await?;
    let cohort =
        super::cohort::Cohort::of_people(db, viewer.organisation_id, members.clone()).await?;
    let policies = cohort.policies_on(db, on).await?;
    Ok(members
        .iter()
        .filter_map(|m| {
            Some(supervision_shared::compliance::DueRule {
                staff_id: m.id,
                policy: *policies.get(&m.id)?,
                periods: schedule_of(m, &plans, on).periods().to_vec(),
                holds_caseload: m.holds_caseload,
            })
        })
        .collect())
}
