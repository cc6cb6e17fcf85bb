//! A person's own compliance (F5.4), computed with the one rule in `shared`
//! over their history. Reports over many people will compute in SQL and are
//! checked against this.

use std::collections::HashMap;

use chrono::{DateTime, Months, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use supervision_shared::compliance::{CategoryStanding, SessionFact, standing};
use supervision_shared::{Approach, ComplianceCategory, Schedule, SupervisionKind};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{staff, supervision, supervision_attendee};
use crate::error::{AppError, AppResult};

/// The schedule a member of staff is on, from their directory flags (F5.2).
pub fn schedule_of(person: &staff::Model) -> Schedule {
    if person.newly_qualified {
        Schedule::NewlyQualified {
            started: person.start_date,
        }
    } else if person.probation {
        Schedule::Probation {
            until: person
                .start_date
                .checked_add_months(Months::new(6))
                .unwrap_or(person.start_date),
        }
    } else {
        Schedule::Normal
    }
}

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
    let policy = crate::service::policy::policy_of(db, &me, viewer.roles.clone(), as_at).await?;
    let schedule = schedule_of(&me);
    Ok([
        ComplianceCategory::Clinical,
        ComplianceCategory::Management,
        ComplianceCategory::Case,
    ]
    .into_iter()
    .map(|category| standing(&policy, schedule, &history, category, as_at))
    .collect())
}

/// Each person's standing per kind as at a date, computed by the pure rule
/// from their history, policy and schedule: one query for every history,
/// one for the rules, a few for the tree and roles, whatever the number of
/// people. For a team; an organisation-wide report computes in SQL.
pub async fn standings_of(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    people: &[staff::Model],
    as_at: NaiveDate,
) -> AppResult<HashMap<Uuid, Vec<CategoryStanding>>> {
    use supervision_shared::policy::{PersonFacts, policy_for};

    use crate::service::{directory, policy};
    if people.is_empty() {
        return Ok(HashMap::new());
    }
    let ids: Vec<Uuid> = people.iter().map(|p| p.id).collect();
    type Row = (
        Uuid,
        NaiveDate,
        String,
        Option<String>,
        Option<DateTime<Utc>>,
    );
    let rows: Vec<Row> = supervision::Entity::find()
        .select_only()
        .column(supervision_attendee::Column::SuperviseeId)
        .column(supervision::Column::HeldOn)
        .column(supervision::Column::Kind)
        .column(supervision::Column::Approach)
        .column(supervision::Column::RemovedAt)
        .inner_join(supervision_attendee::Entity)
        .filter(supervision::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_attendee::Column::SuperviseeId.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut histories: HashMap<Uuid, Vec<SessionFact>> = HashMap::new();
    for (person, held_on, kind, approach, removed_at) in rows {
        histories.entry(person).or_default().push(SessionFact {
            held_on,
            kind: SupervisionKind::parse(&kind).map_err(|e| AppError::Internal(e.into()))?,
            approach: approach
                .as_deref()
                .map(Approach::parse)
                .transpose()
                .map_err(|e| AppError::Internal(e.into()))?,
            removed: removed_at.is_some(),
        });
    }
    let rules: Vec<_> = policy::rules_of(db, organisation_id)
        .await?
        .iter()
        .filter_map(policy::as_rule)
        .collect();
    let parents = policy::unit_parents(db, organisation_id).await?;
    let mut roles = directory::roles_of_many(db, organisation_id, &ids, as_at).await?;
    Ok(people
        .iter()
        .map(|person| {
            let facts = PersonFacts {
                staff_id: person.id,
                unit_chain: policy::unit_chain(&parents, person.org_unit_id),
                profession: person.profession.clone(),
                roles: roles.remove(&person.id).unwrap_or_default(),
            };
            let policy = policy_for(&rules, &facts, as_at);
            let history = histories.remove(&person.id).unwrap_or_default();
            let standings = [
                ComplianceCategory::Clinical,
                ComplianceCategory::Management,
                ComplianceCategory::Case,
            ]
            .into_iter()
            .map(|category| standing(&policy, schedule_of(person), &history, category, as_at))
            .collect();
            (person.id, standings)
        })
        .collect())
}

/// How urgent a status is: overdue first, then never had one, then due
/// soon, then compliant.
pub fn urgency(status: supervision_shared::ComplianceStatus) -> u8 {
    use supervision_shared::ComplianceStatus::*;
    match status {
        Overdue => 0,
        NeverHad => 1,
        DueSoon => 2,
        Compliant => 3,
    }
}
