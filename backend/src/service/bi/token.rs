//! The read-only tokens an organisation's BI tools present: made for a
//! named client by a system administrator, scoped to units, with a last
//! day of use; shown once, kept only as a SHA-256 (256 random bits leave
//! nothing to guess), revocable at once.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use supervision_shared::Role;
use supervision_shared::bi::{BiTokenDraft, check_token, is_live};
use uuid::Uuid;

use super::BiClient;
use crate::auth::Viewer;
use crate::entity::{bi_token, bi_token_unit, org_unit};
use crate::error::{AppError, AppResult};
use crate::service::access::require_any_role;
use crate::service::audit::{self, AuditEntry};
use crate::service::bearer::{self, TokenColumns};
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
    let token = bearer::new_secret("bi_");
    let id = Uuid::now_v7();
    let label = draft.label.trim();
    let txn = crate::db::begin(db, organisation_id).await?;
    bi_token::ActiveModel {
        id: Set(id),
        organisation_id: Set(organisation_id),
        label: Set(label.to_owned()),
        token_hash: Set(bearer::hash(&token)),
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

/// The table's columns the shared token code reads.
const COLUMNS: TokenColumns<bi_token::Column> = TokenColumns {
    id: bi_token::Column::Id,
    organisation_id: bi_token::Column::OrganisationId,
    label: bi_token::Column::Label,
    last_used_at: bi_token::Column::LastUsedAt,
    revoked_at: bi_token::Column::RevokedAt,
};

/// Revokes a token at once: the next request with it is refused.
pub async fn revoke(db: &DatabaseConnection, viewer: &Viewer, id: Uuid) -> AppResult<()> {
    bearer::revoke::<bi_token::Entity>(db, viewer, id, COLUMNS, ("bi.token.revoke", "bi_token"))
        .await
}

/// The BI client a presented token stands for, or `Unauthenticated` (an
/// unknown, revoked or expired token alike). Notes when it was last used
/// (at most once a minute, to spare writes).
pub async fn authenticate(db: &DatabaseConnection, presented: &str) -> AppResult<BiClient> {
    let token = bi_token::Entity::find()
        .filter(bi_token::Column::TokenHash.eq(bearer::hash(presented)))
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
    bearer::note_use::<bi_token::Entity>(db, COLUMNS, token.id, token.last_used_at).await?;
    Ok(BiClient {
        organisation_id: token.organisation_id,
        token_id: token.id,
        units,
        today,
    })
}
