//! Who may see what of a supervision record (F7.1, F7.2, F7.3, F7.5). Every
//! read of a record goes through `access_to`; deny by default: anyone not
//! named here gets nothing, not even the knowledge that the record exists.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use supervision_shared::{AccessPurpose, Role, SupervisionKind};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::{access_grant, allocation, privileged_read, staff, staff_role};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};
use crate::service::directory::{Relationship, allocation_current_on};

/// How the viewer stands towards a record; decides what they may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordAccess {
    /// Recorder or supervisee: may read the content (F7.1).
    Participant {
        /// The viewer wrote the record.
        recorder: bool,
        /// The viewer is one of its supervisees.
        supervisee: bool,
    },
    /// An HR administrator reading a performance management record (F7.5).
    HumanResources,
    /// Opened for a stated purpose under a time-limited grant (F7.3).
    Granted {
        /// The grant; each read under it is logged.
        grant_id: Uuid,
    },
    /// The management chain or a senior manager in scope: may know that the
    /// session took place, never its content (F7.2).
    MetadataOnly,
}

impl RecordAccess {
    /// Whether the sections, notes, actions and comments may be read.
    pub fn may_read_content(self) -> bool {
        !matches!(self, Self::MetadataOnly)
    }

    /// Whether the viewer is a supervisee on the record.
    pub fn is_supervisee(self) -> bool {
        matches!(
            self,
            Self::Participant {
                supervisee: true,
                ..
            }
        )
    }
}

/// The subtree of org units under (and including) the given roots.
pub async fn units_within(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    roots: &[Uuid],
) -> AppResult<HashSet<Uuid>> {
    if roots.is_empty() {
        return Ok(HashSet::new());
    }
    let units = crate::service::units::all_parents(db, organisation_id).await?;
    let mut within: HashSet<Uuid> = roots.iter().copied().collect();
    // The tree is shallow (division, service, team), so a few passes settle it.
    loop {
        let before = within.len();
        for (id, parent) in &units {
            if parent.is_some_and(|p| within.contains(&p)) {
                within.insert(*id);
            }
        }
        if within.len() == before {
            return Ok(within);
        }
    }
}

