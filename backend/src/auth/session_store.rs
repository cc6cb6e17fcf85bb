//! Sessions kept in the application database (SQLite or PostgreSQL) through
//! sea-orm, so they survive a restart and every server process sees the same
//! sessions. Expired rows are removed by a background task.
//!
//! A row is keyed by a hash of the session id, never the id itself: the id
//! is what the browser's cookie holds, so anyone with a copy of the
//! database or a backup could otherwise take over every session in it.
//!
//! Every request pushes the idle deadline back, but writing the row on every
//! request made each request a database write: on SQLite one write at a
//! time, each waiting for the disk, which capped the whole service at a few
//! hundred requests a second. The row is now written only when the session's
//! data changed or its deadline has moved on by more than a little
//! (`UNSAVED_EXTENSION`), so the idle time-out may end a session up to that
//! little earlier than a full idle period after the last request, never later.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, FromQueryResult, JoinType,
    QueryFilter, QuerySelect,
};
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use uuid::Uuid;

use crate::entity::{session, staff};
use crate::service::directory::{Signee, signee_columns};

/// A `tower-sessions` store over the `session` table.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    /// What `load` read for each session a request is using, keyed by row
    /// key, so `save` can tell whether anything worth writing has changed.
    /// An entry lives from a request's load to its save.
    loaded: Arc<Mutex<HashMap<String, Loaded>>>,
}

/// A session row as a request loaded it.
#[derive(Debug)]
struct Loaded {
    data: HashMap<String, serde_json::Value>,
    expires_at: i64,
    /// What the directory held of the person signed in, read in the same
    /// statement, so the request need not read them again.
    signee: Option<Signee>,
}

/// A session row with what the directory holds of its person (none when
/// nobody is signed in, or they are gone).
#[derive(Debug, FromQueryResult)]
struct SessionRow {
    id: String,
    data: String,
    expires_at: DateTime<Utc>,
    staff_id: Option<Uuid>,
    organisation_id: Option<Uuid>,
    name: Option<String>,
    status: Option<String>,
    access_version: Option<i64>,
    time_zone: Option<String>,
}

impl SessionRow {
    fn signee(&self) -> Option<Signee> {
        Some(Signee {
            staff_id: self.staff_id?,
            organisation_id: self.organisation_id?,
            name: self.name.clone()?,
            status: self.status.clone()?,
            access_version: self.access_version?,
            time_zone: self.time_zone.clone()?,
        })
    }
}

/// Entries kept at most: a request that loads and never saves (a panic)
/// leaves its entry, so the map is emptied if it ever grows this large.
const MOST_LOADED: usize = 50_000;

/// How far a session's deadline may move on before its row is written:
/// a twentieth of the idle time-out, at most a minute (so a 30-minute
/// time-out ends 29 to 30 minutes after the last request; a time-out of
/// under 20 seconds is always written).
pub fn unsaved_extension(idle: std::time::Duration) -> std::time::Duration {
    std::time::Duration::from_secs((idle.as_secs() / 20).min(60))
}

impl DbSessionStore {
    /// A store using this connection pool.
    pub fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            loaded: Arc::default(),
        }
    }

    fn remember(&self, key: String, loaded: Loaded) {
        let mut map = self.loaded.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= MOST_LOADED {
            map.clear();
        }
        map.insert(key, loaded);
    }

    fn forget(&self, key: &str) -> Option<Loaded> {
        self.loaded
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(key)
    }

    /// What the directory held of the person signed in to session `id`, as
    /// this request loaded it with the session (none if it was not loaded
    /// here, or nobody is signed in).
    pub fn signee_loaded_with(&self, id: &Id) -> Option<Signee> {
        self.loaded
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&stored_id(id))
            .and_then(|loaded| loaded.signee.clone())
    }

    /// Whether saving `record` would change nothing but push its deadline
    /// back by less than `unsaved_extension`.
    fn unchanged_enough(&self, record: &Record) -> bool {
        let Some(loaded) = self.forget(&stored_id(&record.id)) else {
            return false;
        };
        let deadline = record.expiry_date.unix_timestamp();
        let idle = deadline.saturating_sub(Utc::now().timestamp());
        let allowed = unsaved_extension(std::time::Duration::from_secs(
            u64::try_from(idle).unwrap_or(0),
        ));
        let moved = deadline.saturating_sub(loaded.expires_at);
        loaded.data == record.data
            && (0..i64::try_from(allowed.as_secs()).unwrap_or(0)).contains(&moved)
    }
}

