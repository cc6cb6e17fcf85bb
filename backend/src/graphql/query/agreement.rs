//! Supervision agreements (F6).

use async_graphql::{Context, Object, Result};
use supervision_shared::agreement::AgreementHeading;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::agreement::Agreement;
use crate::service::agreement;

/// Queries about agreements.
#[derive(Debug, Default)]
pub struct AgreementQuery;

#[Object(guard = "SignedIn")]
impl AgreementQuery {
    /// My organisation's agreement headings, in order, with the policy's
    /// words to start each from.
    async fn agreement_headings(&self, ctx: &Context<'_>) -> Result<Vec<AgreementHeading>> {
        let viewer = ctx.viewer()?;
        Ok(agreement::headings::headings_of(ctx.db()?, viewer.organisation_id).await?)
    }

    /// One agreement I may know of (NOT_FOUND otherwise). Its content,
    /// read under a grant, is logged and shown to its supervisee.
    async fn agreement(&self, ctx: &Context<'_>, id: Uuid) -> Result<Agreement> {
        Ok(agreement::one(ctx.db()?, ctx.viewer()?, id).await?.into())
    }

    /// A person's agreements, newest first: theirs, their supervisors',
    /// and their management chain's to know of (NOT_FOUND for anyone else).
    async fn staff_agreements(&self, ctx: &Context<'_>, staff_id: Uuid) -> Result<Vec<Agreement>> {
        Ok(agreement::of_person(ctx.db()?, ctx.viewer()?, staff_id)
            .await?
            .into_iter()
            .map(Agreement::from)
            .collect())
    }

    /// The agreements I am party to, as supervisee or supervisor, that are
    /// being written or are in force.
    async fn my_agreements(&self, ctx: &Context<'_>) -> Result<Vec<Agreement>> {
        Ok(agreement::mine(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(Agreement::from)
            .collect())
    }
}
