//! `supervision audit-verify`: every organisation's chain recomputed from
//! the start, read as a stream so a trust's years of entries are never all
//! in memory at once.

use futures_util::TryStreamExt;
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};
use uuid::Uuid;

use super::GENESIS;
use super::seal::seal;
use crate::config::AuditKey;
use crate::entity::audit_event;
use crate::error::AppResult;

/// The result of checking the chains.
#[derive(Debug, PartialEq, Eq)]
pub enum Verification {
    /// Every chain is intact.
    Intact {
        /// Entries checked.
        entries: u64,
        /// Of which sealed with the key.
        keyed: u64,
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
    /// Entries are sealed with a key, and none was given to check them.
    KeyNeeded {
        /// The organisation of the first such entry.
        organisation_id: Uuid,
        /// Its position.
        seq: i64,
        /// The name of the key it was sealed with.
        key_id: String,
    },
}

/// Where the chain being read has got to.
struct Chain {
    organisation_id: Uuid,
    seq: i64,
    hash: String,
    /// An entry of this chain was sealed with the key: every later one
    /// must be too.
    keyed: bool,
}

/// Checks every chain, with the deployment's key when it has one. With a
/// key, the newest entry of every chain must be sealed with it: someone who
/// rewrote a chain from the start and re-hashed it without the key is found
/// there.
pub async fn verify(db: &DatabaseConnection, key: Option<&AuditKey>) -> AppResult<Verification> {
    let mut entries = audit_event::Entity::find()
        .order_by_asc(audit_event::Column::OrganisationId)
        .order_by_asc(audit_event::Column::Seq)
        .stream(db)
        .await?;
    let (mut checked, mut keyed) = (0, 0);
    let mut chain: Option<Chain> = None;
    while let Some(entry) = entries.try_next().await? {
        let continuing = chain
            .as_ref()
            .filter(|c| c.organisation_id == entry.organisation_id);
        if continuing.is_none()
            && let Some(ended) = &chain
            && let Some(broken) = unsealed_end(ended, key)
        {
            return Ok(broken);
        }
        let (expected_seq, expected_prev, chain_keyed) = match continuing {
            Some(c) => (c.seq + 1, c.hash.as_str(), c.keyed),
            None => (1, GENESIS, false),
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
        let sealed_with = match (&entry.key_id, key) {
            (None, _) if chain_keyed => {
                return Ok(broken(
                    "it was written without the audit key after the chain was keyed",
                ));
            }
            (None, _) => None,
            (Some(key_id), None) => {
                return Ok(Verification::KeyNeeded {
                    organisation_id: entry.organisation_id,
                    seq: entry.seq,
                    key_id: key_id.clone(),
                });
            }
            (Some(key_id), Some(key)) if key_id != key.id() => {
                return Ok(broken(&format!(
                    "it is sealed with key {key_id}, not with the key given ({})",
                    key.id()
                )));
            }
            (Some(_), Some(key)) => Some(key),
        };
        if seal(&entry, sealed_with) != entry.hash {
            return Ok(broken("its contents were changed after it was written"));
        }
        checked += 1;
        keyed += u64::from(sealed_with.is_some());
        chain = Some(Chain {
            organisation_id: entry.organisation_id,
            seq: entry.seq,
            hash: entry.hash,
            keyed: sealed_with.is_some(),
        });
    }
    if let Some(ended) = &chain
        && let Some(broken) = unsealed_end(ended, key)
    {
        return Ok(broken);
    }
    Ok(Verification::Intact {
        entries: checked,
        keyed,
    })
}

/// With a key, a chain whose newest entry is not sealed with it was written
/// by a server without the key since, or rewritten without it.
fn unsealed_end(chain: &Chain, key: Option<&AuditKey>) -> Option<Verification> {
    (key.is_some() && !chain.keyed).then(|| Verification::Broken {
        organisation_id: chain.organisation_id,
        seq: chain.seq,
        problem: "the newest entries are not sealed with the audit key: rewritten, or written \
                  by a server without the key (a server started with a new key seals the log \
                  once; start it, then check again)"
            .to_owned(),
    })
}
