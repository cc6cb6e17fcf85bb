//! Completing, re-dating or dropping an action.

use async_graphql::{Context, Object, Result};
use supervision_shared::action::ActionChange;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::action::Action;
use crate::service::action;

/// Mutations of actions.
#[derive(Debug, Default)]
pub struct ActionMutation;

#[Object(guard = "SignedIn")]
impl ActionMutation {
    /// The owner, or the supervisor who recorded it, changes an action's
    /// status or due date; the change is kept in its history.
    async fn update_action(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        input: ActionChange,
    ) -> Result<Action> {
        Ok(Action(
            action::change(ctx.db()?, ctx.viewer()?, id, input, ctx.viewer()?.today()).await?,
        ))
    }
}
