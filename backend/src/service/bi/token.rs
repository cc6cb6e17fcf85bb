//! The read-only tokens an organisation's BI tools present: made for a
//! named client by a system administrator, scoped to units, with a last
//! day of use; shown once, kept only as a SHA-256 (256 random bits leave
//! nothing to guess), revocable at once.

use base64::Engine;
use chrono::{DateTime, NaiveDate, Utc};
use rand::RngCore;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use sha2::{Digest, Sha256};
use supervision_shared::Role;
use supervision_shared::bi::{BiTokenDraft, check_token, is_live};
use uuid::Uuid;

use super::BiClient;
use crate::auth::Viewer;
use crate::entity::{bi_token, bi_token_unit, org_unit};
use crate::error::{AppError, AppResult};
use crate::service::access::require_any_role;
use crate::service::audit::{self, AuditEntry};
use crate::service::clock;

/// A token as the administrators' page lists it (never the token itself).
#[derive(Debug, Clone)]
pub struct TokenSummary {
    /// Its id.
    pub id: Uuid,
    /// The BI client it was made for.
    pub label: String,
    /// The units it reaches (each with everything below it): id and name.
    pub units: Vec<(Uuid, String)>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// Its last day of use.
    pub expires_on: NaiveDate,
    /// When it was last presented.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked.
    pub revoked_at: Option<DateTime<Utc>>,
}

fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A system administrator makes a token for a BI client of their
/// organisation; the token, which is never shown again, and its id.
pub async fn create(
    db: &DatabaseConnection,
    viewer: &Viewer,
    draft: &BiTokenDraft,
) -> AppResult<(String, Uuid)> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    check_token(draft, viewer.today()).map_err(AppError::Validation)?;
    let organisation_id = viewer.organisation_id;
    let known = org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(organisation_id))
        .filter(org_unit::Column::Id.is_in(draft.unit_ids.iter().copied()))
        .all(db)
        .await?;
    if known.len() != draft.unit_ids.len() {
        return Err(AppError::invalid(
            "unitIds",
            "One of the units is not in this organisation.",
        ));
    }
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = format!(
        "bi_{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    );
    let id = Uuid::now_v7();
    let label = draft.label.trim();
    let txn = crate::db::begin(db, organisation_id).await?;
    bi_token::ActiveModel {
        id: Set(id),
        organisation_id: Set(organisation_id),
        label: Set(label.to_owned()),
        token_hash: Set(hash(&token)),
        created_by: Set(Some(viewer.staff_id)),
        created_at: Set(Utc::now()),
        expires_on: Set(draft.expires_on),
        last_used_at: Set(None),
        revoked_at: Set(None),
    }
    .insert(&txn)
    .await?;
    bi_token_unit::Entity::insert_many(draft.unit_ids.iter().map(|&unit| {
        bi_token_unit::ActiveModel {
            id: Set(Uuid::now_v7()),
            organisation_id: Set(organisation_id),
            token_id: Set(id),
            org_unit_id: Set(unit),
        }
    }))
    .exec(&txn)
    .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "bi.token.create",
            "bi_token",
            id,
            serde_json::json!({
                "label": label,
                "units": draft.unit_ids,
                "expiresOn": draft.expires_on,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok((token, id))
}

/// The organisation's tokens, newest first (system administrators only).
pub async fn list(db: &DatabaseConnection, viewer: &Viewer) -> AppResult<Vec<TokenSummary>> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    let tokens = bi_token::Entity::find()
        .filter(bi_token::Column::OrganisationId.eq(viewer.organisation_id))
        .order_by_desc(bi_token::Column::CreatedAt)
        .all(db)
        .await?;
    let reach = bi_token_unit::Entity::find()
        .filter(bi_token_unit::Column::OrganisationId.eq(viewer.organisation_id))
        .all(db)
        .await?;
    let names: std::collections::HashMap<Uuid, String> = org_unit::Entity::find()
        .filter(org_unit::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(org_unit::Column::Id.is_in(reach.iter().map(|r| r.org_unit_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(tokens
        .into_iter()
        .map(|t| {
            let mut units: Vec<(Uuid, String)> = reach
                .iter()
                .filter(|link| link.token_id == t.id)
                .map(|link| {
                    let name = names.get(&link.org_unit_id).cloned().unwrap_or_default();
                    (link.org_unit_id, name)
                })
                .collect();
            units.sort_by(|a, b| a.1.cmp(&b.1));
            TokenSummary {
                id: t.id,
                label: t.label,
                units,
                created_at: t.created_at,
                expires_on: t.expires_on,
                last_used_at: t.last_used_at,
                revoked_at: t.revoked_at,
            }
        })
        .collect())
}

/// Revokes a token at once: the next request with it is refused.
pub async fn revoke(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    let token = bi_token::Entity::find_by_id(id)
        .filter(bi_token::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(bi_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    bi_token::Entity::update_many()
        .col_expr(bi_token::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(bi_token::Column::Id.eq(token.id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "bi.token.revoke",
            "bi_token",
            token.id,
            serde_json::json!({ "label": token.label }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The BI client a presented token stands for, or `Unauthenticated` (an
/// unknown, revoked or expired token alike). Notes when it was last used
/// (at most once a minute, to spare writes).
pub async fn authenticate(db: &DatabaseConnection, presented: &str) -> AppResult<BiClient> {
    let token = bi_token::Entity::find()
        .filter(bi_token::Column::TokenHash.eq(hash(presented.trim())))
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let time_zone = clock::zone_of(db, token.organisation_id).await?;
    let now = Utc::now();
    let today = clock::today_in(time_zone, now);
    if !is_live(token.expires_on, token.revoked_at.is_some(), today) {
        return Err(AppError::Unauthenticated);
    }
    let units: Vec<Uuid> = bi_token_unit::Entity::find()
        .filter(bi_token_unit::Column::TokenId.eq(token.id))
        .filter(bi_token_unit::Column::OrganisationId.eq(token.organisation_id))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.org_unit_id)
        .collect();
    if token
        .last_used_at
        .is_none_or(|at| now - at > chrono::Duration::minutes(1))
    {
        bi_token::Entity::update_many()
            .col_expr(bi_token::Column::LastUsedAt, Expr::value(now))
            .filter(bi_token::Column::Id.eq(token.id))
            .exec(db)
            .await?;
    }
    Ok(BiClient {
        organisation_id: token.organisation_id,
        token_id: token.id,
        units,
        today,
    })
}
