//! Guards: the small set of checks that every root field and every field
//! carrying supervision content is wrapped in. Deny by default: a field with
//! content and no guard is a bug that the access tests look for.

use async_graphql::{Context, Guard, Result};

use crate::error::AppError;
use crate::graphql::context::ContextExt;
use crate::service::access::{self, AgreementAccess, RecordAccess};

/// Someone is signed in (applied to the root query and mutation objects).
#[derive(Debug, Clone, Copy)]
pub struct SignedIn;

impl Guard for SignedIn {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        ctx.viewer().map(|_| ()).map_err(Into::into)
    }
}

/// The viewer holds this role; combine with `.or()` for "any of these".
/// Anyone without it is told `FORBIDDEN`.
#[derive(Debug, Clone, Copy)]
pub struct HoldsRole(pub supervision_shared::Role);

impl Guard for HoldsRole {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        if ctx.viewer()?.has_role(self.0) {
            Ok(())
        } else {
            Err(AppError::Forbidden.into())
        }
    }
}

/// The viewer may read this field of a record: whatever
/// `service::access::fields` declares for the field and the viewer's
/// standing (content for the recorder and supervisees, F7.1). Anyone who
/// merely knows the session happened gets `FORBIDDEN` for a content field
/// while the rest of the answer stands.
#[derive(Debug, Clone, Copy)]
pub struct ContentReader(pub RecordAccess);

impl Guard for ContentReader {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        if access::may_read_field(self.0, ctx.field().name()) {
            Ok(())
        } else {
            Err(AppError::Forbidden.into())
        }
    }
}

/// The viewer may read this field of a supervision agreement: what
/// `service::access::agreement` declares (everything for its two parties;
/// that it exists and its dates for the supervisee's management chain).
/// Anyone else never gets the agreement at all.
#[derive(Debug, Clone, Copy)]
pub struct AgreementContentReader(pub AgreementAccess);

impl Guard for AgreementContentReader {
    async fn check(&self, ctx: &Context<'_>) -> Result<()> {
        if access::may_read_agreement_field(self.0, ctx.field().name()) {
            Ok(())
        } else {
            Err(AppError::Forbidden.into())
        }
    }
}
