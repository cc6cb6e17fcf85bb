//! `me`: who is signed in.

use async_graphql::{Context, Object, Result};

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::me::Me;

/// Queries about the signed-in person.
#[derive(Debug, Default)]
pub struct MeQuery;

#[Object(guard = "SignedIn")]
impl MeQuery {
    /// The signed-in person.
    async fn me(&self, ctx: &Context<'_>) -> Result<Me> {
        Ok(Me(ctx.viewer()?.clone()))
    }
}
