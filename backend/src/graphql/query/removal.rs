//! Removal requests, for the system administrators who decide them.

use async_graphql::{Context, Object, Result};

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::removal::RemovalRequest;
use crate::service::removal;

/// Queries about removal.
#[derive(Debug, Default)]
pub struct RemovalQuery;

#[Object(guard = "SignedIn")]
impl RemovalQuery {
    /// Removal requests of my organisation, those waiting first (system
    /// administrators only).
    async fn removal_requests(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 100, validator(minimum = 1, maximum = 500))] first: u64,
    ) -> Result<Vec<RemovalRequest>> {
        Ok(removal::list(ctx.db()?, ctx.viewer()?, first)
            .await?
            .into_iter()
            .map(|(row, record)| RemovalRequest::new(row, Some(record)))
            .collect())
    }
}
