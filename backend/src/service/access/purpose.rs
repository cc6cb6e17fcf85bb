//! Records and agreements opened for a stated purpose (F7.3): the grant,
//! each read under it logged, and what each person is shown of who opened
//! their records.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use supervision_shared::AccessPurpose;
use uuid::Uuid;

use super::record::record_in_organisation;
use crate::auth::Viewer;
use crate::entity::{access_grant, agreement, agreement_read, privileged_read};
use crate::error::{AppError, AppResult};
use crate::service::audit::{self, AuditEntry};

/// The viewer's live grant that `covers` (a condition on the grant's
/// record, agreement or person), the longest-lasting first, if any.
pub(super) async fn live_grant(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    covers: Condition,
    now: DateTime<Utc>,
) -> AppResult<Option<Uuid>> {
    Ok(access_grant::Entity::find()
        .select_only()
        .column(access_grant::Column::Id)
        .filter(access_grant::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(access_grant::Column::GranteeId.eq(viewer.staff_id))
        .filter(access_grant::Column::ExpiresAt.gt(now))
        .filter(covers)
        .order_by_desc(access_grant::Column::ExpiresAt)
        .into_tuple()
        .one(db)
        .await?)
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

/// Logs one read of an agreement's content under a grant, for the audit
/// log and for its supervisee's "who opened my records".
pub async fn log_agreement_read(
    db: &DatabaseConnection,
    viewer: &Viewer,
    grant_id: Uuid,
    row: &agreement::Model,
) -> AppResult<()> {
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    agreement_read::Entity::insert(agreement_read::ActiveModel {
        id: Set(Uuid::now_v7()),
        organisation_id: Set(viewer.organisation_id),
        grant_id: Set(grant_id),
        reader_id: Set(viewer.staff_id),
        agreement_id: Set(row.id),
        supervisee_id: Set(row.supervisee_id),
        read_at: Set(Utc::now()),
    })
    .exec_without_returning(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "agreement.privileged_read",
            "agreement",
            row.id,
            serde_json::json!({ "grant": grant_id }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What the viewer asks to open, and why: exactly one of a record, an
/// agreement or a person's file.
#[derive(Debug, Clone)]
pub struct GrantRequest {
    /// One record…
    pub supervision_id: Option<Uuid>,
    /// …or one supervision agreement…
    pub agreement_id: Option<Uuid>,
    /// …or one person's whole file (their records and agreements).
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
    let targets = [
        request.supervision_id,
        request.agreement_id,
        request.person_id,
    ];
    if targets.iter().flatten().count() != 1 {
        errors.push(supervision_shared::FieldError::new(
            "supervisionId",
            "Open one record, one agreement or one person's file.",
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
    if let Some(id) = request.agreement_id {
        agreement::Entity::find_by_id(id)
            .filter(agreement::Column::OrganisationId.eq(viewer.organisation_id))
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
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
        agreement_id: request.agreement_id,
        purpose: request.purpose,
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
            } else if request.agreement_id.is_some() {
                "agreement"
            } else {
                "staff"
            },
            subject_id: request
                .supervision_id
                .or(request.agreement_id)
                .or(request.person_id),
            detail: serde_json::json!({
                "grant": grant.id,
                "purpose": grant.purpose.as_str(),
                "expires_at": grant.expires_at,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(grant)
}

/// What was read: one of the viewer's records, or one of their agreements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhatWasRead {
    /// A supervision record.
    Record(Uuid),
    /// A supervision agreement.
    Agreement(Uuid),
}

/// A read of one of the viewer's records or agreements under someone
/// else's grant.
#[derive(Debug, Clone)]
pub struct AccessToMyRecord {
    /// Who read it.
    pub reader_id: Uuid,
    /// What they read.
    pub what: WhatWasRead,
    /// When.
    pub read_at: DateTime<Utc>,
    /// For what purpose.
    pub purpose: AccessPurpose,
    /// Their written reason.
    pub reason: String,
}

/// One logged read, of either log.
struct Read {
    grant_id: Uuid,
    reader_id: Uuid,
    what: WhatWasRead,
    read_at: DateTime<Utc>,
}

/// How many reads the viewer is shown: the newest.
const READS_SHOWN: u64 = 200;

/// Who opened the viewer's records and agreements, when and why (F7.3),
/// newest first.
pub async fn access_to_my_records(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> AppResult<Vec<AccessToMyRecord>> {
    let record_reads = privileged_read::Entity::find()
        .filter(privileged_read::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(privileged_read::Column::SuperviseeId.eq(viewer.staff_id))
        .order_by_desc(privileged_read::Column::ReadAt)
        .limit(READS_SHOWN)
        .all(db)
        .await?
        .into_iter()
        .map(|r| Read {
            grant_id: r.grant_id,
            reader_id: r.reader_id,
            what: WhatWasRead::Record(r.supervision_id),
            read_at: r.read_at,
        });
    let agreement_reads = agreement_read::Entity::find()
        .filter(agreement_read::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(agreement_read::Column::SuperviseeId.eq(viewer.staff_id))
        .order_by_desc(agreement_read::Column::ReadAt)
        .limit(READS_SHOWN)
        .all(db)
        .await?
        .into_iter()
        .map(|r| Read {
            grant_id: r.grant_id,
            reader_id: r.reader_id,
            what: WhatWasRead::Agreement(r.agreement_id),
            read_at: r.read_at,
        });
    let mut reads: Vec<_> = record_reads.chain(agreement_reads).collect();
    reads.sort_by_key(|read| std::cmp::Reverse(read.read_at));
    reads.truncate(READS_SHOWN as usize);
    let grant_ids: HashSet<Uuid> = reads.iter().map(|r| r.grant_id).collect();
    let grants: std::collections::HashMap<Uuid, access_grant::Model> = access_grant::Entity::find()
        .filter(access_grant::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(access_grant::Column::Id.is_in(grant_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.id, g))
        .collect();
    Ok(reads
        .into_iter()
        .filter_map(|read| {
            let grant = grants.get(&read.grant_id)?;
            Some(AccessToMyRecord {
                reader_id: read.reader_id,
                what: read.what,
                read_at: read.read_at,
                purpose: grant.purpose,
                reason: grant.reason.clone(),
            })
        })
        .collect())
}
