//! The bearer tokens an identity provider presents, one or more per
//! organisation: made and revoked by a system administrator (or by the
//! `scim-token` command when there is no administrator yet), shown once,
//! kept only as a SHA-256. A token is 256 random bits, so a plain hash is
//! enough: there is nothing to guess.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use supervision_shared::Role;
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::scim_token;
use crate::error::{AppError, AppResult};
use crate::service::access::require_any_role;
use crate::service::audit::{self, AuditEntry};
use crate::service::bearer::{self, TokenColumns};

/// Who is calling `/scim/v2`: an organisation's identity provider, by the
/// token it presented.
#[derive(Debug, Clone, Copy)]
pub struct Provisioner {
    /// Whose directory it keeps.
    pub organisation_id: Uuid,
    /// Which token, for the audit log.
    pub token_id: Uuid,
}

/// A token as the administrators' page lists it (never the token itself).
#[derive(Debug, Clone)]
pub struct TokenSummary {
    /// Its id.
    pub id: Uuid,
    /// What it was called.
    pub label: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it was last presented.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Makes a token for the organisation; the token, which is never shown
/// again, and its id.
pub async fn create(
    db: &DatabaseConnection,
    organisation_id: Uuid,
    created_by: Option<Uuid>,
    label: &str,
) -> AppResult<(String, Uuid)> {
    let label = label.trim();
    if label.is_empty() || label.chars().count() > 200 {
        return Err(AppError::invalid(
            "label",
            "Name the token (at most 200 characters), e.g. \"Entra ID\".",
        ));
    }
    let token = bearer::new_secret("scim_");
    let id = Uuid::now_v7();
    let txn = crate::db::begin(db, organisation_id).await?;
    scim_token::ActiveModel {
        id: Set(id),
        organisation_id: Set(organisation_id),
        label: Set(label.to_owned()),
        token_hash: Set(bearer::hash(&token)),
        created_by: Set(created_by),
        created_at: Set(Utc::now()),
        last_used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry {
            organisation_id,
            actor_id: created_by,
            action: "scim.token.create",
            subject_type: "scim_token",
            subject_id: Some(id),
            detail: serde_json::json!({ "label": label }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok((token, id))
}

/// A system administrator makes a token for their organisation.
pub async fn create_as(
    db: &DatabaseConnection,
    viewer: &Viewer,
    label: &str,
) -> AppResult<(String, Uuid)> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    create(db, viewer.organisation_id, Some(viewer.staff_id), label).await
}

/// The organisation's tokens, newest first (system administrators only).
pub async fn list(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<TokenSummary>> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    Ok(scim_token::Entity::find()
        .filter(scim_token::Column::OrganisationId.eq(viewer.organisation_id))
        .order_by_desc(scim_token::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|t| TokenSummary {
            id: t.id,
            label: t.label,
            created_at: t.created_at,
            last_used_at: t.last_used_at,
            revoked_at: t.revoked_at,
        })
        .collect())
}

/// The table's columns the shared token code reads.
const COLUMNS: TokenColumns<scim_token::Column> = TokenColumns {
    id: scim_token::Column::Id,
    organisation_id: scim_token::Column::OrganisationId,
    label: scim_token::Column::Label,
    last_used_at: scim_token::Column::LastUsedAt,
    revoked_at: scim_token::Column::RevokedAt,
};

/// Revokes a token at once: the next request with it is refused.
pub async fn revoke(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    bearer::revoke::<scim_token::Entity>(
        db,
        viewer,
        id,
        COLUMNS,
        ("scim.token.revoke", "scim_token"),
    )
    .await
}

/// The provisioner a presented token stands for, or `Unauthenticated`.
/// Notes when it was last used (at most once a minute, to spare writes).
pub async fn authenticate(db: &DatabaseConnection, presented: &str) -> AppResult<Provisioner> {
    let token = scim_token::Entity::find()
        .filter(scim_token::Column::TokenHash.eq(bearer::hash(presented)))
        .filter(scim_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    bearer::note_use::<scim_token::Entity>(db, COLUMNS, token.id, token.last_used_at).await?;
    Ok(Provisioner {
        organisation_id: token.organisation_id,
        token_id: token.id,
    })
}
