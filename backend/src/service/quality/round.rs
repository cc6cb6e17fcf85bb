//! Dip-sample audit rounds (F8.1). Someone allowed the audit purpose draws
//! a random, reproducible sample of the records held in a period, in a scope
//! of units, of the kinds asked for. Each record drawn is opened to them for
//! the audit purpose until the round closes: a grant per record, so every
//! read is logged and shown to the record's supervisees, and nothing outside
//! the sample becomes readable. An auditor samples the whole organisation; a
//! senior manager the organisation may allow the purpose samples only units
//! they oversee.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use supervision_shared::quality::{SampleSize, draw_sample, validate_round};
use supervision_shared::{AccessPurpose, FieldError, Role, SupervisionKind};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::config::AccessPolicy;
use crate::entity::{
    access_grant, audit_round, audit_round_record, audit_score, staff, supervision,
    supervision_action, supervision_attendee,
};
use crate::error::{AppError, AppResult};
use crate::service::access::{senior_manager_scope, units_within};
use crate::service::audit::{self, AuditEntry};

/// What a round samples.
#[derive(Debug, Clone)]
pub struct RoundRequest {
    /// What the auditor calls it, e.g. "Quarter 3 dip sample".
    pub title: String,
    /// The first day of the period whose sessions are sampled.
    pub period_from: NaiveDate,
    /// The last day.
    pub period_to: NaiveDate,
    /// The units (each with everything below it) whose staff's records are
    /// sampled; none for the whole organisation, or a senior manager's whole
    /// scope.
    pub unit_ids: Vec<Uuid>,
    /// The kinds of supervision sampled.
    pub kinds: Vec<SupervisionKind>,
    /// How many.
    pub size: SampleSize,
    /// The last day the records drawn may be read for the audit.
    pub closes_on: NaiveDate,
}

/// A round and the records it drew, in draw order.
#[derive(Debug, Clone)]
pub struct Round {
    /// The round.
    pub round: audit_round::Model,
    /// Each record drawn: its id, the day it was held and its kind (no
    /// content: that is read under the round's grant, and logged).
    pub records: Vec<Sampled>,
}

/// A record drawn into a round.
#[derive(Debug, Clone)]
pub struct Sampled {
    /// 1 for the first drawn.
    pub position: i32,
    /// The record.
    pub supervision_id: Uuid,
    /// When it was held.
    pub held_on: NaiveDate,
    /// Its kind.
    pub kind: SupervisionKind,
    /// Its scores against the audit tool in this round, in the tool's
    /// order; none until it is scored.
    pub scores: Vec<audit_score::Model>,
    /// The findings the round raised on it as actions, oldest first.
    pub findings: Vec<supervision_action::Model>,
}

