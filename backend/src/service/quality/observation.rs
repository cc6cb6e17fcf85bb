//! Observation of supervisors' practice (F8.3): someone who oversees a
//! supervisor records what they saw in a session, the supervisor signs it,
//! and once both have signed it counts for a year. Who may read and write
//! is decided in `access::observation`; reports count, never quote.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use supervision_shared::quality::{
    ObservationDraft, check_observation, check_signing_comment, observation_due,
    observation_overdue,
};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{allocation, practice_observation, staff};
use crate::error::{AppError, AppResult};
use crate::service::access::{ObservationAccess, observation_access};
use crate::service::audit::{self, AuditEntry};
use crate::service::notify::{self, Links};

/// Where a supervisor stands for observation of their practice on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObservationStanding {
    /// The first day they supervised anyone (a never-observed supervisor
    /// is due a year after it).
    pub supervising_since: NaiveDate,
    /// The day of the last observation both signed.
    pub last_observed_on: Option<NaiveDate>,
    /// When the next is due.
    pub due_on: NaiveDate,
    /// Past that day.
    pub overdue: bool,
}

/// A supervisor's observations, newest first; `NotFound` for anyone who is
/// neither them nor someone who oversees them (nor wrote one of them: an
/// observer who has moved on still reads their own).
pub async fn of_supervisor(
    db: &DatabaseConnection,
    viewer: &Viewer,
    supervisor: Uuid,
) -> AppResult<Vec<practice_observation::Model>> {
    let access = observation_access(db, viewer, supervisor).await?;
    let rows = practice_observation::Entity::find()
        .filter(practice_observation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(practice_observation::Column::SupervisorId.eq(supervisor))
        .order_by_desc(practice_observation::Column::ObservedOn)
        .order_by_desc(practice_observation::Column::ObserverSignedAt)
        .all(db)
        .await?;
    match access {
        Some(_) => Ok(rows),
        None => {
            let written: Vec<_> = rows
                .into_iter()
                .filter(|row| row.observer_id == viewer.staff_id)
                .collect();
            if written.is_empty() {
                Err(AppError::NotFound)
            } else {
                Ok(written)
            }
        }
    }
}

/// Where `supervisor` stands today, for whoever may read their
/// observations; `None` when they supervise nobody today.
pub async fn standing(
    db: &DatabaseConnection,
    viewer: &Viewer,
    supervisor: Uuid,
) -> AppResult<Option<ObservationStanding>> {
    if observation_access(db, viewer, supervisor).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let today = viewer.today();
    Ok(standings(db, viewer.organisation_id, &[supervisor], today)
        .await?
        .remove(&supervisor))
}

/// Records an observation of a supervisor's practice, signed by the
/// viewer as its observer. Only someone who oversees the supervisor may,
/// and only of someone who supervises today. Audited without its words.
pub async fn record(
    db: &DatabaseConnection,
    links: &Links,
    viewer: &Viewer,
    draft: ObservationDraft,
) -> AppResult<practice_observation::Model> {
    match observation_access(db, viewer, draft.supervisor_id).await? {
        Some(ObservationAccess::Oversees) => {}
        // Nobody observes and signs off their own practice.
        Some(ObservationAccess::Observed) => return Err(AppError::Forbidden),
        None => return Err(AppError::NotFound),
    }
    let today = viewer.today();
    let checked = check_observation(&draft, today);
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    let supervises = !supervisors_on(db, viewer.organisation_id, &[draft.supervisor_id], today)
        .await?
        .is_empty();
    if !supervises {
        errors.insert(
            0,
            supervision_shared::FieldError::new(
                "supervisorId",
                "They supervise nobody today: only a supervisor's practice is observed.",
            ),
        );
    }
    let observation = match checked {
        Ok(observation) if errors.is_empty() => observation,
        _ => return Err(AppError::Validation(errors)),
    };
    let supervisor = staff::Entity::find_by_id(draft.supervisor_id)
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let row = practice_observation::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        supervisor_id: Set(draft.supervisor_id),
        observer_id: Set(viewer.staff_id),
        observed_on: Set(observation.observed_on),
        strengths: Set(observation.strengths),
        development_points: Set(observation.development_points),
        observer_signed_at: Set(Utc::now()),
        supervisor_signed_at: Set(None),
        supervisor_comment: Set(String::new()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "practice_observation.record",
            "practice_observation",
            row.id,
            serde_json::json!({ "supervisor": row.supervisor_id, "observed_on": row.observed_on }),
        ),
    )
    .await?;
    // The supervisor is asked to sign, by an email written with it.
    crate::service::outbox::enqueue(
        &txn,
        vec![notify::observation_to_sign(
            links,
            &supervisor,
            &viewer.name,
            row.observed_on,
        )],
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// The observed supervisor signs an observation of their practice, with
/// what they want to add. Once only: a second signing is a conflict.
pub async fn sign(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    comment: &str,
) -> AppResult<practice_observation::Model> {
    let row = practice_observation::Entity::find_by_id(id)
        .filter(practice_observation::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.supervisor_id != viewer.staff_id {
        // Those who may read it learn they may not sign it; nobody else
        // learns it exists.
        let reads = row.observer_id == viewer.staff_id
            || observation_access(db, viewer, row.supervisor_id)
                .await?
                .is_some();
        return Err(if reads {
            AppError::Forbidden
        } else {
            AppError::NotFound
        });
    }
    let comment = check_signing_comment(comment).map_err(AppError::Validation)?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let now = Utc::now();
    // Claimed in one statement, so two signings at once cannot both win.
    let claimed = practice_observation::Entity::update_many()
        .col_expr(
            practice_observation::Column::SupervisorSignedAt,
            Expr::value(Some(now)),
        )
        .col_expr(
            practice_observation::Column::SupervisorComment,
            Expr::value(comment),
        )
        .filter(practice_observation::Column::Id.eq(id))
        .filter(practice_observation::Column::SupervisorSignedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(AppError::Conflict(
            "You have already signed this observation.".to_owned(),
        ));
    }
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "practice_observation.sign",
            "practice_observation",
            id,
            serde_json::json!({ "supervisor": row.supervisor_id }),
        ),
    )
    .await?;
    txn.commit().await?;
    practice_observation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Observations written about the viewer and waiting for their signature.
pub async fn waiting_for_signature(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> AppResult<Vec<practice_observation::Model>> {
    Ok(practice_observation::Entity::find()
        .filter(practice_observation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(practice_observation::Column::SupervisorId.eq(viewer.staff_id))
        .filter(practice_observation::Column::SupervisorSignedAt.is_null())
        .order_by_desc(practice_observation::Column::ObservedOn)
        .all(db)
        .await?)
}

/// Of `people`, those who supervise someone on `day`, each with the first
/// day they supervised anyone.
async fn supervisors_on(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    people: &[Uuid],
    day: NaiveDate,
) -> AppResult<HashMap<Uuid, NaiveDate>> {
    let mut since: HashMap<Uuid, NaiveDate> = HashMap::new();
    let mut current: HashSet<Uuid> = HashSet::new();
    for chunk in people.chunks(500) {
        let rows: Vec<(Uuid, NaiveDate, Option<NaiveDate>)> = allocation::Entity::find()
            .select_only()
            .column(allocation::Column::AllocatedToId)
            .column(allocation::Column::EffectiveFrom)
            .column(allocation::Column::EffectiveTo)
            .filter(allocation::Column::OrganisationId.eq(organisation_id))
            .filter(allocation::Column::AllocatedToId.is_in(chunk.iter().copied()))
            .filter(allocation::Column::EffectiveFrom.lte(day))
            .into_tuple()
            .all(db)
            .await?;
        for (to, from, until) in rows {
            if until.is_none_or(|until| until >= day) {
                current.insert(to);
            }
            since
                .entry(to)
                .and_modify(|first| *first = (*first).min(from))
                .or_insert(from);
        }
    }
    since.retain(|person, _| current.contains(person));
    Ok(since)
}

/// Where each of `people` who supervises on `day` stands then.
pub async fn standings(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    people: &[Uuid],
    day: NaiveDate,
) -> AppResult<HashMap<Uuid, ObservationStanding>> {
    let supervisors = supervisors_on(db, organisation_id, people, day).await?;
    let mut last: HashMap<Uuid, NaiveDate> = HashMap::new();
    let ids: Vec<Uuid> = supervisors.keys().copied().collect();
    for chunk in ids.chunks(500) {
        let rows: Vec<(Uuid, NaiveDate)> = practice_observation::Entity::find()
            .select_only()
            .column(practice_observation::Column::SupervisorId)
            .column(practice_observation::Column::ObservedOn)
            .filter(practice_observation::Column::OrganisationId.eq(organisation_id))
            .filter(practice_observation::Column::SupervisorId.is_in(chunk.iter().copied()))
            .filter(practice_observation::Column::SupervisorSignedAt.is_not_null())
            .filter(practice_observation::Column::ObservedOn.lte(day))
            .into_tuple()
            .all(db)
            .await?;
        for (person, observed) in rows {
            last.entry(person)
                .and_modify(|latest| *latest = (*latest).max(observed))
                .or_insert(observed);
        }
    }
    Ok(supervisors
        .into_iter()
        .map(|(person, supervising_since)| {
            let last_observed_on = last.get(&person).copied();
            let due_on = observation_due(last_observed_on, supervising_since);
            let standing = ObservationStanding {
                supervising_since,
                last_observed_on,
                due_on,
                overdue: observation_overdue(due_on, day),
            };
            (person, standing)
        })
        .collect())
}

/// Per unit (the supervisor's team today): supervisors on `day`, and of
/// them those whose observation is in date. Counts only, for reports.
pub async fn in_date_by_unit(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    day: NaiveDate,
) -> AppResult<HashMap<Uuid, (u32, u32)>> {
    let teams: Vec<(Uuid, Uuid)> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .column(staff::Column::OrgUnitId)
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .filter(staff::Column::Status.eq(crate::service::directory::ACTIVE))
        .filter(
            staff::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(allocation::Column::AllocatedToId)
                    .from(allocation::Entity)
                    .and_where(allocation::Column::OrganisationId.eq(organisation_id))
                    .and_where(allocation::Column::EffectiveFrom.lte(day))
                    .cond_where(
                        sea_orm::Condition::any()
                            .add(allocation::Column::EffectiveTo.is_null())
                            .add(allocation::Column::EffectiveTo.gte(day)),
                    )
                    .to_owned(),
            ),
        )
        .into_tuple()
        .all(db)
        .await?;
    let people: Vec<Uuid> = teams.iter().map(|(person, _)| *person).collect();
    let standings = standings(db, organisation_id, &people, day).await?;
    let mut by_unit: HashMap<Uuid, (u32, u32)> = HashMap::new();
    for (person, unit) in teams {
        let Some(standing) = standings.get(&person) else {
            continue;
        };
        let counts = by_unit.entry(unit).or_default();
        counts.0 += 1;
        counts.1 += u32::from(!standing.overdue);
    }
    Ok(by_unit)
}
