//! Earlier versions of an amended record (F4.4): what each said, who
//! changed it, when and why.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::ValidationState;
use uuid::Uuid;

use crate::entity::supervision_version;
use crate::error::AppError;
use crate::graphql::object::staff::{StaffSummary, load_card};
use crate::service::amendment::Snapshot;

/// A version of a record that an amendment replaced: what it said, who
/// changed it, when, why, and how each supervisee had validated it.
#[derive(Debug, Clone)]
pub struct RecordVersion {
    row: supervision_version::Model,
    snapshot: Snapshot,
}

impl From<(supervision_version::Model, Snapshot)> for RecordVersion {
    fn from((row, snapshot): (supervision_version::Model, Snapshot)) -> Self {
        Self { row, snapshot }
    }
}

#[Object]
impl RecordVersion {
    /// The version number (1 is the record as first saved).
    async fn version(&self) -> i32 {
        self.row.version
    }

    /// Who replaced it.
    async fn changed_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.row.changed_by).await
    }

    /// When it was replaced.
    async fn changed_at(&self) -> DateTime<Utc> {
        self.row.changed_at
    }

    /// Why.
    async fn reason(&self) -> &str {
        &self.row.reason
    }

    /// The fields the amendment changed, by their API names.
    async fn changed_fields(&self) -> Vec<&str> {
        self.row
            .changed_fields
            .split(',')
            .filter(|f| !f.is_empty())
            .collect()
    }

    /// The day held, as this version said.
    async fn held_on(&self) -> NaiveDate {
        self.snapshot.held_on
    }

    /// Length in minutes, as this version said.
    async fn duration_minutes(&self) -> i32 {
        self.snapshot.duration_minutes
    }

    /// Where, as this version said.
    async fn location(&self) -> &str {
        &self.snapshot.location
    }

    /// Experience, as this version said.
    async fn experience(&self) -> &str {
        &self.snapshot.experience
    }

    /// Reflection, as this version said.
    async fn reflection(&self) -> &str {
        &self.snapshot.reflection
    }

    /// Analysis, as this version said.
    async fn analysis(&self) -> &str {
        &self.snapshot.analysis
    }

    /// Action plan, as this version said.
    async fn action_plan(&self) -> &str {
        &self.snapshot.action_plan
    }

    /// Notes, as this version said.
    async fn notes(&self) -> &str {
        &self.snapshot.notes
    }

    /// How each supervisee had validated this version.
    async fn validations(&self) -> Result<Vec<VersionValidation>> {
        self.snapshot
            .validations
            .iter()
            .map(|v| {
                Ok(VersionValidation {
                    supervisee_id: v.supervisee_id,
                    validation_state: ValidationState::parse(&v.validation_state)
                        .map_err(|e| AppError::Internal(e.into()))?,
                    validated_at: v.validated_at,
                    comment: v.comment.clone(),
                })
            })
            .collect()
    }
}

/// A supervisee's validation of an earlier version.
#[derive(Debug, Clone, SimpleObject)]
#[graphql(complex)]
pub struct VersionValidation {
    #[graphql(skip)]
    supervisee_id: Uuid,
    /// Awaiting, agreed or disagreed.
    validation_state: ValidationState,
    /// When they signed.
    validated_at: Option<DateTime<Utc>>,
    /// Their comment or own account.
    comment: Option<String>,
}

#[async_graphql::ComplexObject]
impl VersionValidation {
    /// The supervisee.
    async fn supervisee(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.supervisee_id).await
    }
}
