//! Wellbeing checks and action plans (F3.9), kept with the person and
//! reviewed in supervision: written by the person or their supervisor,
//! read by those two only, and never in a report beyond "review due".

use std::collections::HashSet;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use supervision_shared::wellbeing::{WellbeingEntry, check_entry, review_due};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::wellbeing_plan;
use crate::error::{AppError, AppResult};
use crate::service::access::sees_wellbeing_of;
use crate::service::audit::{self, AuditEntry};

/// A person's wellbeing records, open ones first and soonest review first;
/// `NotFound` for anyone but them and their supervisor.
pub async fn of_person(
    db: &DatabaseConnection,
    viewer: &Viewer,
    person: Uuid,
) -> AppResult<Vec<wellbeing_plan::Model>> {
    if !sees_wellbeing_of(db, viewer, person).await? {
        return Err(AppError::NotFound);
    }
    let mut rows = wellbeing_plan::Entity::find()
        .filter(wellbeing_plan::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(wellbeing_plan::Column::StaffId.eq(person))
        .order_by_asc(wellbeing_plan::Column::ReviewBy)
        .all(db)
        .await?;
    rows.sort_by_key(|r| r.closed_on.is_some());
    Ok(rows)
}

/// Keeps a new record for a person, or changes one (`id`); by the person
/// or their supervisor. Audited without its content.
pub async fn save(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Option<Uuid>,
    person: Uuid,
    entry: WellbeingEntry,
) -> AppResult<wellbeing_plan::Model> {
    if !sees_wellbeing_of(db, viewer, person).await? {
        return Err(AppError::NotFound);
    }
    let errors = check_entry(&entry, viewer.today());
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = Utc::now();
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let row = match id {
        Some(id) => {
            let row = wellbeing_plan::Entity::find_by_id(id)
                .filter(wellbeing_plan::Column::OrganisationId.eq(viewer.organisation_id))
                .filter(wellbeing_plan::Column::StaffId.eq(person))
                .one(&txn)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut row: wellbeing_plan::ActiveModel = row.into();
            row.kind = Set(entry.kind);
            row.summary = Set(entry.summary.trim().to_owned());
            row.actions = Set(entry.actions.trim().to_owned());
            row.review_by = Set(entry.review_by);
            row.updated_by = Set(viewer.staff_id);
            row.updated_at = Set(now);
            row.update(&txn).await?
        }
        None => {
            wellbeing_plan::ActiveModel {
                id: Set(Uuid::now_v7()),
                organisation_id: Set(viewer.organisation_id),
                staff_id: Set(person),
                kind: Set(entry.kind),
                summary: Set(entry.summary.trim().to_owned()),
                actions: Set(entry.actions.trim().to_owned()),
                review_by: Set(entry.review_by),
                created_by: Set(viewer.staff_id),
                created_at: Set(now),
                updated_by: Set(viewer.staff_id),
                updated_at: Set(now),
                closed_on: Set(None),
            }
            .insert(&txn)
            .await?
        }
    };
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            if id.is_some() {
                "wellbeing.change"
            } else {
                "wellbeing.keep"
            },
            "wellbeing_plan",
            row.id,
            serde_json::json!({ "person": person, "kind": row.kind.as_str() }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Closes a record that is no longer needed, from today.
pub async fn close(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<wellbeing_plan::Model> {
    let row = wellbeing_plan::Entity::find_by_id(id)
        .filter(wellbeing_plan::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !sees_wellbeing_of(db, viewer, row.staff_id).await? {
        return Err(AppError::NotFound);
    }
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let mut active: wellbeing_plan::ActiveModel = row.into();
    active.closed_on = Set(Some(viewer.today()));
    active.updated_by = Set(viewer.staff_id);
    active.updated_at = Set(Utc::now());
    let row = active.update(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "wellbeing.close",
            "wellbeing_plan",
            row.id,
            serde_json::json!({ "person": row.staff_id }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Of these people, those with an open wellbeing record due for review on
/// `today`: all a supervisor's list shows of them.
pub async fn reviews_due(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    people: &[Uuid],
    today: NaiveDate,
) -> AppResult<HashSet<Uuid>> {
    let mut due = HashSet::new();
    for chunk in people.chunks(500) {
        let rows: Vec<(Uuid, NaiveDate)> = wellbeing_plan::Entity::find()
            .select_only()
            .column(wellbeing_plan::Column::StaffId)
            .column(wellbeing_plan::Column::ReviewBy)
            .filter(wellbeing_plan::Column::OrganisationId.eq(organisation_id))
            .filter(wellbeing_plan::Column::StaffId.is_in(chunk.iter().copied()))
            .filter(wellbeing_plan::Column::ClosedOn.is_null())
            .into_tuple()
            .all(db)
            .await?;
        due.extend(
            rows.into_iter()
                .filter(|(_, review_by)| review_due(*review_by, today))
                .map(|(person, _)| person),
        );
    }
    Ok(due)
}
