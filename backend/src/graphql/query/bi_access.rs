//! The organisation's BI tokens, for system administrators (never the
//! secrets themselves).

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, NaiveDate, Utc};
use supervision_shared::Role;
use uuid::Uuid;

use crate::graphql::context::ContextExt;
use crate::graphql::guard::HoldsRole;
use crate::service::bi::token;

/// A unit a BI token reaches, with everything below it.
#[derive(Debug, SimpleObject)]
pub struct BiTokenUnit {
    /// Its id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
}

/// A BI token as listed.
#[derive(Debug, SimpleObject)]
pub struct BiToken {
    /// Its id.
    pub id: Uuid,
    /// The BI client it was made for.
    pub label: String,
    /// The units it reaches.
    pub units: Vec<BiTokenUnit>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// Its last day of use.
    pub expires_on: NaiveDate,
    /// When the BI client last used it.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Queries about BI access.
#[derive(Debug, Default)]
pub struct BiAccessQuery;

// A field's own guard takes the place of the object's: `HoldsRole` asks
// for a signed-in viewer first.
#[Object(guard = "crate::graphql::guard::SignedIn")]
impl BiAccessQuery {
    /// My organisation's BI tokens, newest first (system administrators).
    #[graphql(guard = "HoldsRole(Role::SystemAdmin)")]
    async fn bi_tokens(&self, ctx: &Context<'_>) -> Result<Vec<BiToken>> {
        Ok(token::list(ctx.db()?, ctx.viewer()?)
            .await?
            .into_iter()
            .map(|t| BiToken {
                id: t.id,
                label: t.label,
                units: t
                    .units
                    .into_iter()
                    .map(|(id, name)| BiTokenUnit { id, name })
                    .collect(),
                created_at: t.created_at,
                expires_on: t.expires_on,
                last_used_at: t.last_used_at,
                revoked_at: t.revoked_at,
            })
            .collect())
    }
}
