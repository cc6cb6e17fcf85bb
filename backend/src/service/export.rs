//! Subject access (F7.8): everything a person's own supervision records hold
//! about them, their supervision agreements, wellbeing checks and action
//! plans, observations of their practice as a supervisor, appraisal
//! objectives and the sessions booked with them, as data and as a
//! printable page.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use supervision_shared::SupervisionFunction;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{supervision, supervision_action, supervision_attendee, supervision_comment};
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
    /// Their appraisal objectives (F8.4), open ones first.
    pub appraisal_objectives: Vec<ExportObjective>,
    /// The sessions booked with them (F9.3), newest first.
    pub booked_sessions: Vec<ExportBooking>,
    /// Their supervision agreements as supervisee (F6), newest first.
    pub agreements: Vec<ExportAgreement>,
    /// Their wellbeing checks and action plans (F3.9), open ones first.
    pub wellbeing: Vec<ExportWellbeing>,
    /// Observations of their practice as a supervisor (F8.3), newest first.
    pub observations_of_my_practice: Vec<ExportObservation>,
}

/// A supervision agreement, with what each heading says.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportAgreement {
    pub supervisor: String,
    pub relationship: String,
    pub starts_on: NaiveDate,
    pub review_by: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub in_force_since: Option<DateTime<Utc>>,
    pub frequency_days: i32,
    pub frequency_reason: String,
    pub duration_minutes: i32,
    pub venue: String,
    pub sections: Vec<ExportSection>,
}

/// One heading of an agreement and what was written under it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportSection {
    pub heading: String,
    pub text: String,
}

/// A wellbeing check or action plan.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportWellbeing {
    pub kind: String,
    pub summary: String,
    pub actions: String,
    pub review_by: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub written_at: DateTime<Utc>,
}

/// An observation of the person's practice in supervision.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportObservation {
    pub observed_on: NaiveDate,
    pub observer: String,
    pub strengths: String,
    pub development_points: String,
    pub my_comment: String,
    pub signed_by_me_at: Option<DateTime<Utc>>,
}

/// An appraisal objective.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportObjective {
    pub title: String,
    pub due_on: Option<NaiveDate>,
    pub achieved_on: Option<NaiveDate>,
}

