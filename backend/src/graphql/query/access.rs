//! Who has opened my records.

use async_graphql::{Context, Object, Result};

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::access::RecordAccessEvent;
use crate::service::access;

/// Queries about access to records.
#[derive(Debug, Default)]
pub struct AccessQuery;

#[Object(guard = "SignedIn")]
impl AccessQuery {
    /// Every read of my records by someone outside them, under a stated
    /// purpose: who, when and why. Newest first.
    async fn access_to_my_records(&self, ctx: &Context<'_>) -> Result<Vec<RecordAccessEvent>> {
        let reads = access::access_to_my_records(ctx.db()?, ctx.viewer()?).await?;
        Ok(reads.into_iter().map(RecordAccessEvent).collect())
    }
}
