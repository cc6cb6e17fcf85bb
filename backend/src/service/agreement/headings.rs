//! The organisation's agreement template: the headings the pair writes
//! under (F6.1), the policies' own by default.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};
use supervision_shared::Role;
use supervision_shared::agreement::{AgreementHeading, check_headings, default_headings};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::agreement_heading;
use crate::error::{AppError, AppResult};
use crate::service::access::require_any_role;
use crate::service::audit::{self, AuditEntry};

/// The organisation's headings, in order.
pub async fn headings_of(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
) -> AppResult<Vec<AgreementHeading>> {
    Ok(agreement_heading::Entity::find()
        .filter(agreement_heading::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(agreement_heading::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|row| AgreementHeading {
            key: row.heading_key,
            heading: row.heading,
            guidance: row.guidance,
        })
        .collect())
}

/// Writes the policies' headings for a new organisation.
pub async fn write_defaults(txn: &impl ConnectionTrait, organisation_id: Uuid) -> AppResult<()> {
    write(txn, organisation_id, default_headings()).await
}

/// A system administrator writes the organisation's own headings, in
/// order, in place of those it had. Agreements already written keep their
/// texts under the keys they had. Audited.
pub async fn set(
    db: &sea_orm::DatabaseConnection,
    viewer: &Viewer,
    headings: Vec<AgreementHeading>,
) -> AppResult<Vec<AgreementHeading>> {
    require_any_role(viewer, &[Role::SystemAdmin])?;
    let errors = check_headings(&headings);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let headings: Vec<AgreementHeading> = headings
        .into_iter()
        .map(|h| AgreementHeading {
            key: h.key,
            heading: h.heading.trim().to_owned(),
            guidance: h.guidance.trim().to_owned(),
        })
        .collect();
    let txn = crate::db::begin(db, viewer.organisation_id).await?;
    agreement_heading::Entity::delete_many()
        .filter(agreement_heading::Column::OrganisationId.eq(viewer.organisation_id))
        .exec(&txn)
        .await?;
    write(&txn, viewer.organisation_id, headings.clone()).await?;
    audit::record(
        &txn,
        AuditEntry::by(
            viewer,
            "agreement.headings",
            "organisation",
            viewer.organisation_id,
            serde_json::json!({ "keys": headings.iter().map(|h| h.key.as_str()).collect::<Vec<_>>() }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(headings)
}

async fn write(
    txn: &impl ConnectionTrait,
    organisation_id: Uuid,
    headings: Vec<AgreementHeading>,
) -> AppResult<()> {
    let rows = headings.into_iter().enumerate().map(|(position, h)| {
        agreement_heading::Model {
            organisation_id,
            heading_key: h.key,
            position: i32::try_from(position).unwrap_or(i32::MAX),
            heading: h.heading,
            guidance: h.guidance,
        }
        .into_active_model()
    });
    agreement_heading::Entity::insert_many(rows)
        .exec_without_returning(txn)
        .await?;
    Ok(())
}
