//! The annual supervision questionnaire (F8.2). An auditor or a system
//! administrator starts a cycle with the organisation's questions; everyone
//! who has a line manager or a clinical supervisor that day is invited by
//! email, reminded once a week before it closes (`reminders`), and answers
//! once. The answers are kept apart from the person: the invitation says
//! only that they answered, the response only which groups it counts in.
//! Results are added up for groups the disclosure rules allow
//! ([`results`]).

pub mod results;

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, sea_query::Expr,
};
use supervision_shared::quality::questionnaire::{
    AnswerDraft, Question, QuestionDraft, check_answers, check_cycle, check_questions,
};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{
    allocation, questionnaire_cycle, questionnaire_invitation, questionnaire_response, staff,
};
use crate::error::{AppError, AppResult};
use crate::service::access::runs_questionnaires;
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::{ACTIVE, Relationship, allocation_current_on};
use crate::service::notify::{self, Links};

/// What starting a cycle asks for.
#[derive(Debug, Clone)]
pub struct CycleRequest {
    /// E.g. "Supervision questionnaire 2026".
    pub title: String,
    /// The last day answers are taken.
    pub closes_on: Option<NaiveDate>,
    /// Results only for groups of at least this many.
    pub threshold: u32,
    /// The questions, in order.
    pub questions: Vec<QuestionDraft>,
}

/// How many were asked and how many have answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Participation {
    /// Invited.
    pub invited: u64,
    /// Of them, answered.
    pub answered: u64,
}

/// Whether a cycle takes answers on `day`.
pub fn is_open(cycle: &questionnaire_cycle::Model, day: NaiveDate) -> bool {
    cycle.closed_on.is_none() && cycle.opens_on <= day && day <= cycle.closes_on
}

/// The cycle's questions.
pub fn questions_of(cycle: &questionnaire_cycle::Model) -> AppResult<Vec<Question>> {
    serde_json::from_str(&cycle.questions)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("questions of cycle {}: {e}", cycle.id)))
}

