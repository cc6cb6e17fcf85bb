//! The organisation's agreement template: the headings the pair writes
//! under (F6.1), the policies' own by default.

use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
};
use supervision_shared::agreement::{AgreementHeading, default_headings};
use uuid::Uuid;

use crate::entity::agreement_heading;
use crate::error::AppResult;

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
    let rows = default_headings()
        .into_iter()
        .enumerate()
        .map(|(position, h)| {
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
