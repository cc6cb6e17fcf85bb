//! The decision for one record: how the viewer stands towards it, or that
//! they may not know it exists.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};
use supervision_shared::{Role, SupervisionKind};
use uuid::Uuid;

use super::file;
use super::purpose::live_grant;
use super::scope::oversees_any;
use crate::auth::Viewer;
use crate::entity::access_grant;
use crate::error::{AppError, AppResult};

/// How the viewer stands towards a record; decides what they may read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordAccess {
    /// Recorder or supervisee: may read the content (F7.1). A recorder who
    /// has handed the file on is no longer one ([`super::file`]).
    Participant {
        /// The viewer wrote the record.
        recorder: bool,
        /// The viewer is one of its supervisees.
        supervisee: bool,
    },
    /// The supervisee's supervisor or line manager today, who holds the
    /// file this record belongs in, earlier sessions included (F2.5): may
    /// read the content, not change it.
    FileHolder,
    /// An HR administrator reading a performance management record (F7.5).
    HumanResources,
    /// Opened for a stated purpose under a time-limited grant (F7.3).
    Granted {
        /// The grant; each read under it is logged.
        grant_id: Uuid,
    },
    /// The management chain or a senior manager in scope: may know that the
    /// session took place, never its content (F7.2).
    MetadataOnly,
}

impl RecordAccess {
    /// Whether the sections, notes, actions and comments may be read.
    pub fn may_read_content(self) -> bool {
        !matches!(self, Self::MetadataOnly)
    }

    /// Whether the viewer took part: wrote the record or was supervised in it.
    pub fn is_participant(self) -> bool {
        matches!(self, Self::Participant { .. })
    }

    /// Whether the viewer facilitated the session: they wrote the record
    /// and still hold it.
    pub fn is_facilitator(self) -> bool {
        matches!(self, Self::Participant { recorder: true, .. })
    }

    /// Whether the viewer is a supervisee on the record.
    pub fn is_supervisee(self) -> bool {
        matches!(
            self,
            Self::Participant {
                supervisee: true,
                ..
            }
        )
    }
}

/// A record of this organisation, or `NotFound`, whoever asks. Callers decide
/// access separately; this only keeps tenants apart.
pub async fn record_in_organisation(
    db: &impl ConnectionTrait,
    organisation_id: Uuid,
    id: Uuid,
) -> AppResult<crate::entity::supervision::Model> {
    crate::entity::supervision::Entity::find_by_id(id)
        .filter(crate::entity::supervision::Column::OrganisationId.eq(organisation_id))
        .filter(crate::entity::supervision::Column::RemovedAt.is_null())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Decides the viewer's access to a record of their organisation, or `None`
/// when they may not know it exists.
pub async fn access_to(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    record: &crate::entity::supervision::Model,
    supervisees: &[Uuid],
    now: DateTime<Utc>,
) -> AppResult<Option<RecordAccess>> {
    if record.organisation_id != viewer.organisation_id {
        return Ok(None);
    }
    let today = crate::service::clock::today_in(viewer.time_zone, now);
    let supervisee = supervisees.contains(&viewer.staff_id);
    // A recorder who has handed the file on reads it no more: they stand
    // towards it as anyone else now does.
    let recorder = record.recorded_by == viewer.staff_id
        && (supervisee
            || !file::recorder_handed_on(db, viewer, record.kind, supervisees, today).await?);
    if recorder || supervisee {
        return Ok(Some(RecordAccess::Participant {
            recorder,
            supervisee,
        }));
    }
    // Performance management is for the manager running the procedure, the
    // person and HR only: not the wider chain, not even by grant.
    if record.kind == SupervisionKind::PerformanceManagement {
        return Ok(viewer
            .has_role(Role::HrAdmin)
            .then_some(RecordAccess::HumanResources));
    }
    if file::holds_file(db, viewer, record.kind, supervisees, today).await? {
        return Ok(Some(RecordAccess::FileHolder));
    }
    let covers = Condition::any()
        .add(access_grant::Column::SupervisionId.eq(record.id))
        .add(access_grant::Column::PersonId.is_in(supervisees.iter().copied()));
    if let Some(grant_id) = live_grant(db, viewer, covers, now).await? {
        return Ok(Some(RecordAccess::Granted { grant_id }));
    }
    if oversees_any(db, viewer, supervisees, today).await? {
        return Ok(Some(RecordAccess::MetadataOnly));
    }
    Ok(None)
}
