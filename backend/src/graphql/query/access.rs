//! Who has opened my records, and for which purposes I may open others'.

use async_graphql::{Context, Object, Result};
use supervision_shared::AccessPurpose;

use crate::config::AccessPolicy;
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

    /// The purposes my roles may state to open a record or an agreement
    /// (F7.3), as this deployment is configured; empty for most people.
    async fn my_access_purposes(&self, ctx: &Context<'_>) -> Result<Vec<AccessPurpose>> {
        let policy = ctx.data::<AccessPolicy>()?;
        let viewer = ctx.viewer()?;
        Ok(AccessPurpose::ALL
            .iter()
            .copied()
            .filter(|&purpose| policy.allows(&viewer.roles, purpose))
            .collect())
    }
}
