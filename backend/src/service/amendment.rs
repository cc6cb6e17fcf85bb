//! Amending a saved record (F4.4): nothing is overwritten silently. The
//! version being replaced is kept whole (content and every supervisee's
//! validation of it), the change is audited, and each supervisee is asked
//! by email to validate the record again.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use serde::{Deserialize, Serialize};
use supervision_shared::amendment::{RecordAmendment, validate_amendment};
use supervision_shared::{RecordContent, RecordSection, SupervisionFunction, ValidationState};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{staff, supervision, supervision_attendee, supervision_version};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};
use crate::service::notify::{self, Links, ValidationRequest};
use crate::service::outbox;
use crate::service::redaction::redactions_of;
use crate::service::supervision::{VisibleRecord, attendees_of, find_visible};

/// A version of a record as it stood before an amendment replaced it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Snapshot {
    /// Approach code.
    pub approach: Option<String>,
    /// The day held.
    pub held_on: NaiveDate,
    /// Minutes.
    pub duration_minutes: i32,
    /// Mode code.
    pub mode: String,
    /// Where.
    pub location: String,
    /// External supervisor.
    pub external_supervisor: Option<String>,
    /// Experience.
    pub experience: String,
    /// Reflection.
    pub reflection: String,
    /// Analysis.
    pub analysis: String,
    /// Action plan.
    pub action_plan: String,
    /// Notes.
    pub notes: String,
    /// Function codes, comma-separated.
    pub functions: String,
    /// How each supervisee had validated this version.
    pub validations: Vec<SnapshotValidation>,
}

/// One supervisee's validation of a replaced version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotValidation {
    /// Who.
    pub supervisee_id: Uuid,
    /// Awaiting, agreed or disagreed.
    pub validation_state: String,
    /// When they signed.
    pub validated_at: Option<chrono::DateTime<Utc>>,
    /// Their comment or own account.
    pub comment: Option<String>,
}

impl Snapshot {
    fn of(record: &supervision::Model, attendees: &[supervision_attendee::Model]) -> Self {
        Self {
            approach: record.approach.map(|a| a.as_str().to_owned()),
            held_on: record.held_on,
            duration_minutes: record.duration_minutes,
            mode: record.mode.as_str().to_owned(),
            location: record.location.clone(),
            external_supervisor: record.external_supervisor.clone(),
            experience: record.experience.clone(),
            reflection: record.reflection.clone(),
            analysis: record.analysis.clone(),
            action_plan: record.action_plan.clone(),
            notes: record.notes.clone(),
            functions: record.functions.clone(),
            validations: attendees
                .iter()
                .map(|a| SnapshotValidation {
                    supervisee_id: a.supervisee_id,
                    validation_state: a.validation_state.as_str().to_owned(),
                    validated_at: a.validated_at,
                    comment: a.supervisee_comment.clone(),
                })
                .collect(),
        }
    }
}

/// The API names of the fields an amendment changes.
fn changed_fields(record: &supervision::Model, new: &RecordContent) -> Vec<&'static str> {
    let location = new.location.trim();
    let external = new.external_supervisor.as_deref().map(str::trim);
    [
        ("approach", record.approach != new.approach),
        ("heldOn", record.held_on != new.held_on),
        (
            "durationMinutes",
            i64::from(record.duration_minutes) != i64::from(new.duration_minutes),
        ),
        ("mode", record.mode != new.mode),
        ("location", record.location != location),
        (
            "externalSupervisor",
            record.external_supervisor.as_deref() != external,
        ),
        ("experience", record.experience != new.experience),
        ("reflection", record.reflection != new.reflection),
        ("analysis", record.analysis != new.analysis),
        ("actionPlan", record.action_plan != new.action_plan),
        ("notes", record.notes != new.notes),
        (
            "functions",
            record.functions != SupervisionFunction::join(&new.functions),
        ),
    ]
    .into_iter()
    .filter_map(|(name, changed)| changed.then_some(name))
    .collect()
}

