//! An email the receiving server refused for good, as system
//! administrators see it: to whom, about what, and why. Never its body.

use async_graphql::{Context, Object, Result};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::entity::outbox_message;
use crate::graphql::object::staff::{StaffSummary, load_card};

/// An email that could not be delivered and will not be tried again.
pub struct UndeliverableEmail(pub outbox_message::Model);

#[Object]
impl UndeliverableEmail {
    /// Message id (also its `Message-ID`).
    async fn id(&self) -> Uuid {
        self.0.id
    }

    /// Who it was for.
    async fn recipient(&self, ctx: &Context<'_>) -> Result<StaffSummary> {
        load_card(ctx, self.0.recipient_id).await
    }

    /// The address it was sent to, as the directory had it then.
    async fn to_address(&self) -> &str {
        &self.0.to_address
    }

    /// Its subject line.
    async fn subject(&self) -> &str {
        &self.0.subject
    }

    /// What the receiving server said.
    async fn problem(&self) -> Option<&str> {
        self.0.last_error.as_deref()
    }

    /// When it was refused for good.
    async fn failed_at(&self) -> Option<DateTime<Utc>> {
        self.0.failed_at
    }
}
