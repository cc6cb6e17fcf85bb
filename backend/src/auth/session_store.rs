//! Sessions kept in the application database (SQLite or PostgreSQL) through
//! sea-orm, so they survive a restart and every server process sees the same
//! sessions. Expired rows are removed by a background task.
//!
//! A row is keyed by a hash of the session id, never the id itself: the id
//! is what the browser's cookie holds, so anyone with a copy of the
//! database or a backup could otherwise take over every session in it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use uuid::Uuid;

use crate::entity::session;

/// A `tower-sessions` store over the `session` table.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: DatabaseConnection,
}

impl DbSessionStore {
    /// A store using this connection pool.
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

/// The row key for a session id: its SHA-256, in hex. The id is 128 random
/// bits, so no salt or slow hash is needed for the hash to be unguessable.
fn stored_id(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

fn backend(err: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
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
        let row = session::Entity::find_by_id(stored_id(id))
            .filter(session::Column::ExpiresAt.gt(Utc::now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let data = serde_json::from_str(&row.data)
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(row.expires_at.timestamp())
            .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
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
            .map_err(|e| backend(format!("{e:?}")))?;
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