/// The recorder amends a record. Anyone else who may see it is refused;
/// anyone who may not is told it does not exist. Invalid input, or an
/// amendment that changes nothing, writes nothing.
// Long by design: one amendment read top to bottom (check, the emails, the
// old version kept, the new one written, validation asked again, audit).
pub async fn amend(
    db: &DatabaseConnection,
    viewer: &Viewer,
    links: &Links,
    id: Uuid,
    amendment: RecordAmendment,
    today: NaiveDate,
) -> AppResult<VisibleRecord> {
    let visible = find_visible(db, viewer, id).await?;
    if visible.record.recorded_by != viewer.staff_id {
        return Err(AppError::Forbidden);
    }
    let record = visible.record;
    let kind = record.kind;
    let attendees = attendees_of(db, viewer.organisation_id, &[id])
        .await?
        .remove(&id)
        .unwrap_or_default();
    let supervisee_ids: Vec<Uuid> = attendees.iter().map(|a| a.supervisee_id).collect();
    validate_amendment(
        &amendment,
        kind,
        supervisee_ids.clone(),
        record.recorded_by,
        today,
    )
    .map_err(AppError::Validation)?;
    let changed = changed_fields(&record, &amendment.content);
    if changed.is_empty() {
        return Err(AppError::invalid(
            "input",
            "Nothing has changed: there is nothing to amend.",
        ));
    }

    let requests: Vec<outbox::Mail> = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff::Column::Id.is_in(supervisee_ids))
        .filter(staff::Column::Id.ne(viewer.staff_id))
        .all(db)
        .await?
        .iter()
        .map(|supervisee| {
            notify::validation_request(
                links,
                ValidationRequest::Amended,
                supervisee,
                &viewer.name,
                id,
                kind,
                amendment.content.held_on,
            )
        })
        .collect();
    let previous = serde_json::to_string(&Snapshot::of(&record, &attendees))
        .map_err(|e| AppError::Internal(e.into()))?;

    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    still_at(&txn, viewer.organisation_id, id, record.version).await?;
    supervision_version::Entity::insert(supervision_version::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        supervision_id: Set(id),
        version: Set(record.version),
        changed_by: Set(viewer.staff_id),
        changed_at: Set(Utc::now()),
        reason: Set(amendment.reason.trim().to_owned()),
        changed_fields: Set(changed.join(",")),
        previous: Set(previous),
    })
    .exec_without_returning(&txn)
    .await?;
    let next_version = record.version + 1;
    amended(record, amendment.content, next_version)
        .update(&txn)
        .await?;
    // The day held or the approach may have changed what it counts for.
    crate::service::compliance::attendance::refresh(&txn, viewer.organisation_id, id).await?;
    ask_again(&txn, viewer.organisation_id, id, viewer.staff_id).await?;
    outbox::enqueue(&txn, requests).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.amend",
            "supervision",
            id,
            serde_json::json!({ "version": next_version, "changedFields": changed }),
        ),
    )
    .await?;
    txn.commit().await?;
    find_visible(db, viewer, id).await
}

/// Refuses an amendment made to a version someone else has since replaced:
/// the record read before the transaction may have been amended by a
/// writer that went first.
async fn still_at(
    txn: &sea_orm::DatabaseTransaction,
    organisation_id: Uuid,
    id: Uuid,
    version: i32,
) -> AppResult<()> {
    let current: Option<i32> = supervision::Entity::find_by_id(id)
        .filter(supervision::Column::OrganisationId.eq(organisation_id))
        .select_only()
        .column(supervision::Column::Version)
        .into_tuple()
        .one(txn)
        .await?;
    if current == Some(version) {
        Ok(())
    } else {
        Err(AppError::BadRequest(
            "This record was changed by someone else while you were amending it. \
             Open it again to see their change, then make yours."
                .into(),
        ))
    }
}