/// A session booked with them, and how it ended.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExportBooking {
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub booked_by: String,
    pub place: Option<String>,
    pub video_link: Option<String>,
    pub status: String,
    pub called_off_by: Option<String>,
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
    let records = supervision::Entity::find()
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .filter(crate::service::access::supervisee_on(viewer))
        .order_by_desc(supervision::Column::HeldOn)
        .all(db)
        .await?;
    let mut parts = Parts::of(db, viewer, &records).await?;
    let supervisions = records
        .into_iter()
        .map(|record| parts.export(record, viewer.staff_id))
        .collect::<AppResult<Vec<_>>>()?;
    let export = SubjectAccessExport {
        person: person(db, viewer).await?,
        organisation: directory::organisation_name(db, viewer).await?,
        exported_at: Utc::now(),
        supervisions,
        appraisal_objectives: objectives(db, viewer).await?,
        booked_sessions: bookings(db, viewer).await?,
        agreements: agreements(db, viewer).await?,
        wellbeing: wellbeing(db, viewer).await?,
        observations_of_my_practice: observations(db, viewer).await?,
    };
    audit::record_now(
        db,
        AuditEntry {
            organisation_id: viewer.organisation_id,
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

/// The person's appraisal objectives, as their own page lists them.
async fn objectives(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<ExportObjective>> {
    Ok(
        crate::service::objective::of_person(db, viewer, viewer.staff_id)
            .await?
            .into_iter()
            .map(|o| ExportObjective {
                title: o.title,
                due_on: o.due_on,
                achieved_on: o.achieved_on,
            })
            .collect(),
    )
}

/// The sessions booked with the person as a supervisee, newest first.
async fn bookings(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<ExportBooking>> {
    use crate::entity::{session_booking, session_booking_attendee};
    let mine: Vec<Uuid> = session_booking_attendee::Entity::find()
        .filter(session_booking_attendee::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(session_booking_attendee::Column::StaffId.eq(viewer.staff_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.booking_id)
        .collect();
    let rows = session_booking::Entity::find()
        .filter(session_booking::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(session_booking::Column::Id.is_in(mine))
        .order_by_desc(session_booking::Column::StartsAt)
        .all(db)
        .await?;
    let organisers: Vec<Uuid> = rows.iter().map(|r| r.organiser_id).collect();
    let cards = directory::cards(db, viewer.organisation_id, &organisers).await?;
    Ok(rows
        .into_iter()
        .map(|r| ExportBooking {
            starts_at: r.starts_at,
            ends_at: r.ends_at,
            booked_by: cards
                .get(&r.organiser_id)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            place: r.place,
            video_link: r.video_link,
            status: r.status.label().to_owned(),
            called_off_by: r.called_off_by.map(|by| by.label().to_owned()),
        })
        .collect())
}

/// The person's agreements as supervisee, each heading named as the
/// organisation's template names it.
async fn agreements(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<ExportAgreement>> {
    use crate::service::agreement;
    let rows = agreement::of_person(db, viewer, viewer.staff_id).await?;
    let headings: HashMap<String, String> =
        agreement::headings::headings_of(db, viewer.organisation_id)
            .await?
            .into_iter()
            .map(|h| (h.key, h.heading))
            .collect();
    let supervisors: Vec<Uuid> = rows.iter().map(|(row, _)| row.supervisor_id).collect();
    let cards = directory::cards(db, viewer.organisation_id, &supervisors).await?;
    rows.into_iter()
        .map(|(row, _)| {
            let sections = agreement::sections_of(&row)?
                .into_iter()
                .map(|(key, text)| ExportSection {
                    heading: headings.get(&key).cloned().unwrap_or(key),
                    text,
                })
                .collect();
            Ok(ExportAgreement {
                supervisor: cards
                    .get(&row.supervisor_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default(),
                relationship: agreement::relationship_of(&row)?.label().to_owned(),
                starts_on: row.starts_on,
                review_by: row.review_by,
                ended_on: row.ended_on,
                in_force_since: row.in_force_at,
                frequency_days: row.frequency_days,
                frequency_reason: row.frequency_reason,
                duration_minutes: row.duration_minutes,
                venue: row.venue,
                sections,
            })
        })
        .collect()
}

/// The person's wellbeing checks and action plans, as their page lists them.
async fn wellbeing(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<ExportWellbeing>> {
    Ok(
        crate::service::wellbeing::of_person(db, viewer, viewer.staff_id)
            .await?
            .into_iter()
            .map(|w| ExportWellbeing {
                kind: w.kind.label().to_owned(),
                summary: w.summary,
                actions: w.actions,
                review_by: w.review_by,
                closed_on: w.closed_on,
                written_at: w.created_at,
            })
            .collect(),
    )
}

/// Observations of the person's practice as a supervisor (none for
/// someone never observed).
async fn observations(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> AppResult<Vec<ExportObservation>> {
    let rows = match crate::service::quality::observation::of_supervisor(
        db,
        viewer,
        viewer.staff_id,
    )
    .await
    {
        Ok(rows) => rows,
        Err(AppError::NotFound) => Vec::new(),
        Err(e) => return Err(e),
    };
    let observers: Vec<Uuid> = rows.iter().map(|r| r.observer_id).collect();
    let cards = directory::cards(db, viewer.organisation_id, &observers).await?;
    Ok(rows
        .into_iter()
        .map(|r| ExportObservation {
            observed_on: r.observed_on,
            observer: cards
                .get(&r.observer_id)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            strengths: r.strengths,
            development_points: r.development_points,
            my_comment: r.supervisor_comment,
            signed_by_me_at: r.supervisor_signed_at,
        })
        .collect())
}

/// The person, as the directory holds them.
async fn person(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<ExportPerson> {
    let me = directory::own_record(db, viewer).await?;
    let team = directory::cards(db, viewer.organisation_id, &[viewer.staff_id])
        .await?
        .remove(&viewer.staff_id)
        .map(|card| card.team_name)
        .unwrap_or_default();
    Ok(ExportPerson {
        name: me.name,
        email: me.email,
        employee_number: me.employee_number,
        job_title: me.job_title,
        team,
    })
}

/// What the records hold in other tables, read once for all of them.
struct Parts {
    attendees: HashMap<Uuid, Vec<supervision_attendee::Model>>,
    actions: HashMap<Uuid, Vec<supervision_action::Model>>,
    /// The person's own later comments, oldest first.
    comments: HashMap<Uuid, Vec<String>>,
    /// Everyone named: recorders, supervisees and action owners.
    names: HashMap<Uuid, String>,
}

impl Parts {
    async fn of(
        db: &DatabaseConnection,
        viewer: &Viewer,
        records: &[supervision::Model],
    ) -> AppResult<Self> {
        let organisation_id = viewer.organisation_id;
        let ids: Vec<Uuid> = records.iter().map(|r| r.id).collect();
        let ids = ids.as_slice();
        let attendees = crate::service::supervision::attendees_of(db, organisation_id, ids).await?;
        let mut actions: HashMap<Uuid, Vec<supervision_action::Model>> = HashMap::new();
        for action in supervision_action::Entity::find()
            .filter(supervision_action::Column::OrganisationId.eq(organisation_id))
            .filter(supervision_action::Column::SupervisionId.is_in(ids.iter().copied()))
            .all(db)
            .await?
        {
            actions
                .entry(action.supervision_id)
                .or_default()
                .push(action);
        }
        let mut comments: HashMap<Uuid, Vec<String>> = HashMap::new();
        for comment in supervision_comment::Entity::find()
            .filter(supervision_comment::Column::OrganisationId.eq(organisation_id))
            .filter(supervision_comment::Column::AuthorId.eq(viewer.staff_id))
            .filter(supervision_comment::Column::SupervisionId.is_in(ids.iter().copied()))
            .order_by_asc(supervision_comment::Column::WrittenAt)
            .all(db)
            .await?
        {
            comments
                .entry(comment.supervision_id)
                .or_default()
                .push(comment.body);
        }
        let mut people: Vec<Uuid> = attendees
            .values()
            .flatten()
            .map(|a| a.supervisee_id)
            .collect();
        people.extend(actions.values().flatten().map(|a| a.owner_id));
        people.extend(records.iter().map(|r| r.recorded_by));
        people.sort_unstable();
        people.dedup();
        let names = directory::cards(db, organisation_id, &people)
            .await?
            .into_iter()
            .map(|(id, card)| (id, card.name))
            .collect();
        Ok(Self {
            attendees,
            actions,
            comments,
            names,
        })
    }

    fn name(&self, id: &Uuid) -> String {
        self.names.get(id).cloned().unwrap_or_default()
    }

    /// One record as the export writes it, with `person`'s own validation.
    fn export(&mut self, record: supervision::Model, person: Uuid) -> AppResult<ExportRecord> {
        let attendees = self
            .attendees
            .get(&record.id)
            .map(Vec::as_slice)
            .unwrap_or_default();
        let own = attendees.iter().find(|a| a.supervisee_id == person);
        Ok(ExportRecord {
            id: record.id,
            kind: record.kind.label().to_owned(),
            approach: record.approach.map(|a| a.label().to_owned()),
            held_on: record.held_on,
            recorded_at: record.recorded_at,
            duration_minutes: record.duration_minutes,
            mode: record.mode.label().to_owned(),
            recorded_by: self.name(&record.recorded_by),
            supervisees: attendees
                .iter()
                .map(|a| self.name(&a.supervisee_id))
                .collect(),
            functions: SupervisionFunction::split(&record.functions)
                .map_err(|e| AppError::Internal(e.into()))?
                .into_iter()
                .map(|f| f.label().to_owned())
                .collect(),
            actions: self
                .actions
                .get(&record.id)
                .into_iter()
                .flatten()
                .map(|a| ExportAction {
                    owner: self.name(&a.owner_id),
                    description: a.description.clone(),
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
            my_comments: self.comments.remove(&record.id).unwrap_or_default(),
            location: record.location,
            external_supervisor: record.external_supervisor,
            experience: record.experience,
            reflection: record.reflection,
            analysis: record.analysis,
            action_plan: record.action_plan,
            notes: record.notes,
        })
    }
}
