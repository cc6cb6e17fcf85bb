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
    /// The key its newest entry was sealed with (none: plain). Once keyed,
    /// every later entry must be sealed too.
    key_id: Option<String>,
    /// Keys this chain has moved on from: none may seal an entry again.
    replaced: Vec<String>,
}

/// Checks every chain, with the deployment's key when it has one (see
/// `verify_with`).
pub async fn verify(db: &DatabaseConnection, key: Option<&AuditKey>) -> AppResult<Verification> {
    verify_with(db, key, &[]).await
}

/// Checks every chain with the deployment's key and the keys it has
/// retired. With a key, the newest entry of every chain must be sealed with
/// it: someone who rewrote a chain from the start and re-hashed it without
/// the key is found there. A chain moves from one key to the next only at
/// an `audit.keyed` entry sealed with the new key, and never back, so
/// someone holding a retired key can neither rewrite what the next key
/// sealed over nor add entries after it.
pub async fn verify_with(
    db: &DatabaseConnection,
    key: Option<&AuditKey>,
    retired: &[AuditKey],
) -> AppResult<Verification> {
    let known = |id: &str| key.into_iter().chain(retired).find(|k| k.id() == id);
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
        let (expected_seq, expected_prev, chain_key, mut replaced) = match continuing {
            Some(c) => (
                c.seq + 1,
                c.hash.as_str(),
                c.key_id.as_deref(),
                c.replaced.clone(),
            ),
            None => (1, GENESIS, None, Vec::new()),
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
            (None, _) if chain_key.is_some() => {
                return Ok(broken(
                    "it was written without the audit key after the chain was keyed",
                ));
            }
            (None, _) => None,
            (Some(key_id), None) if retired.is_empty() => {
                return Ok(Verification::KeyNeeded {
                    organisation_id: entry.organisation_id,
                    seq: entry.seq,
                    key_id: key_id.clone(),
                });
            }
            (Some(key_id), _) => match known(key_id) {
                None => {
                    return Ok(broken(&format!(
                        "it is sealed with key {key_id}, not with the key given ({}){}",
                        key.map_or("none", AuditKey::id),
                        if retired.is_empty() {
                            " nor a retired one (if it is an earlier key, name its file in \
                             SUPERVISION_AUDIT_RETIRED_KEY_FILES)"
                        } else {
                            " nor any retired key given"
                        }
                    )));
                }
                Some(found) => {
                    if let Some(before) = chain_key.filter(|before| *before != key_id) {
                        if replaced.iter().any(|r| r == key_id) {
                            return Ok(broken(&format!(
                                "it is sealed with key {key_id}, which the chain had moved on from"
                            )));
                        }
                        if entry.action != "audit.keyed" {
                            return Ok(broken(&format!(
                                "it is sealed with key {key_id} where the chain was sealed with \
                                 {before}: a chain changes key only at an audit.keyed entry"
                            )));
                        }
                        replaced.push(before.to_owned());
                    }
                    Some(found)
                }
            },
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
            key_id: entry.key_id,
            replaced,
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
/// by a server without the key since (or with a retired one), or rewritten
/// without it.
fn unsealed_end(chain: &Chain, key: Option<&AuditKey>) -> Option<Verification> {
    let sealed_with_it = key.is_some_and(|k| chain.key_id.as_deref() == Some(k.id()));
    (key.is_some() && !sealed_with_it).then(|| Verification::Broken {
        organisation_id: chain.organisation_id,
        seq: chain.seq,
        problem: "the newest entries are not sealed with the audit key: rewritten, or written \
                  by a server without the key (a server started with a new key seals the log \
                  once; start it, then check again)"
            .to_owned(),
    })
}
