//! Extended absences (F6.2): recorded by a person's supervisor, manager or
//! HR with the first day away and the first day back; once the person is
//! back, the supervision agreement made before it is flagged for renewal
//! (York: "renewed after an interval such as an extended period of
//! sickness absence or other extended leave"). Audited; dates only.

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
};
use supervision_shared::absence::check_absence;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::staff_absence;
use crate::error::{AppError, AppResult};
use crate::service::access::{AbsenceAccess, absence_access};
use crate::service::audit::{self, AuditEntry};

/// The viewer's access to `person`'s absences, `NotFound` when they may not
/// know of them (or the person is not of their organisation).
async fn access(
    db: &DatabaseConnection,
    viewer: &Viewer,
    person: Uuid,
) -> AppResult<AbsenceAccess> {
    crate::service::directory::staff_in_organisation(db, viewer.organisation_id, person).await?;
    absence_access(db, viewer, person)
        .await?
        .ok_or(AppError::NotFound)
}

/// A person's extended absences, latest first, and whether the viewer may
/// record them.
pub async fn of_person(
    db: &DatabaseConnection,
    viewer: &Viewer,
    person: Uuid,
) -> AppResult<(Vec<staff_absence::Model>, AbsenceAccess)> {
    let access = access(db, viewer, person).await?;
    let rows = staff_absence::Entity::find()
        .filter(staff_absence::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff_absence::Column::StaffId.eq(person))
        .order_by_desc(staff_absence::Column::StartsOn)
        .all(db)
        .await?;
    Ok((rows, access))
}

/// Records an extended absence of `person`. Bad dates are refused by field
/// and write nothing; an absence overlapping one already recorded is a
/// conflict (change that one instead: remove it and record it again).
pub async fn record(
    db: &DatabaseConnection,
    viewer: &Viewer,
    person: Uuid,
    starts_on: NaiveDate,
    back_on: NaiveDate,
) -> AppResult<staff_absence::Model> {
    if access(db, viewer, person).await? != AbsenceAccess::Manages {
        return Err(AppError::Forbidden);
    }
    let errors = check_absence(starts_on, back_on, viewer.today());
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let overlapping = staff_absence::Entity::find()
        .filter(staff_absence::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff_absence::Column::StaffId.eq(person))
        .filter(staff_absence::Column::StartsOn.lt(back_on))
        .filter(staff_absence::Column::BackOn.gt(starts_on))
        .one(&txn)
        .await?;
    if overlapping.is_some() {
        return Err(AppError::Conflict(
            "An absence already recorded overlaps these dates.".into(),
        ));
    }
    let row = staff_absence::Model {
        id: Uuid::now_v7(),
        organisation_id: viewer.organisation_id,
        staff_id: person,
        starts_on,
        back_on,
        recorded_by: viewer.staff_id,
        recorded_at: Utc::now(),
    };
    staff_absence::Entity::insert(staff_absence::ActiveModel::from(row.clone()))
        .exec_without_returning(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "absence.record",
            "staff",
            person,
            serde_json::json!({ "absence": row.id, "starts_on": starts_on, "back_on": back_on }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Removes an absence recorded in error. Audited.
pub async fn remove(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    let row = staff_absence::Entity::find_by_id(id)
        .filter(staff_absence::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if access(db, viewer, row.staff_id).await? != AbsenceAccess::Manages {
        return Err(AppError::Forbidden);
    }
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    staff_absence::Entity::delete_by_id(row.id)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "absence.remove",
            "staff",
            row.staff_id,
            serde_json::json!({ "absence": row.id, "starts_on": row.starts_on, "back_on": row.back_on }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// For each of `people`, the first day back after their latest extended
/// absence that has ended by `today`: what an agreement's standing reads.
pub async fn latest_returns(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    people: &[Uuid],
    today: NaiveDate,
) -> AppResult<HashMap<Uuid, NaiveDate>> {
    let mut latest: HashMap<Uuid, NaiveDate> = HashMap::new();
    for chunk in people.chunks(500) {
        let rows = staff_absence::Entity::find()
            .filter(staff_absence::Column::OrganisationId.eq(organisation_id))
            .filter(staff_absence::Column::StaffId.is_in(chunk.iter().copied()))
            .filter(staff_absence::Column::BackOn.lte(today))
            .all(db)
            .await?;
        for row in rows {
            let day = latest.entry(row.staff_id).or_insert(row.back_on);
            *day = (*day).max(row.back_on);
        }
    }
    Ok(latest)
}