/// Org units the viewer oversees as a senior manager.
pub(crate) async fn senior_manager_scope(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> AppResult<HashSet<Uuid>> {
    let roots = scope_tops(db, viewer).await?;
    if roots.is_empty() {
        return Ok(HashSet::new());
    }
    units_within(db, viewer.organisation_id, &roots).await
}

/// The units a senior manager's role is granted for: the tops of their
/// scope, each with everything below it. None for anyone else.
async fn scope_tops(db: &impl ConnectionTrait, viewer: &Viewer) -> AppResult<Vec<Uuid>> {
    if !viewer.has_role(Role::SeniorManager) {
        return Ok(Vec::new());
    }
    Ok(staff_role::Entity::find()
        .filter(staff_role::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff_role::Column::StaffId.eq(viewer.staff_id))
        .filter(staff_role::Column::Role.eq(Role::SeniorManager.as_str()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|r| r.org_unit_id)
        .collect())
}

/// The tops of the viewer's senior-manager scope.
pub async fn scope_roots(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
) -> AppResult<Vec<crate::entity::org_unit::Model>> {
    use crate::entity::org_unit;
    let roots = scope_tops(db, viewer).await?;
    if roots.is_empty() {
        return Ok(Vec::new());
    }
    Ok(org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(org_unit::Column::Id.is_in(roots))
        .all(db)
        .await?)
}

/// A unit the viewer may report on, with everything below it: within
/// their senior-manager scope (the unit or one above it is a top of their
/// scope). Anything else is not found, as if it did not exist.
pub async fn unit_in_scope(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    unit: Uuid,
) -> AppResult<crate::service::units::Branch> {
    let roots = scope_tops(db, viewer).await?;
    if roots.is_empty() {
        return Err(AppError::NotFound);
    }
    let branch = crate::service::units::Branch::load(db, viewer.organisation_id, unit).await?;
    if branch.chain_above().iter().any(|u| roots.contains(u)) {
        Ok(branch)
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether the viewer is in the line-management chain above any of `people`
/// today (their line manager, that manager's manager, and so on).
async fn manages_any(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    people: &[Uuid],
    today: chrono::NaiveDate,
) -> AppResult<bool> {
    let mut level: Vec<Uuid> = people.to_vec();
    let mut seen: HashSet<Uuid> = level.iter().copied().collect();
    // A chain longer than this is a data error (or a loop); stop rather than spin.
    for _ in 0..12 {
        if level.is_empty() {
            break;
        }
        let managers: Vec<Uuid> = allocation::Entity::find()
            .select_only()
            .column(allocation::Column::AllocatedToId)
            .filter(allocation::Column::OrganisationId.eq(viewer.organisation_id))
            .filter(allocation::Column::Relationship.eq(Relationship::LineManager.as_str()))
            .filter(allocation::Column::StaffId.is_in(level.clone()))
            .filter(allocation_current_on(today))
            .into_tuple()
            .all(db)
            .await?;
        if managers.contains(&viewer.staff_id) {
            return Ok(true);
        }
        level = managers.into_iter().filter(|m| seen.insert(*m)).collect();
    }
    Ok(false)
}

/// Whether the viewer oversees any of `people`: in their management chain,
/// or a senior manager whose scope holds their team.
pub async fn oversees_any(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    people: &[Uuid],
    today: chrono::NaiveDate,
) -> AppResult<bool> {
    if people.is_empty() {
        return Ok(false);
    }
    Ok(manages_any(db, viewer, people, today).await?
        || in_senior_manager_scope(db, viewer, people).await?)
}

/// Whether the viewer is a senior manager whose scope holds the team of any
/// of `people`.
pub async fn in_senior_manager_scope(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    people: &[Uuid],
) -> AppResult<bool> {
    let scope = senior_manager_scope(db, viewer).await?;
    if scope.is_empty() || people.is_empty() {
        return Ok(false);
    }
    let units: Vec<Uuid> = staff::Entity::find()
        .select_only()
        .column(staff::Column::OrgUnitId)
        .filter(staff::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(staff::Column::Id.is_in(people.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    Ok(units.iter().any(|u| scope.contains(u)))
}

/// The viewer's live grant covering this record or one of its supervisees'
/// files, if any.
async fn live_grant(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    supervision_id: Uuid,
    supervisees: &[Uuid],
    now: DateTime<Utc>,
) -> AppResult<Option<Uuid>> {
    Ok(access_grant::Entity::find()
        .select_only()
        .column(access_grant::Column::Id)
        .filter(access_grant::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(access_grant::Column::GranteeId.eq(viewer.staff_id))
        .filter(access_grant::Column::ExpiresAt.gt(now))
        .filter(
            Condition::any()
                .add(access_grant::Column::SupervisionId.eq(supervision_id))
                .add(access_grant::Column::PersonId.is_in(supervisees.iter().copied())),
        )
        .order_by_desc(access_grant::Column::ExpiresAt)
        .into_tuple()
        .one(db)
        .await?)
}

/// A record of this organisation, or `NotFound`, whoever asks. Callers decide
/// access separately; this only keeps tenants apart.
pub async fn record_in_organisation(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    id: Uuid,
) -> AppResult<crate::entity::supervision::Model> {
    crate::entity::supervision::Entity::find_by_id(id)
        .filter(crate::entity::supervision::Column::OrganisationId.eq(organisation_id))
        .filter(crate::entity::supervision::Column::RemovedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Holds at least one of these roles, or `FORBIDDEN`: the one way a
/// service asks for a role (GraphQL fields use the `HoldsRole` guard).
pub fn require_any_role(viewer: &Viewer, roles: &[Role]) -> AppResult<()> {
    if roles.iter().any(|role| viewer.has_role(*role)) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The records the viewer takes part in, as recorder or supervisee: the
/// condition every list of "my records" filters by (removed ones are the
/// caller's to leave out).
pub fn takes_part(viewer: &Viewer) -> sea_orm::Condition {
    use sea_orm::sea_query::Query;

    use crate::entity::{supervision, supervision_attendee};
    sea_orm::Condition::any()
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

/// Decides the viewer's access to a record of their organisation, or `None`
/// when they may not know it exists.
pub async fn access_to(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    record: &crate::entity::supervision::Model,
    supervisees: &[Uuid],
    now: DateTime<Utc>,
) -> AppResult<Option<RecordAccess>> {
    if record.organisation_id != viewer.organisation_id {
        return Ok(None);
    }
    let recorder = record.recorded_by == viewer.staff_id;
    let supervisee = supervisees.contains(&viewer.staff_id);
    if recorder || supervisee {
        return Ok(Some(RecordAccess::Participant {
            recorder,
            supervisee,
        }));
    }
    // Performance management is for the manager running the procedure, the
    // person and HR only: not the wider chain, not even by grant.
    if record.kind == SupervisionKind::PerformanceManagement.as_str() {
        return Ok(viewer
            .has_role(Role::HrAdmin)
            .then_some(RecordAccess::HumanResources));
    }
    if let Some(grant_id) = live_grant(db, viewer, record.id, supervisees, now).await? {
        return Ok(Some(RecordAccess::Granted { grant_id }));
    }
    let today = crate::service::clock::today_in(viewer.time_zone, now);
    if oversees_any(db, viewer, supervisees, today).await? {
        return Ok(Some(RecordAccess::MetadataOnly));
    }
    Ok(None)
}

/// Logs one read of a record's content under a grant, for the audit log and
/// for each supervisee's "who opened my records".
pub async fn log_privileged_read(
    db: &DatabaseConnection,
    viewer: &Viewer,
    grant_id: Uuid,
    supervision_id: Uuid,
    supervisees: &[Uuid],
) -> AppResult<()> {
    let now = Utc::now();
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    let rows = supervisees
        .iter()
        .map(|&supervisee_id| privileged_read::ActiveModel {
            id: Set(Uuid::now_v7()),
            organisation_id: Set(viewer.organisation_id),
            grant_id: Set(grant_id),
            reader_id: Set(viewer.staff_id),
            supervision_id: Set(supervision_id),
            supervisee_id: Set(supervisee_id),
            read_at: Set(now),
        });
    privileged_read::Entity::insert_many(rows)
        .exec_without_returning(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "supervision.privileged_read",
            "supervision",
            supervision_id,
            serde_json::json!({ "grant": grant_id }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What the viewer asks to open, and why.
#[derive(Debug, Clone)]
pub struct GrantRequest {
    /// One record…
    pub supervision_id: Option<Uuid>,
    /// …or one person's whole file.
    pub person_id: Option<Uuid>,
    /// The stated purpose.
    pub purpose: AccessPurpose,
    /// The written reason, shown to the people whose records are opened.
    pub reason: String,
}

/// Opens a record or a person's file for a stated purpose, for the configured
/// time (F7.3). Only roles the configuration allows for that purpose may.
pub async fn open_for_purpose(
    db: &DatabaseConnection,
    viewer: &Viewer,
    policy: &crate::config::AccessPolicy,
    request: GrantRequest,
) -> AppResult<access_grant::Model> {
    let mut errors = Vec::new();
    if request.supervision_id.is_some() == request.person_id.is_some() {
        errors.push(supervision_shared::FieldError::new(
            "supervisionId",
            "Open either one record or one person's file.",
        ));
    }
    if let Err(e) = supervision_shared::access::validate_reason(&request.reason) {
        errors.push(e);
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    if !policy.allows(&viewer.roles, request.purpose) {
        return Err(AppError::Forbidden);
    }
    // The target must exist in the viewer's organisation; otherwise it is
    // not found, exactly as if it did not exist.
    if let Some(id) = request.supervision_id {
        record_in_organisation(db, viewer.organisation_id, id).await?;
    }
    if let Some(id) = request.person_id {
        crate::service::directory::staff_in_organisation(db, viewer.organisation_id, id).await?;
    }
    let now = Utc::now();
    let grant = access_grant::Model {
        id: Uuid::now_v7(),
        organisation_id: viewer.organisation_id,
        grantee_id: viewer.staff_id,
        supervision_id: request.supervision_id,
        person_id: request.person_id,
        purpose: request.purpose.as_str().to_owned(),
        reason: request.reason.trim().to_owned(),
        granted_at: now,
        expires_at: now + policy.grant_duration,
    };
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    access_grant::Entity::insert(access_grant::ActiveModel::from(grant.clone()))
        .exec_without_returning(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry {
            organisation_id: viewer.organisation_id,
            actor_id: Some(viewer.staff_id),
            action: "access.grant",
            subject_type: if request.supervision_id.is_some() {
                "supervision"
            } else {
                "staff"
            },
            subject_id: request.supervision_id.or(request.person_id),
            detail: serde_json::json!({
                "grant": grant.id,
                "purpose": grant.purpose,
                "expires_at": grant.expires_at,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(grant)
}

/// A read of one of the viewer's records under someone else's grant.
#[derive(Debug, Clone)]
pub struct AccessToMyRecord {
    /// Who read it.
    pub reader_id: Uuid,
    /// Which record.
    pub supervision_id: Uuid,
    /// When.
    pub read_at: DateTime<Utc>,
    /// For what purpose.
    pub purpose: AccessPurpose,
    /// Their written reason.
    pub reason: String,
}

/// Who opened the viewer's records, when and why (F7.3), newest first.
pub async fn access_to_my_records(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> AppResult<Vec<AccessToMyRecord>> {
    let reads = privileged_read::Entity::find()
        .filter(privileged_read::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(privileged_read::Column::SuperviseeId.eq(viewer.staff_id))
        .order_by_desc(privileged_read::Column::ReadAt)
        .limit(200)
        .all(db)
        .await?;
    let grant_ids: HashSet<Uuid> = reads.iter().map(|r| r.grant_id).collect();
    let grants: std::collections::HashMap<Uuid, access_grant::Model> = access_grant::Entity::find()
        .filter(access_grant::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(access_grant::Column::Id.is_in(grant_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g))
        .collect();
    reads
        .into_iter()
        .filter_map(|read| {
            let grant = grants.get(&read.grant_id)?;
            Some(
                AccessPurpose::parse(&grant.purpose).map(|purpose| AccessToMyRecord {
                    reader_id: read.reader_id,
                    supervision_id: read.supervision_id,
                    read_at: read.read_at,
                    purpose,
                    reason: grant.reason.clone(),
                }),
            )
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| AppError::Internal(e.into()))
}