/// The record's row with the amended content, as its next version.
fn amended(
    record: supervision::Model,
    content: RecordContent,
    version: i32,
) -> supervision::ActiveModel {
    let mut row: supervision::ActiveModel = record.into();
    row.approach = Set(content.approach);
    row.held_on = Set(content.held_on);
    row.duration_minutes = Set(i32::try_from(content.duration_minutes).unwrap_or(i32::MAX));
    row.mode = Set(content.mode);
    row.location = Set(content.location.trim().to_owned());
    row.external_supervisor = Set(content
        .external_supervisor
        .as_deref()
        .map(|s| s.trim().to_owned()));
    row.experience = Set(content.experience);
    row.reflection = Set(content.reflection);
    row.analysis = Set(content.analysis);
    row.action_plan = Set(content.action_plan);
    row.notes = Set(content.notes);
    row.functions = Set(SupervisionFunction::join(&content.functions));
    row.version = Set(version);
    row
}

/// Every supervisee validates the new version afresh; what they said of the
/// old one stays with the old one. The recorder, on a record of their own,
/// is not asked to check what they wrote themselves.
async fn ask_again(
    txn: &sea_orm::DatabaseTransaction,
    organisation_id: Uuid,
    id: Uuid,
    recorder: Uuid,
) -> AppResult<()> {
    supervision_attendee::Entity::update_many()
        .col_expr(
            supervision_attendee::Column::ValidationState,
            sea_orm::sea_query::Expr::value(ValidationState::Awaiting.as_str()),
        )
        .col_expr(
            supervision_attendee::Column::ValidatedAt,
            sea_orm::sea_query::Expr::value(Option::<chrono::DateTime<Utc>>::None),
        )
        .col_expr(
            supervision_attendee::Column::SuperviseeComment,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(supervision_attendee::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_attendee::Column::SupervisionId.eq(id))
        .filter(supervision_attendee::Column::SuperviseeId.ne(recorder))
        .exec(txn)
        .await?;
    Ok(())
}

impl Snapshot {
    /// Blanks a redacted section: a redaction removes the text from every
    /// version that held it, not only from the current one (F7.4).
    fn redact(&mut self, section: RecordSection) {
        match section {
            RecordSection::Experience => self.experience.clear(),
            RecordSection::Reflection => self.reflection.clear(),
            RecordSection::Analysis => self.analysis.clear(),
            RecordSection::ActionPlan => self.action_plan.clear(),
            RecordSection::Notes => self.notes.clear(),
        }
    }
}

/// A record's earlier versions, newest first, with redacted sections blank.
/// Callers have checked that the viewer may read the record's content.
pub async fn versions_of(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<Vec<(supervision_version::Model, Snapshot)>> {
    let redactions = redactions_of(db, organisation_id, supervision_id).await?;
    supervision_version::Entity::find()
        .filter(supervision_version::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_version::Column::SupervisionId.eq(supervision_id))
        .order_by_desc(supervision_version::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let mut snapshot: Snapshot =
                serde_json::from_str(&row.previous).map_err(|e| AppError::Internal(e.into()))?;
            // A version replaced before a redaction held the redacted text;
            // one replaced after it holds only what was written since.
            for redaction in redactions.iter().filter(|r| r.decided_at >= row.changed_at) {
                snapshot.redact(redaction.section);
            }
            Ok((row, snapshot))
        })
        .collect()
}

/// Removes one supervisee from every earlier version of a record: their
/// validation and, with it, their comment or own account. Retention calls
/// this when it purges a leaver from a record others attended, so their
/// words go from the versions the record keeps, not only from its current
/// one.
pub async fn forget_supervisee_in_versions(
    txn: &sea_orm::DatabaseTransaction,
    supervision_id: Uuid,
    supervisee_id: Uuid,
) -> AppResult<()> {
    let versions = supervision_version::Entity::find()
        .filter(supervision_version::Column::SupervisionId.eq(supervision_id))
        .all(txn)
        .await?;
    for row in versions {
        let mut snapshot: Snapshot =
            serde_json::from_str(&row.previous).map_err(|e| AppError::Internal(e.into()))?;
        let before = snapshot.validations.len();
        snapshot
            .validations
            .retain(|v| v.supervisee_id != supervisee_id);
        if snapshot.validations.len() == before {
            continue;
        }
        let previous =
            serde_json::to_string(&snapshot).map_err(|e| AppError::Internal(e.into()))?;
        supervision_version::ActiveModel {
            id: Set(row.id),
            previous: Set(previous),
            ..Default::default()
        }
        .update(txn)
        .await?;
    }
    Ok(())
}
