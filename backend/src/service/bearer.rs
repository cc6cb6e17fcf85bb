//! What the two kinds of bearer token share (the identity provider's for
//! SCIM, the BI tools' for compliance): a secret of 256 random bits shown
//! once and kept only as a SHA-256 (with nothing to guess, a plain hash is
//! enough), revoked at once by a system administrator, its last use noted
//! at most once a minute to spare writes.

use base64::Engine;
use chrono::{DateTime, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use sha2::{Digest, Sha256};
use supervision_shared::Role;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::error::{AppError, AppResult};
use crate::service::access::require_any_role;
use crate::service::audit::{self, AuditEntry};

/// A new secret, `prefix` then 256 random bits (URL-safe base64): the
/// prefix tells a reader which kind of token they hold.
pub fn new_secret(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!(
        "{prefix}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    )
}

/// What is stored of a secret.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.trim().as_bytes()))
}

/// The columns a token table has in common.
#[derive(Debug, Clone, Copy)]
pub struct TokenColumns<C> {
    /// Its id.
    pub id: C,
    /// Its organisation.
    pub organisation_id: C,
    /// Its name.
    pub label: C,
    /// When it was last presented.
    pub last_used_at: C,
    /// When it was revoked.
    pub revoked_at: C,
}

/// A system administrator revokes one of their organisation's tokens at
/// once, audited as `action`; not found when it is already revoked.
pub async fn revoke<E: EntityTrait>(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
    columns: TokenColumns<E::Column>,
    (action, subject_type): (&str, &str),
) -> AppResult<()> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    let label: String = E::find()
        .select_only()
        .column(columns.label)
        .filter(columns.id.eq(id))
        .filter(columns.organisation_id.eq(viewer.organisation_id))
        .filter(columns.revoked_at.is_null())
        .into_tuple()
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    E::update_many()
        .col_expr(columns.revoked_at, Expr::value(Utc::now()))
        .filter(columns.id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            action,
            subject_type,
            id,
            serde_json::json!({ "label": label }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Notes that a token was presented now, unless it was within the minute.
pub async fn note_use<E: EntityTrait>(
    db: &DatabaseConnection,
    columns: TokenColumns<E::Column>,
    id: Uuid,
    last_used_at: Option<DateTime<Utc>>,
) -> AppResult<()> {
    let now = Utc::now();
    if last_used_at.is_none_or(|at| now - at > chrono::Duration::minutes(1)) {
        E::update_many()
            .col_expr(columns.last_used_at, Expr::value(now))
            .filter(columns.id.eq(id))
            .exec(db)
            .await?;
    }
    Ok(())
}
