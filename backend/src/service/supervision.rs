//! Supervision records: recording (one-to-one and group, in one transaction),
//! reading only what the viewer may see, listing, and validation by
//! supervisees (F3, F4, F7.1).

use std::collections::{HashMap, HashSet};

use base64::Engine;
use chrono::{NaiveDate, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use supervision_shared::case::{ReferenceFormat, check_cases, worker_of};
use supervision_shared::sharing::BankHolidays;
use supervision_shared::validation::validate_decision;
use supervision_shared::{
    FieldError, RecordDraft, SupervisionFunction, SupervisionKind, ValidationDecision,
    ValidationState, validate_record,
};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{
    case_discussion, staff, supervision, supervision_action, supervision_attendee,
};
use crate::error::{AppError, AppResult};
use crate::service::access::{self, RecordAccess};
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::ACTIVE;
use crate::service::notify::{self, Links, ValidationRequest};
use crate::service::outbox::{self, Mail};

/// The organisation's rules a new record is checked against.
#[derive(Debug, Clone)]
pub struct RecordingRules {
    /// For the 10 working days within which a record is shared (F4.3).
    pub holidays: BankHolidays,
    /// The shape of a case reference (F3.7).
    pub case_reference: ReferenceFormat,
}

/// A record together with how the viewer may see it.
#[derive(Debug, Clone)]
pub struct VisibleRecord {
    /// The stored record.
    pub record: supervision::Model,
    /// What the viewer may see of it.
    pub access: RecordAccess,
}

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
    // Report every problem at once: the rules that need no database, and
    // supervisees who are not current colleagues.
    let mut errors = validate_record(&draft, viewer.staff_id, today)
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
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }

    // Sent before (a retry after a lost answer): the record made then.
    if let Some(key) = draft.submission_key
        && let Some(earlier) = submitted_with(db, viewer, key).await?
    {
        return find_visible(db, viewer, earlier).await;
    }
    let id = Uuid::now_v7();
    let organisation_id = viewer.organisation_id;
    let kind = draft.kind;
    let supervisee_ids = draft.supervisee_ids.clone();
    let row = supervision::ActiveModel {
        id: Set(id),
        organisation_id: Set(organisation_id),
        kind: Set(draft.kind.as_str().to_owned()),
        approach: Set(draft.approach.map(|a| a.as_str().to_owned())),
        held_on: Set(draft.held_on),
        recorded_at: Set(Utc::now()),
        duration_minutes: Set(i32::try_from(draft.duration_minutes).unwrap_or(i32::MAX)),
        mode: Set(draft.mode.as_str().to_owned()),
        location: Set(draft.location.trim().to_owned()),
        external_supervisor: Set(draft
            .external_supervisor
            .as_ref()
            .map(|s| s.trim().to_owned())),
        recorded_by: Set(viewer.staff_id),
        experience: Set(draft.experience),
        reflection: Set(draft.reflection),
        analysis: Set(draft.analysis),
        action_plan: Set(draft.action_plan),
        notes: Set(draft.notes),
        functions: Set(SupervisionFunction::join(&draft.functions)),
        submission_key: Set(draft.submission_key),
        shared_late: Set(rules.holidays.shared_late(draft.held_on, today)),
        version: Set(1),
        removed_at: Set(None),
    };
    let attendees: Vec<supervision_attendee::ActiveModel> = draft
        .supervisee_ids
        .iter()
        .map(|&supervisee_id| supervision_attendee::ActiveModel {
            id: Set(Uuid::now_v7()),
            organisation_id: Set(organisation_id),
            supervision_id: Set(id),
            supervisee_id: Set(supervisee_id),
            validation_state: Set(ValidationState::Awaiting.as_str().to_owned()),
            validated_at: Set(None),
            supervisee_comment: Set(None),
            personal_notes: Set(None),
        })
        .collect();
    let first_supervisee = draft
        .supervisee_ids
        .first()
        .copied()
        .unwrap_or(viewer.staff_id);
    let actions: Vec<supervision_action::ActiveModel> = draft
        .actions
        .iter()
        .map(|action| supervision_action::ActiveModel {
            id: Set(Uuid::now_v7()),
            organisation_id: Set(organisation_id),
            supervision_id: Set(id),
            description: Set(action.description.trim().to_owned()),
            owner_id: Set(action.owner_id.unwrap_or(first_supervisee)),
            due_on: Set(action.due_on),
            status: Set("open".to_owned()),
        })
        .collect();

    let cases: Vec<case_discussion::ActiveModel> = draft
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

    // Each supervisee is asked to validate, by an email written in the same
    // transaction as the record (F4.1).
    let requests: Vec<Mail> = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .filter(staff::Column::Id.is_in(supervisee_ids.iter().copied()))
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
                kind,
                draft.held_on,
            )
        })
        .collect();

    let submission_key = draft.submission_key;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    if let Err(err) = supervision::Entity::insert(row)
        .exec_without_returning(&txn)
        .await
    {
        // Two copies of one submission raced: the other one won; answer with it.
        if let (Some(key), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) =
            (submission_key, err.sql_err())
        {
            txn.rollback().await?;
            if let Some(earlier) = submitted_with(db, viewer, key).await? {
                return find_visible(db, viewer, earlier).await;
            }
        }
        return Err(err.into());
    }
    supervision_attendee::Entity::insert_many(attendees)
        .exec_without_returning(&txn)
        .await?;
    crate::service::attendance::refresh(&txn, viewer.organisation_id, id).await?;
    if !actions.is_empty() {
        supervision_action::Entity::insert_many(actions)
            .exec_without_returning(&txn)
            .await?;
    }
    if !cases.is_empty() {
        case_discussion::Entity::insert_many(cases)
            .exec_without_returning(&txn)
            .await?;
    }
    outbox::enqueue(&txn, requests).await?;
    if let Some(key) = submission_key {
        crate::service::drafts::submitted(&txn, viewer, key).await?;
    }
    audit::record(
        &txn,
        AuditEntry {
            organisation_id,
            actor_id: Some(viewer.staff_id),
            action: "supervision.create",
            subject_type: "supervision",
            subject_id: Some(id),
            detail: serde_json::json!({ "kind": kind.as_str(), "supervisees": supervisee_ids }),
        },
    )
    .await?;
    txn.commit().await?;

    find_visible(db, viewer, id).await
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
    let found: HashSet<Uuid> = staff::Entity::find()
        .select_only()
        .column(staff::Column::Id)
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff::Column::Status.eq(ACTIVE))
        .filter(staff::Column::Id.is_in(ids.iter().copied()))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(supervisees_not_in(
        ids,
        &found,
        "No current member of staff has this id.",
    ))
}

