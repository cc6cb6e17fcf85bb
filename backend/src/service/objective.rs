//! Appraisal (PDR) objectives (F8.4): kept with the person, read and
//! written by them and their supervisors today (`access::sees_objectives_of`),
//! and linked from a supervision record whose development discussion worked
//! on them, by its recorder or one of its supervisees. A record shows each
//! reader only the linked objectives they may read themselves: a group
//! member never learns a colleague's.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use supervision_shared::FieldError;
use supervision_shared::objective::{ObjectiveDraft, check_objective};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{appraisal_objective, supervision_objective};
use crate::error::{AppError, AppResult};
use crate::service::access::{self, RecordAccess, objectives_readable_of, sees_objectives_of};
use crate::service::audit::{self, AuditEntry};

/// A person's objectives, open ones first, each group newest first;
/// `NotFound` for anyone but them and their supervisors today.
pub async fn of_person(
    db: &DatabaseConnection,
    viewer: &Viewer,
    person: Uuid,
) -> AppResult<Vec<appraisal_objective::Model>> {
    if !sees_objectives_of(db, viewer, person).await? {
        return Err(AppError::NotFound);
    }
    let mut rows = appraisal_objective::Entity::find()
        .filter(appraisal_objective::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(appraisal_objective::Column::StaffId.eq(person))
        .order_by_desc(appraisal_objective::Column::CreatedAt)
        .all(db)
        .await?;
    rows.sort_by_key(|o| o.achieved_on.is_some());
    Ok(rows)
}

/// Writes down one of a person's objectives. Audited without its words.
pub async fn add(
    db: &DatabaseConnection,
    viewer: &Viewer,
    person: Uuid,
    draft: &ObjectiveDraft,
) -> AppResult<appraisal_objective::Model> {
    if !sees_objectives_of(db, viewer, person).await? {
        return Err(AppError::NotFound);
    }
    let checked = check_objective(draft).map_err(AppError::Validation)?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let row = appraisal_objective::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        staff_id: Set(person),
        title: Set(checked.title),
        due_on: Set(checked.due_on),
        achieved_on: Set(None),
        created_by: Set(viewer.staff_id),
        created_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "appraisal_objective.add",
            "appraisal_objective",
            row.id,
            serde_json::json!({ "staff": person }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Marks an objective met today. Once: a second time is a conflict.
pub async fn achieve(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<appraisal_objective::Model> {
    let row = readable(db, viewer, id).await?;
    if row.achieved_on.is_some() {
        return Err(AppError::Conflict(
            "This objective is already marked as met.".to_owned(),
        ));
    }
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let mut change: appraisal_objective::ActiveModel = row.into();
    change.achieved_on = Set(Some(viewer.today()));
    let row = change.update(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "appraisal_objective.achieve",
            "appraisal_objective",
            id,
            serde_json::json!({ "staff": row.staff_id }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(row)
}

/// Links an objective of one of a record's supervisees to the record:
/// by its recorder or a supervisee, who may read that objective. Linking
/// one already linked changes nothing.
pub async fn link(
    db: &DatabaseConnection,
    viewer: &Viewer,
    supervision_id: Uuid,
    objective_id: Uuid,
) -> AppResult<()> {
    let supervisees = may_link(db, viewer, supervision_id).await?;
    let objective = readable(db, viewer, objective_id).await?;
    if !supervisees.contains(&objective.staff_id) {
        return Err(AppError::Validation(vec![FieldError::new(
            "objectiveId",
            "Choose an objective of someone supervised in this session.",
        )]));
    }
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    supervision_objective::Entity::insert(supervision_objective::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        supervision_id: Set(supervision_id),
        objective_id: Set(objective_id),
        linked_by: Set(viewer.staff_id),
        linked_at: Set(Utc::now()),
    })
    .on_conflict_do_nothing_on([
        supervision_objective::Column::SupervisionId,
        supervision_objective::Column::ObjectiveId,
    ])
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.objective_link",
            "supervision",
            supervision_id,
            serde_json::json!({ "objective": objective_id }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Takes a link off a record, on the same terms as [`link`].
pub async fn unlink(
    db: &DatabaseConnection,
    viewer: &Viewer,
    supervision_id: Uuid,
    objective_id: Uuid,
) -> AppResult<()> {
    may_link(db, viewer, supervision_id).await?;
    readable(db, viewer, objective_id).await?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    supervision_objective::Entity::delete_many()
        .filter(supervision_objective::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision_objective::Column::SupervisionId.eq(supervision_id))
        .filter(supervision_objective::Column::ObjectiveId.eq(objective_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.objective_unlink",
            "supervision",
            supervision_id,
            serde_json::json!({ "objective": objective_id }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The objectives linked to a record that the viewer may read, oldest
/// link first (the caller has checked they read the record's content).
pub async fn linked_to(
    db: &DatabaseConnection,
    viewer: &Viewer,
    supervision_id: Uuid,
) -> AppResult<Vec<appraisal_objective::Model>> {
    let links = supervision_objective::Entity::find()
        .filter(supervision_objective::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision_objective::Column::SupervisionId.eq(supervision_id))
        .order_by_asc(supervision_objective::Column::LinkedAt)
        .all(db)
        .await?;
    if links.is_empty() {
        return Ok(Vec::new());
    }
    let objectives = appraisal_objective::Entity::find()
        .filter(appraisal_objective::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(appraisal_objective::Column::Id.is_in(links.iter().map(|l| l.objective_id)))
        .all(db)
        .await?;
    let owners: Vec<Uuid> = objectives.iter().map(|o| o.staff_id).collect();
    let readable = objectives_readable_of(db, viewer, &owners).await?;
    Ok(links
        .iter()
        .filter_map(|link| objectives.iter().find(|o| o.id == link.objective_id))
        .filter(|objective| readable.contains(&objective.staff_id))
        .cloned()
        .collect())
}

/// The objectives the viewer could link to a record: the open ones of its
/// supervisees that the viewer may read (their own; a supervisor's
/// supervisees') and that are not linked yet, oldest first. For its
/// recorder and supervisees, as [`link`]; in one query however large the
/// group.
pub async fn linkable(
    db: &DatabaseConnection,
    viewer: &Viewer,
    supervision_id: Uuid,
) -> AppResult<Vec<appraisal_objective::Model>> {
    let supervisees = may_link(db, viewer, supervision_id).await?;
    let readable = objectives_readable_of(db, viewer, &supervisees).await?;
    let linked: Vec<Uuid> = supervision_objective::Entity::find()
        .select_only()
        .column(supervision_objective::Column::ObjectiveId)
        .filter(supervision_objective::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision_objective::Column::SupervisionId.eq(supervision_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(appraisal_objective::Entity::find()
        .filter(appraisal_objective::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(appraisal_objective::Column::StaffId.is_in(readable))
        .filter(appraisal_objective::Column::AchievedOn.is_null())
        .filter(appraisal_objective::Column::Id.is_not_in(linked))
        .order_by_asc(appraisal_objective::Column::CreatedAt)
        .all(db)
        .await?)
}

/// An objective the viewer may read; `NotFound` otherwise.
async fn readable(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<appraisal_objective::Model> {
    let row = appraisal_objective::Entity::find_by_id(id)
        .filter(appraisal_objective::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if sees_objectives_of(db, viewer, row.staff_id).await? {
        Ok(row)
    } else {
        Err(AppError::NotFound)
    }
}

/// The record's supervisees, when the viewer recorded it or is one of them;
/// `Forbidden` for others who may read it, `NotFound` for everyone else.
async fn may_link(
    db: &DatabaseConnection,
    viewer: &Viewer,
    supervision_id: Uuid,
) -> AppResult<Vec<Uuid>> {
    let record = access::record_in_organisation(db, viewer.organisation_id, supervision_id).await?;
    let supervisees =
        crate::service::supervision::supervisee_ids(db, viewer.organisation_id, supervision_id)
            .await?;
    match access::access_to(db, viewer, &record, &supervisees, Utc::now()).await? {
        Some(RecordAccess::Participant { .. }) => Ok(supervisees),
        Some(_) => Err(AppError::Forbidden),
        None => Err(AppError::NotFound),
    }
}
