//! Recording and validating supervision.

use async_graphql::{Context, Object, Result};
use supervision_shared::{RecordDraft, ValidationDecision};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::supervision::Supervision;
use crate::service::supervision as records;

/// Mutations of supervision records.
#[derive(Debug, Default)]
pub struct SupervisionMutation;

#[Object(guard = "SignedIn")]
impl SupervisionMutation {
    /// Records a one-to-one or group session; each supervisee is asked to
    /// validate it. Invalid input writes nothing.
    async fn record_supervision(
        &self,
        ctx: &Context<'_>,
        input: RecordDraft,
    ) -> Result<Supervision> {
        Ok(records::record(
            ctx.db()?,
            ctx.viewer()?,
            ctx.links()?,
            ctx.rules()?,
            input,
            ctx.viewer()?.today(),
        )
        .await?
        .into())
    }

    /// A supervisee agrees with a record or disagrees with their own account.
    async fn validate_supervision(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        decision: ValidationDecision,
        #[graphql(default)] comment: String,
    ) -> Result<Supervision> {
        Ok(
            records::validate(ctx.db()?, ctx.viewer()?, id, decision, &comment)
                .await?
                .into(),
        )
    }

    /// Saves my own notes on a record I attended. Nobody else can read
    /// them unless I share them with the session's facilitator (F3.4);
    /// leaving `shareWithFacilitator` out keeps my earlier choice.
    async fn save_personal_notes(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        notes: String,
        share_with_facilitator: Option<bool>,
    ) -> Result<Supervision> {
        Ok(records::save_personal_notes(
            ctx.db()?,
            ctx.viewer()?,
            id,
            &notes,
            share_with_facilitator,
        )
        .await?
        .into())
    }

    /// Notes that I am printing a record I may see (F9.4); audited like an
    /// export. The front end asks before it opens the print dialogue.
    async fn note_printed(&self, ctx: &Context<'_>, id: Uuid) -> Result<bool> {
        records::note_printed(ctx.db()?, ctx.viewer()?, id).await?;
        Ok(true)
    }

    /// Adds my comment to a record I was supervised in, at any time.
    async fn add_comment(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        comment: String,
    ) -> Result<Supervision> {
        Ok(records::add_comment(ctx.db()?, ctx.viewer()?, id, &comment)
            .await?
            .into())
    }
}