/// A record the viewer may know about, or `NotFound`: a record of another
/// organisation, or one the viewer has no part in and no oversight of, is
/// indistinguishable from one that does not exist. A read under a grant is
/// logged before the record is returned.
pub async fn find_visible(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<VisibleRecord> {
    let record = record_in_organisation(db, viewer.organisation_id, id).await?;
    let supervisees = supervisee_ids(db, viewer.organisation_id, id).await?;
    let access = access::access_to(db, viewer, &record, &supervisees, Utc::now())
        .await?
        .ok_or(AppError::NotFound)?;
    if let RecordAccess::Granted { grant_id } = access {
        access::log_privileged_read(db, viewer, grant_id, id, &supervisees).await?;
    }
    Ok(VisibleRecord { record, access })
}

async fn supervisee_ids(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<Vec<Uuid>> {
    Ok(supervision_attendee::Entity::find()
        .select_only()
        .column(supervision_attendee::Column::SuperviseeId)
        .filter(supervision_attendee::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_attendee::Column::SupervisionId.eq(supervision_id))
        .into_tuple()
        .all(db)
        .await?)
}

/// A person's supervision history as the viewer may see it: their own, or
/// as someone who oversees them (metadata only, F7.2), or under a grant for
/// their file. Records the viewer may not know about are left out.
pub async fn list_for_person(
    db: &DatabaseConnection,
    viewer: &Viewer,
    person: Uuid,
    limit: u64,
) -> AppResult<Vec<VisibleRecord>> {
    let today = viewer.today();
    // A person of another organisation, or no one at all, is not found,
    // whatever roles the viewer holds.
    crate::service::directory::staff_in_organisation(db, viewer.organisation_id, person).await?;
    let allowed = person == viewer.staff_id
        || access::oversees_any(db, viewer, &[person], today).await?
        || viewer.has_role(supervision_shared::Role::HrAdmin);
    if !allowed {
        return Err(AppError::NotFound);
    }
    let records = supervision::Entity::find()
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .filter(
            supervision::Column::Id.in_subquery(
                Query::select()
                    .column(supervision_attendee::Column::SupervisionId)
                    .from(supervision_attendee::Entity)
                    .and_where(
                        supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id),
                    )
                    .and_where(supervision_attendee::Column::SuperviseeId.eq(person))
                    .to_owned(),
            ),
        )
        .order_by_desc(supervision::Column::HeldOn)
        .order_by_desc(supervision::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let ids: Vec<Uuid> = records.iter().map(|r| r.id).collect();
    let attendees = attendees_of(db, viewer.organisation_id, &ids).await?;
    let now = Utc::now();
    let mut visible = Vec::with_capacity(records.len());
    for record in records {
        let supervisees: Vec<Uuid> = attendees
            .get(&record.id)
            .map(|rows| rows.iter().map(|a| a.supervisee_id).collect())
            .unwrap_or_default();
        // Listing never counts as reading content: grant reads are logged
        // when a record is opened.
        if let Some(access) = access::access_to(db, viewer, &record, &supervisees, now).await? {
            visible.push(VisibleRecord { record, access });
        }
    }
    Ok(visible)
}

/// Condition: the viewer recorded the record or is one of its supervisees.
fn participant_condition(viewer: &Viewer) -> Condition {
    Condition::any()
        .add(supervision::Column::RecordedBy.eq(viewer.staff_id))
        .add(
            supervision::Column::Id.in_subquery(
                Query::select()
                    .column(supervision_attendee::Column::SupervisionId)
                    .from(supervision_attendee::Entity)
                    .and_where(
                        supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id),
                    )
                    .and_where(supervision_attendee::Column::SuperviseeId.eq(viewer.staff_id))
                    .to_owned(),
            ),
        )
}

/// Position in the newest-first list of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListCursor {
    /// Date held of the last record seen.
    pub held_on: NaiveDate,
    /// Its id, to break ties between records held on the same day.
    pub id: Uuid,
}

