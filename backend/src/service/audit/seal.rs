//! How an entry is sealed: a plain SHA-256 hash before the deployment had an
//! audit key, an HMAC under the key since. The key is the deployment's, set
//! once for the process at start-up.

use std::sync::OnceLock;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::config::AuditKey;
use crate::entity::audit_event;

/// The key every entry this process writes is sealed with.
///
/// Process-wide because the key belongs to the deployment, not to a request,
/// and entries are written from some sixty places inside their callers'
/// transactions: a parameter on each would make nothing safer. Set once: a
/// process sealing with two keys would break its own chains.
static KEY: OnceLock<AuditKey> = OnceLock::new();

/// Seals this process's entries with `key` from now on (none: plain hashes,
/// as before keys). Refused if another key was set already.
pub fn use_key(key: Option<&AuditKey>) -> Result<(), String> {
    let Some(key) = key else { return Ok(()) };
    let installed = KEY.get_or_init(|| key.clone());
    if installed.id() == key.id() {
        Ok(())
    } else {
        Err(format!(
            "this process already seals the audit log with key {}; it cannot switch to {}",
            installed.id(),
            key.id()
        ))
    }
}

/// The key this process seals with, if any.
pub(super) fn key_in_use() -> Option<&'static AuditKey> {
    KEY.get()
}

/// The names of the keys this deployment has retired: a chain sealed with
/// one of them is taken over by this process's key at start-up.
static RETIRED: OnceLock<Vec<String>> = OnceLock::new();

/// Names the keys the log was sealed with before this process's own, so
/// that its start may take over chains they sealed (changing the key). Set
/// once, like the key.
pub fn retire_keys(retired: &[AuditKey]) -> Result<(), String> {
    let names: Vec<String> = retired.iter().map(|k| k.id().to_owned()).collect();
    let installed = RETIRED.get_or_init(|| names.clone());
    if *installed == names {
        Ok(())
    } else {
        Err("this process already has other retired audit keys".to_owned())
    }
}

/// Whether this process may write after an entry sealed with `key_id`
/// (none: a plain entry): with its own key, after a retired key, or after
/// a plain entry when it has a key; without a key, only after plain
/// entries. Anything else means the deployment's key has changed since
/// this process started (or it was started with an old one), and what it
/// wrote would break the chain.
pub(super) fn may_follow(key_id: Option<&str>) -> bool {
    match (key_id, key_in_use()) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(id), Some(own)) => {
            id == own.id() || RETIRED.get().is_some_and(|r| r.iter().any(|k| k == id))
        }
    }
}

/// The seal of an entry under `key`, or its plain hash for an entry written
/// without one. Covers every field but the seal itself, each
/// length-prefixed so that no two different entries give the same bytes;
/// a keyed entry's seal covers the name of its key too.
pub(super) fn seal(entry: &audit_event::Model, key: Option<&AuditKey>) -> String {
    match key {
        None => {
            let mut hasher = Sha256::new();
            feed(entry, |bytes| hasher.update(bytes));
            hex::encode(hasher.finalize())
        }
        Some(key) => {
            // An HMAC takes a key of any length, so this cannot fail.
            let mut mac = <Hmac<Sha256>>::new_from_slice(key.bytes())
                .unwrap_or_else(|_| unreachable!("HMAC accepts any key length"));
            feed(entry, |bytes| mac.update(bytes));
            hex::encode(mac.finalize().into_bytes())
        }
    }
}

/// The plain SHA-256 hash of an entry, as written before keys. Public so a
/// test can play the part of someone who rewrites the log and re-hashes it.
pub fn plain_hash(entry: &audit_event::Model) -> String {
    seal(entry, None)
}

fn feed(entry: &audit_event::Model, mut update: impl FnMut(&[u8])) {
    let organisation = entry.organisation_id.to_string();
    let seq = entry.seq.to_string();
    let occurred_at = entry.occurred_at.timestamp_micros().to_string();
    let actor = entry.actor_id.map(|a| a.to_string()).unwrap_or_default();
    let subject = entry.subject_id.map(|s| s.to_string()).unwrap_or_default();
    let fields = [
        entry.prev_hash.as_str(),
        &organisation,
        &seq,
        &occurred_at,
        &actor,
        &entry.action,
        &entry.subject_type,
        &subject,
        &entry.detail,
    ];
    // Plain entries keep exactly the fields they were hashed with.
    for field in fields.into_iter().chain(entry.key_id.as_deref()) {
        update(&(field.len() as u64).to_be_bytes());
        update(field.as_bytes());
    }
}
