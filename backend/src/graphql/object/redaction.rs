//! A request to redact a section of a record, and its decision (F7.4).

use async_graphql::{Context, Object, Result};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::{RecordSection, SupervisionKind};
use uuid::Uuid;

use crate::entity::{redaction_request, supervision};
use crate::graphql::object::staff::{StaffSummary, load_card};

/// A request to redact a section, and its decision.
#[derive(Debug, Clone)]
pub struct RedactionRequest {
    row: redaction_request::Model,
    record: Option<supervision::Model>,
}

impl RedactionRequest {
    /// A request, with the record it is about for the manager deciding.
    pub fn new(row: redaction_request::Model, record: Option<supervision::Model>) -> Self {
        Self { row, record }
    }
}

#[Object]
impl RedactionRequest {
    /// Request id.
    async fn id(&self) -> Uuid {
        self.row.id
    }

    /// The record it is about.
    async fn supervision_id(&self) -> Uuid {
        self.row.supervision_id
    }

    /// The record's kind (shown to the manager deciding).
    async fn kind(&self) -> Option<SupervisionKind> {
        self.record.as_ref().map(|r| r.kind)
    }

    /// The day the session was held.
    async fn held_on(&self) -> Option<NaiveDate> {
        self.record.as_ref().map(|r| r.held_on)
    }

    /// The section to redact.
    async fn section(&self) -> RecordSection {
        self.row.section
    }

    /// Who asked.
    async fn requested_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.row.requested_by).await
    }

    /// When.
    async fn requested_at(&self) -> DateTime<Utc> {
        self.row.requested_at
    }

    /// Why they asked.
    async fn reason(&self) -> &str {
        &self.row.reason
    }

    /// pending, approved or declined.
    async fn status(&self) -> &str {
        &self.row.status
    }

    /// Who decided.
    async fn decided_by(&self, ctx: &Context<'_>) -> Result<Option<StaffSummary>> {
        match self.row.decided_by {
            Some(id) => Ok(Some(load_card(ctx, id).await?)),
            None => Ok(None),
        }
    }

    /// When it was decided.
    async fn decided_at(&self) -> Option<DateTime<Utc>> {
        self.row.decided_at
    }

    /// Why it was decided so.
    async fn decision_note(&self) -> Option<&str> {
        self.row.decision_note.as_deref()
    }
}
