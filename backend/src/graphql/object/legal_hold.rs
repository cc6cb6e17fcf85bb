//! A legal hold on a person's file or one record (F7.7).

use async_graphql::{Context, Object, Result};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::entity::legal_hold;
use crate::graphql::object::staff::{StaffSummary, load_card};

/// A legal hold on a person's file or one record: the retention purge
/// leaves it alone until it is released.
pub struct LegalHold(pub legal_hold::Model);

#[Object]
impl LegalHold {
    /// Hold id.
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// The person held, if a whole file.
    async fn staff_id(&self) -> Option<Uuid> {
        self.0.staff_id
    }

    /// The person held, by name, if a whole file.
    async fn person(&self, ctx: &Context<'_>) -> Result<Option<StaffSummary>> {
        match self.0.staff_id {
            Some(id) => Ok(Some(load_card(ctx, id).await?)),
            None => Ok(None),
        }
    }

    /// The record held, if one record.
    async fn supervision_id(&self) -> Option<Uuid> {
        self.0.supervision_id
    }

    /// Why it was placed.
    async fn reason(&self) -> &str {
        &self.0.reason
    }

    /// Who placed it.
    async fn placed_by(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.placed_by).await
    }

    /// When it was placed.
    async fn placed_at(&self) -> DateTime<Utc> {
        self.0.placed_at
    }
}
