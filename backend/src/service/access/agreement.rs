//! The decision for one supervision agreement (F6, F7.1, F7.2): its two
//! parties read what they agreed; the supervisee's management chain and
//! senior managers in scope know that it exists, when it started and when
//! it is reviewed, never what it says; someone who opened it, or the
//! person's file, for a stated purpose (F7.3) reads it, each read logged;
//! anyone else, nothing.

use chrono::Utc;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait};
use uuid::Uuid;

use super::purpose::live_grant;
use super::scope::oversees_any;
use crate::auth::Viewer;
use crate::entity::{access_grant, agreement};
use crate::error::AppResult;

/// How the viewer stands towards an agreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgreementAccess {
    /// The supervisor or the supervisee it is between: everything.
    Party {
        /// The viewer is its supervisee.
        supervisee: bool,
    },
    /// Opened for a stated purpose under a live grant for this agreement
    /// or the supervisee's file: its content, each read logged and shown
    /// to the supervisee.
    Granted {
        /// The grant the read is logged under.
        grant_id: Uuid,
    },
    /// The supervisee's management chain or a senior manager in scope: that
    /// it exists, its dates and frequency (the person's policy, which they
    /// see on the policy page too), not its content.
    Oversight,
}

/// The fields of `Agreement` anyone who may know of it reads. Every other
/// field is content, readable by its parties only; the authorization
/// matrix (`tests/api/matrix.rs`) has a row for each.
pub const AGREEMENT_METADATA_FIELDS: &[&str] = &[
    "id",
    "kind",
    "supervisee",
    "supervisor",
    "frequencyDays",
    "startsOn",
    "reviewBy",
    "status",
    "supervisorSignedAt",
    "superviseeSignedAt",
    "inForceAt",
    "endedOn",
    "awaitingApproval",
    "viewerIsParty",
    "viewerReadsContent",
    "canSign",
];

/// Whether a viewer standing `access` towards an agreement may read its
/// field `field` (the API's name). Deny by default: a field not listed is
/// content.
pub fn may_read_agreement_field(access: AgreementAccess, field: &str) -> bool {
    matches!(
        access,
        AgreementAccess::Party { .. } | AgreementAccess::Granted { .. }
    ) || AGREEMENT_METADATA_FIELDS.contains(&field)
}

/// Decides the viewer's access to an agreement, or `None` when they may
/// not know it exists.
pub async fn agreement_access(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    row: &agreement::Model,
) -> AppResult<Option<AgreementAccess>> {
    let party = row.supervisee_id == viewer.staff_id || row.supervisor_id == viewer.staff_id;
    if party || row.organisation_id != viewer.organisation_id {
        return Ok(decide(viewer, row, false));
    }
    let covers = Condition::any()
        .add(access_grant::Column::AgreementId.eq(row.id))
        .add(access_grant::Column::PersonId.eq(row.supervisee_id));
    if let Some(grant_id) = live_grant(db, viewer, covers, Utc::now()).await? {
        return Ok(Some(AgreementAccess::Granted { grant_id }));
    }
    let oversees = oversees_any(db, viewer, &[row.supervisee_id], viewer.today()).await?;
    Ok(decide(viewer, row, oversees))
}

/// Whether the viewer holds a live grant for this person's file: they then
/// know of the person's agreements, as their management chain does (a list
/// shows no content; opening one reads it under the grant).
pub async fn holds_grant_for_file(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    person: Uuid,
) -> AppResult<bool> {
    let covers = Condition::all().add(access_grant::Column::PersonId.eq(person));
    Ok(live_grant(db, viewer, covers, Utc::now()).await?.is_some())
}

/// The decision for a list, once it is known whether the viewer oversees
/// the supervisee or holds a grant for their file (asked once for a list
/// of one person's agreements): a list never shows a non-party content.
pub fn decide(viewer: &Viewer, row: &agreement::Model, oversees: bool) -> Option<AgreementAccess> {
    if row.organisation_id != viewer.organisation_id {
        None
    } else if row.supervisee_id == viewer.staff_id || row.supervisor_id == viewer.staff_id {
        Some(AgreementAccess::Party {
            supervisee: row.supervisee_id == viewer.staff_id,
        })
    } else {
        oversees.then_some(AgreementAccess::Oversight)
    }
}
