//! Cases due for discussion (F3.7).

use async_graphql::{Context, Object, Result};

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::case::CaseForDiscussion;
use crate::service::case;

/// Queries about cases.
#[derive(Debug, Default)]
pub struct CaseQuery;

#[Object(guard = "SignedIn")]
impl CaseQuery {
    /// The cases of my supervisions and of those I recorded: when each was
    /// last discussed, and which open ones are overdue for discussion
    /// (first).
    async fn cases_for_discussion(&self, ctx: &Context<'_>) -> Result<Vec<CaseForDiscussion>> {
        Ok(
            case::for_discussion(ctx.db()?, ctx.viewer()?, ctx.viewer()?.today())
                .await?
                .into_iter()
                .map(CaseForDiscussion)
                .collect(),
        )
    }
}
