//! `me`: who is signed in.

use async_graphql::{Context, Object, Result};

use crate::graphql::context::ContextExt;
use crate::graphql::guard::SignedIn;
use crate::graphql::object::me::Me;
use crate::service::directory;

/// Queries about the signed-in person.
#[derive(Debug, Default)]
pub struct MeQuery;

#[Object(guard = "SignedIn")]
impl MeQuery {
    /// The signed-in person.
    async fn me(&self, ctx: &Context<'_>) -> Result<Me> {
        let db = ctx.db()?;
        let viewer = ctx.viewer()?;
        let own = directory::own_record(db, viewer).await?;
        Ok(Me {
            id: viewer.staff_id,
            name: viewer.name.clone(),
            job_title: own.job_title,
            organisation_name: directory::organisation_name(db, viewer).await?,
            roles: viewer.roles.clone(),
            time_zone: viewer.time_zone.name().to_owned(),
            supervised: directory::is_supervised(db, viewer).await?,
        })
    }
}
