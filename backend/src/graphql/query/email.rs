//! Emails that could not be delivered, for system administrators.

use async_graphql::{Context, Object, Result};

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::email::UndeliverableEmail;
use crate::service::outbox;

/// Queries about email.
#[derive(Debug, Default)]
pub struct EmailQuery;

#[Object(guard = "SignedIn")]
impl EmailQuery {
    /// My organisation's emails the receiving server refused for good (no
    /// such address), newest first; they are not tried again (system
    /// administrators only).
    async fn undeliverable_emails(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50, validator(minimum = 1, maximum = 500))] first: u64,
    ) -> Result<Vec<UndeliverableEmail>> {
        Ok(outbox::undeliverable(ctx.db()?, ctx.viewer()?, first)
            .await?
            .into_iter()
            .map(UndeliverableEmail)
            .collect())
    }
}
