//! Subject access (F7.8): everything a person's own supervision records hold
//! about them, as data and as a printable page.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use supervision_shared::SupervisionFunction;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{supervision, supervision_action, supervision_attendee};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};
use crate::service::directory;

/// A person's export.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubjectAccessExport {
    /// Who the records are about.
    pub person: ExportPerson,
    /// Their organisation.
    pub organisation: String,
    /// When this export was made.
    pub exported_at: DateTime<Utc>,
    /// Every record on which they are a supervisee, newest first.
    pub supervisions: Vec<ExportRecord>,
}

/// The person, as the directory holds them.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportPerson {
    pub name: String,
    pub email: String,
    pub employee_number: String,
    pub job_title: String,
    pub team: String,
}

/// One record, with the person's own validation.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportRecord {
    pub id: Uuid,
    pub kind: String,
    pub approach: Option<String>,
    pub held_on: NaiveDate,
    pub recorded_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub mode: String,
    pub location: String,
    pub external_supervisor: Option<String>,
    pub recorded_by: String,
    pub supervisees: Vec<String>,
    pub experience: String,
    pub reflection: String,
    pub analysis: String,
    pub action_plan: String,
    pub notes: String,
    pub functions: Vec<String>,
    pub actions: Vec<ExportAction>,
    pub my_validation: String,
    pub my_validated_at: Option<DateTime<Utc>>,
    pub my_comment: Option<String>,
    pub my_personal_notes: Option<String>,
    /// Comments the person added later (F4.2), oldest first.
    pub my_comments: Vec<String>,
}

/// An action agreed.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportAction {
    pub description: String,
    pub owner: String,
    pub due_on: Option<NaiveDate>,
    pub status: String,
}

/// Gathers the viewer's own records and writes an audit entry for the export.
pub async fn subject_access(
    db: &DatabaseConnection,
    viewer: &Viewer,
    format: &str,
) -> AppResult<SubjectAccessExport> {
    let organisation_id = viewer.organisation_id;
    let records = supervision::Entity::find()
        .filter(supervision::Column::OrganisationId.eq(organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .filter(crate::service::access::supervisee_on(viewer))
        .order_by_desc(supervision::Column::HeldOn)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = records.iter().map(|r| r.id).collect();
    let attendees = crate::service::supervision::attendees_of(db, organisation_id, &ids).await?;
    let mut actions: HashMap<Uuid, Vec<supervision_action::Model>> = HashMap::new();
    for action in supervision_action::Entity::find()
        .filter(supervision_action::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_action::Column::SupervisionId.is_in(ids.clone()))
        .all(db)
        .await?
    {
        actions
            .entry(action.supervision_id)
            .or_default()
            .push(action);
    }
    let mut people: Vec<Uuid> = records.iter().map(|r| r.recorded_by).collect();
    people.extend(attendees.values().flatten().map(|a| a.supervisee_id));
    people.extend(actions.values().flatten().map(|a| a.owner_id));
    people.sort_unstable();
    people.dedup();
    let cards = directory::cards(db, organisation_id, &people).await?;
    let name = |id: &Uuid| cards.get(id).map(|c| c.name.clone()).unwrap_or_default();
    let mut comments: HashMap<Uuid, Vec<String>> = HashMap::new();
    for comment in crate::entity::supervision_comment::Entity::find()
        .filter(crate::entity::supervision_comment::Column::OrganisationId.eq(organisation_id))
        .filter(crate::entity::supervision_comment::Column::AuthorId.eq(viewer.staff_id))
        .filter(crate::entity::supervision_comment::Column::SupervisionId.is_in(ids.clone()))
        .order_by_asc(crate::entity::supervision_comment::Column::WrittenAt)
        .all(db)
        .await?
    {
        comments
            .entry(comment.supervision_id)
            .or_default()
            .push(comment.body);
    }
    let my_rows: HashMap<Uuid, &supervision_attendee::Model> = attendees
        .values()
        .flatten()
        .filter(|a| a.supervisee_id == viewer.staff_id)
        .map(|a| (a.supervision_id, a))
        .collect();

    let mut supervisions = Vec::with_capacity(records.len());
    for record in records {
        let own = my_rows.get(&record.id);
        supervisions.push(ExportRecord {
            id: record.id,
            kind: record.kind.label().to_owned(),
            approach: record.approach.map(|a| a.label().to_owned()),
            held_on: record.held_on,
            recorded_at: record.recorded_at,
            duration_minutes: record.duration_minutes,
            mode: record.mode.label().to_owned(),
            location: record.location,
            external_supervisor: record.external_supervisor,
            recorded_by: name(&record.recorded_by),
            supervisees: attendees
                .get(&record.id)
                .map(|rows| rows.iter().map(|a| name(&a.supervisee_id)).collect())
                .unwrap_or_default(),
            experience: record.experience,
            reflection: record.reflection,
            analysis: record.analysis,
            action_plan: record.action_plan,
            notes: record.notes,
            functions: SupervisionFunction::split(&record.functions)
                .map_err(|e| AppError::Internal(e.into()))?
                .into_iter()
                .map(|f| f.label().to_owned())
                .collect(),
            actions: actions
                .remove(&record.id)
                .unwrap_or_default()
                .into_iter()
                .map(|a| ExportAction {
                    owner: name(&a.owner_id),
                    description: a.description,
                    due_on: a.due_on,
                    status: a.status.as_str().to_owned(),
                })
                .collect(),
            my_validation: own
                .map(|a| a.validation_state.label().to_owned())
                .unwrap_or_default(),
            my_validated_at: own.and_then(|a| a.validated_at),
            my_comment: own.and_then(|a| a.supervisee_comment.clone()),
            my_personal_notes: own.and_then(|a| a.personal_notes.clone()),
            my_comments: comments.remove(&record.id).unwrap_or_default(),
        });
    }

    let me = directory::own_record(db, viewer).await?;
    let team = directory::cards(db, organisation_id, &[viewer.staff_id]).await?;
    let export = SubjectAccessExport {
        person: ExportPerson {
            name: me.name,
            email: me.email,
            employee_number: me.employee_number,
            job_title: me.job_title,
            team: team
                .get(&viewer.staff_id)
                .map(|c| c.team_name.clone())
                .unwrap_or_default(),
        },
        organisation: directory::organisation_name(db, viewer).await?,
        exported_at: Utc::now(),
        supervisions,
    };
    audit::record_now(
        db,
        AuditEntry {
            organisation_id,
            actor_id: Some(viewer.staff_id),
            action: "export.subject_access",
            subject_type: "staff",
            subject_id: Some(viewer.staff_id),
            detail: serde_json::json!({ "format": format, "records": export.supervisions.len() }),
        },
    )
    .await?;
    Ok(export)
}
