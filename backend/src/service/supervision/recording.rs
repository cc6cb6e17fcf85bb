//! Recording a supervision: one-to-one or group, in one transaction, with
//! its actions and cases, once however often it is submitted (F3.3–F3.7).

use std::collections::HashSet;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect,
};
use supervision_shared::action::ActionStatus;
use supervision_shared::case::{check_cases, worker_of};
use supervision_shared::{
    FieldError, RecordDraft, SupervisionFunction, SupervisionKind, ValidationState, validate_record,
};
use uuid::Uuid;

use super::*;
use crate::auth::Viewer;
use crate::entity::{
    case_discussion, staff, supervision, supervision_action, supervision_attendee,
};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};
use crate::service::notify::{self, Links, ValidationRequest};
use crate::service::outbox::{self, Mail};

/// Records a supervision for one or many supervisees: the record, every
/// attendee and every action are written in one transaction with batched
/// inserts, or nothing is written at all.
pub async fn record(
    db: &DatabaseConnection,
    viewer: &Viewer,
    links: &Links,
    rules: &RecordingRules,
    draft: RecordDraft,
    today: NaiveDate,
) -> AppResult<VisibleRecord> {
    check(db, viewer, rules, &draft, today).await?;
    // Sent before (a retry after a lost answer): the record made then.
    if let Some(key) = draft.submission_key
        && let Some(earlier) = submitted_with(db, viewer, key).await?
    {
        return find_visible(db, viewer, earlier).await;
    }
    let new = NewRecord::of(viewer, rules, draft, today);
    let id = new.id;
    // Each supervisee is asked to validate, by an email written in the same
    // transaction as the record (F4.1).
    let requests: Vec<Mail> = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff::Column::Id.is_in(new.supervisee_ids.iter().copied()))
        // Nobody is asked to validate their own record.
        .filter(staff::Column::Id.ne(viewer.staff_id))
        .all(db)
        .await?
        .iter()
        .map(|supervisee| {
            notify::validation_request(
                links,
                ValidationRequest::New,
                supervisee,
                &viewer.name,
                id,
                new.kind,
                new.held_on,
            )
        })
        .collect();
    if let Some(earlier) = new.write(db, viewer, requests).await? {
        return find_visible(db, viewer, earlier).await;
    }
    find_visible(db, viewer, id).await
}

