//! The viewer's actions, and those to carry forward into a new record.

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::action::Action;
use crate::service::action;

/// Queries about actions.
#[derive(Debug, Default)]
pub struct ActionQuery;

#[Object(guard = "SignedIn")]
impl ActionQuery {
    /// Actions I own and actions from supervisions I recorded: open ones,
    /// overdue first (or all, with `includeClosed`).
    async fn my_actions(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] include_closed: bool,
    ) -> Result<Vec<Action>> {
        Ok(action::mine(
            ctx.db()?,
            ctx.viewer()?,
            include_closed,
            ctx.viewer()?.today(),
        )
        .await?
        .into_iter()
        .map(Action)
        .collect())
    }

    /// Open actions from my earlier supervisions with these people: shown
    /// when recording the next one (F3.6).
    async fn carried_forward_actions(
        &self,
        ctx: &Context<'_>,
        #[graphql(validator(max_items = 100))] supervisee_ids: Vec<Uuid>,
    ) -> Result<Vec<Action>> {
        Ok(action::carried_forward(
            ctx.db()?,
            ctx.viewer()?,
            &supervisee_ids,
            ctx.viewer()?.today(),
        )
        .await?
        .into_iter()
        .map(Action)
        .collect())
    }
}
