//! Making, revising and signing supervision agreements (F6).

use async_graphql::{Context, InputObject, Object, Result};
use chrono::NaiveDate;
use supervision_shared::agreement::AgreementTerms;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::agreement::Agreement;
use crate::graphql::object::allocation::AllocationKind;
use crate::service::access::AgreementAccess;
use crate::service::agreement;

/// What the pair wrote under one heading.
#[derive(Debug, Clone, InputObject)]
pub struct AgreementSectionInput {
    /// The heading's key (`agreementHeadings`).
    pub key: String,
    /// What they agree.
    pub text: String,
}

/// What the pair agree.
#[derive(Debug, Clone, InputObject)]
pub struct AgreementTermsInput {
    /// Days between formal supervisions.
    pub frequency_days: i32,
    /// Why, when less often than the organisation's (a head of service
    /// reads it).
    #[graphql(default)]
    pub frequency_reason: String,
    /// Usual length of a session, in minutes.
    pub duration_minutes: i32,
    /// Usual venue.
    pub venue: String,
    /// The first day it applies.
    pub starts_on: NaiveDate,
    /// When it is reviewed (within a year).
    pub review_by: NaiveDate,
    /// A text for each of the organisation's headings.
    pub sections: Vec<AgreementSectionInput>,
}

impl From<AgreementTermsInput> for AgreementTerms {
    fn from(input: AgreementTermsInput) -> Self {
        // A negative number becomes 0, which the checks refuse by field.
        let count = |n: i32| u32::try_from(n).unwrap_or(0);
        Self {
            frequency_days: count(input.frequency_days),
            frequency_reason: input.frequency_reason,
            duration_minutes: count(input.duration_minutes),
            venue: input.venue,
            starts_on: input.starts_on,
            review_by: input.review_by,
            sections: input
                .sections
                .into_iter()
                .map(|s| (s.key, s.text))
                .collect(),
        }
    }
}

/// Mutations of agreements.
#[derive(Debug, Default)]
pub struct AgreementMutation;

#[Object(guard = "SignedIn")]
impl AgreementMutation {
    /// Starts an agreement with a supervisee for the supervision I give
    /// them (or, as a senior manager, between them and their supervisor).
    /// Neither has signed it yet. Audited.
    async fn start_agreement(
        &self,
        ctx: &Context<'_>,
        supervisee_id: Uuid,
        kind: AllocationKind,
        terms: AgreementTermsInput,
    ) -> Result<Agreement> {
        let viewer = ctx.viewer()?;
        let row =
            agreement::write::start(ctx.db()?, viewer, supervisee_id, kind.into(), terms.into())
                .await?;
        let access = crate::service::access::agreement_access(ctx.db()?, viewer, &row)
            .await?
            .unwrap_or(AgreementAccess::Oversight);
        Ok((row, access).into())
    }

    /// Revises an agreement not yet signed by both; both sign again.
    /// Audited.
    async fn revise_agreement(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        terms: AgreementTermsInput,
    ) -> Result<Agreement> {
        let viewer = ctx.viewer()?;
        let row = agreement::write::revise(ctx.db()?, viewer, id, terms.into()).await?;
        Ok(agreement::one(ctx.db()?, viewer, row.id).await?.into())
    }

    /// Signs an agreement I am party to; the second signature puts it in
    /// force and makes its frequency my (or my supervisee's) policy.
    /// Audited.
    async fn sign_agreement(&self, ctx: &Context<'_>, id: Uuid) -> Result<Agreement> {
        let viewer = ctx.viewer()?;
        let row = agreement::sign::sign(ctx.db()?, viewer, id).await?;
        Ok(agreement::one(ctx.db()?, viewer, row.id).await?.into())
    }

    /// Writes my organisation's agreement headings, in order, in place of
    /// those it had (system administrators). Audited.
    async fn set_agreement_headings(
        &self,
        ctx: &Context<'_>,
        headings: Vec<supervision_shared::agreement::AgreementHeading>,
    ) -> Result<Vec<supervision_shared::agreement::AgreementHeading>> {
        Ok(agreement::headings::set(ctx.db()?, ctx.viewer()?, headings).await?)
    }
}
