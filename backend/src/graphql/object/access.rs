//! Purpose-bound access as the API shows it.

use async_graphql::{Context, Enum, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use supervision_shared::AccessPurpose;
use uuid::Uuid;

use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::access::{self, AccessToMyRecord, WhatWasRead};

/// A time-limited grant to open content for a stated purpose.
#[derive(Debug, Clone, SimpleObject)]
pub struct AccessGrant {
    /// Grant id.
    pub id: Uuid,
    /// The stated purpose.
    pub purpose: AccessPurpose,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

/// How the viewer stands towards a record (the service's
/// `access::RecordAccess` without what only the server needs): what the
/// front end may offer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
pub enum RecordAccess {
    /// Recorder or supervisee.
    Participant,
    /// The supervisee's supervisor or line manager today, who holds the
    /// file the record belongs in: reads it, does not change it.
    FileHolder,
    /// HR on a performance management record.
    HumanResources,
    /// Opened for a stated purpose; the read is logged.
    Granted,
    /// Knows the session happened; cannot read its content.
    MetadataOnly,
}

impl From<access::RecordAccess> for RecordAccess {
    fn from(decided: access::RecordAccess) -> Self {
        match decided {
            access::RecordAccess::Participant { .. } => Self::Participant,
            access::RecordAccess::FileHolder => Self::FileHolder,
            access::RecordAccess::HumanResources => Self::HumanResources,
            access::RecordAccess::Granted { .. } => Self::Granted,
            access::RecordAccess::MetadataOnly => Self::MetadataOnly,
        }
    }
}

/// Someone opened one of my records or agreements: who, when and why
/// (F7.3).
#[derive(Debug, Clone)]
pub struct RecordAccessEvent(pub AccessToMyRecord);

#[Object]
impl RecordAccessEvent {
    /// Who read it.
    async fn reader(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.reader_id).await
    }

    /// The record read, when it was a record.
    async fn supervision_id(&self) -> Option<Uuid> {
        match self.0.what {
            WhatWasRead::Record(id) => Some(id),
            WhatWasRead::Agreement(_) => None,
        }
    }

    /// The supervision agreement read, when it was an agreement.
    async fn agreement_id(&self) -> Option<Uuid> {
        match self.0.what {
            WhatWasRead::Agreement(id) => Some(id),
            WhatWasRead::Record(_) => None,
        }
    }

    /// When.
    async fn read_at(&self) -> DateTime<Utc> {
        self.0.read_at
    }

    /// The purpose they stated.
    async fn purpose(&self) -> AccessPurpose {
        self.0.purpose
    }

    /// Their written reason.
    async fn reason(&self) -> &str {
        &self.0.reason
    }
}
