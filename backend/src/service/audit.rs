//! The audit log (F7.6): who did what, when, to which subject. Append-only
//! (database triggers refuse UPDATE and DELETE) and hash-chained per
//! organisation: each entry carries the hash of the one before, so removing,
//! reordering or editing an entry is found by `supervision audit-verify`.

use chrono::{SubsecRound, Utc};
use futures_util::TryStreamExt;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::entity::audit_event;
use crate::error::AppResult;

/// The hash that stands before an organisation's first entry.
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Something worth auditing.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    /// The tenant whose chain it joins.
    pub organisation_id: Uuid,
    /// Who did it; none for the system itself.
    pub actor_id: Option<Uuid>,
    /// What happened, e.g. `supervision.create`.
    pub action: &'a str,
    /// What kind of thing it happened to, e.g. `supervision`.
    pub subject_type: &'a str,
    /// Which one.
    pub subject_id: Option<Uuid>,
    /// Further facts as JSON (never supervision content).
    pub detail: serde_json::Value,
}

impl<'a> AuditEntry<'a> {
    /// An entry for something the signed-in person did in their organisation.
    pub fn by(
        viewer: &crate::auth::Viewer,
        action: &'a str,
        subject_type: &'a str,
        subject_id: Uuid,
        detail: serde_json::Value,
    ) -> Self {
        Self {
            organisation_id: viewer.organisation_id,
            actor_id: Some(viewer.staff_id),
            action,
            subject_type,
            subject_id: Some(subject_id),
            detail,
        }
    }
}

/// The hash of an entry: every field but the hash itself, each
/// length-prefixed so that no two different entries give the same bytes.
fn entry_hash(entry: &audit_event::Model) -> String {
    let mut hasher = Sha256::new();
    let actor = entry.actor_id.map(|a| a.to_string()).unwrap_or_default();
    let subject = entry.subject_id.map(|s| s.to_string()).unwrap_or_default();
    for field in [
        entry.prev_hash.as_str(),
        &entry.organisation_id.to_string(),
        &entry.seq.to_string(),
        &entry.occurred_at.timestamp_micros().to_string(),
        &actor,
        &entry.action,
        &entry.subject_type,
        &subject,
        &entry.detail,
    ] {
        hasher.update((field.len() as u64).to_be_bytes());
        hasher.update(field.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Appends an entry to its organisation's chain inside the caller's
/// transaction, so the entry and the change it records are written together
/// or not at all. The transaction must come from [`crate::db::begin`] for
/// the entry's organisation: the chain is read and extended, and only that
/// lock keeps two writers from taking the same place in it.
pub async fn record(db: &sea_orm::DatabaseTransaction, entry: AuditEntry<'_>) -> AppResult<()> {
    let last = audit_event::Entity::find()
        .filter(audit_event::Column::OrganisationId.eq(entry.organisation_id))
        .order_by_desc(audit_event::Column::Seq)
        .one(db)
        .await?;
    let (seq, prev_hash) = match last {
        Some(last) => (last.seq + 1, last.hash),
        None => (1, GENESIS.to_owned()),
    };
    // Stored to the microsecond on both engines, so the hash can be
    // recomputed from what was stored.
    let occurred_at = Utc::now().trunc_subsecs(6);
    let mut row = audit_event::Model {
        id: Uuid::now_v7(),
        organisation_id: entry.organisation_id,
        seq,
        occurred_at,
        actor_id: entry.actor_id,
        action: entry.action.to_owned(),
        subject_type: entry.subject_type.to_owned(),
        subject_id: entry.subject_id,
        detail: entry.detail.to_string(),
        prev_hash,
        hash: String::new(),
    };
    row.hash = entry_hash(&row);
    audit_event::Entity::insert(audit_event::ActiveModel::from(row))
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Records an entry in its own transaction (sign-ins, sign-outs, reads),
/// taking its place in the chain after any writer of the organisation
/// already under way.
pub async fn record_now(db: &DatabaseConnection, entry: AuditEntry<'_>) -> AppResult<()> {
    let txn = crate::db::begin(db, entry.organisation_id).await?;
    record(&txn, entry).await?;
    txn.commit().await?;
    Ok(())
}

/// The result of checking the chains.
#[derive(Debug, PartialEq, Eq)]
pub enum Verification {
    /// Every chain is intact.
    Intact {
        /// Entries checked.
        entries: u64,
    },
    /// The first entry found out of place or altered.
    Broken {
        /// Its organisation.
        organisation_id: Uuid,
        /// Its position.
        seq: i64,
        /// What is wrong.
        problem: String,
    },
}

/// Recomputes every organisation's chain from the start, reading the log as
/// a stream: a trust's years of entries are never all in memory at once.
pub async fn verify(db: &DatabaseConnection) -> AppResult<Verification> {
    let mut entries = audit_event::Entity::find()
        .order_by_asc(audit_event::Column::OrganisationId)
        .order_by_asc(audit_event::Column::Seq)
        .stream(db)
        .await?;
    let mut checked = 0;
    // The entry before, as far as the next one needs it.
    let mut previous: Option<(Uuid, i64, String)> = None;
    while let Some(entry) = entries.try_next().await? {
        let continuing = previous
            .as_ref()
            .filter(|(organisation, _, _)| *organisation == entry.organisation_id);
        let (expected_seq, expected_prev) = match continuing {
            Some((_, seq, hash)) => (seq + 1, hash.as_str()),
            None => (1, GENESIS),
        };
        let broken = |problem: &str| Verification::Broken {
            organisation_id: entry.organisation_id,
            seq: entry.seq,
            problem: problem.to_owned(),
        };
        if entry.seq != expected_seq {
            return Ok(broken("an entry before this one is missing"));
        }
        if entry.prev_hash != expected_prev {
            return Ok(broken("it does not follow the entry before it"));
        }
        if entry_hash(&entry) != entry.hash {
            return Ok(broken("its contents were changed after it was written"));
        }
        checked += 1;
        previous = Some((entry.organisation_id, entry.seq, entry.hash));
    }
    Ok(Verification::Intact { entries: checked })
}