/// Every problem with a draft at once: the rules that need no database,
/// the cases, and supervisees who are not current colleagues (or, for
/// performance management, not the recorder's line reports).
async fn check(
    db: &DatabaseConnection,
    viewer: &Viewer,
    rules: &RecordingRules,
    draft: &RecordDraft,
    today: NaiveDate,
) -> AppResult<()> {
    let mut errors = validate_record(draft, viewer.staff_id, today)
        .err()
        .unwrap_or_default();
    errors.extend(check_cases(
        &draft.cases,
        &rules.case_reference,
        &draft.supervisee_ids,
    ));
    errors.extend(unknown_supervisees(db, viewer, &draft.supervisee_ids).await?);
    if draft.kind == SupervisionKind::PerformanceManagement {
        errors.extend(not_line_reports(db, viewer, &draft.supervisee_ids, today).await?);
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

/// The rows a checked draft becomes.
struct NewRecord {
    id: Uuid,
    kind: SupervisionKind,
    held_on: NaiveDate,
    supervisee_ids: Vec<Uuid>,
    submission_key: Option<Uuid>,
    row: supervision::ActiveModel,
    attendees: Vec<supervision_attendee::ActiveModel>,
    actions: Vec<supervision_action::ActiveModel>,
    cases: Vec<case_discussion::ActiveModel>,
}

impl NewRecord {
    // Long by design: one block per table the record is written to.
    fn of(viewer: &Viewer, rules: &RecordingRules, draft: RecordDraft, today: NaiveDate) -> Self {
        let id = Uuid::now_v7();
        let organisation_id = viewer.organisation_id;
        let content = draft.content;
        let held_on = content.held_on;
        let row = supervision::ActiveModel {
            id: Set(id),
            organisation_id: Set(organisation_id),
            kind: Set(draft.kind),
            approach: Set(content.approach),
            held_on: Set(held_on),
            recorded_at: Set(Utc::now()),
            duration_minutes: Set(i32::try_from(content.duration_minutes).unwrap_or(i32::MAX)),
            mode: Set(content.mode),
            location: Set(content.location.trim().to_owned()),
            external_supervisor: Set(content
                .external_supervisor
                .as_ref()
                .map(|s| s.trim().to_owned())),
            recorded_by: Set(viewer.staff_id),
            experience: Set(content.experience),
            reflection: Set(content.reflection),
            analysis: Set(content.analysis),
            action_plan: Set(content.action_plan),
            notes: Set(content.notes),
            functions: Set(SupervisionFunction::join(&content.functions)),
            submission_key: Set(draft.submission_key),
            shared_late: Set(rules.holidays.shared_late(held_on, today)),
            version: Set(1),
            removed_at: Set(None),
        };
        let attendees = draft
            .supervisee_ids
            .iter()
            .map(|&supervisee_id| supervision_attendee::ActiveModel {
                id: Set(Uuid::now_v7()),
                organisation_id: Set(organisation_id),
                supervision_id: Set(id),
                supervisee_id: Set(supervisee_id),
                // Validation is the supervisee's check of what someone else
                // wrote; a record of one's own needs none.
                validation_state: Set(if supervisee_id == viewer.staff_id {
                    ValidationState::Agreed
                } else {
                    ValidationState::Awaiting
                }),
                validated_at: Set((supervisee_id == viewer.staff_id).then(Utc::now)),
                supervisee_comment: Set(None),
                personal_notes: Set(None),
                personal_notes_shared: Set(false),
            })
            .collect();
        let first_supervisee = draft
            .supervisee_ids
            .first()
            .copied()
            .unwrap_or(viewer.staff_id);
        let actions = draft
            .actions
            .iter()
            .map(|action| supervision_action::ActiveModel {
                id: Set(Uuid::now_v7()),
                organisation_id: Set(organisation_id),
                supervision_id: Set(id),
                description: Set(action.description.trim().to_owned()),
                owner_id: Set(action.owner_id.unwrap_or(first_supervisee)),
                due_on: Set(action.due_on),
                status: Set(ActionStatus::Open),
                audit_round_id: Set(None),
            })
            .collect();
        let cases = draft
            .cases
            .iter()
            .map(|case| case_discussion::ActiveModel {
                id: Set(Uuid::now_v7()),
                organisation_id: Set(organisation_id),
                supervision_id: Set(id),
                reference: Set(case.reference.trim().to_owned()),
                summary: Set(case.summary.clone()),
                analysis: Set(case.analysis.clone()),
                decision: Set(case.decision.clone()),
                actions: Set(case.actions.clone()),
                closed: Set(case.closed),
                worker_id: Set(worker_of(case, &draft.supervisee_ids)),
            })
            .collect();
        Self {
            id,
            kind: draft.kind,
            held_on,
            submission_key: draft.submission_key,
            supervisee_ids: draft.supervisee_ids,
            row,
            attendees,
            actions,
            cases,
        }
    }

    /// Writes it all in one transaction with the emails; when the same
    /// submission was saved by a copy that raced this one, writes nothing
    /// and answers with that record's id.
    async fn write(
        self,
        db: &DatabaseConnection,
        viewer: &Viewer,
        requests: Vec<Mail>,
    ) -> AppResult<Option<Uuid>> {
        let txn = crate::db::begin(db, viewer.organisation_id).await?;
        if let Err(err) = supervision::Entity::insert(self.row)
            .exec_without_returning(&txn)
            .await
        {
            // Two copies of one submission raced: the other one won.
            if let (Some(key), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) =
                (self.submission_key, err.sql_err())
            {
                txn.rollback().await?;
                if let Some(earlier) = submitted_with(db, viewer, key).await? {
                    return Ok(Some(earlier));
                }
            }
            return Err(err.into());
        }
        supervision_attendee::Entity::insert_many(self.attendees)
            .exec_without_returning(&txn)
            .await?;
        crate::service::compliance::attendance::refresh(&txn, viewer.organisation_id, self.id)
            .await?;
        if !self.actions.is_empty() {
            supervision_action::Entity::insert_many(self.actions)
                .exec_without_returning(&txn)
                .await?;
        }
        if !self.cases.is_empty() {
            case_discussion::Entity::insert_many(self.cases)
                .exec_without_returning(&txn)
                .await?;
        }
        outbox::enqueue(&txn, requests).await?;
        // A session booked for this day with them has now happened.
        crate::service::booking::mark_held(
            &txn,
            viewer,
            self.id,
            self.held_on,
            &self.supervisee_ids,
        )
        .await?;
        if let Some(key) = self.submission_key {
            crate::service::draft::submitted(&txn, viewer, key).await?;
        }
        audit::record(
            &txn,
            AuditEntry {
                organisation_id: viewer.organisation_id,
                actor_id: Some(viewer.staff_id),
                action: "supervision.create",
                subject_type: "supervision",
                subject_id: Some(self.id),
                detail: serde_json::json!({
                    "kind": self.kind.as_str(),
                    "supervisees": self.supervisee_ids,
                }),
            },
        )
        .await?;
        txn.commit().await?;
        Ok(None)
    }
}

/// Performance management is held only by the person's line manager
/// (F7.5): anyone on the record who is not the viewer's current line report
/// is named.
async fn not_line_reports(
    db: &DatabaseConnection,
    viewer: &Viewer,
    ids: &[Uuid],
    today: NaiveDate,
) -> AppResult<Vec<FieldError>> {
    use crate::entity::allocation;
    use crate::service::directory::{Relationship, allocation_current_on};
    let reports: HashSet<Uuid> = allocation::Entity::find()
        .select_only()
        .column(allocation::Column::StaffId)
        .filter(allocation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(allocation::Column::AllocatedToId.eq(viewer.staff_id))
        .filter(allocation::Column::Relationship.eq(Relationship::LineManager.as_str()))
        .filter(allocation_current_on(today))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(supervisees_not_in(
        ids,
        &reports,
        "Performance management is recorded only by the person's line manager.",
    ))
}

/// A field error for each supervisee not among `allowed`.
fn supervisees_not_in(ids: &[Uuid], allowed: &HashSet<Uuid>, message: &str) -> Vec<FieldError> {
    ids.iter()
        .enumerate()
        .filter(|(_, id)| !allowed.contains(id))
        .map(|(i, _)| FieldError::new(format!("superviseeIds[{i}]"), message))
        .collect()
}

/// Every supervisee must be an active member of the viewer's organisation. An
/// id from another organisation is reported exactly like an unknown one.
async fn unknown_supervisees(
    db: &DatabaseConnection,
    viewer: &Viewer,
    ids: &[Uuid],
) -> AppResult<Vec<FieldError>> {
    let found = crate::service::directory::current_among(db, viewer.organisation_id, ids).await?;
    Ok(supervisees_not_in(
        ids,
        &found,
        "No current member of staff has this id.",
    ))
}

/// The record this person already submitted with this key, if any.
async fn submitted_with(
    db: &DatabaseConnection,
    viewer: &Viewer,
    key: Uuid,
) -> AppResult<Option<Uuid>> {
    Ok(supervision::Entity::find()
        .select_only()
        .column(supervision::Column::Id)
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RecordedBy.eq(viewer.staff_id))
        .filter(supervision::Column::SubmissionKey.eq(key))
        .into_tuple()
        .one(db)
        .await?)
}
