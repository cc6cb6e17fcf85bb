//! The audit log (F7.6): who did what, when, to which subject. Append-only
//! (database triggers refuse UPDATE and DELETE) and hash-chained per
//! organisation: each entry carries the hash of the one before, so removing,
//! reordering or editing an entry is found by `supervision audit-verify`.
//! With the deployment's audit key (issue 19) each entry is sealed with an
//! HMAC, so even someone who drops the triggers cannot re-hash the chain.

mod seal;
mod verify;

use chrono::{SubsecRound, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::{audit_event, organisation};
use crate::error::AppResult;
pub use seal::{plain_hash, retire_keys, use_key};
pub use verify::{Verification, verify, verify_with};

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

/// Appends an entry to its organisation's chain inside the caller's
/// transaction, so the entry and the change it records are written together
/// or not at all. The transaction must come from [`crate::db::begin`] for
/// the entry's organisation: the chain is read and extended, and only that
/// lock keeps two writers from taking the same place in it.
pub async fn record(db: &sea_orm::DatabaseTransaction, entry: AuditEntry<'_>) -> AppResult<()> {
    let last = newest(db, entry.organisation_id).await?;
    if let Some(last) = &last
        && !seal::may_follow(last.key_id.as_deref())
    {
        // The change this entry records is rolled back with it: better a
        // refused request (the person's draft is kept) than a chain that
        // no longer verifies.
        return Err(crate::error::AppError::Internal(anyhow::anyhow!(
            "the audit log of organisation {} is now sealed with key {}, which this server \
             does not have: the audit key was changed; restart this server with the new key",
            entry.organisation_id,
            last.key_id.as_deref().unwrap_or_default()
        )));
    }
    let (seq, prev_hash) = match last {
        Some(last) => (last.seq + 1, last.hash),
        None => (1, GENESIS.to_owned()),
    };
    // Stored to the microsecond on both engines, so the hash can be
    // recomputed from what was stored.
    let occurred_at = Utc::now().trunc_subsecs(6);
    let key = seal::key_in_use();
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
        key_id: key.map(|k| k.id().to_owned()),
    };
    row.hash = seal::seal(&row, key);
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

/// The newest entry of an organisation's chain.
async fn newest(
    db: &impl sea_orm::ConnectionTrait,
    organisation_id: Uuid,
) -> AppResult<Option<audit_event::Model>> {
    Ok(audit_event::Entity::find()
        .filter(audit_event::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(audit_event::Column::Seq)
        .one(db)
        .await?)
}

/// Whether any entry of the organisation's chain was sealed with `key_id`.
/// Read only when a chain is being taken over from a retired key, so at a
/// start after the key changed, never on a request.
async fn sealed_with_before(
    db: &impl sea_orm::ConnectionTrait,
    organisation_id: Uuid,
    key_id: &str,
) -> AppResult<bool> {
    use sea_orm::PaginatorTrait;
    Ok(audit_event::Entity::find()
        .filter(audit_event::Column::OrganisationId.eq(organisation_id))
        .filter(audit_event::Column::KeyId.eq(key_id))
        .count(db)
        .await?
        > 0)
}

/// At start-up with a key: every chain whose newest entry is not sealed with
/// it gets one entry that is (`audit.keyed`). That entry carries the hash of
/// the entries before it, so they are sealed from then on, and a chain
/// ending without the key can only have been rewritten. A chain sealed with
/// a retired key is taken over the same way (changing the key); one sealed
/// with a key that is neither is refused, so a server started with an old
/// key cannot write after a newer one. Each chain is checked under its
/// organisation's lock, so two instances starting together add the entry
/// once. Returns how many chains were sealed.
pub async fn key_every_chain(db: &DatabaseConnection) -> AppResult<usize> {
    let Some(key) = seal::key_in_use() else {
        return Ok(0);
    };
    let mut sealed = 0;
    for organisation_id in organisation::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|o| o.id)
    {
        let txn = crate::db::begin(db, organisation_id).await?;
        let Some(last) = newest(&txn, organisation_id).await? else {
            continue;
        };
        if last.key_id.as_deref() == Some(key.id()) {
            continue;
        }
        if !seal::may_follow(last.key_id.as_deref()) {
            return Err(crate::error::AppError::Internal(anyhow::anyhow!(
                "the audit log of organisation {organisation_id} is sealed with key {}, which is \
                 neither this server's key ({}) nor a retired one: to change the key, name the \
                 old key's file in SUPERVISION_AUDIT_RETIRED_KEY_FILES",
                last.key_id.as_deref().unwrap_or_default(),
                key.id()
            )));
        }
        if last.key_id.is_some() && sealed_with_before(&txn, organisation_id, key.id()).await? {
            return Err(crate::error::AppError::Internal(anyhow::anyhow!(
                "the audit log of organisation {organisation_id} moved on from this server's key \
                 ({}) to key {}: a chain never goes back to a key it has replaced; start the \
                 server with the newer key",
                key.id(),
                last.key_id.as_deref().unwrap_or_default()
            )));
        }
        record(
            &txn,
            AuditEntry {
                organisation_id,
                actor_id: None,
                action: "audit.keyed",
                subject_type: "audit_log",
                subject_id: None,
                detail: serde_json::json!({ "key": key.id(), "after": last.seq, "replaces": last.key_id }),
            },
        )
        .await?;
        txn.commit().await?;
        sealed += 1;
    }
    Ok(sealed)
}