/// Draws a round: checks the request, finds the eligible records, draws the
/// sample with a new random seed, and opens each record drawn to the viewer
/// for the audit purpose until the round closes, all in one transaction.
pub async fn draw(
    db: &sea_orm::DatabaseConnection,
    viewer: &Viewer,
    policy: &AccessPolicy,
    request: RoundRequest,
) -> AppResult<Round> {
    let today = viewer.today();
    let errors = validate_round(
        &request.title,
        (request.period_from, request.period_to),
        &request.kinds,
        request.size,
        (request.closes_on - today).num_days(),
    );
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if !policy.allows(&viewer.roles, AccessPurpose::AuditQa) {
        return Err(AppError::Forbidden);
    }
    let units = scope(db, viewer, &request.unit_ids).await?;
    let eligible = eligible(db, viewer.organisation_id, &request, units.as_ref()).await?;
    if eligible.is_empty() {
        return Err(AppError::Validation(vec![FieldError::new(
            "periodFrom",
            "No records of these kinds were held in this period in these units: change the period, the kinds or the units.",
        )]));
    }
    // Random, and kept: the same seed over the same eligible records draws
    // the same sample again.
    let seed = Uuid::new_v4().as_u64_pair().0;
    let drawn = draw_sample(&eligible, request.size.of(eligible.len()), seed);
    let closes_at = end_of_day(viewer, request.closes_on);
    let now = Utc::now();
    let round = audit_round::Model {
        id: Uuid::now_v7(),
        organisation_id: viewer.organisation_id,
        title: request.title.trim().to_owned(),
        period_from: request.period_from,
        period_to: request.period_to,
        unit_ids: serde_json::to_string(&request.unit_ids).unwrap_or_else(|_| "[]".into()),
        kinds: request
            .kinds
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>()
            .join(","),
        // The seed's bits, kept as they are.
        seed: i64::from_ne_bytes(seed.to_ne_bytes()),
        eligible_count: i32::try_from(eligible.len()).unwrap_or(i32::MAX),
        drawn_by: viewer.staff_id,
        drawn_at: now,
        closes_at,
    };

    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    audit_round::Entity::insert(audit_round::ActiveModel::from(round.clone()))
        .exec_without_returning(&txn)
        .await?;
    let rows = drawn
        .iter()
        .zip(1..)
        .map(|(&supervision_id, position)| {
            audit_round_record::ActiveModel::from(audit_round_record::Model {
                id: Uuid::now_v7(),
                organisation_id: viewer.organisation_id,
                round_id: round.id,
                supervision_id,
                position,
            })
        })
        .collect::<Vec<_>>();
    audit_round_record::Entity::insert_many(rows)
        .exec_without_returning(&txn)
        .await?;
    let reason = format!("Dip-sample audit: {}", round.title);
    let grants = drawn.iter().map(|&supervision_id| {
        access_grant::ActiveModel::from(access_grant::Model {
            id: Uuid::now_v7(),
            organisation_id: viewer.organisation_id,
            grantee_id: viewer.staff_id,
            supervision_id: Some(supervision_id),
            person_id: None,
            agreement_id: None,
            purpose: AccessPurpose::AuditQa,
            reason: reason.clone(),
            granted_at: now,
            expires_at: closes_at,
        })
    });
    access_grant::Entity::insert_many(grants.collect::<Vec<_>>())
        .exec_without_returning(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "audit_round.draw",
            "audit_round",
            round.id,
            serde_json::json!({
                "eligible": eligible.len(),
                "drawn": drawn.len(),
                "seed": seed.to_string(),
                "closes_at": closes_at,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    let records = sampled(db, viewer.organisation_id, round.id).await?;
    Ok(Round { round, records })
}

/// The units whose staff's records may be drawn: `None` for the whole
/// organisation (an auditor asking for no units). A senior manager draws
/// only within what they oversee: asking for none means all of it, and a
/// unit outside it is refused.
async fn scope(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    asked: &[Uuid],
) -> AppResult<Option<HashSet<Uuid>>> {
    // A unit of another organisation is not in this one's tree: not found,
    // as if it did not exist.
    let known = crate::service::units::all_parents(db, viewer.organisation_id).await?;
    if asked.iter().any(|u| !known.contains_key(u)) {
        return Err(AppError::NotFound);
    }
    let within = units_within(db, viewer.organisation_id, asked).await?;
    if viewer.has_role(Role::Auditor) {
        return Ok((!asked.is_empty()).then_some(within));
    }
    let oversees = senior_manager_scope(db, viewer).await?;
    if oversees.is_empty() || asked.iter().any(|u| !oversees.contains(u)) {
        return Err(AppError::Forbidden);
    }
    Ok(Some(if asked.is_empty() { oversees } else { within }))
}

/// The eligible records' ids, in id order (the order the seed draws from):
/// held in the period, of the kinds asked, not removed, and with a
/// supervisee who is in one of the units today.
async fn eligible(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    request: &RoundRequest,
    units: Option<&HashSet<Uuid>>,
) -> AppResult<Vec<Uuid>> {
    let mut select = supervision::Entity::find()
        .select_only()
        .column(supervision::Column::Id)
        .filter(supervision::Column::OrganisationId.eq(organisation_id))
        .filter(supervision::Column::RemovedAt.is_null())
        .filter(supervision::Column::Kind.is_in(request.kinds.iter().copied()))
        .filter(supervision::Column::HeldOn.between(request.period_from, request.period_to))
        .order_by_asc(supervision::Column::Id);
    if let Some(units) = units {
        let in_units = Query::select()
            .column((
                supervision_attendee::Entity,
                supervision_attendee::Column::SupervisionId,
            ))
            .from(supervision_attendee::Entity)
            .inner_join(
                staff::Entity,
                Expr::col((staff::Entity, staff::Column::Id)).equals((
                    supervision_attendee::Entity,
                    supervision_attendee::Column::SuperviseeId,
                )),
            )
            .and_where(
                Expr::col((staff::Entity, staff::Column::OrgUnitId)).is_in(units.iter().copied()),
            )
            .to_owned();
        select = select.filter(supervision::Column::Id.in_subquery(in_units));
    }
    Ok(select.into_tuple().all(db).await?)
}

/// The rounds the viewer may see, newest first, each with its records:
/// every round of the organisation for an auditor, the ones they drew for
/// anyone else allowed the audit purpose. Rounds are few (a handful a
/// year), so each is read whole.
pub async fn rounds(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    policy: &AccessPolicy,
) -> AppResult<Vec<Round>> {
    if !policy.allows(&viewer.roles, AccessPurpose::AuditQa) {
        return Err(AppError::Forbidden);
    }
    let mut select = audit_round::Entity::find()
        .filter(audit_round::Column::OrganisationId.eq(viewer.organisation_id))
        .order_by_desc(audit_round::Column::DrawnAt);
    if !viewer.has_role(Role::Auditor) {
        select = select.filter(audit_round::Column::DrawnBy.eq(viewer.staff_id));
    }
    let mut found = Vec::new();
    for round in select.all(db).await? {
        let records = sampled(db, viewer.organisation_id, round.id).await?;
        found.push(Round { round, records });
    }
    Ok(found)
}

/// How many records of the viewer's own open rounds are not yet scored.
pub async fn to_score(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    policy: &AccessPolicy,
) -> AppResult<u64> {
    if !policy.allows(&viewer.roles, AccessPurpose::AuditQa) {
        return Err(AppError::Forbidden);
    }
    let open: Vec<Uuid> = audit_round::Entity::find()
        .select_only()
        .column(audit_round::Column::Id)
        .filter(audit_round::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(audit_round::Column::DrawnBy.eq(viewer.staff_id))
        .filter(audit_round::Column::ClosesAt.gt(Utc::now()))
        .into_tuple()
        .all(db)
        .await?;
    if open.is_empty() {
        return Ok(0);
    }
    let drawn: Vec<(Uuid, Uuid)> = audit_round_record::Entity::find()
        .select_only()
        .column(audit_round_record::Column::RoundId)
        .column(audit_round_record::Column::SupervisionId)
        .filter(audit_round_record::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(audit_round_record::Column::RoundId.is_in(open.clone()))
        .into_tuple()
        .all(db)
        .await?;
    let scored: HashSet<(Uuid, Uuid)> = audit_score::Entity::find()
        .select_only()
        .column(audit_score::Column::RoundId)
        .column(audit_score::Column::SupervisionId)
        .filter(audit_score::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(audit_score::Column::RoundId.is_in(open))
        .into_tuple::<(Uuid, Uuid)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    Ok(drawn.iter().filter(|pair| !scored.contains(pair)).count() as u64)
}

/// One round with its records, as [`rounds`] lets the viewer see it;
/// anything else is not found.
pub async fn round(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    policy: &AccessPolicy,
    id: Uuid,
) -> AppResult<Round> {
    if !policy.allows(&viewer.roles, AccessPurpose::AuditQa) {
        return Err(AppError::NotFound);
    }
    let round = audit_round::Entity::find_by_id(id)
        .filter(audit_round::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .filter(|r| viewer.has_role(Role::Auditor) || r.drawn_by == viewer.staff_id)
        .ok_or(AppError::NotFound)?;
    let records = sampled(db, viewer.organisation_id, round.id).await?;
    Ok(Round { round, records })
}

/// A round's title, to say where an action raised from it came from.
pub async fn title(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    id: Uuid,
) -> AppResult<Option<String>> {
    Ok(audit_round::Entity::find_by_id(id)
        .filter(audit_round::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?
        .map(|r| r.title))
}

/// A round's records in draw order, with when each was held and its kind.
async fn sampled(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    round_id: Uuid,
) -> AppResult<Vec<Sampled>> {
    let rows = audit_round_record::Entity::find()
        .filter(audit_round_record::Column::OrganisationId.eq(organisation_id))
        .filter(audit_round_record::Column::RoundId.eq(round_id))
        .order_by_asc(audit_round_record::Column::Position)
        .all(db)
        .await?;
    let records: Vec<(Uuid, NaiveDate, SupervisionKind)> = supervision::Entity::find()
        .select_only()
        .column(supervision::Column::Id)
        .column(supervision::Column::HeldOn)
        .column(supervision::Column::Kind)
        .filter(supervision::Column::OrganisationId.eq(organisation_id))
        .filter(supervision::Column::Id.is_in(rows.iter().map(|r| r.supervision_id)))
        .into_tuple()
        .all(db)
        .await?;
    let mut scores = audit_score::Entity::find()
        .filter(audit_score::Column::OrganisationId.eq(organisation_id))
        .filter(audit_score::Column::RoundId.eq(round_id))
        .all(db)
        .await?;
    scores.sort_by_key(|s| super::score::in_tool_order(&s.question));
    let findings = supervision_action::Entity::find()
        .filter(supervision_action::Column::OrganisationId.eq(organisation_id))
        .filter(supervision_action::Column::AuditRoundId.eq(round_id))
        .order_by_asc(supervision_action::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let (_, held_on, kind) = records
                .iter()
                .find(|(id, _, _)| *id == row.supervision_id)?;
            Some(Sampled {
                position: row.position,
                supervision_id: row.supervision_id,
                held_on: *held_on,
                kind: *kind,
                scores: scores
                    .iter()
                    .filter(|s| s.supervision_id == row.supervision_id)
                    .cloned()
                    .collect(),
                findings: findings
                    .iter()
                    .filter(|a| a.supervision_id == row.supervision_id)
                    .cloned()
                    .collect(),
            })
        })
        .collect())
}

/// The last moment of a day in the viewer's organisation's time zone.
fn end_of_day(viewer: &Viewer, day: NaiveDate) -> DateTime<Utc> {
    let next = day.succ_opt().unwrap_or(day);
    viewer
        .time_zone
        .from_local_datetime(&next.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .map_or_else(
            || next.and_time(chrono::NaiveTime::MIN).and_utc(),
            |t| t.with_timezone(&Utc),
        )
        - chrono::Duration::seconds(1)
}
