//! Supervision agreements (F6): written by a supervisor with their
//! supervisee under the organisation's headings, signed by both, reviewed
//! at least yearly; the frequency agreed becomes the supervisee's policy
//! (a person's rule, which waits for a head of service when it is less
//! often than the organisation's default).
//!
//! | module | what |
//! | --- | --- |
//! | [`headings`] | the organisation's template |
//! | [`write`] | starting one, and revising it before both have signed |
//! | [`sign`] | each party's signature; the second puts it in force |
//! | [`standing`] | where each supervisee's agreement stands, for My supervisees |

pub mod headings;
pub mod sign;
pub mod standing;
pub mod write;

use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::auth::Viewer;
use crate::entity::agreement;
use crate::error::{AppError, AppResult};
use crate::service::access::agreement::{decide, holds_grant_for_file};
use crate::service::access::{AgreementAccess, agreement_access};
use crate::service::directory::Relationship;

/// Where an agreement is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
pub enum AgreementStatus {
    /// Written; neither has signed.
    Draft,
    /// One of the two has signed.
    AwaitingSignature,
    /// Both signed; the pair's agreement.
    InForce,
    /// Replaced by a newer one.
    Ended,
}

/// The status of a stored agreement.
pub fn status_of(row: &agreement::Model) -> AgreementStatus {
    if row.ended_on.is_some() {
        AgreementStatus::Ended
    } else if row.in_force_at.is_some() {
        AgreementStatus::InForce
    } else if row.supervisor_signed_at.is_some() || row.supervisee_signed_at.is_some() {
        AgreementStatus::AwaitingSignature
    } else {
        AgreementStatus::Draft
    }
}

/// The relationship an agreement is for.
pub fn relationship_of(row: &agreement::Model) -> AppResult<Relationship> {
    Relationship::parse(&row.relationship).ok_or_else(|| {
        AppError::Internal(anyhow::anyhow!("unknown relationship {}", row.relationship))
    })
}

/// The sections as stored: `[[key, text], …]`.
pub fn sections_of(row: &agreement::Model) -> AppResult<Vec<(String, String)>> {
    serde_json::from_str(&row.sections).map_err(|e| AppError::Internal(e.into()))
}

/// One agreement the viewer may know of, and how they stand towards it;
/// `NotFound` otherwise, the same as one that does not exist.
pub async fn one(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: Uuid,
) -> AppResult<(agreement::Model, AgreementAccess)> {
    let row = agreement::Entity::find_by_id(id)
        .filter(agreement::Column::OrganisationId.eq(viewer.organisation_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let access = agreement_access(db, viewer, &row)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((row, access))
}

/// A person's agreements, newest first, as the viewer may know them: all
/// of them for the person themselves, those who oversee them and those
/// who opened the person's file for a stated purpose (content only when
/// one is opened, so each read is logged); for a supervisor who is not,
/// the ones they are party to. `NotFound` for anyone else.
pub async fn of_person(
    db: &DatabaseConnection,
    viewer: &Viewer,
    staff_id: Uuid,
) -> AppResult<Vec<(agreement::Model, AgreementAccess)>> {
    let rows = agreement::Entity::find()
        .filter(agreement::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(agreement::Column::SuperviseeId.eq(staff_id))
        .order_by_desc(agreement::Column::StartsOn)
        .order_by_desc(agreement::Column::CreatedAt)
        .all(db)
        .await?;
    // Asked once: every row is about the same supervisee.
    let oversees = staff_id != viewer.staff_id
        && (crate::service::access::oversees_any(db, viewer, &[staff_id], viewer.today()).await?
            || holds_grant_for_file(db, viewer, staff_id).await?);
    let seen: Vec<_> = rows
        .into_iter()
        .filter_map(|row| decide(viewer, &row, oversees).map(|access| (row, access)))
        .collect();
    if seen.is_empty() && staff_id != viewer.staff_id && !oversees {
        // Nobody learns whether a person they do not oversee has any.
        return Err(AppError::NotFound);
    }
    Ok(seen)
}

/// The agreements the viewer is party to that are not yet in force or
/// still in force: theirs as supervisee, and those with their supervisees.
pub async fn mine(
    db: &DatabaseConnection,
    viewer: &Viewer,
) -> AppResult<Vec<(agreement::Model, AgreementAccess)>> {
    use sea_orm::Condition;
    let rows = agreement::Entity::find()
        .filter(agreement::Column::OrganisationId.eq(viewer.organisation_id))
        .filter(
            Condition::any()
                .add(agreement::Column::SuperviseeId.eq(viewer.staff_id))
                .add(agreement::Column::SupervisorId.eq(viewer.staff_id)),
        )
        .filter(agreement::Column::EndedOn.is_null())
        .order_by_desc(agreement::Column::StartsOn)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let supervisee = row.supervisee_id == viewer.staff_id;
            (row, AgreementAccess::Party { supervisee })
        })
        .collect())
}