impl ListCursor {
    /// Opaque text for the API.
    pub fn encode(self) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(format!("{}|{}", self.held_on, self.id))
    }

    /// Reads an opaque cursor back; anything malformed is a bad request.
    pub fn decode(text: &str) -> AppResult<Self> {
        let bad = || AppError::invalid("after", "This is not a cursor from a previous page.");
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(text)
            .map_err(|_| bad())?;
        let text = String::from_utf8(bytes).map_err(|_| bad())?;
        let (day, id) = text.split_once('|').ok_or_else(bad)?;
        Ok(Self {
            held_on: day.parse().map_err(|_| bad())?,
            id: id.parse().map_err(|_| bad())?,
        })
    }
}

/// One page of the viewer's own supervisions (as supervisee or recorder),
/// newest first, held between `from` and `to` inclusive.
pub async fn list_mine(
    db: &DatabaseConnection,
    viewer: &Viewer,
    from: NaiveDate,
    to: NaiveDate,
    after: Option<ListCursor>,
    first: u64,
) -> AppResult<(Vec<VisibleRecord>, bool)> {
    if from > to {
        return Err(AppError::invalid(
            "from",
            "The start of the range is after its end.",
        ));
    }
    let mut query = supervision::Entity::find()
        .filter(supervision::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .filter(supervision::Column::HeldOn.between(from, to))
        .filter(participant_condition(viewer));
    if let Some(cursor) = after {
        query = query.filter(
            Condition::any()
                .add(supervision::Column::HeldOn.lt(cursor.held_on))
                .add(
                    Condition::all()
                        .add(supervision::Column::HeldOn.eq(cursor.held_on))
                        .add(supervision::Column::Id.lt(cursor.id)),
                ),
        );
    }
    let mut rows = query
        .order_by_desc(supervision::Column::HeldOn)
        .order_by_desc(supervision::Column::Id)
        .limit(first + 1)
        .all(db)
        .await?;
    let has_more = rows.len() as u64 > first;
    rows.truncate(usize::try_from(first).unwrap_or(usize::MAX));

    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let as_supervisee: HashSet<Uuid> = supervision_attendee::Entity::find()
        .select_only()
        .column(supervision_attendee::Column::SupervisionId)
        .filter(supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision_attendee::Column::SuperviseeId.eq(viewer.staff_id))
        .filter(supervision_attendee::Column::SupervisionId.is_in(ids))
        .into_tuple::<Uuid>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let records = rows
        .into_iter()
        .map(|record| VisibleRecord {
            access: RecordAccess::Participant {
                recorder: record.recorded_by == viewer.staff_id,
                supervisee: as_supervisee.contains(&record.id),
            },
            record,
        })
        .collect();
    Ok((records, has_more))
}

/// Attendees of these records, grouped by record. Callers pass only ids of
/// records the viewer may see.
pub async fn attendees_of(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, Vec<supervision_attendee::Model>>> {
    let mut grouped: HashMap<Uuid, Vec<supervision_attendee::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(grouped);
    }
    let rows = supervision_attendee::Entity::find()
        .filter(supervision_attendee::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_attendee::Column::SupervisionId.is_in(ids.iter().copied()))
        .order_by_asc(supervision_attendee::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        grouped.entry(row.supervision_id).or_default().push(row);
    }
    Ok(grouped)
}

/// Actions agreed in these records, by record. Callers pass only ids of
/// records whose content the viewer may read.
pub async fn actions_of_records(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    ids: &[Uuid],
) -> AppResult<HashMap<Uuid, Vec<supervision_action::Model>>> {
    let mut grouped: HashMap<Uuid, Vec<supervision_action::Model>> = HashMap::new();
    if ids.is_empty() {
        return Ok(grouped);
    }
    for action in supervision_action::Entity::find()
        .filter(supervision_action::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_action::Column::SupervisionId.is_in(ids.iter().copied()))
        .order_by_asc(supervision_action::Column::Id)
        .all(db)
        .await?
    {
        grouped
            .entry(action.supervision_id)
            .or_default()
            .push(action);
    }
    Ok(grouped)
}

/// A supervisee agrees with the record, or disagrees with their own account
/// (F4.1). The decision is an e-signature: who (the attendee row) and when.
/// They may validate again later; the latest decision stands.
pub async fn validate(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    decision: ValidationDecision,
    comment: &str,
) -> AppResult<VisibleRecord> {
    let visible = find_visible(db, viewer, id).await?;
    if !visible.access.is_supervisee() {
        return Err(AppError::Forbidden);
    }
    validate_decision(decision, comment).map_err(AppError::Validation)?;
    let comment = comment.trim();
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let result = supervision_attendee::Entity::update_many()
        .col_expr(
            supervision_attendee::Column::ValidationState,
            sea_orm::sea_query::Expr::value(decision.resulting_state().as_str()),
        )
        .col_expr(
            supervision_attendee::Column::ValidatedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .col_expr(
            supervision_attendee::Column::SuperviseeComment,
            sea_orm::sea_query::Expr::value((!comment.is_empty()).then(|| comment.to_owned())),
        )
        .filter(supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision_attendee::Column::SupervisionId.eq(id))
        .filter(supervision_attendee::Column::SuperviseeId.eq(viewer.staff_id))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        return Err(AppError::NotFound);
    }
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.validate",
            "supervision",
            id,
            serde_json::json!({ "decision": decision.resulting_state().as_str() }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(visible)
}

/// Someone allocated to the viewer and when they last had formal supervision
/// of the kind the viewer provides (F5.5).
#[derive(Debug, Clone)]
pub struct SuperviseeStatus {
    /// Who they are.
    pub card: crate::service::directory::StaffCard,
    /// How they are allocated to the viewer.
    pub relationship: crate::service::directory::Relationship,
    /// Their last formal supervision of that kind, if any.
    pub last_formal: Option<NaiveDate>,
    /// Where they stand per kind, as at the end of this month (F5.5).
    pub standings: Vec<supervision_shared::compliance::CategoryStanding>,
}

/// Everyone allocated to the viewer, longest without supervision first.
pub async fn my_supervisees(
    db: &DatabaseConnection,
    viewer: &Viewer,
    today: NaiveDate,
) -> AppResult<Vec<SuperviseeStatus>> {
    use crate::service::{compliance, directory};
    let allocated = directory::allocated_to(db, viewer, today).await?;
    let ids: Vec<Uuid> = allocated.iter().map(|a| a.staff_id).collect();
    let cards = directory::cards(db, viewer.organisation_id, &ids).await?;
    let people = staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?;
    // As the dashboard judges: at the end of this month.
    let as_at = supervision_shared::compliance::end_of_month(today);
    let mut standings =
        compliance::standings_of(db, viewer.organisation_id, &people, as_at).await?;
    let mut supervisees: Vec<SuperviseeStatus> = allocated
        .into_iter()
        .filter_map(|a| {
            let standings = standings.get(&a.staff_id).cloned().unwrap_or_default();
            let last_formal = standings
                .iter()
                .find(|s| s.category == a.relationship.category())
                .and_then(|s| s.last.filter(|d| *d <= today));
            Some(SuperviseeStatus {
                card: cards.get(&a.staff_id)?.clone(),
                relationship: a.relationship,
                last_formal,
                standings,
            })
        })
        .collect();
    standings.clear();
    // Most urgent first, by the kind of supervision this relationship
    // provides: overdue, never had one, due soon, compliant; then the
    // soonest due; then by name.
    supervisees.sort_by_key(|s| {
        let own = s
            .standings
            .iter()
            .find(|c| c.category == s.relationship.category());
        (
            own.map_or(1, |c| compliance::urgency(c.status)),
            own.and_then(|c| c.next_due),
            s.card.name.clone(),
        )
    });
    Ok(supervisees)
}

/// A group member's own notes on a record, which only they can read (F3.4).
pub async fn save_personal_notes(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    notes: &str,
) -> AppResult<VisibleRecord> {
    let visible = find_visible(db, viewer, id).await?;
    if !visible.access.is_supervisee() {
        return Err(AppError::Forbidden);
    }
    if notes.chars().count() > supervision_shared::limits::SECTION_MAX_CHARS {
        return Err(AppError::Validation(vec![FieldError::too_long(
            "notes",
            supervision_shared::limits::SECTION_MAX_CHARS,
        )]));
    }
    let notes = notes.trim();
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    supervision_attendee::Entity::update_many()
        .col_expr(
            supervision_attendee::Column::PersonalNotes,
            sea_orm::sea_query::Expr::value((!notes.is_empty()).then(|| notes.to_owned())),
        )
        .filter(supervision_attendee::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(supervision_attendee::Column::SupervisionId.eq(id))
        .filter(supervision_attendee::Column::SuperviseeId.eq(viewer.staff_id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.personal_notes",
            "supervision",
            id,
            serde_json::json!({}),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(visible)
}

/// A record of this organisation, or `NotFound`, whoever asks. Callers decide
/// access separately; this only keeps tenants apart.
pub async fn record_in_organisation(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    id: Uuid,
) -> AppResult<supervision::Model> {
    supervision::Entity::find_by_id(id)
        .filter(supervision::Column::OrganisationId.eq(organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
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

/// A supervisee adds a comment to their record, at any time (F4.2). The
/// comments stay with the record, each signed and dated.
pub async fn add_comment(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    body: &str,
) -> AppResult<VisibleRecord> {
    use crate::entity::supervision_comment;
    let visible = find_visible(db, viewer, id).await?;
    if !visible.access.is_supervisee() {
        return Err(AppError::Forbidden);
    }
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::invalid("comment", "Write your comment."));
    }
    if body.chars().count() > supervision_shared::limits::COMMENT_MAX_CHARS {
        return Err(AppError::Validation(vec![FieldError::too_long(
            "comment",
            supervision_shared::limits::COMMENT_MAX_CHARS,
        )]));
    }
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    supervision_comment::Entity::insert(supervision_comment::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        supervision_id: Set(id),
        author_id: Set(viewer.staff_id),
        body: Set(body.to_owned()),
        written_at: Set(Utc::now()),
    })
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.comment",
            "supervision",
            id,
            serde_json::json!({}),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(visible)
}

/// Comments on a record, oldest first.
pub async fn comments_of(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    supervision_id: Uuid,
) -> AppResult<Vec<crate::entity::supervision_comment::Model>> {
    use crate::entity::supervision_comment;
    Ok(supervision_comment::Entity::find()
        .filter(supervision_comment::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_comment::Column::SupervisionId.eq(supervision_id))
        .order_by_asc(supervision_comment::Column::WrittenAt)
        .all(db)
        .await?)
}