/// The row key for a session id: its SHA-256, in hex. The id is 128 random
/// bits, so no salt or slow hash is needed for the hash to be unguessable.
fn stored_id(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

/// Starts the store's error for a database that could not be reached, so
/// the request can answer "try again" (`UNAVAILABLE`) rather than `INTERNAL`.
pub const OUT_OF_REACH: &str = "the database is out of reach";

fn backend(err: sea_orm::DbErr) -> session_store::Error {
    if crate::error::database_out_of_reach(&err) {
        session_store::Error::Backend(format!("{OUT_OF_REACH}: {err}"))
    } else {
        session_store::Error::Backend(err.to_string())
    }
}

fn active_model(record: &Record) -> session_store::Result<session::ActiveModel> {
    let data = serde_json::to_string(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    let expires_at = DateTime::<Utc>::from_timestamp(record.expiry_date.unix_timestamp(), 0)
        .ok_or_else(|| session_store::Error::Encode("expiry out of range".into()))?;
    let who: Option<crate::auth::SessionIdentity> = record
        .data
        .get(crate::auth::SIGNED_IN_DATA_KEY)
        .and_then(|value| serde_json::from_value(value.clone()).ok());
    Ok(session::ActiveModel {
        id: Set(stored_id(&record.id)),
        data: Set(data),
        expires_at: Set(expires_at),
        staff_id: Set(who.as_ref().map(|w| w.staff_id)),
        oidc_sub: Set(who.as_ref().and_then(|w| w.oidc_sub.clone())),
        oidc_sid: Set(who.and_then(|w| w.oidc_sid)),
    })
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // Ids are 128 random bits, so a collision is all but impossible; if
        // one happens the insert fails on the primary key and we draw again.
        loop {
            let row = active_model(record)?;
            match session::Entity::insert(row)
                .exec_without_returning(&self.db)
                .await
            {
                Ok(_) => return Ok(()),
                Err(err) if is_unique_violation(&err) => record.id = Id::default(),
                Err(err) => return Err(backend(err)),
            }
        }
    }

    /// Updates a session that exists, and never writes one back that has
    /// gone: a request still in flight when the person signed out (the
    /// home page's queries, say) saves its copy of the session as it
    /// answers, and an insert-or-update here brought the ended session back
    /// to life, signed in. New sessions, and new ids after sign-in, come
    /// through `create`.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        if self.unchanged_enough(record) {
            return Ok(());
        }
        let row = active_model(record)?;
        session::Entity::update_many()
            .set(session::ActiveModel {
                data: row.data,
                expires_at: row.expires_at,
                staff_id: row.staff_id,
                oidc_sub: row.oidc_sub,
                oidc_sid: row.oidc_sid,
                ..Default::default()
            })
            .filter(session::Column::Id.eq(stored_id(&record.id)))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        // The person and their organisation come in the same statement:
        // nearly every request with a session goes on to ask who it is.
        let session = session::Entity::find_by_id(stored_id(id))
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .select_only()
            .columns([
                session::Column::Id,
                session::Column::Data,
                session::Column::ExpiresAt,
                session::Column::StaffId,
            ])
            .join(
                JoinType::LeftJoin,
                session::Entity::belongs_to(staff::Entity)
                    .from(session::Column::StaffId)
                    .to(staff::Column::Id)
                    .into(),
            );
        let row = signee_columns(session, JoinType::LeftJoin)
            .into_model::<SessionRow>()
            .one(&self.db)
            .await
            .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let signee = row.signee();
        let data: HashMap<String, serde_json::Value> = serde_json::from_str(&row.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(row.expires_at.timestamp())
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        self.remember(
            row.id,
            Loaded {
                data: data.clone(),
                expires_at: row.expires_at.timestamp(),
                signee,
            },
        );
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.forget(&stored_id(id));
        session::Entity::delete_by_id(stored_id(id))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        // A signed-in session that times out is a session end worth auditing.
        let ended: Vec<Uuid> = session::Entity::find()
            .filter(session::Column::ExpiresAt.lte(Utc::now()))
            .filter(session::Column::StaffId.is_not_null())
            .all(&self.db)
            .await
            .map_err(backend)?
            .into_iter()
            .filter_map(|s| s.staff_id)
            .collect();
        for person in crate::entity::staff::Entity::find()
            .filter(crate::entity::staff::Column::Id.is_in(ended))
            .all(&self.db)
            .await
            .map_err(backend)?
        {
            crate::service::audit::record_now(
                &self.db,
                crate::service::audit::AuditEntry {
                    organisation_id: person.organisation_id,
                    actor_id: Some(person.id),
                    action: "auth.session_end",
                    subject_type: "staff",
                    subject_id: Some(person.id),
                    detail: serde_json::json!({ "why": "timed out" }),
                },
            )
            .await
            .map_err(|e| session_store::Error::Backend(format!("{e:?}")))?;
        }
        session::Entity::delete_many()
            .filter(session::Column::ExpiresAt.lte(Utc::now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
