//! Opening records for a stated purpose.

use async_graphql::{Context, InputObject, Object, Result};
use supervision_shared::AccessPurpose;
use uuid::Uuid;

use crate::config::AccessPolicy;
use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::access::AccessGrant;
use crate::service::access::{self, GrantRequest};

/// What to open and why.
#[derive(Debug, InputObject)]
pub struct OpenForPurposeInput {
    /// One record…
    pub supervision_id: Option<Uuid>,
    /// …or one supervision agreement…
    pub agreement_id: Option<Uuid>,
    /// …or one person's whole file (their records and agreements).
    pub staff_id: Option<Uuid>,
    /// The purpose.
    pub purpose: AccessPurpose,
    /// The reason, in words the supervisee will read.
    pub reason: String,
}

/// Mutations about access.
#[derive(Debug, Default)]
pub struct AccessMutation;

#[Object(guard = "SignedIn")]
impl AccessMutation {
    /// Opens a record's content, an agreement's, or a person's file, for a stated purpose and
    /// a written reason, for a limited time (F7.3). Only roles allowed that
    /// purpose may; every read under the grant is logged and shown to the
    /// supervisee.
    async fn open_for_purpose(
        &self,
        ctx: &Context<'_>,
        input: OpenForPurposeInput,
    ) -> Result<AccessGrant> {
        let policy = ctx.data::<AccessPolicy>()?;
        let grant = access::open_for_purpose(
            ctx.db()?,
            ctx.viewer()?,
            policy,
            GrantRequest {
                supervision_id: input.supervision_id,
                agreement_id: input.agreement_id,
                person_id: input.staff_id,
                purpose: input.purpose,
                reason: input.reason,
            },
        )
        .await?;
        Ok(AccessGrant {
            id: grant.id,
            purpose: input.purpose,
            expires_at: grant.expires_at,
        })
    }
}