/// Starts a cycle today: checks it, invites everyone who has a line manager
/// or a clinical supervisor today and emails them, in one transaction. One
/// cycle is open at a time.
pub async fn start(
    db: &DatabaseConnection,
    links: &Links,
    viewer: &Viewer,
    request: CycleRequest,
) -> AppResult<questionnaire_cycle::Model> {
    if !runs_questionnaires(viewer) {
        return Err(AppError::Forbidden);
    }
    let today = viewer.today();
    let mut errors = check_cycle(&request.title, request.closes_on, request.threshold, today);
    let questions = match check_questions(&request.questions) {
        Ok(questions) => questions,
        Err(more) => {
            errors.extend(more);
            Vec::new()
        }
    };
    let closes_on = match request.closes_on {
        Some(day) if errors.is_empty() => day,
        _ => return Err(AppError::Validation(errors)),
    };
    if let Some(open) = open_cycle(db, viewer.organisation_id, today).await? {
        return Err(AppError::Conflict(format!(
            "\"{}\" is open until {}: close it before starting another.",
            open.title,
            open.closes_on.format("%-d %B %Y")
        )));
    }
    let invitees = invitees(db, viewer.organisation_id, today).await?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let cycle = questionnaire_cycle::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        title: Set(request.title.trim().to_owned()),
        opens_on: Set(today),
        closes_on: Set(closes_on),
        closed_on: Set(None),
        threshold: Set(i32::try_from(request.threshold).unwrap_or(i32::MAX)),
        questions: Set(serde_json::to_string(&questions)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("questions: {e}")))?),
        started_by: Set(viewer.staff_id),
        started_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await?;
    let rows: Vec<questionnaire_invitation::ActiveModel> = invitees
        .iter()
        .map(|(person, groups)| questionnaire_invitation::ActiveModel {
            id: Set(Uuid::now_v7()),
            organisation_id: Set(viewer.organisation_id),
            cycle_id: Set(cycle.id),
            staff_id: Set(person.id),
            unit_id: Set(groups.unit),
            line_manager_id: Set(groups.line_manager),
            clinical_supervisor_id: Set(groups.clinical_supervisor),
            answered: Set(false),
        })
        .collect();
    for chunk in rows.chunks(500) {
        questionnaire_invitation::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&txn)
            .await?;
    }
    let mails: Vec<_> = invitees
        .iter()
        .map(|(person, _)| notify::questionnaire_invitation(links, person, &cycle, false))
        .collect();
    for chunk in mails.chunks(200) {
        crate::service::outbox::enqueue(&txn, chunk.to_vec()).await?;
    }
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "questionnaire.start",
            "questionnaire_cycle",
            cycle.id,
            serde_json::json!({
                "title": cycle.title,
                "closes_on": cycle.closes_on,
                "threshold": cycle.threshold,
                "invited": invitees.len(),
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(cycle)
}

/// Closes an open cycle today, before its closing day: no answers after.
pub async fn close(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<questionnaire_cycle::Model> {
    if !runs_questionnaires(viewer) {
        return Err(AppError::Forbidden);
    }
    let cycle = find(db, viewer, id).await?;
    let today = viewer.today();
    if !is_open(&cycle, today) {
        return Err(AppError::Conflict(
            "This questionnaire is already closed.".to_owned(),
        ));
    }
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let mut row: questionnaire_cycle::ActiveModel = cycle.into();
    row.closed_on = Set(Some(today));
    let cycle = row.update(&txn).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "questionnaire.close",
            "questionnaire_cycle",
            id,
            serde_json::json!({ "closed_on": today }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(cycle)
}

/// Keeps the viewer's answers to an open cycle they were invited to and
/// have not answered: the invitation is marked answered and the answers
/// kept with no name, in one transaction, so answering twice at once
/// keeps one.
pub async fn answer(
    db: &DatabaseConnection,
    viewer: &Viewer,
    cycle_id: Uuid,
    answers: &[AnswerDraft],
) -> AppResult<()> {
    let cycle = find(db, viewer, cycle_id).await?;
    let invitation = questionnaire_invitation::Entity::find()
        .filter(questionnaire_invitation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(questionnaire_invitation::Column::CycleId.eq(cycle_id))
        .filter(questionnaire_invitation::Column::StaffId.eq(viewer.staff_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !is_open(&cycle, viewer.today()) {
        return Err(AppError::Conflict(
            "This questionnaire has closed: answers are no longer taken.".to_owned(),
        ));
    }
    if invitation.answered {
        return Err(already_answered());
    }
    let questions = questions_of(&cycle)?;
    let answers = check_answers(&questions, answers).map_err(AppError::Validation)?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let claimed = questionnaire_invitation::Entity::update_many()
        .col_expr(
            questionnaire_invitation::Column::Answered,
            Expr::value(true),
        )
        .filter(questionnaire_invitation::Column::Id.eq(invitation.id))
        .filter(questionnaire_invitation::Column::Answered.eq(false))
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(already_answered());
    }
    questionnaire_response::ActiveModel {
        // Random, not time-ordered: nothing in the row says when it came.
        id: Set(Uuid::new_v4()),
        organisation_id: Set(viewer.organisation_id),
        cycle_id: Set(cycle_id),
        unit_id: Set(invitation.unit_id),
        line_manager_id: Set(invitation.line_manager_id),
        clinical_supervisor_id: Set(invitation.clinical_supervisor_id),
        answers: Set(serde_json::to_string(&answers)
            .map_err(|e| AppError::Internal(anyhow::anyhow!("answers: {e}")))?),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "questionnaire.answer",
            "questionnaire_cycle",
            cycle_id,
            serde_json::json!({}),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn already_answered() -> AppError {
    AppError::Conflict("You have already answered this questionnaire: thank you.".to_owned())
}

/// The cycles open today that the viewer was invited to and has not
/// answered.
pub async fn waiting_for(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> AppResult<Vec<questionnaire_cycle::Model>> {
    let today = viewer.today();
    let mine: Vec<Uuid> = questionnaire_invitation::Entity::find()
        .filter(questionnaire_invitation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(questionnaire_invitation::Column::StaffId.eq(viewer.staff_id))
        .filter(questionnaire_invitation::Column::Answered.eq(false))
        .all(db)
        .await?
        .into_iter()
        .map(|i| i.cycle_id)
        .collect();
    if mine.is_empty() {
        return Ok(Vec::new());
    }
    Ok(questionnaire_cycle::Entity::find()
        .filter(questionnaire_cycle::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(questionnaire_cycle::Column::Id.is_in(mine))
        .order_by_asc(questionnaire_cycle::Column::ClosesOn)
        .all(db)
        .await?
        .into_iter()
        .filter(|cycle| is_open(cycle, today))
        .collect())
}

/// The organisation's cycles, newest first, for those who run them or may
/// read some of their results (auditors, senior managers, supervisors);
/// nobody else learns of them.
pub async fn cycles(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> AppResult<Vec<questionnaire_cycle::Model>> {
    let reads_results = runs_questionnaires(viewer)
        || viewer.has_role(supervision_shared::Role::SeniorManager)
        || supervises(db, viewer).await?;
    if !reads_results {
        return Ok(Vec::new());
    }
    Ok(questionnaire_cycle::Entity::find()
        .filter(questionnaire_cycle::Column::OrganisationId.eq(viewer.organisation_id))
        .order_by_desc(questionnaire_cycle::Column::OpensOn)
        .order_by_desc(questionnaire_cycle::Column::StartedAt)
        .all(db)
        .await?)
}

/// Whether the viewer supervises or manages anyone today.
async fn supervises(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<bool> {
    Ok(allocation::Entity::find()
        .filter(allocation::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(allocation::Column::AllocatedToId.eq(viewer.staff_id))
        .filter(allocation_current_on(viewer.today()))
        .count(db)
        .await?
        > 0)
}

/// How many of a cycle's invitees have answered: for those who run
/// questionnaires only.
pub async fn participation(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    cycle_id: Uuid,
) -> AppResult<Option<Participation>> {
    if !runs_questionnaires(viewer) {
        return Ok(None);
    }
    let of_cycle = || {
        questionnaire_invitation::Entity::find()
            .filter(questionnaire_invitation::Column::OrganisationId.eq(viewer.organisation_id))
            .filter(questionnaire_invitation::Column::CycleId.eq(cycle_id))
    };
    Ok(Some(Participation {
        invited: of_cycle().count(db).await?,
        answered: of_cycle()
            .filter(questionnaire_invitation::Column::Answered.eq(true))
            .count(db)
            .await?,
    }))
}

/// A cycle of the viewer's organisation.
pub async fn find(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<questionnaire_cycle::Model> {
    questionnaire_cycle::Entity::find_by_id(id)
        .filter(questionnaire_cycle::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

async fn open_cycle(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    today: NaiveDate,
) -> AppResult<Option<questionnaire_cycle::Model>> {
    Ok(questionnaire_cycle::Entity::find()
        .filter(questionnaire_cycle::Column::OrganisationId.eq(organisation_id))
        .filter(questionnaire_cycle::Column::ClosedOn.is_null())
        .filter(questionnaire_cycle::Column::ClosesOn.gte(today))
        .all(db)
        .await?
        .into_iter()
        .find(|cycle| is_open(cycle, today)))
}

/// The groups a person's answers count in: their team and who supervised
/// them when they were invited.
#[derive(Debug, Clone, Copy)]
pub struct Groups {
    /// Their team.
    pub unit: Uuid,
    /// Their line manager.
    pub line_manager: Option<Uuid>,
    /// Their clinical supervisor.
    pub clinical_supervisor: Option<Uuid>,
}

/// Everyone working today with a line manager or a clinical supervisor,
/// in name order.
pub async fn invitees(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    today: NaiveDate,
) -> AppResult<Vec<(staff::Model, Groups)>> {
    let mut supervisors: HashMap<Uuid, (Option<Uuid>, Option<Uuid>)> = HashMap::new();
    for a in allocation::Entity::find()
        .filter(allocation::Column::OrganisationId.eq(organisation_id))
        .filter(allocation_current_on(today))
        .all(db)
        .await?
    {
        let entry = supervisors.entry(a.staff_id).or_default();
        match Relationship::parse(&a.relationship) {
            Some(Relationship::LineManager) => entry.0 = Some(a.allocated_to_id),
            Some(Relationship::ClinicalSupervisor) => entry.1 = Some(a.allocated_to_id),
            None => {}
        }
    }
    Ok(staff::Entity::find()
        .filter(staff::Column::OrganisationId.eq(organisation_id))
        .filter(staff::Column::Status.eq(ACTIVE))
        .order_by_asc(staff::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|person| {
            let (line_manager, clinical_supervisor) = *supervisors.get(&person.id)?;
            let groups = Groups {
                unit: person.org_unit_id,
                line_manager,
                clinical_supervisor,
            };
            Some((person, groups))
        })
        .collect())
}
